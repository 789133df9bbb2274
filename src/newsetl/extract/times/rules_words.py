"""Rules tried at word cues: months, weekdays, relative days and periods, ordinals."""

from __future__ import annotations

import re

from newsetl.extract.claims.numbers import parse_words
from newsetl.extract.claims.profile import POLISH
from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import patterns as px
from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.rules_numbers import date_at, found, minutes_past, with_part, with_year
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
    if key.startswith("ostatn") and (nxt in _WEEK_WORDS or nxt in _DAY_WORDS):
        got = _week_of_month(doc, i, j, -1)
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


def ordinal_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "pierwszego marca", "trzeci wtorek października", "w pierwszym kwartale",
    "w drugiej połowie roku", "o trzeciej", "do dwudziestej drugiej"."""
    n = lx.ORDINALS[doc.low[i]]
    j = i + 1
    if n in (20, 30) and doc.next_low(i) in lx.ORDINALS and lx.ORDINALS[doc.next_low(i)] < 10:
        n += lx.ORDINALS[doc.next_low(i)]
        j += 1
    nxt = doc.next_low(i, j - i)
    s, limit = doc.start(i), doc.limit(i)
    if nxt in ("dzień", "dnia"):
        skip = 2 if doc.next_low(i, j - i + 1) in ("w", "we") else 1
        if doc.next_low(i, j - i + skip) in lx.MONTHS:
            j += skip
            nxt = doc.low[j]
    if nxt in lx.MONTHS and n <= 31:
        m = px.MONTH_AT.match(doc.text, doc.start(j), limit)
        if m is not None:
            parts = with_year(Parts("date", day=n, month=lx.MONTHS[m["mon"].lower()]), m)
            return [found(doc, i, s, m.end(), parts)]
    if nxt in _WEEK_WORDS and n <= 5:
        return _week_of_month(doc, i, j, n)
    if nxt in lx.WEEKDAYS and n <= 5:
        m = px.NTH_WEEKDAY_TAIL.match(doc.text, doc.end(j), limit)
        if m is not None:
            parts = with_year(Parts("date", weekday=lx.WEEKDAYS[nxt], nth=n, month=lx.MONTHS[m["mon"].lower()]), m)
            return [found(doc, i, s, m.end(), parts)]
    if (nxt.startswith("kwarta") and n <= 4) or (nxt.startswith("półrocz") and n <= 2):
        m = px.YEAR_TAIL_RX.match(doc.text, doc.end(j), limit)
        parts = Parts("date", quarter=n) if nxt.startswith("k") else Parts("date", half=n)
        end = doc.end(j)
        if m is not None and m.end() > end:
            with_year(parts, m)
            end = m.end()
        return [found(doc, i, s, end, parts)]
    if nxt in ("połowie", "połowy", "połowę", "połowa") and n <= 2:
        return _half_of(doc, i, j, n)
    return _hour_word(doc, i, j, n)


_WEEK_WORDS = frozenset({"tydzień", "tygodnia", "tygodniu", "tydzien"})
_DAY_WORDS = frozenset({"dzień", "dnia", "dniu", "dzien"})


def _week_of_month(doc: Doc, i: int, j: int, n: int) -> list[Found] | None:
    """Reads "pierwszy tydzień października 2014", "ostatni tydzień września" (whole weeks);
    "ostatni dzień października"."""
    m = px.NTH_WEEKDAY_TAIL.match(doc.text, doc.end(j), doc.limit(i))
    if m is None:
        return None
    parts = Parts("date", month=lx.MONTHS[m["mon"].lower()])
    if doc.low[j] in _DAY_WORDS:
        parts.last_day = True
    else:
        parts.month_week = n
    return [found(doc, i, doc.start(i), m.end(), with_year(parts, m))]


def _half_of(doc: Doc, i: int, j: int, n: int) -> list[Found] | None:
    k = j + 1
    if not doc.joined(i, k):
        return None
    got = doc.best_at(k)
    if got and len(got) == 1 and got[0].parts.kind == "date":
        parts = got[0].parts
        if parts.month is not None and parts.day is None:
            parts.mod = "START" if n == 1 else "END"
        elif parts.year is not None and parts.month is None and parts.decade is None:
            parts.half = n
        elif parts.century is not None:
            parts.mod = "START" if n == 1 else "END"
        else:
            return None
        return [found(doc, i, doc.start(i), got[0].end, parts)]
    if doc.low[k] == "roku":
        return [found(doc, i, doc.start(i), doc.end(k), Parts("date", half=n, shift=("Y", 0)))]
    return None


_AFTER_HOUR = frozenset({"i", "a", "lub", "albo", "do", "oraz", "-", "–", ",", ".", ";", ")", "!", "?", ":"})
_HOUR_CUES = frozenset({"o", "do", "od", "po", "przed", "około", "koło", "ok.", "godzinie", "godz.", "między", "na"})


def _hour_word(doc: Doc, i: int, j: int, n: int) -> list[Found] | None:
    """Reads "o trzeciej", "do dwudziestej", "czwartej nad ranem", "ósma wieczorem",
    "piętnasta godzina", "o trzeciej piętnaście": an hour said as an ordinal."""
    last = j - 1
    if n > 24 or not doc.low[last].endswith(("ej", "a", "ą")):
        return None
    parts = Parts("time", hour=n, minute=0)
    limit = doc.limit(i)
    end = doc.end(last)
    said = False  # something after the ordinal makes it a clock time
    if doc.next_low(last) in ("godzina", "godzinie", "godziną", "godzinę"):
        end, said = doc.end(last + 1), True
    else:
        minute = _minute_words(doc, j)
        if minute is not None:
            parts.minute, end, said = minute[0], doc.end(minute[1]), True
    with_tail = with_part(doc, parts, end, limit)
    if with_tail == end:
        if not said:
            if doc.prev_word(i) not in _HOUR_CUES or not doc.low[last].endswith(("ej", "ą")):
                return None
            if doc.next_low(last) not in _AFTER_HOUR and doc.next_low(last):
                return None
        if 1 <= n <= 6:
            parts.hour = n + 12  # "spotkanie o trzeciej": a word hour 1-6 with no part of day is p.m.
    return [found(doc, i, doc.start(i), with_tail, parts)]


def _minute_words(doc: Doc, j: int) -> tuple[int, int] | None:
    """Minutes in words at token ``j`` ("piętnaście", "dwadzieścia pięć") and the index of
    their last token."""
    said: list[str] = []
    k = j
    while doc.joined(j, k) and len(said) < 2 and POLISH.numeral(doc.low[k]) is not None:
        said.append(doc.tok(k))
        k += 1
    if not said:
        return None
    parsed = parse_words(said, POLISH)
    if parsed is None or not 0 < parsed.value < 60 or parsed.value != int(parsed.value):
        return None
    return int(parsed.value), j + parsed.consumed - 1


_BEFORE_HOUR_NOUNS = {"południa": 12, "południem": 12, "północy": 24, "północą": 24}


def quarter_hour_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "kwadrans po trzeciej", "kwadrans do południa", "wpół do szesnastej"."""
    key = doc.low[i]
    j = i + 1
    if key == "pół":  # "w pół do": the expression starts at "w"
        if doc.prev_word(i) != "w" or doc.next_low(i) != "do" or (k := doc.prev_index(i)) is None:
            return None
        i, j = k, i + 1
    if key == "kwadrans" and doc.next_low(i) == "po":
        return minutes_past(doc, i, doc.end(i), 15)
    if doc.next_low(i, j - i) not in ("do", "przed"):
        return None
    target = doc.next_low(i, j - i + 1)
    hour = _BEFORE_HOUR_NOUNS.get(target) or lx.ORDINALS.get(target) or (int(target) if target.isdigit() else None)
    if hour is None or not 1 <= hour <= 24:
        return None
    minute = 45 if key == "kwadrans" else 30
    parts = Parts("time", hour=hour - 1, minute=minute)
    end = with_part(doc, parts, doc.end(j + 1), doc.limit(i))
    return [found(doc, i, doc.start(i), end, parts)]


