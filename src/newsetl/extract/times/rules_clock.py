"""Rules for clock times: digits ("12.30", "8:15"), clock words ("godz. 12"), hours said as
ordinals ("o trzeciej", "kwadrans po trzeciej") and parts of the day ("rano", "w nocy")."""

from __future__ import annotations

import re

from newsetl.extract.claims.numbers import parse_words
from newsetl.extract.claims.profile import POLISH
from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import patterns as px
from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.rules_numbers import found
from newsetl.extract.times.scan import Doc, Found

# Words before a bare number that make it a clock time ("o 15.30", "od 8:00").
CLOCK_CUES = frozenset(
    words(
        "o od do około ok. koło przed po między pomiędzy godz. godz godzina godzinie godziny godzinach godzin g. "
        "ok godzinami"
    )
)


_TO_CLOCK = re.compile(r"\s?(?:-|do\s|a\s)\s?(?P<h>[01]?\d|2[0-4])[:.](?P<mi>[0-5]\d)(?![\d]|[.,:]\d)")


def _clock_context(doc: Doc, i: int, end: int) -> bool:
    """Whether a bare "12.30" at token ``i`` is a clock time: a time word before it, a
    range to another time after it, or the end of a range that began with a time."""
    prev = doc.prev_word(i)
    if prev in CLOCK_CUES:
        return True
    if prev in ("-", "do", "a", "i") and doc.found:
        last = doc.found[-1]
        j = doc.word_before(i)
        if last.parts.kind == "time" and j is not None and 0 <= doc.start(j) - last.end <= 2:
            return True
    return _TO_CLOCK.match(doc.text, end) is not None


def clock_at(doc: Doc, i: int) -> list[Found] | None:
    s, limit = doc.start(i), doc.limit(i)
    m = px.CLOCK.match(doc.text, s, limit)
    if m is not None:
        parts = Parts("time", hour=int(m["h"]), minute=int(m["mi"]))
        end = with_part(doc, parts, m.end(), limit)
        colon = ":" in m.group()
        if end == m.end() and not (_clock_context(doc, i, m.end()) or (colon and _standalone_colon(doc, i, m))):
            return None
        to = _TO_CLOCK.match(doc.text, m.end(), limit)
        if to is not None:  # "9.00-17.00" (one token for the tokenizer)
            second = Parts("time", hour=int(to["h"]), minute=int(to["mi"]))
            end = with_part(doc, second, to.end(), limit)
            return [found(doc, i, s, m.end(), parts, "range"), found(doc, i, to.start("h"), end, second)]
        return [found(doc, i, s, end, parts)]
    m = px.HOUR_SUFFIXED.match(doc.text, s, limit)
    if m is not None:
        parts = Parts("time", hour=int(m["h"]), minute=0)
        return [found(doc, i, s, with_part(doc, parts, m.end(), limit), parts)]
    m = px.BARE_HOUR.match(doc.text, s, limit)
    if m is None:
        return None
    past = minutes_past(doc, i, m.end(), int(m["h"]))
    if past is not None:
        return past
    parts = Parts("time", hour=int(m["h"]), minute=0)
    end = with_part(doc, parts, m.end(), limit)
    if end == m.end():
        if doc.prev_word(i) not in ("o", "około", "ok.", "koło", "godz.", "godzinie"):
            return None
        nxt = doc.text[end : end + 2]
        if nxt[:1] == " " and nxt[1:].isalnum():
            return None  # "o 15 proc.", "o 5 osób"
    return [found(doc, i, s, end, parts)]


# "15 po trzeciej", "kwadrans po 3", "20 po 8 wieczorem": minutes past an hour.
_PAST_HOUR = re.compile(
    rf"\s+po\s+(?:(?P<h>[01]?\d|2[0-3])(?![\d.,:])|(?P<w>{px.alternation(lx.ORDINALS)})(?!\w))", re.IGNORECASE
)


def minutes_past(doc: Doc, i: int, end: int, minute: int) -> list[Found] | None:
    """Reads "<minute> po <hour>" starting at token ``i``; the minute ends at ``end``."""
    if not 0 < minute < 60:
        return None
    m = _PAST_HOUR.match(doc.text, end, doc.limit(i))
    if m is None:
        return None
    hour = int(m["h"]) if m["h"] else lx.ORDINALS[m["w"].lower()]
    if hour > 23:
        return None
    parts = Parts("time", hour=hour, minute=minute)
    tail = with_part(doc, parts, m.end(), doc.limit(i))
    if tail == m.end() and 1 <= hour <= 6 and (m["w"] or doc.prev_word(i) != "godz."):
        parts.hour = hour + 12  # "kwadrans po trzeciej": a spoken hour 1-6 with no part of day is p.m.
    return [found(doc, i, doc.start(i), tail, parts)]


def _standalone_colon(doc: Doc, i: int, m: re.Match[str]) -> bool:
    """Whether a colon time stands alone: "15:30" is a time unless it looks like a score ("25:23, 21:25") or ratio."""
    if len(m["h"]) == 1 or doc.prev_word(i) in ("skali", "skala", "skalę", "stosunku", "proporcji", "wynikiem"):
        return False  # "w skali 1:10"
    before = doc.text[max(0, m.start() - 8) : m.start()]
    after = doc.text[m.end() : m.end() + 8]
    return not (re.search(r"\d[:,]\s?$", before) or re.match(r",\s?\d+:\d", after) or re.match(r"\s?[-:]\s?\d", after))


