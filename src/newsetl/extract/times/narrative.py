"""The year a narrative is in: "Wojna wybuchła 1 września 1939 r. 17 września do Polski
wkroczyła Armia Czerwona" — the second date is in 1939, not in the publication's year.

A day or month stated without a year normally takes its year from the publication date
and the verb's tense (:mod:`.resolve`). But when the text has just named a year of its
own (a date, month or year with its year written out, at most ``REACH`` sentences
before), the story is told in that year, and the day or month is read in it — or in the next
year when that puts it nearer the day named ("w grudniu 2022 r. … w lutym" is February
2023, "15 sierpnia 2006 … od 1 sierpnia" the same August). The narrative year is used only when it agrees with the tense
as seen from the publication date (before it: a past verb or none, as in a chronicle
"1990 12 lutego."; after it: not a past verb), or, in a text without a publication
date, with a past verb; otherwise the usual rule decides. A bound ("od 1990 roku", "do
2030 r.") or a year of comparison ("więcej niż w 1997 r.") does not set the year of the
story. An expression resolved against the publication
date ("wczoraj", "w tym roku", "27 maja" read in the publication's year) brings the
story back to the present and ends the narrative.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from newsetl.extract.times.model import Parts

# How many sentences a year named in the text carries to a day or month without one.
REACH = 2

# Bounds do not set the time of a story: "do 2030 roku", "przed 1989 r.", "od 1990 roku"
# (a state since then).
_BOUNDS = frozenset({"BEFORE", "ON_OR_BEFORE", "AFTER", "ON_OR_AFTER"})


@dataclass(frozen=True, slots=True)
class Focus:
    """The last time the text named with its year: year, month and day as known."""

    year: int
    month: int | None
    day: int | None
    sentence_idx: int


def open_year(parts: Parts) -> bool:
    """A day or month whose year the text does not say ("27 maja", "w grudniu")."""
    return parts.month is not None and parts.year is None and parts.year_shift is None and parts.shift is None


def _reads(parts: Parts) -> bool:
    """Whether the narrative year may be given to ``parts``: a plain day or month (a
    weekday beside the date picks its own year, "sobota, 2 lutego"; a movable feast or
    an n-th weekday needs its own calendar)."""
    return (
        open_year(parts)
        and parts.weekday is None
        and parts.easter is None
        and parts.nth is None
        and parts.month_week is None
        and parts.kind in ("date", "time")
    )


def _days_into(month: int, day: int | None) -> int:
    """Approximate day of the year (a month without a day counts from its middle)."""
    return (month - 1) * 30 + (day or 15)


def narrative_year(parts: Parts, sentence_idx: int, focus: Focus | None, ref: date | None, tense: str) -> int | None:
    """The year of the story for a day or month written without one, or None (then the
    publication date and the tense decide). ``tense`` is the nearest verb's."""
    if focus is None or not _reads(parts) or sentence_idx - focus.sentence_idx > REACH:
        return None
    assert parts.month is not None
    year = focus.year
    if focus.month is not None and _days_into(parts.month, parts.day) < _days_into(focus.month, focus.day):
        # Before the focus in its year, or after it in the next: the nearer of the two
        # ("w grudniu 2022 r. … w lutym" → February 2023; "15 sierpnia … od 1 sierpnia" → the same August).
        back = _days_into(focus.month, focus.day) - _days_into(parts.month, parts.day)
        year += 1 if back > 365 - back else 0
    if ref is None:  # nothing to check the year against: only a story told in the past
        return year if tense == "past" else None
    day = (year, parts.month, parts.day or 0)
    now = (ref.year, ref.month, ref.day if parts.day else 0)
    if day < now and tense not in ("past", "none"):
        return None  # a past year for a present or future verb ("od 1990 r. … w czerwcu zamierza")
    if day > now and tense == "past":
        return None
    return year


def next_focus(
    focus: Focus | None,
    parts: Parts,
    value: str,
    sentence_idx: int,
    mod: str | None,
    used_reference: bool,
    range_part: str | None,
    compared: bool = False,
) -> Focus | None:
    """The narrative focus after an expression: a date, month or year with its year
    written (or given by the narrative) becomes the focus; one resolved against the
    publication date ends it; anything else — a range ("w sezonie 2006/07", "w latach
    2020-2022" name no one year), a bound ("do 2030 roku"), a year of comparison
    (``compared``: "więcej niż w 1997 r.") — leaves it as it was."""
    kinds = ("date", "time")
    if parts.kind not in kinds or parts.literal is not None or not value[:4].isdigit() or range_part is not None:
        return focus
    if parts.year is not None and parts.century is None and parts.decade is None and not parts.bc:
        if mod in _BOUNDS or compared:
            return focus
        return Focus(int(value[:4]), parts.month, parts.day, sentence_idx)
    if used_reference:
        return None
    return focus
