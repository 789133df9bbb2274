"""Counts in messages read as English: "1 document", "2 documents" (run lines, reports, progress)."""

from __future__ import annotations

from newsetl.plural import counted
from newsetl.query.report import RunReport, markdown_of
from newsetl.run.progress import Snapshot
from newsetl.tables.publish import RunSummary

ONES = {
    "docs_in": 1,
    "docs_new": 1,
    "duplicates": 1,
    "rejected": 1,
    "sentences": 1,
    "mentions": 1,
    "times": 1,
    "claims": 1,
    "arrivals": 1,
    "new_stories": 1,
}


def test_counted() -> None:
    assert [counted(n, "document") for n in (0, 1, 2)] == ["0 documents", "1 document", "2 documents"]
    assert counted(1, "batch", "batches") == "1 batch" and counted(3, "batch", "batches") == "3 batches"


def test_a_run_of_one_says_one() -> None:
    line = RunSummary("r1", 1, dict(ONES), {"total": 1.0}).line()
    assert line == (
        "run r1: 1 processed, 1 new, 1 duplicate, 1 rejected; 1 sentence, 1 mention, 1 time, 1 claim; "
        "1 new story in 1.0 s"
    )
    report = RunReport("r1", "process-paths", 1, dict(ONES), {"total": 1.0}, [], [], [])
    page = markdown_of(report)
    assert "1 document in, 1 new, 1 duplicate, 1 rejected; 1 sentence, 1 mention, 1 claim, 1 new story in" in page
    assert "documents in" not in markdown_of(report)


def test_progress_of_one() -> None:
    snap = Snapshot("extract", 1, 1, 1, 1, 1, 1, 2.0, 1.0)
    assert snap.line().startswith("extract: 1 of 1 batch, 1 of 1 file, 1 document, 1 word, 0.5 documents/s")
