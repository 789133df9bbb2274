"""A run's progress: the engine reports every batch to a tracker; snapshots count files,
documents, words and k of n batches, and estimate the time left."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from newsetl.config import load_settings
from newsetl.run.context import RunContext, new_context
from newsetl.run.engine import Batch, BatchFailed, RunDefinition, Stage, Step, execute
from newsetl.run.local import LocalExecutor
from newsetl.run.progress import Snapshot, Tracker, clock
from tests.unit.run.test_engine import ReversedParallel


@dataclass(frozen=True)
class Planned:
    groups: list[list[int]]

    def tally(self) -> dict[str, int]:
        return {"files": sum(len(g) for g in self.groups)}


@dataclass(frozen=True)
class Ingested:
    files: int
    chunks: list[int]

    def tally(self) -> dict[str, int]:
        return {"files": self.files}


@dataclass(frozen=True)
class Extracted:
    docs: int

    def tally(self) -> dict[str, int]:
        return {"documents": self.docs, "words": self.docs * 100}


def plan(ctx: RunContext, groups: list[list[int]]) -> Planned:
    return Planned(groups)


def ingest(ctx: RunContext, group: list[int]) -> Ingested:
    if -1 in group:
        raise ValueError("bad group")
    return Ingested(len(group), [n for n in group if n])  # a chunk of n documents per non-zero item


def extract(ctx: RunContext, docs: int) -> Extracted:
    return Extracted(docs)


RUN = RunDefinition(
    plan=Step("plan", plan, retry_io=False),
    stages=(
        Stage(
            Step("ingest", ingest, retry_io=False),
            lambda ctx, p: [Batch(f"g{i}", (ctx, g)) for i, g in enumerate(p.groups)],
        ),
        Stage(Step("extract", extract, retry_io=False), lambda ctx, r: [Batch(f"c{n}", (ctx, n)) for n in r.chunks]),
    ),
    publish=Step("publish", lambda ctx, p, i, e: sum(x.docs for x in e), retry_io=False),
)


@pytest.fixture
def ctx(tmp_path: Any) -> RunContext:
    return new_context("test", load_settings(), {}, tmp_path)


@pytest.mark.parametrize("executor", [LocalExecutor(), ReversedParallel()], ids=["inline", "parallel"])
def test_the_engine_shows_the_plan_every_batch_and_publishing(ctx: RunContext, executor: Any) -> None:
    seen: list[Snapshot] = []
    groups = [[3, 4], [5], [0, 6]]  # 5 files; 4 chunks of 3+4+5+6 = 18 documents
    assert execute(RUN, executor, ctx, groups, progress=seen.append) == 18
    phases = [s.phase for s in seen]
    assert phases[0] == "plan" and phases[-2:] == ["publish", "done"]
    assert len(seen) == 1 + 3 + 4 + 2  # the plan, 3 ingest and 4 extract batches, publish, done
    assert all(s.files_total == 5 for s in seen)
    last = seen[-1]
    assert (last.batches_done, last.batches_expected, last.files_done) == (7, 7, 5)
    assert (last.documents, last.words, last.fraction, last.eta) == (18, 1800, 1.0, 0.0)
    assert all(0 <= s.fraction <= 1 and s.batches_done <= s.batches_expected for s in seen)


def test_a_failed_batch_counts_as_done_and_adds_nothing(ctx: RunContext) -> None:
    seen: list[Snapshot] = []
    with pytest.raises(BatchFailed):
        execute(RUN, ReversedParallel(), ctx, [[3], [-1]], progress=seen.append)
    assert seen[-1].phase in ("ingest", "extract") and seen[-1].files_done == 1
    assert "publish" not in [s.phase for s in seen]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_later_stages_are_expected_in_proportion_to_the_earlier_stage_done() -> None:
    now = Clock()
    seen: list[Snapshot] = []
    tracker = Tracker(["ingest", "extract"], seen.append, clock=now)
    tracker.planned(Planned([[1]] * 4))
    tracker.batches("ingest", 4)
    now.now += 10
    tracker.finished("ingest", Ingested(1, [1, 1, 1]))
    tracker.batches("extract", 3)
    # 1 of 4 ingest batches gave 3 extract batches: 12 expected, 16 in all, 1 done.
    assert tracker.expected() == {"ingest": 4, "extract": 12}
    snap = tracker.snapshot()
    assert snap.batches_expected == 16 and snap.fraction == pytest.approx(1 / 16)
    assert snap.eta == pytest.approx(10 * 15)
    now.now += 10
    tracker.finished("extract", Extracted(50))
    snap = seen[-1]
    assert (snap.batches_done, snap.documents, snap.words) == (2, 50, 5000)
    assert snap.rate == pytest.approx(50 / 20) and snap.eta == pytest.approx(20 * 14 / 2)
    for _ in range(3):
        tracker.finished("ingest", Ingested(1, []))  # the rest of ingest found nothing new
    assert tracker.expected() == {"ingest": 4, "extract": 3}
    line = seen[-1].line()
    assert line.startswith("ingest: 5 of 7 batches, 4 of 4 files, 50 documents, 5,000 words, 2.5 documents/s, ETA ")


def test_nothing_to_go_on_means_no_eta() -> None:
    seen: list[Snapshot] = []
    tracker = Tracker(["ingest"], seen.append, clock=Clock())
    tracker.planned(Planned([]))
    assert seen[-1].eta is None and seen[-1].line().endswith("ETA unknown")
    assert clock(3725.4) == "1:02:05"
