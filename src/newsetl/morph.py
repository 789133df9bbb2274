"""Polish morphology: a cached, typed wrapper around Morfeusz 2 (SGJP dictionary).

Morfeusz is the unavoidable cost of Polish processing (~35k words/s per core here), and
news vocabulary is Zipfian, so one bounded cache per process removes most of that cost.
Every component that needs a word's analyses (segmentation, entities, base forms,
claims) goes through :class:`Morphology` so the cache is shared.
"""

from __future__ import annotations

import re
import sys
from functools import cached_property
from typing import NamedTuple

import morfeusz2

from newsetl.cache import Generations

# Morfeusz marks homonyms in lemmas ("Warszawa:Sf", "Kaja:Sf~o~u"); the suffix is not
# part of the word.
_HOMONYM_SUFFIX = re.compile(r"^(.+?):[A-Za-z~][^:]*$")


class Interp(NamedTuple):
    """One interpretation of one segment."""

    orth: str
    lemma: str  # homonym suffix stripped
    tag: str  # NKJP tag, e.g. "subst:sg:inst:m1"; "ign" when the word is unknown
    qualifiers: tuple[str, ...]  # e.g. ("imię",), ("nazwa_geograficzna",), ("nazwa_pospolita",)
    labels: tuple[str, ...]  # stylistic/domain labels, e.g. ("pot.",)

    @property
    def pos(self) -> str:
        return self.tag.split(":", 1)[0]


class Segment(NamedTuple):
    """An edge of Morfeusz's analysis graph: nodes ``start``→``end`` with one interpretation."""

    start: int
    end: int
    interp: Interp


def strip_homonym(lemma: str) -> str:
    """``"Warszawa:Sf"`` → ``"Warszawa"``; punctuation lemmas such as ``":"`` are left alone."""
    if len(lemma) > 1:
        match = _HOMONYM_SUFFIX.match(lemma)
        if match:
            return match.group(1)
    return lemma


# Tags, qualifier and label lists come from small closed sets: sharing one object for
# each keeps the per-word cache ~a third smaller (a worker caches tens of thousands of words).
_SHARED_LISTS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(items: list[str]) -> tuple[str, ...]:
    key = tuple(items)
    return _SHARED_LISTS.setdefault(key, key)


def _interp(raw: tuple[str, str, str, list[str], list[str]]) -> Interp:
    orth, lemma, tag, quals, labels = raw
    return Interp(orth, strip_homonym(lemma), sys.intern(tag), _shared(quals), _shared(labels))


class Morphology:
    """Cached Morfeusz analysis and generation for one process.

    Not thread-safe (neither is Morfeusz); create one per worker process.
    ``cache_size`` bounds memory: at most twice that many words are kept per cache
    (about 1 KB each), the ones in use.
    """

    def __init__(self, cache_size: int = 40_000) -> None:
        self._analyser = morfeusz2.Morfeusz(generate=False, expand_tags=False)
        self._words: Generations[tuple[Interp, ...]] = Generations(cache_size)
        self._graphs: Generations[tuple[Segment, ...]] = Generations(cache_size // 4)
        self._forms: Generations[tuple[Interp, ...]] = Generations(cache_size // 4)

    @cached_property
    def _generator(self) -> morfeusz2.Morfeusz:
        return morfeusz2.Morfeusz(analyse=False, generate=True, expand_tags=False)

    @property
    def dictionary_id(self) -> str:
        return str(self._analyser.dict_id())

    def _graph(self, word: str) -> tuple[Segment, ...]:
        return tuple(Segment(s, e, _interp(raw)) for s, e, raw in self._analyser.analyse(word))

    def graph(self, word: str) -> tuple[Segment, ...]:
        """All edges of the analysis graph of ``word`` (agglutinates split: "zrobiłem" → zrobił + em)."""
        cached = self._graphs.get(word)
        if cached is None:
            cached = self._graph(word)
            self._graphs.put(word, cached)
        return cached

    def analyse(self, word: str) -> tuple[Interp, ...]:
        """Interpretations of ``word`` as one token.

        When Morfeusz splits the word into several segments, the interpretations of the
        first segment are returned (its lemma and tag carry the word's meaning: "zrobiłem"
        → zrobić/praet). An unknown word gets one interpretation with tag ``ign``.
        """
        cached = self._words.get(word)
        if cached is None:
            cached = tuple(edge.interp for edge in self._graph(word) if edge.start == 0)
            if not cached:
                cached = (Interp(word, word, "ign", (), ()),)
            self._words.put(word, cached)
        return cached

    def forms(self, lemma: str) -> tuple[Interp, ...]:
        """All inflected forms of ``lemma`` (empty when Morfeusz does not know it).

        ``lemma`` may carry a homonym suffix ("Kaja:Sf") to pick one paradigm.
        """
        cached = self._forms.get(lemma)
        if cached is None:
            try:
                raw = self._generator.generate(lemma)
            except RuntimeError:  # Morfeusz raises on lemmas it cannot generate from
                raw = []
            cached = tuple(_interp(r) for r in raw)
            self._forms.put(lemma, cached)
        return cached
