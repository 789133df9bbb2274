"""A run, as four steps that any orchestrator can call: plan, ingest, extract, publish.

The Prefect flow (``flows/pipeline.py``) runs these steps as tasks, in parallel where it
can; :func:`run_locally` runs the very same steps in one process (tests, debugging,
``newsetl run --local``). Steps talk through files in the run's staging folder, so any
step can run in another process or on another machine sharing the data directory, and
they return only paths and small counts.

Ordering is deterministic: files are read in sorted order, chunks are named by their
position, and when the same text arrives twice the first occurrence in that order wins.
"""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from newsetl.config import Settings
from newsetl.faults import checkpoint
from newsetl.ingest.discover import InputFile, input_files
from newsetl.ingest.documents import IngestTally, ingested_chunks
from newsetl.ingest.known import KnownIds, stored_ids
from newsetl.ingest.records import Reject
from newsetl.pipeline.extract_stage import extracted
from newsetl.pipeline.models import ModelSpec, shared_models
from newsetl.tables.compaction import CompactionReport, merge_partitions
from newsetl.tables.invariants import InvariantViolation, violations_in
from newsetl.tables.publish import PublishInputs, RunSummary, publish
from newsetl.tables.schemas import STAGES
from newsetl.tables.staging import Staging, read_staged
from newsetl.tables.store import Store

DERIVED = ("documents", "sentences", "mentions", "claims", "extractions")


def new_run_id(now: datetime) -> str:
    """Time-ordered and unique: ``r20261127T210512Z-3f9a1c``."""
    return f"r{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class RunContext:
    """Everything a step needs; small and picklable (it travels to workers)."""

    run_id: str
    flow: str
    data_dir: Path
    started_at: datetime
    parameters: dict[str, object]
    settings: Settings

    @property
    def staging(self) -> Staging:
        return Staging(Store(self.data_dir).staging / self.run_id)

    @property
    def model_spec(self) -> ModelSpec:
        s = self.settings
        return ModelSpec(s.ner_model_dir, tuple(s.language.candidates), s.language.sample_chars, s.language.min_letters)


@dataclass(frozen=True)
class Plan:
    ctx: RunContext
    groups: list[list[InputFile]]
    rejects: list[Reject]


@dataclass(frozen=True)
class IngestReport:
    group: int
    chunks: list[str]  # staged chunk files
    files: int
    records: int
    duplicates: int
    bad_published: int
    rejects: list[Reject]
    seconds: dict[str, float]


@dataclass(frozen=True)
class ExtractReport:
    chunk: str
    rows: dict[str, int]
    words: int
    seconds: dict[str, float]


def plan_run(paths: Sequence[str | Path], ctx: RunContext) -> Plan:
    """Discover the input files, group them for ingest, and record the stored ids."""
    files, rejects = input_files([str(p) for p in paths], ctx.settings.ingest.follow_symlinks_inside)
    store = Store(ctx.data_dir)
    current = store.current()
    known = stored_ids(current / "documents", store.files("documents")) if current else KnownIds.of([])
    known.save(ctx.staging.known_ids)
    return Plan(ctx, _groups(files, ctx.settings.ingest.batch_chars * 4), rejects)


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


def ingest_group(ctx: RunContext, group: int, files: Sequence[InputFile]) -> IngestReport:
    """Read, normalize and de-duplicate one group of files into staged chunks."""
    known = KnownIds.load(ctx.staging.known_ids)
    tally = IngestTally()
    chunks: list[str] = []
    for n, chunk in enumerate(ingested_chunks(files, ctx.settings.ingest, known, tally)):
        chunks.append(ctx.staging.write_chunk(group, n, chunk))
        checkpoint("ingest:chunk")
    seconds = {"ingest": tally.seconds_ingest, "normalize": tally.seconds_normalize}
    return IngestReport(
        group, chunks, tally.files, tally.records, tally.duplicates, tally.bad_published, tally.rejects, seconds
    )


def extract_chunk(ctx: RunContext, chunk_path: str) -> ExtractReport:
    """Language, segments, entities and claims of one staged chunk, staged per table."""
    models = shared_models(ctx.model_spec)
    chunk = read_staged(Path(chunk_path))
    checkpoint("extract:start")
    result = extracted(chunk, models, ctx.run_id)
    problems = violations_in(result.tables)
    if problems:
        raise InvariantViolation(problems)
    started = time.perf_counter()
    name = Path(chunk_path).stem
    for table, rows in result.tables.items():
        ctx.staging.write_rows(table, name, rows)
        checkpoint("extract:wrote")
    seconds = dict(result.seconds)
    seconds["write"] = seconds.get("write", 0.0) + time.perf_counter() - started
    return ExtractReport(chunk_path, {t: r.num_rows for t, r in result.tables.items()}, result.words, seconds)