def day_prefix_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "dnia 5 maja", "w dniu 23.02.2008 r.", "dn. 6.03.2010": the word joins the date."""
    j = i + 1
    if doc.next_low(i) == ".":
        j += 1
    if not doc.joined(i, j) or not doc.low[j][0].isdigit():
        return None
    got = doc.best_at(j)
    if not got or got[0].parts.day is None:
        return None
    got[0].start = doc.start(i)
    return got


def part_mod_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "końca marca 2011 r.", "pod koniec lat 60.", "połowy lutego", "końcem roku"."""
    key = doc.low[i]
    j = i + 1
    if key == "pod":
        if doc.next_low(i) not in ("koniec", "początek"):
            return None
        key = doc.low[j]
        j += 1
    mod = lx.PART_MODS[key]
    if not doc.joined(i, j):
        return None
    got = doc.best_at(j)
    unit = {"roku": "Y", "miesiąca": "M", "tygodnia": "W"}.get(doc.low[j])
    if not got and unit is not None:
        parts = Parts("date", shift=(unit, 0), week=unit == "W", mod=mod)
        return [found(doc, i, doc.start(i), doc.end(j), parts)]
    if not got or got[0].parts.kind not in ("date", "time") or got[0].parts.literal:
        return None
    got[0].start = doc.start(i)
    got[0].parts.mod = mod
    return got


def year_word_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "roku 1989", "rok 2075"."""
    m = px.YEAR_AFTER_WORD.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    return [found(doc, i, m.start(), m.end(), Parts("date", year=int(m["y"])))]


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
