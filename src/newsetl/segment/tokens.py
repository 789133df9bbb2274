"""Tokens: compiled regular expressions, NKJP conventions (see the package docstring).

Two expressions give the same tokens: :data:`TOKEN` knows URLs, e-mail addresses and
domain names; :data:`PLAIN` does not and is ~2.5x faster, because those alternatives
have to scan every word before failing. :func:`pattern_for` picks ``PLAIN`` when a
one-pass search finds nothing URL-like in the text.

A second grain, :func:`number_grain`, is for reading numbers (the claims extractor). It
is needed because numbers want the opposite of two NKJP conventions at once: a digit run
keeps its inner separators ("12.03.2024", "2:1", "1/40" — NKJP splits them, but a date,
a score or a reference must be seen whole to be excluded), while letters, digits and
hyphens part ("10km", "F-16", "33-letni", "1,5-procentowy" — NKJP keeps them whole, but
the number must be seen apart from its unit or suffix). Both grains split at whitespace.
"""

from __future__ import annotations

import re

from newsetl.words import WEB_DOMAIN_ENDING

# A letter or digit ("\w" without the underscore).
_AN = r"[^\W_]"
_LETTER = r"[^\W\d_]"
_TLD = WEB_DOMAIN_ENDING

_SPECIAL = rf"""
    # URLs: scheme or "www.", up to whitespace, minus trailing punctuation.
    (?:(?:https?|ftp)://|www\.)[^\s<>"]*[^\s<>"'.,;:!?)\]}}]
    # e-mail addresses.
    | {_AN}[\w.+-]*@{_AN}[\w-]*(?:\.{_AN}[\w-]*)*\.{_LETTER}{{2,}}(?![\w@])
    # Bare domain names ("onet.pl", "Solidarność.pl"): a known top-level domain after a dot.
    | {_AN}[\w-]*(?:\.{_AN}[\w-]*)*\.{_TLD}(?![\w.@]|\.\w)(?:/[^\s<>"]*[^\s<>"'.,;:!?)\]}}])?
"""

_COMMON = rf"""
    # Emoticons (NKJP keeps ":-)" whole); only between spaces so "godz.:(" stays split.
    (?<!\S)[:;]-?[()DP]+(?!\S)
    # Numbers: thousands groups "5.000.000", decimals "1,5" "12.30" (with a hyphenated
    # suffix: "1,5-procentowy"), but not dates "20.10.2005" (a second separator splits
    # them as NKJP does). Plain digit runs fall through to words ("33-letni", "3D").
    | (?<!\d[.,])\d{{1,3}}(?:[.,]\d{{3}}){{2,}}(?![.,]?\d)
    | (?<!\d[.,])\d++[.,]\d++(?![.,]\d)(?:-{_AN}+)*
    # Words: letters/digits, joined by internal hyphens (not between two digits, which is
    # a range "2-3") and by apostrophes between letters ("McDonald's", "George'a").
    | {_AN}+(?:(?:(?<={_LETTER})-|-(?!\d)|(?<={_LETTER})'(?={_LETTER})){_AN}+)*
    # Anything else: one character per token.
    | \S
"""

# Alternatives are tried in order; the first that matches at a position wins.
TOKEN = re.compile(_SPECIAL + "|" + _COMMON, re.VERBOSE)
PLAIN = re.compile(_COMMON, re.VERBOSE)

# Anything TOKEN's special alternatives could match contains one of these.
_URL_HINT = re.compile(rf"@|://|www\.|\w\.{_TLD}(?!\w)")


def pattern_for(text: str) -> re.Pattern[str]:
    """The cheapest token expression that tokenizes ``text`` correctly."""
    return TOKEN if _URL_HINT.search(text) else PLAIN


# --- the number grain ----------------------------------------------------------------------
# Digit runs with inner . , : / ("1.500.000", "12.30", "2:1", "1/40"); English also scientific
# notation ("4e14", "9.83e-3") and a bare leading decimal point (".77"). Letters run apart
# from digits; any other character is a token of its own.
_DIGIT_RUN = r"\d+(?:[.,:/]\d+)*"
NUMBER_GRAIN_PL = re.compile(rf"{_DIGIT_RUN}|{_LETTER}+|\S")
NUMBER_GRAIN_EN = re.compile(rf"{_DIGIT_RUN}(?:[eE][-+]?\d+(?!{_LETTER}))?|(?<![\w.])\.\d+|{_LETTER}+|\S")


def number_grain(lang: str) -> re.Pattern[str]:
    """The expression that splits text into number-grain tokens (see the module docstring)."""
    return NUMBER_GRAIN_EN if lang == "en" else NUMBER_GRAIN_PL
