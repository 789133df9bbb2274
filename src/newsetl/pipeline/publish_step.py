"""Publish step: staged chunks → one file per partition per table → the next version.

Duplicates across chunks are resolved here (the first occurrence in chunk order wins and
its derived rows travel with it). Rejects already recorded are not recorded again. The
``entities`` table is rebuilt from all mentions of the new version, the ``runs`` row is
added, and cross-file invariants are checked on the new version before it is committed.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsetl.config import Settings
from newsetl.ingest.records import Reject
from newsetl.pipeline.invariants import InvariantViolation, Violation
from newsetl.tables.schemas import ENTITIES, REJECTS, RUNS, TABLES
from newsetl.tables.store import Store
from newsetl.tables.writer import PartitionedWriter, WrittenFile, write_table

DERIVED = ("documents", "sentences", "mentions", "claims", "extractions")


@dataclass(frozen=True)
class RunSummary:
    run_id: str
    data_version: int
    counts: dict[str, int]
    seconds: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        c = self.counts
        return (
            f"run {self.run_id}: {c['docs_in']} processed, {c['docs_new']} new, "
            f"{c['duplicates']} duplicates, {c['rejected']} rejected; "
            f"{c['sentences']} sentences, {c['mentions']} mentions, {c['claims']} claims "
            f"in {self.seconds.get('total', 0.0):.1f} s"
        )


@dataclass(frozen=True)
class PublishInputs:
    run_id: str
    flow: str
    started_at: datetime
    parameters: str
    staging: Path
    chunks: list[str]  # chunk names in order
    rejects: list[Reject]
    files: int
    docs_in: int
    duplicates: int
    words_by_chunk: dict[str, int]
    seconds: dict[str, float]
    settings: Settings


def _losers(staging: Path, chunks: Sequence[str]) -> tuple[dict[str, set[str]], int]:
    """Per chunk, the doc ids already taken by an earlier chunk; and how many there were."""
    seen: set[str] = set()
    losers: dict[str, set[str]] = {}
    for chunk in chunks:
        path = staging / "out" / "documents" / f"{chunk}.parquet"
        ids = pq.read_table(path, columns=["doc_id"]).column("doc_id").to_pylist()
        dup = {d for d in ids if d in seen}
        if dup:
            losers[chunk] = dup
        seen.update(ids)
    return losers, sum(len(v) for v in losers.values())


def consolidated(inputs: PublishInputs, final: Path) -> tuple[dict[str, list[WrittenFile]], dict[str, int], int]:
    """Write the run's rows as one file per partition; returns files, row counts, dropped duplicates."""
    losers, dropped = _losers(inputs.staging, inputs.chunks)
    tables = inputs.settings.tables
    added: dict[str, list[WrittenFile]] = {}
    rows: dict[str, int] = {}
    for name in DERIVED:
        writer = PartitionedWriter(TABLES[name], final, inputs.run_id, tables.writer_buffer_bytes, tables.compression_level)
        count = 0
        for chunk in inputs.chunks:
            batch = pq.read_table(inputs.staging / "out" / name / f"{chunk}.parquet")
            if chunk in losers:
                keep = pc.invert(pc.is_in(batch.column("doc_id"), pa.array(sorted(losers[chunk]))))
                batch = batch.filter(keep)
            count += batch.num_rows
            writer.write(batch)
        added[name] = writer.close()
        rows[name] = count
    return added, rows, dropped


def _new_rejects(store: Store, rejects: Sequence[Reject], run_id: str) -> pa.Table:
    current = store.current()
    known: set[tuple[str, str, str]] = set()
    if current is not None:
        for rel in store.files("rejects"):
            t = pq.read_table(current / "rejects" / rel, columns=["source_uri", "reason", "detail"])
            known.update(zip(*(t.column(c).to_pylist() for c in ("source_uri", "reason", "detail")), strict=True))
    fresh: dict[tuple[str, str, str], None] = {}
    for r in rejects:
        key = (r.source_uri, r.reason, r.detail)
        if key not in known:
            fresh[key] = None
    keys = list(fresh)
    return pa.table({
        "source_uri": [k[0] for k in keys],
        "reason": [k[1] for k in keys],
        "detail": [k[2] for k in keys],
        "run_id": [run_id] * len(keys),
    })


