"""The phrase parser behind :mod:`newsetl.extract.entities.base_form`.

A mention is a sequence of :class:`Unit` s (tokens written without spaces between them).
For one assumed case, :func:`parses_for_case` walks the units left to right keeping a
small beam of partial parses: each content unit takes one of its readings
(:func:`~newsetl.extract.entities.lemma_words.readings`) that fits the case and agrees
with the head noun found so far, or ends the head phrase. A finished parse is turned
into per-unit base forms by :func:`finish`. The rules are described in
:mod:`newsetl.extract.entities.base_form`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from newsetl.extract.entities.lemma_words import (
    CASES,
    MASCULINE,
    Reading,
    adjective_nominative,
    is_unknown,
    match_case,
    noun_nominative,
    readings,
    word_kind,
)
from newsetl.morph import Morphology

BEAM = 12
AGREEMENT_BONUS = 0.3  # persName nouns of one gender: "Kają Kallas" (f + f)
# Two nouns in one case in an institution's or place's name are rarer than adjective +
# noun: "Wysokiej Porcie" is Wysoka Porta, not the noun Wysoka + Port.
APPOSITION_PENALTY = 0.5


class Unit(NamedTuple):
    """A run of tokens written without spaces: punctuation around a core word."""

    tokens: tuple[int, ...]
    pre: str
    core: str
    post: str
    core_tokens: tuple[int, ...]


_POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
_POLISH_SURNAME_PARTS = ("ski", "ska", "cki", "cka", "dzki", "dzka", "wicz", "czyk", "owsk")


def looks_foreign(word: str, morph: Morphology) -> bool:
    """Unknown to Morfeusz and not shaped like a Polish surname ("Rutte", not
    "Woynarowskiego")."""
    if not is_unknown(word, morph) or _POLISH_LETTERS & set(word):
        return False
    lower = word.lower()
    return not any(part in lower for part in _POLISH_SURNAME_PARTS)


# Abbreviated common nouns that head a place's name: "ul. Marszałkowskiej" is ulica
# Marszałkowska (the adjective agrees with the unwritten "ulica"), while in "ul.
# Kopernika" the genitive is a complement and stays.
IMPLIED_HEADS: dict[str, str] = {
    "ul": "f",
    "al": "f",
    "pl": "m3",
    "os": "n",
    "woj": "n",
    "gm": "f",
    "pow": "m3",
    "jez": "n",
    "rz": "f",
    "zat": "f",
    "pw": "n",
}


def unit_kind(unit: Unit, label: str, morph: Morphology) -> str:
    """``content``, ``neutral``, ``coord``, ``stop``, ``abbrev`` (a title such as "św."
    before the head, a complement marker such as "im." after it) or ``implied:<gender>``
    (a street abbreviation standing for the head noun)."""
    if not unit.core:
        return "neutral"
    if unit.post.startswith("."):
        if unit.core.lower() in IMPLIED_HEADS and label in ("placeName", "geogName"):
            return "implied:" + IMPLIED_HEADS[unit.core.lower()]
        if any(seg.interp.pos == "brev" for seg in morph.graph(unit.core + ".")):
            return "abbrev"
        if label == "persName" and unit.core[:1].isupper() and len(unit.core) <= 4:
            return "neutral"  # an abbreviated forename: "And.", "Wł."
    return word_kind(unit.core, label, morph)


class State(NamedTuple):
    score: float
    coverage: int
    # (unit index, reading, sub-phrase number) of the inflected words
    chosen: tuple[tuple[int, Reading, int], ...]
    head: Reading | None  # first noun of the current (coordinated) sub-phrase
    pending: tuple[Reading, ...]  # adjectives of the sub-phrase seen before its noun
    nouns: int
    done: bool
    sub: int  # number of coordinations so far (at most one)


def unit_readings(
    core: str, label: str, first: bool, last: bool, foreign: bool, morph: Morphology
) -> tuple[str, tuple[Reading, ...]]:
    """Hyphenated words Morfeusz splits ("Bielska-Białej"): the last part carries the
    phrase's agreement; the other parts are handled by :func:`_prefix_output`."""
    if "-" in core and not any(i.orth == core for i in morph.analyse(core)):
        prefix, _, tail = core.rpartition("-")
        if prefix and tail and any(ch.isalpha() for ch in tail):
            acronym = readings(core, label, first, last, foreign, morph)
            acronym = tuple(r for r in acronym if r.source == "rule" and "-" not in r.output)
            tail_readings = readings(tail, label, first, last, foreign, morph)
            if acronym:
                return "", acronym
            return prefix + "-", tail_readings
    return "", readings(core, label, first, last, foreign, morph)


def _prefix_output(prefix: str, case: str, label: str, morph: Morphology) -> str:
    """Non-final parts of a compound inflect when they are names in the same case
    ("Bielska-" → "Bielsko-"), otherwise they are kept ("Indo-", "Korwin-")."""
    parts = prefix[:-1].split("-")
    out = []
    for part in parts:
        best = part
        options = [
            r
            for r in readings(part, label, True, False, False, morph)
            if r.source == "dict" and r.kind == "noun" and case in r.cases and case != "nom" and r.output[:1].isupper()
        ]
        if options:
            best = match_case(part, max(options, key=lambda r: r.score).output)
        out.append(best)
    return "-".join(out) + "-"


def _agrees(adj: Reading, head: Reading, case: str) -> bool:
    return case in adj.cases and bool(adj.numbers & head.numbers) and bool(adj.genders & head.genders)


def _has_genitive(options: tuple[Reading, ...]) -> bool:
    return any(r.kind == "noun" and r.source != "keep" and "gen" in r.cases for r in options)


