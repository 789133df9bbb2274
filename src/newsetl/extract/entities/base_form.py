"""Nominative base forms of Polish name mentions: "Korei Północnej" → "Korea Północna".

Only the head phrase of a name inflects: the nouns and agreeing adjectives from the start
of the name up to its first complement ("Ministerstwu Obrony Narodowej" → "Ministerstwo
Obrony Narodowej"). The mention's case is not known, so every case is tried and the
readings of the words (Morfeusz analyses, suffix rules for unknown words, or keeping the
word) are combined into parses; the best parse covers most words with the most
agreeing, best-scored readings (ties go to the nominative, then genitive, dative,
accusative, instrumental, locative; the vocative is tried for people only). Its head
nouns become nominatives in the number they were used in — the lemma for the singular
and for pluralia tantum ("Stanów" → "Stany"), the nominative plural otherwise
("Zakładów Azotowych" → "Zakłady Azotowe", "Kaczyńskich" → "Kaczyńscy") —, its
adjectives are generated in the nominative of the head's gender and number
("Północnej" → "Północna"), everything after the head phrase is kept as written, and
the surface capitalisation is kept. Abbreviated heads of street names are understood
("ul. Marszałkowskiej" → "ul. Marszałkowska", but "ul. Kopernika" stays).

Rules for what ends the head phrase:

* a function word (preposition, "im.", a verb), except that "i"/"oraz" right after the
  head phrase of an institution or place starts a coordinated head ("Bośni i
  Hercegowiny" → "Bośnia i Hercegowina");
* for institutions and places, a second noun that can be a genitive is a complement
  ("Rady Polityki Pieniężnej", "Stanów Zjednoczonych Ameryki");
* for people, every noun in the same case is part of the name ("Jana Pawła II").

Dates and times are not inflected: their base form is the surface with normalised
spacing.

:func:`base_form` is a pure function of one mention; :func:`base_form_candidates` also
returns the runner-up readings, which the mentions glue weighs against the rest of the
document ("Blinkena": "Blinken" or a feminine "Blinkena"?).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from newsetl.extract.entities.lemma_phrase import (
    CASES,
    Unit,
    finish,
    looks_foreign,
    parses_for_case,
    unit_kind,
    unit_readings,
)
from newsetl.extract.entities.lemma_words import Reading
from newsetl.morph import Morphology

UNINFLECTED_LABELS = frozenset({"date", "time"})
MAX_CANDIDATES = 4

# Characters that attach to the previous token when spacing is unknown ...
_CLOSING = frozenset(",.;:!?)]}”»’…%")
# ... and to the next one.
_OPENING = frozenset("([{„«‚")
_JOINERS = frozenset("-–'’/")


class Parse(NamedTuple):
    coverage: int
    score: float
    case_rank: int
    outputs: tuple[str, ...]  # per unit: the core's base form


def infer_spaces(words: Sequence[str]) -> list[bool]:
    """Guess whether a space follows each token when the caller does not know.

    Hyphens, apostrophes and slashes join their neighbours ("Indo", "-", "Pacyfik"),
    closing punctuation attaches left, opening punctuation right, and straight double
    quotes alternate between opening and closing.
    """
    spaces = [True] * len(words)
    quote_open = False
    for i, word in enumerate(words):
        if word in _JOINERS:
            spaces[i] = False
            if i > 0:
                spaces[i - 1] = False
        elif word and all(ch in _CLOSING for ch in word):
            if i > 0:
                spaces[i - 1] = False
        elif word and all(ch in _OPENING for ch in word):
            spaces[i] = False
        elif word == '"':
            if quote_open and i > 0:
                spaces[i - 1] = False
            elif not quote_open:
                spaces[i] = False
            quote_open = not quote_open
    if spaces:
        spaces[-1] = False
    return spaces


def surface(words: Sequence[str], spaces_after: Sequence[bool] | None = None) -> str:
    """The mention's text rebuilt from its tokens (single spaces between groups)."""
    spaces = list(spaces_after) if spaces_after is not None else infer_spaces(words)
    return "".join(
        w + (" " if s and i < len(words) - 1 else "") for i, (w, s) in enumerate(zip(words, spaces, strict=True))
    )


def _units(words: Sequence[str], spaces: Sequence[bool]) -> list[Unit]:
    units: list[Unit] = []
    group: list[int] = []
    for i in range(len(words)):
        group.append(i)
        if spaces[i] or i == len(words) - 1:
            units.append(_unit(words, tuple(group)))
            group = []
    return units


def _is_punct(word: str) -> bool:
    return not any(ch.isalnum() for ch in word)


def _unit(words: Sequence[str], group: tuple[int, ...]) -> Unit:
    lo, hi = 0, len(group)
    while lo < hi and _is_punct(words[group[lo]]):
        lo += 1
    while hi > lo and _is_punct(words[group[hi - 1]]) and words[group[hi - 1]] != "'":
        hi -= 1
    core_tokens = group[lo:hi]
    return Unit(
        group,
        "".join(words[i] for i in group[:lo]),
        "".join(words[i] for i in core_tokens),
        "".join(words[i] for i in group[hi:]),
        core_tokens,
    )


