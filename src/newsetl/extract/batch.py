"""The extraction batch: a chunk of normalized documents → rows of every derived table.

Per chunk: detect the language where the input gave none, segment, run every registered
extractor (:mod:`newsetl.extract.extractors`) on the documents in its languages, then map
every span back to the original text and build the tables' Arrow batches. Whole chunks go
through each step (the NER model tags a batch of documents at once), and the seconds of
each step are reported so the run can say where its time went.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyarrow as pa

from newsetl.extract.extractors import EXTRACTORS
from newsetl.extract.models import Models
from newsetl.extract.registry import Document, FindSpans, Registry, Span
from newsetl.extract.rows import document_rows, extraction_rows, sentence_rows, span_rows
from newsetl.normalize.offsets import OffsetMap
from newsetl.segment import segment


@dataclass
class Extracted:
    tables: dict[str, pa.Table]
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def derived_tables(extractors: Registry = EXTRACTORS) -> tuple[str, ...]:
    """The tables a batch adds rows to, in the order they are written."""
    return ("documents", "sentences", *extractors.tables(), "extractions")


def extracted(chunk: pa.Table, models: Models, run_id: str, extractors: Registry = EXTRACTORS) -> Extracted:
    """Every derived row for the documents in ``chunk`` (schema: ``ingest.documents.CHUNK_SCHEMA``)."""
    with _collections_spaced():
        return _extracted(chunk, models, run_id, extractors)


# Thresholds of the cyclic garbage collector during a batch (Python's default: 700, 10, 10).
_GC_THRESHOLDS = (10_000, 20, 100)


@contextmanager
def _collections_spaced() -> Iterator[None]:
    """Run Python's cyclic garbage collector less often during a batch.

    A batch allocates millions of small objects, many of which live on in the per-word
    caches. With the default thresholds the collector walks the young ones every 700
    allocations and, every few hundred thousand, the whole heap (the caches hold ~500k
    objects the collector follows): 15-20% of a batch's CPU time, for collections that
    free almost nothing (the extractors make few reference cycles; reference counting
    frees the rest). During a batch, young objects are collected every 10,000
    allocations and the whole heap 10x less often: ~5% (`scripts/profile_extract.py`,
    its ``gc`` line).
    """
    before = gc.get_threshold()
    gc.set_threshold(*_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _extracted(chunk: pa.Table, models: Models, run_id: str, extractors: Registry) -> Extracted:
    seconds = dict.fromkeys(("language", "segment", *(e.stage for e in extractors), "write"), 0.0)
    texts: list[str] = chunk.column("text").to_pylist()
    given: list[str | None] = chunk.column("lang").to_pylist()

    started = time.perf_counter()
    langs = [lang if lang else models.language.language_of(text) for lang, text in zip(given, texts, strict=True)]
    seconds["language"] = time.perf_counter() - started

    started = time.perf_counter()
    segs = [segment(text, lang, morph=models.morph) for text, lang in zip(texts, langs, strict=True)]
    seconds["segment"] = time.perf_counter() - started

    published = chunk.column("published").to_pylist()
    docs = [Document(*fields) for fields in zip(texts, segs, langs, published, strict=True)]
    found: dict[str, list[list[Span]]] = {}
    for extractor in extractors:
        started = time.perf_counter()
        found[extractor.stage] = _found_by(extractor.find, extractor.languages, docs, models)
        for doc, spans in zip(docs, found[extractor.stage], strict=True):
            doc.found[extractor.stage] = spans
        seconds[extractor.stage] = time.perf_counter() - started

    started = time.perf_counter()
    maps = [
        OffsetMap.from_breakpoints(points, n)
        for points, n in zip(chunk.column("offset_map").to_pylist(), chunk.column("n_chars").to_pylist(), strict=True)
    ]
    versions = dict(extractors.versions(models))
    tables = {
        "documents": document_rows(chunk, langs, given, run_id),
        "sentences": sentence_rows(chunk, texts, segs, maps),
        **{e.table: span_rows(chunk, texts, found[e.stage], maps, e, versions[e.stage]) for e in extractors},
        "extractions": extraction_rows(chunk, found, list(extractors), versions, run_id),
    }
    seconds["write"] = time.perf_counter() - started
    words = sum(len(seg.tokens) for seg in segs)
    return Extracted(tables, words, seconds)


def _found_by(find: FindSpans, languages: frozenset[str], docs: list[Document], models: Models) -> list[list[Span]]:
    """``find`` on the documents in ``languages``; the others get nothing."""
    found: list[list[Span]] = [[] for _ in docs]
    chosen = [i for i, doc in enumerate(docs) if doc.lang in languages]
    if chosen:
        for i, spans in zip(chosen, find([docs[i] for i in chosen], models), strict=True):
            found[i] = list(spans)
    return found
