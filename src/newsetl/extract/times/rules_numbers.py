"""Rules tried where a token starts with a digit: dates, years, clock times, durations."""

from __future__ import annotations

import re

from newsetl.extract.claims.profile import POLISH
from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import patterns as px
from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.scan import Doc, Found

# Words before a bare 4-digit number that make it anything but a year.
NOT_YEAR_BEFORE = frozenset(
    words(
        "nr nr. numer numeru numerem ul. ul al. tel. tel poz. poz art. art str. s. kod pkt ust. par. § "
        "godz. godz min. x + = ok. około ponad prawie niemal blisko"
    )
)
# Counted nouns after a bare 4-digit number ("2000 osób"): a quantity, not a year.
_COUNTED = frozenset(
    words(
        "osób osoby ludzi mieszkańców pracowników uczniów dzieci żołnierzy sztuk egzemplarzy razy punktów "
        "głosów miejsc mieszkań domów samochodów km m metrów ton kg hektarów ha złotych euro dolarów lat "
        "dni godzin minut sekund zł"
    )
)
_DURATION_UNIT_NAMES = frozenset({"year", "decade", "quarter", "month", "week", "day", "hour", "minute", "second"})


def _valid_day(d: int, m: int | None = None) -> bool:
    return 1 <= d <= 31 and (m is None or 1 <= m <= 12)


def _full_year(text: str) -> int:
    y = int(text)
    if len(text) == 2:
        return 2000 + y if y < 50 else 1900 + y
    return y


def _year_shift(ry: str | None) -> int | None:
    if not ry:
        return None
    low = ry.lower()
    if low.startswith(("ub", "zeszł", "poprzedn")) or "ubiegł" in low or "zeszł" in low:
        return -1
    if "przyszł" in low or "następn" in low:
        return 1
    return 0


def with_year(parts: Parts, m: re.Match[str]) -> Parts:
    """Copy the year (digits or "br."-like) of a YEAR_TAIL match into ``parts``."""
    y = m.groupdict().get("y")
    if y:
        parts.year = _full_year(y)
    else:
        parts.year_shift = _year_shift(m.groupdict().get("ry"))
    return parts


