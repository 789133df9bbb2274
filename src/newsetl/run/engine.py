"""Executes a declared run on any executor; holds the data directory's lock; decides what a
failed batch means. One engine for every runner: in-process, and Prefect with any task
runner (the executors differ only in *how* a step runs, never in *what* runs when).

A run is a plan step, a chain of batched stages, and a publish step
(:class:`RunDefinition`, declared in :mod:`newsetl.run.definitions`). The first stage's
batches come from the plan; each later stage's from each result of the stage before, started
as soon as that result is in — so on a parallel executor ingest and extract overlap. The
published result does not depend on that order: results reach the publish step in the order
their batches were declared.

Failures. A run publishes all or nothing. After a batch fails no new batch starts (inline,
the first failure stops the run), batches already running are waited for, and the run fails
with :class:`BatchFailed` naming every failed batch of the first stage that had one — before
the publish step, so the current version is untouched. The next run removes the failed
run's staging folder and starts over.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, ParamSpec, Protocol, TypeVar

from newsetl.run.context import RunContext
from newsetl.run.progress import Observer, Tracker
from newsetl.tables.store import Store

P = ParamSpec("P")
R = TypeVar("R")
Key = tuple[int, ...]  # a batch's position: its parent's position, then its own


@dataclass(frozen=True)
class Step(Generic[P, R]):
    """A step of the project: the function it calls, and how an orchestrator may treat it."""

    name: str
    fn: Callable[P, R]
    # It only reads its inputs and writes files it owns, so an I/O error may be retried;
    # steps that commit a version never are (a retry after the commit could publish twice).
    retry_io: bool
    # How an orchestrator names one run of the step, from its parameters ("ingest-g{group}").
    run_name: str | None = None


@dataclass(frozen=True)
class Batch:
    """One batch of a stage: a label for people ("g0", "g0-c1") and the step's arguments."""

    label: str
    args: tuple[Any, ...]


@dataclass(frozen=True)
class Stage:
    step: Step[..., Any]
    # The stage's batches from one result of the stage before (the plan for the first).
    batches: Callable[[RunContext, Any], Sequence[Batch]]


@dataclass(frozen=True)
class RunDefinition:
    plan: Step[..., Any]  # called with the context and the run's arguments
    stages: tuple[Stage, ...]
    publish: Step[..., Any]  # called with the context, the plan, and each stage's results


@dataclass(frozen=True)
class Failed:
    """What became of a failed batch: ``how`` ("failed", "crashed", …), the error said in
    words, and the error itself when the executor has it (a crashed worker leaves none)."""

    how: str
    detail: str
    error: BaseException | None = None

    @staticmethod
    def of(error: BaseException) -> Failed:
        return Failed("failed", f"{type(error).__name__}: {error}", error)


class Handle(Protocol):
    """A batch started on an executor."""

    def done(self) -> bool:
        """Whether its outcome is known without waiting."""
        ...

    def outcome(self) -> Any:
        """Its result, or :class:`Failed` (waits until it is known)."""
        ...


@dataclass(frozen=True)
class Done:
    """A batch that ran to its outcome when it was submitted (an inline executor's)."""

    result: Any  # its result, or Failed

    def done(self) -> bool:
        return True

    def outcome(self) -> Any:
        return self.result


