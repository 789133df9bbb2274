"""Derived forms: relational adjectives and inhabitant nouns tagged as names.

NKJP annotates "brytyjskiego", "unijnej", "Irakijczyk", "warszawiacy" with the label of
the name they derive from, and the tagger learnt to do the same. They are mentions of
that name's entity (:attr:`Mention.derived` says which kind), never entities of their
own. A tagged span is a derived form when all its words are forms in the lexicon's
derived-form table (or lower-case adjectives whose place Morfeusz confirms,
:mod:`.derivation`), hyphen-joined compounds included ("polsko-niemieckiej" is two
derived mentions: Polska and Niemcy); anything else in the span — a second word, a
number — makes it a name.

Capitals decide between a derived form and a name spelled alike: a capitalised word
tagged as a person is a surname ("Kowalskiej", not an adjective of the town Kowal); a capitalised word
that Morfeusz reads as a form of a known place is that place ("Polski" in "do Polski",
"Niemcy" the country rather than the people); otherwise a capitalised adjective or
inhabitant noun is still a derived form (a sentence start, a headline).

Adjectives inside names ("Federacja Rosyjska", "Brytyjski Urząd Lotnictwa Cywilnego")
are not derived forms: they are inside a longer span, or are attached to the name that
follows them (:func:`attach_name_adjectives`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from newsetl.extract.entities.derivation import guessed_base
from newsetl.extract.entities.lexicon import DerivedWord, EntityLexicon
from newsetl.morph import Morphology

_HYPHENS = frozenset("-–")
_RELATIONAL = ("ski", "cki", "dzki")  # relational adjectives of places: "goleniowski", "płocki"


class DerivedPart(NamedTuple):
    start: int  # character offsets of the derived word in the text
    end: int
    surface: str
    word: DerivedWord


class SpanTokens(NamedTuple):
    """A tagged span's tokens: their text and character offsets."""

    words: tuple[str, ...]
    offsets: tuple[tuple[int, int], ...]


@lru_cache(maxsize=20_000)
def _place_form(word: str, lexicon: EntityLexicon, morph: Morphology) -> bool:
    """Morfeusz reads ``word`` as a form of a known place ("Polski" → Polska)."""
    for interp in morph.analyse(word):
        if interp.pos == "subst" and interp.lemma[:1].isupper() and lexicon.is_place(interp.lemma):
            return True
    return False


def _parts(tokens: SpanTokens) -> list[tuple[int, int, str]] | None:
    """The words of a span split at hyphens, with offsets; None if the span holds
    anything but words and hyphens."""
    parts: list[tuple[int, int, str]] = []
    for word, (start, _end) in zip(tokens.words, tokens.offsets, strict=True):
        if word in _HYPHENS:
            continue
        pos = 0
        for piece in word.replace("–", "-").split("-"):
            if piece:
                if not piece.isalpha():
                    return None
                parts.append((start + pos, start + pos + len(piece), piece))
            pos += len(piece) + 1
    return parts or None


@lru_cache(maxsize=20_000)
def derived_word(word: str, lexicon: EntityLexicon, morph: Morphology) -> DerivedWord | None:
    """The table's entry for ``word``; for a lower-case adjective the table lacks, the
    place Morfeusz confirms it derives from ("goleniowskiego" → Goleniów)."""
    entry = lexicon.derived.get(word.lower())
    if entry is not None or not word[:1].islower():
        return entry
    relational = {i.lemma for i in morph.analyse(word) if i.pos == "adj" and i.lemma.endswith(_RELATIONAL)}
    for lemma in sorted(relational):
        base = guessed_base(lemma, "adjective", morph, lexicon.places)
        if base is not None:
            return DerivedWord(lemma, "adjective", base, "name", False)
    return None


def derived_parts(
    tokens: SpanTokens, label: str, lexicon: EntityLexicon, morph: Morphology
) -> list[DerivedPart] | None:
    """The derived words a span tagged ``label`` consists of, or None when it is a name."""
    parts = _parts(tokens)
    if parts is None:
        return None
    if label == "persName" and all(piece[:1].isupper() for _s, _e, piece in parts):
        # "Kowalskiej" is Anna Kowalska, not an adjective of the town Kowal: NKJP tags
        # derived forms with their base's label (places, organisations), never persName,
        # so a capitalised word the tagger calls a person is a surname.
        return None
    found = []
    for start, end, piece in parts:
        word = derived_word(piece, lexicon, morph)
        if word is None:
            return None
        found.append(DerivedPart(start, end, piece, word))
    if len(found) > 1 and any(p.word.kind != "adjective" for p in found):
        return None  # "Bośniak-Serb"? a compound of names is not read here
    if len(found) == 1 and found[0].surface[:1].isupper() and _place_form(found[0].surface, lexicon, morph):
        return None
    return found


def attach_name_adjectives(
    spans: Sequence[tuple[int, int, int, str, str | None]],
    text: str,
    sentence_tokens: Sequence[Sequence[tuple[int, int]]],
    lexicon: EntityLexicon,
) -> list[tuple[int, int, int, str, str | None]]:
    """Join a capitalised relational adjective inside a sentence to the name span right
    after it: "Brytyjski" + "Urząd Lotnictwa Cywilnego" is one organisation, the
    tagger's split notwithstanding. At a sentence start the capital says nothing, so
    "Rosyjski | Gazprom" stays two mentions. ``spans`` are ``(sentence, first_token,
    end_token, label, subtype)``, ``sentence_tokens`` the character offsets of each
    sentence's tokens; the result is sorted the same way."""
    ordered = sorted(spans, key=lambda s: (s[0], s[1], s[2]))
    out: list[tuple[int, int, int, str, str | None]] = []
    i = 0
    while i < len(ordered):
        span = ordered[i]
        nxt = ordered[i + 1] if i + 1 < len(ordered) else None
        s_idx, first, end = span[0], span[1], span[2]
        toks = sentence_tokens[s_idx]
        word = text[toks[first][0] : toks[first][1]] if end == first + 1 and first < len(toks) else ""
        entry = lexicon.derived.get(word.lower()) if word[:1].isupper() else None
        inside = (
            entry is not None
            and first > 0
            and any(ch.isalnum() for ch in text[toks[first - 1][0] : toks[first - 1][1]])
        )
        if (
            entry is not None
            and entry.kind == "adjective"
            and inside
            and nxt is not None
            and nxt[0] == s_idx
            and nxt[1] == end
            and nxt[3] != "persName"
        ):
            out.append((s_idx, first, nxt[2], nxt[3], nxt[4]))
            i += 2
            continue
        out.append(span)
        i += 1
    return out
