"""Bytes to text: encoding detection, binary detection and mojibake repair.

Detection order, cheapest and most certain first: a byte-order mark; strict UTF-8;
UTF-16 without a BOM (recognised by its zero bytes); then charset-normalizer's guesses.
charset-normalizer confuses the two Polish legacy encodings with their neighbours
(ISO-8859-2 text comes back as ISO-8859-10), so its candidates plus cp1250 and
ISO-8859-2 are re-ranked by how Polish the result looks: these encodings differ exactly
in where they put ą, ś, ź, and a wrong choice turns them into ±, ¶, ¼ or Nordic letters.

Mojibake (UTF-8 decoded as cp1250 or Latin-1 and saved again) is repaired with ftfy's
encoding fixer only — its other fixes would change text we normalize ourselves — and the
repair is mapped back to the original characters exactly when ftfy's explanation is a
chain of encode/decode steps (the usual case), proportionally otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import charset_normalizer
import ftfy
import ftfy.bad_codecs
import numpy as np
import numpy.typing as npt
from ftfy import TextFixerConfig

from newsetl.normalize.offsets import OffsetMap

_BOMS: list[tuple[bytes, str]] = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip data in a file not named .gz"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"RIFF", "RIFF media file"),
    (b"SQLite format 3\x00", "SQLite database"),
]
# Letters common in European text, weighted (Polish first); anything else non-ASCII
# counts against a guess.
_LETTER_WEIGHTS: dict[str, float] = {
    **dict.fromkeys("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", 2.0),  # Polish
    **dict.fromkeys("äöüßÄÖÜéèêëàâçîïôûùÿÉÈÊÀÂÇÎÔÛáíúñõãåæøÁÍÚÑÕÃÅÆØ", 1.5),  # Western
    **dict.fromkeys("čďěňřšťůžČĎĚŇŘŠŤŮŽľĺŕĽĹŔőűŐŰ", 1.0),  # Czech, Slovak, Hungarian
}
_COMMON_SYMBOLS = frozenset("–—„”“«»…’‘€°§©®·×")
_EXTRA_CANDIDATES = ("cp1250", "iso8859_2", "cp1252")
# Share of control / replacement characters above which decoded bytes are not text.
_MAX_CONTROL_SHARE = 0.02
# Valid multi-byte UTF-8 characters needed per invalid sequence to call bytes damaged UTF-8.
_MIN_UTF8_EVIDENCE = 4
_FIXER = TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_encoding=True,
    restore_byte_a0=True,
    replace_lossy_sequences=False,
    decode_inconsistent_utf8=True,
    fix_c1_controls=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=True,
)


class NotText(Exception):
    """The bytes are not decodable text; ``reason`` is a rejects code."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str  # the original text: decoded, byte-order mark removed
    encoding: str  # Python codec name, e.g. "utf-8", "cp1250", "utf-16-le"


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if (ch < " " and ch not in "\t\n\r\f") or ("\x7f" <= ch <= "\x9f") or ch == "\ufffd")
    return bad / len(text)


def _plausibility(text: str) -> float:
    """Weighted count of common European letters, -2 per other non-ASCII character."""
    score = 0.0
    for ch in text:
        if ch > "\x7f":
            weight = _LETTER_WEIGHTS.get(ch)
            if weight is not None:
                score += weight
            elif ch not in _COMMON_SYMBOLS:
                score -= 2.0
    return score


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4 or len(head) % 2:
        return None
    even_zero = head[0::2].count(0) / (len(head) / 2)
    odd_zero = head[1::2].count(0) / (len(head) / 2)
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the bytes look like BOM-less UTF-16, else None."""
    return _utf16_without_bom(data)


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (a file's first bytes) starts with, if a known one."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if _control_share(sample) <= _MAX_CONTROL_SHARE:
        return False
    # UTF-8 read as Latin-1 and saved again turns "ą" into "Ä\x85": C1 controls that are
    # mojibake, not binary. Judge such text after the repair the pipeline will apply
    # (found by the hostile-input tests: it was rejected as binary).
    if max(sample) >= "\x80" and any("\x80" <= ch <= "\x9f" for ch in sample):
        repair = repaired_mojibake(sample)
        if repair is not None:
            return _control_share(repair.text) > _MAX_CONTROL_SHARE
    return True


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few invalid bytes, decoded with U+FFFD for each invalid sequence.

    One corrupt byte in a UTF-8 file used to send it to the legacy-encoding guesser,
    which turned every Polish letter into C1 controls and rejected the file as binary.
    UTF-8 is recognised by its valid multi-byte sequences: legacy single-byte Polish text
    almost never forms them by chance, so when they outnumber the invalid sequences
    several times over, the file is UTF-8 and the invalid bytes are damage.
    """
    text = data.decode("utf-8", errors="replace")
    # Every invalid sequence became U+FFFD; genuine U+FFFD in the input do not count.
    errors = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = len(text) - len(data.decode("ascii", errors="ignore")) - text.count("\ufffd")
    if errors and multibyte >= _MIN_UTF8_EVIDENCE * errors:
        return Decoded(text, "utf-8")
    return None