def rebuild_entities(version_dir: Path, stem: str) -> pa.Table:
    """One row per entity over all mentions of a version (name: its longest base form)."""
    mentions = f"{version_dir}/mentions/**/*.parquet"
    documents = f"{version_dir}/documents/**/*.parquet"
    sql = f"""
        WITH m AS (SELECT doc_id, entity_id, label, lemma FROM read_parquet('{mentions}', hive_partitioning = true)),
             d AS (SELECT doc_id, published FROM read_parquet('{documents}', hive_partitioning = true)),
             names AS (
                 SELECT entity_id, lemma, count(*) AS n FROM m GROUP BY entity_id, lemma
             ),
             best AS (
                 SELECT entity_id, arg_max(lemma, [length(lemma), n]) AS name FROM names GROUP BY entity_id
             )
        SELECT m.entity_id, min(m.label) AS label, any_value(best.name) AS name,
               count(DISTINCT m.doc_id) AS doc_count, count(*) AS mention_count,
               min(d.published) AS first_seen, max(d.published) AS last_seen
        FROM m JOIN best USING (entity_id) LEFT JOIN d USING (doc_id)
        GROUP BY m.entity_id ORDER BY m.entity_id
    """
    with duckdb.connect() as con:
        table = con.sql(sql).to_arrow_table()
    _ = stem
    return table.cast(ENTITIES.schema)


def _check_version(version_dir: Path, added: dict[str, list[WrittenFile]]) -> None:
    """Cross-file rules: unique doc ids; new rows point at stored documents."""
    problems: list[Violation] = []
    docs = f"{version_dir}/documents/**/*.parquet"
    with duckdb.connect() as con:
        dupes = con.sql(
            f"SELECT doc_id FROM read_parquet('{docs}') GROUP BY doc_id HAVING count(*) > 1 LIMIT 5"
        ).fetchall()
        if dupes:
            problems.append(Violation("documents", "doc_id stored twice", tuple(d[0] for d in dupes), len(dupes)))
        for name in ("sentences", "mentions", "claims", "extractions"):
            files = [str(version_dir / name / f.relpath) for f in added.get(name, [])]
            if not files:
                continue
            orphans = con.sql(
                f"SELECT DISTINCT n.doc_id FROM read_parquet({files!r}) n "
                f"ANTI JOIN read_parquet('{docs}') d USING (doc_id) LIMIT 5"
            ).fetchall()
            if orphans:
                problems.append(Violation(name, "doc_id not in documents", tuple(o[0] for o in orphans), len(orphans)))
    if problems:
        raise InvariantViolation(problems)


def publish(store: Store, inputs: PublishInputs) -> RunSummary:
    started = time.perf_counter()
    final = inputs.staging / "final"
    added, rows, dropped = consolidated(inputs, final)
    rejects = _new_rejects(store, inputs.rejects, inputs.run_id)
    added["rejects"] = write_table(REJECTS, final, inputs.run_id, rejects)
    old_entities = set(store.files("entities"))
    words = sum(inputs.words_by_chunk.values())  # includes dropped duplicates' words: negligible, documented
    counts = {
        "files": inputs.files,
        "docs_in": inputs.docs_in,
        "docs_new": rows["documents"],
        "duplicates": inputs.duplicates + dropped,
        "rejected": len(inputs.rejects),
        "sentences": rows["sentences"],
        "mentions": rows["mentions"],
        "claims": rows["claims"],
        "words": words,
    }
    seconds = dict(inputs.seconds)
    number = store.version() + 1

    def before_commit(version_dir: Path) -> None:
        _check_version(version_dir, added)
        entities = rebuild_entities(version_dir, inputs.run_id)
        for f in write_table(ENTITIES, version_dir, f"v{number:06d}", entities):
            _ = f
        seconds["publish"] = time.perf_counter() - started
        finished = datetime.now(UTC)
        seconds["total"] = (finished - inputs.started_at).total_seconds()
        run_row = {
            "run_id": inputs.run_id,
            "flow": inputs.flow,
            "started_at": inputs.started_at,
            "finished_at": finished,
            "parameters": inputs.parameters,
            "data_version": number,
            **counts,
            **{f"seconds_{k}": v for k, v in seconds.items()},
        }
        write_table(RUNS, version_dir, inputs.run_id, pa.Table.from_pylist([run_row]))

    published = store.publish(inputs.run_id, final, added, {"entities": old_entities}, before_commit)
    return RunSummary(inputs.run_id, published, counts, seconds)
