"""Entity ids and within-document linking."""

from __future__ import annotations

import re

import pytest

from newsetl.extract.entities.linking import Link, LinkInput, entity_id, link, normalise_name


def test_entity_id_is_stable_and_documented() -> None:
    # the documented recipe, recomputed here: sha256("2" \x1f group \x1f casefolded name)[:16]
    import hashlib

    expected = hashlib.sha256(b"2\x1fperson\x1fmark rutte").hexdigest()[:16]
    assert entity_id("persName", "Mark Rutte") == expected
    assert re.fullmatch(r"[0-9a-f]{16}", expected)
    # the old scheme (label + name, no version) can never produce the same key
    old = hashlib.sha256(b"persName\x1fmark rutte").hexdigest()[:16]
    assert old != expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("NATO", "Nato"),
        ("Unia Europejska", "Unia  europejska"),
        ("Kraków", "Krako\u0301w"),  # NFC: composed and decomposed ó
    ],
)
def test_entity_id_normalises_case_space_and_unicode(a: str, b: str) -> None:
    assert entity_id("orgName", a) == entity_id("orgName", b)


def test_entity_id_groups_labels() -> None:
    # one group for organisations, places and geographical names: the tagger's labels
    # for one name disagree ("Ukraina" as placeName and orgName)
    assert entity_id("placeName", "Ukraina") == entity_id("orgName", "Ukraina") == entity_id("geogName", "Ukraina")
    # people are a group of their own
    assert entity_id("persName", "Warszawa") != entity_id("placeName", "Warszawa")
    assert entity_id("persName", "Mark Rutte") != entity_id("persName", "Rutte")
    assert normalise_name("  Mark \n Rutte ") == "mark rutte"
    with pytest.raises(ValueError):
        entity_id("date", "15 września")


def _in(label: str, lemma: str, *alts: str) -> LinkInput:
    return LinkInput(label, lemma, (lemma, *alts))


