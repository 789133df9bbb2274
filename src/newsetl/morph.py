"""Polish morphology: a cached, typed wrapper around Morfeusz 2 (SGJP dictionary).

Morfeusz is the unavoidable cost of Polish processing (~35k words/s per core here), and
news vocabulary is Zipfian, so one bounded cache per process removes most of that cost.
Every component that needs a word's analyses (segmentation, entities, base forms,
claims) goes through :class:`Morphology` so the cache is shared.
"""

from __future__ import annotations

import string
import sys
from collections.abc import Iterable, Sequence
from functools import cached_property
from itertools import accumulate
from typing import Any, NamedTuple

import _morfeusz2
import morfeusz2

from newsetl.cache import Generations

# Morfeusz marks homonyms in lemmas ("Warszawa:Sf", "Kaja:Sf~o~u"): a last colon followed
# by a letter or "~" and no other colon; the suffix is not part of the word.
_HOMONYM_START = frozenset(string.ascii_letters + "~")


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
    cut = lemma.rfind(":")
    if cut > 0 and cut + 1 < len(lemma) and lemma[cut + 1] in _HOMONYM_START:
        return lemma[:cut]
    return lemma


# Tags, qualifier and label lists come from small closed sets: sharing one object for
# each keeps the per-word cache ~a third smaller (a worker caches tens of thousands of words).
_SHARED_LISTS: dict[tuple[str, ...], tuple[str, ...]] = {}


def _shared(items: list[str]) -> tuple[str, ...]:
    key = tuple(items)
    return _SHARED_LISTS.setdefault(key, key)


# The binding's own conversion (``morfeusz2.Morfeusz.analyse``) asks Morfeusz for the tag,
# qualifier and label strings of every interpretation and builds new lists each time: it
# costs more than the analysis. Interpretations carry small integer ids for the three;
# each id is resolved once, by the binding's own calls, and its value reused.
_start = _morfeusz2.MorphInterpretation_startNode_get
_end = _morfeusz2.MorphInterpretation_endNode_get
_orth = _morfeusz2.MorphInterpretation__orth_get
_lemma = _morfeusz2.MorphInterpretation__lemma_get
_tag_id = _morfeusz2.MorphInterpretation_tagId_get
_name_id = _morfeusz2.MorphInterpretation_nameId_get
_labels_id = _morfeusz2.MorphInterpretation_labelsId_get


# Lemmas remembered by a _Reader (see _Reader._lemmas).
_LEMMAS_KEPT = 100_000


class _Reader:
    """Raw results of one Morfeusz instance as :class:`Interp` s, ids resolved once."""

    def __init__(self, instance: morfeusz2.Morfeusz) -> None:
        self._native = instance._morfeusz_obj
        self._tags: dict[int, str] = {}
        self._names: dict[int, tuple[str, ...]] = {}
        self._labels: dict[int, tuple[str, ...]] = {}
        # Morfeusz's lemma string → without its homonym suffix, interned (a lexeme's forms
        # share it); emptied when full, so it stays bounded (~100 bytes an entry).
        self._lemmas: dict[str, str] = {}

    def _interp(self, raw: Any) -> Interp:
        tag = self._tags.get(_tag_id(raw))
        if tag is None:
            tag = self._tags[_tag_id(raw)] = sys.intern(raw.getTag(self._native))
        names = self._names.get(_name_id(raw))
        if names is None:
            names = self._names[_name_id(raw)] = _shared(raw.getName(self._native))
        labels = self._labels.get(_labels_id(raw))
        if labels is None:
            labels = self._labels[_labels_id(raw)] = _shared(raw.getLabels(self._native))
        raw_lemma = _lemma(raw)
        lemma = self._lemmas.get(raw_lemma)
        if lemma is None:
            if len(self._lemmas) >= _LEMMAS_KEPT:
                self._lemmas.clear()
            lemma = self._lemmas[raw_lemma] = sys.intern(strip_homonym(raw_lemma))
        # Interned: a word's interpretations share its form.
        return Interp(sys.intern(_orth(raw)), lemma, tag, names, labels)

    def graph(self, word: str) -> tuple[Segment, ...]:
        found = morfeusz2.InterpsList()
        _morfeusz2._Morfeusz_analyse(self._native, word, found)
        interp = self._interp
        return tuple(Segment(_start(raw), _end(raw), interp(raw)) for raw in found)

    def forms(self, lemma: str) -> tuple[Interp, ...]:
        found = morfeusz2.InterpsList()
        _morfeusz2._Morfeusz_generate(self._native, lemma, found)
        return tuple(map(self._interp, found))

    def first_segments(self, words: Sequence[str]) -> list[tuple[Interp, ...]] | None:
        """The interpretations of the first segment of each word (none for an unknown
        word), from one analysis of the words joined by spaces: each call to Morfeusz costs
        as much as analysing a few words. ``words`` must be non-empty and hold no
        whitespace. None when the result cannot be split back into the words (Morfeusz
        read something across a space): then analyse them one by one."""
        found = morfeusz2.InterpsList()
        _morfeusz2._Morfeusz_analyse(self._native, " ".join(words), found)
        # Spaces are no segments, so a node's position in the words written together is
        # the length of the segments before it; a word's first segments start where the
        # words before it end.
        word_at = dict(zip(accumulate(map(len, words), initial=0), range(len(words)), strict=False))
        position = {0: 0}
        out: list[list[Interp]] = [[] for _ in words]
        interp = self._interp
        for raw in found:
            at = position.get(_start(raw))
            orth = _orth(raw)
            if at is None or " " in orth:
                return None
            position[_end(raw)] = at + len(orth)
            k = word_at.get(at)
            if k is not None:
                out[k].append(interp(raw))
        if max(position.values()) != sum(map(len, words)) or not all(out):
            return None
        return [tuple(interps) for interps in out]


