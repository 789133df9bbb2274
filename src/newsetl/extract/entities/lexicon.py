"""The NER tagger's name lexicon: which lists (first names, surnames, places, SJP named
entities) a lower-cased word form appears in.

The file is derived from the source lists by ``scripts/build_ner_lexicon.py`` and ships in
``models/ner/`` with their licences named in its header; here it is only read.
"""

from __future__ import annotations

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
