import hashlib
from pathlib import Path

import pyarrow as pa
import pytest

from newsetl.config import TableSettings
from newsetl.query.sql import QueryRefused, ReadOnlyQuery, refusal
from newsetl.tables.schemas import REJECTS
from newsetl.tables.store import Store
from newsetl.tables.writer import write_table


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    store = Store(tmp_path / "data")
    staged = store.staging_dir("r1") / "final"
    table = pa.table(
        {"source_uri": ["a", "b"], "reason": ["empty", "binary"], "detail": ["x", "y"], "run_id": ["r1", "r1"]}
    )
    store.publish("r1", staged, {"rejects": write_table(REJECTS, staged, "r1", table, TableSettings())})
    return store.root


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode())
        if path.is_file() and not path.is_symlink():
            h.update(path.read_bytes())
    return h.hexdigest()


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
