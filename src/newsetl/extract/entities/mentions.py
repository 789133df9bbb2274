"""From tagged token spans to :class:`~newsetl.spans.Mention` rows: offsets, base forms,
entity ids.

Per document:

1. each span's tokens give its character offsets (start of the first token, end of the
   last) and its words, with the spacing between them taken from the text;
2. :func:`~newsetl.extract.entities.base_form.base_form_candidates` proposes base forms;
   the document then chooses among them (:mod:`.link_evidence`: "Markiem Rutte" is Mark
   because "Mark Rutte" occurs too);
3. short mentions are linked to longer ones (:mod:`.linking`: "Rutte" → "Mark Rutte").

``Mention.lemma`` is the mention's **own** nominative base form ("Rutte", "Blinken"),
and ``Mention.entity_id`` is the id of the entity's canonical name: for a linked short
mention that is the longer name's id ("Rutte" shares the id of "Mark Rutte"), otherwise
``entity_id(label, lemma)``. Consequently the lemma alone does not determine the id: a
bare "Rutte" in a document that never names Mark Rutte in full gets the id of "Rutte".
Dates and times keep their surface (with normalised spacing) as lemma.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from newsetl.extract.entities.base_form import base_form_candidates
from newsetl.extract.entities.link_evidence import attested
from newsetl.extract.entities.linking import LinkInput, entity_id, link
from newsetl.morph import Morphology
from newsetl.spans import Mention, Segmentation

# Recorded with the tagger's version on every mention row (``extractor_version``);
# bump it whenever base forms, linking or the tagger's post-processing change their
# output, so `reprocess` redoes them. 2: acronym + person spans split (tagger.py).
GLUE_VERSION = "2"


class TaggedSpan(NamedTuple):
    """A tagger's output: tokens ``first_token`` … ``end_token - 1`` of a sentence
    (indices count the sentence's own tokens)."""

    sentence_idx: int
    first_token: int
    end_token: int  # exclusive
    label: str
    subtype: str | None


# The tagger's own spans may carry a sixth field (nested parts), not used here.
SpanLike = (
    TaggedSpan | tuple[int, int, int, str, str | None] | tuple[int, int, int, str, str | None, tuple[object, ...]]
)


def _sentence_tokens(seg: Segmentation) -> list[list[tuple[int, int]]]:
    per_sentence: list[list[tuple[int, int]]] = [[] for _ in seg.sentences]
    for start, end, s_idx in seg.tokens:
        per_sentence[s_idx].append((start, end))
    return per_sentence


class _Draft(NamedTuple):
    sentence_idx: int
    start: int
    end: int
    label: str
    subtype: str | None
    words: tuple[str, ...]
    candidates: tuple[str, ...]


def mentions_in(text: str, segmentation: Segmentation, spans: Sequence[SpanLike], morph: Morphology) -> list[Mention]:
    """Mentions of one document, sorted by start (then end, then label)."""
    tokens = _sentence_tokens(segmentation)
    drafts: list[_Draft] = []
    for raw in spans:
        span = TaggedSpan(*raw[:5])
        sent = tokens[span.sentence_idx]
        if not 0 <= span.first_token < span.end_token <= len(sent):
            raise ValueError(f"span {span} outside sentence {span.sentence_idx} ({len(sent)} tokens)")
        toks = sent[span.first_token : span.end_token]
        words = tuple(text[s:e] for s, e in toks)
        spaces = [toks[i + 1][0] > toks[i][1] for i in range(len(toks) - 1)] + [False]
        cands = base_form_candidates(words, span.label, morph, spaces)
        drafts.append(_Draft(span.sentence_idx, toks[0][0], toks[-1][1], span.label, span.subtype, words, cands))
    drafts.sort(key=lambda d: (d.start, d.end, d.label))

    # document evidence: the words of all mentions, per label
    doc_words: dict[str, set[str]] = {}
    for d in drafts:
        doc_words.setdefault(d.label, set()).update(w.lower() for w in d.words)
    chosen = [attested(d.candidates, d.label, doc_words[d.label], morph) for d in drafts]

    inputs = [
        LinkInput(d.label, lemma, (lemma, *(c for c in d.candidates if c != lemma)))
        for d, lemma in zip(drafts, chosen, strict=True)
    ]
    links = link(inputs)
    return [
        Mention(d.sentence_idx, d.start, d.end, d.label, d.subtype, lk.lemma, entity_id(d.label, lk.canonical))
        for d, lk in zip(drafts, links, strict=True)
    ]


def mentions_in_documents(
    texts: Sequence[str],
    segmentations: Sequence[Segmentation],
    spans: Sequence[Sequence[SpanLike]],
    morph: Morphology,
) -> list[list[Mention]]:
    """:func:`mentions_in` for each document (the three sequences run in parallel)."""
    if not len(texts) == len(segmentations) == len(spans):
        raise ValueError("texts, segmentations and spans must have the same length")
    return [
        mentions_in(text, seg, doc_spans, morph)
        for text, seg, doc_spans in zip(texts, segmentations, spans, strict=True)
    ]
