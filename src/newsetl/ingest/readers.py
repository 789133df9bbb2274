"""One reader per input format: ``.txt``, ``.jsonl``/``.ndjson``, ``.csv``, each optionally ``.gz``.

Readers stream: a multi-gigabyte JSONL file is read a line at a time, and every read is
bounded (file size, decompressed size, record size), so memory stays bounded whatever
arrives. Everything that goes wrong becomes a :class:`Reject` with a stable reason code;
readers never raise for bad input.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path

from newsetl.config import IngestSettings
from newsetl.ingest.decode import NotText, binary_kind, decoded, utf16_without_bom
from newsetl.ingest.fields import language_code, published_at, text_field, without_surrogates
from newsetl.ingest.records import RawRecord, Reject

FORMATS = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}
_SNIFF_BYTES = 1 << 20


class _TooLarge(Exception):
    pass


class _Bounded(io.RawIOBase):
    """A binary stream that fails once more than ``limit`` bytes have been read."""

    def __init__(self, inner: io.BufferedIOBase, limit: int) -> None:
        self._inner = inner
        self._left = limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        # read1, not read: read() gathers several chunks and, when a truncated gzip stream
        # raises EOFError, drops the ones it had gathered, so complete records just before
        # the cut were lost with it (found by the hostile-input tests).
        data = self._inner.read1(min(len(view), self._left + 1))
        if len(data) > self._left:
            raise _TooLarge
        self._left -= len(data)
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def input_format(path: Path) -> tuple[str | None, bool]:
    """``(format, gzipped)`` from the file name; format None when unsupported."""
    name = path.name.lower()
    gzipped = name.endswith(".gz")
    if gzipped:
        name = name[:-3]
    suffix = name[name.rfind(".") :] if "." in name else ""
    return FORMATS.get(suffix), gzipped


def records_in(path: Path, uri: str, limits: IngestSettings) -> Iterator[RawRecord | Reject]:
    """Every article in the file at ``path`` (``uri`` names it in the tables), or rejects."""
    fmt, gzipped = input_format(path)
    if fmt is None:
        yield Reject(uri, "unsupported_format", f"not one of {sorted(FORMATS)} (optionally .gz)")
        return
    try:
        size = path.stat().st_size
    except OSError as exc:
        yield Reject(uri, "unreadable", exc.strerror or str(exc))
        return
    if size > limits.max_file_bytes:
        yield Reject(uri, "file_too_large", f"{size} bytes > max_file_bytes {limits.max_file_bytes}")
        return
    try:
        raw = open(path, "rb")  # noqa: SIM115 (closed by the stream below)
    except OSError as exc:
        yield Reject(uri, "unreadable", exc.strerror or str(exc))
        return
    stream: io.BufferedReader
    if gzipped:
        limit = limits.max_decompressed_bytes
        stream = io.BufferedReader(_Bounded(gzip.GzipFile(fileobj=raw, mode="rb"), limit))
    else:
        stream = raw
    reader = {"txt": _txt_records, "jsonl": _jsonl_records, "csv": _csv_records}[fmt]
    # A file that yields nothing at all (empty JSONL, blank lines only, CSV header only)
    # must still leave a trace: otherwise it silently disappears from the run.
    produced = False
    listed = 0
    unlisted: dict[str, int] = {}
    failure: Reject | None = None
    try:
        what = binary_kind(stream.peek(64)[:64]) if fmt != "txt" else None
        if what is not None:
            failure = Reject(uri, "binary", f"{what}, not {fmt} text")
        else:
            for item in reader(stream, uri, limits):
                produced = True
                if isinstance(item, Reject) and item.source_uri != uri:  # a record's reject
                    if listed >= limits.max_rejects_per_file:
                        unlisted[item.reason] = unlisted.get(item.reason, 0) + 1
                        continue
                    listed += 1
                yield item
    except _TooLarge:
        failure = Reject(
            uri, "gzip_too_large", f"expands beyond max_decompressed_bytes {limits.max_decompressed_bytes}"
        )
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        failure = Reject(uri, "bad_gzip", f"truncated or corrupt gzip stream: {exc}")
    except OSError as exc:
        failure = Reject(uri, "unreadable", exc.strerror or str(exc))
    finally:
        stream.close()
    if unlisted:
        counts = ", ".join(f"{reason} {n}" for reason, n in sorted(unlisted.items()))
        yield Reject(uri, "too_many_rejects", f"{sum(unlisted.values())} more rejected records not listed ({counts})")
    if failure is not None:
        yield failure
    elif not produced:
        yield Reject(uri, "empty", f"no records: the {fmt} file is empty, blank or holds a header only")


def _txt_records(stream: io.BufferedReader, uri: str, limits: IngestSettings) -> Iterator[RawRecord | Reject]:
    # No encoding needs more than 4 bytes per character, so a longer file cannot hold an
    # article within max_doc_chars: refuse it without decoding (bounded memory).
    cap = limits.max_doc_chars * 4
    data = stream.read(cap + 1)
    if len(data) > cap:
        yield Reject(uri, "doc_too_large", f"more than {cap} bytes: longer than max_doc_chars {limits.max_doc_chars}")
        return
    try:
        result = decoded(data)
    except NotText as exc:
        yield Reject(uri, exc.reason, exc.detail)
        return
    yield from _article(uri, result.text, result.encoding, {}, limits)


def _article(
    uri: str, text: str, encoding: str, fields: dict[str, object], limits: IngestSettings
) -> Iterator[RawRecord | Reject]:
    if not text.strip():
        yield Reject(uri, "empty", "no text (empty or whitespace only)")
        return
    if len(text) > limits.max_doc_chars:
        yield Reject(uri, "doc_too_large", f"{len(text)} characters > max_doc_chars {limits.max_doc_chars}")
        return
    published, ok = published_at(fields.get("published"))
    yield RawRecord(
        source_uri=uri,
        text=text,
        encoding=encoding,
        ext_id=text_field(fields.get("id")),
        title=text_field(fields.get("title")),
        url=text_field(fields.get("url")),
        source=text_field(fields.get("source")),
        published=published,
        lang=language_code(fields.get("lang")),
        notes=() if ok else ("bad_published",),
    )


def _sniffed_encoding(head: bytes) -> str:
    """The encoding of a line-oriented file from its first bytes."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if head.startswith(bom):
            return codec
    # BOM-less UTF-16 is valid UTF-8 when its text is ASCII (NUL bytes are legal UTF-8),
    # so it has to be recognised before UTF-8 is tried (found by the hostile-input tests).
    probe = head[:4096]
    codec16 = utf16_without_bom(probe[: len(probe) // 2 * 2])
    if codec16 is not None:
        return codec16
    cut = head.rfind(b"\n")
    sample = head[: cut + 1] if cut >= 0 and len(head) >= _SNIFF_BYTES else head
    if _utf8_so_far(sample):
        return "utf-8"
    try:
        return decoded(sample).encoding.removesuffix("-bom")
    except NotText:
        return "utf-8"


def _utf8_so_far(head: bytes) -> bool:
    """Whether ``head`` is valid UTF-8, allowing it to end inside a character.

    The head is what the buffer holds (8 KB), so it is often cut mid-character; a strict
    decode then failed and sent a UTF-8 file to the legacy-encoding guesser.
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _lines(stream: io.BufferedReader, limits: IngestSettings) -> Iterator[tuple[int, str | None, str]]:
    """``(line number, text or None if too long or undecodable, encoding)`` per line."""
    buffered = stream
    encoding = _sniffed_encoding(buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    if encoding.startswith("utf-16"):
        text_stream = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
        number = 0
        while True:
            line = text_stream.readline(limits.max_record_bytes // 2)
            if not line:
                return
            number += 1
            if not line.endswith(("\n", "\r")) and len(line) >= limits.max_record_bytes // 2:
                while (rest := text_stream.readline(1 << 20)) and not rest.endswith("\n"):
                    pass
                yield number, None, encoding
                continue
            yield number, line, encoding
    number = 0
    while True:
        data = buffered.readline(limits.max_record_bytes)
        if not data:
            return
        number += 1
        if not data.endswith(b"\n") and len(data) >= limits.max_record_bytes:
            while (tail := buffered.readline(1 << 20)) and not tail.endswith(b"\n"):
                pass
            yield number, None, "too_large"
            continue
        if number == 1 and encoding == "utf-8-sig":
            data = data.removeprefix(codecs.BOM_UTF8)
        try:
            yield number, data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                result = decoded(data)
                yield number, result.text, result.encoding
            except NotText:
                yield number, None, "undecodable"


def _jsonl_records(stream: io.BufferedReader, uri: str, limits: IngestSettings) -> Iterator[RawRecord | Reject]:
    for number, line, encoding in _lines(stream, limits):
        where = f"{uri}#{number}"
        if line is None:
            reason = "record_too_large" if encoding == "too_large" else "undecodable"
            yield Reject(
                where,
                reason,
                f"line {number}: "
                + ("longer than max_record_bytes" if reason == "record_too_large" else "not decodable text"),
            )
            continue
        if not line.strip():
            continue  # blank lines separate nothing in JSONL; skip silently
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield Reject(where, "bad_json", f"line {number}: {str(exc)[:200]}")
            continue
        if not isinstance(obj, dict):
            yield Reject(where, "bad_record", f"line {number}: a JSON {type(obj).__name__}, not an object")
            continue
        text = obj.get("text")
        if isinstance(text, str):
            text = without_surrogates(text)  # JSON may escape lone surrogates ("\\ud800")
        record_id = text_field(obj.get("id"))
        if record_id:
            where = f"{uri}#{record_id}"
        if text is None or (isinstance(text, str) and not text.strip()):
            yield Reject(
                where,
                "missing_text",
                f"line {number}: no 'text' field" if text is None else f"line {number}: 'text' is empty",
            )
            continue
        if not isinstance(text, str):
            yield Reject(where, "bad_field", f"line {number}: 'text' is a {type(text).__name__}, not a string")
            continue
        yield from _article(where, text, encoding, obj, limits)


def _csv_records(stream: io.BufferedReader, uri: str, limits: IngestSettings) -> Iterator[RawRecord | Reject]:
    buffered = stream
    head = buffered.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    encoding = _sniffed_encoding(head)
    # UTF-8 with a few damaged bytes (see decode._mostly_utf8) is read with U+FFFD for
    # them, as .txt and .jsonl inputs are; otherwise the first bad byte ended the file.
    errors = "replace" if encoding == "utf-8" and not _utf8_so_far(head) else "strict"
    text_stream = io.TextIOWrapper(buffered, encoding=encoding, errors=errors, newline="")
    csv.field_size_limit(limits.max_record_bytes)
    try:
        header_line = text_stream.readline(limits.max_record_bytes)
    except UnicodeDecodeError:
        yield Reject(uri, "undecodable", f"header is not valid {encoding}")
        return
    if not header_line.strip():
        return  # an empty file: records_in reports it as "empty", not as a missing column
    delimiter = max(",;\t", key=header_line.count)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    columns = [name.strip().lower() for name in header]
    if "text" not in columns:
        yield Reject(uri, "missing_columns", f"no 'text' column in header {columns[:20]}")
        return
    # strict: a quote opened and never closed is an error (bad_csv), not a field that
    # silently swallows every following record (found by the hostile-input tests).
    reader = csv.reader(text_stream, delimiter=delimiter, strict=True)
    short_encoding = encoding.removesuffix("-sig")
    while True:
        line_no = reader.line_num + 2
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield Reject(f"{uri}#{line_no}", "bad_csv", f"line {line_no}: {exc}; rest of file skipped")
            return
        except UnicodeDecodeError:
            yield Reject(
                f"{uri}#{line_no}", "undecodable", f"line {line_no}: not valid {encoding}; rest of file skipped"
            )
            return
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(columns):
            yield Reject(
                f"{uri}#{line_no}", "bad_record", f"line {line_no}: {len(row)} fields, header has {len(columns)}"
            )
            continue
        fields: dict[str, object] = dict(zip(columns, row, strict=False))
        record_id = text_field(fields.get("id"))
        where = f"{uri}#{record_id}" if record_id else f"{uri}#{line_no}"
        text = fields.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Reject(where, "missing_text", f"line {line_no}: empty 'text'")
            continue
        yield from _article(where, text, short_encoding, fields, limits)