def decoded(data: bytes) -> Decoded:
    """Decode ``data`` or raise :class:`NotText` (reasons: ``empty``, ``binary``, ``undecodable``)."""
    if not data:
        raise NotText("empty", "the file is empty")
    what = binary_kind(data)
    if what is not None:
        raise NotText("binary", what)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise NotText("undecodable", f"{codec} byte-order mark but invalid {codec}: {exc.reason}") from None
            text = text.removeprefix("\ufeff")
            name = "utf-8" if codec == "utf-8-sig" else codec
            return _checked(Decoded(text, f"{name}-bom" if name == "utf-8" else name))
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"))
    except UnicodeDecodeError:
        pass
    codec16 = _utf16_without_bom(data)
    if codec16:
        try:
            return _checked(Decoded(data.decode(codec16), codec16))
        except UnicodeDecodeError:
            pass
    damaged = _mostly_utf8(data)
    if damaged is not None:
        # The U+FFFD marking the damage are not evidence of binary data: judge the rest.
        _checked(Decoded(damaged.text.replace("\ufffd", ""), damaged.encoding))
        return damaged
    return _checked(_guessed(data))


def _guessed(data: bytes) -> Decoded:
    matches = charset_normalizer.from_bytes(data[:1_000_000])
    candidates: list[str] = [m.encoding for m in list(matches)[:5]]
    for codec in _EXTRA_CANDIDATES:
        if codec not in candidates:
            candidates.append(codec)
    # Keep only the best candidate's text: holding every candidate's decoding of a 20 MB
    # file at once cost several hundred MB (found by the memory-bound tests).
    best: tuple[float, int] | None = None
    best_codec, best_text = "", ""
    for rank, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        score = (_plausibility(text[:200_000]), -rank)
        if best is None or score > best:
            best, best_codec, best_text = score, codec, text
        del text
    if best is None:
        raise NotText("undecodable", "no known encoding decodes these bytes")
    return Decoded(best_text, best_codec)


def _checked(result: Decoded) -> Decoded:
    if _looks_binary(result.text):
        raise NotText("binary", f"decodes as {result.encoding} but is mostly control characters")
    return result


@dataclass(frozen=True, slots=True)
class Repaired:
    text: str
    offsets: OffsetMap  # repaired character -> original characters
    how: str  # ftfy's steps, e.g. "encode:sloppy-windows-1250 decode:utf-8"


def _mojibake_hint() -> re.Pattern[str]:
    """Two characters that a UTF-8 lead byte and continuation byte become when misdecoded.

    Mojibake of UTF-8 always contains such a pair, so text without one needs no repair and
    skips ftfy's (much slower) badness scan. Legitimate text matches rarely, and a match
    only means that ftfy takes a look.
    """
    leads: set[str] = set()
    continuations: set[str] = set()
    for codec in ("sloppy-windows-1250", "sloppy-windows-1252", "latin-1", "iso8859_2"):
        leads.update(bytes([b]).decode(codec) for b in range(0xC2, 0xF5))
        continuations.update(bytes([b]).decode(codec) for b in range(0x80, 0xC0))
    # Polish letters that happen to sit at lead-byte positions ("ó" = 0xF3, "ę" = 0xEA in
    # cp1250) lead only 3- and 4-byte sequences; leaving them out keeps Polish text from
    # matching ("ół", "ęż") at the cost of missing mojibake of those rarer characters.
    leads -= set("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")
    return re.compile(f"[{re.escape(''.join(sorted(leads)))}][{re.escape(''.join(sorted(continuations)))}]")


_MOJIBAKE_HINT = _mojibake_hint()


def repaired_mojibake(text: str) -> Repaired | None:
    """Undo mojibake, or ``None`` when the text shows none (the common, fast case)."""
    if not _MOJIBAKE_HINT.search(text) or not ftfy.badness.is_bad(text):
        return None
    result = ftfy.fix_and_explain(text, _FIXER)
    fixed = result.text
    steps = [(step.action, step.parameter) for step in result.explanation or []]
    if fixed == text or not steps:
        return None
    how = " ".join(f"{action}:{arg}" for action, arg in steps)
    return Repaired(fixed, _repair_map(text, fixed, steps), how)


def _repair_map(raw: str, fixed: str, steps: Sequence[tuple[str, str]]) -> OffsetMap:
    widths = _inverse_widths(fixed, steps)
    if widths is not None and int(widths.sum()) == len(raw):
        ends = np.cumsum(widths)
        return OffsetMap(ends - widths, ends)
    # Unusual repair chains: map proportionally (documented as approximate).
    n = len(fixed)
    scale = len(raw) / n if n else 0.0
    starts = np.floor(np.arange(n) * scale).astype(np.int64)
    ends = np.maximum(np.floor(np.arange(1, n + 1) * scale).astype(np.int64), starts + 1)
    return OffsetMap(starts, np.minimum(ends, len(raw)))


def _inverse_widths(fixed: str, steps: Sequence[tuple[str, str]]) -> npt.NDArray[np.int64] | None:
    """How many original characters each repaired character came from, if invertible."""
    if any(action not in ("encode", "decode") for action, _ in steps):
        return None
    widths = np.empty(len(fixed), dtype=np.int64)
    for i, ch in enumerate(fixed):
        piece: str | bytes = ch
        try:
            for action, codec in reversed(steps):
                if action == "decode":
                    piece = piece.encode(codec) if isinstance(piece, str) else piece
                else:
                    piece = piece.decode(codec) if isinstance(piece, bytes) else piece
        except (UnicodeError, LookupError):
            return None
        if not isinstance(piece, str):
            return None
        widths[i] = len(piece)
    return widths
