"""Fixtures for the times tests: one Morfeusz wrapper and a helper that runs the normaliser."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from newsetl.extract.times import TimeExpr, times_in
from newsetl.morph import Morphology
from newsetl.normalize.text import normalized_text
from newsetl.segment import segment

# A Monday: 2024-05-06 10:00 UTC (12:00 in Warsaw).
PUBLISHED = datetime(2024, 5, 6, 10, 0, tzinfo=UTC)

Run = Callable[..., list[TimeExpr]]


@pytest.fixture(scope="session")
def morph() -> Morphology:
    return Morphology()


@pytest.fixture(scope="session")
def run(morph: Morphology) -> Run:
    """Expressions of a text, normalized and segmented as in the pipeline."""

    def go(text: str, published: datetime | None = PUBLISHED, lang: str | None = "pl") -> list[TimeExpr]:
        norm = normalized_text(text).text
        return times_in(norm, segment(norm, lang, morph=morph), lang, published, morph=morph)

    return go


@pytest.fixture(scope="session")
def one(run: Run) -> Callable[..., TimeExpr]:
    """The single expression of a text (fails if there is not exactly one)."""

    def go(text: str, published: datetime | None = PUBLISHED) -> TimeExpr:
        found = run(text, published)
        assert len(found) == 1, [(t.text, t.value) for t in found]
        return found[0]

    return go