def step(state: State, idx: int, kind: str, options: tuple[Reading, ...], case: str, label: str) -> list[State]:
    if state.done or kind == "neutral":
        return [state]
    if kind.startswith("implied:"):
        if state.nouns:
            return [state._replace(done=True)]
        implied = Reading(
            "noun", "implied", "", frozenset(CASES), frozenset({"sg"}), frozenset({kind.split(":", 1)[1]}), False, 0.0
        )
        return [state._replace(head=implied, nouns=1)]
    if kind == "abbrev":
        # before the head noun a title ("ul.", "św.", "gen."); after it the start of a
        # complement ("im.", "nr")
        return [state] if state.nouns == 0 else [state._replace(done=True)]
    if kind == "coord":
        if label != "persName" and state.nouns and state.sub == 0:
            restart = state._replace(head=None, pending=(), sub=1)
            return [restart, state._replace(done=True)]
        if state.pending and not state.nouns:
            return [state]  # coordinated adjectives: "Naukowa i Akademicka Sieć"
        return [state._replace(done=True)]
    if kind == "stop":
        return [state._replace(done=True)]
    person = label == "persName"
    out: list[State] = []
    for r in options:
        if case not in r.cases:
            continue
        chosen = (*state.chosen, (idx, r, state.sub))
        if r.kind == "adj":
            if state.head is None:
                out.append(
                    state._replace(
                        score=state.score + r.score,
                        coverage=state.coverage + 1,
                        chosen=chosen,
                        pending=(*state.pending, r),
                    )
                )
            elif _agrees(r, state.head, case):
                out.append(state._replace(score=state.score + r.score, coverage=state.coverage + 1, chosen=chosen))
            continue
        bonus = 0.0
        if state.head is not None:
            if not person and (case == "gen" or _has_genitive(options)):
                continue  # a complement, not part of the head phrase
            if not person:
                if r.source == "rule":
                    continue  # an unknown second word of a place is not inflected
                bonus = -APPOSITION_PENALTY
            same_gender = bool(r.genders & state.head.genders) or bool(
                r.genders & MASCULINE and state.head.genders & MASCULINE
            )
            if person and r.source == "dict" and state.head.source == "dict" and same_gender:
                bonus = AGREEMENT_BONUS
        # adjectives seen before the head noun must agree with it
        elif any(a.source == "dict" and not _agrees(a, r, case) for a in state.pending):
            continue
        out.append(
            state._replace(
                score=state.score + r.score + bonus,
                coverage=state.coverage + 1,
                chosen=chosen,
                head=state.head if state.head is not None else r,
                pending=(),
                nouns=state.nouns + 1,
            )
        )
    if not out:
        if state.pending and state.head is None:
            # adjectives waiting for a noun that does not agree ("Stali Stalowa Wola"):
            # they were not this phrase's after all, so they stay as written
            pending = {i for i, r, sub in state.chosen if sub == state.sub and r.kind == "adj" and r in state.pending}
            kept = tuple(c for c in state.chosen if c[0] not in pending)
            return [
                state._replace(
                    done=True,
                    chosen=kept,
                    pending=(),
                    coverage=state.coverage - len(pending),
                    score=state.score - sum(r.score for r in state.pending),
                )
            ]
        return [state._replace(done=True)]
    return out


def _adjective_output(adj: Reading, head: Reading | None, surface_word: str, label: str, morph: Morphology) -> str:
    if adj.source != "dict":
        return adj.output
    plural = head is not None and (head.pt or head.numbers == frozenset({"pl"}))
    number = "pl" if plural else "sg"
    genders = (adj.genders & head.genders or adj.genders) if head is not None else adj.genders
    order = ("m1", "f", "m3", "n", "m2") if label == "persName" else ("m3", "f", "n", "m1", "m2")
    gender = next(g for g in order if g in genders) if genders else "m3"
    if head is not None and head.pt:
        gender = "n" if "n" in genders or not genders else gender
    form = adjective_nominative(adj.output, adj.pos, adj.rest, number, gender, morph)
    if form is None:
        return adj.output if adj.pos == "adj" else surface_word
    return form


def finish(
    state: State, units: Sequence[Unit], label: str, case: str, prefixes: Sequence[str], morph: Morphology
) -> tuple[str, ...]:
    outputs = [u.core for u in units]
    heads: dict[int, Reading] = {}
    for _, r, sub in state.chosen:
        if r.kind == "noun" and sub not in heads:
            heads[sub] = r
    for i, r, sub in state.chosen:
        word = units[i].core
        tail = word[len(prefixes[i]) :] if prefixes[i] else word
        if r.kind == "noun":
            out = r.output
            if r.source == "dict" and not r.pt:
                if case == "nom" and r.numbers == frozenset({"pl"}):
                    out = tail  # already a nominative plural ("Czesi", not "Czechowie")
                else:
                    out = noun_nominative(r.output, r.numbers, r.genders, morph)
        else:
            out = _adjective_output(r, heads.get(sub), tail, label, morph)
        out = match_case(tail, out)
        if prefixes[i]:
            out = _prefix_output(prefixes[i], case, label, morph) + out
        outputs[i] = out
    return tuple(outputs)


def parses_for_case(case: str, kinds: Sequence[str], options: Sequence[tuple[Reading, ...]], label: str) -> list[State]:
    """The best complete parses of the units under one assumed case."""
    states = [State(0.0, 0, (), None, (), 0, False, 0)]
    for i, kind in enumerate(kinds):
        nxt: list[State] = []
        for st in states:
            nxt.extend(step(st, i, kind, options[i], case, label))
        nxt.sort(key=lambda s: (-s.coverage, -s.score))
        states = nxt[:BEAM]
    return states


__all__ = ["CASES", "State", "Unit", "finish", "looks_foreign", "parses_for_case", "unit_kind", "unit_readings"]