class Executor(Protocol):
    """How steps run: in this process, as Prefect tasks, …"""

    def call(self, step: Step[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Run ``step`` now and return its result (its error propagates)."""
        ...

    def submit(self, step: Step[..., Any], *args: Any) -> Handle:
        """Start ``step`` as a batch (it may run elsewhere, or already be done)."""
        ...

    def completed(self, handles: Sequence[Handle]) -> Iterator[Handle]:
        """``handles`` in the order they finish."""
        ...


class BatchFailed(RuntimeError):
    """Some batches of a run failed; nothing was published. ``failed`` holds each failed
    batch's label and outcome; the first one's error is the ``__cause__``."""

    def __init__(self, message: str, failed: list[tuple[str, Failed]]) -> None:
        super().__init__(message)
        self.failed = failed


class _Failures:
    """Failed batches per stage, in the order the stages are declared."""

    def __init__(self, stages: Sequence[Stage]) -> None:
        self._order = [s.step.name for s in stages]
        self._failed: dict[str, list[tuple[str, Failed]]] = {}
        self._totals: dict[str, int] = {}

    def __bool__(self) -> bool:
        return bool(self._failed)

    def add(self, stage: str, label: str, failed: Failed) -> None:
        self._failed.setdefault(stage, []).append((label, failed))

    def total(self, stage: str, started: int) -> None:
        self._totals[stage] = started

    def raise_any(self) -> None:
        for stage in self._order:
            failed = self._failed.get(stage)
            if failed:
                message = _message(stage, failed, self._totals.get(stage, len(failed)))
                raise BatchFailed(message, failed) from failed[0][1].error


def _message(stage: str, failed: list[tuple[str, Failed]], total: int) -> str:
    outcome = "so nothing was published (the next run starts over)"
    if len(failed) == 1:
        label, f = failed[0]
        return f"{stage} batch {label} {f.how}, {outcome}: {f.detail}"
    shown = "; ".join(f"{label} {f.how}: {f.detail}" for label, f in failed[:5])
    more = f"; … and {len(failed) - 5} more" if len(failed) > 5 else ""
    return f"{len(failed)} of {total} {stage} batches failed, {outcome}: {shown}{more}"


class _InFlight:
    """The batches of one stage: started while no batch has failed, then awaited."""

    def __init__(self, executor: Executor, stage: Stage, failures: _Failures, tracker: Tracker) -> None:
        self._executor = executor
        self._stage = stage
        self._failures = failures
        self._tracker = tracker
        self._started: list[tuple[Key, str, Handle]] = []
        self._known: dict[int, Any] = {}  # outcomes already looked at, by id(handle)

    def start(self, key: Key, batch: Batch) -> None:
        if self._failures:
            return  # the run will not publish: start no new work
        handle = self._executor.submit(self._stage.step, *batch.args)
        self._started.append((key, batch.label, handle))
        if handle.done():  # an inline executor: a failure stops the run at once
            self._look(handle, batch.label)

    def _look(self, handle: Handle, label: str) -> Any:
        if id(handle) not in self._known:
            outcome = handle.outcome()
            self._known[id(handle)] = outcome
            if isinstance(outcome, Failed):
                self._failures.add(self._stage.step.name, label, outcome)
            self._tracker.finished(self._stage.step.name, outcome)
        return self._known[id(handle)]

    def finished(self) -> Iterator[tuple[Key, Any]]:
        """The successful results, as they finish (after every batch was started)."""
        self._failures.total(self._stage.step.name, len(self._started))
        where = {id(handle): (key, label) for key, label, handle in self._started}
        for handle in self._executor.completed([handle for _, _, handle in self._started]):
            key, label = where[id(handle)]
            outcome = self._look(handle, label)
            if not isinstance(outcome, Failed):
                yield key, outcome


def _stage_results(
    executor: Executor,
    ctx: RunContext,
    stage: Stage,
    parents: Iterator[tuple[Key, Any]],
    failures: _Failures,
    results: list[tuple[Key, Any]],
    tracker: Tracker,
) -> Iterator[tuple[Key, Any]]:
    flight = _InFlight(executor, stage, failures, tracker)
    for key, parent in parents:
        batches = stage.batches(ctx, parent)
        tracker.batches(stage.step.name, len(batches))
        for i, batch in enumerate(batches):
            flight.start((*key, i), batch)
    for key, result in flight.finished():
        results.append((key, result))
        yield key, result


def execute(
    run: RunDefinition, executor: Executor, ctx: RunContext, *plan_args: Any, progress: Observer | None = None
) -> Any:
    """Plan, every stage's batches, publish (call holding the lock: :func:`writing`).

    ``progress`` is shown the run's :class:`~newsetl.run.progress.Snapshot` after the plan,
    after every batch, and when publishing starts and ends.
    """
    tracker = Tracker([s.step.name for s in run.stages], progress)
    plan = executor.call(run.plan, ctx, *plan_args)
    tracker.planned(plan)
    failures = _Failures(run.stages)
    per_stage: list[list[tuple[Key, Any]]] = []
    chain: Iterator[tuple[Key, Any]] = iter([((), plan)])
    for stage in run.stages:
        per_stage.append([])
        chain = _stage_results(executor, ctx, stage, chain, failures, per_stage[-1], tracker)
    for _ in chain:  # drives every stage to its end
        pass
    failures.raise_any()
    ordered = [[result for _, result in sorted(results, key=lambda r: r[0])] for results in per_stage]
    tracker.publishing()
    published = executor.call(run.publish, ctx, plan, *ordered)
    tracker.done()
    return published


@contextmanager
def writing(ctx: RunContext, wait_seconds: float) -> Iterator[Store]:
    """Hold the data directory for the run (waiting up to ``wait_seconds`` for another
    run's lock); tidy leftovers of crashed runs first and old versions after."""
    store = ctx.store
    keep = ctx.settings.run.keep_versions_minutes
    with store.locked(ctx.run_id, wait_seconds):
        store.collect_garbage(keep, active_run=ctx.run_id)
        yield store
        store.collect_garbage(keep)
