"""Polish public and customary holidays: fixed dates, days counted from Easter, and the
rule that finds their names."""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsetl.extract.times import patterns as px
from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.rules_numbers import found, with_year
from newsetl.extract.times.scan import Doc, Found

_DAY = r"Dzie(?:ń|nia|niu|ńem)"
_FEAST = r"Święt(?:o|a|em|u)"
# (pattern, month, day) for fixed dates; (pattern, None, days after Easter Sunday).
_HOLIDAYS: list[tuple[str, int | None, int]] = [
    (r"drugi(?:m|ego)?\s+dzie(?:ń|nia|niu)\s+(?:świąt\s+)?Bożego\s+Narodzenia", 12, 26),
    (r"Wigili(?:a|i|ę|ą)(?:\s+Bożego\s+Narodzenia)?", 12, 24),
    (r"(?:[Śś]wię(?:ta|t|tach|tom)\s+)?Boż(?:e|ego|ym)\s+Narodzeni(?:e|a|u|em)", 12, 25),
    (r"[Ss]ylwest(?:er|ra|rze|rem)", 12, 31),
    (r"Now(?:y|ego|ym)\s+Rok(?:u|iem)?", 1, 1),
    (rf"(?:{_FEAST}\s+)?Trzech\s+Króli", 1, 6),
    (rf"{_FEAST}\s+Pracy", 5, 1),
    (rf"{_FEAST}\s+Konstytucji(?:\s+(?:3|Trzeciego)\s+Maja)?", 5, 3),
    (rf"(?:Narodow(?:e|ego|ym)\s+)?{_FEAST}\s+Niepodległości", 11, 11),
    (rf"(?:(?:{_DAY}|{_FEAST})\s+)?Wszystkich\s+Świętych", 11, 1),
    (rf"[Zz]aduszk(?:i|ach|ami)|[Zz]aduszek|{_DAY}\s+Zaduszn(?:y|ego|ym)", 11, 2),
    (rf"{_DAY}\s+Kobiet", 3, 8),
    (r"[Ww]alentynk(?:i|ach|ami)|[Ww]alentynek", 2, 14),
    (r"[Mm]ikołajk(?:i|ach|ami)|[Mm]ikołajek", 12, 6),
    (rf"{_DAY}\s+(?:Matki|Mamy)", 5, 26),
    (rf"{_DAY}\s+(?:Ojca|Taty)", 6, 23),
    (rf"{_DAY}\s+Dziecka", 6, 1),
    (r"Halloween", 10, 31),
    (r"[Aa]ndrzejk(?:i|ach|ami)|[Aa]ndrzejek", 11, 29),
    (rf"{_FEAST}\s+Wojska\s+Polskiego|Wniebowzięci(?:e|a|u)(?:\s+Najświętszej\s+Maryi\s+Panny)?", 8, 15),
    (r"Niedziel(?:a|i|ę|ą)\s+Wielkanocn(?:a|ej|ą)|Wielkanoc(?:y|ą)?|Wielkiej\s+Nocy", None, 0),
    (r"Poniedział(?:ek|ku|kiem)\s+Wielkanocn(?:y|ego|ym)|[Ll]an(?:y|ego|ym)\s+Poniedział(?:ek|ku|kiem)", None, 1),
    (r"Wielk(?:i|iego|im)\s+Czwart(?:ek|ku|kiem)", None, -3),
    (r"Wielk(?:i|iego|im)\s+Piąt(?:ek|ku|kiem)", None, -2),
    (r"Wielk(?:a|iej|ą|ę)\s+Sobot(?:a|y|ę|ą|ie)", None, -1),
    (r"Niedziel(?:a|i|ę|ą)\s+Palmow(?:a|ej|ą)", None, -7),
    (r"Popielec|Popielc(?:a|u|em)|Środ(?:a|y|ę|zie|ą)\s+Popielcow(?:a|ej|ą)", None, -46),
    (r"Tłust(?:y|ego|ym)\s+Czwart(?:ek|ku|kiem)", None, -52),
    (r"Zielon(?:e|ych|ymi)\s+Świąt(?:ki|ek|kach|kami)|Zesłani(?:e|a|u)\s+Ducha\s+Świętego", None, 49),
    (r"Boż(?:e|ego|ym)\s+Cia(?:ło|ła|łem|le)", None, 60),
]
HOLIDAY = re.compile("|".join(f"(?P<h{k}>{p})" for k, (p, _, _) in enumerate(_HOLIDAYS)) + r"(?!\w)")
THANKSGIVING = re.compile(rf"{_DAY}\s+Dziękczynienia|Dziękczynieni(?:e|a|u)|Święt(?:o|a|em|u)\s+Dziękczynienia")
# First words of the names, lower-cased: the cues of :func:`holiday_at`.
CUE_WORDS = frozenset(
    w.lower()
    for w in re.findall(
        r"[A-Za-ząćęłńóśźżĄĆĘŁŃÓŚŹŻ]+",
        "drugi drugim drugiego Wigilia Wigilii Wigilię Wigilią święta świąt świętach świętom Święta Świąt Świętach "
        "Boże Bożego Bożym Sylwester sylwestra sylwestrze sylwestrem Nowy Nowego Nowym Trzech Święto Świętem Świętu "
        "Narodowe Narodowego Narodowym Dzień Dnia Dniu Dniem Wszystkich Zaduszki Zaduszkach Zaduszkami Zaduszek "
        "Walentynki Walentynkach Walentynkami Walentynek Mikołajki Mikołajkach Mikołajkami Mikołajek Halloween "
        "Andrzejki Andrzejkach Andrzejkami Andrzejek Wniebowzięcie Wniebowzięcia Wniebowzięciu Niedziela Niedzieli "
        "Niedzielę Niedzielą Wielkanoc Wielkanocy Wielkanocą Wielkiej Poniedziałek Poniedziałku Poniedziałkiem Lany "
        "Lanego Lanym Wielki Wielkiego Wielkim Wielka Wielką Wielkę Popielec Popielca Popielcu Popielcem Środa "
        "Środy Środę Środzie Środą Tłusty Tłustego Tłustym Zielone Zielonych Zielonymi Zesłanie Zesłania Zesłaniu "
        "Dziękczynienie Dziękczynienia Dziękczynieniu",
    )
)


def easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian calendar; the anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    m = (32 + 2 * e + 2 * i - h - k) % 7
    n = (a + 11 * h + 22 * m) // 451
    month = (h + m - 7 * n + 114) // 31
    day = (h + m - 7 * n + 114) % 31 + 1
    return date(year, month, day)


def easter_offset_date(year: int, offset: int) -> date:
    return easter(year) + timedelta(days=offset)


# Wishes before "Nowego Roku": the year, not its first day ("Szczęśliwego Nowego Roku").
_WISHES = frozenset(words("szczęśliwego wesołego udanego pomyślnego dobrego spokojnego zdrowego radosnego wspaniałego"))


_IN = frozenset(("w", "we", "nadchodzącym", "zbliżającym", "rozpoczynającym", "rozpoczętym"))


_OTHER_YEARS = ("szkoln", "akademick", "liturgiczn", "budżetow", "obrachunkow", "rozliczeniow", "podatkow", "sportow")


def _the_new_year(doc: Doc, i: int) -> list[Found] | None:
    """ "w nowym roku", "w Nowym Roku", "Szczęśliwego Nowego Roku": the coming year, where
    "Nowy Rok", "w Nowy Rok", "od Nowego Roku" are its first day."""
    low, nxt, prev = doc.low[i], doc.next_low(i), doc.prev_word(i)
    if nxt != "roku" or not ((low == "nowym" and prev in _IN) or (low == "nowego" and prev in _WISHES)):
        return None
    if doc.next_low(i, 2).startswith(_OTHER_YEARS):
        return None  # "w nowym roku szkolnym": a school year, not a calendar one
    return [found(doc, i, doc.start(i), doc.end(i + 1), Parts("date", new_year=True))]


def holiday_at(doc: Doc, i: int) -> list[Found] | None:
    year = _the_new_year(doc, i)
    if year is not None:
        return year
    s, limit = doc.start(i), doc.limit(i)
    m = HOLIDAY.match(doc.text, s, limit)
    if m is not None and m.lastgroup is not None:
        _, month, day = _HOLIDAYS[int(m.lastgroup[1:])]
        if month == 12 and day == 31 and not _sylwester_ok(doc, i):
            return None
        parts = Parts("date", month=month, day=day) if month is not None else Parts("date", easter=day)
        parts.feast = True
    else:
        m = THANKSGIVING.match(doc.text, s, limit)
        if m is None:
            return None
        parts = Parts("date", month=11, weekday=4, nth=4)
    end = m.end()
    tail = px.YEAR_TAIL_RX.match(doc.text, end, limit)
    if tail is not None and tail.end() > end:
        with_year(parts, tail)
        end = tail.end()
    return [found(doc, i, s, end, parts)]


def _sylwester_ok(doc: Doc, i: int) -> bool:
    """Whether "Sylwester" is the holiday: it is also a first name: capitalized, it needs a preposition before it and
    no surname after it."""
    if not doc.tok(i)[0].isupper():
        return True
    nxt = doc.tok(i + 1) if doc.next_low(i) else ""
    if nxt[:1].isupper():
        return False
    return not doc.capitalized_inside(i) or doc.prev_word(i) in (
        "w",
        "na",
        "po",
        "przed",
        "do",
        "od",
        "za",
        "noc",
        "nocy",
    )
