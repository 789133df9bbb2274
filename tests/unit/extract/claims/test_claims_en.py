"""English claims: the same record, English notations and words."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsetl.extract.claims import claims_in

Row = tuple[str, str, float | None, float | None, float | None, str, str | None]
Extract = Callable[[str, str], list[Row]]


def one(surface: str, kind: str, value: float, qualifier: str = "eq", unit: str | None = None) -> Row:
    return (surface, kind, value, None, None, qualifier, unit)


CASES: list[tuple[str, list[Row]]] = [
    ("Spending reached at least 2% of GDP.", [one("at least 2%", "percent", 2, "ge", "percent")]),
    ("More than 300 people came.", [one("More than 300", "count", 300, "gt")]),
    ("Over 5 million euros were spent.", [one("Over 5 million euros", "money", 5e6, "gt", "EUR")]),
    ("About 40 percent agreed.", [one("About 40 percent", "percent", 40, "approx", "percent")]),
    ("It lasted almost two weeks.", [one("almost two weeks", "duration", 2, "lt", "week")]),
    ("It costs under $10.", [one("under $10", "money", 10, "lt", "USD")]),
    ("He faces up to 5 years in prison.", [one("up to 5 years", "duration", 5, "le", "year")]),
    ("The deal is worth $5 million.", [one("$5 million", "money", 5e6, unit="USD")]),
    ("The deal is worth $5m.", [one("$5m", "money", 5e6, unit="USD")]),
    ("The deal is worth £2.5bn.", [one("£2.5bn", "money", 2.5e9, unit="GBP")]),
    ("The deal is worth EUR 5.", [one("EUR 5", "money", 5, unit="EUR")]),
    ("The deal is worth 5 mln USD.", [one("5", "count", 5)]),  # "mln" is Polish, not English
    ("It fell 0.5 percentage points.", [one("0.5 percentage points", "percent", 0.5, unit="pp")]),
    ("The road is 1,500 km long.", [one("1,500 km", "measure", 1500, unit="km")]),
    ("It weighs twenty-one kilograms.", [one("twenty-one kilograms", "measure", 21, unit="kg")]),
    ("The plant has 900 MW.", [one("900 MW", "measure", 900, unit="MW")]),
    ("It was 32 degrees Celsius.", [one("32 degrees Celsius", "measure", 32, unit="degC")]),
    ("A hundred and two people came.", [one("A hundred and two", "count", 102)]),
    ("Two thirds of voters agreed.", [one("Two thirds", "count", 2 / 3)]),
    ("It took three days.", [one("three days", "duration", 3, unit="day")]),
    ("Between 2 and 3 percent agreed.", [("Between 2 and 3 percent", "percent", None, 2, 3, "range", "percent")]),
    ("It costs 10-15 euros.", [("10-15 euros", "money", None, 10, 15, "range", "EUR")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_claims(sentence: str, expected: list[Row], extract: Extract) -> None:
    got = extract(sentence, "en")
    assert [r[:2] + r[5:] for r in got] == [r[:2] + r[5:] for r in expected]
    for g, e in zip(got, expected, strict=True):
        for a, b in zip(g[2:5], e[2:5], strict=True):
            assert a == pytest.approx(b) if b is not None else a is None


NOT_CLAIMS = [
    "It happened in 1979.",
    "It was signed on March 12, 2024.",
    "It was signed on 12 March 2024.",
    "We meet at 2 pm.",
    "We meet at 10:30.",
    "The 21st century began.",
    "Covid-19 spread fast.",
    "The F-16 landed.",
    "Voyager 2 is far away.",
    "Windows 11 was released.",
    "See Article 5 of the treaty.",
    "Call 555-123-4567 now.",
    "They won 2:1.",
    "Several hundred years passed.",
    "Thousands of people marched.",
    "One of them refused.",
    "It happened in the 1960s.",
    "",
]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_not_claims(sentence: str, extract: Extract) -> None:
    assert extract(sentence, "en") == []


@pytest.mark.parametrize(
    ("sentence", "obj"),
    [
        ("Two proton beams circulated.", "beam"),
        ("23 NATO countries spend 2% of GDP.", "country"),
        ("Six gallons of water are needed.", "gallon"),
    ],
)
def test_object(sentence: str, obj: str) -> None:
    assert claims_in(sentence, "en")[0].object == obj