# The per-word caches of base forms are bounded (10-50k entries, LRU) so that a worker's
# memory stays flat however long it runs: names recur, so the recent ones are what hits.
@lru_cache(maxsize=10_000)
def _parses(
    words: tuple[str, ...], label: str, spaces: tuple[bool, ...], morph: Morphology
) -> tuple[tuple[str, ...], ...]:
    units = _units(words, spaces)
    kinds = [unit_kind(u, label, morph) for u in units]
    content = [i for i, k in enumerate(kinds) if k == "content"]
    foreign = label == "persName" and any(looks_foreign(units[i].core, morph) for i in content)
    prefixes: list[str] = []
    options: list[tuple[Reading, ...]] = []
    for i, unit in enumerate(units):
        if kinds[i] != "content":
            prefixes.append("")
            options.append(())
            continue
        first, last = bool(content) and i == content[0], bool(content) and i == content[-1]
        prefix, opts = unit_readings(unit.core, label, first, last, foreign, morph)
        prefixes.append(prefix)
        options.append(opts)

    results: list[Parse] = []
    for rank, case in enumerate(CASES):
        if case == "voc" and label != "persName":
            continue  # institutions and places are not addressed
        for st in parses_for_case(case, kinds, options, label):
            outs = finish(st, units, label, case, prefixes, morph)
            results.append(Parse(st.coverage, st.score, rank, outs))
    results.sort(key=lambda p: (-p.coverage, -p.score, p.case_rank))
    seen: set[tuple[str, ...]] = set()
    ranked: list[tuple[str, ...]] = []
    for p in results:
        if p.outputs not in seen:
            seen.add(p.outputs)
            ranked.append(p.outputs)
        if len(ranked) == MAX_CANDIDATES:
            break
    return tuple(_token_outputs(units, outs, len(words), words) for outs in ranked)


def _token_outputs(units: Sequence[Unit], outs: Sequence[str], n: int, words: Sequence[str]) -> tuple[str, ...]:
    """Spread unit outputs back onto tokens: a multi-token core's base form goes to its
    first token and the other tokens become empty."""
    tokens = list(words)
    for unit, out in zip(units, outs, strict=True):
        if not unit.core_tokens or out == unit.core:
            continue
        tokens[unit.core_tokens[0]] = out
        for j in unit.core_tokens[1:]:
            tokens[j] = ""
    return tuple(tokens)


def _join(tokens: Sequence[str], spaces: Sequence[bool]) -> str:
    parts = []
    for i, (tok, space) in enumerate(zip(tokens, spaces, strict=True)):
        parts.append(tok)
        if space and i < len(tokens) - 1:
            parts.append(" ")
    return "".join(parts).strip()


def _normalise(words: Sequence[str], spaces_after: Sequence[bool] | None) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    toks = tuple(words)
    if spaces_after is None:
        spaces = tuple(infer_spaces(toks))
    else:
        if len(spaces_after) != len(toks):
            raise ValueError("spaces_after must have one flag per word")
        spaces = tuple(bool(s) for s in spaces_after)
    return toks, spaces


def base_form_tokens_candidates(
    words: Sequence[str],
    label: str,
    morph: Morphology,
    spaces_after: Sequence[bool] | None = None,
) -> tuple[tuple[str, ...], ...]:
    """Ranked base-form readings, each as one output string per input token.

    Tokens outside the inflected head phrase are returned unchanged; a hyphenated word
    split over several tokens gets its whole base form on its first token.
    """
    toks, spaces = _normalise(words, spaces_after)
    if not toks:
        return ((),)
    if label in UNINFLECTED_LABELS:
        return (toks,)
    return _parses(toks, label, spaces, morph)


def base_form_candidates(
    words: Sequence[str],
    label: str,
    morph: Morphology,
    spaces_after: Sequence[bool] | None = None,
) -> tuple[str, ...]:
    """Up to :data:`MAX_CANDIDATES` distinct base forms, best first (never empty)."""
    toks, spaces = _normalise(words, spaces_after)
    out: list[str] = []
    for cand in base_form_tokens_candidates(toks, label, morph, spaces):
        text = _join(cand, spaces)
        if text not in out:
            out.append(text)
    return tuple(out) or ("",)


def base_form(
    words: Sequence[str],
    label: str,
    morph: Morphology,
    spaces_after: Sequence[bool] | None = None,
) -> str:
    """The nominative base form of a name mention.

    ``words`` are the mention's tokens (NKJP conventions: punctuation may be separate
    tokens). ``spaces_after[i]`` says whether whitespace follows token ``i`` in the text;
    when omitted, spacing is guessed (:func:`infer_spaces`). ``label`` is the NKJP type
    (persName, orgName, placeName, geogName, date, time). Pure: the result depends only
    on the arguments (and the Morfeusz dictionary), and is cached.
    """
    return base_form_candidates(words, label, morph, spaces_after)[0]
