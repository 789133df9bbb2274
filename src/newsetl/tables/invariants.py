"""Rules every batch must satisfy before anything is published: ``violations_in(tables)``.

Checked on the rows a run is about to add: unique keys; every sentence and every span an
extractor found (mentions, claims, …) points to a document of the batch and (the
extractors' spans) to an existing sentence that contains it; every span's surface equals
``documents.text[start:end]``; offsets are inside the text and ordered; NOT NULL columns
hold no NULL. A violation names the rule and the offending rows, and the caller refuses to
publish.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyarrow as pa

from newsetl.tables.schemas import TABLES

_SAMPLE = 5
_SPAN_COLUMNS = ("doc_id", "start", "end", "raw_start", "raw_end", "text", "sentence_idx")


@dataclass(frozen=True, slots=True)
class Violation:
    table: str
    rule: str
    rows: tuple[str, ...]  # a few offending rows, described
    count: int

    def __str__(self) -> str:
        return f"{self.table}: {self.rule} ({self.count} rows, e.g. {'; '.join(self.rows)})"


class InvariantViolation(RuntimeError):
    def __init__(self, violations: list[Violation]) -> None:
        super().__init__("refusing to publish: " + " | ".join(str(v) for v in violations))
        self.violations = violations


def _violation(table: str, rule: str, bad: list[str]) -> list[Violation]:
    return [Violation(table, rule, tuple(bad[:_SAMPLE]), len(bad))] if bad else []


def _span_tables(tables: dict[str, pa.Table]) -> list[str]:
    """The tables holding spans of the documents' text: ``sentences`` first (the others'
    spans must lie inside a sentence), then every extractor's table in batch order."""
    spans = [name for name in tables if set(_SPAN_COLUMNS) <= set(TABLES[name].schema.names)]
    return sorted(spans, key=lambda name: name != "sentences")


def violations_in(tables: dict[str, pa.Table]) -> list[Violation]:
    """Every rule broken by a batch's tables (empty list: all good)."""
    found: list[Violation] = []
    for name, table in tables.items():
        spec = TABLES[name]
        for fld in spec.schema:
            if not fld.nullable and fld.name in table.column_names and table.column(fld.name).null_count:
                found += _violation(
                    name, f"NULL in NOT NULL column {fld.name}", [f"{table.column(fld.name).null_count} rows"]
                )
        keys = list(zip(*(table.column(k).to_pylist() for k in spec.key), strict=True)) if table.num_rows else []
        dupes = [repr(k) for k, n in Counter(keys).items() if n > 1]
        found += _violation(name, f"duplicate key {spec.key}", dupes)
    docs = tables.get("documents")
    if docs is None:
        return found
    texts = dict(zip(docs.column("doc_id").to_pylist(), docs.column("text").to_pylist(), strict=True))
    sentence_spans: dict[tuple[str, int], tuple[int, int]] = {}
    for name in _span_tables(tables):
        table = tables[name]
        if table.num_rows == 0:
            continue
        cols = {k: table.column(k).to_pylist() for k in _SPAN_COLUMNS}
        orphans, surface, bounds, outside = [], [], [], []
        for i, doc_id in enumerate(cols["doc_id"]):
            text = texts.get(doc_id)
            where = f"{doc_id}@{cols['start'][i]}:{cols['end'][i]}"
            if text is None:
                orphans.append(where)
                continue
            start, end = cols["start"][i], cols["end"][i]
            if not (0 <= start < end <= len(text)) or not (0 <= cols["raw_start"][i] < cols["raw_end"][i]):
                bounds.append(where)
                continue
            if text[start:end] != cols["text"][i]:
                surface.append(f"{where} {cols['text'][i]!r} != {text[start:end]!r}")
            key = (doc_id, cols["sentence_idx"][i])
            if name == "sentences":
                sentence_spans[key] = (start, end)
            else:
                span = sentence_spans.get(key)
                if span is None or not (span[0] <= start and end <= span[1]):
                    outside.append(where)
        found += _violation(name, "doc_id not in documents", orphans)
        found += _violation(name, "offsets out of bounds or empty span", bounds)
        found += _violation(name, "text != documents.text[start:end]", surface)
        found += _violation(name, "span not inside its sentence", outside)
    return found
