"""The hand-annotated derived-form gold (tests/data/derived_gold.tsv): each listed span,
tagged as a name in a sentence of its own, gets the gold ``derived`` value and base
entity (≥ 95% of the rows). (``scripts/eval_entities.py`` measures the same on every corpus
occurrence the tagger finds.)"""

from __future__ import annotations

import re
from pathlib import Path

from newsetl.extract.entities.identity import group_entity_id, headword
from newsetl.extract.entities.lexicon import load_entity_lexicon
from newsetl.extract.entities.mentions import mentions_in
from newsetl.morph import Morphology
from newsetl.spans import Segmentation

GOLD = Path(__file__).resolve().parents[3] / "data" / "derived_gold.tsv"
TARGET = 0.95


def _rows() -> list[list[str]]:
    rows = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and not line.startswith("surface\t"):
            rows.append(line.split("\t"))
    return rows


_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
_PREFIX = "Mówiono o "


def _one_span_document(surface: str) -> tuple[str, Segmentation, int, int]:
    """ "Mówiono o <surface> wczoraj." as one sentence, and the surface's token range."""
    text = f"{_PREFIX}{surface} wczoraj."
    tokens = [(m.start(), m.end(), 0) for m in _TOKEN.finditer(text)]
    first = next(i for i, t in enumerate(tokens) if t[0] == len(_PREFIX))
    end = next(i for i, t in enumerate(tokens) if t[1] == len(_PREFIX) + len(surface)) + 1
    return text, Segmentation([(0, len(text))], [(0, len(text), 0)], tokens), first, end


def test_gold_has_300_reviewed_rows() -> None:
    rows = _rows()
    assert len(rows) == 300
    assert all(r[2] in ("adjective", "inhabitant", "name", "none") for r in rows)
    assert all((r[2] == "none") == (r[3] == "") for r in rows)


def test_derived_gold_rows() -> None:
    morph = Morphology()
    lexicon = load_entity_lexicon()
    wrong = []
    rows = _rows()
    for surface, _count, derived, base, group in rows:
        text, seg, first, end = _one_span_document(surface)
        # the label does not decide a derived form's base; a person's group does
        label = "persName" if group == "person" else "placeName"
        mentions = mentions_in(text, seg, [(0, first, end, label, None)], morph, lexicon)
        if derived == "none":
            ok = not mentions
        else:
            expected = group_entity_id(group, headword(lexicon.canonical(base)))
            ok = len(mentions) == 1 and (mentions[0].derived or "name") == derived and mentions[0].entity_id == expected
        if not ok:
            wrong.append((surface, [(m.derived, m.entity_name) for m in mentions]))
    accuracy = 1 - len(wrong) / len(rows)
    assert accuracy >= TARGET, wrong
