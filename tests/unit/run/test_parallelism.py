"""The default runner ("auto") uses the machine: one worker for a tiny input, every core for a
large one, and explicit settings win. The rule is a pure function of the settings, the core
count and the run's size, so the cores and the input are faked here (nothing is timed)."""

from __future__ import annotations

import pytest

from newsetl.config import RunSettings, load_settings
from newsetl.run.engine import Workload
from newsetl.run.parallelism import runner_for

MB = 1_000_000


@pytest.fixture
def default() -> RunSettings:
    settings = load_settings().run
    assert settings.task_runner == "auto", "the default runner should be the automatic choice"
    return settings


def test_a_large_input_on_a_multi_core_machine_gets_a_worker_per_core(default: RunSettings) -> None:
    large = Workload(input_bytes=200 * MB, batches=100)
    choice = runner_for(default, cores=8, work=large)
    assert (choice.kind, choice.workers) == ("process", 8)
    assert runner_for(default, cores=2, work=large).workers == 2


def test_a_tiny_input_runs_in_one_worker(default: RunSettings) -> None:
    tiny = Workload(input_bytes=3_000, batches=1)
    choice = runner_for(default, cores=8, work=tiny)
    assert (choice.kind, choice.workers) == ("inline", 1)
    assert "parallel_min_bytes" in choice.reason


def test_the_threshold_is_the_setting(default: RunSettings) -> None:
    at = default.parallel_min_bytes
    assert runner_for(default, cores=4, work=Workload(at - 1, 50)).kind == "inline"
    assert runner_for(default, cores=4, work=Workload(at, 50)).kind == "process"
    lower = default.model_copy(update={"parallel_min_bytes": 10})
    assert runner_for(lower, cores=4, work=Workload(20, 50)).workers == 4


def test_workers_are_capped_by_the_batches_available(default: RunSettings) -> None:
    assert runner_for(default, cores=16, work=Workload(50 * MB, 3)).workers == 3
    assert runner_for(default, cores=16, work=Workload(50 * MB, 1)).kind == "inline"


def test_one_core_runs_inline_whatever_the_size(default: RunSettings) -> None:
    assert runner_for(default, cores=1, work=Workload(500 * MB, 250)).kind == "inline"


def test_run_workers_bounds_the_automatic_pool(default: RunSettings) -> None:
    bounded = default.model_copy(update={"workers": 3})
    assert runner_for(bounded, cores=32, work=Workload(500 * MB, 250)).workers == 3


@pytest.mark.parametrize(("kind", "workers"), [("inline", 1), ("process", 6), ("dask", 6)])
def test_an_explicit_runner_wins_whatever_the_size(default: RunSettings, kind: str, workers: int) -> None:
    explicit = default.model_copy(update={"task_runner": kind})
    for size in (0, 3_000, 500 * MB):
        choice = runner_for(explicit, cores=6, work=Workload(size, 250))
        assert (choice.kind, choice.workers) == (kind, workers)


def test_explicit_workers_win_for_an_explicit_pool(default: RunSettings) -> None:
    explicit = default.model_copy(update={"task_runner": "process", "workers": 5})
    assert runner_for(explicit, cores=2, work=Workload(1_000, 1)).workers == 5
