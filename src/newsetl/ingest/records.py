"""What readers produce: articles (``RawRecord``) and refusals (``Reject``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One article as read from its input, before normalization."""

    source_uri: str  # file path, or "path#<id or line number>" for multi-record files
    text: str  # the original text, decoded, byte-order mark removed
    encoding: str
    ext_id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: datetime | None = None  # timezone-aware, UTC
    lang: str | None = None  # ISO 639-1 given by the input, if any
    notes: tuple[str, ...] = field(default=())  # e.g. ("bad_published",)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input (file or record) that could not be processed, and why.

    ``reason`` is a short stable code (docs/operations.md, "Rejects"); ``detail`` says what exactly.
    """

    source_uri: str
    reason: str
    detail: str