def with_part(doc: Doc, parts: Parts, end: int, limit: int) -> int:
    """Extend a time with a part of day after it ("8 wieczorem"); returns the new end."""
    m = px.PART_TAIL.match(doc.text, end, limit)
    if m is None:
        return end
    part = lx.PARTS_OF_DAY[m["part"].lower()]
    hour = parts.hour
    if hour is None:
        parts.part = part
    elif hour < 12 and (part in ("AF", "EV") or (part == "NI" and hour >= 7) or (part == "MI" and hour <= 6)):
        parts.hour = hour + 12  # "8 wieczorem", "9 w nocy", "o drugiej w południe"
    return m.end()


def clock_word_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "godz. 12.30", "godzinie 19", "godz. ok. 8"."""
    m = px.CLOCK_WORD.match(doc.text, doc.start(i), doc.limit(i))
    if m is None or _counted(doc, i):
        return None
    parts = Parts("time", hour=int(m["h"]), minute=int(m["mi"] or 0), mod="APPROX" if m["approx"] else None)
    return [found(doc, i, m.start(), with_part(doc, parts, m.end(), doc.limit(i)), parts)]


def _counted(doc: Doc, i: int) -> bool:
    """ "1 godz. 15 min": a number of hours (not a date) before the clock word."""
    j = i - 1
    if j < 0 or not doc.joined(i, j) or not doc.low[j].isdigit() or len(doc.low[j]) > 2:
        return False
    return doc.start(j) == 0 or doc.text[doc.start(j) - 1] in " (\n"


# Parts of the day said alone, and those that need their preposition ("w nocy"): the
# preposition then belongs to the span. "w południe" and "o północy" are clock times.
_PART_ALONE = {"rano": "MO", "rankiem": "MO", "wieczorem": "EV", "nocą": "NI"}


_PART_AFTER = {
    ("w", "nocy"): "NI",
    ("po", "południu"): "AF",
    ("przed", "południem"): "MO",
    ("nad", "ranem"): "MO",
    ("po", "północy"): "NI",
    ("o", "świcie"): "MO",
}


_CLOCK_NOUNS = {
    ("w", "południe"): 12,
    ("około", "południa"): 12,
    ("koło", "południa"): 12,
    ("o", "północy"): 24,
    ("do", "północy"): 24,
    ("około", "północy"): 24,
    ("przed", "północą"): 24,
}


_EARLY_LATE = frozenset({"późnym", "późną", "wczesnym", "wczesną"})


PART_CUES = frozenset({*_PART_ALONE, *(w for _, w in _PART_AFTER), *(w for _, w in _CLOCK_NOUNS), *_EARLY_LATE})


def part_of_day_at(doc: Doc, i: int) -> list[Found] | None:
    key = doc.low[i]
    s, e = doc.start(i), doc.end(i)
    if key in _EARLY_LATE:
        part = _PART_ALONE.get(doc.next_low(i)) or {"popołudniem": "AF", "porankiem": "MO"}.get(doc.next_low(i))
        return [found(doc, i, s, doc.end(i + 1), Parts("time", part=part))] if part else None
    if key in _PART_ALONE:
        return [found(doc, i, s, e, Parts("time", part=_PART_ALONE[key]))]
    prev = doc.prev_word(i)
    hour = _CLOCK_NOUNS.get((prev, key))
    if hour is not None:
        return [found(doc, i, s, e, Parts("time", hour=hour, minute=0))]
    part = _PART_AFTER.get((prev, key))
    j = doc.prev_index(i)
    if part is None or j is None:
        return None
    if key == "nocy" and doc.next_low(i) == "z":
        night = _night_of(doc, i)
        if night is not None:
            return [found(doc, i, doc.start(j), night[1], night[0])]
    return [found(doc, i, doc.start(j), e, Parts("time", part=part))]


def _night_of(doc: Doc, i: int) -> tuple[Parts, int] | None:
    """ "w nocy z 5 na 6 kwietnia", "w nocy z piątku na sobotę": the night that begins on
    the first day (its parts, and where the expression ends)."""
    first = doc.best_at(i + 2)
    if not first or len(first) > 1 or not first[0].parts.has_date() or first[0].parts.kind != "date":
        return None
    k = doc.index_at(first[0].end)
    if not doc.joined(i, k) or doc.low[k] != "na":
        return None
    second = doc.best_at(k + 1) if doc.joined(i, k + 1) else None
    if not second or not second[0].parts.has_date():
        return None
    parts = first[0].parts
    if parts.day is not None and parts.month is None:
        parts.month = second[0].parts.month
    if parts.year is None and parts.year_shift is None:
        parts.year, parts.year_shift = second[0].parts.year, second[0].parts.year_shift
    parts.kind, parts.part = "time", "NI"
    return parts, second[-1].end


_AFTER_HOUR = frozenset({"i", "a", "lub", "albo", "do", "oraz", "-", "–", ",", ".", ";", ")", "!", "?", ":"})


_HOUR_CUES = frozenset({"o", "do", "od", "po", "przed", "około", "koło", "ok.", "godzinie", "godz.", "między", "na"})


def hour_word(doc: Doc, i: int, j: int, n: int) -> list[Found] | None:
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
