"""Documents from input files: files → chunks of normalized, de-duplicated documents + rejects.

Reads each file with its format's reader, repairs mojibake, normalizes with an offset
map, and gives every article its id (a hash of the normalized text). Every valid article
is an *arrival* (a ``sources`` row, :mod:`newsetl.ingest.arrivals`); articles whose id is
already stored, or was already seen earlier in this stage, are counted as duplicates and
dropped here, before any expensive work. Output comes in chunks of bounded size, so a
huge input never sits in memory whole.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from newsetl.config import IngestSettings
from newsetl.faults import checkpoint
from newsetl.ingest.arrivals import ArrivalLog
from newsetl.ingest.decode import repaired_mojibake
from newsetl.ingest.discover import InputFile
from newsetl.ingest.readers import records_in
from newsetl.ingest.records import RawRecord, Reject
from newsetl.normalize.text import normalized_text
from newsetl.tables.schemas import DOCUMENTS

# The documents-table columns known after ingest (language may still be missing); the
# extract stage adds the rest. Derived from the table's schema so the two cannot drift.
CHUNK_COLUMNS = (
    "doc_id",
    "source_uri",
    "ext_id",
    "title",
    "url",
    "source",
    "published",
    "lang",
    "text",
    "raw_sha256",
    "encoding",
    "repaired",
    "n_chars",
    "offset_map",
    "day",
)
CHUNK_SCHEMA = pa.schema([DOCUMENTS.schema.field(name).with_nullable(True) for name in CHUNK_COLUMNS])


@dataclass
class IngestTally:
    """Counts and seconds of one ingest call (mutable: filled while chunks stream out)."""

    files: int = 0
    records: int = 0
    duplicates: int = 0
    bad_published: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds_ingest: float = 0.0
    seconds_normalize: float = 0.0


def doc_id_of(text: str) -> str:
    """The id of a normalized text: identical texts get identical ids, in any run."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def document_row(record: RawRecord) -> dict[str, object] | Reject:
    """The documents-table fields of one record (before language and extraction)."""
    text = record.text
    repair = repaired_mojibake(text)
    fixed = repair.text if repair else text
    normalized = normalized_text(fixed)
    offsets = repair.offsets.then(normalized.offsets) if repair else normalized.offsets
    if not normalized.text:
        return Reject(record.source_uri, "empty", "nothing left after removing invisible characters")
    published = record.published
    return {
        "doc_id": doc_id_of(normalized.text),
        "source_uri": record.source_uri,
        "ext_id": record.ext_id,
        "title": record.title,
        "url": record.url,
        "source": record.source,
        "published": published,
        "lang": record.lang,
        "text": normalized.text,
        "raw_sha256": hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "encoding": record.encoding,
        "repaired": repair.how if repair else None,
        "n_chars": len(normalized.text),
        "offset_map": offsets.to_breakpoints(),
        "day": published.date() if published is not None else None,
    }


def _chunk(rows: list[dict[str, object]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=CHUNK_SCHEMA)


def ingested_chunks(
    files: Sequence[InputFile],
    settings: IngestSettings,
    known_ids: Container[str],
    tally: IngestTally,
    arrivals: ArrivalLog | None = None,
) -> Iterator[pa.Table]:
    """Chunks of new, distinct, normalized documents from ``files`` (rejects go to ``tally``,
    every valid article, duplicates included, to ``arrivals``)."""
    seen: set[str] = set()
    rows: list[dict[str, object]] = []
    chars = 0
    for item in files:
        tally.files += 1
        records = records_in(Path(item.path), item.uri, settings)
        while True:
            started = time.perf_counter()
            record = next(records, None)
            tally.seconds_ingest += time.perf_counter() - started
            if record is None:
                break
            if isinstance(record, Reject):
                tally.rejects.append(record)
                continue
            tally.records += 1
            checkpoint("ingest:record")
            started = time.perf_counter()
            row = document_row(record)
            tally.seconds_normalize += time.perf_counter() - started
            if isinstance(row, Reject):
                tally.rejects.append(row)
                continue
            if "bad_published" in record.notes:
                tally.bad_published += 1
            if arrivals is not None:
                arrivals.add(row)
            doc_id = str(row["doc_id"])
            if doc_id in seen or doc_id in known_ids:
                tally.duplicates += 1
                continue
            seen.add(doc_id)
            rows.append(row)
            chars += int(row["n_chars"])  # type: ignore[call-overload]
            if len(rows) >= settings.batch_docs or chars >= settings.batch_chars:
                yield _chunk(rows)
                rows, chars = [], 0
    if rows:
        yield _chunk(rows)
