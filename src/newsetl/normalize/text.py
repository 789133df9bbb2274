"""Text normalization with a map back to the original: ``normalized_text(raw)``.

What changes, and why:

* Unicode NFC, so that "ó" is one code point however the source encoded it.
* Invisible characters are removed: C0/C1 control characters (NUL included) other than
  line ends and tabs, zero-width space, soft hyphen, word joiner, stray byte-order marks,
  and bidirectional formatting marks (LRM, RLM, embeddings, isolates) — they carry
  display hints, not content, and break matching ("obron\\xadność"). Zero-width
  (non-)joiners are kept: emoji sequences and some scripts need them.
* Typographic quotes become ASCII ``"`` and ``'``; hyphens, dashes and the minus sign
  become ASCII ``-`` — downstream rules (quotes in reported speech, "2-3 mld" ranges) then
  see one spelling.
* Whitespace: CR and CRLF and Unicode line/paragraph separators become ``\\n``; other
  spaces (tab, no-break space, thin and narrow spaces…) become one ``" "``; runs of
  spaces collapse; spaces around line ends and at both ends of the text disappear; two or
  more line breaks (possibly with blank-looking lines between) become exactly one blank
  line, the paragraph separator.

Each pass is a regular-expression scan producing edits (:mod:`.offsets`), so clean text
costs one C-level scan per pass and the map stays exact.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsetl.normalize.offsets import Edit, OffsetMap, apply_edits

_INVISIBLE = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # C0 (not \t \n \r) and C1 controls
    "\u00ad\u200b\u2060\ufeff\ufffe"  # soft hyphen, ZWSP, word joiner, BOM, non-char
    "\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c"  # bidi marks, embeddings, isolates
)
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_LINE_BREAKS = "\r\n|\r|\n|\u2028|\u2029|\x85"

_CHARS = re.compile(f"[{_INVISIBLE}{_DOUBLE_QUOTES}{_SINGLE_QUOTES}{_DASHES}{_SPACES}]|\r\n?|[\u2028\u2029\x85]")
_CHAR_REPLACEMENTS: dict[str, str] = {
    **{c: '"' for c in _DOUBLE_QUOTES},
    **{c: "'" for c in _SINGLE_QUOTES},
    **{c: "-" for c in _DASHES},
    "\r": "\n",
    "\r\n": "\n",
    "\u2028": "\n",
    "\x85": "\n",
    "\u2029": "\n\n",
}
# After the character pass only " " and "\n" remain as whitespace.
_SPACE_RUN = re.compile(r" {2,}")
_LINE_EDGE_SPACES = re.compile(r" *\n *")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalized text and the map from its characters to the original's."""

    text: str
    offsets: OffsetMap


def _char_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in _CHARS.finditer(text):
        found = match.group()
        if found in _CHAR_REPLACEMENTS:
            edits.append((match.start(), match.end(), _CHAR_REPLACEMENTS[found]))
        elif found.isspace():
            edits.append((match.start(), match.end(), " "))
        else:
            edits.append((match.start(), match.end(), ""))
    return edits


def _nfc_edits(text: str) -> list[Edit]:
    """Edits that compose each base character with its following combining marks."""
    edits: list[Edit] = []
    n = len(text)
    i = 0
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cluster = text[i:j]
        composed = unicodedata.normalize("NFC", cluster)
        if composed != cluster:
            edits.append((i, j, composed))
        i = j
    return edits


def _whitespace_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in _SPACE_RUN.finditer(text):
        edits.append((match.start(), match.end(), " "))
    return edits


def _line_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in _LINE_EDGE_SPACES.finditer(text):
        if match.end() - match.start() > 1:
            edits.append((match.start(), match.end(), "\n"))
    return edits


def _paragraph_edits(text: str) -> list[Edit]:
    edits: list[Edit] = []
    stripped_start = len(text) - len(text.lstrip())
    if stripped_start:
        edits.append((0, stripped_start, ""))
    for match in _BLANK_LINES.finditer(text, stripped_start):
        edits.append((match.start(), match.end(), "\n\n"))
    stripped_end = len(text.rstrip())
    if stripped_end < len(text) and stripped_end >= stripped_start:
        edits.append((stripped_end, len(text), ""))
    return edits


def normalized_text(raw: str) -> Normalized:
    """Normalize ``raw`` (already decoded) and map every character back to it."""
    text = raw
    offsets = OffsetMap.identity(len(raw))
    passes = [_char_edits]
    for make_edits in passes:
        edits = make_edits(text)
        if edits:
            text, step = apply_edits(text, edits)
            offsets = offsets.then(step)
    if not unicodedata.is_normalized("NFC", text):
        edits = _nfc_edits(text)
        if edits:
            text, step = apply_edits(text, edits)
            offsets = offsets.then(step)
        if not unicodedata.is_normalized("NFC", text):
            # Compositions across clusters (e.g. decomposed Hangul jamo): normalize the
            # whole text and map it coarsely onto the whole original.
            whole = unicodedata.normalize("NFC", text)
            text, step = apply_edits(text, [(0, len(text), whole)])
            offsets = offsets.then(step)
    for make_edits in (_whitespace_edits, _line_edits, _paragraph_edits):
        edits = make_edits(text)
        if edits:
            text, step = apply_edits(text, edits)
            offsets = offsets.then(step)
    return Normalized(text, offsets)
