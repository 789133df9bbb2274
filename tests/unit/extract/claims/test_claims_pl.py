"""Polish claims of single sentences: what is a claim, its span, value, unit, qualifier."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsetl.extract.claims import claims_in
from newsetl.morph import Morphology

Row = tuple[str, str, float | None, float | None, float | None, str, str | None]
Extract = Callable[[str, str], list[Row]]


def one(surface: str, kind: str, value: float | None, qualifier: str = "eq", unit: str | None = None) -> Row:
    return (surface, kind, value, None, None, qualifier, unit)


def rng(surface: str, kind: str, low: float, high: float, unit: str | None = None) -> Row:
    return (surface, kind, None, low, high, "range", unit)


CASES: list[tuple[str, list[Row]]] = [
    # qualifiers
    ("Wydatki wynoszą co najmniej 2 proc. PKB.", [one("co najmniej 2 proc.", "percent", 2, "ge", "percent")]),
    ("Przyszło przynajmniej 30 osób.", [one("przynajmniej 30", "count", 30, "ge")]),
    ("Zatrudnia minimum 5 osób.", [one("minimum 5", "count", 5, "ge")]),
    ("Zebrano ponad 1,5 mln zł.", [one("ponad 1,5 mln zł", "money", 1_500_000, "gt", "PLN")]),
    ("Temperatura powyżej 30 stopni Celsjusza.", [one("powyżej 30 stopni Celsjusza", "measure", 30, "gt", "degC")]),
    ("Trwało to przeszło dwa lata.", [one("przeszło dwa lata", "duration", 2, "gt", "year")]),
    ("Kosztuje więcej niż 100 euro.", [one("więcej niż 100 euro", "money", 100, "gt", "EUR")]),
    ("Przyszło około 200 osób.", [one("około 200", "count", 200, "approx")]),
    ("Przyszło ok. 200 osób.", [one("ok. 200", "count", 200, "approx")]),
    ("Zginęło blisko tysiąc osób.", [one("blisko tysiąc", "count", 1000, "approx")]),
    ("Chodzi o kwotę rzędu 3 mld euro.", [one("rzędu 3 mld euro", "money", 3e9, "approx", "EUR")]),
    ("Głosowało prawie 60 proc. uprawnionych.", [one("prawie 60 proc.", "percent", 60, "lt", "percent")]),
    ("Uzyskał niemal 40 procent głosów.", [one("niemal 40 procent", "percent", 40, "lt", "percent")]),
    ("Jechał niespełna 3 godziny.", [one("niespełna 3 godziny", "duration", 3, "lt", "hour")]),
    ("Inflacja spadła poniżej 5 proc.", [one("poniżej 5 proc.", "percent", 5, "lt", "percent")]),
    ("Kosztuje mniej niż 10 zł.", [one("mniej niż 10 zł", "money", 10, "lt", "PLN")]),
    ("Grozi mu kara maksymalnie 8 lat.", [one("maksymalnie 8 lat", "duration", 8, "le", "year")]),
    ("Zapłaci najwyżej 500 zł.", [one("najwyżej 500 zł", "money", 500, "le", "PLN")]),
    ("Grozi mu do 5 lat więzienia.", [one("do 5 lat", "duration", 5, "le", "year")]),
    ("Stopa wzrosła do 6 proc.", [one("6 proc.", "percent", 6, "eq", "percent")]),  # a level reached
    # scale words, abbreviated and in full, any case
    ("Kosztowało to 20 tys. zł.", [one("20 tys. zł", "money", 20_000, unit="PLN")]),
    ("Wydano 5 tysięcy złotych.", [one("5 tysięcy złotych", "money", 5000, unit="PLN")]),
    ("Kredyt wynosi 2,5 mln euro.", [one("2,5 mln euro", "money", 2_500_000, unit="EUR")]),
    ("Budżet to półtora miliarda złotych.", [one("półtora miliarda złotych", "money", 1.5e9, unit="PLN")]),
    ("Dług sięga 3 mld dolarów.", [one("3 mld dolarów", "money", 3e9, unit="USD")]),
    ("Dług sięga 1 bln dolarów.", [one("1 bln dolarów", "money", 1e12, unit="USD")]),
    ("Zebrano pół miliona podpisów.", [one("pół miliona", "count", 500_000)]),
    ("Zebrano milion podpisów.", [one("milion", "count", 1e6)]),
    # decimal comma and thousands separators
    ("Wzrost wyniósł 1,5 proc.", [one("1,5 proc.", "percent", 1.5, unit="percent")]),
    ("Na granicy jest 20 000 żołnierzy.", [one("20 000", "count", 20_000)]),
    ("Na granicy jest 20\u00a0000 żołnierzy.", [one("20\u00a0000", "count", 20_000)]),
    ("Sprzedano 1.500.000 egzemplarzy.", [one("1.500.000", "count", 1_500_000)]),
    ("Zapłacono 1 500,5 zł.", [one("1 500,5 zł", "money", 1500.5, unit="PLN")]),
    # ranges
    ("Inflacja wyniesie od 2 do 3 proc.", [rng("od 2 do 3 proc.", "percent", 2, 3, "percent")]),
    ("Koszt to 2-3 mld dolarów.", [rng("2-3 mld dolarów", "money", 2e9, 3e9, "USD")]),
    ("Koszt to 2 - 3 mld dolarów.", [rng("2 - 3 mld dolarów", "money", 2e9, 3e9, "USD")]),
    ("Potrwa to między 5 a 7 dni.", [rng("między 5 a 7 dni", "duration", 5, 7, "day")]),
    ("Zatrudnią od 10 do 20 osób.", [rng("od 10 do 20", "count", 10, 20)]),
    (
        "Oprocentowanie wzrosło z 2 do 3 proc.",
        [one("2", "percent", 2, unit="percent"), one("3 proc.", "percent", 3, unit="percent")],
    ),
    (
        "Przyszły 2 lub 3 proc. uprawnionych.",
        [one("2", "percent", 2, unit="percent"), one("3 proc.", "percent", 3, unit="percent")],
    ),
    # numbers in words
    ("Zatrudnia dwudziestu trzech pracowników.", [one("dwudziestu trzech", "count", 23)]),
    ("Spotkał się z czterema ministrami.", [one("czterema", "count", 4)]),
    ("Przez ostatnie trzydzieści lat nic się nie zmieniło.", [one("trzydzieści lat", "duration", 30, unit="year")]),
    ("Przez ostatnie pół roku nic się nie zmieniło.", [one("pół roku", "duration", 0.5, unit="year")]),
    ("Czekał półtora roku.", [one("półtora roku", "duration", 1.5, unit="year")]),
    ("W ciągu ostatnich czterech lat wydatki rosły.", [one("czterech lat", "duration", 4, unit="year")]),
    ("Dwie trzecie Polaków jest za.", [one("Dwie trzecie", "count", 2 / 3)]),
    ("Jeden procent podatku trafia do organizacji.", [one("Jeden procent", "percent", 1, unit="percent")]),
    ("Zysk wyniósł zero złotych.", [one("zero złotych", "money", 0, unit="PLN")]),
    # percent and percentage points
    ("Bezrobocie wynosi 5%.", [one("5%", "percent", 5, unit="percent")]),
    ("Bezrobocie spadło o 0,5 pkt proc.", [one("0,5 pkt proc.", "percent", 0.5, unit="pp")]),
    ("Bezrobocie spadło o 2 punkty procentowe.", [one("2 punkty procentowe", "percent", 2, unit="pp")]),
    ("Poparcie spadło o 3 p.p.", [one("3 p.p.", "percent", 3, unit="pp")]),
    # currencies in every common notation
    ("Kosztuje 100 PLN.", [one("100 PLN", "money", 100, unit="PLN")]),
    ("Kosztuje 50 gr.", [one("50 gr", "money", 0.5, unit="PLN")]),
    ("Kosztuje 10 €.", [one("10 €", "money", 10, unit="EUR")]),
    ("Kosztuje €10.", [one("€10", "money", 10, unit="EUR")]),
    ("Kosztuje $5.", [one("$5", "money", 5, unit="USD")]),
    ("Kosztuje 5 mln USD.", [one("5 mln USD", "money", 5e6, unit="USD")]),
    ("Kosztuje EUR 5 mln.", [one("EUR 5 mln", "money", 5e6, unit="EUR")]),
    ("Kosztuje 7 funtów.", [one("7 funtów", "money", 7, unit="GBP")]),
    ("Kosztuje 7 GBP.", [one("7 GBP", "money", 7, unit="GBP")]),
    ("Kosztuje 300 hrywien.", [one("300 hrywien", "money", 300, unit="UAH")]),
    ("Kosztuje 300 rubli.", [one("300 rubli", "money", 300, unit="RUB")]),
    (
        "Kredyt we frankach: 100 tys. franków szwajcarskich.",
        [one("100 tys. franków szwajcarskich", "money", 100_000, unit="CHF")],
    ),
    ("Kosztuje 40 dolarów amerykańskich.", [one("40 dolarów amerykańskich", "money", 40, unit="USD")]),
    ("Kosztuje 40 dolarów kanadyjskich.", [one("40 dolarów kanadyjskich", "money", 40, unit="CAD")]),
    # durations and measures
    ("Czekał 3 miesiące.", [one("3 miesiące", "duration", 3, unit="month")]),
    ("Czekał dwa tygodnie.", [one("dwa tygodnie", "duration", 2, unit="week")]),
    ("Czekał 10 dni.", [one("10 dni", "duration", 10, unit="day")]),
    ("Czekał 15 minut.", [one("15 minut", "duration", 15, unit="minute")]),
    ("Trasa ma 120 km.", [one("120 km", "measure", 120, unit="km")]),
    ("Mur ma 3 metry.", [one("3 metry", "measure", 3, unit="m")]),
    ("Waży 80 kg.", [one("80 kg", "measure", 80, unit="kg")]),
    ("Przewieziono 5 ton węgla.", [one("5 ton", "measure", 5, unit="t")]),
    ("Zużyto 300 m3 wody.", [one("300 m3", "measure", 300, unit="m3")]),
    ("Zużyto 300 m³ wody.", [one("300 m³", "measure", 300, unit="m3")]),
    ("Elektrownia ma 900 MW mocy.", [one("900 MW", "measure", 900, unit="MW")]),
    ("Moc wynosi 2 GW.", [one("2 GW", "measure", 2, unit="GW")]),
    ("Zużycie to 150 TWh.", [one("150 TWh", "measure", 150, unit="TWh")]),
    ("Było -5 °C.", [one("-5 °C", "measure", -5, unit="degC")]),
    ("Było minus pięć stopni Celsjusza.", [one("minus pięć stopni Celsjusza", "measure", -5, unit="degC")]),
    # units outside the record stay counts
    ("Park ma 5,4 ha.", [one("5,4", "count", 5.4)]),
    ("Mieszkanie ma 50 m kw.", [one("50", "count", 50)]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_claims(sentence: str, expected: list[Row], extract: Extract) -> None:
    got = extract(sentence, "pl")
    assert [r[:2] + r[5:] for r in got] == [r[:2] + r[5:] for r in expected]
    for g, e in zip(got, expected, strict=True):
        for a, b in zip(g[2:5], e[2:5], strict=True):
            assert a == pytest.approx(b) if b is not None else a is None


NOT_CLAIMS = [
    # dates and years used as dates
    "Ustawa weszła w życie w 2024 r.",
    "Spotkanie odbyło się 12 marca 2024 r.",
    "Spotkanie odbyło się 12 marca.",
    "Dane z dnia 2024-03-12 potwierdzono.",
    "Dane z dnia 12.03.2024 potwierdzono.",
    "W latach 90. gospodarka rosła.",
    "W latach 2015-2019 gospodarka rosła.",
    "W roku 1989 upadł komunizm.",
    "W marcu 2024 spadł śnieg.",
    "Od 3 do 8 sierpnia trwa festiwal.",
    "W 2024 Polska przewodniczy.",
    # clock times
    "Spotkanie zaczyna się o godz. 12.30.",
    "Spotkanie zaczyna się o 17:00.",
    "Sklep jest czynny od 10 do 18 w dni robocze.",
    "Zaczynamy o godzinie 19.",
    # ordinals
    "Donald Trump rozpocznie drugą prezydenturę.",
    "Zajął 3. miejsce w wyścigu.",
    "To zdarzyło się w XX wieku.",
    # numbers inside names and identifiers
    "Pandemia Covid-19 wygasła.",
    "Polska kupiła F-16.",
    "Gazociąg Nord Stream 2 nie działa.",
    "Szczyt G7 się zakończył.",
    "Komputer ma system Windows 11.",
    "Program nadała stacja TVN24.",
    # law articles, references, list numbering
    "Zgodnie z art. 7 ust. 2 pkt 3 ustawy.",
    "Patrz § 4 regulaminu.",
    "Mieszka pod nr 15.",
    "Wskazuje na to rys. 13.",
    "1. Wstęp",
    # phone numbers, postal codes
    "Zadzwoń pod tel. 22 123 45 67.",
    "Infolinia: +48 600 123 456.",
    "Adres: 00-950 Warszawa.",
    # sports scores
    "Legia wygrała 2:1.",
    "Mecz zakończył się wynikiem 3-1.",
    # vague quantifiers and pronoun uses of "jeden"
    "Przyszło kilka osób.",
    "Przyszły setki osób.",
    "Wiele osób przyszło.",
    "Kilkanaście procent wyborców nie głosowało.",
    "Tysiące ludzi wyszły na ulice.",
    "Miliony złotych przepadły.",
    "Jeden z nich odmówił.",
    "To jedna z najważniejszych decyzji.",
    # adjectives built on numbers
    "Jednodniowa wizyta Blinkena w Brukseli.",
    "To 5-letni plan.",
    "Wprowadzono 20-procentową podwyżkę.",
    # nothing at all
    "",
    "Nie ma tu żadnych liczb.",
]


@pytest.mark.parametrize("sentence", NOT_CLAIMS)
def test_not_claims(sentence: str, extract: Extract) -> None:
    assert extract(sentence, "pl") == []


@pytest.mark.parametrize(
    ("sentence", "surface", "obj"),
    [
        ("Jesteśmy w sytuacji, że 23 państwa NATO przeznaczają 2 proc. swojego PKB.", "23", "państwo"),
        ("Jesteśmy w sytuacji, że 23 państwa NATO przeznaczają 2 proc. swojego PKB.", "2 proc.", "PKB"),
        ("Na granicy stoi 20 000 żołnierzy.", "20 000", "żołnierz"),
        ("Grozi mu do 5 lat więzienia.", "do 5 lat", "więzienie"),
        ("Pracuje tu 258 osób.", "258", "osoba"),
        ("Zginęło czterech funkcjonariuszy policji.", "czterech", "funkcjonariusz"),
        ("Kupił dwa albo trzy.", "dwa", None),  # "albo" is a conjunction, not the noun "alba"
        ("Tamci dwaj stali pod gruszą.", "dwaj", None),  # "stali" is a verb here
        ("Przez dwadzieścia lat ludność rosła.", "dwadzieścia lat", None),  # not genitive: the subject
        ("Powierzchnia wynosi 380 km2.", "380", "km2"),  # a unit outside the record
    ],
)
def test_object(sentence: str, surface: str, obj: str | None, morph: Morphology) -> None:
    claims = {sentence[c.start : c.end]: c for c in claims_in(sentence, "pl", morph)}
    assert claims[surface].object == obj


def test_without_morphology_numbers_are_still_read() -> None:
    claims = claims_in("Zebrano ponad 1,5 mln zł od 20 000 osób.", "pl")
    assert [(c.value, c.unit, c.object) for c in claims] == [(1_500_000, "PLN", None), (20_000, None, None)]