def publish_run(
    ctx: RunContext, plan_rejects: Sequence[Reject], ingests: Sequence[IngestReport], extracts: Sequence[ExtractReport]
) -> RunSummary:
    """Consolidate the staged rows, check them, and publish them as the next version."""
    seconds = dict.fromkeys(STAGES, 0.0)
    for report in ingests:
        for k, v in report.seconds.items():
            seconds[k] += v
    for extract in extracts:
        for k, v in extract.seconds.items():
            seconds[k] += v
    rejects = list(plan_rejects) + [r for report in ingests for r in report.rejects]
    chunks = sorted(Path(e.chunk).stem for e in extracts)
    inputs = PublishInputs(
        run_id=ctx.run_id,
        flow=ctx.flow,
        started_at=ctx.started_at,
        parameters=json.dumps(ctx.parameters, default=str, sort_keys=True),
        staging=ctx.staging,
        tables=DERIVED,
        chunks=chunks,
        rejects=rejects,
        files=sum(r.files for r in ingests),
        docs_in=sum(r.records for r in ingests),
        duplicates=sum(r.duplicates for r in ingests),
        words_by_chunk={Path(e.chunk).stem: e.words for e in extracts},
        seconds=seconds,
        settings=ctx.settings.tables,
    )
    return publish(Store(ctx.data_dir), inputs)


def new_context(
    flow: str, settings: Settings, parameters: dict[str, object], data_dir: Path | None = None
) -> RunContext:
    now = datetime.now(UTC)
    return RunContext(new_run_id(now), flow, Path(data_dir or settings.data_dir).absolute(), now, parameters, settings)


def run_locally(
    paths: Sequence[str | Path], settings: Settings, data_dir: Path | None = None, flow: str = "run"
) -> RunSummary:
    """The whole run in this process: the same steps the Prefect flow runs as tasks."""
    ctx = new_context(flow, settings, {"paths": [str(p) for p in paths]}, data_dir)
    store = Store(ctx.data_dir)
    with store.locked(ctx.run_id, settings.run.lock_wait_seconds):
        store.collect_garbage(settings.run.keep_versions_minutes, active_run=ctx.run_id)
        plan = plan_run(paths, ctx)
        ingests = [ingest_group(ctx, i, group) for i, group in enumerate(plan.groups)]
        extracts = [extract_chunk(ctx, chunk) for report in ingests for chunk in report.chunks]
        summary = publish_run(ctx, plan.rejects, ingests, extracts)
        store.collect_garbage(settings.run.keep_versions_minutes)
    return summary


__all__ = [
    "DERIVED",
    "ExtractReport",
    "IngestReport",
    "Plan",
    "RunContext",
    "RunSummary",
    "extract_chunk",
    "ingest_group",
    "new_context",
    "plan_run",
    "publish_run",
    "run_locally",
]


def reprocess_run(ctx: RunContext, everything: bool = False) -> RunSummary:
    """Re-extract stored documents done by older extractor versions (call holding the lock)."""
    from newsetl.extract.claims import EXTRACTOR_VERSION as CLAIMS_VERSION
    from newsetl.pipeline.extract_stage import entities_extractor
    from newsetl.pipeline.reprocess import reprocessed
    from newsetl.tables.publish import commit_version

    models = shared_models(ctx.model_spec)
    current = {"entities": entities_extractor(models)[1], "claims": CLAIMS_VERSION}
    started = time.perf_counter()
    added, removed, counts = reprocessed(
        Store(ctx.data_dir),
        ctx.run_id,
        models,
        current,
        everything,
        ctx.settings.ingest.batch_docs,
        ctx.settings.tables,
    )
    seconds = dict.fromkeys(STAGES, 0.0)
    seconds["entities"] = time.perf_counter() - started
    totals = {
        "files": 0,
        "docs_in": counts.get("documents", 0),
        "docs_new": 0,
        "duplicates": 0,
        "rejected": 0,
        "sentences": counts.get("sentences", 0),
        "mentions": counts.get("mentions", 0),
        "claims": counts.get("claims", 0),
        "words": 0,
    }
    store = Store(ctx.data_dir)
    if not added:
        return RunSummary(ctx.run_id, store.version(), totals, seconds)
    row = {"run_id": ctx.run_id, "flow": ctx.flow, "parameters": json.dumps(ctx.parameters, default=str), **totals}
    version = commit_version(
        store, ctx.run_id, ctx.staging.final, added, removed, row, ctx.started_at, seconds, ctx.settings.tables
    )
    return RunSummary(ctx.run_id, version, totals, seconds)


def compact_run(ctx: RunContext, tables: Sequence[str] | None = None) -> CompactionReport:
    """Merge multi-file partitions into one file each (call holding the lock)."""
    return merge_partitions(Store(ctx.data_dir), ctx.run_id, tables, ctx.settings.tables)


def maintained_locally(
    kind: str, settings: Settings, data_dir: Path | None = None, **options: object
) -> RunSummary | CompactionReport:
    """``reprocess`` or ``compact`` in this process, holding the data directory's lock."""
    ctx = new_context(kind, settings, dict(options), data_dir)
    store = Store(ctx.data_dir)
    with store.locked(ctx.run_id, settings.run.lock_wait_seconds):
        store.collect_garbage(settings.run.keep_versions_minutes, active_run=ctx.run_id)
        if kind == "reprocess":
            result: RunSummary | CompactionReport = reprocess_run(ctx, bool(options.get("everything", False)))
        else:
            tables = options.get("tables")
            result = compact_run(ctx, list(tables) if isinstance(tables, (list, tuple)) else None)
        store.collect_garbage(settings.run.keep_versions_minutes)
    return result
