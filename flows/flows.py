"""The flows: ``process-paths``, ``ingest-inbox``, ``reprocess``, ``compact``, and the CLI's
``newsetl-run``. Each executes steps the library declares (:mod:`newsetl.run.definitions`)
through the library's engine, holding the data directory's lock (:func:`~newsetl.run.engine.writing`),
with every step a Prefect task on the configured task runner (:class:`~flows.executor.PrefectExecutor`).

What a flow adds is Prefect's: typed parameters for the UI, checked before anything starts
(:mod:`flows.checks`: allowed folders, inputs that exist, a usable data directory), the
run's progress and report as artifacts (``flows.artifacts``), and failures a user can act
on as the run's failed state with one line in its log, without a traceback
(:func:`one_line_failures`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar, cast

from prefect import flow, get_run_logger
from prefect.states import Failed
from prefect.task_runners import TaskRunner
from pydantic import Field

from flows import checks
from flows.api import prefect_api
from flows.artifacts import RunProgress, publish_compaction, publish_nothing_new, publish_report
from flows.console import fanout
from flows.executor import ClusterUnavailable, PrefectExecutor, WorkersLost
from flows.params import Busy, InboxOptions, ProcessOptions, Scope, TableName, with_options
from flows.runners import InlineTaskRunner
from newsetl.config import Settings, load_settings
from newsetl.ingest import inbox
from newsetl.ingest.discover import MissingInput
from newsetl.ingest.inbox import MissingInbox
from newsetl.ingest.records import Reject
from newsetl.plural import counted
from newsetl.query.report import REPORT_TOP, RunReport
from newsetl.run.context import RunContext, new_context
from newsetl.run.definitions import COMPACTION, INBOX_REMEMBER, INBOX_SCAN, REPORT, REPROCESS, RUN
from newsetl.run.engine import BatchFailed, execute, writing
from newsetl.run.progress import Observer
from newsetl.tables.invariants import InvariantViolation
from newsetl.tables.publish import RunSummary
from newsetl.tables.store import LockBusy, StoreError

P = ParamSpec("P")
R = TypeVar("R")

# A flow's own runner is never used to run steps: the executor builds the configured one
# when the flow runs. Flows call nothing in other threads.
INLINE: TaskRunner[Any] = InlineTaskRunner()

# Failures a user can act on, said in one line: refused parameters, a busy or unusable data
# directory, a failed batch, a refused publish, a lost cluster.
EXPECTED = (
    checks.Refused,
    LockBusy,
    StoreError,
    MissingInput,
    MissingInbox,
    BatchFailed,
    InvariantViolation,
    WorkersLost,
    ClusterUnavailable,
)


class _AlreadySaid(logging.Filter):
    """Drops the records that carry ``error`` (a failure already said in one line)."""

    def __init__(self, error: BaseException) -> None:
        super().__init__()
        self.error = error

    def filter(self, record: logging.LogRecord) -> bool:
        raised = record.exc_info[1] if record.exc_info else None
        return raised is None or not (
            raised is self.error or (type(raised) is type(self.error) and str(raised) == str(self.error))
        )


def one_line_failures(fn: Callable[P, R]) -> Callable[P, R]:
    """The flow ``fn``, whose expected failures end the run in a Failed state whose message
    is one line, logged once — instead of an exception whose traceback Prefect would log.

    A served run's process raises the failed state's error once more after the run, and
    logs it with its traceback to the run's log ("Engine execution exited with unexpected
    exception"); that record is dropped (it says nothing the one line did not).
    """

    @functools.wraps(fn)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except EXPECTED as error:
            message = str(error).splitlines()[0] if str(error) else type(error).__name__
            logger = get_run_logger()
            logger.error(message)
            for name in ("prefect.flow_runs", "prefect.engine"):
                logging.getLogger(name).addFilter(_AlreadySaid(error))
            return cast(R, Failed(message=message, data=error))

    return checked


def _progress(flow_name: str, settings: Settings, shown: Observer | None = None) -> Observer:
    return fanout(shown, RunProgress(flow_name, settings.run.progress_seconds))


def _reported(flow_name: str, message: str, summary: RunSummary, report: RunReport | None) -> dict[str, object]:
    """Log ``message``, attach the run's report (if it published), and say what the run did."""
    get_run_logger().info(message)
    if report is not None:
        publish_report(flow_name, report)
    return {"run_id": summary.run_id, "data_version": summary.data_version, **summary.counts}


