"""Real text: KPWr's annotated temporal expressions (read from the shared data at run time)."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsetl.extract.times import times_in
from newsetl.morph import Morphology
from newsetl.normalize.text import normalized_text
from newsetl.segment import segment


def test_absolute_dates_in_kpwr(shared_data: Path, morph: Morphology) -> None:
    """Gold dates written with a four-digit year ("24 marca 2004", "7.03.2010r.", "roku 1989") are
    found, and nineteen in twenty get exactly the gold value."""
    path = shared_data / "timex" / "kpwr_timex_pl.json"
    if not path.exists():
        pytest.skip("KPWr TIMEX data not available")
    docs = json.loads(path.read_text())["docs"]
    total = found = right = 0
    for doc in docs:
        gold = [
            g
            for g in doc["timexes"]
            if g["type"] == "date"
            and re.search(r"\d{4}", g["text"])
            and re.fullmatch(r"\d{4}(-\d\d){0,2}", g.get("val") or "")
        ]
        if not gold:
            continue
        norm = normalized_text(doc["text"])
        published = datetime.fromisoformat(doc["date"]).replace(tzinfo=UTC) if doc["date"] else None
        predicted = [
            (*norm.offsets.raw_span(t.start, t.end), t.value)
            for t in times_in(norm.text, segment(norm.text, "pl", morph=morph), "pl", published, morph=morph)
        ]
        for g in gold:
            total += 1
            hits = [v for s, e, v in predicted if s < g["end"] and g["start"] < e]
            found += bool(hits)
            right += g["val"] in hits
    assert total > 100
    assert found / total >= 0.97
    assert right / total >= 0.95
