"""Extract stage: a chunk of normalized documents → rows of every derived table.

Per chunk: detect language where the input gave none, segment, tag and base-form named
entities in Polish documents, find numeric claims in Polish and English documents, then
map every span back to the original text and build the tables' Arrow batches. Whole
chunks go through each step (the NER model tags a batch of documents at once), and the
per-step seconds are reported so the run can say where its time went.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from newsetl.extract.claims import EXTRACTOR_NAME as CLAIMS_NAME
from newsetl.extract.claims import EXTRACTOR_VERSION as CLAIMS_VERSION
from newsetl.extract.claims import claims_in_document
from newsetl.extract.entities.mentions import mentions_in_documents
from newsetl.normalize.offsets import OffsetMap
from newsetl.pipeline.models import Models
from newsetl.segment import segment
from newsetl.spans import Claim, Mention, Segmentation

ENTITY_LANGUAGES = frozenset({"pl"})
CLAIM_LANGUAGES = frozenset({"pl", "en"})


@dataclass
class Extracted:
    tables: dict[str, pa.Table]
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def entities_extractor(models: Models) -> tuple[str, str]:
    """Name and version recorded on mention rows (the tagger and the base-form rules)."""
    from newsetl.extract.entities import mentions

    glue = getattr(mentions, "GLUE_VERSION", "0")
    return models.tagger.name, f"{models.tagger.version}+{glue}"


def extracted(chunk: pa.Table, models: Models, run_id: str) -> Extracted:
    """Every derived row for the documents in ``chunk`` (schema: ingest_stage.CHUNK_SCHEMA)."""
    seconds = dict.fromkeys(("language", "segment", "entities", "claims", "write"), 0.0)
    texts: list[str] = chunk.column("text").to_pylist()
    given: list[str | None] = chunk.column("lang").to_pylist()

    started = time.perf_counter()
    langs = [lang if lang else models.language.language_of(text) for lang, text in zip(given, texts, strict=True)]
    seconds["language"] = time.perf_counter() - started

    started = time.perf_counter()
    segs = [segment(text, lang, morph=models.morph) for text, lang in zip(texts, langs, strict=True)]
    seconds["segment"] = time.perf_counter() - started

    started = time.perf_counter()
    mentions = _mentions(texts, segs, langs, models)
    seconds["entities"] = time.perf_counter() - started

    started = time.perf_counter()
    claims = [
        claims_in_document(text, seg, lang, found, models.morph) if lang in CLAIM_LANGUAGES else []
        for text, seg, lang, found in zip(texts, segs, langs, mentions, strict=True)
    ]
    seconds["claims"] = time.perf_counter() - started

    started = time.perf_counter()
    maps = [
        OffsetMap.from_breakpoints(points, n)
        for points, n in zip(chunk.column("offset_map").to_pylist(), chunk.column("n_chars").to_pylist(), strict=True)
    ]
    entity_name, entity_version = entities_extractor(models)
    tables = {
        "documents": _documents(chunk, langs, given, run_id),
        "sentences": _sentences(chunk, texts, segs, maps),
        "mentions": _span_rows(
            chunk, texts, mentions, maps, "mention_idx", _MENTION_FIELDS, (entity_name, entity_version)
        ),
        "claims": _span_rows(chunk, texts, claims, maps, "claim_idx", _CLAIM_FIELDS, (CLAIMS_NAME, CLAIMS_VERSION)),
        "extractions": _extractions(chunk, langs, mentions, claims, run_id, entity_name, entity_version),
    }
    seconds["write"] = time.perf_counter() - started
    words = sum(len(seg.tokens) for seg in segs)
    return Extracted(tables, words, seconds)


def _mentions(
    texts: list[str], segs: list[Segmentation], langs: list[str | None], models: Models
) -> list[list[Mention]]:
    found: list[list[Mention]] = [[] for _ in texts]
    polish = [i for i, lang in enumerate(langs) if lang in ENTITY_LANGUAGES]
    if not polish:
        return found
    token_docs = [_sentence_tokens(texts[i], segs[i]) for i in polish]
    spans = models.tagger.spans_in(token_docs)
    linked = mentions_in_documents([texts[i] for i in polish], [segs[i] for i in polish], spans, models.morph)
    for i, doc_mentions in zip(polish, linked, strict=True):
        found[i] = doc_mentions
    return found


def _sentence_tokens(text: str, seg: Segmentation) -> list[list[str]]:
    sentences: list[list[str]] = [[] for _ in seg.sentences]
    for start, end, sentence_idx in seg.tokens:
        sentences[sentence_idx].append(text[start:end])
    return sentences


def _documents(chunk: pa.Table, langs: Sequence[str | None], given: Sequence[str | None], run_id: str) -> pa.Table:
    n = chunk.num_rows
    table = chunk.drop_columns(["lang"])
    table = table.append_column("lang", pa.array(langs, pa.string()))
    table = table.append_column("lang_detected", pa.array([g is None for g in given], pa.bool_()))
    return table.append_column("run_id", pa.array([run_id] * n, pa.string()))


def _spans_columns(rows: list[tuple[int, int, int]], maps: Sequence[OffsetMap]) -> dict[str, list[int]]:
    """start/end/raw_start/raw_end columns for (doc_position, start, end) rows."""
    raw_start: list[int] = []
    raw_end: list[int] = []
    for doc_pos, start, end in rows:
        if not 0 <= start < end <= len(maps[doc_pos]):
            # An extractor bug: leave an impossible raw span for the invariants check
            # to report with the row, rather than crash here without saying which.
            raw_start.append(-1)
            raw_end.append(-1)
            continue
        rs, re_ = maps[doc_pos].raw_span(start, end)
        raw_start.append(rs)
        raw_end.append(re_)
    return {
        "start": [r[1] for r in rows],
        "end": [r[2] for r in rows],
        "raw_start": raw_start,
        "raw_end": raw_end,
    }


def _sentences(chunk: pa.Table, texts: list[str], segs: list[Segmentation], maps: Sequence[OffsetMap]) -> pa.Table:
    doc_ids = chunk.column("doc_id").to_pylist()
    days = chunk.column("day").to_pylist()
    cols: dict[str, list[object]] = {
        k: [] for k in ("doc_id", "sentence_idx", "paragraph_idx", "text", "n_tokens", "day")
    }
    spans: list[tuple[int, int, int]] = []
    for pos, (text, seg) in enumerate(zip(texts, segs, strict=True)):
        counts = [0] * len(seg.sentences)
        for _, _, sentence_idx in seg.tokens:
            counts[sentence_idx] += 1
        for idx, (start, end, paragraph) in enumerate(seg.sentences):
            cols["doc_id"].append(doc_ids[pos])
            cols["sentence_idx"].append(idx)
            cols["paragraph_idx"].append(paragraph)
            cols["text"].append(text[start:end])
            cols["n_tokens"].append(counts[idx])
            cols["day"].append(days[pos])
            spans.append((pos, start, end))
    cols.update(_spans_columns(spans, maps))  # type: ignore[arg-type]
    return pa.table(cols)


def _span_rows(
    chunk: pa.Table,
    texts: list[str],
    found: Sequence[Sequence[Mention | Claim]],
    maps: Sequence[OffsetMap],
    index_column: str,
    fields: Sequence[str],
    extractor: tuple[str, str],
) -> pa.Table:
    """Rows of a span table: ids, the span (normalized and original offsets, surface),
    the dataclass ``fields`` of each item, and the extractor that produced it."""
    doc_ids = chunk.column("doc_id").to_pylist()
    days = chunk.column("day").to_pylist()
    cols: dict[str, list[object]] = {k: [] for k in ("doc_id", index_column, "sentence_idx", "text", *fields, "day")}
    spans: list[tuple[int, int, int]] = []
    for pos, items in enumerate(found):
        for idx, item in enumerate(items):
            cols["doc_id"].append(doc_ids[pos])
            cols[index_column].append(idx)
            cols["sentence_idx"].append(item.sentence_idx)
            cols["text"].append(texts[pos][item.start : item.end])
            for name in fields:
                cols[name].append(getattr(item, name))
            cols["day"].append(days[pos])
            spans.append((pos, item.start, item.end))
    cols.update(_spans_columns(spans, maps))  # type: ignore[arg-type]
    cols["extractor"] = [extractor[0]] * len(spans)
    cols["extractor_version"] = [extractor[1]] * len(spans)
    floats = {"value", "low", "high"}
    return pa.table({k: pa.array(v, pa.float64() if k in floats else None) for k, v in cols.items()})


_MENTION_FIELDS = ("label", "subtype", "lemma", "entity_id")
_CLAIM_FIELDS = (
    "value",
    "low",
    "high",
    "qualifier",
    "kind",
    "unit",
    "object",
    "subject_entity_id",
    "speaker_entity_id",
)


def _extractions(
    chunk: pa.Table,
    langs: Sequence[str | None],
    mentions: list[list[Mention]],
    claims: list[list[Claim]],
    run_id: str,
    entity_name: str,
    entity_version: str,
) -> pa.Table:
    doc_ids = chunk.column("doc_id").to_pylist()
    days = chunk.column("day").to_pylist()
    cols: dict[str, list[object]] = {
        k: [] for k in ("doc_id", "stage", "extractor", "extractor_version", "n_rows", "run_id", "day")
    }
    for pos, _lang in enumerate(langs):
        for stage, name, version, n_rows in (
            ("entities", entity_name, entity_version, len(mentions[pos])),
            ("claims", CLAIMS_NAME, CLAIMS_VERSION, len(claims[pos])),
        ):
            cols["doc_id"].append(doc_ids[pos])
            cols["stage"].append(stage)
            cols["extractor"].append(name)
            cols["extractor_version"].append(version)
            cols["n_rows"].append(n_rows)
            cols["run_id"].append(run_id)
            cols["day"].append(days[pos])
    return pa.table(cols)
