"""Tokens of the claims scanner: the number grain of :mod:`newsetl.segment.tokens`.

Number recognition needs digit runs with their inner separators kept together
("12.03.2024", "1,5", "2:1") and every symbol on its own ("%", "$", "-"), with the
information whether two tokens touch ("F-16", "10km", "5%"): the one tokenizer module
gives that grain (:func:`~newsetl.segment.tokens.number_grain`, where the reason for a
second grain is written down); this module only types its tokens. Attribution reads
the segmentation's own tokens instead (:func:`.speakers.words_of`).
"""

from __future__ import annotations

from typing import NamedTuple

from newsetl.segment.tokens import number_grain

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
    pattern = number_grain(lang)
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
