"""The story index on disk: two Parquet tables, looked up with DuckDB, never loaded whole.

Layout, under an *index root* (in the pipeline: a store version folder, so the index is
published with the run that extended it)::

    story_docs/shard=<0-7>/part-<run>.parquet                 one row per indexed document
    story_bands/month=<YYYY-MM>/bands=<0-7>/part-<run>.parquet  one row per (document, LSH band)
    story_bands/month=none/bands=<0-7>/…                        (undated documents)

Both tables are append-only: a run adds at most one file per folder and never rewrites a
row, which is why a published ``story_id`` cannot change. Folders (by the top bits of
the doc, by band group) bound what one compaction holds in memory; ``story_bands`` is
also split by the month of each document's day, so a run whose documents are dated
reads only the months within the window of their days (``StoryParams.window_days``)
and the undated folder — its lookup cost stays bounded by the window, not the history.
Documents are stored as 64-bit integers (a ``doc_id`` is 16 hex digits).

A run's lookups are two DuckDB semi-joins: the run's buckets against
``story_bands.bucket``, then the documents found against ``story_docs.doc``. Their cost
grows with the index, not the run, so the files are written for scanning: rows sorted by
the key, ``bucket`` delta-encoded (sorted 64-bit keys shrink to ~1.5 bytes a row and
decode fast), small row groups so that DuckDB skips the other columns of groups without a
match. :func:`compact_index` merges each folder's files with the same options (the
store's generic ``compact`` would lose them). ``README.md`` has the measured figures.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.tables.schemas import STORY_BANDS, STORY_DOCS, TableSpec, checked
from newsetl.tables.writer import WrittenFile, fsync_path

# Declared with every other table (hidden: no `DIR/<table>` link, no SQL view).
INDEX_TABLES = (STORY_DOCS, STORY_BANDS)


class StoryIndexError(RuntimeError):
    """The index cannot be used as it is (e.g. built with another signature scheme)."""


def doc_numbers(doc_ids: Iterable[str]) -> npt.NDArray[np.uint64]:
    """``doc_id`` strings (16 hex digits) as unsigned 64-bit integers."""
    return np.array([int(d, 16) for d in doc_ids], dtype=np.uint64)


def doc_id_of(number: int) -> str:
    return f"{number:016x}"


class StoryIndex:
    """Read access to the index under ``roots`` (none, or missing folders: an empty index).

    Several roots read as one index: the published version plus index files a run or a
    backfill has staged but not yet published (batch after batch in one run).
    """

    def __init__(self, roots: Path | Sequence[Path] | None, threads: int = 1, memory_limit: str = "1GB") -> None:
        self.roots = [] if roots is None else [roots] if isinstance(roots, Path) else list(roots)
        self._threads = threads
        self._memory_limit = memory_limit

    def _glob(self, spec: TableSpec, folders: Sequence[str] | None = None) -> list[str] | None:
        """Globs of the table's files under every root (only under ``folders`` if given)."""
        tops = [root / spec.name for root in self.roots]
        if folders is not None:
            tops = [top / folder for top in tops for folder in folders]
        globs = [
            str(top / "**" / "*.parquet")
            for top in tops
            if top.is_dir() and next(top.rglob("*.parquet"), None) is not None
        ]
        return globs or None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(config={"threads": self._threads, "memory_limit": self._memory_limit})
        return con

    def documents(self, docs: npt.NDArray[np.uint64]) -> pa.Table:
        """Rows of ``story_docs`` for ``docs`` (any order; absent documents are simply missing)."""
        return self._rows_with(STORY_DOCS, "doc", docs, None)

    def bucket_members(self, buckets: npt.NDArray[np.uint64], months: Sequence[str] | None = None) -> pa.Table:
        """``(bucket, doc)`` rows of ``story_bands`` whose bucket is in ``buckets``, read
        from the ``months`` folders only (``2024-03``, ``none``; None: all of them)."""
        folders = None if months is None else [f"month={m}" for m in months]
        return self._rows_with(STORY_BANDS, "bucket", buckets, folders)

    def _rows_with(
        self, table: TableSpec, column: str, values: npt.NDArray[np.uint64], folders: Sequence[str] | None
    ) -> pa.Table:
        """The rows of ``table`` (its own columns, no partition column) whose ``column`` is
        one of ``values``, read from ``folders`` only (None: all)."""
        glob = self._glob(table, folders)
        if glob is None or len(values) == 0:
            return table.schema.empty_table()
        wanted = pa.table({column: pa.array(np.unique(values), type=pa.uint64())})
        columns = ", ".join(f"t.{name}" for name in table.schema.names)
        with self._connect() as con:
            con.register("wanted", wanted)
            result = con.sql(
                f"SELECT {columns} FROM read_parquet($glob, hive_partitioning = false) t "
                f"WHERE t.{column} IN (SELECT {column} FROM wanted)",
                params={"glob": glob},
            ).to_arrow_table()
        return result.cast(table.schema)

    def schemes(self) -> list[str]:
        """Signature schemes present in the index (one, unless something is wrong)."""
        glob = self._glob(STORY_DOCS)
        if glob is None:
            return []
        with self._connect() as con:
            rows = con.execute(
                "SELECT DISTINCT scheme FROM read_parquet(?, hive_partitioning = false)", [glob]
            ).fetchall()
        return sorted(str(r[0]) for r in rows)


# How each table's files are written (also by compact_index): see the module docstring.
WRITE_OPTIONS: dict[str, dict[str, Any]] = {
    STORY_DOCS.name: {"row_group_size": 8192, "use_dictionary": ["scheme", "run_id"]},
    STORY_BANDS.name: {
        "row_group_size": 65536,
        "use_dictionary": False,
        "column_encoding": {"bucket": "DELTA_BINARY_PACKED", "doc": "PLAIN"},
    },
}
DOC_SHARD_BITS = 3
BANDS_PER_FOLDER = 3


