"""What neighbouring expressions say about each other: a date and a clock time that make
one moment, the two ends of a range, and the preposition before an expression (its mod).
"""

from __future__ import annotations

import re

from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.scan import Doc, Found

# Between a day and its time: "6.03.2010 r. godz. 10.00", "9 kwietnia o godzinie 10:00",
# "poniedziałek, godz. 20.20", "jutro o drugiej".
_DAY_THEN_TIME = re.compile(r"\s*,?\s*(?:o|około|ok\.|koło|w|we)?\s*", re.IGNORECASE)
# Between a time and its day: "o 9 rano w sobotę", "godz. 17.00, 22 listopada".
_TIME_THEN_DAY = re.compile(r"\s*,?\s*(?:w|we)?\s*", re.IGNORECASE)
_RANGE_DASH = re.compile(r"\s*[-/]\s*")
_RANGE_WORD = re.compile(r"\s+(?:do|aż\s+do)\s+", re.IGNORECASE)
_BETWEEN_AND = re.compile(r"\s+(?:a|i)\s+", re.IGNORECASE)
_LIST = re.compile(r"\s*(?:,|i|oraz|lub|albo|a)\s*", re.IGNORECASE)

# Words before an expression and the mod they give it (two-word cues first).
_MODS_2 = {"począwszy od": "ON_OR_AFTER", "aż do": "ON_OR_BEFORE", "nie później niż": "ON_OR_BEFORE"}
_MODS_1 = {
    "od": "ON_OR_AFTER",
    "do": "ON_OR_BEFORE",
    "przed": "BEFORE",
    "sprzed": "BEFORE",
    "po": "AFTER",
    "około": "APPROX",
    "ok.": "APPROX",
    "koło": "APPROX",
    "ponad": "MORE_THAN",
    "przeszło": "MORE_THAN",
    "powyżej": "MORE_THAN",
    "niespełna": "LESS_THAN",
    "prawie": "LESS_THAN",
}
_DURATION_MODS = frozenset({"APPROX", "MORE_THAN", "LESS_THAN"})


def merge_moments(doc: Doc, found: list[Found]) -> list[Found]:
    """Join a day and a clock time next to each other into one time expression."""
    out: list[Found] = []
    k = 0
    while k < len(found):
        a = found[k]
        b = found[k + 1] if k + 1 < len(found) else None
        if b is not None and _paragraph(doc, a) == _paragraph(doc, b) and a.link is None:
            gap = doc.text[a.end : b.start]
            day, clock = (a, b) if _is_day(a.parts) and b.parts.needs_date() else (b, a)
            fits = (_DAY_THEN_TIME if day is a else _TIME_THEN_DAY).fullmatch(gap)
            if fits and _is_day(day.parts) and clock.parts.needs_date() and (day is a or b.link is None):
                day.parts.kind = "time"
                day.parts.hour, day.parts.minute, day.parts.part = (
                    clock.parts.hour,
                    clock.parts.minute,
                    clock.parts.part,
                )
                day.parts.mod = day.parts.mod or clock.parts.mod
                out.append(Found(a.start, b.end, day.parts, a.sentence_idx, b.link))
                k += 2
                continue
        out.append(a)
        k += 1
    return out


def _paragraph(doc: Doc, f: Found) -> int:
    return doc.seg.sentences[f.sentence_idx][2]


def _is_day(parts: Parts) -> bool:
    return parts.kind == "date" and parts.hour is None and parts.part is None and parts.has_date()


