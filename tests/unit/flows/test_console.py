"""``newsetl run``'s progress when stderr is not a terminal: a line every N seconds."""

from __future__ import annotations

import io

from flows.console import ProgressLines

from newsetl.run.progress import Snapshot


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def snap(phase: str, done: int = 1) -> Snapshot:
    return Snapshot(phase, done, 10, 1, 2, 5 * done, 100 * done, 1.0 + done, done / 10)


def shown(every: float, moments: list[tuple[float, str]]) -> list[str]:
    out, clock = io.StringIO(), Clock()
    lines = ProgressLines(out, every, now=clock)
    with lines:
        for at, phase in moments:
            clock.now = at
            lines(snap(phase))
    return out.getvalue().splitlines()


def test_a_line_every_n_seconds_and_one_at_the_end() -> None:
    said = shown(10, [(0, "plan"), (1, "ingest"), (5, "extract"), (11, "extract"), (15, "extract"), (22, "extract")])
    assert said == [f"newsetl: {snap('extract').line()}"] * 2
    said = shown(10, [(1, "ingest"), (11, "extract"), (12, "publish"), (13, "done")])
    assert [line.split(":")[1].strip() for line in said] == ["extract", "done"]


def test_a_short_run_prints_only_its_result() -> None:
    assert shown(10, [(0, "plan"), (1, "ingest"), (2, "extract"), (3, "publish"), (3, "done")]) == []


def test_zero_means_after_every_batch() -> None:
    said = shown(0, [(0, "plan"), (0, "ingest"), (0, "extract"), (0, "publish"), (0, "done")])
    assert [line.split(":")[1].strip() for line in said] == ["ingest", "extract", "publish", "done"]
