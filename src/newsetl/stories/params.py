"""The story step's parameters, each default stated once, with where it came from.

The values were chosen on the tuning half of the syndication set
(``scripts/eval_stories.py --tune``); ``README.md`` beside this file records the measurements.
Changing ``shingle_words``, ``num_perm``, ``seed`` or the rensa algorithm changes every
signature: the index records the :attr:`StoryParams.scheme` it was built with and refuses
a different one (rebuild the index with ``reprocess`` then).
"""

from __future__ import annotations

from dataclasses import dataclass

import rensa


@dataclass(frozen=True)
class StoryParams:
    # Words per shingle. Five: a changed word breaks at most five shingles, and unrelated
    # articles on one topic share almost no five-word sequence (names and set phrases are
    # shorter), so their Jaccard stays near 0.
    shingle_words: int = 5
    # MinHash slots. 128: rensa's estimate has a standard deviation of ~0.034 at J = 0.5
    # (measured), enough to keep pairs below 0.5 out at threshold 0.6; 256 halves the
    # variance at twice the index size.
    num_perm: int = 128
    seed: int = 15
    # LSH: `bands` bands of `rows` slots (bands * rows <= num_perm). A pair with Jaccard J
    # becomes a candidate with probability 1 - (1 - J**rows)**bands: 0.986 at J = 0.5,
    # 0.9995 at 0.6, 0.004 at 0.05.
    bands: int = 32
    rows: int = 3
    # A document joins a story when its estimated Jaccard with a member is at least this.
    threshold: float = 0.6
    # A band bucket shared by more documents than this (boilerplate) is compared only with
    # this many of them (the smallest doc ids), so one bucket cannot cost O(n^2).
    max_bucket_docs: int = 64

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands * rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")

    @property
    def scheme(self) -> str:
        """What makes two signatures comparable; stored with every indexed document."""
        return (
            f"rensa-rminhash-a{rensa.RMinHash.ALGORITHM_VERSION}"
            f"/w{self.shingle_words}/k{self.num_perm}/s{self.seed}/b{self.bands}r{self.rows}"
        )


DEFAULT_PARAMS = StoryParams()
