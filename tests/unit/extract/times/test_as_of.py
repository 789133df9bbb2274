"""Claims placed in time: ``as_of`` picks the expression that dates a quantity."""

from __future__ import annotations

import pytest

from newsetl.extract.times import as_of

from .conftest import Run


def _as_of(run: Run, sentence: str, claim: str) -> str | None:
    start = sentence.index(claim)
    return as_of(start, start + len(claim), run(sentence), sentence)


@pytest.mark.parametrize(
    ("sentence", "claim", "expected"),
    [
        ("W 2023 r. wydatki wyniosły 2 proc. PKB.", "2 proc.", "2023"),
        ("Do 2030 roku wydatki na obronę wzrosną do 4 proc. PKB.", "4 proc.", "2030"),
        ("W 2023 r. wydatki wyniosły 2 proc. PKB, a w 2024 r. 3 proc.", "2 proc.", "2023"),
        ("W 2023 r. wydatki wyniosły 2 proc. PKB, a w 2024 r. 3 proc.", "3 proc.", "2024"),
        ("W I kwartale 2024 r. PKB wzrósł o 0,5 proc.", "0,5 proc.", "2024-Q1"),
        ("Wydatki wyniosły 2 proc. PKB.", "2 proc.", None),
        ("W latach 2020-2022 dług wzrósł o 5 proc.", "5 proc.", None),  # a period, not a point
        ("Co roku wydajemy 5 mln zł na drogi.", "5 mln zł", None),  # a set
        ("Pracował tam przez cztery lata i zarobił 10 tys. zł.", "10 tys. zł", None),  # a duration
        ("Wczoraj GUS podał, że inflacja wyniosła 3 proc.", "3 proc.", None),  # the day it was said
        ("GUS podał wczoraj, że w marcu 2024 r. inflacja wyniosła 3 proc.", "3 proc.", "2024-03"),
    ],
)
def test_as_of(run: Run, sentence: str, claim: str, expected: str | None) -> None:
    assert _as_of(run, sentence, claim) == expected
