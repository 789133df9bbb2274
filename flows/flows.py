"""The flows: ``process-paths``, ``ingest-inbox``, ``reprocess``, ``compact``, and the CLI's run.

Every flow that writes tables holds the data directory's lock (``Store.locked``) from
its first step to its last, so two writing runs never interleave, whichever deployment,
CLI command or machine started them; a second run waits for the lock as long as its
``Busy`` parameters allow, then fails with a message naming the holder.

A run publishes all or nothing. Ingest and extract batches run as tasks on the
configured task runner and write only to the run's staging folder. A failed batch fails
the run *before* the publish step, so the current version is untouched: inline, the
first failure stops the run; on a parallel runner the flow starts no new batch, waits
for the running ones, and names every failed batch. The next run removes the failed
run's staging folder and starts over. After publishing, the flow attaches the run
report (``flows.artifacts``) to its Prefect run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypeVar

from prefect import flow, get_run_logger
from prefect.futures import PrefectFuture, as_completed, wait
from prefect.task_runners import TaskRunner
from pydantic import Field

from flows.artifacts import publish_compaction, publish_nothing_new, publish_report
from flows.params import Busy, InboxOptions, ProcessOptions, Scope, TableName, with_options
from flows.runners import InlineTaskRunner, api_shared_with_workers, parallel, task_runner
from flows.tasks import Tasks
from newsetl.config import Settings, load_settings
from newsetl.ingest import inbox
from newsetl.ingest.records import Reject
from newsetl.pipeline.run import ExtractReport, IngestReport, RunContext, RunSummary, new_context
from newsetl.tables.store import Store

R = TypeVar("R")

# Flows run their tasks one at a time, in their own thread, unless a deployment or the
# CLI picks another runner from the settings (``flows.runners.task_runner``).
INLINE: TaskRunner[Any] = InlineTaskRunner()


class BatchFailed(RuntimeError):
    """Some batches of a run failed; nothing was published."""


def _done(future: PrefectFuture[Any]) -> bool:
    """Whether the task completed (waiting for its final state, which ``state`` alone may not have yet)."""
    future.wait()
    return future.state.is_completed()


def _failure(future: PrefectFuture[Any], label: str) -> str:
    future.wait()
    error = future.result(raise_on_failure=False)
    state = future.state
    detail = f"{type(error).__name__}: {error}" if isinstance(error, BaseException) else (state.message or state.name)
    return f"{label} {(state.name or state.type.value).lower()}: {detail}"


def _raise_failed(what: str, failed: list[str], total: int) -> None:
    if failed:
        shown = "; ".join(failed[:5]) + (f"; … and {len(failed) - 5} more" if len(failed) > 5 else "")
        raise BatchFailed(
            f"{len(failed)} of {total} {what} batches failed, so nothing was published "
            f"(the next run starts over): {shown}"
        )


def settled(futures: Sequence[PrefectFuture[R]], labels: Sequence[str], what: str) -> list[R]:
    """Results of all ``futures``, after *every* one finished; fails naming the failed ones."""
    wait(list(futures))
    failed = [_failure(f, label) for f, label in zip(futures, labels, strict=True) if not _done(f)]
    _raise_failed(what, failed, len(futures))
    return [f.result() for f in futures]


@contextmanager
def writing(ctx: RunContext, wait_seconds: float) -> Iterator[Store]:
    """Hold the data directory for the run; tidy leftovers of crashed runs first."""
    store = Store(ctx.data_dir)
    keep = ctx.settings.run.keep_versions_minutes
    with store.locked(ctx.run_id, wait_seconds):
        store.collect_garbage(keep, active_run=ctx.run_id)
        yield store
        store.collect_garbage(keep)


def _called(what: str, label: str, call: Callable[[], R]) -> R:
    """``call()``, its failure restated as a failed batch (inline runner: one batch at a time)."""
    try:
        return call()
    except Exception as exc:
        raise BatchFailed(
            f"{what} batch {label} failed, so nothing was published (the next run starts over): "
            f"{type(exc).__name__}: {exc}"
        ) from exc


def run_steps(paths: Sequence[str], ctx: RunContext, tasks: Tasks, extra_rejects: Sequence[Reject] = ()) -> RunSummary:
    """Plan, ingest, extract, publish (call holding the lock).

    On a parallel runner a group's chunks go to extraction as soon as the group is
    ingested, so ingest and extract overlap; the published result does not depend on
    that order (chunks are named by position and consolidated in name order).
    """
    plan = tasks.plan(list(paths), ctx)
    if not parallel():
        ingests = [
            _called("ingest", f"g{i}", partial(tasks.ingest, ctx, i, group)) for i, group in enumerate(plan.groups)
        ]
        extracts = [
            _called("extract", Path(chunk).stem, partial(tasks.extract, ctx, chunk))
            for report in ingests
            for chunk in report.chunks
        ]
        return tasks.publish(ctx, [*plan.rejects, *extra_rejects], ingests, extracts)
    ingest_futures = [tasks.ingest.submit(ctx, i, group) for i, group in enumerate(plan.groups)]
    group_of = {id(f): f"g{i}" for i, f in enumerate(ingest_futures)}
    ingests = []
    extract_futures: list[PrefectFuture[ExtractReport]] = []
    chunk_names: list[str] = []
    failed: list[str] = []
    for future in as_completed(ingest_futures):
        if not _done(future):
            failed.append(_failure(future, group_of[id(future)]))
            continue
        report: IngestReport = future.result()
        ingests.append(report)
        if not failed:  # after a failure, start no new work: the run will not publish
            extract_futures += [tasks.extract.submit(ctx, chunk) for chunk in report.chunks]
            chunk_names += [Path(chunk).stem for chunk in report.chunks]
    if failed:
        wait(extract_futures)
        _raise_failed("ingest", failed, len(ingest_futures))
    extracts = settled(extract_futures, chunk_names, "extract")
    ingests.sort(key=lambda r: r.group)
    extracts.sort(key=lambda r: r.chunk)
    return tasks.publish(ctx, [*plan.rejects, *extra_rejects], ingests, extracts)


def _data_dir(data_dir: str | None) -> Path | None:
    return Path(data_dir).absolute() if data_dir else None


def _result(summary: RunSummary) -> dict[str, object]:
    return {"run_id": summary.run_id, "data_version": summary.data_version, **summary.counts}


@flow(name="process-paths", task_runner=INLINE)
def process_paths(
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
    tasks = Tasks.for_settings(settings)
    with writing(ctx, options.lock_wait_seconds()):
        summary = run_steps(paths, ctx, tasks)
        report = tasks.report(ctx.data_dir, summary.run_id, summary.data_version, options.report_top)
    get_run_logger().info(summary.line())
    if report is not None:
        publish_report("process-paths", report)
    return _result(summary)


@flow(name="ingest-inbox", task_runner=INLINE)
def ingest_inbox(
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
    tasks = Tasks.for_settings(settings)
    logger = get_run_logger()
    state = inbox.state_path(ctx.data_dir)
    with writing(ctx, options.lock_wait_seconds()):
        pending = tasks.inbox_scan(folder, state, settings.ingest.follow_symlinks_inside)
        if not pending.files:
            logger.info("nothing new in %s (%d files already processed)", folder, pending.scanned)
            publish_nothing_new("ingest-inbox", ctx.run_id, str(folder), pending.scanned)
            return {"run_id": ctx.run_id, "new_files": 0, "scanned": pending.scanned}
        logger.info("%d of %d files in %s hold new content", len(pending.files), pending.scanned, folder)
        summary = run_steps([f.uri for f in pending.files], ctx, tasks, pending.rejects)
        tasks.inbox_remember(state, pending.digests)
        report = tasks.report(ctx.data_dir, summary.run_id, summary.data_version, options.report_top)
    logger.info(summary.line())
    if report is not None:
        publish_report("ingest-inbox", report)
    return {**_result(summary), "new_files": len(pending.files), "scanned": pending.scanned}


@flow(name="reprocess", task_runner=INLINE)
def reprocess(
    data_dir: str | None = None,
    scope: Scope = Scope.stale,
    busy: Busy = Busy(),  # noqa: B008
) -> dict[str, object]:
    """Extract entities and claims again from stored documents, without re-ingesting them.

    Args:
        data_dir: Data directory holding the tables (empty: paths.data_dir from config/newsetl.toml).
        scope: "stale": only documents whose entity or claim extractor version is older than the
            current one; "all": every document.
        busy: What to do when another run is writing.
    """
    settings = load_settings()
    parameters: dict[str, object] = {"data_dir": data_dir, "scope": scope.value}
    ctx = new_context("reprocess", settings, parameters, _data_dir(data_dir))
    tasks = Tasks.for_settings(settings)
    with writing(ctx, busy.lock_wait_seconds()) as store:
        before = store.version()
        summary = tasks.reprocess(ctx, scope is Scope.all)
        published = summary.data_version != before
        report = tasks.report(ctx.data_dir, summary.run_id, summary.data_version, 10) if published else None
    get_run_logger().info("reprocessed %d documents (data version %d)", summary.counts["docs_in"], summary.data_version)
    if report is not None:
        publish_report("reprocess", report)
    return _result(summary)


@flow(name="compact", task_runner=INLINE)
def compact(
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
    tasks = Tasks.for_settings(settings)
    with writing(ctx, busy.lock_wait_seconds()):
        result = tasks.compact(ctx, names)
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


def run_flow(paths: Sequence[Path], settings: Settings, data_dir: Path) -> RunSummary:
    """Run the main flow (ephemeral Prefect unless a server is configured) and return its summary."""
    ctx = new_context("run", settings, {"paths": [str(p) for p in paths], "data_dir": str(data_dir)}, data_dir)
    tasks = Tasks.for_settings(settings)

    @flow(name="newsetl-run", task_runner=task_runner(settings))
    def newsetl_run() -> RunSummary:
        with writing(ctx, settings.run.lock_wait_seconds):
            summary = run_steps([str(p) for p in paths], ctx, tasks)
            report = tasks.report(ctx.data_dir, summary.run_id, summary.data_version, 10)
        if report is not None:
            publish_report("newsetl-run", report)
        return summary

    with api_shared_with_workers(settings):
        return newsetl_run()
