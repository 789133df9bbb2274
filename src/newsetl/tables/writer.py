"""The one writer: Arrow batches in, one Parquet file per partition out.

``PartitionedWriter`` checks every batch against its table's schema, splits it by
partition, and buffers rows up to a memory budget. Within budget, each partition becomes
exactly one file at ``close()``. Over budget, buffered rows are spilled to temporary
files and merged row group by row group at ``close()`` — so memory stays bounded by the
budget however large the run, and a run still leaves one file per partition.
"""

from __future__ import annotations

import itertools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsetl.config import TableSettings
from newsetl.tables.schemas import PARTITION, TableSpec, checked
from newsetl.tables.staging import write_staged

NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


@dataclass(frozen=True, slots=True)
class WrittenFile:
    relpath: str  # inside the table directory, e.g. "day=2024-11-27/part-r1.parquet"
    rows: int
    bytes: int


def partition_dir(day: object) -> str:
    """Folder name of a partition value (a date or None)."""
    return f"{PARTITION}={NULL_PARTITION if day is None else day}"


def fsync_path(path: Path) -> None:
    """Flush a file's or a folder's entries to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class PartitionedWriter:
    """Write one table's rows under ``root/<table>/`` as ``[day=…/]part-<stem>.parquet``."""

    def __init__(
        self,
        spec: TableSpec,
        root: Path,
        stem: str,
        settings: TableSettings,
    ) -> None:
        self.spec = spec
        self.dir = root / spec.name
        self._stem = stem
        self._budget = settings.writer_buffer_bytes
        self._level = settings.compression_level
        self._buffers: dict[str, list[pa.Table]] = {}
        self._buffered = 0
        self._spills: dict[str, list[Path]] = {}
        self._spill_dir = root / f".spill-{spec.name}-{stem}"
        self._spill_count = 0

    def write(self, table: pa.Table) -> None:
        """Add rows of any partitions (the partition column included)."""
        if table.num_rows == 0:
            return
        table = checked(table, self.spec)
        for folder, part in self._split(table):
            self._buffer(folder, part)

    def write_partition(self, folder: str, table: pa.Table) -> None:
        """Add rows of one partition, stored as in its files (no partition column): rows read
        back from a partition ``folder`` (``day=…``; "" for a table without partitions)."""
        if table.num_rows:
            self._buffer(folder, table.select(self.spec.file_schema.names).cast(self.spec.file_schema))

    def _buffer(self, folder: str, part: pa.Table) -> None:
        self._buffers.setdefault(folder, []).append(part)
        self._buffered += part.nbytes
        if self._buffered > self._budget:
            self._spill()

    def _split(self, table: pa.Table) -> list[tuple[str, pa.Table]]:
        if not self.spec.partitioned:
            return [("", table)]
        days = table.column(PARTITION)
        if pc.min_max(days)["min"] == pc.min_max(days)["max"] and days.null_count in (0, len(days)):
            return [(partition_dir(days[0].as_py()), table.drop_columns([PARTITION]))]
        table = table.sort_by([(PARTITION, "ascending")])  # NULL days sort last
        as_int = table.column(PARTITION).cast(pa.int32()).fill_null(np.iinfo(np.int32).max)
        values = as_int.to_numpy()
        cuts = np.flatnonzero(values[1:] != values[:-1]) + 1
        bounds = [0, *cuts.tolist(), len(values)]
        body = table.drop_columns([PARTITION])
        column = table.column(PARTITION)
        return [(partition_dir(column[lo].as_py()), body.slice(lo, hi - lo)) for lo, hi in itertools.pairwise(bounds)]

    def _spill(self) -> None:
        self._spill_dir.mkdir(parents=True, exist_ok=True)
        for folder, parts in self._buffers.items():
            self._spill_count += 1
            path = self._spill_dir / f"{self._spill_count:06d}.parquet"
            write_staged(pa.concat_tables(parts), path)
            self._spills.setdefault(folder, []).append(path)
        self._buffers.clear()
        self._buffered = 0

    def close(self) -> list[WrittenFile]:
        """Write every partition's file (fsynced) and return what was written."""
        written: list[WrittenFile] = []
        for folder in sorted(set(self._buffers) | set(self._spills)):
            relpath = f"{folder}/part-{self._stem}.parquet" if folder else f"part-{self._stem}.parquet"
            target = self.dir / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            rows = 0
            with pq.ParquetWriter(
                target, self.spec.file_schema, compression="zstd", compression_level=self._level
            ) as out:
                for spill in self._spills.get(folder, []):
                    for batch in pq.ParquetFile(spill).iter_batches(batch_size=65536):
                        out.write_batch(batch)
                        rows += batch.num_rows
                parts = self._buffers.get(folder)
                if parts:
                    merged = pa.concat_tables(parts)
                    out.write_table(merged, row_group_size=1 << 20)
                    rows += merged.num_rows
            fsync_path(target)
            written.append(WrittenFile(relpath, rows, target.stat().st_size))
        self._buffers.clear()
        self._spills.clear()
        shutil.rmtree(self._spill_dir, ignore_errors=True)
        return written


def write_table(spec: TableSpec, root: Path, stem: str, table: pa.Table, settings: TableSettings) -> list[WrittenFile]:
    """Write one whole table batch (small tables: runs, rejects, entities)."""
    writer = PartitionedWriter(spec, root, stem, settings)
    writer.write(table)
    return writer.close()
