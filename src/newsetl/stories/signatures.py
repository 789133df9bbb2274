"""MinHash signatures of documents over their five-word shingles.

Text is normalized for shingling only (``documents.text`` is untouched): lower-cased and
reduced to its word characters, so punctuation, quotes, dashes, line breaks and spacing
never matter and a credit line such as ``(PAP)`` costs one word. The signature is rensa's
R-MinHash (chosen by measurement over datasketch and a numpy implementation; see
``README.md``): ``num_perm`` 32-bit slots, identical for identical shingle sets whatever
their order or repetition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import rensa

from newsetl.stories.params import DEFAULT_PARAMS, StoryParams

_WORD = re.compile(r"\w+")


def shingle_words(text: str) -> list[str]:
    """The words shingles are made of: lower-cased runs of letters, digits and ``_``."""
    return _WORD.findall(text.lower())


def shingles(text: str, size: int = 5) -> list[str]:
    """The text's ``size``-word shingles, in order (a shorter text is one shingle; none if no words)."""
    words = shingle_words(text)
    if len(words) <= size:
        return [" ".join(words)] if words else []
    columns = [words[i:] for i in range(size)]
    return list(map(" ".join, zip(*columns, strict=False)))


@dataclass(frozen=True)
class Signatures:
    """One row per document: its MinHash slots and how many distinct shingles it has."""

    minhash: npt.NDArray[np.uint32]  # (n, num_perm)
    n_shingles: npt.NDArray[np.int32]  # (n,); 0 for a text without words (it gets no candidates)

    def __len__(self) -> int:
        return int(self.n_shingles.shape[0])

    def take(self, rows: npt.NDArray[np.intp]) -> Signatures:
        return Signatures(self.minhash[rows], self.n_shingles[rows])


def story_signatures(texts: Sequence[str], params: StoryParams = DEFAULT_PARAMS) -> Signatures:
    """MinHash signatures of ``texts`` (pure: same texts and params, same signatures)."""
    minhash = np.empty((len(texts), params.num_perm), dtype=np.uint32)
    n_shingles = np.empty(len(texts), dtype=np.int32)
    for i, text in enumerate(texts):
        items = shingles(text, params.shingle_words)
        sketch = rensa.RMinHash(params.num_perm, params.seed)
        if items:
            sketch.update(items)
        minhash[i] = sketch.digest()
        n_shingles[i] = len(set(items))
    return Signatures(minhash, n_shingles)
