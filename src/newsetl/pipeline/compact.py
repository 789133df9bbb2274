"""Compaction: rewrite partitions held in several files as one file each, rows unchanged.

Every run adds at most one file per partition, so a partition touched by many runs
accumulates files; DuckDB then opens more files than it needs. Compaction merges each
such partition into one file (rows ordered by the table's key, so the result does not
depend on which runs wrote what) and publishes the change as a new version, like a run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.tables.schemas import PARTITION, TABLES
from newsetl.tables.store import Store
from newsetl.tables.writer import WrittenFile


@dataclass(frozen=True)
class CompactReport:
    data_version: int
    partitions: int  # partitions rewritten
    files_before: int
    files_after: int
    rows: int


def partitions_to_compact(store: Store, tables: Sequence[str]) -> dict[str, dict[str, list[str]]]:
    """Per table, partition folder → its files, for partitions with more than one file."""
    found: dict[str, dict[str, list[str]]] = {}
    for table in tables:
        groups: dict[str, list[str]] = defaultdict(list)
        for rel in store.files(table):
            groups[str(Path(rel).parent)].append(rel)
        many = {folder: files for folder, files in groups.items() if len(files) > 1}
        if many:
            found[table] = many
    return found


def compact(
    store: Store, run_id: str, tables: Sequence[str] | None = None, compression_level: int = 3
) -> CompactReport:
    """Merge multi-file partitions of ``tables`` (default: all). Call while holding the lock."""
    names = list(tables or TABLES)
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise ValueError(f"unknown tables {unknown}; known: {sorted(TABLES)}")
    current = store.current()
    if current is None:
        return CompactReport(0, 0, 0, 0, 0)
    plan = partitions_to_compact(store, names)
    staged = store.staging_dir(run_id) / "final"
    added: dict[str, list[WrittenFile]] = {}
    removed: dict[str, set[str]] = {}
    before = after = rows = partitions = 0
    for table, groups in plan.items():
        spec = TABLES[table]
        sort_keys = [(k, "ascending") for k in spec.key if k != PARTITION]
        for folder, files in sorted(groups.items()):
            merged = pa.concat_tables(
                [pq.read_table(current / table / rel, schema=spec.file_schema) for rel in files]
            ).sort_by(sort_keys)
            rel = f"{folder}/part-c{run_id}.parquet" if folder != "." else f"part-c{run_id}.parquet"
            target = staged / table / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(
                merged, target, compression="zstd", compression_level=compression_level, row_group_size=1 << 20
            )
            added.setdefault(table, []).append(WrittenFile(rel, merged.num_rows, target.stat().st_size))
            removed.setdefault(table, set()).update(files)
            before += len(files)
            after += 1
            rows += merged.num_rows
            partitions += 1
    if not partitions:
        return CompactReport(store.version(), 0, 0, 0, 0)
    version = store.publish(run_id, staged, added, removed)
    return CompactReport(version, partitions, before, after, rows)