@pytest.mark.parametrize(
    ("mentions", "expected"),
    [
        # short person mention → the full name with that surname
        (
            [_in("persName", "Mark Rutte"), _in("persName", "Rutte")],
            [("Mark Rutte", "Mark Rutte"), ("Rutte", "Mark Rutte")],
        ),
        # the short one may come first: linking sees the whole document
        (
            [_in("persName", "Blinken"), _in("persName", "Antony Blinken")],
            [("Blinken", "Antony Blinken"), ("Antony Blinken", "Antony Blinken")],
        ),
        # an inflected surname finds the full name through its other candidates
        (
            [_in("persName", "Blinkena", "Blinken"), _in("persName", "Antony Blinken")],
            [("Blinken", "Antony Blinken"), ("Antony Blinken", "Antony Blinken")],
        ),
        # two Kaczyńskis: the bare surname stays unlinked
        (
            [_in("persName", "Jarosław Kaczyński"), _in("persName", "Lech Kaczyński"), _in("persName", "Kaczyński")],
            [
                ("Jarosław Kaczyński", "Jarosław Kaczyński"),
                ("Lech Kaczyński", "Lech Kaczyński"),
                ("Kaczyński", "Kaczyński"),
            ],
        ),
        # the same full name twice is not ambiguous
        (
            [_in("persName", "Donald Trump"), _in("persName", "Donald Trump"), _in("persName", "Trump")],
            [("Donald Trump", "Donald Trump"), ("Donald Trump", "Donald Trump"), ("Trump", "Donald Trump")],
        ),
        # a forename alone is not linked to a surname
        ([_in("persName", "Mark Rutte"), _in("persName", "Mark")], [("Mark Rutte", "Mark Rutte"), ("Mark", "Mark")]),
        # across labels: never
        (
            [_in("placeName", "Warszawa"), _in("persName", "Warszawa")],
            [("Warszawa", "Warszawa"), ("Warszawa", "Warszawa")],
        ),
        ([_in("orgName", "Mark Rutte"), _in("persName", "Rutte")], [("Mark Rutte", "Mark Rutte"), ("Rutte", "Rutte")]),
        # places and institutions: the unique longer name starting with the word
        (
            [_in("placeName", "Korea Północna"), _in("placeName", "Korea")],
            [("Korea Północna", "Korea Północna"), ("Korea", "Korea Północna")],
        ),
        (
            [_in("placeName", "Korea Północna"), _in("placeName", "Korea Południowa"), _in("placeName", "Korea")],
            [("Korea Północna", "Korea Północna"), ("Korea Południowa", "Korea Południowa"), ("Korea", "Korea")],
        ),
        # acronyms
        (
            [_in("orgName", "Polskie Stronnictwo Ludowe"), _in("orgName", "PSL")],
            [("Polskie Stronnictwo Ludowe", "Polskie Stronnictwo Ludowe"), ("PSL", "Polskie Stronnictwo Ludowe")],
        ),
        (
            [_in("orgName", "Prawo i Sprawiedliwość"), _in("orgName", "PiS")],
            [("Prawo i Sprawiedliwość", "Prawo i Sprawiedliwość"), ("PiS", "Prawo i Sprawiedliwość")],
        ),
        (
            [
                _in("orgName", "Polskie Stronnictwo Ludowe"),
                _in("orgName", "Polska Sieć Logistyczna"),
                _in("orgName", "PSL"),
            ],
            [
                ("Polskie Stronnictwo Ludowe", "Polskie Stronnictwo Ludowe"),
                ("Polska Sieć Logistyczna", "Polska Sieć Logistyczna"),
                ("PSL", "PSL"),
            ],
        ),
        # dates are not linked
        ([_in("date", "15 września"), _in("date", "15")], [("15 września", "15 września"), ("15", "15")]),
        # across the name group's labels: a short place name to a long one tagged orgName
        (
            [_in("orgName", "Korea Północna"), _in("placeName", "Korea")],
            [("Korea Północna", "Korea Północna"), ("Korea", "Korea Północna")],
        ),
        ([], []),
    ],
)
def test_link(mentions: list[LinkInput], expected: list[tuple[str, str]]) -> None:
    assert link(mentions) == [Link(*e) for e in expected]


def test_link_is_order_independent() -> None:
    ms = [
        _in("persName", "Rutte"),
        _in("persName", "Mark Rutte"),
        _in("persName", "Blinken"),
        _in("persName", "Antony Blinken"),
    ]
    forward = dict(zip(ms, link(ms), strict=True))
    backward = dict(zip(ms[::-1], link(ms[::-1]), strict=True))
    assert forward == backward


def test_known_place_is_not_linked_to_an_institution_named_after_it() -> None:
    ms = [_in("orgName", "Polska Agencja Prasowa"), _in("placeName", "Polska"), _in("orgName", "Polska")]
    places = frozenset({"polska"})
    assert link(ms, places=places) == [
        Link("Polska Agencja Prasowa", "Polska Agencja Prasowa"),
        Link("Polska", "Polska"),
        Link("Polska", "Polska"),
    ]
    # a place-tagged long name is fine: "Polska" → "Polska Ludowa" when it is the only one
    ms = [_in("placeName", "Polska Ludowa"), _in("placeName", "Polska")]
    assert link(ms, places=places)[1] == Link("Polska", "Polska Ludowa")


def test_defined_acronyms_link_even_without_matching_initials() -> None:
    ms = [_in("orgName", "Organizacja Traktatu Północnoatlantyckiego"), _in("orgName", "NATO")]
    out = link(ms, definitions={"nato": "Organizacja Traktatu Północnoatlantyckiego"})
    assert out[1] == Link("NATO", "Organizacja Traktatu Północnoatlantyckiego")
    # without the definition the initials do not match, so no link
    assert link(ms)[1] == Link("NATO", "NATO")
    # definitions never apply to people
    assert link([_in("persName", "NATO")], definitions={"nato": "X Y"}) == [Link("NATO", "NATO")]
