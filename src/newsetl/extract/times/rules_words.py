"""Rules tried at word cues: months, weekdays, relative days, weeks, months and years."""

from __future__ import annotations

import re

from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import patterns as px
from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.rules_clock import with_part
from newsetl.extract.times.rules_numbers import date_at, found, with_year
from newsetl.extract.times.rules_ordinals import DAY_WORDS, WEEK_WORDS, week_of_month
from newsetl.extract.times.scan import Doc, Found

# Words after which a bare month is a date ("w marcu", "od czerwca", "końca maja").
MONTH_CONTEXT = frozenset(
    words(
        "w we od do z ze na przed po początku początkiem końca końcem koniec połowie połowy połowę przełomie "
        "pod między pomiędzy aż około ok. miesiącu miesiąca dniu i lub oraz albo a - – , ( ostatnich pierwszych"
    )
)
# Nouns of a part of the day after an adjective ("sobotni poranek", "dzisiejszy wieczór").
PART_NOUNS = {
    **{f: "MO" for f in words("poranek poranka poranku porankiem przedpołudnie przedpołudnia")},
    **{f: "AF" for f in words("popołudnie popołudnia popołudniu popołudniem")},
    **{f: "EV" for f in words("wieczór wieczoru wieczorem wieczorze")},
    **{f: "NI" for f in words("noc nocy nocą")},
}


def _initial_or_lower(doc: Doc, i: int) -> bool:
    return not doc.capitalized_inside(i)


def month_at(doc: Doc, i: int) -> list[Found] | None:
    m = px.MONTH_AT.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    has_year = bool(m["y"] or m["ry"])
    if not has_year:
        if doc.capitalized_inside(i) or doc.prev_word(i) not in MONTH_CONTEXT:
            return None
        if doc.prev_word(i) in ("i", "lub", "oraz", "albo", "a", ",", "-", "–") and not _after_date(doc, i):
            return None
    parts = with_year(Parts("date", month=lx.MONTHS[m["mon"].lower()]), m)
    return [found(doc, i, m.start(), m.end(), parts)]


def _after_date(doc: Doc, i: int) -> bool:
    """Whether the word before token ``i`` (a conjunction) follows a date ("w marcu i kwietniu")."""
    j = doc.word_before(i)
    if j is None or not doc.found:
        return False
    last = doc.found[-1]
    return last.parts.kind == "date" and 0 <= doc.start(j) - last.end <= 2


def month_adjective_at(doc: Doc, i: int) -> list[Found] | None:
    if not _initial_or_lower(doc, i):
        return None  # "Powstanie Listopadowe"
    parts = Parts("date", month=lx.MONTH_ADJECTIVES[doc.low[i]])
    return [found(doc, i, doc.start(i), doc.end(i), parts)]


def weekday_at(doc: Doc, i: int) -> list[Found] | None:
    key = doc.low[i]
    s = doc.start(i)
    if key in lx.WEEKDAY_PLURALS and doc.prev_word(i) in ("w", "we") and key not in _SINGULAR_AFTER_W:
        parts = Parts("set", literal=f"XXXX-WXX-{lx.WEEKDAY_PLURALS[key]}")
        return [found(doc, i, s, doc.end(i), parts)]
    if key not in lx.WEEKDAYS:
        return None
    nxt = doc.next_low(i)
    if doc.tok(i)[0].isupper() and nxt[:1].isalpha() and doc.tok(i + 1)[:1].isupper() and nxt not in lx.MONTHS:
        return None  # "Środa Wielkopolska", "Niedziela Palmowa" (holidays are found before)
    weekday = lx.WEEKDAYS[key]
    dated = _weekday_date(doc, i, weekday)
    if dated is not None:
        return dated
    parts = Parts("date", weekday=weekday, pick="tense")
    return [found(doc, i, s, weekday_tail(doc, i, parts, doc.end(i)), parts)]


# Accusative singulars, which "w" takes for one day ("w sobotę"); the plural set needs
# another form ("w soboty").
_SINGULAR_AFTER_W = frozenset({"sobotę", "niedzielę", "środę", "sobote"})


