"""The library's declared steps as Prefect tasks, with retries and timeouts from ``[run]``.

A step becomes a task of the same name (:func:`task_of`); :func:`configured` applies the
settings per run (decorators are evaluated at import, settings are read per run):

* every task has ``task_timeout_seconds``;
* steps declared ``retry_io`` (they only read inputs or write files they own: plan, ingest,
  extract, report, inbox scan and memory) retry ``io_retries`` times with exponential
  backoff starting at ``io_retry_delay_seconds`` (plus jitter) — and only on ``OSError``
  (a flaky disk or network share), never on a bad input, a broken invariant or a timeout,
  which would only fail again;
* steps that commit a version (publish, reprocess, compaction) never retry: a commit that
  failed half-way is undone by the next run, one that succeeded must not run twice.

No task caches results (``NO_CACHE``): every step has side effects in the run's staging
folder, and a cached result from an earlier run would point at files that are gone.
"""

from __future__ import annotations

from typing import Any, ParamSpec, TypeVar

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.tasks import exponential_backoff

from newsetl.config import Settings
from newsetl.run.engine import Step

P = ParamSpec("P")
R = TypeVar("R")


def task_of(step: Step[P, R]) -> Task[P, R]:
    """The Prefect task that runs ``step``."""
    return task(name=step.name, task_run_name=step.run_name, cache_policy=NO_CACHE)(step.fn)


def transient_io_error(task: Task[..., Any], task_run: TaskRun, state: State[Any]) -> bool:
    """Retry an I/O hiccup; not a timeout (``TimeoutError`` is an ``OSError`` too) or a bad input."""
    error = state.data
    return isinstance(error, OSError) and not isinstance(error, (TimeoutError, FileNotFoundError))


def configured(t: Task[P, R], settings: Settings, io: bool) -> Task[P, R]:
    """``t`` with the timeout, and for I/O tasks the retries, that ``settings`` ask for."""
    run = settings.run
    if not io or run.io_retries == 0:
        return t.with_options(timeout_seconds=run.task_timeout_seconds, retries=0)
    return t.with_options(
        timeout_seconds=run.task_timeout_seconds,
        retries=run.io_retries,
        retry_delay_seconds=exponential_backoff(run.io_retry_delay_seconds)(run.io_retries),
        retry_jitter_factor=0.5,
        retry_condition_fn=transient_io_error,
    )
