"""Claims of whole documents: the sample article, speakers, languages, ordering."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsetl.extract.claims import EXTRACTOR_NAME, EXTRACTOR_VERSION, claims_in_document
from newsetl.morph import Morphology
from newsetl.segment import segment
from newsetl.spans import Claim, Segmentation, mentions_at

# Mentions the entity stage would give for the sample article (ids: any stable strings).
SAMPLE_NAMES = [
    ("Antony Blinken", "persName", "e:Antony Blinken"),
    ("Antonym Blinkenem", "persName", "e:Antony Blinken"),
    ("Blinkenem", "persName", "e:Antony Blinken"),
    ("Blinkena", "persName", "e:Antony Blinken"),
    ("Blinken", "persName", "e:Antony Blinken"),
    ("Mark Rutte", "persName", "e:Mark Rutte"),
    ("Markiem Rutte", "persName", "e:Mark Rutte"),
    ("Donalda Trumpa", "persName", "e:Donald Trump"),
    ("Putina", "persName", "e:Władimir Putin"),
    ("NATO", "orgName", "e:NATO"),
    ("USA", "placeName", "e:USA"),
    ("Ukrainy", "placeName", "e:Ukraina"),
    ("Brukseli", "placeName", "e:Bruksela"),
]


def run(text: str, morph: Morphology, names: list[tuple[str, str, str]], lang: str = "pl") -> list[Claim]:
    seg = segment(text, lang, morph=morph)
    return claims_in_document(text, seg, lang, mentions_at(text, seg, names), morph)


@pytest.fixture(scope="module")
def sample_claims(sample_article: Path, morph: Morphology) -> tuple[str, list[Claim]]:
    text = sample_article.read_text(encoding="utf-8")
    return text, run(text, morph, SAMPLE_NAMES)


def test_sample_article_gives_exactly_three_claims(sample_claims: tuple[str, list[Claim]]) -> None:
    text, claims = sample_claims
    assert [text[c.start : c.end] for c in claims] == ["czterech lat", "23", "co najmniej 2 proc."]


def test_sample_article_count(sample_claims: tuple[str, list[Claim]]) -> None:
    text, claims = sample_claims
    c = next(c for c in claims if text[c.start : c.end] == "23")
    assert (c.kind, c.value, c.qualifier, c.unit) == ("count", 23.0, "eq", None)
    assert (c.object, c.subject_entity_id, c.speaker_entity_id) == ("państwo", "e:NATO", "e:Antony Blinken")


def test_sample_article_percent(sample_claims: tuple[str, list[Claim]]) -> None:
    text, claims = sample_claims
    c = next(c for c in claims if text[c.start : c.end] == "co najmniej 2 proc.")
    assert (c.kind, c.value, c.qualifier, c.unit) == ("percent", 2.0, "ge", "percent")
    assert (c.object, c.speaker_entity_id) == ("PKB", "e:Antony Blinken")


def test_sample_article_duration(sample_claims: tuple[str, list[Claim]]) -> None:
    text, claims = sample_claims
    c = next(c for c in claims if text[c.start : c.end] == "czterech lat")
    assert (c.kind, c.value, c.qualifier, c.unit, c.low, c.high) == ("duration", 4.0, "eq", "year", None, None)
    # "Szef amerykańskiej dyplomacji przyznał": a role, whose holder the article names
    # earlier ("Szef amerykańskiej dyplomacji Antony Blinken spotkał się…")
    assert c.speaker_entity_id == "e:Antony Blinken"


def test_sentence_indices_and_offsets(
    sample_article: Path, morph: Morphology, sample_claims: tuple[str, list[Claim]]
) -> None:
    text, claims = sample_claims
    seg = segment(text, "pl", morph=morph)
    for c in claims:
        s, e, _ = seg.sentences[c.sentence_idx]
        assert s <= c.start < c.end <= e
    assert claims == sorted(claims, key=lambda c: c.start)


BLINKEN = [("Blinken", "persName", "e:Blinken"), ("Rutte", "persName", "e:Rutte"), ("NATO", "orgName", "e:NATO")]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        # named in a preceding sentence of the paragraph
        ("Blinken powiedział, że sytuacja jest trudna. Wydatki wzrosły o 5 proc.", ["e:Blinken"]),
        # named at the end of the paragraph's last sentence
        ("Wydatki wzrosły o 5 proc. To dobrze - przyznał Blinken.", ["e:Blinken"]),
        # a continuation without a subject keeps the previous speaker
        ("Rutte zauważył, że to ważne. Dodał także, że wydatki wzrosły o 5 proc.", ["e:Rutte"]),
        # a later speaker takes over
        ("Rutte zauważył, że to ważne. Blinken dodał, że wydatki wzrosły o 5 proc.", ["e:Blinken"]),
        # a speaker who is not a named person
        ("Szef dyplomacji przyznał, że wydatki wzrosły o 5 proc.", [None]),
        # "według"
        ("Według Blinkena wydatki wzrosły o 5 proc.", ["e:Blinken"]),
        # attribution does not cross paragraphs
        ("Blinken powiedział, że sytuacja jest trudna.\n\nWydatki wzrosły o 5 proc.", [None]),
        # no verb of saying
        ("Blinken i Rutte spotkali się. Wydatki wzrosły o 5 proc.", [None]),
        # a name after a preposition is not the speaker
        ("Wraz z Blinkenem przyznali, że wydatki wzrosły o 5 proc.", [None]),
    ],
)
def test_speakers(text: str, speakers: list[str | None], morph: Morphology) -> None:
    names = [*BLINKEN, ("Blinkena", "persName", "e:Blinken"), ("Blinkenem", "persName", "e:Blinken")]
    assert [c.speaker_entity_id for c in run(text, morph, names)] == speakers


@pytest.mark.parametrize(
    ("text", "surface", "subject"),
    [
        ("Obecnie 23 państwa NATO wydają 2 proc. PKB.", "23", "e:NATO"),  # the name after the counted noun
        ("Obecnie 23 państwa NATO wydają 2 proc. PKB.", "2 proc.", "e:NATO"),  # attached to the clause's subject
        ("NATO wydaje 2 proc. PKB na obronę.", "2 proc.", "e:NATO"),  # the clause's subject
        ("Państwa członkowskie NATO wydają 2 proc. PKB.", "2 proc.", "e:NATO"),
        ("Mimo wzmocnienia partnerstwa NATO wydatki wzrosły o 2 proc.", "2 proc.", None),  # inside a phrase
        ("Rutte powiedział, że wydatki wzrosły o 5 proc.", "5 proc.", None),  # a speaker, not the subject
    ],
)
def test_subject(text: str, surface: str, subject: str | None, morph: Morphology) -> None:
    claims = {text[c.start : c.end]: c for c in run(text, morph, BLINKEN)}
    assert claims[surface].subject_entity_id == subject


def test_numbers_inside_names_and_dates_are_skipped(morph: Morphology) -> None:
    text = "Gazociąg Nord Stream 2 stoi. Przez cztery lata wydano 5 mln zł."
    names = [("Nord Stream 2", "orgName", "e:NS2"), ("Przez cztery lata", "date", "e:date")]
    got = [text[c.start : c.end] for c in run(text, morph, names)]
    assert got == ["cztery lata", "5 mln zł"]  # a duration inside a date mention stays


def test_english_document(morph: Morphology) -> None:
    text = "The deal is worth $5 million.\n\nIt was signed in 2024 by 23 countries."
    claims = run(text, morph, [], lang="en")
    assert [(text[c.start : c.end], c.value, c.unit) for c in claims] == [
        ("$5 million", 5e6, "USD"),
        ("23", 23.0, None),
    ]


@pytest.mark.parametrize("lang", ["de", "ru", "cs", None, ""])
def test_other_languages_give_nothing(lang: str | None, morph: Morphology) -> None:
    text = "Die Kosten betragen 5 Millionen Euro und 23 Prozent."
    seg = segment(text, lang, morph=morph)
    assert claims_in_document(text, seg, lang, [], morph) == []


def test_empty_text(morph: Morphology) -> None:
    assert claims_in_document("", Segmentation([], [], []), "pl", [], morph) == []


def test_deterministic(sample_article: Path, morph: Morphology) -> None:
    text = sample_article.read_text(encoding="utf-8")
    assert run(text, morph, SAMPLE_NAMES) == run(text, Morphology(), SAMPLE_NAMES)


def test_identity() -> None:
    assert EXTRACTOR_NAME and re.fullmatch(r"\d+\.\d+\.\d+", EXTRACTOR_VERSION)
