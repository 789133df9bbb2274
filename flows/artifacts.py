"""Run reports as Prefect artifacts: a table of counts and timings, and a markdown page.

Keys are per flow (``process-paths-counts``, ``process-paths-report``…), so the UI's
Artifacts page keeps each flow's history under one name and shows the latest first.
The contents come from ``newsetl.query.report``, read back from the published version,
so they are the ``runs`` table's numbers by construction.
"""

from __future__ import annotations

from prefect.artifacts import create_markdown_artifact, create_table_artifact

from newsetl.query.report import RunReport, count_rows, markdown_of
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
        description=f"Run {report.run_id}: top entities, largest claims, reject reasons.",
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