# Words analysed in one call by Morphology.analyse_all: enough to spread the cost of a
# call, few enough that a word that cannot be split back costs little to redo.
_WORDS_PER_CALL = 256


def _has_space(word: str) -> bool:
    return any(ch.isspace() for ch in word)


class Morphology:
    """Cached Morfeusz analysis and generation for one process.

    Not thread-safe (neither is Morfeusz); create one per worker process.
    ``cache_size`` bounds memory: at most twice that many words are kept per cache
    (about 1 KB each), the ones in use.
    """

    def __init__(self, cache_size: int = 40_000) -> None:
        self._analyser = morfeusz2.Morfeusz(generate=False, expand_tags=False)
        self._reader = _Reader(self._analyser)
        self._words: Generations[tuple[Interp, ...]] = Generations(cache_size)
        self._graphs: Generations[tuple[Segment, ...]] = Generations(cache_size // 4)
        self._forms: Generations[tuple[Interp, ...]] = Generations(cache_size // 4)

    @cached_property
    def _generator(self) -> _Reader:
        return _Reader(morfeusz2.Morfeusz(analyse=False, generate=True, expand_tags=False))

    @property
    def dictionary_id(self) -> str:
        return str(self._analyser.dict_id())

    def _graph(self, word: str) -> tuple[Segment, ...]:
        return self._reader.graph(word)

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

    def analyse_all(self, words: Iterable[str]) -> None:
        """Analyse the words not analysed yet, many per call to Morfeusz (about a third
        cheaper than one by one), so that :meth:`analyse` finds them."""
        todo = list(dict.fromkeys(w for w in words if w and self._words.get(w) is None and not _has_space(w)))
        for at in range(0, len(todo), _WORDS_PER_CALL):
            chunk = todo[at : at + _WORDS_PER_CALL]
            found = self._reader.first_segments(chunk)
            if found is None:
                continue  # analyse() reads them one by one
            for word, interps in zip(chunk, found, strict=True):
                self._words.put(word, interps or (Interp(word, word, "ign", (), ()),))

    def forms(self, lemma: str) -> tuple[Interp, ...]:
        """All inflected forms of ``lemma`` (empty when Morfeusz does not know it).

        ``lemma`` may carry a homonym suffix ("Kaja:Sf") to pick one paradigm.
        """
        cached = self._forms.get(lemma)
        if cached is None:
            try:
                cached = self._generator.forms(lemma)
            except RuntimeError:  # Morfeusz raises on lemmas it cannot generate from
                cached = ()
            self._forms.put(lemma, cached)
        return cached
