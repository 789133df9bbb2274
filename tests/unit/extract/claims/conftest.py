"""Fixtures for the claims tests: one Morfeusz wrapper and a helper that runs the extractor."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsetl.extract.claims import claims_in
from newsetl.morph import Morphology

Row = tuple[str, str, float | None, float | None, float | None, str, str | None]


@pytest.fixture(scope="session")
def morph() -> Morphology:
    return Morphology()


@pytest.fixture(scope="session")
def extract(morph: Morphology) -> Callable[[str, str], list[Row]]:
    """Claims of one sentence as (surface, kind, value, low, high, qualifier, unit) rows."""

    def run(sentence: str, lang: str = "pl") -> list[Row]:
        return [
            (sentence[c.start : c.end], c.kind, c.value, c.low, c.high, c.qualifier, c.unit)
            for c in claims_in(sentence, lang, morph)
        ]

    return run
