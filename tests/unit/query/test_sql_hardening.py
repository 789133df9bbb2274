"""The SQL surface as an attacker and a careless user would try it (issue #11, points 2-7)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pytest

from newsetl.query.output import render, shown
from newsetl.query.sql import QueryRefused, QueryStopped, ReadOnlyQuery, refusal
from newsetl.tables.schemas import DOCUMENTS
from tests.unit.query.rejects_store import published_rejects, tree_digest


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return published_rejects(tmp_path / "data", "a\x1b[2J")


@pytest.mark.parametrize(
    "sql",
    [
        "EXPLAIN ANALYZE COPY (SELECT 1) TO '{d}/rejects/x.parquet'",
        "explain analyze copy (select 1) to '{d}/rejects/x.parquet'",
        "EXPLAIN (ANALYZE, FORMAT json) COPY (SELECT 1) TO '{d}/rejects/x.parquet'",
        "/* a */ EXPLAIN /* b */ ANALYZE -- c\n COPY (SELECT 1) TO '{d}/rejects/x.parquet'",
        "EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
        "EXPLAIN ANALYZE INSERT INTO rejects SELECT * FROM rejects",
        "EXPLAIN COPY (SELECT 1) TO '{d}/rejects/x.parquet'",
        "EXPLAIN",
    ],
)
def test_explain_never_wraps_a_write(data_dir: Path, sql: str) -> None:
    before = tree_digest(data_dir)
    statement = sql.format(d=data_dir)
    assert refusal(statement) is not None
    with pytest.raises(QueryRefused):
        ReadOnlyQuery(data_dir).run(statement)
    assert tree_digest(data_dir) == before


def test_explain_analyze_of_a_read_still_runs(data_dir: Path) -> None:
    result = ReadOnlyQuery(data_dir).run("EXPLAIN ANALYZE SELECT count(*) FROM rejects")
    assert result.num_rows >= 1


def test_refusals_name_the_statement_used() -> None:
    assert "INSTALL" in (refusal("INSTALL httpfs") or "")
    assert "LOAD" in (refusal("LOAD httpfs") or "")
    assert "COPY" in (refusal("EXPLAIN ANALYZE COPY (SELECT 1) TO 'x'") or "")


def test_only_the_pinned_version_is_readable(data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    # DuckDB's default temporary folder is .tmp/ under the working directory: here, the data directory.
    monkeypatch.chdir(data_dir)
    (data_dir / ".tmp").mkdir()
    (data_dir / ".tmp" / "secret.csv").write_text("a\n1\n")
    stray = data_dir / ".newsetl" / "staging" / "old"
    stray.mkdir(parents=True)
    (stray / "x.csv").write_text("a\n1\n")
    engine = ReadOnlyQuery(data_dir)
    for path in (".tmp/secret.csv", str(data_dir / ".tmp" / "secret.csv"), str(stray / "x.csv")):
        with pytest.raises(duckdb.Error, match="disabled by configuration"):
            engine.run(f"SELECT * FROM read_csv('{path}')")
    assert engine.run("SELECT count(*) AS n FROM rejects").to_pylist() == [{"n": 2}]


def test_spilling_goes_to_a_private_folder_removed_on_close(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data_dir)
    engine = ReadOnlyQuery(data_dir, memory_limit="64MB")
    result = engine.run("SELECT count(*) AS n FROM (SELECT range % 1000003 AS k FROM range(6000000) ORDER BY k DESC)")
    assert result.to_pylist() == [{"n": 6_000_000}]
    private = engine._temp
    assert data_dir not in private.parents
    engine.close()
    assert not private.exists() and not (data_dir / ".tmp").exists()


def test_time_limit_stops_a_query_with_one_line(data_dir: Path) -> None:
    engine = ReadOnlyQuery(data_dir, timeout_seconds=0.5)
    with pytest.raises(QueryStopped, match=r"longer than 0.5 s") as caught:
        engine.run("SELECT count(*) FROM range(100000000000) a")
    assert "\n" not in str(caught.value)


def test_memory_limit_stops_a_query_with_one_line(data_dir: Path) -> None:
    engine = ReadOnlyQuery(data_dir, memory_limit="32MB", temp_limit="1MB")
    with pytest.raises(QueryStopped, match="more than 32MB") as caught:
        engine.run("SELECT list(range) FROM range(20000000)")
    assert "\n" not in str(caught.value)


def test_non_utf8_bytes_in_the_query_are_refused() -> None:
    sql = os.fsdecode(b"SELECT '\xff\xfe'")  # how Python hands over undecodable argv bytes
    assert "UTF-8" in (refusal(sql) or "")


def test_every_format_works_on_every_column_type() -> None:
    result = pa.table(
        {
            "offset_map": pa.array([[0, 1, 5], None], pa.list_(pa.int32())),
            "meta": pa.array([{"a": 1}, None], pa.struct([("a", pa.int64())])),
            "title": ["ok", None],
        }
    )
    assert render(result, "csv").splitlines()[1].startswith('"[0, 1, 5]"')
    assert '"offset_map": [0, 1, 5]' in render(result, "json")
    assert "[0, 1, 5]" in render(result, "table")


def test_control_characters_are_escaped_for_the_terminal() -> None:
    evil = "Tytuł\x1b]0;pwned\x07\x1b[2J\x9b31m\u202eabc"
    result = pa.table({"title": [evil]})
    table = render(result, "table")
    csv_tty = render(result, "csv", terminal=True)
    for text in (table, csv_tty):
        assert not any(ch in text for ch in "\x1b\x07\x9b\u202e"), text
        assert "\\x1b" in text
    assert "\x1b" in render(result, "csv", terminal=False)  # a file gets the bytes as they are
    json_text = render(result, "json")
    assert "\x1b" not in json_text and "\x9b" not in json_text and "\u202e" not in json_text
    import json

    assert json.loads(json_text)["title"] == evil  # escaped losslessly
    assert shown("a\tb\nc") == "a\tb\nc"


def test_rich_markup_in_values_is_shown_as_written() -> None:
    assert "[bold]x[/bold]" in render(pa.table({"t": ["[bold]x[/bold]"]}), "table")


def test_rows_count_line() -> None:
    result = pa.table({"a": [1, 2, 3]})
    assert "first 0 shown" in render(result, "table", max_rows=0)
    assert "(3 rows)" in render(result, "table", max_rows=3)


def test_documents_offset_map_renders_in_csv(tmp_path: Path) -> None:
    empty = DOCUMENTS.schema.empty_table()
    assert render(empty, "csv").startswith('"doc_id"')
