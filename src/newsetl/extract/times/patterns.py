"""Compiled expressions, each tried with ``.match()`` where a cue token starts.

Python's engine tries every alternative at every position of a ``search``, so nothing
here is searched over a whole text: the scanner (:mod:`.scan`) finds cue tokens by a
dictionary lookup and matches the relevant expressions there, within the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsetl.extract.times import lexicon as lx


def alternation(words: Iterable[str]) -> str:
    """Escaped alternatives, longest first (so "marcu" is tried before "mar")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


_I = re.IGNORECASE
MONTH = f"(?:{alternation(lx.MONTHS)})(?!\\w)"
ROMAN_MONTH = r"(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
MONTH_ABBR = f"(?:{alternation(lx.MONTH_ABBREVIATIONS)})"
# "r." / "roku" after a year; the dot of "r." belongs to the abbreviation.
YEAR_MARK = r"(?:\s?(?:r\.|r(?![\w.])|roku(?!\w)|rokiem(?!\w)|rok(?!\w)))"
# A year said relative to the reference after a day or month ("10 maja br.").
REL_YEAR = (
    r"(?P<ry>b\.\s?r\.?|br\.?(?!\w)|ub\.\s?r(?:oku(?!\w)|\.|(?![\w.]))|ubr\.|ub\.\s?roku(?!\w)"
    r"|(?:tego|bieżącego|przyszłego|zeszłego|ubiegłego|poprzedniego|następnego|obecnego)\s+roku(?!\w)"
    r"|roku\s+(?:bieżącego|ubiegłego|zeszłego|przyszłego|następnego)(?!\w))"
)
REL_YEAR_RX = re.compile(REL_YEAR, _I)
YEAR_TAIL = rf"(?:\s?(?P<y>\d{{4}})(?![\d]|[.,]\d){YEAR_MARK}?|\s{REL_YEAR})?"
YEAR_TAIL_RX = re.compile(YEAR_TAIL, _I)
DAY = r"(?P<d>[0-3]?\d)"
DAY_SUFFIX = rf"(?:\.|{lx.ORDINAL_SUFFIX})?"

# --- at a number ------------------------------------------------------------------------
ISO_DATE = re.compile(r"(?P<y>\d{4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])(?:[T ](?P<h>[0-2]?\d):(?P<mi>[0-5]\d))?")
NUMERIC_DATE = re.compile(
    rf"{DAY}(?P<s>[./-])(?P<m>[01]?\d)(?P=s)(?P<y>\d{{4}}|\d{{2}})(?![\d]|[.,]\d){YEAR_MARK}?", _I
)
DAY_MONTH = re.compile(rf"{DAY}{DAY_SUFFIX}\s?(?P<mon>{MONTH}){YEAR_TAIL}", _I)
DAY_ROMAN = re.compile(rf"{DAY}(?:\.|\s)\s?(?P<rom>{ROMAN_MONTH})(?:\.|\s)\s?(?P<y>\d{{4}})(?!\d){YEAR_MARK}?")
DAY_ABBR = re.compile(rf"{DAY}\.?\s?(?P<ab>{MONTH_ABBR})\.(?:\s?(?P<y>\d{{4}})(?!\d){YEAR_MARK}?)?", _I)
# The first day of a day range or list before a full date: "6-7.03.2010", "3 i 10 sierpnia".
DAY_LIST_HEAD = re.compile(r"(?P<d>[0-3]?\d)\.?\s?(?P<sep>-|do|i|lub|oraz|a|,)\s?(?=\d)", _I)
CLOCK = re.compile(r"(?P<h>[01]?\d|2[0-4])[:.](?P<mi>[0-5]\d)(?::(?P<s>[0-5]\d))?(?![\d]|[.,:]\d)")
HOUR_SUFFIXED = re.compile(r"(?P<h>[01]?\d|2[0-4])-?(?:stej|tej|ej)(?!\w)", _I)
BARE_HOUR = re.compile(r"(?P<h>[01]?\d|2[0-4])(?![\d\w]|[.,:]\d)")
YEAR_RANGE = re.compile(rf"(?P<y1>\d{{4}})\s?(?P<sep>[-/]|do)\s?(?P<y2>\d{{4}}|\d{{2}})(?![\d]|[.,]\d){YEAR_MARK}?", _I)
YEAR = re.compile(
    rf"(?P<y>\d{{1,4}})(?![\d]|[.,]\d)(?P<ym>{YEAR_MARK})?"
    r"(?:\s?(?P<bc>p\.\s?n\.\s?e\.|przed\s+naszą\s+erą|przed\s+Chrystusem|n\.\s?e\.))?",
    _I,
)
DURATION_UNIT = f"(?:{alternation(lx.DURATION_UNITS)})"
DURATION = re.compile(
    rf"(?P<n>\d+(?:[.,]\d+)?)\s?(?:-\s?)?(?P<u>{DURATION_UNIT})(?:(?<=tyg|ies|min|sek|odz)\.)?(?!\w)(?:\s(?P<ago>temu))?",
    _I,
)
QUARTER_DIGIT = re.compile(rf"(?P<q>[1-4])\.?\s?(?P<u>kwarta[łl]\w*|kw\.){YEAR_TAIL}", _I)
DECADE_DIGITS = re.compile(r"(?P<dec>[1-9]0)(?:\.|-?(?:tych|te|ych|ymi|tymi|e)(?!\w)|\s?-\s?(?:tych|te))", _I)

