"""Derived forms: relational adjectives and inhabitant nouns carry their base entity's id;
adjectives inside names are part of the name."""

from __future__ import annotations

import pytest

from newsetl.extract.entities.derivation import guessed_base
from newsetl.extract.entities.identity import entity_id, group_entity_id
from newsetl.extract.entities.lexicon import (
    EntityLexicon,
    parse_aliases,
    parse_derived,
)
from newsetl.morph import Morphology
from tests.unit.extract.entities.test_mentions import Names
from tests.unit.extract.entities.test_mentions import mentions_by_text as run


@pytest.mark.parametrize(
    ("word", "label", "kind", "lemma", "base"),
    [
        ("brytyjskiego", "placeName", "adjective", "brytyjski", "Wielka Brytania"),
        ("unijnej", "orgName", "adjective", "unijny", "Unia Europejska"),
        ("amerykańskie", "placeName", "adjective", "amerykański", "Stany Zjednoczone"),
        ("rosyjskiej", "placeName", "adjective", "rosyjski", "Rosja"),
        ("europejski", "geogName", "adjective", "europejski", "Europa"),
        ("natowskich", "orgName", "adjective", "natowski", "NATO"),
        ("Irakijczyk", "placeName", "inhabitant", "Irakijczyk", "Irak"),
        ("warszawiacy", "placeName", "inhabitant", "warszawiak", "Warszawa"),
        ("Polaków", "placeName", "inhabitant", "Polak", "Polska"),
        ("Niemców", "placeName", "inhabitant", "Niemiec", "Niemcy"),
        # SJP lacks it: Morfeusz confirms the place ("goleniowski" → Goleniów)
        ("goleniowskiego", "placeName", "adjective", "goleniowski", "Goleniów"),
    ],
)
def test_derived_forms_outside_names(
    word: str, label: str, kind: str, lemma: str, base: str, morph: Morphology, lexicon: EntityLexicon
) -> None:
    text = f"Mówiono wtedy o {word} sprawach."
    (m,) = run(text, [(word, label, None)], morph, lexicon)[word]
    assert (m.derived, m.lemma, m.entity_name, m.label) == (kind, lemma, base, label)
    assert m.entity_id == entity_id("placeName", base)


