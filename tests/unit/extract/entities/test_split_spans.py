"""Run-together name spans cut by split_spans (titles, organisation + person, surname + name)."""

from __future__ import annotations

import pytest

from newsetl.extract.entities.mentions import mentions_in
from newsetl.extract.entities.split_spans import split_spans
from newsetl.morph import Morphology
from newsetl.segment import segment
from newsetl.spans import TaggedSpan


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


def _cut(text: str, tagged: list[tuple[str, str]], morph: Morphology) -> list[tuple[str, str]]:
    """Tag each (surface, label) at its first occurrence, cut, and return (label, words) pairs."""
    seg = segment(text, "pl", morph=morph)
    tokens = seg.tokens_by_sentence()
    spans = []
    for surface, label in tagged:
        start = text.index(surface)
        end = start + len(surface)
        for s_idx, toks in enumerate(tokens):
            first = next((k for k, (a, _) in enumerate(toks) if a == start), None)
            if first is not None:
                last = next(k for k, (_, b) in enumerate(toks) if b == end)
                spans.append(TaggedSpan(s_idx, first, last + 1, label, None))
    assert len(spans) == len(tagged), "every surface must start and end on token boundaries"
    out = split_spans(spans, text, tokens, morph)
    return [(s.label, _text(text, tokens, s)) for s in out]


def _text(text: str, tokens: list[list[tuple[int, int]]], s: TaggedSpan) -> str:
    toks = tokens[s.sentence_idx]
    return text[toks[s.first_token][0] : toks[s.end_token - 1][1]]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Min. Żochowski tłumaczył w Sejmie.", "Min. Żochowski", "Żochowski"),
        ("Prezes Kowalski zapowiedział zmiany.", "Prezes Kowalski", "Kowalski"),
        ("Dr Szymański tłumaczy decyzję.", "Dr Szymański", "Szymański"),
        ("Prof. Ewa Kaczmarek ocenia wyniki.", "Prof. Ewa Kaczmarek", "Ewa Kaczmarek"),
    ],
)
def test_a_title_before_a_person_is_cut_off(text: str, surface: str, expected: str, morph: Morphology) -> None:
    assert _cut(text, [(surface, "persName")], morph) == [("persName", expected)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Minister zapowiedział zmiany.", "Minister"),  # nothing would remain
        ("Marek Prezes przyszedł.", "Marek Prezes"),  # the title word is not first
        ("Jak Pan Bóg chce kogoś ukarać, to odbiera mu rozum.", "Pan Bóg"),  # "pan" is no title here
        ("Pani Casetta twierdzi jednak, że było inaczej.", "Pani Casetta"),
        ("Sen Toju rozważał coś w myśli.", "Sen Toju"),  # "sen." abbreviates only with its full stop
    ],
)
def test_a_title_alone_or_a_name_without_title_stays(text: str, surface: str, morph: Morphology) -> None:
    assert _cut(text, [(surface, "persName")], morph) == [("persName", surface)]


def test_titles_are_cut_from_people_only(morph: Morphology) -> None:
    # Titles are cut from people only: "Prezydent" opens the name of an office.
    office = "Urząd Prezydent Miasta"
    assert _cut(f"{office} wydał komunikat.", [(office, "orgName")], morph) == [("orgName", office)]


@pytest.mark.parametrize(
    ("text", "surface", "label", "head", "person"),
    [
        (
            "– To dobra wiadomość – przyznała prezes Związku Miast Polskich Beata Górecka.",
            "Związku Miast Polskich Beata Górecka",
            "orgName",
            "Związku Miast Polskich",
            "Beata Górecka",
        ),
        (
            "Wiceprezydent Krakowa Andrzej Wójcik poinformował o zakupie tramwajów.",
            "Krakowa Andrzej Wójcik",
            "placeName",
            "Krakowa",
            "Andrzej Wójcik",
        ),
        (
            "Decyzję ogłosiła prezes Trybunału Konstytucyjnego Anna Nowak.",
            "Trybunału Konstytucyjnego Anna Nowak",
            "persName",
            "Trybunału Konstytucyjnego",
            "Anna Nowak",
        ),
    ],
)
def test_an_organisation_then_a_person_in_the_nominative_is_two_names(
    text: str, surface: str, label: str, head: str, person: str, morph: Morphology
) -> None:
    head_label = "orgName" if label == "persName" else label
    assert _cut(text, [(surface, label)], morph) == [(head_label, head), ("persName", person)]


