"""The data that moves between the text stages of one document.

All offsets are Python ``str`` indices into the *normalized* text (``documents.text``),
end-exclusive, so ``text[start:end]`` is a span's surface. Mapping to offsets in the
original text (``raw_start``/``raw_end``) is done once, when rows are built
(:mod:`newsetl.normalize.offsets`), so extractors never deal with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True, slots=True)
class Segmentation:
    """Paragraphs, sentences and tokens of one normalized text.

    * ``paragraphs[i] = (start, end)``
    * ``sentences[j] = (start, end, paragraph_idx)``
    * ``tokens[k] = (start, end, sentence_idx)``

    Lists are in text order; sentences never cross paragraphs, tokens never cross
    sentences; whitespace belongs to no token.
    """

    paragraphs: list[tuple[int, int]]
    sentences: list[tuple[int, int, int]]
    tokens: list[tuple[int, int, int]]

    def tokens_by_sentence(self) -> list[list[tuple[int, int]]]:
        """Per sentence, its tokens' ``(start, end)`` (a tagger's token indices count these)."""
        per_sentence: list[list[tuple[int, int]]] = [[] for _ in self.sentences]
        for start, end, sentence_idx in self.tokens:
            per_sentence[sentence_idx].append((start, end))
        return per_sentence

    def words_by_sentence(self, text: str) -> list[list[str]]:
        """Per sentence, its tokens' surfaces (what a tagger reads)."""
        return [[text[start:end] for start, end in sentence] for sentence in self.tokens_by_sentence()]


class SpanPart(NamedTuple):
    """A name nested in a tagged span: tokens ``[first_token, end_token)`` of the same sentence.

    ``label``/``subtype`` as NKJP writes the nested name: ``persName``/``forename``,
    ``persName``/``surname``, ``persName``/``addName``, ``placeName``/``settlement``
    (PolEval 2018 category ``f"{label}_{subtype}"``).
    """

    first_token: int
    end_token: int  # exclusive
    label: str
    subtype: str


class TaggedSpan(NamedTuple):
    """A tagger's output: tokens ``[first_token, end_token)`` of sentence ``sentence_idx``
    (indices count the sentence's own tokens, see :meth:`Segmentation.tokens_by_sentence`)."""

    sentence_idx: int
    first_token: int
    end_token: int  # exclusive
    label: str  # persName | orgName | placeName | geogName | date | time
    subtype: str | None  # place names: settlement, country, region, district, bloc
    # Names nested in this one (token offsets in the sentence, like the span's): a person's
    # forename/surname/addName, a settlement inside an organisation name. Empty when the
    # tagger has no inner model (models/ner/MODEL_CARD.md).
    parts: tuple[SpanPart, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """One named-entity mention (label is an NKJP top-level type, as the tagger gave it)."""

    sentence_idx: int
    start: int
    end: int
    label: str  # persName | orgName | placeName | geogName
    subtype: str | None  # e.g. "settlement", "country", "surname"; None when not predicted
    lemma: str  # the mention's own base form ("Rutte"; a derived word's lemma: "brytyjski")
    entity_id: str  # the entity's id: hash of its group (person | name) and canonical name
    # None for a name; "adjective" ("brytyjskiego") or "inhabitant" ("Irakijczyk") for a
    # derived form, whose entity is the name it derives from (Wielka Brytania, Irak)
    derived: str | None = None
    # the entity's name as this document resolves it (headword: "Mark Rutte" for
    # "Rutte", "Stany Zjednoczone" for "USA"); "" when not computed (hand-placed mentions)
    entity_name: str = ""
    # names nested in this one, as (start, end, label, subtype) in text offsets: a person's
    # forename, surname and addName; a settlement inside an organisation's name
    parts: tuple[tuple[int, int, str, str | None], ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """One stated quantity (the `claims` table: docs/tables.md)."""

    sentence_idx: int
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str  # eq | approx | gt | ge | lt | le | range
    kind: str  # count | percent | money | duration | measure
    unit: str | None
    object: str | None
    subject_entity_id: str | None
    speaker_entity_id: str | None
    as_of: str | None = None  # TIMEX3 value of the time the sentence places the quantity in


def mentions_at(text: str, seg: Segmentation, names: list[tuple[str, str, str]]) -> list[Mention]:
    """Mentions placed by hand: one at every whole-word occurrence of each ``(surface,
    label, entity_id)``, longer surfaces first, no overlaps. For evaluations and tests of
    the stages after NER (claims' subjects and speakers) that must not depend on NER errors.
    """
    taken: list[Mention] = []
    for surface, label, entity in sorted(names, key=lambda n: -len(n[0])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if any(t.start < m.end() and m.start() < t.end for t in taken):
                continue
            s_idx = next(i for i, (s, e, _) in enumerate(seg.sentences) if s <= m.start() < e)
            taken.append(Mention(s_idx, m.start(), m.end(), label, None, surface, entity))
    return sorted(taken, key=lambda m: m.start)