def test_the_base_and_its_derived_forms_share_one_id(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Premier Wielkiej Brytanii spotkał brytyjskich dyplomatów. Brytyjczycy byli zadowoleni."
    out = run(
        text,
        [
            ("Wielkiej Brytanii", "placeName", None),
            ("brytyjskich", "placeName", None),
            ("Brytyjczycy", "placeName", None),
        ],
        morph,
        lexicon,
    )
    ids = {out[s][0].entity_id for s in out}
    assert len(ids) == 1
    assert [out[s][0].derived for s in ("Wielkiej Brytanii", "brytyjskich", "Brytyjczycy")] == [
        None,
        "adjective",
        "inhabitant",
    ]
    assert {out[s][0].entity_name for s in out} == {"Wielka Brytania"}


def test_adjectives_inside_names_are_names(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Federacja Rosyjska i Unia Europejska rozmawiały. Brytyjski Urząd Lotnictwa Cywilnego milczał."
    out = run(
        text,
        [
            ("Federacja Rosyjska", "placeName", None),
            ("Unia Europejska", "orgName", None),
            ("Brytyjski Urząd Lotnictwa Cywilnego", "orgName", None),
        ],
        morph,
        lexicon,
    )
    assert all(ms[0].derived is None for ms in out.values())
    assert out["Federacja Rosyjska"][0].entity_name == "Rosja"  # an alias
    assert out["Brytyjski Urząd Lotnictwa Cywilnego"][0].lemma == "Brytyjski Urząd Lotnictwa Cywilnego"


def test_a_capitalised_adjective_split_off_a_name_is_joined_back(morph: Morphology, lexicon: EntityLexicon) -> None:
    # the tagger tagged "Brytyjski" and "Urząd Lotnictwa Cywilnego" separately
    text = "Wczoraj Brytyjski Urząd Lotnictwa Cywilnego wydał zakaz."
    out = run(text, [("Brytyjski", "placeName", None), ("Urząd Lotnictwa Cywilnego", "orgName", None)], morph, lexicon)
    (m,) = out["Brytyjski Urząd Lotnictwa Cywilnego"]
    assert m.derived is None and m.label == "orgName"
    # at a sentence start the capital says nothing: "Rosyjski" stays a derived form
    text = "Rosyjski Gazprom podniósł ceny."
    out = run(text, [("Rosyjski", "placeName", None), ("Gazprom", "orgName", None)], morph, lexicon)
    assert out["Rosyjski"][0].derived == "adjective" and out["Rosyjski"][0].entity_name == "Rosja"
    assert out["Gazprom"][0].derived is None


def test_compound_adjectives_are_one_mention_per_part(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Podpisano umowę polsko-niemiecką w Berlinie."
    out = run(text, [("polsko-niemiecką", "placeName", None)], morph, lexicon)
    assert [(m.entity_name, m.derived) for m in out["polsko"]] == [("Polska", "adjective")]
    assert [(m.entity_name, m.derived) for m in out["niemiecką"]] == [("Niemcy", "adjective")]


def test_capitals_tell_a_place_from_an_adjective_or_a_people(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Prezydent Polski odwiedził Niemcy, a polski rząd milczał."
    out = run(
        text,
        [("Polski", "placeName", None), ("Niemcy", "placeName", None), ("polski", "placeName", None)],
        morph,
        lexicon,
    )
    assert [(m.derived, m.entity_name) for m in out["Polski"]] == [(None, "Polska")]
    assert [(m.derived, m.entity_name) for m in out["Niemcy"]] == [(None, "Niemcy")]
    assert [(m.derived, m.entity_name) for m in out["polski"]] == [("adjective", "Polska")]


def test_person_derived_adjectives_belong_to_the_person(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Wspominał czasy okupacji hitlerowskiej."
    (m,) = run(text, [("hitlerowskiej", "persName", None)], morph, lexicon)["hitlerowskiej"]
    assert m.derived == "adjective" and m.entity_name == "Adolf Hitler"
    assert m.entity_id == group_entity_id("person", "Adolf Hitler")


def test_common_words_taken_for_names_are_dropped(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Były senator przyjechał do gminy, a sejm obradował."
    out = run(
        text, [("senator", "orgName", None), ("gminy", "placeName", None), ("sejm", "orgName", None)], morph, lexicon
    )
    assert "senator" not in out and "gminy" not in out
    assert out["sejm"][0].entity_name == "Sejm"  # the alias table knows the lower-case Sejm


def test_no_entity_is_named_by_an_adjective(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Szef amerykańskiej dyplomacji i rosyjscy żołnierze. Unijne fundusze i europejska polityka."
    names: Names = [
        ("amerykańskiej", "placeName", None),
        ("rosyjscy", "placeName", None),
        ("Unijne", "orgName", None),
        ("europejska", "geogName", None),
    ]
    for ms in run(text, names, morph, lexicon).values():
        for m in ms:
            assert m.derived == "adjective"
            assert m.entity_name[:1].isupper() and m.entity_name.lower() not in lexicon.derived


def test_a_surname_is_not_an_adjective_of_a_town(morph: Morphology, lexicon: EntityLexicon) -> None:
    """ "kowalski" is the adjective of the town Kowal, but "Kowalskiej" tagged as a person is
    Anna Kowalska's surname, linked to her; lower case still reads as the adjective."""
    assert lexicon.derived.get("kowalskiej") is not None  # the trap is real
    text = "Minister Anna Kowalska przedstawiła plan. Według Kowalskiej wydatki wzrosną. Kowalską przyjął premier."
    names: Names = [
        ("Anna Kowalska", "persName", None),
        ("Kowalskiej", "persName", None),
        ("Kowalską", "persName", None),
    ]
    found = run(text, names, morph, lexicon)
    for surface in ("Kowalskiej", "Kowalską"):
        (m,) = found[surface]
        assert m.derived is None and m.entity_id == found["Anna Kowalska"][0].entity_id
    adjective = run("Zwiedziliśmy kowalski rynek.", [("kowalski", "placeName", None)], morph, lexicon)
    assert adjective["kowalski"][0].derived == "adjective"


def test_guessed_base_needs_one_clear_place(morph: Morphology, lexicon: EntityLexicon) -> None:
    assert guessed_base("goleniowski", "adjective", morph, lexicon.places) == "Goleniów"
    assert guessed_base("warszawiak", "inhabitant", morph, lexicon.places) == "Warszawa"
    assert guessed_base("krakowski", "adjective", morph, lexicon.places) == "Kraków"  # not the village Krakówek
    assert guessed_base("miejski", "adjective", morph, lexicon.places) is None  # Miejsce is a common word
    assert guessed_base("zielony", "adjective", morph, lexicon.places) is None


def test_lexicon_parsing() -> None:
    derived = parse_derived(
        "# comment\n"
        "brytyjski\tadjective\tWielka Brytania\tname\treviewed\tbrytyjska,brytyjskiego\n"
        "brytyjski\tadjective\tBrytania\tname\trule\tbrytyjska\n"
    )
    assert derived["brytyjskiego"].base == "Wielka Brytania"
    assert derived["brytyjska"].base == "Wielka Brytania"  # the reviewed row wins a shared form
    assert derived["brytyjski"].reviewed
    aliases, contextual = parse_aliases("NATO\tSojusz Północnoatlantycki | ~Sojusz\tnote\nSLD\t~Sojusz\tnote\n")
    assert aliases["sojusz północnoatlantycki"] == "NATO" and aliases["nato"] == "NATO"
    assert contextual["sojusz"] == ("NATO", "SLD")
    with pytest.raises(ValueError):
        parse_aliases("A\tX\t\nB\tX\t\n")
    with pytest.raises(ValueError):
        parse_derived("x\tnoun\tY\tname\trule\tx\n")
