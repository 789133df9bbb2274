"""Temporal expressions: every date, time, duration and set as a TIMEX3 value.

Rules, not a model: cue tokens (month and weekday names, digits, "wczoraj", "godz.",
"w tym roku"…) trigger anchored patterns (:mod:`.scan`, :mod:`.cues`, the ``rules_*``
modules and :mod:`.holidays`); neighbouring expressions
are joined into moments and ranges (:mod:`.link`); values are computed against the
publication date (:mod:`.resolve`), with the sentence's tense choosing between the last
and the next "wtorek" or "27 maja" (:mod:`.tense`), unless the text is telling of a year
it has just named (:mod:`.narrative`). Value conventions are in
:mod:`.model`. Polish only: other languages give no expressions.

This component is the one source of temporal spans in the pipeline: NER's
``date``/``time`` mentions are not kept, because TIMEX3 values need a rule-based
normaliser anyway and KPWr's TIMEX gold lets spans and values be tuned together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from newsetl.extract.times import cues
from newsetl.extract.times.claims_time import as_of
from newsetl.extract.times.link import is_compared, is_habitual, is_target, link_ranges, merge_moments
from newsetl.extract.times.model import Parts, TimeExpr
from newsetl.extract.times.narrative import Focus, narrative_year, next_focus, open_year
from newsetl.extract.times.resolve import Resolved, on_day, reference_date, resolve
from newsetl.extract.times.scan import Doc, Found, scan
from newsetl.extract.times.tense import SentenceTenses
from newsetl.morph import Morphology
from newsetl.segment.rules import default_morphology
from newsetl.spans import Segmentation

EXTRACTOR_NAME = "newsetl.times.rules"
EXTRACTOR_VERSION = "1.1.0"

__all__ = ["EXTRACTOR_NAME", "EXTRACTOR_VERSION", "TimeExpr", "as_of", "reference_date", "times_in"]


def _year_of(r: Resolved) -> int | None:
    return int(r.value[:4]) if r.value[:4].isdigit() else None


def _share_years(found: list[Found], values: list[Resolved], tied: list[bool], ref: date | None) -> None:
    """The two members of a range or list are in one year, or the second in the next:
    "od początku roku do końca września", "od listopada do lutego", "w marcu i kwietniu"."""
    for k in range(len(found) - 1):
        if not tied[k]:
            continue
        a, b = found[k].parts, found[k + 1].parts
        ya, yb = _year_of(values[k]), _year_of(values[k + 1])
        if open_year(b) and not open_year(a) and ya is not None:
            b.year = ya + (1 if a.month is not None and b.month is not None and b.month < a.month else 0)
            values[k + 1] = _again(b, ref, values[k + 1], values[k])
        elif open_year(a) and yb is not None:
            a.year = yb - (1 if b.month is not None and a.month is not None and a.month > b.month else 0)
            values[k] = _again(a, ref, values[k], values[k + 1])


def _bare_weekday(parts: Parts) -> bool:
    return parts.weekday is not None and parts.day is None and parts.nth is None and parts.week_shift is None


def _order_weekdays(
    found: list[Found],
    values: list[Resolved],
    roles: list[tuple[str | None, str | None]],
    tense: Callable[[Found], str],
) -> None:
    """The two weekdays of a range are one span of days: "od poniedziałku do piątku" read
    one by one could give next Monday and this Friday. With a future verb the end follows
    the start (next week); otherwise the start comes before the end (this week's Monday
    to Friday while they last, "trwa"; the last ones, "trwały")."""
    for k in range(len(found) - 1):
        a, b = found[k].parts, found[k + 1].parts
        first, last = values[k].day, values[k + 1].day
        if roles[k][0] != "start" or not (_bare_weekday(a) and _bare_weekday(b)) or first is None or last is None:
            continue
        if last >= first:
            continue
        assert a.weekday is not None and b.weekday is not None
        gap = timedelta(days=(b.weekday - a.weekday) % 7 or 7)
        if tense(found[k]) == "future":
            values[k + 1] = on_day(b, first + gap)
        else:
            values[k] = on_day(a, last - gap)


def _again(parts: Parts, ref: date | None, before: Resolved, partner: Resolved) -> Resolved:
    r = resolve(parts, ref, lambda: "none")
    r.used_reference = before.used_reference or partner.used_reference
    return r


_NOT_ANCHORS = frozenset({"BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER"})


def times_in(
    text: str,
    seg: Segmentation,
    lang: str | None,
    published: datetime | None,
    *,
    morph: Morphology | None = None,
    anchored: bool = True,
) -> list[TimeExpr]:
    """Temporal expressions of a normalized text, in text order, without overlaps.

    ``published`` (UTC, or naive meaning UTC) is the reference for relative expressions
    ("wczoraj", "w przyszłym tygodniu", "27 maja"); without it they keep ``X`` for what
    they leave open and ``resolved`` is False. ``morph`` reads verb tenses (only in
    sentences holding an expression whose year or week the tense decides); the shared
    analyser is used when omitted.

    ``anchored=False`` gives the values *as written*: nothing is taken from the
    publication date or from an earlier day of the text, so every part the expression
    does not state itself stays ``X`` ("27 maja" → ``XXXX-05-27``, "godz. 15" after "7
    października 2024" → ``XXXX-XX-XXT15:00``). The spans are the same either way.
    """
    if lang not in (None, "pl") or not seg.tokens:
        return []
    doc = Doc.of(text, seg, cues.CUES, cues.NUMBERS)
    found = merge_moments(doc, scan(doc))
    roles, tied = link_ranges(doc, found)
    ref = reference_date(published) if anchored else None
    tenses: SentenceTenses | None = None

    def tense_at(sentence_idx: int, position: int) -> str:
        nonlocal tenses
        if tenses is None:
            tenses = SentenceTenses(text, seg, morph or default_morphology(), doc.starts)
        return tenses.at(sentence_idx, position)

    values: list[Resolved] = []
    # The last day named so far, for "godz. 15" and "tego dnia": not a bound ("do 2
    # października" is a deadline) nor a member of a range of days ("3-10 sierpnia").
    anchor: Resolved | None = None
    # The year the text is telling of ("1 września 1939 r. … 17 września"), see .narrative.
    focus: Focus | None = None
    from_story = [False] * len(found)
    for k, (f, (role, mod)) in enumerate(zip(found, roles, strict=True)):
        tense = "future" if is_target(doc, f) else None
        f.parts.habitual = f.parts.needs_date() and is_habitual(doc, f, found)
        if anchored and focus is not None and open_year(f.parts):
            year = narrative_year(f.parts, f.sentence_idx, focus, ref, tense or tense_at(f.sentence_idx, f.start))
            if year is not None:
                f.parts.year, from_story[k] = year, True
        r = resolve(f.parts, ref, lambda f=f, t=tense: t or tense_at(f.sentence_idx, f.start), anchor)  # type: ignore[misc]
        values.append(r)
        if anchored:
            compared = f.parts.year is not None and is_compared(doc, f)
            focus = next_focus(focus, f.parts, r.value, f.sentence_idx, mod, r.used_reference, role, compared)
        if anchored and r.day is not None and (role is None or f.parts.kind == "time") and mod not in _NOT_ANCHORS:
            anchor = r
    _order_weekdays(found, values, roles, lambda f: tense_at(f.sentence_idx, f.start))
    _share_years(found, values, tied, ref)
    out: list[TimeExpr] = []
    for k, (f, r) in enumerate(zip(found, values, strict=True)):
        role, mod = roles[k]
        end_value = values[k + 1].value if role == "start" and k + 1 < len(values) else None
        texted = from_story[k] or r.from_text
        out.append(
            TimeExpr(
                sentence_idx=f.sentence_idx,
                start=f.start,
                end=f.end,
                text=text[f.start : f.end],
                type=f.parts.kind,
                value=r.value,
                resolved=r.used_reference,
                anchor="text" if texted else ("published" if r.used_reference else None),
                mod=mod,
                end_value=end_value,
                range_part=role,
            )
        )
    return out