def relative_year_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "br." (this year), "ub.r." (last year) standing alone ("do końca br.")."""
    m = px.REL_YEAR_RX.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    return [found(doc, i, m.start(), m.end(), Parts("date", shift=("Y", _year_shift(m["ry"]) or 0)))]


def found(doc: Doc, i: int, start: int, end: int, parts: Parts, link: str | None = None) -> Found:
    return Found(start, end, parts, doc.sentence(i), link)


# --- full dates ---------------------------------------------------------------------------


def date_at(doc: Doc, i: int, pos: int | None = None) -> list[Found] | None:
    """The longest full date at token ``i`` (or at offset ``pos`` inside it)."""
    s = doc.start(i) if pos is None else pos
    limit = doc.limit(i)
    best: Found | None = None
    for rx in (px.ISO_DATE, px.NUMERIC_DATE, px.DAY_MONTH, px.DAY_ROMAN, px.DAY_ABBR):
        m = rx.match(doc.text, s, limit)
        if m is None or (best is not None and m.end() <= best.end):
            continue
        parts = _date_parts(rx, m)
        if parts is not None and not (rx is px.DAY_MONTH and _street(doc, i, m)):
            best = found(doc, i, s, m.end(), parts)
    if best is not None and best.parts.day is not None:
        paren = px.WEEKDAY_PAREN.match(doc.text, best.end, limit)
        if paren is not None:
            best.parts.weekday = lx.WEEKDAYS[paren["wd"].lower()]
            best.end = paren.end()
    return [best] if best else None


_STREET_WORDS = frozenset(
    words("ul. ul ulica ulicy ulicę ulicą al. al aleja alei aleję pl. pl placu plac placem rondo ronda rondzie osiedle")
)


def _street(doc: Doc, i: int, m: re.Match[str]) -> bool:
    """ "ul. 15 Sierpnia", "al. 3 Maja": a name (capitalized month after a street word)."""
    return m["mon"][0].isupper() and doc.prev_word(i) in _STREET_WORDS


def _date_parts(rx: re.Pattern[str], m: re.Match[str]) -> Parts | None:
    g = m.groupdict()
    d = int(g["d"])
    if rx is px.ISO_DATE or rx is px.NUMERIC_DATE:
        month = int(g["m"])
        if not _valid_day(d, month):
            return None
        parts = Parts("date", year=_full_year(g["y"]), month=month, day=d)
        if g.get("h") is not None:
            parts.kind, parts.hour, parts.minute = "time", int(g["h"]), int(g["mi"])
        return parts
    if rx is px.DAY_MONTH:
        month = lx.MONTHS[g["mon"].lower()]
    elif rx is px.DAY_ROMAN:
        month = lx.ROMAN_MONTHS[g["rom"]]
    else:
        month = lx.MONTH_ABBREVIATIONS[g["ab"].lower()]
    if not _valid_day(d, month):
        return None
    return with_year(Parts("date", month=month, day=d), m)


def day_list(doc: Doc, i: int, depth: int = 0) -> list[Found] | None:
    """Reads "6-7.03.2010", "3 i 10 sierpnia", "5, 6 i 8 maja": a day, then (recursively, up
    to eight days) a date whose month and year the first day shares; the link pass copies
    them over."""
    if depth > 7:
        return None
    m = px.DAY_LIST_HEAD.match(doc.text, doc.start(i), doc.limit(i))
    if m is None or not _valid_day(int(m["d"])):
        return None
    prev = doc.word_before(i)
    if m["sep"] == "," and prev is not None and (doc.capitalized_inside(prev) or doc.prev_word(i).endswith(".")):
        return None  # "ul. Listopadowej 6, 22 listopada": a house number
    j = doc.index_at(m.end())
    if not doc.joined(i, j):
        return None
    rest = day_list(doc, j, depth + 1) or date_at(doc, j)
    if not rest or rest[-1].parts.day is None or rest[-1].parts.month is None:
        return None
    sep = m["sep"].lower()
    link = "range" if sep in ("-", "do") else "list"
    first = found(doc, i, m.start(), m.start("d") + len(m["d"]), Parts("date", day=int(m["d"])), link)
    return [first, *rest]


# --- clock times --------------------------------------------------------------------------


# --- years --------------------------------------------------------------------------------


def _bare_year_ok(doc: Doc, i: int, y: int, end: int) -> bool:
    if doc.prev_word(i) in NOT_YEAR_BEFORE:
        return False
    j = i - 1
    if doc.joined(i, j) and doc.low[j][0].isdigit():
        return False  # "12 2000", a group of digits
    unit = POLISH.unit_re.match(doc.text, end)
    if unit is not None and unit.lastgroup not in _DURATION_UNIT_NAMES:
        return False
    nxt = doc.text[end : end + 16].split(maxsplit=1)
    if nxt and doc.text[end : end + 1] == " ":
        word = nxt[0].rstrip(".,;:)")
        if word.lower() in _COUNTED or (len(word) <= 4 and word.isalpha() and any(c.isupper() for c in word[1:])):
            return False  # "2000 osób", "2000 mAh"
    if 1900 <= y <= 2099:
        return True
    return 1000 <= y < 1900 and doc.prev_word(i) in ("w", "we", "od", "do", "z", "ze", "roku", "rok", "po", "przed")


def year_at(doc: Doc, i: int) -> list[Found] | None:
    s, limit = doc.start(i), doc.limit(i)
    m = px.YEAR_RANGE.match(doc.text, s, limit)
    if m is not None:
        y1, y2 = int(m["y1"]), _range_end_year(m["y1"], m["y2"])
        if (
            y2 is not None
            and 1000 <= y1 < y2
            and _bare_year_ok(doc, i, y1, m.start("sep"))
            and (m["sep"] != "/" or y2 == y1 + 1)
            and (m.end() > m.end("y2") or _bare_year_ok(doc, i, y2, m.end()))
        ):
            first = found(doc, i, s, m.end("y1"), Parts("date", year=y1), "range")
            second = found(doc, i, m.start("y2"), m.end(), Parts("date", year=y2))
            return [first, second]
    m = px.YEAR.match(doc.text, s, limit)
    if m is None:
        return None
    digits = m["y"]
    y = int(digits)
    if m["bc"]:
        bc = not m["bc"].lower().startswith("n")
        return [found(doc, i, s, m.end(), Parts("date", year=y, bc=bc))]
    if m["ym"]:
        if y < 100 or len(digits) > 4:
            return None
        return [found(doc, i, s, m.end(), Parts("date", year=y))]
    if len(digits) == 4 and _bare_year_ok(doc, i, y, m.end()):
        return [found(doc, i, s, m.end(), Parts("date", year=y))]
    return None


def _range_end_year(first: str, second: str) -> int | None:
    if len(second) == 4:
        return int(second)
    y = int(first) // 100 * 100 + int(second)
    return y if y > int(first) else y + 100


# --- durations and offsets ----------------------------------------------------------------


def duration_value(n: float, unit: str) -> str:
    amount = str(int(n)) if n == int(n) else f"{n:g}"
    if unit.startswith("T"):
        return f"PT{amount}{unit[1]}"
    return f"P{amount}{unit}"


def offset_parts(n: float, unit: str, sign: int) -> Parts | None:
    """Reads "3 dni temu" (sign -1), "za 2 lata" (sign +1) as a date relative to the reference."""
    if n != int(n) or unit.startswith("T"):
        return None
    k = int(n) * sign
    if unit == "W":
        return Parts("date", shift=("D", 7 * k))
    if unit == "DE":
        return Parts("date", shift=("Y", 10 * k))
    if unit == "CE":
        return None
    return Parts("date", shift=(unit, k))


_FROM_TODAY = re.compile(r"\s+od\s+(?:dziś|dzisiaj|dzis|teraz)(?!\w)", re.IGNORECASE)


def from_today(doc: Doc, end: int, limit: int) -> int | None:
    """End of "od dziś" after an amount ("3 lata od dziś": three years from now)."""
    m = _FROM_TODAY.match(doc.text, end, limit)
    return m.end() if m else None


def amount_at(doc: Doc, i: int) -> list[Found] | None:
    s, limit = doc.start(i), doc.limit(i)
    m = px.DURATION.match(doc.text, s, limit)
    if m is None:
        return None
    unit = lx.DURATION_UNITS[m["u"].lower().rstrip(".")]
    n = float(m["n"].replace(",", "."))
    if unit == "Y" and n >= 1000 and m["u"].lower().startswith("r"):
        return None  # "2024 roku" is a year
    later = from_today(doc, m.end(), limit) if not m["ago"] else None
    if m["ago"] or later or doc.prev_word(i) == "za":
        parts = offset_parts(n, unit, -1 if m["ago"] else 1)
        if parts is not None:
            return [found(doc, i, s, later or m.end(), parts)]
    end = m.start("ago") - 1 if m["ago"] else m.end()
    return [found(doc, i, s, end, Parts("duration", literal=duration_value(n, unit)))]


def quarter_at(doc: Doc, i: int) -> list[Found] | None:
    m = px.QUARTER_DIGIT.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    return [found(doc, i, m.start(), m.end(), with_year(Parts("date", quarter=int(m["q"])), m))]