def doc_folders(docs: npt.NDArray[np.uint64]) -> npt.NDArray[np.str_]:
    """``shard=<top bits>`` of each document, for ``story_docs``."""
    top = (docs >> np.uint64(64 - DOC_SHARD_BITS)).astype(np.int64)
    return np.array([f"shard={t}" for t in range(1 << DOC_SHARD_BITS)])[top]


# Days are int32 days since 1970-01-01; an undated document has this day.
UNDATED = np.iinfo(np.int32).min


def day_numbers(days: Sequence[date | None]) -> npt.NDArray[np.int32]:
    """Days as int32 days since the epoch (:data:`UNDATED` for None)."""
    epoch = date(1970, 1, 1)
    return np.array([UNDATED if d is None else (d - epoch).days for d in days], dtype=np.int32)


def month_names(days: npt.NDArray[np.int32]) -> npt.NDArray[np.str_]:
    """``YYYY-MM`` of each day, ``none`` for an undated one."""
    dated = days != UNDATED
    months = np.full(len(days), "none", dtype=object)
    months[dated] = days[dated].astype("datetime64[D]").astype("datetime64[M]").astype(str)
    return months.astype(str)


def months_near(days: npt.NDArray[np.int32], window_days: int) -> list[str]:
    """The months holding every day within ``window_days`` of the dated ``days``, and ``none``."""
    dated = days[days != UNDATED]
    if len(dated) == 0:
        return ["none"]
    lo = np.datetime64(int(dated.min()) - window_days, "D").astype("datetime64[M]")
    hi = np.datetime64(int(dated.max()) + window_days, "D").astype("datetime64[M]")
    return [str(m) for m in np.arange(lo, hi + 1)] + ["none"]


def band_folders(buckets: npt.NDArray[np.uint64], months: npt.NDArray[np.str_]) -> npt.NDArray[np.str_]:
    """``month=<its document's month>/bands=<band // BANDS_PER_FOLDER>`` of each bucket row."""
    group = (buckets >> np.uint64(32)).astype(np.int64) // BANDS_PER_FOLDER
    names = np.array([f"bands={g}" for g in range(int(group.max(initial=0)) + 1)])
    return np.char.add(np.char.add("month=", months.astype(str)), np.char.add("/", names[group]))


def _write(spec: TableSpec, rows: pa.Table, root: Path, relpath: str, compression_level: int) -> WrittenFile:
    rows = rows.sort_by([(k, "ascending") for k in spec.key])
    target = root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(rows, target, compression="zstd", compression_level=compression_level, **WRITE_OPTIONS[spec.name])
    fsync_path(target)
    return WrittenFile(relpath, rows.num_rows, target.stat().st_size)


def write_sharded(
    spec: TableSpec,
    table: pa.Table,
    folders: npt.NDArray[np.str_],
    staging_root: Path,
    stem: str,
    compression_level: int = 3,
) -> list[WrittenFile]:
    """Write ``table`` as one file per folder (``folders[i]`` is row i's, e.g. ``bands=2``).

    Files go to ``staging_root/<table>/<folder>/part-<stem>.parquet``, rows sorted by the
    table key, so the same rows always make the same files.
    """
    if table.num_rows == 0:
        return []
    table = checked(table, spec)
    return [
        _write(
            spec,
            table.filter(pa.array(folders == folder)),
            staging_root / spec.name,
            f"{folder}/part-{stem}.parquet",
            compression_level,
        )
        for folder in np.unique(folders)
    ]


def compact_index(
    index_root: Path,
    staging_root: Path,
    stem: str,
    compression_level: int = 3,
    tables: Iterable[str] | None = None,
) -> tuple[dict[str, list[WrittenFile]], dict[str, set[str]]]:
    """Merge every index folder holding several files into one (rows and options kept).

    Returns ``(added, removed)`` in the store's terms: files staged under
    ``staging_root/<table>/`` and the relative paths they replace; publish both at once.
    ``tables``: the index tables to compact (default both). Memory: one folder at a time
    (~1/8 of a table).
    """
    added: dict[str, list[WrittenFile]] = {}
    removed: dict[str, set[str]] = {}
    wanted = {spec.name for spec in INDEX_TABLES} if tables is None else set(tables)
    for spec in INDEX_TABLES:
        if spec.name not in wanted:
            continue
        root = index_root / spec.name
        if not root.is_dir():
            continue
        for folder in sorted({f.parent for f in root.rglob("*.parquet")} - {root}):
            files = sorted(f for f in folder.glob("*.parquet") if f.name != "part-empty.parquet")
            if len(files) < 2:
                continue
            merged = pa.concat_tables([pq.read_table(f, schema=spec.schema) for f in files])
            relfolder = folder.relative_to(root).as_posix()
            written = _write(
                spec, merged, staging_root / spec.name, f"{relfolder}/part-c{stem}.parquet", compression_level
            )
            added.setdefault(spec.name, []).append(written)
            removed.setdefault(spec.name, set()).update(f"{relfolder}/{f.name}" for f in files)
    return added, removed


def publish_local(index_root: Path, staging_root: Path, files: dict[str, list[WrittenFile]]) -> None:
    """Move a run's staged index files into ``index_root`` (scripts and tests; not atomic).

    The pipeline publishes the same files through ``Store.publish`` instead, with its
    tables, in one atomic version switch.
    """
    for table, written in files.items():
        for item in written:
            target = index_root / table / item.relpath
            if target.exists():
                raise FileExistsError(f"{target} already exists")
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging_root / table / item.relpath, target)
