"""Rules at ordinals and at words that lead a date: "pierwszego marca", "w pierwszym
kwartale", "w drugiej połowie roku", "dnia 5 maja", "końca marca", "roku 1989"."""

from __future__ import annotations

from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import patterns as px
from newsetl.extract.times.model import Parts
from newsetl.extract.times.rules_clock import hour_word
from newsetl.extract.times.rules_numbers import found, with_year
from newsetl.extract.times.scan import Doc, Found

WEEK_WORDS = frozenset({"tydzień", "tygodnia", "tygodniu", "tydzien"})


DAY_WORDS = frozenset({"dzień", "dnia", "dniu", "dzien"})


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
    if nxt in WEEK_WORDS and n <= 5:
        return week_of_month(doc, i, j, n)
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
    return hour_word(doc, i, j, n)


def week_of_month(doc: Doc, i: int, j: int, n: int) -> list[Found] | None:
    """Reads "pierwszy tydzień października 2014", "ostatni tydzień września" (whole weeks);
    "ostatni dzień października"."""
    m = px.NTH_WEEKDAY_TAIL.match(doc.text, doc.end(j), doc.limit(i))
    if m is None:
        return None
    parts = Parts("date", month=lx.MONTHS[m["mon"].lower()])
    if doc.low[j] in DAY_WORDS:
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