def _run(
    ctx: RunContext,
    executor: PrefectExecutor,
    paths: Sequence[str],
    progress: Observer,
    rejects: Sequence[Reject] = (),
    report_top: int = REPORT_TOP,
) -> tuple[RunSummary, RunReport | None]:
    """The declared run, then its report (call holding the lock)."""
    summary: RunSummary = execute(RUN, executor, ctx, list(paths), list(rejects), progress=progress)
    report = executor.call(REPORT, ctx.data_dir, summary.run_id, summary.data_version, report_top)
    return summary, report


@flow(name="process-paths", task_runner=INLINE)
@one_line_failures
def process_paths_flow(
    paths: Annotated[list[str], Field(min_length=1, max_length=10_000)],
    data_dir: str | None = None,
    options: ProcessOptions = ProcessOptions(),  # noqa: B008 - a pydantic default, copied per run
) -> dict[str, object]:
    """Process files and directories into the tables, publishing them as one new version.

    Args:
        paths: Files or directories to read (.txt, .jsonl/.ndjson, .csv, optionally .gz), under
            serve.input_roots. Relative paths are relative to the repository.
        data_dir: Data directory holding the tables, under serve.data_roots (empty: paths.data_dir from
            config/newsetl.toml). Relative to the repository.
        options: Batch size, input limits, report length, and what to do when another run is writing.
    """
    settings = with_options(load_settings(), options)
    inputs = [str(p) for p in checks.input_paths(paths, settings)]
    where = checks.data_dir(data_dir, settings)
    parameters: dict[str, object] = {"paths": paths, "data_dir": data_dir, "options": options.model_dump(mode="json")}
    ctx = new_context("process-paths", settings, parameters, where)
    with writing(ctx, options.lock_wait_seconds()), PrefectExecutor(settings) as executor:
        progress = _progress("process-paths", settings)
        summary, report = _run(ctx, executor, inputs, progress, report_top=options.report_top)
    return _reported("process-paths", summary.line(), summary, report)


@flow(name="ingest-inbox", task_runner=INLINE)
@one_line_failures
def ingest_inbox_flow(
    inbox_dir: str | None = None,
    data_dir: str | None = None,
    options: InboxOptions = InboxOptions(),  # noqa: B008
) -> dict[str, object]:
    """Process the inbox files whose content was not processed before (by SHA-256); move nothing.

    A run that finds nothing new publishes nothing: no new version, no ``runs`` row.

    Args:
        inbox_dir: Folder to read, under serve.input_roots (empty: paths.inbox_dir from config/newsetl.toml).
            Relative to the repository. Files are never moved or deleted.
        data_dir: Data directory holding the tables, under serve.data_roots (empty: paths.data_dir from
            config/newsetl.toml). Relative to the repository.
        options: Report length, and what to do when another run is writing.
    """
    settings = load_settings()
    folder = checks.inbox_dir(inbox_dir, settings)
    where = checks.data_dir(data_dir, settings)
    parameters: dict[str, object] = {
        "inbox_dir": str(folder),
        "data_dir": data_dir,
        "options": options.model_dump(mode="json"),
    }
    ctx = new_context("ingest-inbox", settings, parameters, where)
    logger = get_run_logger()
    state = inbox.state_path(ctx.data_dir)
    with writing(ctx, options.lock_wait_seconds()), PrefectExecutor(settings) as executor:
        pending = executor.call(INBOX_SCAN, folder, state, settings.ingest.follow_symlinks_inside)
        if not pending.files:
            logger.info("nothing new in %s (%s already processed)", folder, counted(pending.scanned, "file"))
            publish_nothing_new("ingest-inbox", ctx.run_id, str(folder), pending.scanned)
            return {"run_id": ctx.run_id, "new_files": 0, "scanned": pending.scanned}
        logger.info("%d of %s in %s hold new content", len(pending.files), counted(pending.scanned, "file"), folder)
        paths = [f.uri for f in pending.files]
        progress = _progress("ingest-inbox", settings)
        summary, report = _run(ctx, executor, paths, progress, pending.rejects, options.report_top)
        executor.call(INBOX_REMEMBER, state, pending.digests)
    result = _reported("ingest-inbox", summary.line(), summary, report)
    return {**result, "new_files": len(pending.files), "scanned": pending.scanned}


