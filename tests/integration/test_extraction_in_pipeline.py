"""Entities and claims inside the main flow: the sample article, English, other languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsetl.extract.claims import EXTRACTOR_NAME
from newsetl.extract.extractors import EXTRACTORS
from tests.integration.helpers import REPO, rows, run

# The expected mentions of the sample article: base form -> acceptable labels.
EXPECTED = {
    "Mark Rutte": {"persName"},
    "Antony Blinken": {"persName"},
    "Donald Trump": {"persName"},
    "Josep Borrell": {"persName"},
    "Kaja Kallas": {"persName"},
    "Putin": {"persName"},
    "NATO": {"orgName"},
    "Sojusz": {"orgName"},
    "Ukraina": {"placeName"},
    "Bruksela": {"placeName"},
    "USA": {"placeName"},
    "Stany Zjednoczone": {"placeName"},
    "Europa": {"placeName"},
    "Korea Północna": {"placeName"},
    "Rosja": {"placeName"},
    "Chiny": {"placeName"},
    "Moskwa": {"placeName"},
    "Iran": {"placeName"},
    "Kijów": {"placeName"},
    "Japonia": {"placeName"},
    "Korea Południowa": {"placeName"},
    "Indo-Pacyfik": {"placeName", "geogName"},
    "Bliski Wschód": {"placeName", "geogName"},
}


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("in")
    (src / "sample.txt").write_bytes((REPO / "data" / "sample" / "000_7ffdc9170aac84cf.txt").read_bytes())
    records = [
        {
            "id": "en",
            "text": "The company said revenue rose by more than 12 percent to $4.5 billion in 2023. "
            "It plans to hire about 2,000 people over the next two years.",
            "lang": "en",
        },
        {
            "id": "de",
            "text": "Die Regierung will 2024 rund 5 Milliarden Euro investieren, sagte der Minister am Montag.",
        },
        {"id": "empty-ish", "text": "\u200b \n "},
    ]
    (src / "more.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("data")
    run([src], out)
    return out


def test_sample_article_mentions_have_the_expected_base_forms(data: Path) -> None:
    found: dict[str, set[str]] = {}
    for r in rows(
        data,
        "SELECT m.lemma, m.label FROM mentions m JOIN documents d USING (doc_id) WHERE d.source_uri LIKE '%sample.txt'",
    ):
        found.setdefault(r["lemma"], set()).add(r["label"])
    missing = {name: labels for name, labels in EXPECTED.items() if not found.get(name, set()) & labels}
    assert not missing, f"expected base forms not found with an acceptable label: {missing}"


def test_short_mentions_share_the_full_names_id(data: Path) -> None:
    ids = {
        (r["text"], r["lemma"]): r["entity_id"]
        for r in rows(data, "SELECT text, lemma, entity_id FROM mentions WHERE label = 'persName'")
    }
    full = {lemma: eid for (text, lemma), eid in ids.items() if text in ("Antony Blinken", "Mark Rutte")}
    assert ids[("Blinken", "Blinken")] == full["Antony Blinken"]
    assert ids[("Blinkena", "Blinken")] == full["Antony Blinken"]
    assert ids[("Markiem Rutte", "Mark Rutte")] == full["Mark Rutte"]


def test_entities_table_counts_mentions(data: Path) -> None:
    blinken = rows(data, "SELECT * FROM entities WHERE name = 'Antony Blinken'")
    assert len(blinken) == 1 and blinken[0]["label"] == "persName"
    n = rows(data, f"SELECT count(*) AS n FROM mentions WHERE entity_id = '{blinken[0]['entity_id']}'")[0]["n"]
    assert blinken[0]["mention_count"] == n >= 5 and blinken[0]["doc_count"] == 1


def test_claims_in_polish_and_english_with_extractor_version(data: Path) -> None:
    claims = rows(data, "SELECT c.*, d.lang FROM claims c JOIN documents d USING (doc_id) ORDER BY d.lang, c.claim_idx")
    by_lang: dict[str, list[dict[str, object]]] = {}
    for c in claims:
        by_lang.setdefault(str(c["lang"]), []).append(c)
        assert c["extractor"] == EXTRACTOR_NAME and c["extractor_version"] == EXTRACTORS["claims"].version(None)  # type: ignore[arg-type]
    assert [c["text"] for c in by_lang["pl"]] == ["czterech lat", "23", "co najmniej 2 proc."]
    english = {str(c["text"]): c for c in by_lang["en"]}
    assert english["more than 12 percent"]["qualifier"] == "gt" and english["more than 12 percent"]["unit"] == "percent"
    assert english["$4.5 billion"]["value"] == 4.5e9 and english["$4.5 billion"]["unit"] == "USD"
    assert "de" not in by_lang  # other languages pass through without claims


def test_mentions_only_for_polish_and_versions_recorded(data: Path) -> None:
    langs = {r["lang"] for r in rows(data, "SELECT DISTINCT d.lang FROM mentions JOIN documents d USING (doc_id)")}
    assert langs == {"pl"}
    stages = rows(data, "SELECT stage, count(*) AS n FROM extractions GROUP BY stage ORDER BY stage")
    # every document, even with no rows
    assert stages == [{"stage": "claims", "n": 3}, {"stage": "entities", "n": 3}, {"stage": "times", "n": 3}]
    rejected = rows(data, "SELECT reason FROM rejects")
    assert [r["reason"] for r in rejected] == ["empty"]
