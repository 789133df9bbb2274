"""``newsetl.query.report``: reading a run's report back from the tables, and rendering it.

The tables are built by ``run_locally`` (no Prefect); the report must agree with plain
SQL over the same version.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from newsetl.config import load_settings
from newsetl.query.report import ClaimLine, EntityLine, RunReport, StoryLine, count_rows, markdown_of, report_of
from newsetl.query.sql import ReadOnlyQuery
from newsetl.run.local import run_locally
from tests.integration.prefect_helpers import make_corpus


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, str, str]:
    root = tmp_path_factory.mktemp("report")
    corpus = make_corpus(root, shared_data)
    data = root / "data"
    settings = load_settings(ingest={"batch_docs": 4})
    first = run_locally([corpus / "feed"], settings, data)
    second = run_locally([corpus], settings, data)
    return data, first.run_id, second.run_id


def sql(data: Path, query: str) -> list[dict[str, object]]:
    engine = ReadOnlyQuery(data)
    try:
        return list(engine.run(query).to_pylist())
    finally:
        engine.close()


def test_report_counts_are_the_runs_row(published: tuple[Path, str, str]) -> None:
    data, _, run_id = published
    report = report_of(data, run_id)
    assert report is not None
    [row] = sql(data, f"SELECT * FROM runs WHERE run_id = '{run_id}'")
    for key, value in report.counts.items():
        assert value == row[key], key
    assert report.seconds["total"] == row["seconds_total"]
    rows = {r["measure"]: r["value"] for r in count_rows(report)}
    assert rows["documents in"] == row["docs_in"] and rows["rejected"] == row["rejected"] == 2
    assert report_of(data, "r-no-such-run") is None
    assert report_of(data, run_id, version=999) is None


def test_report_covers_only_the_run_s_own_documents(published: tuple[Path, str, str]) -> None:
    data, first, second = published
    for run_id in (first, second):
        report = report_of(data, run_id, top=50, claims_per_kind=100)
        assert report is not None
        expected = sql(
            data,
            f"""
            SELECT count(*) AS n FROM claims c JOIN extractions e ON e.doc_id = c.doc_id AND e.stage = 'claims'
            WHERE e.run_id = '{run_id}' AND coalesce(c.value, c.high) IS NOT NULL""",
        )[0]["n"]
        assert len(report.claims) == expected
        mentions = sql(
            data,
            f"""
            SELECT count(*) AS n FROM mentions m JOIN extractions e ON e.doc_id = m.doc_id AND e.stage = 'entities'
            WHERE e.run_id = '{run_id}'""",
        )[0]["n"]
        assert sum(e.mentions + e.derived for e in report.entities) <= mentions
    # The first run read the feed (the invented articles: sums of money); the second one
    # stored only the English article (percentages) and met the two bad files.
    first_report, second_report = report_of(data, first), report_of(data, second)
    assert first_report is not None and second_report is not None
    assert "money" in {c.kind for c in first_report.claims}
    assert {c.kind for c in second_report.claims} == {"percent"} and second_report.counts["docs_new"] == 1
    assert dict(second_report.reject_reasons) == {"binary": 1, "unsupported_format": 1}
    assert first_report.reject_reasons == []


def test_largest_claims_are_ranked_within_each_kind(published: tuple[Path, str, str]) -> None:
    data, _, run_id = published
    report = report_of(data, run_id, claims_per_kind=2)
    assert report is not None
    by_kind: dict[str, list[float]] = {}
    for claim in report.claims:
        top = claim.value if claim.value is not None else claim.high
        assert top is not None
        by_kind.setdefault(claim.kind, []).append(top)
    assert by_kind and all(len(v) <= 2 and v == sorted(v, reverse=True) for v in by_kind.values())


def test_markdown_escapes_cells_and_says_when_lists_are_empty() -> None:
    report = RunReport(
        run_id="r1",
        flow="process-paths",
        data_version=3,
        counts={
            "files": 1,
            "words": 9,
            "docs_in": 2,
            "docs_new": 1,
            "duplicates": 1,
            "rejected": 1,
            "sentences": 4,
            "mentions": 2,
            "claims": 1,
            "arrivals": 2,
            "new_stories": 1,
        },
        seconds={"total": 1.25},
        entities=[EntityLine("Rada | Miasta", "orgName", 2, 3, 1)],
        claims=[ClaimLine("money", "od 2 do 3\nmln zł", None, 2e6, 3e6, "PLN", None, "Tytuł")],
        reject_reasons=[],
        stories=[StoryLine("00000000000000ab", "Wybory | 2024", True, 2, 2, 1, datetime(2024, 5, 6, 8, 0), "PAP")],
        stories_touched=1,
    )
    text = markdown_of(report)
    assert "| Rada \\| Miasta | orgName | 2 | 3 | 1 |" in text
    assert "| money | od 2 do 3 mln zł | 2,000,000–3,000,000 | PLN |  | Tytuł |" in text
    assert "| Wybory \\| 2024 | yes | 2 | 2 | 1 | 2024-05-06 08:00 | PAP |" in text
    assert "2 arrivals recorded" in text and "in 1 story; new stories: 1." in text
    assert "already been refused by earlier runs" in text and "data version **3**" in text
    empty = markdown_of(
        RunReport(
            **{
                **report.__dict__,
                "entities": [],
                "claims": [],
                "stories": [],
                "counts": {**report.counts, "rejected": 0},
            }
        )
    )
    assert "No entities were found" in empty and "No numeric claims" in empty and "Nothing was rejected" in empty
    assert "This run recorded no arrivals" in empty
