"""How far a run is. The engine (:mod:`newsetl.run.engine`) is the one place that knows a
run's batches: it tells a :class:`Tracker` when the plan is made, which batches are about
to start, when each finishes, and when publishing starts; the tracker keeps the counts and hands a
:class:`Snapshot` to an observer after each of those events. Observers only display: a bar
or periodic lines (the CLI), a progress artifact and log lines (the Prefect flows).

Counts come from the steps' results that have a ``tally()`` (:class:`Counted`): the plan's
is the run's total (``files``), every batch's adds to the run's (``files``, ``documents``,
``words``).

How many batches a run will have is known only stage by stage: a later stage's batches
come from the earlier stage's results. Until the earlier stage is done, a later stage is
expected to have as many batches as it has so far, scaled up by the share of the earlier
stage still to come — enough for an estimate of the time left that settles as the run goes.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable


@runtime_checkable
class Counted(Protocol):
    """A step's result that says what it did: ``{"files": 3, "documents": 40, "words": 9000}``."""

    def tally(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class Snapshot:
    """A run's progress at one moment."""

    phase: str  # "plan", a stage's name (the latest that started or finished a batch), "publish", "done"
    batches_done: int
    batches_expected: int  # an estimate until the last stage's batches are all known
    files_done: int
    files_total: int
    documents: int
    words: int
    elapsed: float  # seconds since the run started
    fraction: float  # of the batches, 0..1

    @property
    def rate(self) -> float:
        """Documents per second so far."""
        return self.documents / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds left, estimated from the time so far (None before there is anything to go on)."""
        if self.phase == "done":
            return 0.0
        if self.fraction <= 0 or self.elapsed <= 0:
            return None
        return self.elapsed * (1 - self.fraction) / self.fraction

    def line(self) -> str:
        """One line for people: ``extract: 7 of 16 batches, 12 of 40 files, 3,200 documents, …``."""
        eta = self.eta
        return (
            f"{self.phase}: {self.batches_done} of {_counted(self.batches_expected, 'batch', 'batches')}, "
            f"{self.files_done:,} of {_counted(self.files_total, 'file')}, {_counted(self.documents, 'document')}, "
            f"{_counted(self.words, 'word')}, {self.rate:,.1f} documents/s, "
            f"{'ETA ' + clock(eta) if eta is not None else 'ETA unknown'}"
        )


def _counted(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def clock(seconds: float) -> str:
    """``0:01:23``."""
    whole = round(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


Observer = Callable[[Snapshot], None]


class Tracker:
    """The counts of one run, fed by the engine; calls ``observer`` after each event."""

    def __init__(
        self, stages: Sequence[str], observer: Observer | None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._stages = list(stages)
        self._observer = observer
        self._clock = clock
        self._started_at = clock()
        self._phase = "plan"
        self._known: Counter[str] = Counter()
        self._done: Counter[str] = Counter()
        self._counts: Counter[str] = Counter()
        self._files_total = 0

    def planned(self, plan: Any) -> None:
        if isinstance(plan, Counted):
            self._files_total = plan.tally().get("files", 0)
        self._show()

    def batches(self, stage: str, count: int) -> None:
        """``count`` more batches of ``stage`` are known (they are about to start)."""
        self._known[stage] += count
        self._phase = stage

    def finished(self, stage: str, result: Any) -> None:
        """A batch of ``stage`` ended, with ``result`` (or a failure: counted as done, adding nothing)."""
        self._done[stage] += 1
        if isinstance(result, Counted):
            self._counts.update(result.tally())
        self._phase = stage
        self._show()

    def publishing(self) -> None:
        self._phase = "publish"
        self._show()

    def done(self) -> None:
        self._phase = "done"
        self._show()

    def expected(self) -> dict[str, int]:
        """Batches each stage is expected to have (exact once the stage before it is done)."""
        expected: dict[str, int] = {}
        share = 1.0  # of the stage before, the share of batches done (the first stage's come from the plan)
        for stage in self._stages:
            known = self._known[stage]
            expected[stage] = max(known, round(known / share)) if 0 < share < 1 else known
            share = self._done[stage] / expected[stage] if expected[stage] else 0.0
        return expected

    def snapshot(self) -> Snapshot:
        expected = sum(self.expected().values())
        done = sum(self._done.values())
        finished = self._phase in ("publish", "done")
        return Snapshot(
            phase=self._phase,
            batches_done=done,
            batches_expected=max(expected, done),
            files_done=self._counts["files"],
            files_total=self._files_total,
            documents=self._counts["documents"],
            words=self._counts["words"],
            elapsed=self._clock() - self._started_at,
            fraction=1.0 if finished else (done / expected if expected else 0.0),
        )

    def _show(self) -> None:
        if self._observer is not None:
            self._observer(self.snapshot())
