"""The story index on disk: two Parquet tables, looked up with DuckDB, never loaded whole.

Layout, under an *index root* (in the pipeline: a store version folder, so the index is
published with the run that extended it)::

    story_docs/shard=<0-f>/part-<run>.parquet    one row per indexed document
    story_bands/band=<00-31>/part-<run>.parquet  one row per (document, LSH band)

Both tables are append-only: a run adds one file per shard it touches and never rewrites
a row, which is why a published ``story_id`` cannot change. Folders keep files small for
compaction (rows sorted by the table key, as the store's ``compact`` does). Documents are
stored as 64-bit integers (a ``doc_id`` is 16 hex digits), which halves the bytes of the
band table, the one that grows fastest.

A run's lookups are two joins, each a scan of one column plus the matching rows: the
run's buckets against ``story_bands.bucket`` and the found documents against
``story_docs.doc``. Cost therefore grows with the index, not the run; ``README.md`` has
the measured figures per million indexed documents.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.tables.schemas import TableSpec
from newsetl.tables.writer import WrittenFile, checked, fsync_path


def _f(name: str, type_: pa.DataType, doc: str) -> pa.Field:
    return pa.field(name, type_, nullable=False, metadata={"doc": doc})


STORY_DOCS = TableSpec(
    "story_docs",
    pa.schema(
        [
            _f("doc", pa.uint64(), "Indexed document: its `doc_id` (16 hex digits) as an unsigned integer."),
            _f("story", pa.uint64(), "Its story: the founding document's `doc_id` as an unsigned integer."),
            _f("sketch", pa.binary(), "Low byte of each MinHash slot (b-bit MinHash), for checking candidates."),
            _f("n_shingles", pa.int32(), "Distinct five-word shingles of the text (0: no words, never matched)."),
            _f("scheme", pa.string(), "Signature scheme (library, algorithm, shingle size, slots, seed, bands)."),
            _f("run_id", pa.string(), "Run that indexed the document."),
        ]
    ),
    key=("doc",),
    partitioned=False,
    doc="Story index: every document that has a story, with the sketch that verifies matches.",
)

STORY_BANDS = TableSpec(
    "story_bands",
    pa.schema(
        [
            _f("bucket", pa.uint64(), "LSH band bucket: band number in the high 32 bits, band hash in the low 32."),
            _f("doc", pa.uint64(), "Document in the bucket (`story_docs.doc`)."),
        ]
    ),
    key=("bucket", "doc"),
    partitioned=False,
    doc="Story index: the LSH buckets of every indexed document, to find candidates by bucket.",
)

INDEX_TABLES = (STORY_DOCS, STORY_BANDS)


class StoryIndexError(RuntimeError):
    """The index cannot be used as it is (e.g. built with another signature scheme)."""


def doc_numbers(doc_ids: Iterable[str]) -> npt.NDArray[np.uint64]:
    """``doc_id`` strings (16 hex digits) as unsigned 64-bit integers."""
    return np.array([int(d, 16) for d in doc_ids], dtype=np.uint64)


def doc_id_of(number: int) -> str:
    return f"{number:016x}"


class StoryIndex:
    """Read access to the index under ``root`` (``None`` or a missing folder: an empty index)."""

    def __init__(self, root: Path | None, threads: int = 1, memory_limit: str = "1GB") -> None:
        self.root = root
        self._threads = threads
        self._memory_limit = memory_limit

    def _glob(self, spec: TableSpec) -> str | None:
        if self.root is None:
            return None
        folder = self.root / spec.name
        if not folder.is_dir() or next(folder.rglob("*.parquet"), None) is None:
            return None
        return str(folder / "**" / "*.parquet")

    def _connect(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(config={"threads": self._threads, "memory_limit": self._memory_limit})
        return con

    def documents(self, docs: npt.NDArray[np.uint64]) -> pa.Table:
        """Rows of ``story_docs`` for ``docs`` (any order; absent documents are simply missing)."""
        glob = self._glob(STORY_DOCS)
        if glob is None or len(docs) == 0:
            return STORY_DOCS.schema.empty_table()
        wanted = pa.table({"doc": pa.array(np.unique(docs), type=pa.uint64())})
        with self._connect() as con:
            con.register("wanted", wanted)
            result = con.sql(
                "SELECT d.doc, d.story, d.sketch, d.n_shingles, d.scheme, d.run_id "
                "FROM read_parquet($glob, hive_partitioning = false) d JOIN wanted w ON d.doc = w.doc",
                params={"glob": glob},
            ).to_arrow_table()
        return result.cast(STORY_DOCS.schema)

    def bucket_members(self, buckets: npt.NDArray[np.uint64]) -> pa.Table:
        """``(bucket, doc)`` rows of ``story_bands`` whose bucket is in ``buckets``."""
        glob = self._glob(STORY_BANDS)
        if glob is None or len(buckets) == 0:
            return STORY_BANDS.schema.empty_table()
        wanted = pa.table({"bucket": pa.array(np.unique(buckets), type=pa.uint64())})
        with self._connect() as con:
            con.register("wanted", wanted)
            result = con.sql(
                "SELECT b.bucket, b.doc FROM read_parquet($glob, hive_partitioning = false) b "
                "JOIN wanted w ON b.bucket = w.bucket",
                params={"glob": glob},
            ).to_arrow_table()
        return result.cast(STORY_BANDS.schema)

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


def write_sharded(
    spec: TableSpec,
    table: pa.Table,
    folders: npt.NDArray[np.str_],
    staging_root: Path,
    stem: str,
    compression_level: int = 3,
) -> list[WrittenFile]:
    """Write ``table`` as one file per folder (``folders[i]`` is row i's, e.g. ``band=07``).

    Files go to ``staging_root/<table>/<folder>/part-<stem>.parquet``, rows sorted by the
    table key, so the same rows always make the same files.
    """
    if table.num_rows == 0:
        return []
    table = checked(table, spec)
    written: list[WrittenFile] = []
    for folder in np.unique(folders):
        rows = table.filter(pa.array(folders == folder)).sort_by([(k, "ascending") for k in spec.key])
        relpath = f"{folder}/part-{stem}.parquet"
        target = staging_root / spec.name / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(rows, target, compression="zstd", compression_level=compression_level)
        fsync_path(target)
        written.append(WrittenFile(relpath, rows.num_rows, target.stat().st_size))
    return written


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
