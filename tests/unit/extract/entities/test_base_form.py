"""Base forms of single name mentions (no document context)."""

from __future__ import annotations

import re

import pytest

from newsetl.extract.entities.base_form import (
    base_form,
    base_form_candidates,
    base_form_tokens_candidates,
    infer_spaces,
)
from newsetl.morph import Morphology


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


def words(text: str) -> list[str]:
    """NKJP-like tokens: words (with inner hyphens/apostrophes) and single punctuation."""
    return re.findall(r"\w+(?:['’-]\w+)*|[^\w\s]", text)


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        # the brief's examples
        ("Markiem Rutte", "persName", "Mark Rutte"),
        ("Antonym Blinkenem", "persName", "Antony Blinken"),
        ("Josepem Borrellem", "persName", "Josep Borrell"),
        ("Kają Kallas", "persName", "Kaja Kallas"),
        ("Donalda Trumpa", "persName", "Donald Trump"),
        ("Korei Północnej", "placeName", "Korea Północna"),
        ("Koreą Północną", "placeName", "Korea Północna"),
        ("Bliskim Wschodzie", "geogName", "Bliski Wschód"),
        ("Brukseli", "placeName", "Bruksela"),
        ("Kijowa", "placeName", "Kijów"),
        ("Moskwę", "placeName", "Moskwa"),
        ("Sojuszu", "orgName", "Sojusz"),
        ("Stanów Zjednoczonych", "placeName", "Stany Zjednoczone"),
        ("Unii Europejskiej", "orgName", "Unia Europejska"),
        ("Ministerstwo Spraw Zagranicznych", "orgName", "Ministerstwo Spraw Zagranicznych"),
        ("Ministerstwu Obrony Narodowej", "orgName", "Ministerstwo Obrony Narodowej"),
        ("Uniwersytet Warszawski", "orgName", "Uniwersytet Warszawski"),
        ("Banku Światowego", "orgName", "Bank Światowy"),
        # multi-word institutions: only the head phrase inflects
        ("Rady Polityki Pieniężnej", "orgName", "Rada Polityki Pieniężnej"),
        ("Narodowego Banku Polskiego", "orgName", "Narodowy Bank Polski"),
        ("Polskiej Akademii Nauk", "orgName", "Polska Akademia Nauk"),
        ("Sądu Najwyższego", "orgName", "Sąd Najwyższy"),
        ("Prawa i Sprawiedliwości", "orgName", "Prawo i Sprawiedliwość"),
        ("Naukowej i Akademickiej Sieci Komputerowej", "orgName", "Naukowa i Akademicka Sieć Komputerowa"),
        ("Uniwersytetu im. Adama Mickiewicza", "orgName", "Uniwersytet im. Adama Mickiewicza"),
        ("PiS-u", "orgName", "PiS"),
        ("NATO", "orgName", "NATO"),
        ("WSI", "orgName", "WSI"),
        # places: adjectives agree in gender and number with the head
        ("Wielkiej Brytanii", "placeName", "Wielka Brytania"),
        ("Nowym Jorku", "placeName", "Nowy Jork"),
        ("Białym Domu", "placeName", "Biały Dom"),
        ("Rzeczypospolitej Polskiej", "placeName", "Rzeczpospolita Polska"),
        ("Bośni i Hercegowiny", "placeName", "Bośnia i Hercegowina"),
        ("Bielska-Białej", "placeName", "Bielsko-Biała"),
        ("Indo-Pacyfik", "geogName", "Indo-Pacyfik"),
        ("Łodzi", "placeName", "Łódź"),
        ("ulicą Szpitalną", "geogName", "ulica Szpitalna"),
        ("ul. Marszałkowskiej", "geogName", "ul. Marszałkowska"),
        ("ul. Kopernika", "geogName", "ul. Kopernika"),
        ("Ziemię Brzeską", "geogName", "Ziemia Brzeska"),
        ("Morzu Bałtyckim", "geogName", "Morze Bałtyckie"),
        ("Tatrach Wysokich", "geogName", "Tatry Wysokie"),
        # people
        ("Jana Pawła II", "persName", "Jan Paweł II"),
        ("Lecha Kaczyńskiego", "persName", "Lech Kaczyński"),
        ("Andrzejowi Dudzie", "persName", "Andrzej Duda"),
        ("Angeli Merkel", "persName", "Angela Merkel"),
        ("Matką Boską Kodeńską", "persName", "Matka Boska Kodeńska"),
        ("Korwin-Mikkego", "persName", "Korwin-Mikke"),
        ("Marii Skłodowskiej-Curie", "persName", "Maria Skłodowska-Curie"),
        ("Barack Obama", "persName", "Barack Obama"),
        ("Baracka Obamy", "persName", "Barack Obama"),
        ("Barackiem Obamą", "persName", "Barack Obama"),
        ("Markiem Kowalskim", "persName", "Marek Kowalski"),
        ("J. Kowalskiego", "persName", "J. Kowalski"),
    ],
)
def test_base_form(morph: Morphology, surface: str, label: str, expected: str) -> None:
    assert base_form(words(surface), label, morph) == expected


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        # unknown to Morfeusz, masculine consonant stems, in several cases
        ("Blinkenem", "Blinken"),  # instrumental -em
        ("Blinkena", "Blinken"),  # genitive -a
        ("Blinkenowi", "Blinken"),  # dative -owi
        ("Blinkenie", "Blinken"),  # locative -ie (n → nie)
        ("Borrellu", "Borrell"),  # locative -u after l
        ("Borrellem", "Borrell"),
        ("Macronem", "Macron"),
        ("Zełenskiego", "Zełenski"),  # adjectival surname
        ("Ruttego", "Rutte"),  # names in -e take adjectival endings
        ("Antonym", "Antony"),
        ("Price'a", "Price"),
        ("Schmidcie", "Schmidt"),  # t → cie
        # feminine -a names and the like
        ("Obamy", "Obama"),
        ("Obamą", "Obama"),
        ("Obamę", "Obama"),
        ("Eumachii", "Eumachia"),
        # left alone: indeclinable, already nominative, or Polish-looking feminine
        ("Rutte", "Rutte"),
        ("Obama", "Obama"),  # not "Obam": a common word, the rule's "Obam" is not
        ("Kallas", "Kallas"),
        ("Kaja", "Kaja"),
        ("Obłońska", "Obłońska"),
        ("Kwach", "Kwach"),
        ("Beyonce", "Beyonce"),
    ],
)
def test_unknown_person_names(morph: Morphology, surface: str, expected: str) -> None:
    assert base_form([surface], "persName", morph) == expected


