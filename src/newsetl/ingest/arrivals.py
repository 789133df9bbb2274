"""Arrivals: every article read, exact copies included, as rows of the ``sources`` table.

De-duplication keeps one ``documents`` row per text; what each copy said about itself
(where it came from, its outlet, URL, title and publication time) is kept here, one row
per valid record. Rejected records are not arrivals (they are ``rejects`` rows).

A group's arrivals leave ingest in pieces of bounded size (:class:`ArrivalLog`), so a
file of millions of small records never sits in memory whole; publishing drops the
arrivals already recorded (``newsetl.tables.sources``).
"""

from __future__ import annotations

from collections.abc import Callable

import pyarrow as pa

from newsetl.tables.schemas import SOURCES

# The sources-table columns an arrival fills from its document row (``document_row``);
# the rest (``run_id``) is the run's.
ARRIVAL_COLUMNS = (
    "doc_id",
    "source_uri",
    "ext_id",
    "title",
    "url",
    "source",
    "published",
    "lang",  # as given by the input (a document row's `lang` before detection)
    "encoding",
    "raw_sha256",
    "repaired",
    "day",
)
# Rows held before a piece is handed out: ~20 MB of Python objects.
PIECE_ROWS = 20_000


def arrival_row(document: dict[str, object]) -> dict[str, object]:
    """The arrival of one record, from its document row (before de-duplication)."""
    return {name: document[name] for name in ARRIVAL_COLUMNS}


class ArrivalLog:
    """Collects a run's arrivals in reading order and hands them to ``flush`` in pieces."""

    def __init__(self, run_id: str, flush: Callable[[pa.Table], None], piece_rows: int = PIECE_ROWS) -> None:
        self._run_id = run_id
        self._flush = flush
        self._piece_rows = piece_rows
        self._rows: list[dict[str, object]] = []
        self.count = 0

    def add(self, document: dict[str, object]) -> None:
        self._rows.append(arrival_row(document))
        self.count += 1
        if len(self._rows) >= self._piece_rows:
            self.close()

    def close(self) -> None:
        """Hand out what is held (call once more at the end)."""
        if not self._rows:
            return
        table = pa.Table.from_pylist(self._rows, schema=_ROW_SCHEMA)
        self._rows = []
        self._flush(table.append_column("run_id", pa.array([self._run_id] * table.num_rows, pa.string())))


_ROW_SCHEMA = pa.schema([SOURCES.schema.field(name).with_nullable(True) for name in ARRIVAL_COLUMNS])
