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
    # MinHash slots. 256: rensa's estimate then has a standard deviation of ~0.022 at
    # J = 0.5 (measured on the syndication set; 0.034 with 128), which lets the threshold
    # sit at 0.55 without linking pairs below 0.5. Costs little CPU (rensa takes 30-70 µs a
    # document either way; making the shingles takes ~10x that); the index stores one byte per slot.
    num_perm: int = 256
    seed: int = 15
    # LSH: `bands` bands of `rows` slots (bands * rows <= num_perm). A pair with Jaccard J
    # becomes a candidate with probability 1 - (1 - J**rows)**bands: 0.96 at J = 0.5,
    # 0.987 at 0.55, 0.997 at 0.6, 0.003 at 0.05. On the tuning half, 20, 24 and 32 bands
    # gave the same recall within 0.05 points; 24 keeps a margin at the threshold.
    bands: int = 24
    rows: int = 3
    # A document joins a story when its estimated Jaccard with a member is at least this.
    # Tuning half (k=256, 24 bands): 0.50 -> recall 0.989, 12 unrelated pairs below 0.5
    # sharing a story; 0.55 -> 0.979, none; 0.575 -> 0.972; 0.60 -> 0.963.
    threshold: float = 0.55
    # A band bucket shared by more documents than this (boilerplate) is compared only with
    # this many of them (the smallest doc ids), so one bucket cannot cost O(n^2).
    max_bucket_docs: int = 64
    # Two dated documents published more than this many days apart are never linked (an
    # undated one links with any). Copies of a wire story come within hours or days; the
    # window bounds a run's lookup to the index's months near its documents' days instead
    # of the whole history (README: "Lookup cost"). None: no window, the whole index.
    window_days: int | None = 60

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"bands * rows = {self.bands * self.rows} exceeds num_perm = {self.num_perm}")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {self.threshold}")
        if self.window_days is not None and self.window_days < 0:
            raise ValueError(f"window_days must be >= 0 or None, got {self.window_days}")

    @property
    def scheme(self) -> str:
        """What makes two signatures comparable; stored with every indexed document."""
        return (
            f"rensa-rminhash-a{rensa.RMinHash.ALGORITHM_VERSION}"
            f"/w{self.shingle_words}/k{self.num_perm}/s{self.seed}/b{self.bands}r{self.rows}"
        )


DEFAULT_PARAMS = StoryParams()
