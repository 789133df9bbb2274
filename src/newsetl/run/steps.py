"""The steps of a run over a :class:`~newsetl.run.context.RunContext`: thin glue that calls
each stage's code and moves its output through the staging folder.

Which steps run, in which order and over which batches is declared in
:mod:`newsetl.run.definitions`; this module only says what each step does. Ordering is
deterministic: files are read in sorted order, chunks are named by their position, and
when the same text arrives twice the first occurrence in that order wins.
"""

from __future__ import annotations

import json
import math
import time
from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa

from newsetl.extract.batch import derived_tables, extracted
from newsetl.extract.extractors import EXTRACTORS
from newsetl.extract.models import shared_models
from newsetl.faults import checkpoint
from newsetl.ingest.arrivals import ArrivalLog
from newsetl.ingest.discover import InputFile, input_files
from newsetl.ingest.documents import IngestTally, ingested_chunks
from newsetl.ingest.known import KnownIds, stored_ids
from newsetl.ingest.records import Reject
from newsetl.run.backfill import backfilled
from newsetl.run.context import ExtractReport, IngestReport, Plan, RunContext
from newsetl.run.engine import Batch, Workload
from newsetl.run.reprocess import reprocessed
from newsetl.stories import story_signatures
from newsetl.stories.staged import signature_rows
from newsetl.tables.compaction import CompactionReport, merge_partitions
from newsetl.tables.invariants import InvariantViolation, violations_in
from newsetl.tables.publish import PublishInputs, RunSummary, commit_version, publish
from newsetl.tables.schemas import STAGES
from newsetl.tables.staging import read_staged

# --- the run ------------------------------------------------------------------------------


def plan_run(ctx: RunContext, paths: Sequence[str], rejects: Sequence[Reject] = ()) -> Plan:
    """Discover the input files, group them for ingest, and record the stored ids.

    ``rejects``: inputs refused before the run (the inbox's unreadable files), published
    with the run's own.
    """
    files, found_rejects = input_files([str(p) for p in paths], ctx.settings.ingest.follow_symlinks_inside)
    store = ctx.store
    current = store.current()
    known = stored_ids(current / "documents", store.files("documents")) if current else KnownIds.of([])
    known.save(ctx.staging.known_ids)
    return Plan(_groups(files, ctx.settings.ingest.batch_chars * 4), [*found_rejects, *rejects])


def _groups(files: list[InputFile], target_bytes: int) -> list[list[InputFile]]:
    groups: list[list[InputFile]] = []
    size = 0
    for item in files:
        if not groups or size >= target_bytes:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += item.size
    return groups


def workload_of(ctx: RunContext, plan: Plan) -> Workload:
    """The run's size after discovery (:func:`workload_of_files`)."""
    return workload_of_files([f for group in plan.groups for f in group], ctx.settings.ingest.batch_chars)


def workload_of_files(files: Sequence[InputFile], batch_chars: int) -> Workload:
    """The input bytes of ``files``, and the extract batches estimated from them
    (``batch_chars`` per batch; smaller documents make more batches)."""
    size = sum(f.size for f in files)
    return Workload(size, math.ceil(size / batch_chars))


def ingest_batches(ctx: RunContext, plan: Plan) -> list[Batch]:
    """One ingest batch per group of files."""
    return [Batch(f"g{i}", (ctx, i, group)) for i, group in enumerate(plan.groups)]


def ingest_group(ctx: RunContext, group: int, files: Sequence[InputFile]) -> IngestReport:
    """Read, normalize and de-duplicate one group of files into staged chunks."""
    known = KnownIds.load(ctx.staging.known_ids)
    tally = IngestTally()
    chunks: list[str] = []
    pieces: list[str] = []

    def stage_arrivals(rows: pa.Table) -> None:
        pieces.append(f"g{group:05d}-a{len(pieces):05d}")
        ctx.staging.write_rows("sources", pieces[-1], rows)

    arrivals = ArrivalLog(ctx.run_id, stage_arrivals)
    for n, chunk in enumerate(ingested_chunks(files, ctx.settings.ingest, known, tally, arrivals)):
        chunks.append(ctx.staging.write_chunk(group, n, chunk))
        checkpoint("ingest:chunk")
    arrivals.close()
    seconds = {"ingest": tally.seconds_ingest, "normalize": tally.seconds_normalize}
    return IngestReport(
        group,
        chunks,
        tally.files,
        tally.records,
        tally.duplicates,
        tally.bad_published,
        tally.rejects,
        seconds,
        pieces,
    )


def extract_batches(ctx: RunContext, report: IngestReport) -> list[Batch]:
    """One extract batch per chunk an ingest batch staged."""
    return [Batch(Path(chunk).stem, (ctx, chunk)) for chunk in report.chunks]


