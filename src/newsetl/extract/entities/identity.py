"""What makes two mentions one entity: the id scheme, and the entity's name and label.

**Id.** An entity is a *group* and a canonical name. The group is ``person`` for
persName and ``name`` for organisations, places and geographical names, so "Ukraina"
tagged placeName in one sentence and orgName in the next is one entity (the tagger's
label is kept on each mention; the entity's label is the majority, see
:func:`majority_label`). :func:`entity_id` is the first 16 hex digits of SHA-256 over
the id-scheme version, the group and the normalised name (NFC, single spaces,
case-folded: "NATO" = "Nato"), separated by unit separators. The version prefix means
ids of an older scheme (label + name, unversioned) never collide with these.

**Name.** An entity's name is a headword (:func:`headword`: first letter capitalised,
"ul." written out). Every mention carries the spelling of its entity's canonical name that its
document produced (``Mention.entity_name``); all of an entity's spellings normalise to
the same string (that is what its id hashes), so they differ only in letter case or
spacing ("Unia Europejska" / "Unia europejska"). :func:`canonical_name` picks one
deterministically from their counts.

**Label.** :func:`majority_label` picks the most frequent label; ties are broken by a
fixed order (place, organisation, geographical name, person), never by input order.

**Aliases.** :func:`entity_aliases` lists the other base forms an entity was mentioned
under ("USA", "Stany Zjednoczone Ameryki" for Stany Zjednoczone; "Rutte" for Mark
Rutte), derived forms excluded.

All functions here are pure; the ``entities`` table applies them corpus-wide.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

ID_SCHEME = "2"
PERSON_GROUP = "person"
NAME_GROUP = "name"
PERSON_LABEL = "persName"
NAME_LABELS = frozenset({"persName", "orgName", "placeName", "geogName"})
# Tie-break order for the majority label: a name tagged equally often as a place and an
# organisation is more often a place (countries acting as states: "Ukraina podpisała").
LABEL_PREFERENCE = ("placeName", "orgName", "geogName", "persName")


@lru_cache(maxsize=50_000)
def normalise_name(name: str) -> str:
    """The form in which names are compared: NFC, single spaces, case-folded."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


def entity_group(label: str) -> str:
    """``person`` for persName, ``name`` for orgName/placeName/geogName."""
    if label == PERSON_LABEL:
        return PERSON_GROUP
    if label in NAME_LABELS:
        return NAME_GROUP
    raise ValueError(f"not a name label: {label!r}")


@lru_cache(maxsize=50_000)
def group_entity_id(group: str, name: str) -> str:
    """Stable id of the entity named ``name`` in ``group`` (``person`` or ``name``)."""
    if group not in (PERSON_GROUP, NAME_GROUP):
        raise ValueError(f"not an entity group: {group!r}")
    key = f"{ID_SCHEME}\x1f{group}\x1f{normalise_name(name)}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def entity_id(label: str, name: str) -> str:
    """Stable id of the entity named ``name`` in the group of ``label``."""
    return group_entity_id(entity_group(label), name)


# Abbreviated generic heads of place names, written out in an entity's name so that "ul.
# Marszałkowska" and "ulica Marszałkowska" are one entity.
HEAD_ABBREVIATIONS = {
    "ul.": "ulica",
    "al.": "aleja",
    "pl.": "plac",
    "os.": "osiedle",
    "woj.": "województwo",
    "pow.": "powiat",
    "gm.": "gmina",
}


@lru_cache(maxsize=50_000)
def headword(name: str) -> str:
    """An entity's name as a headword: a leading street or district abbreviation
    written out, the first letter capitalised ("ul. Chopina" → "Ulica Chopina",
    "województwo łódzkie" → "Województwo łódzkie"), like the title of an encyclopedia
    entry. The rest keeps the text's spelling."""
    first, sep, rest = name.partition(" ")
    expanded = HEAD_ABBREVIATIONS.get(first.casefold())
    if expanded is not None and rest:
        name = expanded + sep + rest
    return name[:1].upper() + name[1:]


def _capitalised(spelling: str) -> bool:
    return spelling[:1].isupper()


def canonical_name(spellings: Mapping[str, int]) -> str:
    """The entity's name among the spellings its mentions gave it (spelling → count):
    capitalised first, then the most frequent, then the lexicographically smallest.
    Independent of the mapping's order; "" for no spellings."""
    if not spellings:
        return ""
    return min(spellings, key=lambda s: (not _capitalised(s), -spellings[s], s))


def majority_label(counts: Mapping[str, int]) -> str:
    """The most frequent label (label → count); ties go to the first in
    :data:`LABEL_PREFERENCE`, then to the lexicographically smallest."""
    if not counts:
        raise ValueError("no labels")
    order = {label: i for i, label in enumerate(LABEL_PREFERENCE)}
    return min(counts, key=lambda label: (-counts[label], order.get(label, len(order)), label))


def entity_aliases(lemmas: Mapping[str, int], name: str) -> list[str]:
    """The other names an entity is mentioned under (base form → count of its name
    mentions, derived forms excluded), one spelling per normalised form (chosen by
    :func:`canonical_name`), without ``name`` itself; most frequent first, then
    lexicographic."""
    groups: dict[str, dict[str, int]] = {}
    for lemma, n in lemmas.items():
        key = normalise_name(lemma)
        if key and key != normalise_name(name):
            groups.setdefault(key, {})[lemma] = n
    ranked = [(-sum(g.values()), canonical_name(g)) for g in groups.values()]
    return [spelling for _, spelling in sorted(ranked)]


def count(items: Iterable[str]) -> dict[str, int]:
    """Occurrences of each item (a helper for the functions above)."""
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out
