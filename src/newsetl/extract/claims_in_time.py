"""Where the times extractor meets the others: pure glue, one function per rule.

* :func:`within_sentences` — a temporal expression is a span of one sentence, like every
  other extracted span; the few that the sentence splitter cut in two ("24. II. 1993",
  "w dniach 3-10. sierpnia": 3 of 4,229 on NKJP) are left out rather than stored across a
  boundary.
* :func:`claims_context` — what the claims extractor reads besides names: dates and clock
  times as blocked spans, so the numbers inside them never become claims (durations and
  sets stay claimable: "przez cztery lata" is a duration claim).
* :func:`claims_placed_in_time` — each claim's ``as_of``, by the times extractor's rule
  (:func:`newsetl.extract.times.as_of`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from newsetl.extract.times import TimeExpr, as_of
from newsetl.spans import Claim, Mention, Segmentation

# Time types whose numbers are never claims (the claims extractor blocks these labels).
_BLOCKING = frozenset({"date", "time"})


def within_sentences(times: Sequence[TimeExpr], seg: Segmentation) -> list[TimeExpr]:
    """The expressions that lie inside the sentence they are assigned to (one that starts
    in the sentence before, "w dn. 4 listopada" split after "dn.", is dropped too)."""
    return [
        t for t in times if seg.sentences[t.sentence_idx][0] <= t.start and t.end <= seg.sentences[t.sentence_idx][1]
    ]


def claims_context(mentions: Sequence[Mention], times: Sequence[TimeExpr]) -> list[Mention]:
    """Name mentions plus the dates and times as date/time-labelled spans, in text order."""
    blocked = [Mention(t.sentence_idx, t.start, t.end, t.type, None, t.text, "") for t in times if t.type in _BLOCKING]
    return sorted([*mentions, *blocked], key=lambda m: (m.start, m.end))


def claims_placed_in_time(claims: Sequence[Claim], times: Sequence[TimeExpr], text: str) -> list[Claim]:
    """``claims`` with ``as_of`` set from the expressions of each claim's sentence."""
    by_sentence: dict[int, list[TimeExpr]] = {}
    for t in times:
        by_sentence.setdefault(t.sentence_idx, []).append(t)
    return [
        dataclasses.replace(c, as_of=as_of(c.start, c.end, by_sentence[c.sentence_idx], text))
        if c.sentence_idx in by_sentence
        else c
        for c in claims
    ]
