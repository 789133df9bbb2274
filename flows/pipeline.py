"""The main flow: ingest → extract → publish, as batch tasks around ``newsetl.pipeline.run``.

Each task reads its inputs, calls one library step and returns paths or small counts.
The flow holds the data directory's lock for the whole run, so two runs never interleave.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from prefect import flow, task

from flows.runners import task_runner
from newsetl.config import Settings, load_settings
from newsetl.ingest.discover import InputFile
from newsetl.ingest.records import Reject
from newsetl.pipeline.run import (
    ExtractReport,
    IngestReport,
    Plan,
    RunContext,
    RunSummary,
    extract_chunk,
    ingest_group,
    new_context,
    plan_run,
    publish_run,
)
from newsetl.tables.store import Store


@task(name="plan", retries=2, retry_delay_seconds=2)
def plan_task(paths: list[str], ctx: RunContext) -> Plan:
    return plan_run(paths, ctx)


@task(name="ingest", retries=2, retry_delay_seconds=[2, 10])
def ingest_task(ctx: RunContext, group: int, files: list[InputFile]) -> IngestReport:
    return ingest_group(ctx, group, files)


@task(name="extract")
def extract_task(ctx: RunContext, chunk: str) -> ExtractReport:
    return extract_chunk(ctx, chunk)


@task(name="publish")
def publish_task(
    ctx: RunContext, rejects: Sequence[Reject], ingests: Sequence[IngestReport], extracts: Sequence[ExtractReport]
) -> RunSummary:
    return publish_run(ctx, rejects, ingests, extracts)


def run_steps(paths: Sequence[str], ctx: RunContext) -> RunSummary:
    """The body shared by the flows that process input paths."""
    settings = ctx.settings
    store = Store(ctx.data_dir)
    with store.locked(ctx.run_id, settings.run.lock_wait_seconds):
        store.collect_garbage(settings.run.keep_versions_minutes, active_run=ctx.run_id)
        plan = plan_task(list(paths), ctx)
        ingest_futures = [ingest_task.submit(ctx, i, group) for i, group in enumerate(plan.groups)]
        ingests = [f.result() for f in ingest_futures]
        extract_futures = [extract_task.submit(ctx, chunk) for report in ingests for chunk in report.chunks]
        extracts = [f.result() for f in extract_futures]
        summary = publish_task(ctx, plan.rejects, ingests, extracts)
        store.collect_garbage(settings.run.keep_versions_minutes)
    return summary


@flow(name="process-paths", log_prints=True)
def process_paths(paths: list[str], data_dir: str | None = None) -> dict[str, object]:
    """Process the given files and directories into the tables."""
    settings = load_settings()
    ctx = new_context("process-paths", settings, {"paths": paths, "data_dir": data_dir}, Path(data_dir) if data_dir else None)
    summary = run_steps(paths, ctx)
    print(summary.line())
    return {"run_id": summary.run_id, "data_version": summary.data_version, **summary.counts}


def run_flow(paths: Sequence[Path], settings: Settings, data_dir: Path) -> RunSummary:
    """Run the main flow (ephemeral Prefect unless a server is configured) and return its summary."""
    ctx = new_context("run", settings, {"paths": [str(p) for p in paths], "data_dir": str(data_dir)}, data_dir)

    @flow(name="newsetl-run", task_runner=task_runner(settings), log_prints=True)
    def newsetl_run() -> RunSummary:
        return run_steps([str(p) for p in paths], ctx)

    return newsetl_run()
