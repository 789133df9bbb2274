"""The NER tagger's word lists: which name lists (first names, surnames, places, SJP named
entities) a lower-cased word form appears in, and its distributional word clusters.

The files are derived by ``scripts/build_ner_lexicon.py`` and ``scripts/build_ner_clusters.py``
and ship in ``models/ner/`` with their sources and licences named in their headers; here
they are only read.
"""

from __future__ import annotations

import re
import sys
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar, overload

import numpy as np

_T = TypeVar("_T")

#: word form (lower-cased) → its tags, e.g. "kijowa" → ("pl2", "s:city_base")
Lexicon = Mapping[str, tuple[str, ...]]


def parse_lexicon(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``word<TAB>tag,tag`` lines; ``#`` lines are comments."""
    return dict(_entries(lines))


def _entries(lines: Iterable[str]) -> Iterator[tuple[str, tuple[str, ...]]]:
    shared: dict[str, tuple[str, ...]] = {}
    for line in lines:
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        word, _, tags = line.partition("\t")
        # A few hundred distinct tag sets are shared by ~400k words: one tuple each.
        tup = shared.get(tags)
        if tup is None:
            tup = shared[tags] = tuple(sys.intern(t) for t in tags.split(","))
        yield word, tup


def load_lexicon(path: Path) -> Lexicon:
    """The lexicon file as a :class:`CompactLexicon`."""
    with path.open(encoding="utf-8") as lines:
        return CompactLexicon(_entries(lines))


class CompactLexicon(Mapping[str, tuple[str, ...]]):
    """A read-only word → tags mapping in ~10 MB where a dict of the shipped lexicon's
    420k words takes ~70 MB in every worker: the words sit in one UTF-8 byte string,
    ordered by their hash, and a look-up bisects the hashes (~2 µs; the tagger asks once
    or twice per distinct word it has not described yet)."""

    def __init__(self, entries: Iterable[tuple[str, tuple[str, ...]]]) -> None:
        blob = bytearray()
        ends = array("q")
        hashes = array("q")
        value_ids = array("H")
        ids: dict[tuple[str, ...], int] = {}
        self._sets: list[tuple[str, ...]] = []
        for word, tags in entries:
            blob += word.encode("utf-8")
            ends.append(len(blob))
            hashes.append(hash(word))
            value = ids.get(tags)
            if value is None:
                value = ids[tags] = len(self._sets)
                self._sets.append(tags)
            value_ids.append(value)
        if len(self._sets) > 65_536:
            raise ValueError("more than 65,536 distinct tag sets")
        # Reorder by hash, with numpy (no object per word).
        order = np.argsort(np.frombuffer(hashes, np.int64), kind="stable")
        stop = np.frombuffer(ends, np.int64)
        start = np.concatenate([[0], stop[:-1]]) if len(stop) else stop
        sizes = (stop - start)[order]
        new_stop = np.cumsum(sizes)
        shift = np.repeat(start[order] - (new_stop - sizes), sizes)
        self._blob = np.frombuffer(bytes(blob), np.uint8)[np.arange(int(sizes.sum())) + shift].tobytes()
        self._hashes = array("q", np.frombuffer(hashes, np.int64)[order].tobytes())
        self._values = array("H", np.frombuffer(value_ids, np.uint16)[order].tobytes())
        self._ends = array("q", new_stop.astype(np.int64).tobytes())

    def _find(self, word: str) -> int:
        """The entry's position, or -1."""
        h = hash(word)
        i = bisect_left(self._hashes, h)
        if i == len(self._hashes) or self._hashes[i] != h:
            return -1
        key = word.encode("utf-8")
        while i < len(self._hashes) and self._hashes[i] == h:
            start = self._ends[i - 1] if i else 0
            if self._blob[start : self._ends[i]] == key:
                return i
            i += 1
        return -1

    @overload
    def get(self, key: str, /) -> tuple[str, ...] | None: ...
    @overload
    def get(self, key: str, default: tuple[str, ...], /) -> tuple[str, ...]: ...
    @overload
    def get(self, key: str, default: _T, /) -> tuple[str, ...] | _T: ...
    def get(self, key: str, default: object = None, /) -> object:
        i = self._find(key) if isinstance(key, str) else -1
        return default if i < 0 else self._sets[self._values[i]]

    def __getitem__(self, key: str) -> tuple[str, ...]:
        i = self._find(key) if isinstance(key, str) else -1
        if i < 0:
            raise KeyError(key)
        return self._sets[self._values[i]]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def __len__(self) -> int:
        return len(self._hashes)

    def __iter__(self) -> Iterator[str]:
        start = 0
        for end in self._ends:
            yield self._blob[start:end].decode("utf-8")
            start = end


#: word form (lower-cased, digits as 0) → its cluster features, e.g. ("k1=5", "k2=17", "k3=300")
Clusters = dict[str, tuple[str, ...]]
_DIGITS = re.compile(r"\d")


def cluster_key(word: str) -> str:
    """How a word is looked up in the clusters: lower-cased, every digit as 0."""
    return _DIGITS.sub("0", word.lower())


def parse_clusters(lines: list[str]) -> Clusters:
    """``word<TAB>id id id`` lines (coarse to fine); ``#`` lines are comments."""
    out: Clusters = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        word, _, ids = line.partition("\t")
        out[word] = tuple(sys.intern(f"k{i}={c}") for i, c in enumerate(ids.split(), start=1))
    return out


def load_clusters(path: Path) -> Clusters:
    return parse_clusters(path.read_text(encoding="utf-8").splitlines())
