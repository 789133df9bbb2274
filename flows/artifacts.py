"""Run reports as Prefect artifacts: a table of counts and timings (arrivals and new stories
included), and a markdown page (top entities, largest claims, the run's largest stories —
new ones marked, with their outlets and first publisher — and reject reasons); and a run's
progress, as a progress artifact updated after every batch (and log lines).

Keys are per flow (``process-paths-counts``, ``process-paths-report``…), so the UI's
Artifacts page keeps each flow's history under one name and shows the latest first.
The contents come from ``newsetl.query.report``, read back from the published version,
so they are the ``runs`` table's numbers by construction.
"""

from __future__ import annotations

import time
from uuid import UUID

from prefect import get_run_logger
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)

from newsetl.query.report import RunReport, count_rows, markdown_of
from newsetl.run.progress import Snapshot
from newsetl.tables.compaction import CompactionReport


def _key(flow: str, what: str) -> str:
    return f"{flow}-{what}".lower().replace("_", "-")


def publish_report(flow: str, report: RunReport) -> None:
    create_table_artifact(
        count_rows(report),
        key=_key(flow, "counts"),
        description=f"Run {report.run_id}: counts and seconds per stage (data version {report.data_version}).",
    )
    create_markdown_artifact(
        markdown_of(report),
        key=_key(flow, "report"),
        description=f"Run {report.run_id}: top entities, largest claims, largest stories, reject reasons.",
    )


def publish_nothing_new(flow: str, run_id: str, inbox: str, scanned: int) -> None:
    create_markdown_artifact(
        f"# {flow} run `{run_id}`\n\nNothing new in `{inbox}`: all {scanned} readable files hold content "
        "that was already processed. No version was published.\n",
        key=_key(flow, "report"),
        description=f"Run {run_id}: nothing new.",
    )


def publish_compaction(flow: str, run_id: str, report: CompactionReport) -> None:
    create_table_artifact(
        [
            {"measure": "partitions rewritten", "value": report.partitions},
            {"measure": "files before", "value": report.files_before},
            {"measure": "files after", "value": report.files_after},
            {"measure": "rows (unchanged)", "value": report.rows},
            {"measure": "data version", "value": report.data_version},
        ],
        key=_key(flow, "counts"),
        description=f"Run {run_id}: compaction.",
    )


class RunProgress:
    """A run's progress in the UI: a progress artifact (``<flow>-progress``) updated after
    every batch, its description the snapshot's line; and that line in the run's log at
    most every ``log_every`` seconds (and at the end). Create it inside a flow run."""

    def __init__(self, flow: str, log_every: float) -> None:
        self._key = _key(flow, "progress")
        self._log_every = log_every
        self._artifact: UUID | None = None
        self._logged_at: float | None = None

    def __call__(self, s: Snapshot) -> None:
        percent = round(100 * s.fraction, 1)
        line = s.line()
        if self._artifact is None:
            made = create_progress_artifact(percent, key=self._key, description=line)
            assert isinstance(made, UUID)  # typed "maybe a coroutine"; called outside an event loop it is not
            self._artifact = made
        else:
            update_progress_artifact(self._artifact, percent, description=line)
        now = time.monotonic()
        if s.phase == "done" or self._logged_at is None or now - self._logged_at >= self._log_every:
            self._logged_at = now
            get_run_logger().info("progress: %s", line)
