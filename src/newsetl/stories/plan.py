"""Which story each new document of a run belongs to: pure functions, no I/O.

The rule, for the run's new documents (those not yet in the index):

1. **Edges.** Two documents are *linked* when they share an LSH bucket, their sketch
   estimate reaches the threshold, and they were not published further apart than the
   day window (when both are dated; checked in ``assign.py``). Links to indexed
   documents and links inside the run are found and checked the same way, so a pair is
   judged alike whichever runs the two arrive in.
2. **Joining an existing story.** A document linked to indexed documents joins the story
   of the best-linked one (most equal sketch bytes; ties: the smallest doc id).
3. **Inside the run.** Documents linked only to other new documents take the story of
   the existing story they reach through the strongest chain of links (a maximum
   spanning forest grown from the documents of step 2, best link first); a group of
   linked new documents that reaches no existing story founds one, named after its
   smallest doc id.

Everything depends only on the set of documents and their signatures — never on input
order or on how a run's input was split into files or chunks. What remains depends on
how documents are split into *runs*, because a published story never changes (no merges):
if A ~ B ~ C but A !~ C, one run puts all three in one story, while A and C arriving in
an earlier run than B found two stories and B later joins the better of them. The story's
*name* also depends on runs: the smallest doc id among the founding run's members.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True)
class Links:
    """Checked links of the run's new documents (indices into the run's sorted documents)."""

    # inside the run: i < j, weight = equal sketch bytes
    run_i: npt.NDArray[np.intp]
    run_j: npt.NDArray[np.intp]
    run_weight: npt.NDArray[np.int32]
    # to indexed documents: new document i, the indexed doc, its story, the weight
    old_i: npt.NDArray[np.intp]
    old_doc: npt.NDArray[np.uint64]
    old_story: npt.NDArray[np.uint64]
    old_weight: npt.NDArray[np.int32]

    @staticmethod
    def none() -> Links:
        empty_i = np.zeros(0, dtype=np.intp)
        empty_w = np.zeros(0, dtype=np.int32)
        empty_u = np.zeros(0, dtype=np.uint64)
        return Links(empty_i, empty_i, empty_w, empty_i, empty_u, empty_u, empty_w)


def bucket_pairs(
    buckets: npt.NDArray[np.uint64], active: npt.NDArray[np.bool_], cap: int
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Distinct pairs ``i < j`` of active rows sharing a bucket.

    In a bucket with more than ``cap`` rows, each row is paired only with the bucket's
    ``cap`` smallest rows (rows are in doc-id order), which bounds boilerplate buckets.
    """
    rows = np.flatnonzero(active)
    if len(rows) < 2:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    keys = buckets[rows].ravel()
    owners = np.repeat(rows, buckets.shape[1])
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    firsts: list[npt.NDArray[np.intp]] = []
    seconds: list[npt.NDArray[np.intp]] = []
    for size in np.unique(sizes[sizes >= 2]).tolist():
        # every (hub, member) position pair of a bucket of this size, hubs the first `cap`
        hub, member = _hub_pairs(size, cap)
        group_starts = starts[sizes == size][:, None]
        firsts.append(owners[(group_starts + hub[None, :]).ravel()])
        seconds.append(owners[(group_starts + member[None, :]).ravel()])
    if not firsts:
        empty = np.zeros(0, dtype=np.intp)
        return empty, empty
    first = np.concatenate(firsts).astype(np.intp)
    second = np.concatenate(seconds).astype(np.intp)
    lo, hi = np.minimum(first, second), np.maximum(first, second)
    n = np.int64(buckets.shape[0])
    code = np.unique(lo.astype(np.int64) * n + hi.astype(np.int64))
    return (code // n).astype(np.intp), (code % n).astype(np.intp)


def _hub_pairs(size: int, cap: int) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp]]:
    """Positions (h, m), h < m < size, h < cap: each member paired with the first ``cap``."""
    hubs = np.arange(min(size, cap))
    counts = size - 1 - hubs
    hub = np.repeat(hubs, counts)
    offset_in_run = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return hub, hub + 1 + offset_in_run


def capped_members(buckets: npt.NDArray[np.uint64], docs: npt.NDArray[np.uint64], cap: int) -> npt.NDArray[np.bool_]:
    """Mask of index rows ``(bucket, doc)`` kept: the ``cap`` smallest docs of each bucket."""
    order = np.lexsort((docs, buckets))
    sorted_buckets = buckets[order]
    starts = np.flatnonzero(np.r_[True, sorted_buckets[1:] != sorted_buckets[:-1]])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
    keep = np.zeros(len(order), dtype=bool)
    keep[order[rank < cap]] = True
    return keep


def plan_stories(docs: npt.NDArray[np.uint64], links: Links) -> npt.NDArray[np.uint64]:
    """The story of each new document (``docs`` sorted ascending, distinct) given its links."""
    n = len(docs)
    story = np.zeros(n, dtype=np.uint64)
    assigned = np.zeros(n, dtype=bool)

    # step 2: best link to an indexed document (weight desc, then smallest indexed doc)
    if len(links.old_i):
        order = np.lexsort((links.old_doc, -links.old_weight.astype(np.int64), links.old_i))
        first = order[np.r_[True, links.old_i[order][1:] != links.old_i[order][:-1]]]
        story[links.old_i[first]] = links.old_story[first]
        assigned[links.old_i[first]] = True

    # step 3: components of the run's links; grow existing stories best link first
    neighbours: dict[int, list[tuple[int, int]]] = {}
    for i, j, w in zip(links.run_i.tolist(), links.run_j.tolist(), links.run_weight.tolist(), strict=True):
        neighbours.setdefault(i, []).append((w, j))
        neighbours.setdefault(j, []).append((w, i))
    heap: list[tuple[int, int, int]] = []  # (-weight, new member, member it joins through)
    for i in np.flatnonzero(assigned).tolist():
        for w, j in neighbours.get(i, []):
            if not assigned[j]:
                heapq.heappush(heap, (-w, j, i))
    while heap:
        _, j, via = heapq.heappop(heap)
        if assigned[j]:
            continue
        story[j] = story[via]
        assigned[j] = True
        for w, k in neighbours.get(j, []):
            if not assigned[k]:
                heapq.heappush(heap, (-w, k, j))

    # what is left: groups reaching no existing story found one (smallest doc id names it)
    for start in range(n):
        if assigned[start]:
            continue
        group = [start]
        assigned[start] = True
        stack = [start]
        while stack:
            i = stack.pop()
            for _, k in neighbours.get(i, []):
                if not assigned[k]:
                    assigned[k] = True
                    group.append(k)
                    stack.append(k)
        story[group] = docs[min(group)]
    return story
