"""Claims in time: the date a stated quantity refers to ("as of").

The rule (:func:`as_of`):

1. Candidates are the sentence's date and time expressions whose value names a calendar
   period (a year at least: ``2023``, ``2024-Q1``, ``2030``, ``2024-05-05``; not
   ``XXXX-05-27``, ``PAST_REF``, durations or sets), outside the claim's own span, and
   not members of a range (a period "w latach 2020-2022" is not one point in time).
2. The sentence is cut into clauses at strong breaks: ";", a comma followed by a
   contrasting or adding conjunction (", a", ", ale", ", zaś", ", natomiast", ", podczas
   gdy", ", lecz", ", przy czym"), a dash between spaces, and "że"/"iż" (so the day a
   statement was made — "Wczoraj GUS podał, że inflacja wyniosła 3 proc." — does not
   date what it reports). A candidate in the claim's own clause wins; of several, the
   nearest to the claim (characters between them).
3. With no candidate in the claim's clause, a value shared by every candidate in the
   sentence is used, unless the candidates are only across a "że" (the statement's own
   date).
4. Otherwise None: the sentence does not place the quantity in time.

"do 2030 roku" gives ``2030`` (the expression's own mod, ON_OR_BEFORE, stays in the
``times`` row).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsetl.extract.times.model import TimeExpr

_CLAUSE_BREAK = re.compile(
    r";|,\s+(?:a|ale|zaś|natomiast|podczas\s+gdy|lecz|przy\s+czym|a\s+także|choć|chociaż|jednak)\s|\s-\s"
    r"|(?<!\w)(?:że|iż)(?!\w)",
    re.IGNORECASE,
)


_REPORTED = re.compile(r"(?<!\w)(?:że|iż)(?!\w)", re.IGNORECASE)


def _calendar_value(value: str) -> bool:
    return len(value) >= 4 and value[:4].isdigit()


def as_of(claim_start: int, claim_end: int, sentence_times: Sequence[TimeExpr], text: str) -> str | None:
    """TIMEX3 value placing the claim at ``[claim_start, claim_end)`` in time, or None.

    ``sentence_times`` are the expressions of the claim's sentence (from
    :func:`~newsetl.extract.times.times_in`); ``text`` is the normalized document text.
    """
    candidates = [
        t
        for t in sentence_times
        if t.type in ("date", "time")
        and t.range_part is None
        and _calendar_value(t.value)
        and (t.end <= claim_start or t.start >= claim_end)
    ]
    if not candidates:
        return None
    same_clause = [t for t in candidates if not _CLAUSE_BREAK.search(_between(text, t, claim_start, claim_end))]
    if same_clause:
        nearest = min(same_clause, key=lambda t: _distance(t, claim_start, claim_end))
        return nearest.value
    outside = [t for t in candidates if not _REPORTED.search(_between(text, t, claim_start, claim_end))]
    values = {t.value for t in outside}
    return values.pop() if len(values) == 1 else None


def _between(text: str, t: TimeExpr, claim_start: int, claim_end: int) -> str:
    return text[t.end : claim_start] if t.end <= claim_start else text[claim_end : t.start]


def _distance(t: TimeExpr, claim_start: int, claim_end: int) -> int:
    return claim_start - t.end if t.end <= claim_start else t.start - claim_end