def _weekday_date(doc: Doc, i: int, weekday: int) -> list[Found] | None:
    """Reads "czwartek, 7 października", "wtorek 6.10.2009": the weekday joins the date after it."""
    j = i + 1
    if doc.next_low(i) == ",":
        j += 1
    if j < len(doc.low) and doc.low[j] in ("dnia", "dn"):
        j += 2 if doc.next_low(j) == "." else 1
    if not doc.joined(i, j) or not doc.low[j][0].isdigit():
        return None
    got = date_at(doc, j)
    if not got or got[0].parts.day is None:
        return None
    first = got[0]
    first.parts.weekday = weekday
    first.start = doc.start(i)
    first.end = weekday_tail(doc, i, first.parts, first.end)
    return got


def weekday_tail(doc: Doc, i: int, parts: Parts, end: int) -> int:
    """Extend a weekday or date with its week ("wtorek w przyszłym tygodniu") or a part
    of day ("w sobotę wieczorem"); returns the new end."""
    limit = doc.limit(i)
    if parts.day is None:
        m = px.WEEK_OF_WEEKDAY.match(doc.text, end, limit)
        if m is not None:
            parts.week_shift = 0 if m["this"] else (1 if m["next"] else -1)
            parts.pick = None
            end = m.end()
    new_end = with_part(doc, parts, end, limit)
    if new_end != end:
        parts.kind = "time"
    return new_end


def weekday_adjective_at(doc: Doc, i: int) -> list[Found] | None:
    if not _initial_or_lower(doc, i):
        return None
    parts = Parts("date", weekday=lx.WEEKDAY_ADJECTIVES[doc.low[i]], pick="tense")
    end = doc.end(i)
    part = PART_NOUNS.get(doc.next_low(i))
    if part is not None:
        parts.kind, parts.part, end = "time", part, doc.end(i + 1)
    return [found(doc, i, doc.start(i), end, parts)]


# "w dzisiejszym świecie", "w dzisiejszych czasach": nowadays, not a day.
_NOWADAYS = (
    "świat",
    "świecie",
    "czas",
    "realia",
    "realiach",
    "rzeczywistoś",
    "społeczeństw",
    "cywilizac",
    "epoce",
    "epoki",
)


def relative_day_at(doc: Doc, i: int) -> list[Found] | None:
    key = doc.low[i]
    if key.startswith("dzisiejsz") and doc.next_low(i).startswith(_NOWADAYS):
        return None
    parts = Parts("date", shift=("D", lx.RELATIVE_DAYS[key]))
    end = doc.end(i)
    if key not in lx.RELATIVE_DAY_ADVERBS:
        part = PART_NOUNS.get(doc.next_low(i))  # "dzisiejszy wieczór", "wczorajszej nocy"
        if part is not None:
            parts.kind, parts.part, end = "time", part, doc.end(i + 1)
    else:
        new_end = with_part(doc, parts, end, doc.limit(i))
        if new_end != end:
            parts.kind, end = "time", new_end
    return [found(doc, i, doc.start(i), end, parts)]


def year_adjective_at(doc: Doc, i: int) -> list[Found] | None:
    parts = Parts("date", shift=("Y", lx.RELATIVE_YEAR_ADJECTIVES[doc.low[i]]))
    return [found(doc, i, doc.start(i), doc.end(i), parts)]


_PLURAL_ENDINGS = ("ich", "ych", "ie", "e", "imi", "ymi")
_PLURAL_UNITS = frozenset(
    words("dni dniach dniami tygodnie tygodni tygodniach miesiące miesięcy miesiącach lata lat latach")
)


