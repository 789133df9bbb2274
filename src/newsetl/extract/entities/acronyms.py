"""Acronyms a document defines: "Międzynarodowy Fundusz Walutowy (MFW)".

News introduces an institution once in full with its acronym in parentheses, then uses
the acronym alone. Two patterns are read, both anchored on a name mention:

* a multi-word name mention directly followed by ``(ACRONYM)``;
* an acronym mention directly followed by ``(`` and a multi-word name mention ``)``:
  "MFW (Międzynarodowy Fundusz Walutowy)".

An acronym is one word of at most 12 characters with at least two capitals that starts
with one ("MFW", "PiS", "UOKiK", "MKOl"). Its spelling need not match the name's
initials (foreign acronyms: "Organizacja Traktatu Północnoatlantyckiego (NATO)"). An
acronym the document defines twice differently is left undefined.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_AFTER = re.compile(r"\s*\(\s*([^\s()]{2,12})\s*\)")
_OPEN = re.compile(r"\s*\(\s*")
_CLOSE = re.compile(r"\s*\)")


class NamedSpan(NamedTuple):
    start: int
    end: int
    name: str  # the mention's base form


def is_acronym(word: str) -> bool:
    """At least two capitals, starting with one, letters only (plus "&", "-")."""
    return (
        2 <= len(word) <= 12
        and word[0].isupper()
        and sum(ch.isupper() for ch in word) >= 2
        and all(ch.isalpha() or ch in "&-" for ch in word)
    )


def acronym_definitions(text: str, mentions: Sequence[NamedSpan]) -> dict[str, str]:
    """Acronym (as written) → the multi-word name the document defines it as.

    ``mentions`` are the document's name mentions (of organisations, places, geographical
    names) with their base forms.
    """
    by_start = {m.start: m for m in mentions}
    found: dict[str, set[str]] = {}
    for m in mentions:
        multi = len(m.name.split()) >= 2
        if multi:
            after = _AFTER.match(text, m.end)
            if after and is_acronym(after.group(1)):
                found.setdefault(after.group(1), set()).add(m.name)
        elif is_acronym(m.name):
            opening = _OPEN.match(text, m.end)
            inner = by_start.get(opening.end()) if opening and "(" in opening.group() else None
            if inner is not None and len(inner.name.split()) >= 2 and _CLOSE.match(text, inner.end):
                found.setdefault(m.name, set()).add(inner.name)
    return {acronym: next(iter(names)) for acronym, names in found.items() if len(names) == 1}
