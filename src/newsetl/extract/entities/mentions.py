"""From tagged token spans to :class:`~newsetl.spans.Mention` rows: offsets, base forms,
derived forms, entity ids.

Per document:

1. :func:`name_spans` keeps the name spans: dates and times leave ``mentions`` (the
   ``times`` table is their home); spans the tagger ran together are cut
   (:mod:`.split_spans`: "Min. Żochowski", "Związku Miast Polskich Beata Górecka"); a
   capitalised relational adjective is joined to the name after it
   (:func:`~.derived.attach_name_adjectives`; one-word person spans are never joined);
2. each span's tokens give its character offsets and words. A span made of derived
   words ("brytyjskiego", "Irakijczyków", "polsko-niemieckiej") becomes one derived
   mention per word (:mod:`.derived`), carrying the id of the name it derives from;
   a lower-case word Morfeusz knows only as a common word, and which no table knows
   ("senator", "gminy"), is not a name and is dropped;
3. :func:`~.base_form.base_form_candidates` proposes base forms of the names — read as a
   place when the lexicon knows the place, whatever the label ("Kijowa" tagged orgName
   is Kijów) — and the document's other spellings choose among them
   (:mod:`.link_evidence`);
4. short mentions are linked to longer ones, acronyms to their definitions in the text
   (:mod:`.linking`, :mod:`.acronyms`), and names to their canonical name in the alias
   table, contextual aliases only where the document names the entity otherwise.

``Mention.lemma`` is the mention's **own** base form ("Rutte", "Blinken"; a derived
word's dictionary lemma, "brytyjski"); ``Mention.entity_name`` is the entity's name as
this document resolves it ("Mark Rutte", "Wielka Brytania", a headword:
:func:`~.identity.headword`), and ``Mention.entity_id`` its id
(:func:`~.identity.entity_id` of the mention's group and that name).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

from newsetl.extract.entities.acronyms import NamedSpan, acronym_definitions
from newsetl.extract.entities.base_form import base_form_candidates
from newsetl.extract.entities.derived import SpanTokens, derived_parts
from newsetl.extract.entities.identity import (
    NAME_GROUP,
    NAME_LABELS,
    entity_group,
    entity_id,
    group_entity_id,
    headword,
    majority_label,
    normalise_name,
)
from newsetl.extract.entities.lexicon import EntityLexicon, default_entity_lexicon
from newsetl.extract.entities.link_evidence import attested
from newsetl.extract.entities.linking import LinkInput, link
from newsetl.extract.entities.split_spans import joined_adjectives, split_spans
from newsetl.morph import Morphology
from newsetl.spans import Mention, Segmentation, SpanPart, TaggedSpan

# Recorded with the tagger's version on every mention row (``extractor_version``);
# bump it whenever base forms, linking or the tagger's post-processing change their
# output, so `reprocess` redoes them. 2: acronym + person spans split (tagger.py).
# 3: derived forms, group ids, aliases, acronym definitions, no dates/times.
# 4: run-together spans cut (split_spans.py: titles, organisation + person, surname + name).
# 5: a capitalised word tagged persName is a surname, never a derived adjective (Kowalskiej).
# 6: base-form evidence from spellings under other labels where the mention's own label has none.
GLUE_VERSION = "6"


def glue_version(lexicon: EntityLexicon) -> str:
    """:data:`GLUE_VERSION` plus the digest of the entity lexicon's files, so that a
    rebuilt ``models/entities`` also makes `reprocess` redo the mentions."""
    return f"{GLUE_VERSION}.{lexicon.version}"


# Morfeusz qualifiers that make a word a name rather than a common word.
_PROPER = frozenset(
    {"nazwa_geograficzna", "człon_nazwy_geograficznej", "imię", "nazwisko", "nazwa_organizacji", "nazwa_własna"}
)


SpanLike = TaggedSpan | tuple[int, int, int, str, str | None]


def name_spans(spans: Sequence[SpanLike]) -> list[TaggedSpan]:
    """The tagger's name spans (persName, orgName, placeName, geogName): dates and times
    are the ``times`` table's, not mentions."""
    return [TaggedSpan(*s) for s in spans if s[3] in NAME_LABELS]


