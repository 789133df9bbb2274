"""A run's staging folder: the one module that writes and reads staged Parquet.

Steps talk through files, so that any step can run in another process or on another
machine sharing the data directory. Everything a run writes before publishing lives in
``DIR/.newsetl/staging/<run_id>/`` (never under a table folder, so readers never see it):

    known_ids.parquet               ids of the documents already stored (plan)
    ingest/g00000-c00000.parquet    chunks of normalized documents (ingest)
    out/sources/g00000-a00000.parquet  every arrival of an ingest group, in pieces (ingest)
    out/<table>/<chunk>.parquet     rows of each derived table, per chunk (extract, reprocess)
    signatures/<chunk>.parquet      story signatures of a chunk's documents (extract)
    final/<table>/…                 the files publishing moves into the next version

Staged files are written once and read once, so they are compressed for speed (zstd
level 1), not size; the published files get ``tables.compression_level``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.tables.schemas import TABLES, checked

STAGED_COMPRESSION = "zstd"
STAGED_LEVEL = 1


def write_staged(table: pa.Table, path: Path) -> None:
    """Write a staged (temporary) Parquet file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path, compression=STAGED_COMPRESSION, compression_level=STAGED_LEVEL)


def read_staged(path: Path, columns: Sequence[str] | None = None) -> pa.Table:
    return pq.read_table(path, columns=list(columns) if columns is not None else None)


@dataclass(frozen=True)
class Staging:
    """The staging folder of one run (small and picklable: it travels to workers)."""

    folder: Path

    @property
    def final(self) -> Path:
        """Where publishing builds the files of the next version."""
        return self.folder / "final"

    @property
    def known_ids(self) -> Path:
        return self.folder / "known_ids.parquet"

    def write_chunk(self, group: int, n: int, chunk: pa.Table) -> str:
        """Stage the ``n``-th chunk of documents of ingest group ``group``; returns its path."""
        path = self.folder / "ingest" / f"g{group:05d}-c{n:05d}.parquet"
        write_staged(chunk, path)
        return str(path)

    def write_rows(self, table: str, chunk: str, rows: pa.Table) -> None:
        """Stage the rows ``chunk`` adds to ``table``, checked against its schema now (so
        empty batches carry real types too)."""
        write_staged(checked(rows, TABLES[table]), self.folder / "out" / table / f"{chunk}.parquet")

    def rows(self, table: str, chunk: str, columns: Sequence[str] | None = None) -> pa.Table:
        return read_staged(self.folder / "out" / table / f"{chunk}.parquet", columns)

    def write_signatures(self, chunk: str, rows: pa.Table) -> None:
        """Stage the story signatures of ``chunk``'s documents (``newsetl.stories.staged``)."""
        write_staged(rows, self.folder / "signatures" / f"{chunk}.parquet")

    def signatures(self, chunk: str) -> pa.Table | None:
        """The staged signatures of ``chunk`` (None if it has none)."""
        path = self.folder / "signatures" / f"{chunk}.parquet"
        return read_staged(path) if path.exists() else None

    def paths(self, table: str, chunks: Sequence[str]) -> list[Path]:
        """The staged files of ``table`` for ``chunks`` (for readers that scan them, e.g. DuckDB)."""
        return [self.folder / "out" / table / f"{chunk}.parquet" for chunk in chunks]

    def chunks(self, table: str) -> list[str]:
        """Names of the chunks with staged rows for ``table``, in order."""
        return sorted(p.stem for p in (self.folder / "out" / table).glob("*.parquet"))


__all__ = ["STAGED_COMPRESSION", "STAGED_LEVEL", "Staging", "read_staged", "write_staged"]