@pytest.mark.parametrize(
    ("surface", "label", "expected"),
    [
        # adjectives of several genders and numbers, generated from the head's features
        ("Zielonej Górze", "placeName", "Zielona Góra"),  # f sg
        ("Starym Mieście", "placeName", "Stare Miasto"),  # n sg
        ("Wysokich Tatrach", "geogName", "Wysokie Tatry"),  # pluralia tantum
        ("Zjednoczonych Emiratach Arabskich", "placeName", "Zjednoczone Emiraty Arabskie"),
        ("Kaczyńskich", "persName", "Kaczyńscy"),  # the plural stays plural (m1)
        ("Zakładów Azotowych", "orgName", "Zakłady Azotowe"),  # plural, non-m1
    ],
)
def test_agreement(morph: Morphology, surface: str, label: str, expected: str) -> None:
    assert base_form(words(surface), label, morph) == expected


@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("Emmanuel Macron", "persName"),
        ("Joe Biden", "persName"),
        ("New York Times", "orgName"),
        ("Microsoft Corporation", "orgName"),
        ("Los Angeles", "placeName"),
        ("Mark Rutte", "persName"),
        ("Antony Blinken", "persName"),
        ("USA", "placeName"),
    ],
)
def test_non_polish_names_pass_through(morph: Morphology, surface: str, label: str) -> None:
    assert base_form(words(surface), label, morph) == surface


@pytest.mark.parametrize(
    ("tokens", "label", "expected"),
    [
        (["15", "września", "2024", "r", "."], "date", "15 września 2024 r."),
        (["godz", ".", "12", ":", "30"], "time", "godz. 12:30"),
        (["w", "poniedziałek"], "date", "w poniedziałek"),
    ],
)
def test_dates_and_times_keep_their_surface(morph: Morphology, tokens: list[str], label: str, expected: str) -> None:
    spaces = [False, True, False, False, False] if label == "time" else None
    assert base_form(tokens, label, morph, spaces) == expected