@flow(name="reprocess", task_runner=INLINE)
@one_line_failures
def reprocess_flow(
    data_dir: str | None = None,
    scope: Scope = Scope.stale,
    busy: Busy = Busy(),  # noqa: B008
) -> dict[str, object]:
    """Run the extractors again on stored documents, without re-ingesting them.

    Args:
        data_dir: Data directory holding the tables, under serve.data_roots (empty: paths.data_dir from
            config/newsetl.toml). Relative to the repository.
        scope: "stale": only documents an extractor of another version than the current one
            processed; "all": every document.
        busy: What to do when another run is writing.
    """
    settings = load_settings()
    where = checks.data_dir(data_dir, settings)
    parameters: dict[str, object] = {"data_dir": data_dir, "scope": scope.value}
    ctx = new_context("reprocess", settings, parameters, where)
    with writing(ctx, busy.lock_wait_seconds()) as store, PrefectExecutor(settings) as executor:
        before = store.version()
        summary = executor.call(REPROCESS, ctx, scope is Scope.all)
        report = None
        if summary.data_version != before:
            report = executor.call(REPORT, ctx.data_dir, summary.run_id, summary.data_version, REPORT_TOP)
    message = f"reprocessed {counted(summary.counts['docs_in'], 'document')} (data version {summary.data_version})"
    return _reported("reprocess", message, summary, report)


@flow(name="compact", task_runner=INLINE)
@one_line_failures
def compact_flow(
    data_dir: str | None = None,
    tables: list[TableName] | None = None,
    busy: Busy = Busy(),  # noqa: B008
) -> dict[str, object]:
    """Rewrite partitions held in several files as one file each, without changing a row.

    Args:
        data_dir: Data directory holding the tables, under serve.data_roots (empty: paths.data_dir from
            config/newsetl.toml). Relative to the repository.
        tables: Tables to compact (empty: all).
        busy: What to do when another run is writing.
    """
    settings = load_settings()
    names = [t.value for t in tables] if tables else None
    where = checks.data_dir(data_dir, settings)
    ctx = new_context("compact", settings, {"data_dir": data_dir, "tables": names}, where)
    with writing(ctx, busy.lock_wait_seconds()), PrefectExecutor(settings) as executor:
        result = executor.call(COMPACTION, ctx, names)
    get_run_logger().info(
        "compacted %s: %s -> %d, %s unchanged (data version %d)",
        counted(result.partitions, "partition"),
        counted(result.files_before, "file"),
        result.files_after,
        counted(result.rows, "row"),
        result.data_version,
    )
    publish_compaction("compact", ctx.run_id, result)
    return {
        "run_id": ctx.run_id,
        "data_version": result.data_version,
        "partitions": result.partitions,
        "files_before": result.files_before,
        "files_after": result.files_after,
        "rows": result.rows,
    }


def run_with_prefect(
    paths: Sequence[Path], settings: Settings, data_dir: Path, progress: Observer | None = None
) -> RunSummary:
    """The CLI's run: the ``newsetl-run`` flow on the configured task runner, against the
    configured Prefect server or a temporary one (:func:`flows.api.prefect_api`); returns
    its summary. ``progress`` is shown the run's progress, as the UI is."""
    ctx = new_context("run", settings, {"paths": [str(p) for p in paths], "data_dir": str(data_dir)}, data_dir)

    @flow(name="newsetl-run", task_runner=INLINE)
    def newsetl_run() -> RunSummary:
        with writing(ctx, settings.run.lock_wait_seconds), PrefectExecutor(settings) as executor:
            shown = _progress("newsetl-run", settings, progress)
            summary, report = _run(ctx, executor, [str(p) for p in paths], shown)
        if report is not None:
            publish_report("newsetl-run", report)
        return summary

    with prefect_api():
        return newsetl_run()
