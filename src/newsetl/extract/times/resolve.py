"""TIMEX3 values from :class:`~newsetl.extract.times.model.Parts` and a reference date.

The reference is the publication date (a local date; see :func:`reference_date`). What
the text leaves open is computed from it: "wczoraj" is the day before, "w tym roku" its
year, "27 maja" the 27th of May of the year the sentence's tense points to (the last one
for a past tense, the next for a future one, the reference's own year otherwise), a bare
weekday the last one (past tense, the reference day included) or the next one; a
holiday named without a verb ("Boże Narodzenie") is the next one; a clock time with no
day of its own and none named before it is on the reference day (unless habitual:
"czynne w godzinach 9-17"). Without a reference those parts stay ``X``.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from newsetl.extract.times.holidays import easter_offset_date
from newsetl.extract.times.model import Parts

_WARSAW = ZoneInfo("Europe/Warsaw")


def reference_date(published: datetime | None) -> date | None:
    """The local (Europe/Warsaw) calendar date of a publication time; a naive time is UTC.

    "Wczoraj" in an article published at 23:30 UTC on 5 May (01:30 on 6 May in Warsaw)
    is 5 May.
    """
    if published is None:
        return None
    if published.tzinfo is None:
        published = published.replace(tzinfo=ZoneInfo("UTC"))
    return published.astimezone(_WARSAW).date()


@dataclass(slots=True)
class Resolved:
    value: str
    used_reference: bool
    day: date | None  # the calendar day named, when there is one (anchors later expressions)
    ymd: tuple[int | None, int | None, int | None]  # year, month, day as known (for partial anchors)
    from_text: bool = False  # the day came from an earlier day of the text ("tego dnia", "o godz. 15")


Tense = Callable[[], str]  # "past" | "future" | "present" | "none", computed on demand


def resolve(parts: Parts, ref: date | None, tense: Tense, anchor: Resolved | None = None) -> Resolved:
    """The value of ``parts``; ``anchor`` is the last day named earlier in the text (for
    "tego dnia" and clock times without a day)."""
    if parts.literal is not None:
        return Resolved(parts.literal, False, None, (None, None, None))
    if parts.bc:
        return Resolved(f"BC{parts.year:04d}", False, None, (None, None, None))
    if parts.decade is not None:
        return Resolved(f"{parts.decade}", False, None, (None, None, None))
    if parts.century is not None and parts.year is None:
        return Resolved(f"{parts.century:02d}", False, None, (None, None, None))
    if parts.new_year:
        return _new_year(ref)
    if parts.from_text is not None:
        return _from_text(parts, anchor)
    if parts.shift is not None:
        return _shifted(parts, ref)
    if parts.weekday is not None and parts.day is None and parts.nth is None:
        return _weekday(parts, ref, tense)
    return _calendar(parts, ref, tense, anchor)


# --- formatting -------------------------------------------------------------------------------


def _ymd(y: int | None, m: int | None = None, d: int | None = None) -> str:
    text = "XXXX" if y is None else f"{y:04d}"
    if m is None and d is None:
        return text
    text += "-XX" if m is None else f"-{m:02d}"
    if d is not None:
        text += f"-{d:02d}"
    return text


def _clock(parts: Parts) -> str:
    if parts.hour is not None:
        return f"T{parts.hour:02d}:{parts.minute or 0:02d}"
    if parts.part is not None:
        return f"T{parts.part}"
    return ""


def _with_clock(parts: Parts, day_value: str) -> str:
    clock = _clock(parts)
    if not clock:
        return day_value
    if len(day_value) == 4 or len(day_value) == 7:  # a time needs a whole day
        day_value = "XXXX-XX-XX"
    return day_value + clock


def _day(d: date | None, parts: Parts, used: bool) -> Resolved:
    if d is None:
        return Resolved(_with_clock(parts, "XXXX-XX-XX"), False, None, (None, None, None))
    return Resolved(_with_clock(parts, d.isoformat()), used, d, (d.year, d.month, d.day))


def on_day(parts: Parts, d: date) -> Resolved:
    """The value of ``parts`` moved to day ``d`` (found from the publication date)."""
    return _day(d, parts, True)


# --- relative ---------------------------------------------------------------------------------


def _from_text(parts: Parts, anchor: Resolved | None) -> Resolved:
    if anchor is None or anchor.day is None:
        return _day(None, parts, False)
    r = _day(anchor.day + timedelta(days=parts.from_text or 0), parts, anchor.used_reference)
    r.from_text = True
    return r


def _new_year(ref: date | None) -> Resolved:
    """ "w nowym roku": the next year when said in the second half of one, else the one
    just begun ("w nowym roku" in a January article)."""
    if ref is None:
        return Resolved("XXXX", False, None, (None, None, None))
    year = ref.year + (1 if ref.month >= 7 else 0)
    return Resolved(f"{year:04d}", True, None, (year, None, None))


def _add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _shifted(parts: Parts, ref: date | None) -> Resolved:
    assert parts.shift is not None
    unit, n = parts.shift
    none = (None, None, None)
    if unit == "D":
        return _day(None if ref is None else ref + timedelta(days=n), parts, True)
    if unit == "W":
        if ref is None:
            return Resolved("XXXX-WXX", False, None, none)
        iso = (ref + timedelta(weeks=n)).isocalendar()
        return Resolved(f"{iso[0]:04d}-W{iso[1]:02d}", True, None, none)
    if unit == "M":
        if ref is None:
            return Resolved("XXXX-XX", False, None, none)
        year, month = _add_months(ref.year, ref.month, n)
        return Resolved(_ymd(year, month), True, None, (year, month, None))
    if unit == "Q":
        if ref is None:
            return Resolved("XXXX-QX", False, None, none)
        k = ref.year * 4 + (ref.month - 1) // 3 + n
        return Resolved(f"{k // 4:04d}-Q{k % 4 + 1}", True, None, none)
    # years (and halves, seasons, parts of a year said relative to it: "w tym roku")
    y = None if ref is None else ref.year + n
    if parts.half is not None:
        return Resolved(f"{_ymd(y)}-H{parts.half}", y is not None, None, none)
    if parts.season is not None:
        return Resolved(f"{_ymd(y)}-{parts.season}", y is not None, None, none)
    return Resolved(_ymd(y), y is not None, None, (y, None, None))


def _weekday(parts: Parts, ref: date | None, tense: Tense) -> Resolved:
    assert parts.weekday is not None
    wd = parts.weekday
    if ref is None:
        return Resolved(_with_clock(parts, f"XXXX-WXX-{wd}"), False, None, (None, None, None))
    today = ref.isoweekday()
    if parts.week_shift is not None:
        d = ref + timedelta(days=wd - today + 7 * parts.week_shift)
    else:
        pick = parts.pick or "tense"
        if pick == "tense":
            pick = "past_incl" if tense() == "past" else "next"
        if pick == "past":
            d = ref - timedelta(days=(today - wd - 1) % 7 + 1)
        elif pick == "past_incl":
            d = ref - timedelta(days=(today - wd) % 7)
        elif pick == "this":
            d = ref + timedelta(days=(wd - today) % 7)
        elif pick == "next_week":
            d = ref + timedelta(days=wd - today + 7)
        else:  # next
            d = ref + timedelta(days=(wd - today - 1) % 7 + 1)
    return _day(d, parts, True)


def _weekend(parts: Parts, ref: date | None, tense: Tense) -> Resolved:
    if ref is None:
        return Resolved("XXXX-WXX-WE", False, None, (None, None, None))
    pick = parts.pick or "this"
    if pick == "tense":  # "w weekend": the last one for a past tense (this one on Sat/Sun), else the next
        pick = ("this" if ref.isoweekday() >= 6 else "past") if tense() == "past" else "next"
    shift = {"past": -1, "next_week": 1}.get(pick, 0)
    if pick == "next" and ref.isoweekday() == 7:
        shift = 1
    y, w, _ = (ref + timedelta(weeks=shift)).isocalendar()
    return Resolved(f"{y:04d}-W{w:02d}-WE", True, None, (None, None, None))


# --- calendar dates ----------------------------------------------------------------------------


_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _pick_year(parts: Parts, ref: date, tense: Tense) -> int:
    """The year of a day, month, quarter or season stated without one."""
    if parts.year_shift is not None:
        return ref.year + parts.year_shift
    if parts.weekday is not None and parts.day is not None and parts.month is not None and parts.nth is None:
        for y in (ref.year, ref.year + 1, ref.year - 1):  # "sobota, 2 lutego": the year that fits
            if _valid(y, parts.month, parts.day) and date(y, parts.month, parts.day).isoweekday() == parts.weekday:
                return y
    t = tense()
    if t in ("none", "present") and (parts.easter is not None or parts.nth is not None or _is_feast(parts)):
        t = "future"  # a holiday named in a verbless or present phrase is the next one ("Boże Narodzenie")
    if t not in ("past", "future"):
        return ref.year
    if parts.easter is not None:
        d = easter_offset_date(ref.year, parts.easter)
        key, now = (d.month, d.day), (ref.month, ref.day)
    elif parts.day is not None and parts.month is not None:
        key, now = (parts.month, parts.day), (ref.month, ref.day)
    else:
        month = parts.month or (
            (parts.quarter - 1) * 3 + 1 if parts.quarter else (1 if parts.half == 1 else 7) if parts.half else None
        )
        month = month or _SEASON_MONTH.get(parts.season or "", 1)
        key, now = (month, 0), (ref.month, 0)
    if t == "past":
        return ref.year - 1 if key > now else ref.year
    return ref.year + 1 if key < now else ref.year


def _is_feast(parts: Parts) -> bool:
    return parts.feast


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def _calendar(parts: Parts, ref: date | None, tense: Tense, anchor: Resolved | None) -> Resolved:
    none = (None, None, None)
    y = parts.year
    used = False
    needs_year = y is None and (
        parts.month is not None
        or parts.day is not None
        or parts.quarter
        or parts.half
        or parts.season
        or parts.easter is not None
    )
    if needs_year and ref is not None:
        y, used = _pick_year(parts, ref, tense), True
    if parts.weekend:
        return _weekend(parts, ref, tense)
    if parts.quarter is not None:
        return Resolved(f"{_ymd(y)}-Q{parts.quarter}", used, None, none)
    if parts.half is not None:
        return Resolved(f"{_ymd(y)}-H{parts.half}", used, None, none)
    if parts.season is not None:
        return Resolved(f"{_ymd(y)}-{parts.season}", used, None, none)
    if parts.easter is not None:
        return _day(None if y is None else easter_offset_date(y, parts.easter), parts, used)
    if parts.month_week is not None and parts.month is not None:
        if y is None:
            return Resolved("XXXX-WXX", False, None, none)
        return Resolved(_month_week(y, parts.month, parts.month_week), used, None, none)
    if parts.last_day and parts.month is not None:
        last = None if y is None else date(y, parts.month, calendar.monthrange(y, parts.month)[1])
        return _day(last, parts, used)
    if parts.nth is not None and parts.month is not None and parts.weekday is not None:
        return _day(None if y is None else _nth_weekday(y, parts.month, parts.weekday, parts.nth), parts, used)
    m, d = parts.month, parts.day
    if parts.kind == "time" and m is None and d is None and y is None:
        if anchor is not None and anchor.day is not None:  # "godz. 15" after "7 października"
            day = anchor.day
            return Resolved(_with_clock(parts, day.isoformat()), anchor.used_reference, day, anchor.ymd, True)
        if ref is not None and not parts.habitual:  # "Przed godziną 17 doszło do zderzenia": that day
            # No ``day``: a day taken by default is no anchor for "tego dnia" or later clock times.
            return Resolved(_with_clock(parts, ref.isoformat()), True, None, (ref.year, ref.month, ref.day))
        return Resolved(_with_clock(parts, "XXXX-XX-XX"), False, None, none)
    if y is not None and m is not None and d is not None and _valid(y, m, d):
        day = date(y, m, d)
        return Resolved(_with_clock(parts, day.isoformat()), used, day, (y, m, d))
    value = _ymd(y, m, d)
    return Resolved(_with_clock(parts, value), used, None, (y, m, d))


def _nth_weekday(y: int, month: int, weekday: int, nth: int) -> date | None:
    days = [d for d in range(1, calendar.monthrange(y, month)[1] + 1) if date(y, month, d).isoweekday() == weekday]
    if nth == -1:
        return date(y, month, days[-1])
    return date(y, month, days[nth - 1]) if nth <= len(days) else None


def _month_week(y: int, month: int, n: int) -> str:
    """ISO week of the n-th (or last, -1) week lying wholly in the month."""
    last = calendar.monthrange(y, month)[1]
    mondays = [d for d in range(1, last - 5) if date(y, month, d).isoweekday() == 1]
    monday = date(y, month, mondays[-1] if n == -1 else mondays[min(n, len(mondays)) - 1])
    iso = monday.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"
