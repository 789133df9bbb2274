"""Read-only SQL over the tables: ``ReadOnlyQuery``.

Guarantees, in layers:

1. **Only reading statements run.** DuckDB's own parser classifies the statement; only
   SELECT-like ones (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE) pass, and DuckDB must be
   able to serialise it as a SELECT tree (``json_serialize_sql``) too. ``EXPLAIN`` is
   unwrapped and its inner statement judged the same way, at any depth — ``EXPLAIN
   ANALYZE`` *executes* what it wraps, so ``EXPLAIN ANALYZE COPY … TO …`` is a write.
2. **Only the pinned table version is readable.** Views point at one resolved version
   folder, and that folder is the only one DuckDB may open (``allowed_directories``); the
   temporary folder for spilling is a private one, outside it, removed on close (DuckDB's
   default, ``.tmp/`` under the working directory, could be inside the data directory).
3. **The connection is sealed**: no extensions installed or loaded, no other files, and the
   configuration locked so a query cannot undo any of it.
4. **Bounded**: a memory limit and a time limit (settings ``query.*``); over either, the
   query stops with a one-line error.

Views point at one resolved table version, so a query sees one consistent state of all
tables even while a run publishes a new version.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

import duckdb
import pyarrow as pa

from newsetl.tables.schemas import PARTITION, TABLES
from newsetl.tables.store import Store, StoreError

_READING = duckdb.StatementType.SELECT
_EXPLAIN = duckdb.StatementType.EXPLAIN
_EXPLAIN_WORDS = {"EXPLAIN", "ANALYZE", "ANALYSE"}


class QueryRefused(ValueError):
    """The statement is not a read-only query, or the data directory holds no tables."""


class QueryStopped(RuntimeError):
    """The query ran past a limit (time or memory) and was stopped."""


def _first_keyword(sql: str) -> str:
    for start, kind in duckdb.tokenize(sql):
        if kind == duckdb.token_type.keyword:
            rest = sql[start:]
            return rest.split(None, 1)[0].strip("(;").upper()
    return "this"


def _explained(sql: str) -> str:
    """The statement an ``EXPLAIN [ANALYZE] [(options)]`` wraps."""
    tokens = duckdb.tokenize(sql)
    pos = 0
    depth = 0
    for i, (start, kind) in enumerate(tokens):
        end = tokens[i + 1][0] if i + 1 < len(tokens) else len(sql)
        word = sql[start:end].strip()
        if kind == duckdb.token_type.comment:
            continue
        if depth:
            depth += word.count("(") - word.count(")")
            continue
        if kind == duckdb.token_type.keyword and word.upper() in _EXPLAIN_WORDS:
            continue
        if kind == duckdb.token_type.operator and word.startswith("("):
            depth = word.count("(") - word.count(")")
            continue
        pos = start
        break
    else:
        return ""
    return sql[pos:]


def refusal(sql: str) -> str | None:
    """Why ``sql`` may not run (None when it is one read-only statement)."""
    try:
        sql.encode("utf-8")
    except UnicodeEncodeError:
        return "the query is not valid UTF-8 text (check the terminal's or the script's encoding)"
    text = sql
    for _ in range(16):  # EXPLAIN cannot nest deeper than this in any real statement
        try:
            statements = duckdb.extract_statements(text)
        except duckdb.Error as exc:
            return f"cannot parse the query: {str(exc).splitlines()[0]}"
        if not statements:
            return "the query is empty"
        if len(statements) > 1:
            return "give one statement at a time"
        statement = statements[0]
        if statement.type is _EXPLAIN:
            text = _explained(statement.query)
            continue
        if statement.type is not _READING or not _serialises_as_select(statement.query):
            return f"newsetl sql is read-only: {_first_keyword(statement.query)} statements are not allowed"
        return None
    return "the query nests EXPLAIN too deeply"


def _serialises_as_select(sql: str) -> bool:
    with duckdb.connect() as con:
        row = con.execute("SELECT json_serialize_sql($1)::JSON->>'error'", [sql]).fetchone()
    return row is not None and row[0] == "false"


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


class ReadOnlyQuery:
    """A DuckDB connection with one view per table of the current version of ``data_dir``."""

    def __init__(
        self, data_dir: Path, *, timeout_seconds: float = 300, memory_limit: str = "2GB", temp_limit: str = "10GB"
    ) -> None:
        store = Store(data_dir)
        try:
            version = store.current()
        except StoreError as exc:
            raise QueryRefused(str(exc)) from None
        if version is None:
            raise QueryRefused(f"no tables in {data_dir} yet (run `newsetl run` first)")
        self.version = store.version()
        self.timeout_seconds = timeout_seconds
        self.memory_limit = memory_limit
        self._temp = Path(tempfile.mkdtemp(prefix="newsetl-sql-"))
        self._con = duckdb.connect(
            config={
                "autoinstall_known_extensions": False,
                "autoload_known_extensions": False,
                "temp_directory": str(self._temp),
                "memory_limit": memory_limit,
                "max_temp_directory_size": temp_limit,
            }
        )
        for name, spec in TABLES.items():
            if spec.hidden:  # the story index: the story step's state, not for queries
                continue
            glob = _quoted(version / name / "**" / "*.parquet")
            hive = f", hive_partitioning = true, hive_types = {{'{PARTITION}': DATE}}" if spec.partitioned else ""
            self._con.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{glob}', union_by_name = true{hive})")
        self._con.execute(f"SET allowed_directories = ['{_quoted(version)}']")
        self._con.execute("SET enable_external_access = false")
        self._con.execute("SET lock_configuration = true")

    def run(self, sql: str) -> pa.Table:
        problem = refusal(sql)
        if problem:
            raise QueryRefused(problem)
        timer = threading.Timer(self.timeout_seconds, self._con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            return self._con.sql(sql).to_arrow_table()
        except duckdb.InterruptException:
            raise QueryStopped(
                f"the query ran longer than {self.timeout_seconds:g} s and was stopped "
                "(raise query.timeout_seconds, or filter on day to read less)"
            ) from None
        except duckdb.OutOfMemoryException:
            raise QueryStopped(
                f"the query needs more than {self.memory_limit} of memory and was stopped "
                "(raise query.memory_limit, or aggregate before joining)"
            ) from None
        finally:
            timer.cancel()

    def close(self) -> None:
        self._con.close()
        shutil.rmtree(self._temp, ignore_errors=True)

    def __enter__(self) -> ReadOnlyQuery:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