TIME_LABELS = frozenset({"date", "time"})


def time_spans(text: str, segmentation: Segmentation, spans: Sequence[SpanLike]) -> list[Mention]:
    """The tagger's date and time spans as :class:`Mention` s (surface as lemma, no
    entity) — not rows of ``mentions`` (the ``times`` table is their home) but what the
    claims step needs to keep the numbers inside dates from becoming claims
    (``claims_in_document`` blocks spans labelled date/time)."""
    tokens = segmentation.tokens_by_sentence()
    out = []
    for raw in spans:
        span = TaggedSpan(*raw)
        if span.label not in TIME_LABELS:
            continue
        toks = tokens[span.sentence_idx][span.first_token : span.end_token]
        if not toks:
            continue
        start, end = toks[0][0], toks[-1][1]
        out.append(Mention(span.sentence_idx, start, end, span.label, span.subtype, text[start:end], ""))
    return sorted(out, key=lambda m: (m.start, m.end))


class _Draft(NamedTuple):
    sentence_idx: int
    start: int
    end: int
    label: str
    subtype: str | None
    words: tuple[str, ...]
    candidates: tuple[str, ...]
    base_label: str  # the label the base form was read with (placeName for known places)
    parts: tuple[tuple[int, int, str, str | None], ...]  # nested names, text offsets


class _Derived(NamedTuple):
    sentence_idx: int
    start: int
    end: int
    label: str
    subtype: str | None
    lemma: str
    kind: str
    base: str
    group: str


@lru_cache(maxsize=20_000)
def _common_word(word: str, lexicon: EntityLexicon, morph: Morphology) -> bool:
    """A lower-case word that is no name: Morfeusz knows it, only as common words
    (lower-case lemmas, no proper-name qualifier), and no table lists it."""
    if not word[:1].islower():
        return False
    interps = morph.analyse(word)
    if any(i.tag == "ign" or i.lemma[:1].isupper() or _PROPER & set(i.qualifiers) for i in interps):
        return False
    for key in {normalise_name(word), *(normalise_name(i.lemma) for i in interps)}:
        if key in lexicon.aliases or key in lexicon.contextual or key in lexicon.places:
            return False
    return True


# Longest name re-read as a place: "Kijowa", "Korei Północnej", "Bośni i Hercegowiny".
_PLACE_WORDS = 3


@lru_cache(maxsize=20_000)
def _starts_with_place(word: str, lexicon: EntityLexicon, morph: Morphology) -> bool:
    """Morfeusz reads ``word`` as a form of a geographical name the lexicon knows."""
    return any("nazwa_geograficzna" in i.qualifiers and lexicon.is_place(i.lemma) for i in morph.analyse(word))


def _candidates(
    words: tuple[str, ...], label: str, spaces: list[bool], lexicon: EntityLexicon, morph: Morphology
) -> tuple[tuple[str, ...], str]:
    """Base-form candidates, read as a place's when the lexicon knows the place: the
    label should not decide a place's base form ("Kijowa" tagged orgName is Kijów)."""
    cands = base_form_candidates(words, label, morph, spaces)
    if (
        label in ("orgName", "persName")
        and len(words) <= _PLACE_WORDS
        and _starts_with_place(words[0], lexicon, morph)
        and not lexicon.is_place(cands[0])
    ):
        as_place = base_form_candidates(words, "placeName", morph, spaces)
        if lexicon.is_place(as_place[0]):
            return as_place, "placeName"
    return cands, label


