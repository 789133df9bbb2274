"""Thin Prefect tasks: each reads its inputs, calls one library function, returns paths or counts.

Retries, backoff and timeouts come from ``[run]`` in the settings, applied per run by
:func:`configured` (decorators are evaluated at import, settings are read per run):

* every task has ``task_timeout_seconds``;
* tasks that only read inputs or write files they own (plan, ingest, extract, report,
  inbox scan and memory) retry ``io_retries`` times with exponential backoff starting
  at ``io_retry_delay_seconds`` (plus jitter) — and only on ``OSError`` (a flaky disk or
  network share), never on a bad input, a broken invariant or a timeout, which would
  only fail again;
* tasks that commit a version (publish, reprocess, compact) never retry: a commit that
  failed half-way is undone by the next run, one that succeeded must not run twice.

No task caches results (``NO_CACHE``): every step has side effects in the run's staging
folder, and a cached result from an earlier run would point at files that are gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from prefect import Task, task
from prefect.cache_policies import NO_CACHE
from prefect.client.schemas.objects import State, TaskRun
from prefect.tasks import exponential_backoff

from newsetl.config import Settings
from newsetl.ingest import inbox
from newsetl.ingest.discover import InputFile
from newsetl.ingest.records import Reject
from newsetl.pipeline.run import (
    ExtractReport,
    IngestReport,
    Plan,
    RunContext,
    RunSummary,
    compact_run,
    extract_chunk,
    ingest_group,
    plan_run,
    publish_run,
    reprocess_run,
)
from newsetl.query.report import RunReport, report_of
from newsetl.tables.compaction import CompactionReport

P = ParamSpec("P")
R = TypeVar("R")


@task(name="plan", cache_policy=NO_CACHE)
def plan_task(paths: list[str], ctx: RunContext) -> Plan:
    return plan_run(paths, ctx)


@task(name="ingest", task_run_name="ingest-g{group}", cache_policy=NO_CACHE)
def ingest_task(ctx: RunContext, group: int, files: list[InputFile]) -> IngestReport:
    return ingest_group(ctx, group, files)


@task(name="extract", cache_policy=NO_CACHE)
def extract_task(ctx: RunContext, chunk: str) -> ExtractReport:
    return extract_chunk(ctx, chunk)


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(
    ctx: RunContext, rejects: Sequence[Reject], ingests: Sequence[IngestReport], extracts: Sequence[ExtractReport]
) -> RunSummary:
    return publish_run(ctx, rejects, ingests, extracts)


@task(name="reprocess", cache_policy=NO_CACHE)
def reprocess_task(ctx: RunContext, everything: bool) -> RunSummary:
    return reprocess_run(ctx, everything)


@task(name="compact", cache_policy=NO_CACHE)
def compact_task(ctx: RunContext, tables: list[str] | None) -> CompactionReport:
    return compact_run(ctx, tables)


@task(name="report", cache_policy=NO_CACHE)
def report_task(data_dir: Path, run_id: str, version: int, top: int) -> RunReport | None:
    return report_of(data_dir, run_id, version, top)


@task(name="inbox-scan", cache_policy=NO_CACHE)
def inbox_scan_task(inbox_dir: Path, state: Path, follow_symlinks_inside: bool) -> inbox.Pending:
    return inbox.pending(inbox_dir, state, follow_symlinks_inside)


@task(name="inbox-remember", cache_policy=NO_CACHE)
def inbox_remember_task(state: Path, digests: dict[str, str]) -> int:
    return inbox.remember(state, digests)


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


@dataclass(frozen=True)
class Tasks:
    """The tasks of one run, configured from its settings."""

    plan: Task[[list[str], RunContext], Plan]
    ingest: Task[[RunContext, int, list[InputFile]], IngestReport]
    extract: Task[[RunContext, str], ExtractReport]
    publish: Task[[RunContext, Sequence[Reject], Sequence[IngestReport], Sequence[ExtractReport]], RunSummary]
    reprocess: Task[[RunContext, bool], RunSummary]
    compact: Task[[RunContext, list[str] | None], CompactionReport]
    report: Task[[Path, str, int, int], RunReport | None]
    inbox_scan: Task[[Path, Path, bool], inbox.Pending]
    inbox_remember: Task[[Path, dict[str, str]], int]

    @classmethod
    def for_settings(cls, settings: Settings) -> Tasks:
        return cls(
            plan=configured(plan_task, settings, io=True),
            ingest=configured(ingest_task, settings, io=True),
            extract=configured(extract_task, settings, io=True),
            publish=configured(publish_task, settings, io=False),
            reprocess=configured(reprocess_task, settings, io=False),
            compact=configured(compact_task, settings, io=False),
            report=configured(report_task, settings, io=True),
            inbox_scan=configured(inbox_scan_task, settings, io=True),
            inbox_remember=configured(inbox_remember_task, settings, io=True),
        )
