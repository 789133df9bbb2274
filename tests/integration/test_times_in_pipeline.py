"""The `times` table inside the pipeline: relative expressions resolved against `published`,
left open without it, claims placed in time, and `reprocess` filling the table for documents
stored before it existed (issue #14)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsetl.config import load_settings
from newsetl.extract.extractors import EXTRACTORS
from newsetl.run.local import reprocess_locally, run_locally
from tests.integration.helpers import rows

TEXT = (
    "Wczoraj minister obrony zapowiedział nowe zakupy. W 2023 r. wydatki wyniosły 2 proc. PKB, "
    "a do 2030 roku mają wzrosnąć do 4 proc. PKB. Umowę podpisano 5 maja 2024 r. o godz. 12.30."
)


def _write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    records = [
        {"id": "dated", "text": TEXT, "published": "2024-03-14T09:00:00Z", "lang": "pl"},
        {"id": "undated", "text": "Wczoraj rząd przyjął projekt. " + TEXT[50:], "lang": "pl"},
    ]
    path = folder / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("times")
    run_locally([_write(root / "in")], load_settings(), root / "data")
    return root / "data"


def _times(data: Path, ext_id: str) -> dict[str, dict[str, object]]:
    found = rows(
        data,
        "SELECT t.text, t.type, t.value, t.resolved, t.mod FROM times t JOIN documents d USING (doc_id) "
        f"WHERE d.ext_id = '{ext_id}' ORDER BY t.time_idx",
    )
    return {str(r["text"]): r for r in found}


def test_relative_expressions_resolve_against_published(data: Path) -> None:
    times = _times(data, "dated")
    assert times["Wczoraj"]["value"] == "2024-03-13" and times["Wczoraj"]["resolved"] is True
    assert times["2023 r."]["value"] == "2023"
    assert times["2030 roku"]["value"] == "2030" and times["2030 roku"]["mod"] == "ON_OR_BEFORE"
    assert times["5 maja 2024 r. o godz. 12.30"]["value"] == "2024-05-05T12:30"  # a date and a clock: one moment


def test_without_published_relative_values_stay_open(data: Path) -> None:
    times = _times(data, "undated")
    assert times["Wczoraj"]["resolved"] is False and times["Wczoraj"]["value"].startswith("XXXX")
    assert times["2023 r."]["value"] == "2023"  # absolute: needs no publication date


def test_claims_are_placed_in_time_and_dates_are_never_claims(data: Path) -> None:
    claims = rows(
        data,
        "SELECT c.text, c.as_of FROM claims c JOIN documents d USING (doc_id) "
        "WHERE d.ext_id = 'dated' ORDER BY claim_idx",
    )
    as_of = {str(c["text"]): c["as_of"] for c in claims}
    assert as_of == {"2 proc.": "2023", "4 proc.": "2030"}


def test_reprocess_fills_times_for_documents_stored_before(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    registered = dict(EXTRACTORS._by_stage)
    # A pipeline without the times extractor: what stored documents looked like before it.
    monkeypatch.setattr(EXTRACTORS, "_by_stage", {k: v for k, v in registered.items() if k != "times"})
    run_locally([_write(tmp_path / "in")], settings, tmp_path / "data")
    assert rows(tmp_path / "data", "SELECT count(*) AS n FROM times") == [{"n": 0}]
    monkeypatch.setattr(EXTRACTORS, "_by_stage", registered)
    summary = reprocess_locally(settings, tmp_path / "data", everything=False)
    assert summary.counts["docs_in"] == 2
    assert _times(tmp_path / "data", "dated")["Wczoraj"]["value"] == "2024-03-13"
    versions = rows(tmp_path / "data", "SELECT DISTINCT stage, extractor_version FROM extractions ORDER BY stage")
    assert [v["stage"] for v in versions] == ["claims", "entities", "times"]