def mentions_in(
    text: str,
    segmentation: Segmentation,
    spans: Sequence[SpanLike],
    morph: Morphology,
    lexicon: EntityLexicon | None = None,
) -> list[Mention]:
    """Name mentions of one document, sorted by start (then end, then label).

    ``lexicon``: the entity lexicon (:func:`~.lexicon.load_entity_lexicon`); the shipped
    one when omitted.
    """
    lex = lexicon if lexicon is not None else default_entity_lexicon()
    drafts, derived = _drafts(text, segmentation, spans, lex, morph)
    lemmas = _chosen_lemmas(drafts, morph)
    definitions = acronym_definitions(
        text,
        [NamedSpan(d.start, d.end, lemma) for d, lemma in zip(drafts, lemmas, strict=True) if d.label != "persName"],
    )
    labels = _entity_labels(drafts, lemmas, lex, morph)
    inputs = [
        LinkInput(label, lemma, (lemma, *(c for c in d.candidates if c != lemma)))
        for d, lemma, label in zip(drafts, lemmas, labels, strict=True)
    ]
    links = link(inputs, {normalise_name(k): v for k, v in definitions.items()}, lex.places)
    resolve = lex.resolver(
        [lk.canonical for lk, label in zip(links, labels, strict=True) if entity_group(label) == NAME_GROUP]
        + [x.base for x in derived if x.group == NAME_GROUP]
    )
    out: list[Mention] = []
    for d, lk, label in zip(drafts, links, labels, strict=True):
        group = entity_group(label)
        name = headword(resolve(lk.canonical) if group == NAME_GROUP else lk.canonical)
        out.append(
            Mention(
                d.sentence_idx,
                d.start,
                d.end,
                d.label,
                d.subtype,
                lk.lemma,
                entity_id(label, name),
                None,
                name,
                d.parts,
            )
        )
    for x in derived:
        name = headword(resolve(x.base) if x.group == NAME_GROUP else x.base)
        ident = group_entity_id(x.group, name)
        out.append(Mention(x.sentence_idx, x.start, x.end, x.label, x.subtype, x.lemma, ident, x.kind, name))
    out.sort(key=lambda m: (m.start, m.end, m.label))
    return out


def _drafts(
    text: str, segmentation: Segmentation, spans: Sequence[SpanLike], lexicon: EntityLexicon, morph: Morphology
) -> tuple[list[_Draft], list[_Derived]]:
    """Name spans as drafts with base-form candidates, and derived words, of one document."""
    tokens = segmentation.tokens_by_sentence()
    names = split_spans(name_spans(spans), text, tokens, morph)
    for span in names:
        if not 0 <= span.first_token < span.end_token <= len(tokens[span.sentence_idx]):
            raise ValueError(
                f"span {span} outside sentence {span.sentence_idx} ({len(tokens[span.sentence_idx])} tokens)"
            )
    drafts: list[_Draft] = []
    derived: list[_Derived] = []
    nested = _nested_names(names)
    for raw in joined_adjectives(names, text, tokens, lexicon):
        span = TaggedSpan(*raw)
        toks = tokens[span.sentence_idx][span.first_token : span.end_token]
        words = tuple(text[s:e] for s, e in toks)
        parts = derived_parts(SpanTokens(words, tuple(toks)), span.label, lexicon, morph)
        if parts is not None:
            for p in parts:
                w = p.word
                derived.append(
                    _Derived(
                        span.sentence_idx, p.start, p.end, span.label, span.subtype, w.lemma, w.kind, w.base, w.group
                    )
                )
            continue
        if len(words) == 1 and _common_word(words[0], lexicon, morph):
            continue
        spaces = [toks[i + 1][0] > toks[i][1] for i in range(len(toks) - 1)] + [False]
        cands, base_label = _candidates(words, span.label, spaces, lexicon, morph)
        inner = tuple(
            (
                tokens[span.sentence_idx][p.first_token][0],
                tokens[span.sentence_idx][p.end_token - 1][1],
                p.label,
                p.subtype,
            )
            for p in nested.get(span.sentence_idx, ())
            if span.first_token <= p.first_token and p.end_token <= span.end_token
        )
        drafts.append(
            _Draft(
                span.sentence_idx, toks[0][0], toks[-1][1], span.label, span.subtype, words, cands, base_label, inner
            )
        )
    drafts.sort(key=lambda d: (d.start, d.end, d.label))
    return drafts, derived


def _nested_names(names: Sequence[TaggedSpan]) -> dict[int, list[SpanPart]]:
    """The tagger's nested names (person parts, settlements in organisations) per sentence."""
    out: dict[int, list[SpanPart]] = {}
    for span in names:
        out.setdefault(span.sentence_idx, []).extend(span.parts)
    return out


