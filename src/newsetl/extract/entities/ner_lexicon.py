"""The NER tagger's word lists: which name lists (first names, surnames, places, SJP named
entities) a lower-cased word form appears in, and its distributional word clusters.

The files are derived by ``scripts/build_ner_lexicon.py`` and ``scripts/build_ner_clusters.py``
and ship in ``models/ner/`` with their sources and licences named in their headers; here
they are only read.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

#: word form (lower-cased) → its tags, e.g. "kijowa" → ("pl2", "s:city_base")
Lexicon = dict[str, tuple[str, ...]]


def parse_lexicon(lines: list[str]) -> Lexicon:
    """``word<TAB>tag,tag`` lines; ``#`` lines are comments."""
    out: Lexicon = {}
    shared: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if not line or line.startswith("#"):
            continue
        word, _, tags = line.partition("\t")
        # A few hundred distinct tag sets are shared by ~400k words: one tuple each.
        tup = shared.get(tags)
        if tup is None:
            tup = shared[tags] = tuple(sys.intern(t) for t in tags.split(","))
        out[word] = tup
    return out


def load_lexicon(path: Path) -> Lexicon:
    return parse_lexicon(path.read_text(encoding="utf-8").splitlines())


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
