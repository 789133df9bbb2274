"""The engine executes a declared run the same way on every executor: order, overlap, failures."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import pytest

from newsetl.config import load_settings
from newsetl.run.context import RunContext, new_context
from newsetl.run.engine import Batch, BatchFailed, Failed, Handle, RunDefinition, Stage, Step, Workload, execute
from newsetl.run.local import LocalExecutor

EVENTS: list[str] = []


def plan(ctx: RunContext, groups: list[list[int]]) -> list[list[int]]:
    EVENTS.append("plan")
    return groups


def ingest(ctx: RunContext, group: int, items: list[int]) -> list[int]:
    EVENTS.append(f"ingest g{group}")
    if any(i < 0 for i in items):
        raise ValueError(f"bad item in g{group}")
    return [i * 10 for i in items]


def extract(ctx: RunContext, value: int) -> int:
    EVENTS.append(f"extract {value}")
    if value == 990:
        raise OSError("disk gone")
    return value + 1


def publish(ctx: RunContext, plan: list[list[int]], ingests: list[list[int]], extracts: list[int]) -> dict[str, Any]:
    EVENTS.append("publish")
    return {"ingests": ingests, "extracts": extracts}


RUN = RunDefinition(
    plan=Step("plan", plan, retry_io=True),
    stages=(
        Stage(
            Step("ingest", ingest, retry_io=True),
            batches=lambda ctx, groups: [Batch(f"g{i}", (ctx, i, g)) for i, g in enumerate(groups)],
        ),
        Stage(
            Step("extract", extract, retry_io=True),
            batches=lambda ctx, values: [Batch(f"v{v}", (ctx, v)) for v in values],
        ),
    ),
    publish=Step("publish", publish, retry_io=False),
)


@dataclass
class _Later:
    step: Step[..., Any]
    args: tuple[Any, ...]
    result: Any = None
    ran: bool = False

    def done(self) -> bool:
        return False

    def outcome(self) -> Any:
        if not self.ran:
            self.ran = True
            try:
                self.result = self.step.fn(*self.args)
            except Exception as exc:
                self.result = Failed("failed", f"{type(exc).__name__}: {exc}")
        return self.result


@dataclass
class ReversedParallel:
    """A parallel executor whose batches run when awaited and finish in reverse order."""

    submitted: list[str] = field(default_factory=list)

    def call(self, step: Step[..., Any], *args: Any, **kwargs: Any) -> Any:
        return step.fn(*args, **kwargs)

    def submit(self, step: Step[..., Any], *args: Any) -> Handle:
        self.submitted.append(step.name)
        EVENTS.append(f"start {step.name}")
        return _Later(step, args)

    def completed(self, handles: Sequence[Handle]) -> Iterator[Handle]:
        for handle in reversed(handles):
            handle.outcome()
            yield handle

    def prepare(self, work: Workload) -> None:
        EVENTS.append(f"prepare {work.input_bytes} bytes")


@pytest.fixture
def ctx(tmp_path: Any) -> RunContext:
    EVENTS.clear()
    return new_context("test", load_settings(), {}, tmp_path)


def test_inline_runs_every_ingest_then_every_extract_and_publishes_in_declared_order(ctx: RunContext) -> None:
    result = execute(RUN, LocalExecutor(), ctx, [[1, 2], [3]])
    assert result == {"ingests": [[10, 20], [30]], "extracts": [11, 21, 31]}
    assert EVENTS == ["plan", "ingest g0", "ingest g1", "extract 10", "extract 20", "extract 30", "publish"]


def test_results_reach_publish_in_declared_order_whatever_order_they_finish_in(ctx: RunContext) -> None:
    result = execute(RUN, ReversedParallel(), ctx, [[1, 2], [3], [4]])
    assert result == {"ingests": [[10, 20], [30], [40]], "extracts": [11, 21, 31, 41]}
    # A group's extraction starts as soon as its ingest is in, before the other ingests finish.
    assert EVENTS.index("ingest g2") < EVENTS.index("start extract") < EVENTS.index("ingest g0")


def test_inline_failure_stops_the_run_at_once_and_publishes_nothing(ctx: RunContext) -> None:
    with pytest.raises(BatchFailed) as info:
        execute(RUN, LocalExecutor(), ctx, [[1], [-1], [3]])
    assert str(info.value) == (
        "ingest batch g1 failed, so nothing was published (the next run starts over): ValueError: bad item in g1"
    )
    assert EVENTS == ["plan", "ingest g0", "ingest g1"]  # no further batch, no extract, no publish


def test_parallel_failures_wait_for_running_batches_start_nothing_new_and_name_every_failure(
    ctx: RunContext,
) -> None:
    executor = ReversedParallel()
    with pytest.raises(BatchFailed) as info:
        execute(RUN, executor, ctx, [[1], [-1], [-2], [4]])
    message = str(info.value)
    assert message.startswith("2 of 4 ingest batches failed, so nothing was published (the next run starts over): ")
    assert "g2 failed: ValueError: bad item in g2" in message and "g1 failed: ValueError: bad item in g1" in message
    # g3 finished first (reverse order) and its extract started; after g2 failed, nothing new started.
    assert executor.submitted == ["ingest"] * 4 + ["extract"]
    assert "publish" not in EVENTS and "extract 40" in EVENTS


def test_a_failure_in_a_later_stage_is_named_with_its_batch(ctx: RunContext) -> None:
    with pytest.raises(BatchFailed, match=r"^extract batch v990 failed, .*: OSError: disk gone$"):
        execute(RUN, LocalExecutor(), ctx, [[1, 99, 3]])
    assert EVENTS[-1] == "extract 990"  # extract 30 never started


def test_the_executor_is_shown_the_runs_size_after_the_plan_and_before_any_batch(ctx: RunContext) -> None:
    sized = replace(RUN, workload=lambda ctx, groups: Workload(100 * sum(map(len, groups)), len(groups)))
    execute(sized, ReversedParallel(), ctx, [[1, 2], [3]])
    assert EVENTS[:3] == ["plan", "prepare 300 bytes", "start ingest"]
