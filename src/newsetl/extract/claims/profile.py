"""Per-language bundles of the lexicons the scanner reads (Polish and English)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from newsetl.extract.claims import lexicon_en as en
from newsetl.extract.claims import lexicon_pl as pl

WordClass = tuple[str, float]


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything language-specific the scanner needs."""

    lang: str
    numerals: Mapping[str, WordClass]
    folded: Mapping[str, WordClass]
    weak: frozenset[str]
    articles: frozenset[str]
    connectors: frozenset[str]
    scale_re: re.Pattern[str]
    scale_abbrev: Mapping[str, float]
    glued_scales: Mapping[str, float]
    glued_scales_after_currency: Mapping[str, float]
    unit_re: re.Pattern[str]
    units: Mapping[str, tuple[str, str | None, float]]
    prefix_currency_re: re.Pattern[str]
    prefix_currency: Mapping[str, str]
    glued_units: frozenset[str]
    qualifier_re: re.Pattern[str]
    change_re: re.Pattern[str]
    range_open: frozenset[str]
    between_open: frozenset[str]
    change_open: frozenset[str]
    range_to: frozenset[str]
    between_and: frozenset[str]
    list_join: frozenset[str]
    minus_words: frozenset[str]
    exclude_at_number: re.Pattern[str]  # tried with .match() where a number token starts
    exclude_at_cue: Mapping[str, re.Pattern[str]]  # lower-cased cue token -> pattern tried there
    clause_words: frozenset[str]
    year_cues: frozenset[str]  # words before a bare 4-digit number that make it a year
    decimal_comma: bool  # Polish "1,5"; English "1,500" groups thousands

    def numeral(self, word: str) -> WordClass | None:
        """Class and value of a numeral word (any case; diacritics optional in Polish)."""
        lower = word.lower()
        found = self.numerals.get(lower)
        if found is None and self.folded:
            found = self.folded.get(lower)
        return found


def _alternation(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _by_cue(entries: list[tuple[str, str]]) -> dict[str, re.Pattern[str]]:
    """One compiled pattern per cue word (several entries may share a cue)."""
    grouped: dict[str, list[str]] = {}
    for cues, pattern in entries:
        for cue in cues.split():
            grouped.setdefault(cue, []).append(pattern)
    return {cue: _alternation(patterns) for cue, patterns in grouped.items()}


POLISH = Profile(
    lang="pl",
    numerals=pl.NUMERALS,
    folded=pl.FOLDED_NUMERALS,
    weak=pl.WEAK_NUMERALS,
    articles=frozenset(),
    connectors=pl.CONNECTORS,
    scale_re=pl.SCALE_RE,
    scale_abbrev=pl.SCALE_ABBREV_VALUE,
    glued_scales=pl.GLUED_SCALES,
    glued_scales_after_currency={},
    unit_re=pl.UNIT_RE,
    units=pl.UNITS,
    prefix_currency_re=pl.PREFIX_CURRENCY_RE,
    prefix_currency=pl.PREFIX_CURRENCY,
    glued_units=pl.GLUED_UNITS,
    qualifier_re=pl.QUALIFIER_RE,
    change_re=pl.CHANGE_STEM_RE,
    range_open=pl.RANGE_OPEN,
    between_open=pl.BETWEEN_OPEN,
    change_open=pl.CHANGE_OPEN,
    range_to=pl.RANGE_TO,
    between_and=pl.BETWEEN_AND,
    list_join=pl.LIST_JOIN,
    minus_words=pl.MINUS_WORDS,
    exclude_at_number=_alternation(pl.EXCLUDE_AT_NUMBER),
    exclude_at_cue=_by_cue(pl.EXCLUDE_AT_CUE),
    clause_words=pl.CLAUSE_WORDS,
    year_cues=pl.YEAR_CUES,
    decimal_comma=True,
)

ENGLISH = Profile(
    lang="en",
    numerals=en.NUMERALS,
    folded=en.FOLDED_NUMERALS,
    weak=en.WEAK_NUMERALS,
    articles=en.ARTICLES,
    connectors=en.CONNECTORS,
    scale_re=en.SCALE_RE,
    scale_abbrev=en.SCALE_ABBREV_VALUE,
    glued_scales=en.GLUED_SCALES,
    glued_scales_after_currency=en.GLUED_SCALES_AFTER_CURRENCY,
    unit_re=en.UNIT_RE,
    units=en.UNITS,
    prefix_currency_re=en.PREFIX_CURRENCY_RE,
    prefix_currency=en.PREFIX_CURRENCY,
    glued_units=en.GLUED_UNITS,
    qualifier_re=en.QUALIFIER_RE,
    change_re=en.CHANGE_STEM_RE,
    range_open=en.RANGE_OPEN,
    between_open=en.BETWEEN_OPEN,
    change_open=en.CHANGE_OPEN,
    range_to=en.RANGE_TO,
    between_and=en.BETWEEN_AND,
    list_join=en.LIST_JOIN,
    minus_words=en.MINUS_WORDS,
    exclude_at_number=_alternation(en.EXCLUDE_AT_NUMBER),
    exclude_at_cue=_by_cue(en.EXCLUDE_AT_CUE),
    clause_words=en.CLAUSE_WORDS,
    year_cues=en.YEAR_CUES,
    decimal_comma=False,
)

PROFILES: dict[str, Profile] = {"pl": POLISH, "en": ENGLISH}
