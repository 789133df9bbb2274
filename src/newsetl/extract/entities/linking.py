"""Linking the name mentions of one document to each other.

Ids and names across documents are :mod:`.identity`'s business (re-exported here:
:func:`entity_id`, :func:`normalise_name`). Within a document a short mention takes the
canonical name of a longer one:

* a one-word person mention is linked to the full name whose last word (the surname)
  is that word: "Rutte" → "Mark Rutte", "Blinkena" (read as Blinken) → "Antony
  Blinken". Any of the mention's candidate base forms may match, so an inflected
  surname finds its nominative. When two different full names share the surname (two
  Kaczyńskis) the bare surname is **not** linked: guessing the nearer one would merge
  two people in the statistics, leaving it alone only loses a link;
* an acronym the document defines ("Międzynarodowy Fundusz Walutowy (MFW)",
  :mod:`.acronyms`) is linked to its definition;
* a one-word organisation or place is linked to the unique multi-word name of the
  ``name`` group (organisations, places, geographical names: the tagger's labels for
  one name disagree) that starts with it ("Korea" → "Korea Północna" when no other
  Korea is named) — but a word that is itself a known place ("Polska") only to a name
  tagged as a place, never to an institution named after it ("Polska Agencja
  Prasowa");
* an acronym is linked to the unique multi-word name of the group whose initials it
  spells ("PSL" → "Polskie Stronnictwo Ludowe", "PiS" → "Prawo i Sprawiedliwość");
* people are never linked to organisations or places.

Linking looks at the whole document, so the result does not depend on mention order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import NamedTuple

from newsetl.extract.entities.identity import (
    NAME_GROUP,
    PERSON_LABEL,
    entity_group,
    entity_id,
    normalise_name,
)

PERSON = PERSON_LABEL
PLACE_LABELS = frozenset({"placeName", "geogName"})
# Function words skipped when spelling an acronym ("Prawo i Sprawiedliwość" → PiS, PS).
_ACRONYM_SKIP = frozenset(
    {"i", "oraz", "w", "we", "na", "do", "dla", "z", "ze", "im.", "im", "of", "the", "and", "for", "de", "der", "la"}
)

__all__ = ["Link", "LinkInput", "entity_id", "link", "normalise_name"]


class LinkInput(NamedTuple):
    label: str
    lemma: str  # the mention's own base form
    candidates: tuple[str, ...]  # all its candidate base forms, lemma first


class Link(NamedTuple):
    lemma: str  # the mention's base form (a candidate matching the linked name, if any)
    canonical: str  # the entity's name: the linked longer name, or the lemma itself


def _words(name: str) -> list[str]:
    return normalise_name(name).split()


def _initials(name: str) -> set[str]:
    """Acronyms a name may have: initials of its content words, or of all its words
    ("Polskie Stronnictwo Ludowe" → psl; "Prawo i Sprawiedliwość" → ps, pis)."""
    words = [w for w in name.split() if w[:1].isalpha()]
    content = "".join(w[0] for w in words if w.lower() not in _ACRONYM_SKIP)
    return {content.casefold(), "".join(w[0] for w in words).casefold()}


def _unique(names: Sequence[str]) -> str | None:
    """The single distinct name (by normalised form) among ``names``, else None."""
    distinct: dict[str, str] = {}
    for name in names:
        distinct.setdefault(normalise_name(name), name)
    return next(iter(distinct.values())) if len(distinct) == 1 else None


class _LongName(NamedTuple):
    label: str
    name: str
    words: tuple[str, ...]  # normalised


def _group(label: str) -> str | None:
    try:
        return entity_group(label)
    except ValueError:
        return None  # dates and times are not linked


def link(
    mentions: Sequence[LinkInput],
    definitions: Mapping[str, str] | None = None,
    places: Set[str] = frozenset(),
) -> list[Link]:
    """Canonical names for the mentions of one document (same order as the input).

    ``definitions``: normalised acronym → the name the document defines it as.
    ``places``: normalised names of known places (see the module doc).
    """
    long_names: dict[str, list[_LongName]] = {}
    for m in mentions:
        group = _group(m.label)
        words = tuple(_words(m.lemma))
        if group is not None and len(words) >= 2:
            long_names.setdefault(group, []).append(_LongName(m.label, m.lemma, words))
    defined = definitions or {}
    out: list[Link] = []
    for m in mentions:
        group = _group(m.label)
        if group is None:
            out.append(Link(m.lemma, m.lemma))
        else:
            out.append(_link_one(m, group, long_names.get(group, []), defined, places))
    return out


def _link_one(
    m: LinkInput, group: str, long_names: Sequence[_LongName], defined: Mapping[str, str], places: Set[str]
) -> Link:
    if group == NAME_GROUP:
        for cand in m.candidates:
            target = defined.get(normalise_name(cand))
            if target is not None:
                return Link(cand, target)
    if len(_words(m.lemma)) != 1 or not long_names:
        return Link(m.lemma, m.lemma)
    for cand in m.candidates:
        key = normalise_name(cand)
        if len(key.split()) != 1:
            continue
        if m.label == PERSON:
            matches = [n.name for n in long_names if n.words[-1] == key]
        else:
            known_place = key in places
            matches = [
                n.name for n in long_names if _words(n.name)[0] == key and (not known_place or n.label in PLACE_LABELS)
            ]
            if not matches and sum(ch.isupper() for ch in cand) >= 2:
                matches = [n.name for n in long_names if key in _initials(n.name)]
        if matches:
            target = _unique(matches)
            if target is None:
                return Link(m.lemma, m.lemma)  # ambiguous: two people share the surname
            return Link(cand, target)
    return Link(m.lemma, m.lemma)
