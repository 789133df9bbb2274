"""Each family of expression the normaliser covers: span, type and TIMEX3 value.

Publication date in these tests: Monday 2024-05-06 (see conftest)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsetl.extract.times import TimeExpr

from .conftest import Run

One = Callable[..., TimeExpr]


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Ustawa weszła w życie 5 maja 2024 r. po podpisie.", "5 maja 2024 r.", "2024-05-05"),
        ("Termin minął 12.03.2024, jak podano.", "12.03.2024", "2024-03-12"),
        ("Raport opublikowano 2024-03-01.", "2024-03-01", "2024-03-01"),
        ("Wojna wybuchła 1 IX 1939 r.", "1 IX 1939 r.", "1939-09-01"),
        ("Zmarł 7-go października 2010 roku.", "7-go października 2010 roku", "2010-10-07"),
        ("Umowę podpisano dnia 28 marca 2002 r. w Gdańsku.", "dnia 28 marca 2002 r.", "2002-03-28"),
        ("Wybory odbyły się pierwszego marca 2020 roku.", "pierwszego marca 2020 roku", "2020-03-01"),
    ],
)
def test_day_month_year(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.type, t.value, t.resolved) == (surface, "date", value, False)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Inflacja spadła w marcu 2022 r. do 5 proc.", "marcu 2022 r.", "2022-03"),
        ("W 2023 roku wydatki wzrosły.", "2023 roku", "2023"),
        ("Zespół powstał w latach 90.", "latach 90.", "199"),
        ("Muzyka lat siedemdziesiątych wraca.", "lat siedemdziesiątych", "197"),
        ("Zamek pochodzi z XVI w.", "XVI w.", "15"),
        ("W I kwartale 2024 r. PKB wzrósł.", "I kwartale 2024 r.", "2024-Q1"),
        ("W drugim półroczu 2023 r. sprzedaż spadła.", "drugim półroczu 2023 r.", "2023-H2"),
        ("Wiosną 2010 otwarto park.", "Wiosną 2010", "2010-SP"),
        ("Miasto założono w 450 r. p.n.e.", "450 r. p.n.e.", "BC0450"),
    ],
)
def test_months_years_and_periods(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.value) == (surface, value)


@pytest.mark.parametrize(
    ("sentence", "surface", "clock"),
    [
        ("Spotkanie zaczęło się o godz. 12.30.", "godz. 12.30", "T12:30"),
        ("Pociąg odjechał o 8:15.", "8:15", "T08:15"),
        ("Koncert zacznie się o dwudziestej.", "dwudziestej", "T20:00"),
        ("Wrócił o 9 wieczorem.", "9 wieczorem", "T21:00"),
        ("Obrady trwały do północy.", "północy", "T24:00"),
    ],
)
def test_clock_times(one: One, run: Run, sentence: str, surface: str, clock: str) -> None:
    # With no day in the text, a clock time is on the publication day (as KPWr's
    # annotators and TimeML read "at 5 pm" in a news report)…
    t = one(sentence)
    assert (t.text, t.type, t.value, t.anchor) == (surface, "time", "2024-05-06" + clock, "published")
    # …and without a publication date its day stays open.
    (bare,) = run(sentence, published=None)
    assert (bare.value, bare.anchor) == ("XXXX-XX-XX" + clock, None)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("Sklep czynny do godziny 18.", ["XXXX-XX-XXT18:00"]),
        ("Biuro obsługi klienta pracuje w godzinach 9.00-17.00.", ["XXXX-XX-XXT09:00", "XXXX-XX-XXT17:00"]),
        ("Codziennie o 8 rano odjeżdża autobus.", ["P1D", "XXXX-XX-XXT08:00"]),
    ],
)
def test_habitual_clock_times_get_no_day(run: Run, sentence: str, values: list[str]) -> None:
    assert [t.value for t in run(sentence)] == values


def test_date_and_time_make_one_moment(one: One) -> None:
    t = one("Sesja odbędzie się 6.03.2010 r. o godz. 10.00 w ratuszu.")
    assert (t.text, t.type, t.value) == ("6.03.2010 r. o godz. 10.00", "time", "2010-03-06T10:00")


def test_clock_time_takes_the_day_named_before_it(run: Run) -> None:
    found = run("Spotkanie odbędzie się 7 października 2010 r. Zaczniemy o godz. 10.30.")
    assert [(t.text, t.value, t.anchor) for t in found] == [
        ("7 października 2010 r.", "2010-10-07", None),
        ("godz. 10.30", "2010-10-07T10:30", "text"),
    ]


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("We wtorek policja zatrzymała podejrzanego.", "wtorek", "2024-04-30"),  # past tense: the last one
        ("W piątek rząd przyjmie projekt.", "piątek", "2024-05-10"),  # future: the next one
        ("W poniedziałek rzecznik poinformował o zmianach.", "poniedziałek", "2024-05-06"),  # the same day
        ("Mecz odbędzie się w sobotę, 11 maja.", "sobotę, 11 maja", "2024-05-11"),
        ("Wystawę otwarto w niedzielę 06.08.2006 r.", "niedzielę 06.08.2006 r.", "2006-08-06"),
        ("W sobotni poranek spadł deszcz.", "sobotni poranek", "2024-05-04TMO"),
    ],
)
def test_weekdays(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.value) == (surface, value)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Wczoraj rząd przyjął projekt.", "Wczoraj", "2024-05-05"),
        ("Przedwczoraj spadł śnieg.", "Przedwczoraj", "2024-05-04"),
        ("Pojutrze ruszy nabór.", "Pojutrze", "2024-05-08"),
        ("Dziś w nocy posłowie głosowali.", "Dziś w nocy", "2024-05-06TNI"),
        ("Trzy dni temu zginął kierowca.", "Trzy dni temu", "2024-05-03"),
        ("Tydzień temu pisaliśmy o tym.", "Tydzień temu", "2024-04-29"),
        ("Dwa lata temu zamknięto kopalnię.", "Dwa lata temu", "2022"),
        ("Za dwa tygodnie ruszy budowa.", "dwa tygodnie", "2024-05-20"),
        ("W ubiegły poniedziałek minister podał się do dymisji.", "ubiegły poniedziałek", "2024-04-29"),
        ("W przyszłym tygodniu rząd zbierze się ponownie.", "przyszłym tygodniu", "2024-W20"),
        ("W zeszłym miesiącu ceny wzrosły.", "zeszłym miesiącu", "2024-04"),
        ("W ubiegłym roku sprzedaż spadła.", "ubiegłym roku", "2023"),
        ("W tym roku deficyt rośnie.", "tym roku", "2024"),
        ("Tegoroczne wybory były spokojne.", "Tegoroczne", "2024"),
        ("Wczorajsza sesja była burzliwa.", "Wczorajsza", "2024-05-05"),
    ],
)
def test_relative_expressions(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.value, t.resolved, t.anchor) == (surface, value, True, "published")


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Umowę podpisano w marcu br.", "marcu br.", "2024-03"),
        ("Projekt zgłoszono 10 lutego ub.r.", "10 lutego ub.r.", "2023-02-10"),
        ("Do końca br. zakończy się remont.", "końca br.", "2024"),
        ("Ceny wzrosły w październiku ub. roku.", "październiku ub. roku", "2023-10"),
        ("Ruszamy o godz. 17.", "godz. 17", "2024-05-06T17:00"),
    ],
)
def test_abbreviations(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.value) == (surface, value)


def test_bounds_give_mods(run: Run) -> None:
    found = run("Od 1 lipca obowiązują nowe stawki, a zgłoszenia przyjmujemy do piątku.")
    assert [(t.text, t.value, t.mod) for t in found] == [
        ("1 lipca", "2024-07-01", "ON_OR_AFTER"),
        ("piątku", "2024-05-10", "ON_OR_BEFORE"),
    ]


@pytest.mark.parametrize(
    ("sentence", "rows"),
    [
        (
            "W latach 2020-2022 dług wzrósł.",
            [("2020", "2020", "start", "2022"), ("2022", "2022", "end", None)],
        ),
        (
            "Festiwal potrwa od 3 do 10 sierpnia 2024 r.",
            [("3", "2024-08-03", "start", "2024-08-10"), ("10 sierpnia 2024 r.", "2024-08-10", "end", None)],
        ),
        (
            "Biuro czynne w godzinach 9.00-17.00.",
            [("9.00", "XXXX-XX-XXT09:00", "start", "XXXX-XX-XXT17:00"), ("17.00", "XXXX-XX-XXT17:00", "end", None)],
        ),
        (
            "Sezon 2006/07 był udany.",
            [("2006", "2006", "start", "2007"), ("07", "2007", "end", None)],
        ),
    ],
)
def test_ranges(run: Run, sentence: str, rows: list[tuple[str, str, str, str | None]]) -> None:
    assert [(t.text, t.value, t.range_part, t.end_value) for t in run(sentence)] == rows


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Pracował tam przez cztery lata.", "cztery lata", "P4Y"),
        ("Grozi mu 10 lat więzienia.", "10 lat", "P10Y"),
        ("Wyjechała na pół roku.", "pół roku", "P0.5Y"),
        ("Mecz trwał 90 minut.", "90 minut", "PT90M"),
        ("Od kilku lat mieszka w Gdańsku.", "kilku lat", "PXY"),
    ],
)
def test_durations(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.type, t.value) == (surface, "duration", value)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Festiwal odbywa się co roku.", "co roku", "P1Y"),
        ("Wybory odbywają się co cztery lata.", "co cztery lata", "P4Y"),
        ("Lek przyjmuje codziennie.", "codziennie", "P1D"),
        ("Spotykamy się dwa razy w tygodniu.", "dwa razy w tygodniu", "P1W"),
        ("Sklep jest zamknięty w niedziele.", "niedziele", "XXXX-WXX-7"),
    ],
)
def test_sets(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.type, t.value) == (surface, "set", value)


@pytest.mark.parametrize(
    ("sentence", "surface", "value"),
    [
        ("Sklepy będą zamknięte w Boże Narodzenie.", "Boże Narodzenie", "2024-12-25"),
        ("W Wielki Piątek 2024 r. odbyła się droga krzyżowa.", "Wielki Piątek 2024 r.", "2024-03-29"),
        ("Na Wszystkich Świętych przyjechało wielu gości.", "Wszystkich Świętych", "2023-11-01"),
    ],
)
def test_holidays(one: One, sentence: str, surface: str, value: str) -> None:
    t = one(sentence)
    assert (t.text, t.value) == (surface, value)


@pytest.mark.parametrize(
    "sentence",
    [
        "Podatek wynosi 2000 zł rocznie.",  # a quantity, not a year (and "rocznie" is a set)
        "Na ulicy 15 Sierpnia doszło do kolizji.",  # a street
        "Model w skali 1:10 kosztuje 300 zł.",  # a scale
        "O 15 proc. wzrosły ceny.",  # "o 15" before a unit
        "W dzisiejszym świecie wszystko dzieje się szybko.",  # nowadays
        "Środa Wielkopolska ma nowego burmistrza.",  # a town
        "Marzec był ciepły, ale Maja nie przyszła.",  # a name
    ],
)
def test_not_dates(run: Run, sentence: str) -> None:
    dates = [t for t in run(sentence) if t.type in ("date", "time")]
    assert [t.text for t in dates if t.text not in ("Marzec",)] == []


def test_other_languages_give_nothing(run: Run) -> None:
    assert run("The meeting was held on 5 May 2024.", lang="en") == []


def test_offsets_point_into_the_normalized_text(run: Run) -> None:
    text = "Spotkanie\u00a0odbyło się  5 maja 2024 r.\u2013 tak podano."
    for t in run(text):
        assert t.text in text.replace("\u00a0", " ").replace("  ", " ").replace("\u2013", "-")


def test_a_list_of_days_shares_the_month(run: Run) -> None:
    found = run("Koncerty odbędą się 5, 6 i 8 maja 2025 r.")
    assert [t.value for t in found] == ["2025-05-05", "2025-05-06", "2025-05-08"]


def test_a_long_list_of_numbers_does_not_recurse_without_bound(run: Run) -> None:
    days = [k % 28 + 1 for k in range(400)]
    text = ", ".join(map(str, days)) + " maja."
    assert run(text)[-1].value == f"2024-05-{days[-1]:02d}"  # no RecursionError