def link_ranges(doc: Doc, found: list[Found]) -> tuple[list[tuple[str | None, str | None]], list[bool]]:
    """Range roles ("start"/"end"/None) and mods of each expression, and whether each is
    tied to the next one (a range or a list: "od listopada do lutego", "w marcu i
    kwietniu"); fills a member's missing day-month from the member after it."""
    roles: list[str | None] = [None] * len(found)
    tied = [False] * len(found)
    for k in range(len(found) - 1):
        a, b = found[k], found[k + 1]
        if _paragraph(doc, a) != _paragraph(doc, b):
            continue
        gap = doc.text[a.end : b.start]
        before = _words_before(doc, a.start, 2)
        ranged = a.link == "range" or (
            a.link is None
            and _same_family(a.parts, b.parts)
            and (
                _RANGE_DASH.fullmatch(gap) is not None
                or (_RANGE_WORD.fullmatch(gap) is not None and before[-1:] in (["od"], ["z"], ["ze"]))
                or (_BETWEEN_AND.fullmatch(gap) is not None and before[-1:] in (["między"], ["pomiędzy"]))
            )
        )
        listed = a.link == "list" or (a.link is None and _LIST.fullmatch(gap) is not None)
        tied[k] = ranged or listed
        if ranged:
            roles[k] = "start" if roles[k] is None else roles[k]
            roles[k + 1] = "end"
    for k in range(len(found) - 2, -1, -1):  # right to left: "5, 6 i 8 maja"
        if tied[k]:
            _fill_from(found[k].parts, found[k + 1].parts)
    result: list[tuple[str | None, str | None]] = []
    for k, f in enumerate(found):
        mod = None if roles[k] is not None else _mod_before(doc, f)
        if mod in _DURATION_MODS and f.parts.kind != "duration" and mod != "APPROX":
            mod = None
        if mod is not None and f.parts.kind == "duration" and mod not in _DURATION_MODS:
            mod = None
        result.append((roles[k], mod or f.parts.mod))
    return result, tied


# Accusative (= nominative) month names: "przełożono na wrzesień" names a target.
_MONTH_TARGETS = frozenset(
    words("styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień październik listopad grudzień")
)


def is_target(doc: Doc, f: Found) -> bool:
    """ "zaplanowano na 18 maja", "przełożono na piątek", "na wrzesień": a date after "na"
    is a target, later than the statement whatever the verb's tense."""
    if _words_before(doc, f.start, 1) != ["na"] or f.parts.feast:
        return False  # "na Wszystkich Świętych przyjechali": a holiday after "na" is when, not a target
    return f.parts.day is not None or f.parts.weekday is not None or doc.text[f.start : f.end].lower() in _MONTH_TARGETS


# Words of habitual clock times: opening hours ("czynne w godzinach 9-17", "otwarty od 8 do 16").
_HABITUAL = re.compile(r"(?i)\b(?:czynn|nieczynn|otwart|godzinach\b)")


def is_habitual(doc: Doc, f: Found, found: list[Found]) -> bool:
    """A clock time of every day rather than of one: opening hours ("czynne w godzinach
    9-17"), or beside a repetition in its sentence ("codziennie o 8", "w poniedziałki o
    18")."""
    start, end, _ = doc.seg.sentences[f.sentence_idx]
    if _HABITUAL.search(doc.text, start, end) is not None:
        return True
    return any(g.sentence_idx == f.sentence_idx and g.parts.kind == "set" for g in found)


# Words before a time of comparison: "więcej niż w 1997 r.", "w porównaniu z 2019 r.".
_COMPARISON = frozenset(words("niż porównaniu wobec względem stosunku analogicznym podobnym"))


def is_compared(doc: Doc, f: Found) -> bool:
    """A time named for comparison ("o 38 proc. więcej niż w podobnym okresie 1997 r.")."""
    return not _COMPARISON.isdisjoint(_words_before(doc, f.start, 4))


def _same_family(a: Parts, b: Parts) -> bool:
    if a.kind != b.kind or a.kind not in ("date", "time") or a.literal or b.literal:
        return False
    return (a.year is None) == (b.year is None) or a.month is not None or a.day is not None


def _fill_from(a: Parts, b: Parts) -> None:
    """Completes "1" in "1-5 lipca 2024", "23 marca" in "23 marca - 3 kwietnia 2009", "kwietnia" in
    "od kwietnia do czerwca tego roku": the first member takes what only the second says."""
    if a.kind == "date" and a.day is not None and a.month is None:
        a.month = b.month
    if a.year is None and a.year_shift is None and a.shift is None and a.month is not None:
        a.year, a.year_shift = b.year, b.year_shift


def _words_before(doc: Doc, start: int, n: int) -> list[str]:
    """Up to ``n`` lower-cased words right before offset ``start`` (same line)."""
    head = doc.text[max(0, start - 40) : start]
    words = re.findall(r"[\w.]+", head.split("\n")[-1].lower())
    return words[-n:]


def _mod_before(doc: Doc, f: Found) -> str | None:
    words = _words_before(doc, f.start, 3)
    if len(words) >= 2 and " ".join(words[-2:]) in _MODS_2:
        return _MODS_2[" ".join(words[-2:])]
    if len(words) >= 3 and " ".join(words[-3:]) in _MODS_2:
        return _MODS_2[" ".join(words[-3:])]
    if words and words[-1] in _MODS_1:
        return _MODS_1[words[-1]]
    return None