# --- at a word --------------------------------------------------------------------------
PART_OF_DAY = f"(?:{alternation(lx.PARTS_OF_DAY)})(?!\\w)"
PART_TAIL = re.compile(rf"\s?,?\s(?P<part>{PART_OF_DAY})", _I)
CLOCK_WORD = re.compile(
    r"(?P<cue>godz\.?|godzin(?:a|ie|y|ą|ę)|g\.)\s?(?:(?P<approx>ok\.|około)\s)?"
    r"(?P<h>[01]?\d|2[0-4])(?:[.:](?P<mi>[0-5]\d))?(?![\d]|[.,:]\d)",
    _I,
)
MONTH_AT = re.compile(rf"(?P<mon>{MONTH}){YEAR_TAIL}", _I)
YEAR_AFTER_WORD = re.compile(r"(?:roku|rok|r\.)\s?(?P<y>\d{4})(?![\d]|[.,]\d)", _I)
CENTURY = re.compile(
    rf"(?P<c>(?-i:{alternation(lx.ROMAN_CENTURIES)}))\s?(?:w\.|wieku|wiek|wiekiem|stulecia|stuleciu)(?!\w)", _I
)
ROMAN_QUARTER = re.compile(
    rf"(?P<q>(?-i:IV|III|II|I))\s?(?:(?P<u>kwarta[łl]\w*|kw\.)|(?P<h>półrocz\w*)){YEAR_TAIL}", _I
)
Q_QUARTER = re.compile(r"(?-i:Q)(?P<q>[1-4])\s?(?P<y>\d{4}|\d{2})?(?![\d\w])")
# "ostatnia niedziela września", "pierwszy wtorek października 2014"
NTH_WEEKDAY_TAIL = re.compile(rf"\s(?:(?:w|we)\s)?(?P<mon>{MONTH}){YEAR_TAIL}", _I)
WEEK_OF_WEEKDAY = re.compile(
    r"\s(?:(?P<this>tego\s+tygodnia|w\s+tym\s+tygodniu)"
    r"|(?P<next>w\s+przyszłym\s+tygodniu|przyszłego\s+tygodnia|następnego\s+tygodnia|za\s+tydzień"
    r"|w\s+następnym\s+tygodniu)"
    r"|(?P<prev>(?:z\s+)?(?:ostatniego|poprzedniego|zeszłego|ubiegłego)\s+tygodnia"
    r"|w\s+(?:zeszłym|ubiegłym|poprzednim)\s+tygodniu))(?!\w)",
    _I,
)
# "11 października br. (środa)": a weekday in brackets after a date.
WEEKDAY_PAREN = re.compile(rf"\s?\(\s?(?P<wd>{alternation(lx.WEEKDAYS)})\s?\)", _I)
