"""Reprocessing: redo extraction for stored documents without ingesting them again.

A document is stale when the ``extractions`` table says a version of one of the registered
extractors (:mod:`newsetl.extract.extractors`) other than the current one processed it
(or, on request, always). Stale documents are read back from the ``documents`` table
(text, language, offset map), extracted again in chunks, and every partition they touch in
``sentences``, the extractors' tables and ``extractions`` is rewritten without their old
rows and with the new ones — one file per partition — then published as a new version.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Mapping
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsetl.config import TableSettings
from newsetl.extract.batch import derived_tables, extracted
from newsetl.extract.models import Models
from newsetl.ingest.documents import CHUNK_SCHEMA
from newsetl.tables.schemas import PARTITION, TABLES
from newsetl.tables.staging import Staging
from newsetl.tables.store import Store
from newsetl.tables.writer import PartitionedWriter, WrittenFile, partition_dir


def stale_doc_ids(version_dir: Path, current: Mapping[str, str], everything: bool = False) -> list[str]:
    """Documents some stage of which was extracted by another version than ``current``
    (stage -> version), sorted."""
    docs = f"{version_dir}/documents/**/*.parquet"
    if everything:
        sql = f"SELECT doc_id FROM read_parquet('{docs}') ORDER BY doc_id"
        return _column(sql)
    extractions = f"{version_dir}/extractions/**/*.parquet"
    pairs = " OR ".join(
        f"(e.stage = '{stage}' AND e.extractor_version = '{version}')" for stage, version in sorted(current.items())
    )
    sql = f"""
        SELECT d.doc_id FROM read_parquet('{docs}') d
        LEFT JOIN (SELECT doc_id, count(*) AS n FROM read_parquet('{extractions}') e WHERE {pairs} GROUP BY doc_id) ok
        USING (doc_id)
        WHERE coalesce(ok.n, 0) < {len(current)}
        ORDER BY d.doc_id
    """
    return _column(sql)


def _column(sql: str) -> list[str]:
    with duckdb.connect() as con:
        return [str(row[0]) for row in con.execute(sql).fetchall()]


def stored_chunks(version_dir: Path, doc_ids: list[str], chunk_docs: int) -> Iterator[pa.Table]:
    """The stored documents, as ingest-stage chunks (text, language, offset map, day)."""
    docs = f"{version_dir}/documents/**/*.parquet"
    columns = ", ".join(f'"{name}"' for name in CHUNK_SCHEMA.names)
    with duckdb.connect() as con:
        for start in range(0, len(doc_ids), chunk_docs):
            ids = doc_ids[start : start + chunk_docs]
            table: pa.Table = con.sql(
                f"SELECT {columns} FROM read_parquet('{docs}', hive_partitioning = true, "
                f"hive_types = {{'{PARTITION}': DATE}}) "
                "WHERE doc_id IN (SELECT unnest($ids)) ORDER BY doc_id",
                params={"ids": ids},
            ).to_arrow_table()
            yield table.cast(CHUNK_SCHEMA)


def reprocessed(
    store: Store,
    staging: Staging,
    run_id: str,
    models: Models,
    current_versions: Mapping[str, str],
    everything: bool,
    chunk_docs: int,
    settings: TableSettings,
) -> tuple[dict[str, list[WrittenFile]], dict[str, set[str]], dict[str, int]]:
    """Stage the rewritten partitions; returns (added, removed, counts) for ``Store.publish``."""
    version_dir = store.current()
    if version_dir is None:
        return {}, {}, {"documents": 0}
    doc_ids = stale_doc_ids(version_dir, current_versions, everything)
    if not doc_ids:
        return {}, {}, {"documents": 0}
    rewritten = [table for table in derived_tables() if table != "documents"]
    days: set[object] = set()
    for n, chunk in enumerate(stored_chunks(version_dir, doc_ids, chunk_docs)):
        result = extracted(chunk, models, run_id)
        days.update(chunk.column(PARTITION).to_pylist())
        for table in rewritten:
            staging.write_rows(table, f"c{n:05d}", result.tables[table])
    folders = {partition_dir(day) for day in days}
    gone = pa.array(doc_ids)
    added: dict[str, list[WrittenFile]] = {}
    removed: dict[str, set[str]] = defaultdict(set)
    counts = {"documents": len(doc_ids)}
    for table in rewritten:
        spec = TABLES[table]
        writer = PartitionedWriter(spec, staging.final, run_id, settings)
        for rel in store.files(table):
            folder = str(Path(rel).parent)
            if folder not in folders:
                continue
            removed[table].add(rel)
            old = pq.read_table(version_dir / table / rel, schema=spec.file_schema)
            writer.write_partition(folder, old.filter(pc.invert(pc.is_in(old.column("doc_id"), gone))))
        new_rows = 0
        for chunk in staging.chunks(table):
            batch = staging.rows(table, chunk)
            new_rows += batch.num_rows
            writer.write(batch)
        added[table] = writer.close()
        counts[table] = new_rows
    return added, dict(removed), counts