def _chosen_lemmas(drafts: Sequence[_Draft], morph: Morphology) -> list[str]:
    """Each draft's base form, chosen among its candidates by document evidence: the
    words of the document's other spellings, per label the base form was read with, then
    under every label where that label's say nothing (a mention's own words count only if
    another spelling has them too)."""
    surfaces: dict[str, set[tuple[str, ...]]] = {}
    for d in drafts:
        surfaces.setdefault(d.base_label, set()).add(tuple(w.lower() for w in d.words))
    spelled_in = {label: _spellings_per_word(spellings) for label, spellings in surfaces.items()}
    everywhere = _spellings_per_word({s for spellings in surfaces.values() for s in spellings})
    doc_words = {label: set(counts) for label, counts in spelled_in.items()}
    all_words = set(everywhere)
    chosen = []
    for d in drafts:
        if len(d.candidates) < 2:
            chosen.append(d.candidates[0])
            continue
        counts = spelled_in[d.base_label]
        # Other labels' spellings speak only where this label's are silent (link_evidence.attested),
        # and only when they add words.
        fallback = None
        if len(everywhere) > len(counts):
            fallback = (all_words, _own_words(d.words, everywhere))
        own_only = _own_words(d.words, counts)
        chosen.append(attested(d.candidates, d.base_label, doc_words[d.base_label], morph, own_only, fallback))
    return chosen


def _spellings_per_word(spellings: Iterable[tuple[str, ...]]) -> dict[str, int]:
    """For each lowercased word, how many of the distinct ``spellings`` have it."""
    counts: dict[str, int] = {}
    for spelling in spellings:
        for word in set(spelling):
            counts[word] = counts.get(word, 0) + 1
    return counts


def _own_words(words: Sequence[str], counts: Mapping[str, int]) -> set[str]:
    """The words (lowercased) that no spelling but the mention's own has."""
    return {w.lower() for w in words if counts[w.lower()] == 1}


def _entity_labels(
    drafts: Sequence[_Draft], lemmas: Sequence[str], lexicon: EntityLexicon, morph: Morphology
) -> list[str]:
    """The label each name mention is linked and grouped under (its own label stays on
    the mention). One name in one document is one thing: when the tagger gives a base
    form both the person label and another, the document's majority decides
    (:func:`~.identity.majority_label`). A lone person-labelled word that is a known
    place and no person's name in Morfeusz ("Niemcy", "Białoruś") is a place."""
    counts: dict[str, dict[str, int]] = {}
    for d, lemma in zip(drafts, lemmas, strict=True):
        per = counts.setdefault(normalise_name(lemma), {})
        per[d.label] = per.get(d.label, 0) + 1
    out = []
    for d, lemma in zip(drafts, lemmas, strict=True):
        per = counts[normalise_name(lemma)]
        label = d.label
        if len(per) > 1 and "persName" in per:
            majority = majority_label(per)
            if majority == "persName" or label == "persName":
                label = majority
        elif label == "persName" and len(per) == 1 and len(d.words) == 1 and _place_not_person(lemma, lexicon, morph):
            label = "placeName"
        out.append(label)
    return out


@lru_cache(maxsize=20_000)
def _place_not_person(lemma: str, lexicon: EntityLexicon, morph: Morphology) -> bool:
    if not lexicon.is_place(lemma):
        return False
    return not any(set(i.qualifiers) & {"imię", "nazwisko"} for i in morph.analyse(lemma))


def mentions_in_documents(
    texts: Sequence[str],
    segmentations: Sequence[Segmentation],
    spans: Sequence[Sequence[SpanLike]],
    morph: Morphology,
    lexicon: EntityLexicon | None = None,
) -> list[list[Mention]]:
    """:func:`mentions_in` for each document (the three sequences run in parallel)."""
    if not len(texts) == len(segmentations) == len(spans):
        raise ValueError("texts, segmentations and spans must have the same length")
    return [
        mentions_in(text, seg, doc_spans, morph, lexicon)
        for text, seg, doc_spans in zip(texts, segmentations, spans, strict=True)
    ]
