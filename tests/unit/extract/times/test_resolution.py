"""Relative expressions resolved against the publication date, and left open without one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsetl.extract.times import times_in
from newsetl.extract.times.tense import word_tense
from newsetl.morph import Morphology
from newsetl.segment import segment

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


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        # Past forms Morfeusz also reads as adjectives ("wzrosły", "wyniosła") are verbs here.
        ("W grudniu ceny wzrosły o 1 proc.", "2023-12"),
        ("W czerwcu inflacja wyniosła 2 proc.", "2023-06"),
        ("W czerwcu inflacja była najniższa od lat.", "2023-06"),
        # "zostanie": a future form beside a gerund reading.
        ("Ustawa zostanie przyjęta w marcu.", "2025-03"),
        # "będzie … gościł": a compound future, not a past tense…
        ("Wrocław będzie w marcu gościł imprezę.", "2025-03"),
        # …but not across a clause: "mówił" is past.
        ("- Zobaczymy, czy śledztwo będzie kontynuowane - mówił nam w grudniu prokurator.", "2023-12"),
        # "byli" before a noun is "former": the verb is "mogą" (present).
        ("Do 31 grudnia byli robotnicy mogą składać wnioski.", "2024-12-31"),
    ],
)
def test_tense_of_ambiguous_verb_forms(run: Run, sentence: str, value: str) -> None:
    found = run(sentence)
    assert found[0].value == value, [(t.text, t.value) for t in found]


@pytest.mark.parametrize(
    ("word", "tense"),
    [
        ("wzrosły", "past"),  # adjective or past verb: the verb
        ("była", "past"),  # listed: noun, adjective or past verb
        ("zostanie", "future"),  # gerund or future verb
        ("ruszy", "future"),
        ("ubiegły", None),  # "ubiegły rok": an adjective of time, not "they ran"
        ("przyszły", None),
        ("wybrania", None),  # "do wybrania": a gerund, not a present tense
        ("udział", None),  # a noun more often than a past verb
    ],
)
def test_word_tense(morph: Morphology, word: str, tense: str | None) -> None:
    assert word_tense(word, morph) == tense


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # A story told in a year named in the text: the next day or month is in it.
        (
            "Wojna wybuchła 1 września 1939 r. 17 września do Polski wkroczyła Armia Czerwona.",
            [("1939-09-01", None), ("1939-09-17", "text")],
        ),
        ("W 2019 roku zespół nagrał płytę. W listopadzie ruszył w trasę.", [("2019", None), ("2019-11", "text")]),
        # In the next year when that is nearer the day named.
        (
            "W grudniu 2022 r. rząd przyjął projekt. W lutym Sejm go uchwalił.",
            [("2022-12", None), ("2023-02", "text")],
        ),
        # A future verb does not go back to a past year; "wczoraj" brings the text back to the present.
        ("W 2019 r. zespół nagrał płytę. 15 maja zagra w Krakowie.", [("2019", None), ("2024-05-15", "published")]),
        (
            "W 2019 r. zespół nagrał płytę. Wczoraj ogłosił trasę. W marcu wydał singiel.",
            [("2019", None), ("2024-05-05", "published"), ("2024-03", "published")],
        ),
        # A deadline or a season ("2006/07") is not the year of a story.
        (
            "Do 2030 r. rząd chce zbudować elektrownię. W marcu przedstawi plan.",
            [("2030", None), ("2025-03", "published")],
        ),
        # "od 1990 roku" (a state since then) and a year of comparison set no story.
        (
            "Szwed stoi na czele UEFA od 1990 roku. W czerwcu zamierza ubiegać się o prezydenturę FIFA.",
            [("1990", None), ("2024-06", "published")],
        ),
        (
            "Eksport był o 38 proc. większy niż w podobnym okresie 1997 r. W listopadzie nastąpił spadek.",
            [("1997", None), ("2023-11", "published")],
        ),
        # Too far back (more than two sentences): the publication date decides.
        (
            "W 2015 r. firma weszła na giełdę. Akcje kupili inwestorzy. Zarząd był zadowolony. "
            "Spółka ma nowych klientów. W marcu zysk wzrósł.",
            [("2015", None), ("2024-03", "published")],
        ),
    ],
)
def test_narrative_year(run: Run, text: str, values: list[tuple[str, str | None]]) -> None:
    assert [(t.value, t.anchor) for t in run(text)] == values


def test_narrative_year_without_publication_date(run: Run) -> None:
    text = "Wojna wybuchła 1 września 1939 r. 17 września do Polski wkroczyła Armia Czerwona."
    assert [t.value for t in run(text, published=None)] == ["1939-09-01", "1939-09-17"]
    # A future verb cannot be placed without knowing when the text was written.
    assert [t.value for t in run("W 2019 r. zespół nagrał płytę. 15 maja zagra w Krakowie.", published=None)] == [
        "2019",
        "XXXX-05-15",
    ]


def test_values_as_written(morph: Morphology) -> None:
    text = "Spotkanie odbędzie się 7 października 2010 r. Zaczniemy o godz. 10.30. Wczoraj i 27 maja."
    seg = segment(text, "pl", morph=morph)
    anchored = times_in(text, seg, "pl", PUBLISHED, morph=morph)
    written = times_in(text, seg, "pl", PUBLISHED, morph=morph, anchored=False)
    assert [(t.start, t.end) for t in written] == [(t.start, t.end) for t in anchored]
    assert [t.value for t in anchored] == ["2010-10-07", "2010-10-07T10:30", "2024-05-05", "2024-05-27"]
    assert [(t.value, t.anchor, t.resolved) for t in written] == [
        ("2010-10-07", None, False),
        ("XXXX-XX-XXT10:30", None, False),
        ("XXXX-XX-XX", None, False),
        ("XXXX-05-27", None, False),
    ]


@pytest.mark.parametrize(
    ("sentence", "published", "value"),
    [
        ("W nowym roku ceny prądu wzrosną.", datetime(2024, 12, 8, tzinfo=UTC), "2025"),
        ("W nowym roku ceny prądu wzrosną.", datetime(2025, 1, 8, tzinfo=UTC), "2025"),  # the year just begun
        ("Życzymy powodzenia w nadchodzącym Nowym Roku.", datetime(2024, 12, 8, tzinfo=UTC), "2025"),
        ("Szczęśliwego Nowego Roku!", datetime(2024, 12, 28, tzinfo=UTC), "2025"),
        ("W Nowy Rok sklepy będą zamknięte.", datetime(2024, 12, 8, tzinfo=UTC), "2025-01-01"),  # the day
        ("Od Nowego Roku obowiązują nowe stawki.", datetime(2024, 12, 8, tzinfo=UTC), "2025-01-01"),
    ],
)
def test_the_new_year(run: Run, sentence: str, published: datetime, value: str) -> None:
    (t,) = run(sentence, published=published)
    assert t.value == value


def test_new_school_year_is_not_a_calendar_year(run: Run) -> None:
    assert run("W nowym roku szkolnym uczniowie dostaną tablety.") == []


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        # PUBLISHED is a Monday; 2024-05-08 a Wednesday.
        ("Od poniedziałku do piątku trwały protesty.", ["2024-04-29", "2024-05-03"]),
        ("Od poniedziałku do piątku potrwają protesty.", ["2024-05-13", "2024-05-17"]),
        ("Protesty trwają od poniedziałku do piątku.", ["2024-05-06", "2024-05-10"]),
        ("Od piątku do poniedziałku sklepy będą zamknięte.", ["2024-05-10", "2024-05-13"]),
    ],
)
def test_a_range_of_weekdays_is_in_order(run: Run, sentence: str, values: list[str]) -> None:
    wednesday = datetime(2024, 5, 8, 10, tzinfo=UTC)
    assert [t.value for t in run(sentence, published=wednesday)] == values


def test_last_night(run: Run) -> None:
    (t,) = run("Zeszłej nocy policja zatrzymała trzech mężczyzn.")
    assert (t.text, t.type, t.value) == ("Zeszłej nocy", "time", "2024-05-05TNI")
