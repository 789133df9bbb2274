"""The shipped NER model on real and invented Polish text."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsetl.extract.entities.features import FeatureExtractor
from newsetl.extract.entities.tagger import EntityTagger, TaggedSpan, spans_from_bio, split_title_and_person
from newsetl.morph import Morphology

REPO = Path(__file__).resolve().parents[4]
MODEL_DIR = REPO / "models" / "ner"

# NKJP-style tokens for tests: words (with inner hyphens, "PiS-u"), numbers ("1,5"), and
# every other non-space character alone ("proc." → "proc" + ".").
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:-\w+)*|[^\w\s]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"„A-ZĄĆĘŁŃÓŚŹŻ])")


def tokens(sentence: str) -> list[str]:
    return _TOKEN.findall(sentence)


def document(text: str) -> list[list[str]]:
    return [tokens(s) for para in text.split("\n") if para.strip() for s in _SENTENCE_END.split(para.strip())]


def surface(doc: list[list[str]], span: TaggedSpan) -> str:
    return " ".join(doc[span.sentence_idx][span.first_token : span.end_token])


@pytest.fixture(scope="module")
def tagger() -> EntityTagger:
    return EntityTagger.load(MODEL_DIR, Morphology())


@pytest.fixture(scope="module")
def seed_doc(sample_article: Path) -> list[list[str]]:
    return document(sample_article.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_spans(tagger: EntityTagger, seed_doc: list[list[str]]) -> list[TaggedSpan]:
    return tagger.spans_in([seed_doc])[0]


def test_identity(tagger: EntityTagger) -> None:
    assert tagger.name == "newsetl-ner-crf"
    assert re.fullmatch(r"\d{4}\.\d+\.\d+\+[0-9a-f]{10}", tagger.version)


@pytest.mark.parametrize(
    ("text", "label", "subtype"),
    [
        ("Mark Rutte", "persName", None),
        ("Markiem Rutte", "persName", None),
        ("Antony Blinken", "persName", None),
        ("Antonym Blinkenem", "persName", None),
        ("Donalda Trumpa", "persName", None),
        ("NATO", "orgName", None),
        ("Mark Rutte", "persName", None),  # "szef NATO Mark Rutte": split from NATO
        ("Brukseli", "placeName", "settlement"),
        ("Stany Zjednoczone", "placeName", "country"),
        pytest.param(
            "Bliski Wschód",
            "geogName",
            None,
            marks=pytest.mark.xfail(
                strict=True,
                reason="model 2026.12.1 tags it placeName here (NKJP: geogName); MODEL_CARD.md known weaknesses",
            ),
        ),
        ("Ukrainy", "placeName", "country"),
    ],
)
def test_seed_article_entities(
    seed_doc: list[list[str]], seed_spans: list[TaggedSpan], text: str, label: str, subtype: str | None
) -> None:
    found = {(surface(seed_doc, s), s.label, s.subtype) for s in seed_spans}
    assert (text, label, subtype) in found


@pytest.mark.parametrize(
    "sentence_start",
    [
        "Jednodniowa wizyta",
        "Spotkanie jest",
        "Podczas rozmowy",
        "Oboje przyznali",
        "Jesteśmy teraz",
        "Szef amerykańskiej",
    ],
)
def test_capitalised_sentence_starts_are_not_names(
    seed_doc: list[list[str]], seed_spans: list[TaggedSpan], sentence_start: str
) -> None:
    starts = [i for i, sent in enumerate(seed_doc) if " ".join(sent).startswith(sentence_start)]
    assert starts, sentence_start
    for s_idx in starts:
        assert not [s for s in seed_spans if s.sentence_idx == s_idx and s.first_token == 0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wczoraj w Krakowie prezydent Andrzej Duda spotkał się z premierem.",
            {("Krakowie", "placeName"), ("Andrzej Duda", "persName")},
        ),
        ("Posłowie PiS-u głosowali przeciw ustawie.", {("PiS-u", "orgName")}),
        ("Dzisiaj padało w Gdańsku od rana do 15 . 00 .", {("Gdańsku", "placeName")}),
        ("Sejm przyjął ustawę 12 stycznia 2024 roku .", {("Sejm", "orgName"), ("12 stycznia 2024 roku", "date")}),
    ],
)
def test_invented_sentences(tagger: EntityTagger, text: str, expected: set[tuple[str, str]]) -> None:
    doc = [text.split()] if " . " in text else [tokens(text)]
    found = {(surface(doc, s), s.label) for s in tagger.spans_in([doc])[0]}
    assert expected <= found
    assert not any(s.startswith(("Wczoraj", "Posłowie", "Dzisiaj")) for s, _ in found)


@pytest.mark.parametrize(
    ("text", "person", "parts"),
    [
        (
            "Wczoraj prezydent Andrzej Duda spotkał się z premierem.",
            "Andrzej Duda",
            [("Andrzej", "forename"), ("Duda", "surname")],
        ),
        (
            "Spotkał się z Antonym Blinkenem w Brukseli.",
            "Antonym Blinkenem",
            [("Antonym", "forename"), ("Blinkenem", "surname")],
        ),
        # NKJP marks no part on a regnal number: "II" is in the name but in no part.
        ("Papież Jan Paweł II odwiedził Kraków.", "Jan Paweł II", [("Jan", "forename"), ("Paweł", "forename")]),
    ],
)
def test_person_name_parts(tagger: EntityTagger, text: str, person: str, parts: list[tuple[str, str]]) -> None:
    doc = [tokens(text)]
    spans = [s for s in tagger.spans_in([doc])[0] if surface(doc, s) == person]
    assert len(spans) == 1 and spans[0].label == "persName"
    got = [(" ".join(doc[0][p.first_token : p.end_token]), p.subtype) for p in spans[0].parts]
    assert got == parts
    assert all(p.label == "persName" for p in spans[0].parts)


def test_settlement_inside_an_organisation_name(tagger: EntityTagger) -> None:
    doc = [tokens("Studiował na Uniwersytecie Medycznym w Pekinie.")]
    orgs = [s for s in tagger.spans_in([doc])[0] if s.label == "orgName"]
    assert [surface(doc, s) for s in orgs] == ["Uniwersytecie Medycznym w Pekinie"]
    assert [(doc[0][p.first_token], p.label, p.subtype) for p in orgs[0].parts] == [
        ("Pekinie", "placeName", "settlement")
    ]


def test_empty_inputs(tagger: EntityTagger) -> None:
    assert tagger.spans_in([]) == []
    assert tagger.spans_in([[]]) == [[]]
    assert tagger.spans_in([[[], []]]) == [[]]


def test_empty_sentences_keep_indices(tagger: EntityTagger) -> None:
    doc = [[], tokens("Jan Kowalski mieszka w Poznaniu."), []]
    spans = tagger.spans_in([doc])[0]
    assert {(s.sentence_idx, surface(doc, s), s.label) for s in spans} >= {
        (1, "Jan Kowalski", "persName"),
        (1, "Poznaniu", "placeName"),
    }


def test_batch_equals_one_by_one_and_is_deterministic(seed_doc: list[list[str]]) -> None:
    other = [tokens("Minister Radosław Sikorski poleciał do Waszyngtonu.")]
    first = EntityTagger.load(MODEL_DIR, Morphology())
    batch = first.spans_in([seed_doc, other])
    second = EntityTagger.load(MODEL_DIR, Morphology())
    assert batch == [second.spans_in([seed_doc])[0], second.spans_in([other])[0]]
    assert batch == first.spans_in([seed_doc, other])
    assert first.version == second.version


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([], []),
        (["O", "O"], []),
        (["B-persName", "I-persName", "O"], [(0, 2, "persName", None)]),
        (["B-persName", "B-persName"], [(0, 1, "persName", None), (1, 2, "persName", None)]),
        (["I-orgName", "I-orgName"], [(0, 2, "orgName", None)]),  # a stray I- opens a span
        (["B-orgName", "I-placeName"], [(0, 1, "orgName", None), (1, 2, "placeName", None)]),
        (["O", "B-placeName.country"], [(1, 2, "placeName", "country")]),
    ],
)
def test_spans_from_bio(labels: list[str], expected: list[tuple[int, int, str, str | None]]) -> None:
    assert spans_from_bio(3, labels) == [TaggedSpan(3, *e) for e in expected]


@pytest.mark.parametrize(
    ("words", "label", "expected"),
    [
        ("szef NATO Mark Rutte", "orgName", [("NATO", "orgName"), ("Mark Rutte", "persName")]),
        ("prezydent USA Joe Biden", "placeName", [("USA", "placeName"), ("Joe Biden", "persName")]),
        # a person inside an organisation's name, with no acronym before it: one span
        ("dyrektor Fundacja Jana Pawła II", "orgName", [("Fundacja Jana Pawła II", "orgName")]),
        # an acronym followed by known common words: a company name, one span
        ("prezes KGHM Polska Miedź", "orgName", [("KGHM Polska Miedź", "orgName")]),
        # a lone surname-like word after an acronym is too little evidence
        ("szef NATO Rutte", "orgName", [("NATO Rutte", "orgName")]),
        # persons are never split
        ("szef NATO Mark Rutte", "persName", [("NATO Mark Rutte", "persName")]),
    ],
)
def test_split_title_and_person(words: str, label: str, expected: list[tuple[str, str]]) -> None:
    toks = words.split()
    infos = [FeatureExtractor(Morphology()).word(t) for t in toks]
    span = TaggedSpan(0, 1, len(toks), label, None)
    got = [(" ".join(toks[s.first_token : s.end_token]), s.label) for s in split_title_and_person(span, infos)]
    assert got == expected
