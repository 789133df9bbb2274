"""Maps from normalized text back to the original text.

Every character ``j`` of a normalized text came from the original characters
``[starts[j], ends[j])``. A span ``[s, e)`` of the normalized text therefore covers the
original ``[starts[s], ends[e - 1])``. Normalization is a sequence of passes, each a list
of edits (replace ``[s, e)`` of its input by a string); maps compose by index gathering,
so the cost is a few vectorised array operations per pass, whatever the number of edits.

For storage a map is compressed into breakpoints: within a stretch where both
``starts[j] - j`` and ``ends[j] - j`` are constant nothing needs recording, and news text
has few edits, so a document's map is usually a handful of integers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]

Edit = tuple[int, int, str]  # replace text[start:end] with the string


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """``starts[j]``/``ends[j]``: the original characters behind normalized character j."""

    starts: IntArray
    ends: IntArray

    @staticmethod
    def identity(length: int) -> OffsetMap:
        starts = np.arange(length, dtype=np.int64)
        return OffsetMap(starts, starts + 1)

    def __len__(self) -> int:
        return int(self.starts.shape[0])

    def then(self, later: OffsetMap) -> OffsetMap:
        """The map of applying ``self``'s pass and then ``later``'s pass."""
        if len(later) == 0:
            return later
        return OffsetMap(self.starts[later.starts], self.ends[later.ends - 1])

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of normalized span ``[start, end)`` (empty spans map to a point)."""
        if end <= start:
            point = int(self.starts[start]) if start < len(self) else self._raw_end()
            return point, point
        return int(self.starts[start]), int(self.ends[end - 1])

    def raw_spans(self, starts: Sequence[int] | IntArray, ends: Sequence[int] | IntArray) -> tuple[IntArray, IntArray]:
        """Vectorised :meth:`raw_span` for non-empty spans."""
        s = np.asarray(starts, dtype=np.int64)
        e = np.asarray(ends, dtype=np.int64)
        if s.size == 0:
            return s, e
        return self.starts[s], self.ends[e - 1]

    def _raw_end(self) -> int:
        return int(self.ends[-1]) if len(self) else 0

    # -- storage -------------------------------------------------------------------
    def to_breakpoints(self) -> list[int]:
        """Flat ``[j0, start0, end0, j1, start1, end1, ...]`` where the pattern changes.

        From breakpoint k until the next one, ``starts[j] = start_k + (j - j_k)`` and
        ``ends[j] = end_k + (j - j_k)``. An identity map gives ``[0, 0, 1]`` (or ``[]``
        when empty).
        """
        n = len(self)
        if n == 0:
            return []
        idx = np.arange(n, dtype=np.int64)
        ds = self.starts - idx
        de = self.ends - idx
        change = np.ones(n, dtype=bool)
        change[1:] = (ds[1:] != ds[:-1]) | (de[1:] != de[:-1])
        js = np.flatnonzero(change)
        out = np.empty(js.size * 3, dtype=np.int64)
        out[0::3] = js
        out[1::3] = self.starts[js]
        out[2::3] = self.ends[js]
        return [int(v) for v in out]

    @staticmethod
    def from_breakpoints(points: Sequence[int], length: int) -> OffsetMap:
        """Inverse of :meth:`to_breakpoints` for a normalized text of ``length`` chars."""
        if length == 0:
            return OffsetMap(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        arr = np.asarray(points, dtype=np.int64).reshape(-1, 3)
        js, s0, e0 = arr[:, 0], arr[:, 1], arr[:, 2]
        idx = np.arange(length, dtype=np.int64)
        seg = np.searchsorted(js, idx, side="right") - 1
        offset = idx - js[seg]
        return OffsetMap(s0[seg] + offset, e0[seg] + offset)


def apply_edits(text: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
    """Apply non-overlapping edits (sorted by start) and return the new text and its map.

    Characters of a replacement string all map to the whole replaced range; untouched
    characters map to themselves.
    """
    pieces: list[str] = []
    src_starts: list[IntArray] = []
    src_ends: list[IntArray] = []
    pos = 0
    for start, end, replacement in edits:
        if start > pos:
            pieces.append(text[pos:start])
            keep = np.arange(pos, start, dtype=np.int64)
            src_starts.append(keep)
            src_ends.append(keep + 1)
        if replacement:
            pieces.append(replacement)
            k = len(replacement)
            src_starts.append(np.full(k, start, dtype=np.int64))
            src_ends.append(np.full(k, end, dtype=np.int64))
        pos = end
    if pos == 0 and not pieces:
        return text, OffsetMap.identity(len(text))
    if pos < len(text):
        pieces.append(text[pos:])
        keep = np.arange(pos, len(text), dtype=np.int64)
        src_starts.append(keep)
        src_ends.append(keep + 1)
    empty = np.zeros(0, dtype=np.int64)
    starts = np.concatenate(src_starts) if src_starts else empty
    ends = np.concatenate(src_ends) if src_ends else empty
    return "".join(pieces), OffsetMap(starts, ends)