def test_spacing_from_caller(morph: Morphology) -> None:
    # "Indo - Pacyfik" written with spaces stays spaced; without, it is one word
    assert base_form(["Indo", "-", "Pacyfik"], "geogName", morph, [True, True, False]) == ("Indo - Pacyfik")
    assert base_form(["Indo", "-", "Pacyfik"], "geogName", morph, [False, False, False]) == ("Indo-Pacyfik")
    assert base_form(["Indo", "-", "Pacyfik"], "geogName", morph) == "Indo-Pacyfik"
    with pytest.raises(ValueError):
        base_form(["Unii", "Europejskiej"], "orgName", morph, [True])


def test_infer_spaces() -> None:
    assert infer_spaces(["J", ".", "Kowalski"]) == [False, True, False]
    assert infer_spaces(['"', "Gazeta", "Wyborcza", '"']) == [False, True, False, False]
    assert infer_spaces(["Bielsko", "-", "Biała"]) == [False, False, False]


def test_quoted_name_inflects_inside_quotes(morph: Morphology) -> None:
    assert base_form(['"', "Solidarności", '"'], "orgName", morph) == '"Solidarność"'


def test_empty_input(morph: Morphology) -> None:
    assert base_form([], "persName", morph) == ""
    assert base_form_candidates([], "orgName", morph) == ("",)


def test_capitalisation_is_kept(morph: Morphology) -> None:
    assert base_form(["SOJUSZU"], "orgName", morph) == "SOJUSZ"
    assert base_form(["Sojuszu"], "orgName", morph) == "Sojusz"
    assert base_form(["placem", "Zbawiciela"], "geogName", morph) == "plac Zbawiciela"


def test_candidates_are_ranked_and_distinct(morph: Morphology) -> None:
    cands = base_form_candidates(["Obama"], "persName", morph)
    assert len(cands) == len(set(cands)) >= 2
    assert "Obama" in cands
    assert base_form_candidates(["Blinkena"], "persName", morph)[0] == "Blinken"


def test_token_outputs_align_with_input(morph: Morphology) -> None:
    toks = ["Ministerstwu", "Obrony", "Narodowej"]
    best = base_form_tokens_candidates(toks, "orgName", morph)[0]
    assert best == ("Ministerstwo", "Obrony", "Narodowej")
    split = base_form_tokens_candidates(["Bielska", "-", "Białej"], "placeName", morph)[0]
    assert split == ("Bielsko-Biała", "", "")


def test_pure_and_cached(morph: Morphology) -> None:
    first = base_form(["Korei", "Północnej"], "placeName", morph)
    again = base_form(("Korei", "Północnej"), "placeName", Morphology())
    assert first == again == "Korea Północna"


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        # foreign organisations keep their name as written, never a Polish-looking stem
        ("Reuters", "Reuters"),
        ("Reutersa", "Reuters"),
        ("Reutersowi", "Reuters"),
        ("Bloomberg", "Bloomberg"),
        ("Bloomberga", "Bloomberg"),
        ("Bloombergiem", "Bloomberg"),
        ("Die Welt", "Die Welt"),
        ("Financial Times", "Financial Times"),
        ("Associated Press", "Associated Press"),
        ("Deutsche Welle", "Deutsche Welle"),
        ("Le Monde", "Le Monde"),
        ("Washington Post", "Washington Post"),
        ("Wall Street Journal", "Wall Street Journal"),
        ("Goldman Sachs", "Goldman Sachs"),
        ("Fox News", "Fox News"),
        ("Politico", "Politico"),
        ("Huawei", "Huawei"),
        ("Spiegla", "Spiegel"),
        ("Guardiana", "Guardian"),
        ("Interfaxu", "Interfax"),
        ("Toyoty", "Toyota"),
        # a capitalised word Morfeusz knows only as something else: the commoner reading
        ("Zara", "Zara"),
    ],
)
def test_foreign_organisations(surface: str, expected: str, morph: Morphology) -> None:
    assert base_form(words(surface), "orgName", morph) == expected