def extract_chunk(ctx: RunContext, chunk_path: str) -> ExtractReport:
    """Language, segments and every extractor's rows of one staged chunk, staged per table."""
    models = shared_models(ctx.model_spec)
    chunk = read_staged(Path(chunk_path))
    checkpoint("extract:start")
    result = extracted(chunk, models, ctx.run_id)
    problems = violations_in(result.tables)
    if problems:
        raise InvariantViolation(problems)
    name = Path(chunk_path).stem
    started = time.perf_counter()
    # Story signatures are pure and per document: computed here, in parallel with the
    # other chunks, for exactly the documents rows staged; the stories themselves are
    # decided at publish, under the lock.
    documents = result.tables["documents"]
    signatures = story_signatures(documents.column("text").to_pylist())
    staged = signature_rows(documents.column("doc_id").to_pylist(), signatures, documents.column("day").to_pylist())
    ctx.staging.write_signatures(name, staged)
    seconds_stories = time.perf_counter() - started
    started = time.perf_counter()
    for table, rows in result.tables.items():
        ctx.staging.write_rows(table, name, rows)
        checkpoint("extract:wrote")
    seconds = dict(result.seconds)
    seconds["stories"] = seconds.get("stories", 0.0) + seconds_stories
    seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - started
    return ExtractReport(chunk_path, {t: r.num_rows for t, r in result.tables.items()}, result.words, seconds)


def _summed(reports: Sequence[IngestReport | ExtractReport]) -> dict[str, float]:
    seconds = dict.fromkeys(STAGES, 0.0)
    for report in reports:
        for k, v in report.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + v
    return seconds


def publish_run(
    ctx: RunContext, plan: Plan, ingests: Sequence[IngestReport], extracts: Sequence[ExtractReport]
) -> RunSummary:
    """Consolidate the staged rows, check them, and publish them as the next version."""
    rejects = list(plan.rejects) + [r for report in ingests for r in report.rejects]
    inputs = PublishInputs(
        run_id=ctx.run_id,
        flow=ctx.flow,
        started_at=ctx.started_at,
        parameters=json.dumps(ctx.parameters, default=str, sort_keys=True),
        staging=ctx.staging,
        tables=derived_tables(),
        chunks=sorted(Path(e.chunk).stem for e in extracts),
        arrivals=sorted(piece for r in ingests for piece in r.arrivals),
        rejects=rejects,
        files=sum(r.files for r in ingests),
        docs_in=sum(r.records for r in ingests),
        duplicates=sum(r.duplicates for r in ingests),
        words_by_chunk={Path(e.chunk).stem: e.words for e in extracts},
        seconds=_summed([*ingests, *extracts]),
        settings=ctx.settings.tables,
        stories=ctx.settings.stories,
    )
    return publish(ctx.store, inputs)


# --- maintenance ----------------------------------------------------------------------------


def reprocess_stale(ctx: RunContext, everything: bool) -> RunSummary:
    """Re-extract stored documents done by other extractor versions (all of them if
    ``everything``), give stories and ``sources`` rows to documents stored before they
    existed, and publish the rewritten partitions."""
    models = shared_models(ctx.model_spec)
    started = time.perf_counter()
    store = ctx.store
    added, removed, counts = reprocessed(
        store,
        ctx.staging,
        ctx.run_id,
        models,
        EXTRACTORS.versions(models),
        everything,
        ctx.settings.ingest.batch_docs,
        ctx.settings.tables,
    )
    seconds = dict.fromkeys(STAGES, 0.0)
    seconds["entities"] = time.perf_counter() - started
    started = time.perf_counter()
    backfill = backfilled(store, ctx.staging, ctx.run_id, ctx.settings.stories, ctx.settings.tables)
    seconds["stories"] = time.perf_counter() - started
    added.update(backfill.added)
    removed.update(backfill.removed)
    totals = {
        "files": 0,
        "docs_in": counts.get("documents", 0),
        "docs_new": 0,
        "duplicates": 0,
        "rejected": 0,
        "sentences": counts.get("sentences", 0),
        "mentions": counts.get("mentions", 0),
        "times": counts.get("times", 0),
        "claims": counts.get("claims", 0),
        "words": 0,
        "arrivals": backfill.arrivals,
        "new_stories": backfill.new_stories,
    }
    if not added:
        return RunSummary(ctx.run_id, store.version(), {**totals, "docs_storied": 0}, seconds)
    row = {"run_id": ctx.run_id, "flow": ctx.flow, "parameters": json.dumps(ctx.parameters, default=str), **totals}
    version = commit_version(
        store, ctx.run_id, ctx.staging.final, added, removed, row, ctx.started_at, seconds, ctx.settings.tables
    )
    # Not a `runs` column: documents given a story by this backfill (for the command's message).
    return RunSummary(ctx.run_id, version, {**totals, "docs_storied": backfill.documents}, seconds)


def run_compaction(ctx: RunContext, tables: Sequence[str] | None) -> CompactionReport:
    """Merge the multi-file partitions of ``tables`` (None: all) into one file each."""
    return merge_partitions(ctx.store, ctx.run_id, tables, ctx.settings.tables, ctx.settings.stories)
