"""The flows: ``process-paths``, ``ingest-inbox``, ``reprocess``, ``compact``, and the CLI's
``newsetl-run``. Each executes steps the library declares (:mod:`newsetl.run.definitions`)
through the library's engine, holding the data directory's lock (:func:`~newsetl.run.engine.writing`),
with every step a Prefect task (:class:`~flows.executor.PrefectExecutor`).

What a flow adds is Prefect's: typed parameters for the UI, the task runner, and the run
report attached as artifacts (``flows.artifacts``) after publishing.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

from prefect import flow, get_run_logger
from prefect.task_runners import TaskRunner
from pydantic import Field

from flows.artifacts import publish_compaction, publish_nothing_new, publish_report
from flows.executor import PrefectExecutor
from flows.params import Busy, InboxOptions, ProcessOptions, Scope, TableName, with_options
from flows.runners import InlineTaskRunner, api_shared_with_workers, task_runner
from newsetl.config import Settings, load_settings
from newsetl.ingest import inbox
from newsetl.ingest.records import Reject
from newsetl.query.report import REPORT_TOP, RunReport
from newsetl.run.context import RunContext, new_context
from newsetl.run.definitions import COMPACTION, INBOX_REMEMBER, INBOX_SCAN, REPORT, REPROCESS, RUN
from newsetl.run.engine import execute, writing
from newsetl.tables.publish import RunSummary

# Flows run their tasks one at a time, in their own thread, unless a deployment or the
# CLI picks another runner from the settings (``flows.runners.task_runner``).
INLINE: TaskRunner[Any] = InlineTaskRunner()


def _data_dir(data_dir: str | None) -> Path | None:
    return Path(data_dir).absolute() if data_dir else None


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
    rejects: Sequence[Reject] = (),
    report_top: int = REPORT_TOP,
) -> tuple[RunSummary, RunReport | None]:
    """The declared run, then its report (call holding the lock)."""
    summary: RunSummary = execute(RUN, executor, ctx, list(paths), list(rejects))
    report = executor.call(REPORT, ctx.data_dir, summary.run_id, summary.data_version, report_top)
    return summary, report


@flow(name="process-paths", task_runner=INLINE)
def process_paths_flow(
    paths: Annotated[list[str], Field(min_length=1, max_length=10_000)],
    data_dir: str | None = None,
    options: ProcessOptions = ProcessOptions(),  # noqa: B008 - a pydantic default, copied per run
) -> dict[str, object]:
    """Process files and directories into the tables, publishing them as one new version.

    Args:
        paths: Files or directories to read (.txt, .jsonl/.ndjson, .csv, optionally .gz).
            Relative paths are relative to the directory the server was started in.
        data_dir: Data directory holding the tables (empty: paths.data_dir from config/newsetl.toml).
        options: Batch size, input limits, report length, and what to do when another run is writing.
    """
    settings = with_options(load_settings(), options)
    parameters: dict[str, object] = {"paths": paths, "data_dir": data_dir, "options": options.model_dump(mode="json")}
    ctx = new_context("process-paths", settings, parameters, _data_dir(data_dir))
    with writing(ctx, options.lock_wait_seconds()):
        summary, report = _run(ctx, PrefectExecutor(settings), paths, report_top=options.report_top)
    return _reported("process-paths", summary.line(), summary, report)


@flow(name="ingest-inbox", task_runner=INLINE)
def ingest_inbox_flow(
    inbox_dir: str | None = None,
    data_dir: str | None = None,
    options: InboxOptions = InboxOptions(),  # noqa: B008
) -> dict[str, object]:
    """Process the inbox files whose content was not processed before (by SHA-256); move nothing.

    A run that finds nothing new publishes nothing: no new version, no ``runs`` row.

    Args:
        inbox_dir: Folder to read (empty: paths.inbox_dir from config/newsetl.toml). Files are never moved or deleted.
        data_dir: Data directory holding the tables (empty: paths.data_dir from config/newsetl.toml).
        options: Report length, and what to do when another run is writing.
    """
    settings = load_settings()
    folder = Path(inbox_dir).absolute() if inbox_dir else settings.inbox_dir
    parameters: dict[str, object] = {
        "inbox_dir": str(folder),
        "data_dir": data_dir,
        "options": options.model_dump(mode="json"),
    }
    ctx = new_context("ingest-inbox", settings, parameters, _data_dir(data_dir))
    executor = PrefectExecutor(settings)
    logger = get_run_logger()
    state = inbox.state_path(ctx.data_dir)
    with writing(ctx, options.lock_wait_seconds()):
        pending = executor.call(INBOX_SCAN, folder, state, settings.ingest.follow_symlinks_inside)
        if not pending.files:
            logger.info("nothing new in %s (%d files already processed)", folder, pending.scanned)
            publish_nothing_new("ingest-inbox", ctx.run_id, str(folder), pending.scanned)
            return {"run_id": ctx.run_id, "new_files": 0, "scanned": pending.scanned}
        logger.info("%d of %d files in %s hold new content", len(pending.files), pending.scanned, folder)
        paths = [f.uri for f in pending.files]
        summary, report = _run(ctx, executor, paths, pending.rejects, options.report_top)
        executor.call(INBOX_REMEMBER, state, pending.digests)
    result = _reported("ingest-inbox", summary.line(), summary, report)
    return {**result, "new_files": len(pending.files), "scanned": pending.scanned}


@flow(name="reprocess", task_runner=INLINE)
def reprocess_flow(
    data_dir: str | None = None,
    scope: Scope = Scope.stale,
    busy: Busy = Busy(),  # noqa: B008
) -> dict[str, object]:
    """Run the extractors again on stored documents, without re-ingesting them.

    Args:
        data_dir: Data directory holding the tables (empty: paths.data_dir from config/newsetl.toml).
        scope: "stale": only documents an extractor of another version than the current one
            processed; "all": every document.
        busy: What to do when another run is writing.
    """
    settings = load_settings()
    parameters: dict[str, object] = {"data_dir": data_dir, "scope": scope.value}
    ctx = new_context("reprocess", settings, parameters, _data_dir(data_dir))
    executor = PrefectExecutor(settings)
    with writing(ctx, busy.lock_wait_seconds()) as store:
        before = store.version()
        summary = executor.call(REPROCESS, ctx, scope is Scope.all)
        report = None
        if summary.data_version != before:
            report = executor.call(REPORT, ctx.data_dir, summary.run_id, summary.data_version, REPORT_TOP)
    message = f"reprocessed {summary.counts['docs_in']} documents (data version {summary.data_version})"
    return _reported("reprocess", message, summary, report)


@flow(name="compact", task_runner=INLINE)
def compact_flow(
    data_dir: str | None = None,
    tables: list[TableName] | None = None,
    busy: Busy = Busy(),  # noqa: B008
) -> dict[str, object]:
    """Rewrite partitions held in several files as one file each, without changing a row.

    Args:
        data_dir: Data directory holding the tables (empty: paths.data_dir from config/newsetl.toml).
        tables: Tables to compact (empty: all).
        busy: What to do when another run is writing.
    """
    settings = load_settings()
    names = [t.value for t in tables] if tables else None
    ctx = new_context("compact", settings, {"data_dir": data_dir, "tables": names}, _data_dir(data_dir))
    with writing(ctx, busy.lock_wait_seconds()):
        result = PrefectExecutor(settings).call(COMPACTION, ctx, names)
    get_run_logger().info(
        "compacted %d partitions: %d files -> %d, %d rows unchanged (data version %d)",
        result.partitions,
        result.files_before,
        result.files_after,
        result.rows,
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


def run_with_prefect(paths: Sequence[Path], settings: Settings, data_dir: Path) -> RunSummary:
    """The CLI's run: the ``newsetl-run`` flow on the configured task runner (ephemeral
    Prefect unless a server is configured); returns its summary."""
    ctx = new_context("run", settings, {"paths": [str(p) for p in paths], "data_dir": str(data_dir)}, data_dir)

    @flow(name="newsetl-run", task_runner=task_runner(settings))
    def newsetl_run() -> RunSummary:
        with writing(ctx, settings.run.lock_wait_seconds):
            summary, report = _run(ctx, PrefectExecutor(settings), [str(p) for p in paths])
        if report is not None:
            publish_report("newsetl-run", report)
        return summary

    with api_shared_with_workers(settings):
        return newsetl_run()
