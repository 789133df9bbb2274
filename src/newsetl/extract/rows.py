"""The rows a batch adds to each table, as Arrow tables (checked against the schemas when
they are staged).

Every span is mapped back to the original text here, once (``raw_start``/``raw_end``
from the document's offset map), so extractors only ever deal with normalized offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from newsetl.extract.registry import Extractor, Span
from newsetl.normalize.offsets import OffsetMap
from newsetl.spans import Segmentation
from newsetl.tables.schemas import TABLES


def document_rows(chunk: pa.Table, langs: Sequence[str | None], given: Sequence[str | None], run_id: str) -> pa.Table:
    """The chunk's documents with their (given or detected) language and the run's id."""
    n = chunk.num_rows
    table = chunk.drop_columns(["lang"])
    table = table.append_column("lang", pa.array(langs, pa.string()))
    table = table.append_column("lang_detected", pa.array([g is None for g in given], pa.bool_()))
    table = table.append_column("run_id", pa.array([run_id] * n, pa.string()))
    # Stories are decided at publish, over the whole run (newsetl.tables.stories).
    return table.append_column("story_id", pa.nulls(n, pa.string()))


def _span_columns(rows: list[tuple[int, int, int]], maps: Sequence[OffsetMap]) -> dict[str, list[object]]:
    """start/end/raw_start/raw_end columns for (doc_position, start, end) rows."""
    raw_start: list[object] = []
    raw_end: list[object] = []
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


def sentence_rows(chunk: pa.Table, texts: list[str], segs: list[Segmentation], maps: Sequence[OffsetMap]) -> pa.Table:
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
    cols.update(_span_columns(spans, maps))
    return pa.table(cols)


def span_rows(
    chunk: pa.Table,
    texts: list[str],
    found: Sequence[Sequence[Span]],
    maps: Sequence[OffsetMap],
    extractor: Extractor,
    version: str,
) -> pa.Table:
    """Rows of an extractor's table: ids, the span (normalized and original offsets,
    surface), the extractor's ``fields`` of each span, and the extractor that found it."""
    doc_ids = chunk.column("doc_id").to_pylist()
    days = chunk.column("day").to_pylist()
    index = extractor.index_column
    cols: dict[str, list[object]] = {k: [] for k in ("doc_id", index, "sentence_idx", "text", *extractor.fields, "day")}
    spans: list[tuple[int, int, int]] = []
    for pos, items in enumerate(found):
        for idx, item in enumerate(items):
            cols["doc_id"].append(doc_ids[pos])
            cols[index].append(idx)
            cols["sentence_idx"].append(item.sentence_idx)
            cols["text"].append(texts[pos][item.start : item.end])
            for name in extractor.fields:
                cols[name].append(getattr(item, name))
            cols["day"].append(days[pos])
            spans.append((pos, item.start, item.end))
    cols.update(_span_columns(spans, maps))
    cols["extractor"] = [extractor.name] * len(spans)
    cols["extractor_version"] = [version] * len(spans)
    schema = TABLES[extractor.table].schema
    return pa.table({k: pa.array(v, schema.field(k).type) for k, v in cols.items()})


def extraction_rows(
    chunk: pa.Table,
    found: dict[str, list[list[Span]]],
    extractors: Sequence[Extractor],
    versions: dict[str, str],
    run_id: str,
) -> pa.Table:
    """Per document and extractor: which version processed it and how many rows it found."""
    doc_ids = chunk.column("doc_id").to_pylist()
    days = chunk.column("day").to_pylist()
    cols: dict[str, list[object]] = {
        k: [] for k in ("doc_id", "stage", "extractor", "extractor_version", "n_rows", "run_id", "day")
    }
    for pos, doc_id in enumerate(doc_ids):
        for extractor in extractors:
            cols["doc_id"].append(doc_id)
            cols["stage"].append(extractor.stage)
            cols["extractor"].append(extractor.name)
            cols["extractor_version"].append(versions[extractor.stage])
            cols["n_rows"].append(len(found[extractor.stage][pos]))
            cols["run_id"].append(run_id)
            cols["day"].append(days[pos])
    return pa.table(cols)
