"""Read-only SQL over the tables: ``ReadOnlyQuery``.

Guarantees, in layers: only SELECT-like statements (SELECT, WITH, FROM, DESCRIBE, SHOW,
SUMMARIZE, EXPLAIN) are accepted — DuckDB's own parser classifies each statement, so
``DELETE``, ``DROP``, ``COPY … TO``, ``ATTACH``, ``INSTALL``, ``LOAD``, ``SET`` and
``PRAGMA`` are refused before execution; then the connection itself is sealed: access to
files is limited to the data directory, extensions are neither installed nor loaded,
and the configuration is locked so a query cannot undo any of that.

Views point at one resolved table version, so a query sees one consistent state of all
tables even while a run publishes a new version.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from newsetl.tables.schemas import PARTITION, TABLES
from newsetl.tables.store import Store

_ALLOWED = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


class QueryRefused(ValueError):
    """The statement is not a read-only query, or the data directory holds no tables."""


def refusal(sql: str) -> str | None:
    """Why ``sql`` may not run (None when it is one read-only statement)."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        return f"cannot parse the query: {str(exc).splitlines()[0]}"
    if not statements:
        return "the query is empty"
    if len(statements) > 1:
        return "give one statement at a time"
    kind = statements[0].type
    if kind not in _ALLOWED:
        return f"newsetl sql is read-only: {kind.name} statements are not allowed"
    return None


class ReadOnlyQuery:
    """A DuckDB connection with one view per table of the current version of ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        store = Store(data_dir)
        version = store.current()
        if version is None:
            raise QueryRefused(f"no tables in {data_dir} yet (run `newsetl run` first)")
        self.version = store.version()
        self._con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
        for name, spec in TABLES.items():
            glob = str(version / name / "**" / "*.parquet").replace("'", "''")
            hive = f", hive_partitioning = true, hive_types = {{'{PARTITION}': DATE}}" if spec.partitioned else ""
            self._con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}', union_by_name = true{hive})")
        root = str(Path(data_dir).resolve()).replace("'", "''")
        self._con.execute(f"SET allowed_directories = ['{root}', '{str(version).replace(chr(39), chr(39) * 2)}']")
        self._con.execute("SET enable_external_access = false")
        self._con.execute("SET lock_configuration = true")

    def run(self, sql: str) -> pa.Table:
        problem = refusal(sql)
        if problem:
            raise QueryRefused(problem)
        return self._con.sql(sql).to_arrow_table()

    def close(self) -> None:
        self._con.close()
