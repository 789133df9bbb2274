"""Relative expressions resolved against the publication date, and left open without one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from .conftest import PUBLISHED, Run


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Wczoraj rząd przyjął projekt.", "XXXX-XX-XX"),
        ("Dziś wieczorem zagra orkiestra.", "XXXX-XX-XXTEV"),
        ("Koncert odbył się 27 maja.", "XXXX-05-27"),
        ("W tym roku deficyt rośnie.", "XXXX"),
        ("W przyszłym tygodniu rząd zbierze się ponownie.", "XXXX-WXX"),
        ("W poniedziałek rzecznik poinformował o zmianach.", "XXXX-WXX-1"),
        ("Dwa lata temu zamknięto kopalnię.", "XXXX"),
        ("W zeszłym miesiącu ceny wzrosły.", "XXXX-XX"),
        ("Umowę podpisano w marcu br.", "XXXX-03"),
        ("W Boże Narodzenie sklepy są zamknięte.", "XXXX-12-25"),
    ],
)
def test_without_publication_date_values_stay_open(run: Run, sentence: str, value: str) -> None:
    (t,) = run(sentence, published=None)
    assert (t.value, t.resolved, t.anchor) == (value, False, None)


def test_absolute_values_do_not_need_a_publication_date(run: Run) -> None:
    (t,) = run("Ustawa weszła w życie 5 maja 2024 r.", published=None)
    assert (t.value, t.resolved) == ("2024-05-05", False)


def test_days_are_local_to_warsaw(run: Run) -> None:
    late = datetime(2024, 5, 5, 23, 30, tzinfo=UTC)  # 01:30 on 6 May in Warsaw
    (t,) = run("Wczoraj rząd przyjął projekt.", published=late)
    assert t.value == "2024-05-05"
    (naive,) = run("Wczoraj rząd przyjął projekt.", published=datetime(2024, 5, 5, 12, 0))  # naive = UTC
    assert naive.value == "2024-05-04"


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        ("W grudniu rząd przyjął projekt.", datetime(2024, 1, 10, tzinfo=UTC), "2023-12"),
        ("W grudniu rząd przyjmie projekt.", datetime(2024, 1, 10, tzinfo=UTC), "2024-12"),
        ("27 maja zmarł znany aktor.", PUBLISHED, "2023-05-27"),
        ("27 maja rozpocznie się festiwal.", PUBLISHED, "2024-05-27"),
        ("W styczniu zostaną ogłoszone wyniki.", datetime(2024, 11, 20, tzinfo=UTC), "2025-01"),
        ("Mecz odbędzie się w sobotę, 1 lutego.", PUBLISHED, "2025-02-01"),  # the year whose 1 Feb is a Saturday
    ],
)
def test_tense_chooses_the_year(run: Run, sentence: str, published: datetime, value: str) -> None:
    (t,) = run(sentence, published=published)
    assert (t.value, t.resolved) == (value, True)


def test_week_of_a_weekday(run: Run) -> None:
    found = run("Wtorek w przyszłym tygodniu i środa tego tygodnia.")
    assert [t.value for t in found] == ["2024-05-14", "2024-05-08"]


def test_tego_dnia_takes_the_day_named_before(run: Run) -> None:
    found = run("Do zamachu doszło 11 marca 2004 r. Tego samego dnia rząd zebrał się na posiedzeniu.")
    assert [(t.value, t.anchor) for t in found] == [("2004-03-11", None), ("2004-03-11", "text")]


def test_a_deadline_is_not_the_day_of_a_later_clock_time(run: Run) -> None:
    found = run("Zgłoszenia do 2 października 2009 r. Spotkanie w środę 7 października 2009 r. Start o godz. 17.00.")
    assert [t.value for t in found] == ["2009-10-02", "2009-10-07", "2009-10-07T17:00"]


def test_the_same_input_gives_the_same_output(run: Run) -> None:
    text = "Wczoraj, 5 maja, o godz. 12 w przyszłym tygodniu i dwa lata temu."
    assert run(text) == run(text)


def test_a_date_after_na_is_a_target(run: Run) -> None:
    (t,) = run("Wybory zaplanowano na 18 maja.")  # past verb, future date
    assert t.value == "2024-05-18"


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Od listopada do lutego potrwa sezon grzewczy.", ["2024-11", "2025-02"]),
        ("Na przełomie kwietnia i maja temperatura spadnie.", ["2024-04", "2024-05"]),
        ("Od początku roku do końca września złożono 120 tys. wniosków.", ["2024", "2024-09"]),
    ],
)
def test_range_members_share_a_year(run: Run, sentence: str, values: list[str]) -> None:
    assert [t.value for t in run(sentence)] == values


def test_a_weekday_before_a_capitalized_name(run: Run) -> None:
    (t,) = run("Jak poinformowało w poniedziałek MSZ, ambasador został wezwany.")
    assert (t.text, t.value) == ("poniedziałek", "2024-05-06")
