"""A small tokenizer of its own for the claims scanner.

The pipeline's segmentation decides sentence boundaries, but number recognition needs
tokens of a different grain: digit runs with their inner separators kept together
("12.03.2024", "1,5", "2:1") and every symbol on its own ("%", "$", "-"), with the
information whether two tokens touch ("F-16", "10km", "5%"). Splitting on our own
terms also keeps the extractor independent of tokenizer conventions elsewhere.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Digit runs may carry inner . , : / ("1.500.000", "12.30", "2:1", "1/40"); English also
# scientific notation ("4e14", "9.83e-3") and a bare leading decimal point (".77").
_TOKEN_PL = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W\d_]+|\S")
_TOKEN_EN = re.compile(r"\d+(?:[.,:/]\d+)*(?:[eE][-+]?\d+(?![^\W\d_]))?|(?<![\w.])\.\d+|[^\W\d_]+|\S")

DASHES = frozenset({"-", "\u2212", "\u2013", "\u2014"})  # normalizer maps most to "-"; be lenient
SPACES = frozenset({" ", "\u00a0", "\u202f", "\u2009"})
VULGAR_FRACTIONS = {
    "½": 0.5,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "¼": 0.25,
    "¾": 0.75,
    "⅕": 0.2,
    "⅛": 0.125,
}


class Tok(NamedTuple):
    start: int
    end: int
    text: str
    kind: str  # "num" | "word" | "sym"


def tokenize(text: str, start: int, end: int, lang: str) -> list[Tok]:
    """Tokens of ``text[start:end]`` with absolute offsets."""
    pattern = _TOKEN_EN if lang == "en" else _TOKEN_PL
    toks: list[Tok] = []
    for match in pattern.finditer(text, start, end):
        surface = match.group()
        first = surface[0]
        if first.isdecimal() or (first == "." and len(surface) > 1):
            kind = "num"
        elif first.isalpha():
            kind = "word"
        else:
            kind = "sym"
        toks.append(Tok(match.start(), match.end(), surface, kind))
    return toks
