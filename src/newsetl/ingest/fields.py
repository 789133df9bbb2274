"""Parsing the optional metadata fields of multi-record inputs (JSONL, CSV)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# Metadata longer than this is cut: a 1 MB "title" is a broken record, not a title.
MAX_FIELD_CHARS = 10_000
_LANG = re.compile(r"^([A-Za-z]{2})(?:[-_][A-Za-z0-9]{2,8})*$")
_EPOCH_RANGE = (0.0, 32503680000.0)  # 1970 .. 3000
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    """``text`` with lone surrogates replaced by U+FFFD.

    JSON can spell a lone surrogate (``"\\udc00"``) and ``json.loads`` keeps it, but it
    cannot be encoded as UTF-8: it crashed the run when hashed or written to Parquet
    (found by the hostile-input tests). Valid pairs were already joined by the parser.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def text_field(value: object) -> str | None:
    """A scalar as a stripped string (numbers and booleans included); anything else None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = without_surrogates(str(value).strip())
    return text[:MAX_FIELD_CHARS] or None


def published_at(value: object) -> tuple[datetime | None, bool]:
    """``(timestamp in UTC, ok)``; ``ok`` is False when a value was given but unreadable.

    Accepts ISO 8601 (date or date-time, with or without offset — naive means UTC),
    RFC 2822 dates as in RSS, and Unix epoch seconds.
    """
    if value is None or value == "":
        return None, True
    if isinstance(value, bool):
        return None, False
    if isinstance(value, (int, float)):
        return _epoch(float(value))
    if not isinstance(value, str):
        return None, False
    text = value.strip()
    if not text:
        return None, True
    if re.fullmatch(r"\d{9,11}(\.\d+)?", text):
        return _epoch(float(text))
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None, False
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if not 1900 <= parsed.year <= 2999:
        return None, False
    return parsed.astimezone(UTC), True


def _epoch(seconds: float) -> tuple[datetime | None, bool]:
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None, False
    return datetime.fromtimestamp(seconds, tz=UTC), True


def language_code(value: object) -> str | None:
    """ISO 639-1 code from "pl", "PL", "pl-PL", "pl_PL"; None for anything else."""
    text = text_field(value)
    if text is None:
        return None
    match = _LANG.match(text)
    return match.group(1).lower() if match else None
