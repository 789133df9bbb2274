"""Entity ids, names, labels and aliases: deterministic whatever the input order."""

from __future__ import annotations

import itertools
import random

import pytest

from newsetl.extract.entities.identity import (
    canonical_name,
    entity_aliases,
    entity_group,
    entity_id,
    group_entity_id,
    headword,
    majority_label,
)


def test_groups() -> None:
    assert entity_group("persName") == "person"
    assert {entity_group(label) for label in ("orgName", "placeName", "geogName")} == {"name"}
    with pytest.raises(ValueError):
        entity_group("time")
    with pytest.raises(ValueError):
        group_entity_id("place", "Polska")
    assert entity_id("orgName", "Ukraina") == group_entity_id("name", "Ukraina")


def test_canonical_name_prefers_capitals_then_frequency_then_lexicographic() -> None:
    assert canonical_name({"europejska": 5, "Europejska": 1}) == "Europejska"
    assert canonical_name({"Unia europejska": 3, "Unia Europejska": 2}) == "Unia europejska"
    assert canonical_name({"Unia europejska": 2, "Unia Europejska": 2}) == "Unia Europejska"
    assert canonical_name({}) == ""


def test_canonical_name_ignores_input_order() -> None:
    spellings = [("Unia Europejska", 2), ("Unia europejska", 2), ("unia europejska", 7), ("UNIA EUROPEJSKA", 1)]
    results = {canonical_name(dict(order)) for order in itertools.permutations(spellings)}
    # capitalised beats the more frequent lower-case spelling; the tie on count between
    # the two capitalised ones goes to the lexicographically smaller ("E" < "e")
    assert results == {"Unia Europejska"}


def test_majority_label_and_its_ties() -> None:
    assert majority_label({"orgName": 3, "placeName": 2}) == "orgName"
    # a tie goes to the fixed preference order, never to the input order
    for order in itertools.permutations([("orgName", 2), ("placeName", 2), ("persName", 2)]):
        assert majority_label(dict(order)) == "placeName"
    assert majority_label({"orgName": 1, "geogName": 1}) == "orgName"
    with pytest.raises(ValueError):
        majority_label({})


def test_aliases_are_the_other_names_one_spelling_each() -> None:
    lemmas = {"Stany Zjednoczone": 5, "USA": 9, "Stany Zjednoczone Ameryki": 1, "usa": 1, "stany zjednoczone": 2}
    assert entity_aliases(lemmas, "Stany Zjednoczone") == ["USA", "Stany Zjednoczone Ameryki"]
    shuffled = list(lemmas.items())
    random.Random(3).shuffle(shuffled)
    assert entity_aliases(dict(shuffled), "Stany Zjednoczone") == ["USA", "Stany Zjednoczone Ameryki"]
    assert entity_aliases({"Mark Rutte": 3}, "Mark Rutte") == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ul. Chopina", "Ulica Chopina"),
        ("ulica Chopina", "Ulica Chopina"),
        ("województwo łódzkie", "Województwo łódzkie"),
        ("woj. łódzkie", "Województwo łódzkie"),
        ("Stany Zjednoczone", "Stany Zjednoczone"),
        ("de Gaulle", "De Gaulle"),
        ("ul.", "Ul."),
    ],
)
def test_headword(name: str, expected: str) -> None:
    assert headword(name) == expected


def test_abbreviated_and_written_out_streets_are_one_entity() -> None:
    assert entity_id("geogName", headword("ul. Marszałkowska")) == entity_id(
        "placeName", headword("ulica Marszałkowska")
    )
