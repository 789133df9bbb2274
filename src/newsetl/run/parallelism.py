"""How many workers a run gets: the rule behind ``run.task_runner = "auto"`` (the default).

A pure function of the settings, the machine's cores and the run's size as its plan knows
it (:class:`~newsetl.run.engine.Workload`), so that the rule can be tested with any core
count and input size. The Prefect executor applies it once the plan is known
(:meth:`flows.executor.PrefectExecutor.prepare`), in the CLI's runs and in served
deployments alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from newsetl.config import RunSettings
from newsetl.run.engine import Workload

RunnerKind = Literal["inline", "process", "dask"]


@dataclass(frozen=True)
class RunnerChoice:
    """The runner a run uses, with how many worker processes, and why (for its log)."""

    kind: RunnerKind
    workers: int
    reason: str


def runner_for(run: RunSettings, cores: int, work: Workload) -> RunnerChoice:
    """The runner for a run of size ``work`` on a machine of ``cores`` cores.

    An explicit ``run.task_runner`` wins (with ``run.workers`` workers, 0 = every core).
    ``"auto"``: inline below ``run.parallel_min_bytes`` of input, else a process pool with a
    worker per core — at most ``run.workers`` when set, and no more than the run's batches.
    """
    most = run.workers or max(cores, 1)
    if run.task_runner != "auto":
        workers = 1 if run.task_runner == "inline" else most
        return RunnerChoice(run.task_runner, workers, f"run.task_runner = {run.task_runner!r}")
    size = f"{_megabytes(work.input_bytes)} of input"
    if work.input_bytes < run.parallel_min_bytes:
        return RunnerChoice("inline", 1, f"{size} < run.parallel_min_bytes ({_megabytes(run.parallel_min_bytes)})")
    workers = min(most, max(work.batches, 1))
    if workers <= 1:
        why = "one core" if most <= 1 else "one batch"
        return RunnerChoice("inline", 1, f"{size}, {why}")
    return RunnerChoice("process", workers, f"{size}, {work.batches} batches, {cores} cores")


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"
