"""The ``sources`` table at publish: a run's arrivals, less those already recorded.

An arrival is keyed by ``(doc_id, source_uri)``: the same text from the same place. The
same file delivered again (same path, same content) adds nothing; a second outlet's copy
of a stored text (another file or record) adds a row; a record whose text changed is a
new document, so a new arrival. Within a run the first arrival of a key in reading order
wins (files sorted by path, records in file order).

DuckDB does the work over the staged pieces and the stored ``sources`` files (an
anti-join on the key, reading only those two columns of the stored table), spilling to
the run's staging folder if needed, and streams the new rows to the partitioned writer,
sorted by ``(day, doc_id, source_uri)`` so the files do not depend on how ingest was batched.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow as pa

from newsetl.config import TableSettings
from newsetl.tables.schemas import PARTITION, SOURCES
from newsetl.tables.writer import PartitionedWriter, WrittenFile

_BATCH_ROWS = 65_536


def _connect(temp_dir: Path, memory_limit: str) -> duckdb.DuckDBPyConnection:
    temp_dir.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(
        config={"threads": 1, "memory_limit": memory_limit, "temp_directory": str(temp_dir / "duckdb")}
    )


def _write(
    con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, object], writer: PartitionedWriter
) -> list[WrittenFile]:
    reader = con.sql(sql, params=params).to_arrow_reader(_BATCH_ROWS)
    for batch in reader:
        writer.write(pa.Table.from_batches([batch]))
    return writer.close()


def new_arrivals(
    pieces: Sequence[Path],
    stored: Sequence[Path],
    final: Path,
    run_id: str,
    settings: TableSettings,
    memory_limit: str,
) -> list[WrittenFile]:
    """Write the arrivals in ``pieces`` (staged, in reading order) not in ``stored`` (the
    current version's ``sources`` files) under ``final/sources/``."""
    writer = PartitionedWriter(SOURCES, final, run_id, settings)
    existing = [str(p) for p in pieces if p.exists()]
    if not existing:
        return writer.close()
    columns = ", ".join(f'"{name}"' for name in SOURCES.schema.names)
    known = (
        "AND NOT EXISTS (SELECT 1 FROM read_parquet($stored, hive_partitioning = false) s "
        "WHERE s.doc_id = a.doc_id AND s.source_uri = a.source_uri)"
        if stored
        else ""
    )
    sql = f"""
        SELECT {columns} FROM (
            SELECT *, row_number() OVER (
                PARTITION BY doc_id, source_uri ORDER BY filename, file_row_number
            ) AS nth
            FROM read_parquet($pieces, filename = true, file_row_number = true, hive_partitioning = false)
        ) a
        WHERE nth = 1 {known}
        ORDER BY "{PARTITION}" NULLS LAST, doc_id, source_uri
    """
    params: dict[str, object] = {"pieces": existing}
    if stored:
        params["stored"] = [str(p) for p in stored]
    with _connect(final.parent, memory_limit) as con:
        return _write(con, sql, params, writer)


def backfilled_arrivals(
    documents: Sequence[Path],
    stored: Sequence[Path],
    final: Path,
    run_id: str,
    settings: TableSettings,
    memory_limit: str,
) -> list[WrittenFile]:
    """One arrival for each stored document without any (data stored before ``sources``
    existed): the document's own fields, its ``lang`` only where the input gave it."""
    writer = PartitionedWriter(SOURCES, final, run_id, settings)
    if not documents:
        return writer.close()
    known = (
        "WHERE NOT EXISTS (SELECT 1 FROM read_parquet($stored, hive_partitioning = false) s WHERE s.doc_id = d.doc_id)"
        if stored
        else ""
    )
    sql = f"""
        SELECT doc_id, source_uri, ext_id, title, url, source, published,
               CASE WHEN lang_detected THEN NULL ELSE lang END AS lang, encoding, raw_sha256, repaired,
               $run_id AS run_id, "{PARTITION}"
        FROM read_parquet($documents, hive_partitioning = true, hive_types = {{'{PARTITION}': DATE}},
                          union_by_name = true) d
        {known}
        ORDER BY "{PARTITION}" NULLS LAST, doc_id
    """
    params: dict[str, object] = {"documents": [str(p) for p in documents], "run_id": run_id}
    if stored:
        params["stored"] = [str(p) for p in stored]
    with _connect(final.parent, memory_limit) as con:
        return _write(con, sql, params, writer)
