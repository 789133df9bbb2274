"""The entity lexicon: derived forms, aliases and known place names, loaded once.

Three files in ``models/entities/`` (sources and licences in its README):

* ``derived_forms.tsv`` — relational adjectives and inhabitant nouns with every form and
  the name they derive from ("brytyjskiego" → brytyjski → Wielka Brytania), built by
  ``scripts/build_derived_forms.py``;
* ``aliases.tsv`` — names of one thing under several spellings ("USA", "Stany
  Zjednoczone Ameryki" → Stany Zjednoczone), reviewed by hand;
* ``place_names.txt`` — countries, continents, regions and cities, so that a place's
  base form does not depend on the tagger's label ("Kijowa" tagged orgName is Kijów).

:func:`load_entity_lexicon` reads them; the transforms take the result as a parameter.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from newsetl.config import REPO_ROOT
from newsetl.extract.entities.identity import normalise_name

DEFAULT_DIR = REPO_ROOT / "models" / "entities"
DERIVED_FILE = "derived_forms.tsv"
ALIASES_FILE = "aliases.tsv"
PLACES_FILE = "place_names.txt"
KINDS = frozenset({"adjective", "inhabitant"})
GROUPS = frozenset({"name", "person"})


class DerivedWord(NamedTuple):
    """A relational adjective or inhabitant noun and the name it derives from."""

    lemma: str  # "brytyjski", "Irakijczyk"
    kind: str  # adjective | inhabitant
    base: str  # "Wielka Brytania"
    group: str  # the base's entity group: name | person
    reviewed: bool  # from the hand-reviewed table rather than the stem rules


@dataclass(frozen=True, eq=False)
class EntityLexicon:
    """Lookup tables of the entity post-processing (hashable by identity, so caches
    keyed by it stay valid for one loaded lexicon)."""

    derived: Mapping[str, DerivedWord]  # lower-cased form → word
    aliases: Mapping[str, str]  # normalised alias or canonical name → canonical spelling
    contextual: Mapping[str, tuple[str, ...]]  # normalised alias → canonical names it may stand for
    places: frozenset[str]  # normalised place names
    version: str  # digest of the files, recorded with the extractor version

    def canonical(self, name: str) -> str:
        """The alias table's name for ``name`` (``name`` itself when not listed)."""
        return self.aliases.get(normalise_name(name), name)

    def is_place(self, name: str) -> bool:
        return normalise_name(name) in self.places or normalise_name(self.canonical(name)) in self.places

    def resolver(self, names: Sequence[str]) -> AliasResolver:
        """Alias resolution for a document naming ``names``: the alias table, then
        contextual aliases ("Sojusz") where exactly one of the entities they may stand
        for is named otherwise in the document."""
        return AliasResolver(self, frozenset(normalise_name(self.canonical(n)) for n in names))


class AliasResolver:
    """A canonical name for each name of one document (see :meth:`EntityLexicon.resolver`)."""

    def __init__(self, lexicon: EntityLexicon, present: frozenset[str]) -> None:
        self._lexicon = lexicon
        self._present = present

    def __call__(self, name: str) -> str:
        canonical = self._lexicon.canonical(name)
        options = self._lexicon.contextual.get(normalise_name(canonical))
        if options:
            named = [o for o in options if normalise_name(o) in self._present]
            if len(named) == 1:
                return named[0]
        return canonical


EMPTY_LEXICON = EntityLexicon({}, {}, {}, frozenset(), "empty")


def _data_lines(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def parse_derived(text: str) -> dict[str, DerivedWord]:
    """``lemma, kind, base, group, source, forms`` rows → form → word. A form shared by
    words of different bases goes to a reviewed word, then to the lexicographically
    first lemma (deterministic)."""
    out: dict[str, DerivedWord] = {}
    for cols in _data_lines(text):
        lemma, kind, base, group, source, forms = cols[:6]
        if kind not in KINDS or group not in GROUPS:
            raise ValueError(f"bad derived-form row: {cols[:5]}")
        word = DerivedWord(lemma, kind, base, group, source.startswith("reviewed"))
        for form in {f.lower() for f in forms.split(",") if f} | {lemma.lower()}:
            old = out.get(form)
            if old is None or (word.reviewed, old.lemma) > (old.reviewed, word.lemma):
                out[form] = word
    return out


def parse_aliases(text: str) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """``canonical, aliases (" | "-separated), note`` rows → (normalised name →
    canonical, normalised contextual alias → the canonical names it may stand for)."""
    out: dict[str, str] = {}
    contextual: dict[str, list[str]] = {}
    for cols in _data_lines(text):
        canonical = cols[0].strip()
        aliases = [a.strip() for a in cols[1].split("|") if a.strip()] if len(cols) > 1 else []
        for name in [canonical, *aliases]:
            if name.startswith("~"):
                contextual.setdefault(normalise_name(name[1:]), []).append(canonical)
                continue
            key = normalise_name(name)
            if key in out and out[key] != canonical:
                raise ValueError(f"alias {name!r} listed for {out[key]!r} and {canonical!r}")
            out[key] = canonical
    clash = sorted(set(contextual) & set(out))
    if clash:
        raise ValueError(f"contextual aliases that are also plain names: {clash}")
    return out, {k: tuple(sorted(v)) for k, v in contextual.items()}


def parse_places(text: str) -> frozenset[str]:
    return frozenset(normalise_name(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


def load_entity_lexicon(folder: Path = DEFAULT_DIR) -> EntityLexicon:
    """The lexicon in ``folder`` (the shipped one by default)."""
    digest = hashlib.sha256()
    texts = {}
    for name in (DERIVED_FILE, ALIASES_FILE, PLACES_FILE):
        data = (folder / name).read_bytes()
        digest.update(data)
        texts[name] = data.decode("utf-8")
    aliases, contextual = parse_aliases(texts[ALIASES_FILE])
    places = parse_places(texts[PLACES_FILE])
    return EntityLexicon(parse_derived(texts[DERIVED_FILE]), aliases, contextual, places, digest.hexdigest()[:10])


@lru_cache(maxsize=1)
def default_entity_lexicon() -> EntityLexicon:
    """The shipped lexicon, read once per process (for callers that do not pass one)."""
    return load_entity_lexicon(DEFAULT_DIR)
