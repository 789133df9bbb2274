"""Publishing: a run's staged chunks → one file per partition per table → the next version.

Duplicates across chunks are resolved here (the first occurrence in chunk order wins and
its derived rows travel with it). The run's documents get their stories (the story index
is extended in the same version, ``tables/stories.py``), its arrivals not recorded before
become ``sources`` rows (``tables/sources.py``), and rejects already recorded are not
recorded again. The ``entities`` rows of the entities the run mentions are updated from
running totals (``tables/entity_totals.py``; rebuilt from all mentions when stored rows
were rewritten), the ``runs`` row is added, and cross-file invariants are checked on the new version
before it is committed.
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

from newsetl.config import StorySettings, TableSettings
from newsetl.faults import checkpoint
from newsetl.ingest.records import Reject
from newsetl.plural import counted
from newsetl.tables import entity_totals
from newsetl.tables.invariants import InvariantViolation, Violation
from newsetl.tables.schemas import REJECTS, RUNS, STAGES, TABLES
from newsetl.tables.sources import new_arrivals
from newsetl.tables.staging import Staging
from newsetl.tables.store import Store
from newsetl.tables.stories import RunStories, run_stories
from newsetl.tables.writer import PartitionedWriter, WrittenFile, write_table


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
            f"{counted(c['duplicates'], 'duplicate')}, {c['rejected']} rejected; "
            f"{counted(c['sentences'], 'sentence')}, {counted(c['mentions'], 'mention')}, "
            f"{counted(c['times'], 'time')}, {counted(c['claims'], 'claim')}; "
            f"{counted(c.get('new_stories', 0), 'new story', 'new stories')} "
            f"in {self.seconds.get('total', 0.0):.1f} s"
        )


@dataclass(frozen=True)
class PublishInputs:
    run_id: str
    flow: str
    started_at: datetime
    parameters: str
    staging: Staging
    tables: tuple[str, ...]  # the tables the chunks hold rows for ("documents" first)
    chunks: list[str]  # chunk names in order
    arrivals: list[str]  # staged pieces of the `sources` table, in reading order
    rejects: list[Reject]
    files: int
    docs_in: int
    duplicates: int
    words_by_chunk: dict[str, int]
    seconds: dict[str, float]
    settings: TableSettings
    stories: StorySettings


def _losers(staging: Staging, chunks: Sequence[str]) -> tuple[dict[str, set[str]], int]:
    """Per chunk, the doc ids already taken by an earlier chunk; and how many there were."""
    seen: set[str] = set()
    losers: dict[str, set[str]] = {}
    for chunk in chunks:
        ids = staging.rows("documents", chunk, ["doc_id"]).column("doc_id").to_pylist()
        dup = {d for d in ids if d in seen}
        if dup:
            losers[chunk] = dup
        seen.update(ids)
    return losers, sum(len(v) for v in losers.values())


def consolidated(
    inputs: PublishInputs, losers: dict[str, set[str]], stories: RunStories
) -> tuple[dict[str, list[WrittenFile]], dict[str, int]]:
    """Write the run's rows as one file per partition, without ``losers`` (per chunk, the
    duplicates of an earlier chunk's documents) and with the documents' stories; returns
    files and row counts."""
    added: dict[str, list[WrittenFile]] = {}
    rows: dict[str, int] = {}
    for name in inputs.tables:
        writer = PartitionedWriter(TABLES[name], inputs.staging.final, inputs.run_id, inputs.settings)
        count = 0
        for chunk in inputs.chunks:
            batch = inputs.staging.rows(name, chunk)
            if batch.num_rows == 0:
                continue
            if chunk in losers:
                keep = pc.invert(pc.is_in(batch.column("doc_id"), pa.array(sorted(losers[chunk]))))
                batch = batch.filter(keep)
            if name == "documents":
                batch = stories.with_story_ids(batch)
            count += batch.num_rows
            writer.write(batch)
            checkpoint("publish:consolidate")
        added[name] = writer.close()
        rows[name] = count
    return added, rows


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
    return pa.table(
        {
            "source_uri": [k[0] for k in keys],
            "reason": [k[1] for k in keys],
            "detail": [k[2] for k in keys],
            "run_id": [run_id] * len(keys),
        }
    )


def _check_version(version_dir: Path, added: dict[str, list[WrittenFile]]) -> None:
    """Cross-file rules: unique doc ids; new rows point at stored documents.

    New rows are first matched against the run's own documents (a run's rows nearly always
    belong to them); only those left over are looked up in every stored document, so a
    small run does not read the whole documents table once per table.
    """
    problems: list[Violation] = []
    docs = f"{version_dir}/documents/**/*.parquet"
    own = [str(version_dir / "documents" / f.relpath) for f in added.get("documents", [])]
    with duckdb.connect() as con:
        dupes = con.sql(
            f"SELECT doc_id FROM read_parquet('{docs}') GROUP BY doc_id HAVING count(*) > 1 LIMIT 5"
        ).fetchall()
        if dupes:
            problems.append(Violation("documents", "doc_id stored twice", tuple(d[0] for d in dupes), len(dupes)))
        for name, written in added.items():
            if name == "documents" or "doc_id" not in TABLES[name].schema.names:
                continue
            files = [str(version_dir / name / f.relpath) for f in written]
            if not files:
                continue
            rows = f"SELECT DISTINCT doc_id FROM read_parquet({files!r})"
            if own:
                rows += f" EXCEPT SELECT doc_id FROM read_parquet({own!r})"
            found = (
                con.sql(
                    f"SELECT n.doc_id FROM ({rows}) n ANTI JOIN read_parquet('{docs}') d USING (doc_id) LIMIT 5"
                ).fetchall()
                if con.sql(f"{rows} LIMIT 1").fetchall()
                else []
            )
            if found:
                problems.append(Violation(name, "doc_id not in documents", tuple(o[0] for o in found), len(found)))
    if problems:
        raise InvariantViolation(problems)


def _entities(version_dir: Path, added: dict[str, list[WrittenFile]], grows: bool, stem: str, level: int) -> None:
    """Bring ``entities`` (and its totals) in ``version_dir`` up to date with its mentions."""
    mentions = [version_dir / "mentions" / f.relpath for f in added.get("mentions", [])]
    documents = [version_dir / "documents" / f.relpath for f in added.get("documents", [])]
    if (
        grows
        and entity_totals.can_update(version_dir, mentions)
        and entity_totals.update(version_dir, mentions, documents, stem, level)
    ):
        return
    entity_totals.rebuild(version_dir, stem, level)


def commit_version(
    store: Store,
    run_id: str,
    staged_root: Path,
    added: dict[str, list[WrittenFile]],
    removed: dict[str, set[str]],
    run_row: dict[str, object],
    started_at: datetime,
    seconds: dict[str, float],
    settings: TableSettings,
) -> int:
    """Check, update ``entities``, add the ``runs`` row, and publish; returns the version.

    ``run_row`` holds the run's columns except ``data_version``, ``finished_at`` and the
    seconds, which are filled in here; ``seconds`` gets ``publish`` and ``total``.
    ``entities`` is updated with the mentions in ``added`` when nothing stored was rewritten
    (``removed`` has no ``mentions`` or ``documents``), else rebuilt from all mentions.
    """
    started = time.perf_counter()
    number = store.version() + 1
    grows = not (removed.get("mentions") or removed.get("documents"))

    def before_commit(version_dir: Path) -> None:
        checkpoint("publish:check")
        _check_version(version_dir, added)
        _entities(version_dir, added, grows, f"v{number:06d}", settings.compression_level)
        checkpoint("publish:entities")
        seconds["publish"] = seconds.get("publish", 0.0) + time.perf_counter() - started
        finished = datetime.now(UTC)
        seconds["total"] = (finished - started_at).total_seconds()
        row = {
            **run_row,
            "started_at": started_at,
            "finished_at": finished,
            "data_version": number,
            **{f"seconds_{k}": seconds.get(k, 0.0) for k in (*STAGES, "total")},
        }
        write_table(RUNS, version_dir, run_id, pa.Table.from_pylist([row]), settings)

    return store.publish(run_id, staged_root, added, removed, before_commit)


def publish(store: Store, inputs: PublishInputs) -> RunSummary:
    """Consolidate a run's staged chunks and publish them with its ``runs`` row."""
    started = time.perf_counter()
    final = inputs.staging.final
    current = store.current()
    losers, dropped = _losers(inputs.staging, inputs.chunks)
    stories = run_stories(inputs.staging, inputs.chunks, losers, current, inputs.run_id, inputs.stories)
    checkpoint("publish:stories")
    added, rows = consolidated(inputs, losers, stories)
    added.update(stories.files)
    stored_sources = [current / "sources" / rel for rel in store.files("sources")] if current else []
    added["sources"] = new_arrivals(
        inputs.staging.paths("sources", inputs.arrivals),
        stored_sources,
        final,
        inputs.run_id,
        inputs.settings,
        inputs.stories.index_memory_limit,
    )
    new_rejects = _new_rejects(store, inputs.rejects, inputs.run_id)
    added["rejects"] = write_table(REJECTS, final, inputs.run_id, new_rejects, inputs.settings)
    counts = {
        "files": inputs.files,
        "docs_in": inputs.docs_in,
        "docs_new": rows["documents"],
        "duplicates": inputs.duplicates + dropped,
        "rejected": len(inputs.rejects),
        "sentences": rows["sentences"],
        "mentions": rows.get("mentions", 0),
        "times": rows.get("times", 0),
        "claims": rows.get("claims", 0),
        # Tokens of the chunks' documents, including the (rare) duplicates dropped above.
        "words": sum(inputs.words_by_chunk.values()),
        "arrivals": sum(f.rows for f in added["sources"]),
        "new_stories": len(stories.new_story_ids),
    }
    seconds = dict(inputs.seconds)
    seconds["stories"] = seconds.get("stories", 0.0) + stories.seconds
    seconds["publish"] = time.perf_counter() - started - stories.seconds
    run_row = {"run_id": inputs.run_id, "flow": inputs.flow, "parameters": inputs.parameters, **counts}
    version = commit_version(
        store, inputs.run_id, final, added, {}, run_row, inputs.started_at, seconds, inputs.settings
    )
    return RunSummary(inputs.run_id, version, counts, seconds)
