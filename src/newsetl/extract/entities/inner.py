"""Finer NKJP types inside a top-level entity span: person-name parts, the settlement named
inside an organisation name, and a place name's subtype.

A second, small CRF (``inner.crfsuite``) reads the tokens of one span at a time, knowing the
span's type, and labels them:

* persName: the parts ``forename``, ``surname``, ``addName`` ("Jan Paweł II" → forename
  "Jan", forename "Paweł", addName "II"), BIO (``B-forename``), ``O`` for other tokens;
* orgName: ``B-settlement``/``I-settlement`` for a place named inside the organisation name
  ("Uniwersytetu Medycznego w Pekinie" → "Pekinie"), ``O`` elsewhere;
* placeName: one label for every token, the span's subtype (``P-country``, ``P-settlement``,
  ``P-region``, ``P-district``, ``P-bloc``, or ``P-none``).

It is trained on the gold spans of the training split (``scripts/train_ner.py``) and applied
to the spans the main CRF predicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsetl.extract.entities.features import WordInfo
from newsetl.spans import SpanPart

INNER_TYPES = frozenset({"persName", "orgName", "placeName"})
PLACE_PREFIX = "P-"
NO_SUBTYPE = "none"


_PART_LABEL = {"forename": "persName", "surname": "persName", "addName": "persName", "settlement": "placeName"}


def inner_features(words: Sequence[WordInfo], outer: str, before: WordInfo | None) -> list[list[str]]:
    """Feature lists for the tokens of one span of type ``outer`` (``before``: the word
    preceding the span in its sentence, if any)."""
    n = len(words)
    size = f"n={min(n, 4)}"
    rows: list[list[str]] = []
    for i, w in enumerate(words):
        row = [f"o={outer}", size, f"i={min(i, 3)}", *w.own]
        if i == n - 1:
            row.append("last")
        prev = words[i - 1] if i > 0 else before
        row.append(f"-1w={prev.lower if prev else '<s>'}")
        if prev is not None:
            row.extend(f"-1{f}" for f in prev.own if f.startswith(("q=", "lx=", "sh=")))
        if i + 1 < n:
            nxt = words[i + 1]
            row.append(f"+1w={nxt.lower}")
            row.extend(f"+1{f}" for f in nxt.own if f.startswith(("q=", "lx=", "sh=")))
        else:
            row.append("+1w=</span>")
        rows.append(row)
    return rows


def inner_reading(first_token: int, labels: Sequence[str]) -> tuple[str | None, tuple[SpanPart, ...]]:
    """The span's subtype (place names) and its parts from the inner labels of its tokens.

    A place name's subtype is the most frequent ``P-`` label of its tokens (ties: the
    earlier one); parts are runs of ``B-x I-x ...`` (an ``I-`` that does not continue a part
    of its kind starts one).
    """
    places = [lab[len(PLACE_PREFIX) :] for lab in labels if lab.startswith(PLACE_PREFIX)]
    subtype = None
    if places:
        best = Counter(places).most_common(1)[0][0]
        subtype = None if best == NO_SUBTYPE else best
    parts: list[SpanPart] = []
    start, cur = -1, ""
    for i, tag in enumerate([*labels, "O"]):
        kind = tag[2:] if tag[:2] in ("B-", "I-") else ""
        continues = tag.startswith("I-") and kind == cur
        if cur and not continues:
            parts.append(SpanPart(first_token + start, first_token + i, _PART_LABEL[cur], cur))
            cur = ""
        if kind in _PART_LABEL and not continues:
            start, cur = i, kind
    return subtype, tuple(parts)
