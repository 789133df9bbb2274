from pathlib import Path

import pytest

from newsetl.query.sql import QueryRefused, ReadOnlyQuery, refusal
from tests.unit.query.rejects_store import published_rejects, tree_digest


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return published_rejects(tmp_path / "data", "a")


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM rejects",
        "WITH x AS (SELECT 1 AS a) SELECT a FROM x",
        "FROM rejects",
        "DESCRIBE rejects",
        "SHOW TABLES",
        "SUMMARIZE rejects",
        "EXPLAIN SELECT * FROM documents WHERE day = DATE '2024-01-01'",
    ],
)
def test_read_only_statements_run(data_dir: Path, sql: str) -> None:
    assert refusal(sql) is None
    ReadOnlyQuery(data_dir).run(sql)


@pytest.mark.parametrize(
    ("sql", "word"),
    [
        ("DELETE FROM rejects", "DELETE"),
        ("DROP VIEW rejects", "DROP"),
        ("COPY (SELECT 1) TO 'out.csv'", "COPY"),
        ("ATTACH 'other.db'", "ATTACH"),
        ("INSTALL httpfs", "INSTALL"),
        ("LOAD httpfs", "LOAD"),
        ("CREATE TABLE t AS SELECT 1", "CREATE"),
        ("SET enable_external_access = true", "SET"),
        ("PRAGMA version", "PRAGMA"),
        ("EXPORT DATABASE 'dump'", "EXPORT"),
        ("SELECT 1; DROP VIEW rejects", "one statement"),
    ],
)
def test_writes_are_refused_and_change_nothing(data_dir: Path, sql: str, word: str) -> None:
    before = tree_digest(data_dir)
    with pytest.raises(QueryRefused, match=word):
        ReadOnlyQuery(data_dir).run(sql)
    assert tree_digest(data_dir) == before
    assert not Path("out.csv").exists() and not Path("other.db").exists()


def test_files_outside_the_data_dir_are_out_of_reach(data_dir: Path) -> None:
    import duckdb

    with pytest.raises(duckdb.Error, match="disabled by configuration"):
        ReadOnlyQuery(data_dir).run("SELECT * FROM read_csv('/etc/passwd')")


def test_no_tables_yet(tmp_path: Path) -> None:
    with pytest.raises(QueryRefused, match="no tables"):
        ReadOnlyQuery(tmp_path)


def test_views_cover_every_table(data_dir: Path) -> None:
    names = {row["name"] for row in ReadOnlyQuery(data_dir).run("SHOW TABLES").to_pylist()}
    assert names == {  # the story index is hidden: no view
        "documents",
        "sources",
        "sentences",
        "mentions",
        "times",
        "claims",
        "extractions",
        "entities",
        "rejects",
        "runs",
    }
    assert ReadOnlyQuery(data_dir).run("SELECT count(*) AS n FROM rejects").to_pylist() == [{"n": 2}]
