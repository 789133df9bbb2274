"""Entity ids, and linking the mentions of one document to each other.

**Across documents** an entity is its label plus its canonical name:
:func:`entity_id` hashes both, so the same name gives the same id in every document and
every run. Names are compared after Unicode NFC normalisation, whitespace collapsing and
case folding ("NATO" = "Nato", "Unia Europejska" = "Unia europejska"); the label is
part of the key, so Polska the place and Polska an organisation stay apart.

**Within a document** a short mention takes the canonical name of a longer one:

* a one-word person mention is linked to the full name whose last word (the surname)
  is that word: "Rutte" → "Mark Rutte", "Blinkena" (read as Blinken) → "Antony
  Blinken". Any of the mention's candidate base forms may match, so an inflected
  surname finds its nominative. When two different full names share the surname (two
  Kaczyńskis) the bare surname is **not** linked: guessing the nearer one would merge
  two people in the statistics, leaving it alone only loses a link;
* a one-word organisation or place is linked to the unique multi-word name of the same
  label that starts with it ("Korea" → "Korea Północna" when no other Korea is named),
  and an acronym to the unique multi-word name whose initials it spells ("PSL" →
  "Polskie Stronnictwo Ludowe", "PiS" → "Prawo i Sprawiedliwość");
* mentions are never linked across labels.

Linking looks at the whole document, so the result does not depend on mention order.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

PERSON = "persName"
LINKABLE_OTHER = frozenset({"orgName", "placeName", "geogName"})
# Function words skipped when spelling an acronym ("Prawo i Sprawiedliwość" → PiS, PS).
_ACRONYM_SKIP = frozenset(
    {"i", "oraz", "w", "we", "na", "do", "dla", "z", "ze", "im.", "im", "of", "the", "and", "for", "de", "der", "la"}
)


class LinkInput(NamedTuple):
    label: str
    lemma: str  # the mention's own base form
    candidates: tuple[str, ...]  # all its candidate base forms, lemma first


class Link(NamedTuple):
    lemma: str  # the mention's base form (a candidate matching the linked name, if any)
    canonical: str  # the entity's name: the linked longer name, or the lemma itself


def normalise_name(name: str) -> str:
    """The form in which names are compared: NFC, single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def entity_id(label: str, name: str) -> str:
    """Stable id of the entity named ``name`` with ``label``: the first 16 hex digits of
    SHA-256 over ``label``, a unit separator, and the normalised name."""
    key = f"{label}\x1f{normalise_name(name)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


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


def link(mentions: Sequence[LinkInput]) -> list[Link]:
    """Canonical names for the mentions of one document (same order as the input)."""
    long_names: dict[str, list[str]] = {}
    for m in mentions:
        if len(_words(m.lemma)) >= 2:
            long_names.setdefault(m.label, []).append(m.lemma)

    out: list[Link] = []
    for m in mentions:
        out.append(_link_one(m, long_names.get(m.label, [])))
    return out


def _link_one(m: LinkInput, long_names: Sequence[str]) -> Link:
    if len(_words(m.lemma)) != 1 or not long_names:
        return Link(m.lemma, m.lemma)
    for cand in m.candidates:
        key = normalise_name(cand)
        if len(key.split()) != 1:
            continue
        if m.label == PERSON:
            matches = [n for n in long_names if _words(n)[-1] == key]
        elif m.label in LINKABLE_OTHER:
            matches = [n for n in long_names if _words(n)[0] == key]
            if not matches and sum(ch.isupper() for ch in cand) >= 2:
                matches = [n for n in long_names if key in _initials(n)]
        else:
            matches = []
        if matches:
            target = _unique(matches)
            if target is None:
                return Link(m.lemma, m.lemma)  # ambiguous: two people share the surname
            return Link(cand, target)
    return Link(m.lemma, m.lemma)
