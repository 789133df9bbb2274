"""Compaction: rewrite partitions held in several files as one file each, rows unchanged.

Every run adds at most one file per partition, so a partition touched by many runs
accumulates files; DuckDB then opens more files than it needs. Compaction merges each
such partition into one file (rows ordered by the table's key, so the result does not
depend on which runs wrote what) and publishes the change as a new version, like a run.

The story index (``story_docs``, ``story_bands``) is merged by
:func:`newsetl.stories.compact_index` instead: its files are sorted by their lookup key
and written with the encodings and row groups that keep lookups fast, which the generic
rewrite would lose. So are the entity totals (``entity_terms``, ``entity_stories``), by
:func:`newsetl.tables.entity_totals.compact_totals`, which also sums the counts the runs'
files hold for one key. (``entities`` keeps one file per bucket folder: nothing to merge.)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.config import StorySettings, TableSettings
from newsetl.stories import INDEX_TABLES, compact_index
from newsetl.tables.entity_totals import compact_totals
from newsetl.tables.schemas import ENTITY_STORIES, ENTITY_TERMS, PARTITION, TABLES
from newsetl.tables.store import Store
from newsetl.tables.writer import PartitionedWriter, WrittenFile


@dataclass(frozen=True)
class CompactionReport:
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


def merge_partitions(
    store: Store,
    run_id: str,
    tables: Sequence[str] | None,
    settings: TableSettings,
    stories: StorySettings | None = None,
) -> CompactionReport:
    """Merge multi-file partitions of ``tables`` (None: all) and publish the result as a new
    version. Call while holding the lock."""
    names = list(tables or TABLES)
    unknown = [t for t in names if t not in TABLES]
    if unknown:
        raise ValueError(f"unknown tables {unknown}; known: {sorted(TABLES)}")
    current = store.current()
    if current is None:
        return CompactionReport(0, 0, 0, 0, 0)
    index = {spec.name for spec in INDEX_TABLES}
    totals = {ENTITY_TERMS.name, ENTITY_STORIES.name}
    plan = partitions_to_compact(store, [t for t in names if t not in index | totals])
    staged = store.staging_dir(run_id) / "final"
    added: dict[str, list[WrittenFile]] = {}
    removed: dict[str, set[str]] = {}
    before = rows = 0
    index_added, index_removed = compact_index(
        current, staged, run_id, settings.compression_level, [t for t in names if t in index]
    )
    totals_added, totals_removed = compact_totals(
        current,
        staged,
        run_id,
        settings.compression_level,
        (stories or StorySettings()).index_memory_limit,
        [t for t in names if t in totals],
    )
    index_added.update(totals_added)
    index_removed.update(totals_removed)
    for table, written in index_added.items():
        added[table] = written
        removed[table] = index_removed[table]
        before += len(index_removed[table])
        rows += sum(f.rows for f in written)
    for table, groups in plan.items():
        spec = TABLES[table]
        sort_keys = [(k, "ascending") for k in spec.key if k != PARTITION]
        writer = PartitionedWriter(spec, staged, f"c{run_id}", settings)
        for folder, files in sorted(groups.items()):
            merged = pa.concat_tables(
                [pq.read_table(current / table / rel, schema=spec.file_schema) for rel in files]
            ).sort_by(sort_keys)
            writer.write_partition(folder if folder != "." else "", merged)
            removed.setdefault(table, set()).update(files)
            before += len(files)
            rows += merged.num_rows
        added[table] = writer.close()
    partitions = sum(len(files) for files in added.values())
    if not partitions:
        return CompactionReport(store.version(), 0, 0, 0, 0)
    version = store.publish(run_id, staged, added, removed)
    return CompactionReport(version, partitions, before, partitions, rows)
