"""What the index stores of a signature: band buckets for lookup, a byte sketch for checking.

* A **bucket** is one LSH band: ``rows`` consecutive MinHash slots hashed to 32 bits, with
  the band's number in the high 32 bits (``band << 32 | hash``). Two documents sharing a
  bucket are *candidates*; Jaccard J makes them share at least one of ``bands`` buckets
  with probability ``1 - (1 - J**rows)**bands``.
* A **sketch** keeps the low byte of every slot (b-bit MinHash, b = 8): a quarter of the
  bytes, and the estimate stays unbiased after correcting for chance byte matches
  (1/256). Its standard deviation barely moves (0.0335 -> 0.0336 at 128 slots, J in
  0.3-0.7, on the syndication set). Candidates from the index *and* from the same run are checked with
  the same sketch estimate, so a pair is judged the same whichever run each came in.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt

from newsetl.stories.params import StoryParams

_CHANCE = 1.0 / 256.0
# Odd 64-bit multipliers (from splitmix64 / murmur3) to combine a band's slots.
_MULTIPLIERS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD],
    dtype=np.uint64,
)


def _mix(x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Murmur3's 64-bit finalizer: every input bit affects every output bit."""
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xFF51AFD7ED558CCD)
    x = x ^ (x >> np.uint64(33))
    x = x * np.uint64(0xC4CEB9FE1A85EC53)
    return x ^ (x >> np.uint64(33))


def band_buckets(minhash: npt.NDArray[np.uint32], params: StoryParams) -> npt.NDArray[np.uint64]:
    """(n, bands) buckets: band number in the high 32 bits, the band's slots hashed in the low 32."""
    n = minhash.shape[0]
    slots = minhash[:, : params.bands * params.rows].astype(np.uint64).reshape(n, params.bands, params.rows)
    acc = np.zeros((n, params.bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for r in range(params.rows):
            acc = _mix(acc ^ (slots[:, :, r] * _MULTIPLIERS[r % len(_MULTIPLIERS)]))
    band = np.arange(params.bands, dtype=np.uint64)[None, :] << np.uint64(32)
    result: npt.NDArray[np.uint64] = band | (acc >> np.uint64(32))
    return result


def sketches(minhash: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint8]:
    """(n, num_perm) low bytes of the slots."""
    return (minhash & np.uint32(0xFF)).astype(np.uint8)


def matches(a: npt.NDArray[np.uint8], b: npt.NDArray[np.uint8]) -> npt.NDArray[np.int32]:
    """Row-wise count of equal sketch bytes of two (m, num_perm) arrays."""
    counted: npt.NDArray[np.int32] = (a == b).sum(axis=1, dtype=np.int32)
    return counted


def estimated_jaccard(match_count: npt.NDArray[np.int32] | int, num_perm: int) -> npt.NDArray[np.float64]:
    """Jaccard estimated from equal sketch bytes, chance matches removed, clipped to [0, 1]."""
    raw = np.asarray(match_count, dtype=np.float64) / num_perm
    return np.clip((raw - _CHANCE) / (1.0 - _CHANCE), 0.0, 1.0)


def min_matches(params: StoryParams) -> int:
    """Fewest equal sketch bytes whose estimate reaches ``params.threshold`` (an integer test)."""
    needed = params.num_perm * (params.threshold * (1.0 - _CHANCE) + _CHANCE)
    return math.ceil(needed - 1e-9)


def candidate_probability(jaccard: float, params: StoryParams) -> float:
    """Chance that two documents with this Jaccard share at least one bucket."""
    return 1.0 - (1.0 - jaccard**params.rows) ** params.bands