def test_after_a_function_an_unknown_first_name_starts_the_person(morph: Morphology) -> None:
    text = "– To za mało – dodał szef dyplomacji Litwy Gabrielius Landsbergis."
    got = _cut(text, [("Litwy Gabrielius Landsbergis", "placeName")], morph)
    assert got == [("placeName", "Litwy"), ("persName", "Gabrielius Landsbergis")]
    # without a function before it, or after an indeclinable name, the span stays whole
    alone = "Spotkali się w Litwy Gabrielius Landsbergis."
    assert _cut(alone, [("Litwy Gabrielius Landsbergis", "placeName")], morph)[0][1] == "Litwy Gabrielius Landsbergis"
    sony = "Jak poinformował rzecznik Sony Computer Entertainment, sprzedaż wzrosła."
    assert _cut(sony, [("Sony Computer Entertainment", "orgName")], morph) == [
        ("orgName", "Sony Computer Entertainment")
    ]


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("Pracuje w Fundacji Jana Pawła II.", "Fundacji Jana Pawła II", "orgName"),  # a person in the genitive
        ("Studiował na Uniwersytecie Adama Mickiewicza.", "Uniwersytecie Adama Mickiewicza", "orgName"),
        ("Jan Maria Rokita mówił długo.", "Jan Maria Rokita", "persName"),  # all of it a person
        ("Słucha Radia Maryja codziennie.", "Radia Maryja", "orgName"),  # one word after the name
        ("Wystąpił Juan Antonio Samaranch.", "Juan Antonio Samaranch", "persName"),
        # first names that are also common words or places: "Pola", "Kasie", "Przemysł", "Wodzisław"
        ("Odwiedził Muzeum Pola Bitwy pod Grunwaldem.", "Muzeum Pola Bitwy", "orgName"),
        ("W Śląskiej Kasie Chorych zmieniono zarząd.", "Śląskiej Kasie Chorych", "orgName"),
        ("Polski Przemysł Węglowy wykonał plan.", "Polski Przemysł Węglowy", "orgName"),
        ("Grał w I-ligowej Odrze Wodzisław Śląski.", "Odrze Wodzisław Śląski", "orgName"),
    ],
)
def test_names_with_a_person_inside_stay_whole(text: str, surface: str, label: str, morph: Morphology) -> None:
    assert _cut(text, [(surface, label)], morph) == [(label, surface)]


def test_a_surname_of_a_person_named_in_full_is_cut_from_the_name_after_it(morph: Morphology) -> None:
    text = "Marta Zielińska z Banku Pekao ocenia dane. Zdaniem Zielińskiej Rada Polityki Pieniężnej obniży stopy."
    got = _cut(text, [("Marta Zielińska", "persName"), ("Zielińskiej Rada Polityki Pieniężnej", "orgName")], morph)
    assert got == [
        ("persName", "Marta Zielińska"),
        ("persName", "Zielińskiej"),
        ("orgName", "Rada Polityki Pieniężnej"),
    ]


def test_no_cut_of_a_person_or_of_a_word_that_is_not_only_a_surname(morph: Morphology) -> None:
    people = "Ludwik Dorn i Janusz Kulig przyszli. Rozmawiał z Ludwikiem Dornem i Januszem Kuligiem."
    got = _cut(people, [("Ludwik Dorn", "persName"), ("Ludwikiem Dornem", "persName")], morph)
    assert got == [("persName", "Ludwik Dorn"), ("persName", "Ludwikiem Dornem")]
    place = "Jan Stary mieszka tu. Koniec bocznicy ze Starego Czarnowa."
    got = _cut(place, [("Jan Stary", "persName"), ("Starego Czarnowa", "placeName")], morph)
    assert got == [("persName", "Jan Stary"), ("placeName", "Starego Czarnowa")]


def test_no_cut_without_the_full_name_or_with_a_nominative_first_word(morph: Morphology) -> None:
    alone = "Zdaniem Zielińskiej Rada Polityki Pieniężnej obniży stopy."
    span = "Zielińskiej Rada Polityki Pieniężnej"
    assert _cut(alone, [(span, "orgName")], morph) == [("orgName", span)]
    ford = "Henry Ford mówił o tym. Ford Motor Company zarobił więcej."
    got = _cut(ford, [("Henry Ford", "persName"), ("Ford Motor Company", "orgName")], morph)
    assert got == [("persName", "Henry Ford"), ("orgName", "Ford Motor Company")]


def test_a_title_closing_an_organisation_is_cut_off(morph: Morphology) -> None:
    text = "Jak poinformował rzecznik Komendy Głównej Policji insp. Mariusz Nowak, zatrzymano 12 osób."
    got = _cut(text, [("Komendy Głównej Policji insp.", "orgName"), ("Mariusz Nowak", "persName")], morph)
    assert got == [("orgName", "Komendy Głównej Policji"), ("persName", "Mariusz Nowak")]


def test_a_one_word_person_is_not_joined_as_an_adjective(morph: Morphology) -> None:
    # "Kowalskiej" is also a form of the relational adjective "kowalski" (of Kowal);
    # tagged as a person, it stays apart from the name after it. (The derived-form step
    # then still reads the lone word as that adjective: an entity-stage matter.)
    text = "Anna Kowalska jest ekspertką. Zdaniem Kowalskiej Narodowy Fundusz Zdrowia wyda 5 mld zł więcej."
    seg = segment(text, "pl", morph=morph)
    spans = [(0, 0, 2, "persName", None), (1, 1, 2, "persName", None), (1, 2, 5, "orgName", None)]
    got = {(m.label, text[m.start : m.end], m.entity_name) for m in mentions_in(text, seg, spans, morph)}
    assert ("orgName", "Narodowy Fundusz Zdrowia", "Narodowy Fundusz Zdrowia") in got
    assert not any("Kowalskiej Narodowy" in surface for _, surface, _ in got)


def test_mentions_in_links_the_cut_person_to_the_full_name(morph: Morphology) -> None:
    text = "Marta Zielińska ocenia dane. Zdaniem Zielińskiej Rada Polityki Pieniężnej obniży stopy."
    seg = segment(text, "pl", morph=morph)
    spans = [(0, 0, 2, "persName", None), (1, 1, 5, "orgName", None)]
    names = {(m.label, text[m.start : m.end], m.entity_name) for m in mentions_in(text, seg, spans, morph)}
    assert ("persName", "Zielińskiej", "Marta Zielińska") in names
    assert ("orgName", "Rada Polityki Pieniężnej", "Rada Polityki Pieniężnej") in names
