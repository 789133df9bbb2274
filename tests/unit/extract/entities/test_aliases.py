"""One entity per real thing: aliases, acronyms defined in the text, label disagreements,
and ids that do not depend on the order of the input."""

from __future__ import annotations

import random

import pytest

from newsetl.extract.entities.acronyms import NamedSpan, acronym_definitions, is_acronym
from newsetl.extract.entities.identity import entity_id
from newsetl.extract.entities.lexicon import EntityLexicon
from newsetl.extract.entities.mentions import TaggedSpan, mentions_in
from newsetl.morph import Morphology
from tests.unit.extract.entities.test_mentions import Names, gold_spans, regex_segmentation
from tests.unit.extract.entities.test_mentions import mentions_by_text as run


@pytest.mark.parametrize(
    ("first", "second", "canonical"),
    [
        ("USA", "Stany Zjednoczone", "Stany Zjednoczone"),
        ("UE", "Unia Europejska", "Unia Europejska"),
        ("ONZ", "Organizacja Narodów Zjednoczonych", "Organizacja Narodów Zjednoczonych"),
        ("Zjednoczone Królestwo", "Wielka Brytania", "Wielka Brytania"),
        ("Federacja Rosyjska", "Rosja", "Rosja"),
    ],
)
def test_aliases_share_one_entity_across_documents(
    first: str, second: str, canonical: str, morph: Morphology, lexicon: EntityLexicon
) -> None:
    # each name in a document of its own: the alias table, not the document, links them
    a = run(f"Wczoraj {first} ogłosiło decyzję.", [(first, "orgName", None)], morph, lexicon)[first][0]
    b = run(f"Wczoraj {second} ogłosiło decyzję.", [(second, "placeName", None)], morph, lexicon)[second][0]
    assert a.entity_id == b.entity_id == entity_id("placeName", canonical)
    assert a.entity_name == b.entity_name == canonical
    assert (a.lemma, b.lemma) == (first, second)  # each mention keeps its own base form
    assert (a.label, b.label) == ("orgName", "placeName")  # and the tagger's label


