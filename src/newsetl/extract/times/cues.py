"""The cue table: which rules to try at which lower-cased token."""

from __future__ import annotations

from newsetl.extract.claims.profile import POLISH
from newsetl.extract.times import holidays
from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import rules_clock as rc
from newsetl.extract.times import rules_numbers as rn
from newsetl.extract.times import rules_ordinals as ro
from newsetl.extract.times import rules_periods as rp
from newsetl.extract.times import rules_words as rw
from newsetl.extract.times.scan import Rule


def _build() -> dict[str, tuple[Rule, ...]]:
    table: dict[str, list[Rule]] = {}

    def add(words: object, rule: Rule) -> None:
        for word in words:  # type: ignore[attr-defined]
            rules = table.setdefault(word, [])
            if rule not in rules:
                rules.append(rule)

    add(holidays.CUE_WORDS, holidays.holiday_at)  # first: "Wielki Piątek" before "piątek"
    add(lx.MONTHS, rw.month_at)
    add(lx.MONTH_ADJECTIVES, rw.month_adjective_at)
    add(lx.WEEKDAYS, rw.weekday_at)
    add(lx.WEEKDAY_PLURALS, rw.weekday_at)
    add(lx.WEEKDAY_ADJECTIVES, rw.weekday_adjective_at)
    add(lx.RELATIVE_DAYS, rw.relative_day_at)
    add(lx.RELATIVE_YEAR_ADJECTIVES, rw.year_adjective_at)
    add(lx.MODIFIERS, rw.modifier_at)
    add(lx.ORDINALS, ro.ordinal_at)
    add(("dnia", "dniu", "dn", "dniach"), ro.day_prefix_at)
    add((*lx.PART_MODS, "pod"), ro.part_mod_at)
    add(("roku", "rok", "r"), ro.year_word_at)
    add(("br", "b", "ub", "ubr"), rn.relative_year_at)
    add(("godz", "godzina", "godzinie", "godziny", "godziną", "godzinę", "g"), rc.clock_word_at)
    add(rc.PART_CUES, rc.part_of_day_at)
    add((w for w, (cls, _) in {**POLISH.numerals, **POLISH.folded}.items() if cls != "frac"), rp.numeral_word_at)
    add(lx.VAGUE_NUMBERS, rp.numeral_word_at)
    add(("raz",), rp.raz_at)
    add(("kwadrans", "wpół", "pół"), rc.quarter_hour_at)
    add(("po",), rw.after_tomorrow_at)
    add(("dzień",), rw.day_next_to_at)
    add(("weekend", "weekendu"), rw.weekend_at)
    add(lx.DURATION_UNITS, rp.unit_word_at)
    add(("laty",), rp.unit_word_at)
    add(("co",), rp.every_at)
    add(lx.SET_ADVERBS, rp.set_word_at)
    add(lx.SEASONS, rp.season_at)
    add(lx.SEASON_ADJECTIVES, rp.season_adjective_at)
    add(("latach", "lata", "lat", "latami"), rp.decade_at)
    add((r.lower() for r in lx.ROMAN_CENTURIES), rp.century_at)
    add(lx.CENTURY_ADJECTIVES, rp.century_adjective_at)
    add(("i", "ii", "iii", "iv"), rp.roman_quarter_at)
    add(("q1", "q2", "q3", "q4"), rp.q_quarter_at)
    return {word: tuple(rules) for word, rules in table.items()}


CUES: dict[str, tuple[Rule, ...]] = _build()
NUMBERS: tuple[Rule, ...] = (rn.date_at, rn.day_list, rc.clock_at, rn.year_at, rn.amount_at, rn.quarter_at)