def modifier_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "w tym roku", "w ubiegły poniedziałek", "tego samego dnia", "w ostatnich latach"."""
    key = doc.low[i]
    shift, pick = lx.MODIFIERS[key]
    j = i + 1
    if doc.next_low(i) in ("samego", "samej", "sam", "samym"):
        j += 1
    nxt = doc.next_low(i, j - i)
    if not nxt:
        return None
    s, end = doc.start(i), doc.end(j)
    if key.startswith("ostatn") and (nxt in WEEK_WORDS or nxt in DAY_WORDS):
        got = week_of_month(doc, i, j, -1)
        if got:
            return got
    if nxt in lx.WEEKDAYS and key != "to":  # "a była to niedziela"
        parts = Parts("date", weekday=lx.WEEKDAYS[nxt], pick=pick)
        return _nth_weekday(doc, i, j, parts, key) or [found(doc, i, s, weekday_tail(doc, j, parts, end), parts)]
    if nxt in ("lata", "lato") and key in (
        "tego",
        "zeszłego",
        "ubiegłego",
        "przyszłego",
        "ostatniego",
        "to",
        "minionego",
    ):
        return [found(doc, i, s, end, Parts("date", season="SU", shift=("Y", shift)))]
    if nxt in lx.SEASONS and key.endswith(("ej", "a", "ą", "ę")):
        return [found(doc, i, s, end, Parts("date", season=lx.SEASONS[nxt], shift=("Y", shift)))]
    if nxt in ("nocy", "noc") and shift == -1 and not key.startswith("poprzedn"):
        # "zeszłej nocy", "minionej nocy": the night before the publication day ("poprzedniej
        # nocy" is the night before another day of the story)
        return [found(doc, i, s, end, Parts("time", shift=("D", -1), part="NI"))]
    unit = lx.UNIT_WORDS.get(nxt)
    if unit is None:
        return None
    if nxt in _PLURAL_UNITS and key.endswith(_PLURAL_ENDINGS):
        if pick == "this" and shift == 0:
            return None
        literal = "PAST_REF" if shift < 0 else "FUTURE_REF"
        return [found(doc, i, s, end, Parts("date", literal=literal))]
    if unit == "D":
        if pick == "this" and shift == 0 and key.startswith(("bieżąc", "obecn")):
            return [found(doc, i, s, end, Parts("date", shift=("D", 0)))]  # "obecnego dnia": today
        if key in ("tego", "tym", "ten", "następnego", "kolejnego", "poprzedniego", "następnym", "kolejnym"):
            return [found(doc, i, s, end, Parts("date", from_text=shift))]
        return None
    if unit == "WE":
        return [found(doc, i, s, end, Parts("date", weekend=True, pick=pick))]
    if unit in ("W", "M", "Q", "H", "Y"):
        return [found(doc, i, s, end, Parts("date", week=unit == "W", shift=(unit, shift)))]
    return None


def _nth_weekday(doc: Doc, i: int, j: int, parts: Parts, key: str) -> list[Found] | None:
    """Reads "ostatnia niedziela września": the last such weekday of the month."""
    if not key.startswith("ostatn"):
        return None
    m = px.NTH_WEEKDAY_TAIL.match(doc.text, doc.end(j), doc.limit(i))
    if m is None:
        return None
    parts.month = lx.MONTHS[m["mon"].lower()]
    parts.nth, parts.pick = -1, None
    with_year(parts, m)
    return [found(doc, i, doc.start(i), m.end(), parts)]


def after_tomorrow_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "po jutrze", a common misspelling of "pojutrze"."""
    if doc.next_low(i) != "jutrze":
        return None
    return [found(doc, i, doc.start(i), doc.end(i + 1), Parts("date", shift=("D", 2)))]


_NEXT_TO_TODAY = re.compile(r"dzień\s+(?P<dir>przed|po)\s+(?P<day>wczoraj|jutrze|dziś|dzisiaj)(?!\w)", re.IGNORECASE)


def day_next_to_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "dzień przed wczoraj" (= przedwczoraj), "dzień po jutrze" (= pojutrze)."""
    m = _NEXT_TO_TODAY.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    base = {"wczoraj": -1, "jutrze": 1}.get(m["day"].lower(), 0)
    shift = base + (-1 if m["dir"].lower() == "przed" else 1)
    return [found(doc, i, m.start(), m.end(), Parts("date", shift=("D", shift)))]


def weekend_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "w weekend", "przez weekend" (a modifier before it is read by :func:`modifier_at`)."""
    if doc.low[i] not in ("weekend", "weekendu") or doc.prev_word(i) not in ("w", "na", "przez", "podczas", "po"):
        return None
    return [found(doc, i, doc.start(i), doc.end(i), Parts("date", weekend=True, pick="tense"))]