def test_inflected_aliases(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Przedstawiciele Stanów Zjednoczonych Ameryki i Organizacji Narodów Zjednoczonych rozmawiali."
    out = run(
        text,
        [
            ("Stanów Zjednoczonych Ameryki", "placeName", None),
            ("Organizacji Narodów Zjednoczonych", "orgName", None),
        ],
        morph,
        lexicon,
    )
    assert out["Stanów Zjednoczonych Ameryki"][0].entity_name == "Stany Zjednoczone"
    assert out["Organizacji Narodów Zjednoczonych"][0].entity_name == "Organizacja Narodów Zjednoczonych"


def test_acronym_defined_in_the_text(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = (
        "Międzynarodowy Fundusz Monetarny (MFM) ostrzega przed recesją. "
        "Według MFM wzrost spadnie. Eksperci MFM-u są zgodni."
    )
    out = run(
        text,
        [
            ("Międzynarodowy Fundusz Monetarny", "orgName", None),
            ("MFM", "orgName", None),
            ("MFM-u", "orgName", None),
        ],
        morph,
        lexicon,
    )
    long_id = out["Międzynarodowy Fundusz Monetarny"][0].entity_id
    assert {m.entity_id for m in out["MFM"]} == {long_id}
    assert out["MFM-u"][0].entity_id == long_id and out["MFM-u"][0].lemma == "MFM"
    # a foreign acronym whose letters are not the Polish initials
    text = "Organizacja Traktatu Północnoatlantyckiego (OTAN) obradowała. OTAN wydał komunikat."
    out = run(
        text,
        [("Organizacja Traktatu Północnoatlantyckiego", "orgName", None), ("OTAN", "orgName", None)],
        morph,
        lexicon,
    )
    assert {m.entity_name for ms in out.values() for m in ms} == {"NATO"}  # and the alias table names it


def test_acronym_definitions() -> None:
    text = "Bank X (BX) i BY (Bank Y) oraz Bank Z (BZ) i Bank W (BZ)."
    spans = [
        NamedSpan(0, 6, "Bank X"),
        NamedSpan(text.index("BY"), text.index("BY") + 2, "BY"),
        NamedSpan(text.index("Bank Y"), text.index("Bank Y") + 6, "Bank Y"),
        NamedSpan(text.index("Bank Z"), text.index("Bank Z") + 6, "Bank Z"),
        NamedSpan(text.index("Bank W"), text.index("Bank W") + 6, "Bank W"),
    ]
    # BZ is defined twice differently: left undefined
    assert acronym_definitions(text, spans) == {"BX": "Bank X", "BY": "Bank Y"}
    assert is_acronym("PiS") and is_acronym("UOKiK") and not is_acronym("Bank") and not is_acronym("2024")


def test_contextual_aliases(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Szczyt NATO się zakończył. Sojusz wzmocni wschodnią flankę."
    out = run(text, [("NATO", "orgName", None), ("Sojusz", "orgName", None)], morph, lexicon)
    assert out["Sojusz"][0].entity_id == out["NATO"][0].entity_id
    # where the document does not name NATO (or names SLD too) "Sojusz" stays itself
    alone = run("Sojusz wzmocni flankę.", [("Sojusz", "orgName", None)], morph, lexicon)["Sojusz"][0]
    assert alone.entity_name == "Sojusz"
    both = run(
        "NATO i SLD. Sojusz milczy.",
        [("NATO", "orgName", None), ("SLD", "orgName", None), ("Sojusz", "orgName", None)],
        morph,
        lexicon,
    )
    assert both["Sojusz"][0].entity_name == "Sojusz"


def test_label_disagreements_make_one_entity(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = "Ukraina walczy. Rząd Ukrainy apeluje. Ukrainę wspiera Europa."
    out = run(
        text,
        [("Ukraina", "placeName", None), ("Ukrainy", "orgName", None), ("Ukrainę", "geogName", None)],
        morph,
        lexicon,
    )
    assert len({m.entity_id for ms in out.values() for m in ms}) == 1
    assert [out[s][0].label for s in ("Ukraina", "Ukrainy", "Ukrainę")] == ["placeName", "orgName", "geogName"]
    # a person-labelled mention of a name the document mostly tags as a place joins the place
    text = "Kuba to wyspa. Na Kubie jest ciepło. Kuba eksportuje cukier."
    spans = [("Kuba", "placeName", None), ("Kubie", "placeName", None)]
    seg = regex_segmentation(text)
    tagged = gold_spans(text, seg, spans)
    last = next(t for t in tagged if t.sentence_idx == 2)
    tagged = [t for t in tagged if t is not last] + [TaggedSpan(2, last.first_token, last.end_token, "persName", None)]
    mentions = mentions_in(text, seg, tagged, morph, lexicon)
    assert len({m.entity_id for m in mentions}) == 1
    assert sorted(m.label for m in mentions) == ["persName", "placeName", "placeName"]


def test_ids_and_names_do_not_depend_on_input_order(morph: Morphology, lexicon: EntityLexicon) -> None:
    text = (
        "USA i Unia Europejska (UE) rozmawiały. Stany Zjednoczone chcą umowy, a UE zwleka. "
        "Amerykańscy dyplomaci i unijni urzędnicy spotkali się w Brukseli. Mark Rutte i Rutte."
    )
    names: Names = [
        ("USA", "placeName", None),
        ("Unia Europejska", "orgName", None),
        ("UE", "orgName", None),
        ("Stany Zjednoczone", "placeName", None),
        ("Amerykańscy", "placeName", None),
        ("unijni", "orgName", None),
        ("Brukseli", "placeName", None),
        ("Mark Rutte", "persName", None),
        ("Rutte", "persName", None),
    ]
    seg = regex_segmentation(text)
    spans = gold_spans(text, seg, names)
    first = mentions_in(text, seg, spans, morph, lexicon)
    for seed in range(5):
        shuffled = list(spans)
        random.Random(seed).shuffle(shuffled)
        assert mentions_in(text, seg, shuffled, Morphology(), lexicon) == first
    ids = {text[m.start : m.end]: m.entity_id for m in first}
    assert ids["USA"] == ids["Stany Zjednoczone"] == ids["Amerykańscy"]
    assert ids["UE"] == ids["Unia Europejska"] == ids["unijni"]
    assert ids["Rutte"] == ids["Mark Rutte"]
