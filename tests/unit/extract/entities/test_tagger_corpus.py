"""Reading the NER training corpora: IOB parsing, top-level spans, the fixed split."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsetl.extract.entities.ner_corpus import (
    Document,
    GoldSpan,
    all_category_spans,
    bio_labels,
    gold_spans,
    inner_labels,
    parse_iob,
    split_documents,
)

NKJP_SAMPLE = """-DOCSTART CONFIG FEATURES orth base ctag
-DOCSTART FILE doc-a
Halina\tHalina\tsubst:sg:nom:f\tB-persName#B-persName-forename
Auderska\tAuderska\tsubst:sg:voc:f\tI-persName#B-persName-surname
z\tz\tprep:gen\tO
Warszawskiego\twarszawski\tadj:sg:acc:m1:pos\tB-orgName#B-placeName-settlement
Konserwatorium\tkonserwatorium\tsubst:sg:loc:n\tI-orgName

Polska\tPolska\tsubst:sg:nom:f\tB-placeName-country
Francja\tFrancja\tsubst:sg:nom:f\tB-placeName-country
-DOCSTART CONFIG FEATURES orth base ctag
-DOCSTART FILE doc-b
Paźniewski\t\tign:\tB-persName-surname
ósmej\tósma\tsubst:sg:dat:f\tB-time
wieczór\twieczór\tsubst:sg:acc:m3\tI-time
"""


@pytest.fixture()
def docs() -> list[Document]:
    return parse_iob(NKJP_SAMPLE.splitlines(keepends=True))


def test_parse_documents_and_sentences(docs: list[Document]) -> None:
    assert [d.doc_id for d in docs] == ["doc-a", "doc-b"]
    assert docs[0].sentences == [["Halina", "Auderska", "z", "Warszawskiego", "Konserwatorium"], ["Polska", "Francja"]]
    assert docs[1].sentences == [["Paźniewski", "ósmej", "wieczór"]]


def test_middle_columns_kept_on_request(docs: list[Document]) -> None:
    assert docs[0].columns == []  # not asked for: nothing kept
    kept = parse_iob(NKJP_SAMPLE.splitlines(keepends=True), keep_columns=True)
    assert kept[0].columns[1] == [("Polska", "subst:sg:nom:f"), ("Francja", "subst:sg:nom:f")]
    assert kept[1].columns[0][0] == ("", "ign:")
    assert [len(s) for s in kept[0].columns] == [len(s) for s in kept[0].sentences]


def test_top_level_spans_only(docs: list[Document]) -> None:
    assert gold_spans(docs[0]) == [
        GoldSpan(0, 0, 2, "persName", None),
        GoldSpan(0, 3, 5, "orgName", None),  # the nested settlement is not a top-level span
        GoldSpan(1, 0, 1, "placeName", "country"),
        GoldSpan(1, 1, 2, "placeName", "country"),  # B- right after B-: two spans
    ]
    # a bare top-level surname is a person; an I- continues only its own type
    assert gold_spans(docs[1]) == [GoldSpan(0, 0, 1, "persName", None), GoldSpan(0, 1, 3, "time", None)]


def test_bio_labels(docs: list[Document]) -> None:
    assert bio_labels(docs[0]) == [
        ["B-persName", "I-persName", "O", "B-orgName", "I-orgName"],
        ["B-placeName", "B-placeName"],
    ]
    assert bio_labels(docs[0], ("placeName",))[1] == ["B-placeName.country", "B-placeName.country"]


def test_all_categories_include_nested_names_and_subtypes(docs: list[Document]) -> None:
    assert sorted(all_category_spans(docs[0])) == [
        GoldSpan(0, 0, 1, "persName_forename", None),
        GoldSpan(0, 0, 2, "persName", None),
        GoldSpan(0, 1, 2, "persName_surname", None),
        GoldSpan(0, 3, 4, "placeName_settlement", None),
        GoldSpan(0, 3, 5, "orgName", None),
        GoldSpan(1, 0, 1, "placeName_country", None),
        GoldSpan(1, 1, 2, "placeName_country", None),
    ]
    # a bare top-level surname is a person name and its surname part
    assert sorted(all_category_spans(docs[1])) == [
        GoldSpan(0, 0, 1, "persName", None),
        GoldSpan(0, 0, 1, "persName_surname", None),
        GoldSpan(0, 1, 3, "time", None),
    ]


def test_inner_labels(docs: list[Document]) -> None:
    types = frozenset({"persName", "orgName", "placeName"})
    got = [(s.label, labels) for s, labels in inner_labels(docs[0], types)]
    assert got == [
        ("persName", ["B-forename", "B-surname"]),
        ("orgName", ["B-settlement", "O"]),
        ("placeName", ["P-country"]),
        ("placeName", ["P-country"]),
    ]
    assert [(s.label, labels) for s, labels in inner_labels(docs[1], types)] == [("persName", ["B-surname"])]


def test_kpwr_flat_labels() -> None:
    lines = ["-DOCSTART FILE x\n", "Google\t_\t_\tB-nam_org_company\n", "Gears\t_\t_\tB-nam_pro_software\n", "\n"]
    assert gold_spans(parse_iob(lines)[0]) == [
        GoldSpan(0, 0, 1, "nam_org_company", None),
        GoldSpan(0, 1, 2, "nam_pro_software", None),
    ]


def test_split_is_fixed_and_disjoint() -> None:
    docs = [Document(f"d{i:04d}", [["x"]], [["O"]]) for i in range(1000)]
    first = split_documents(docs)
    again = split_documents(list(reversed(docs)))
    assert {k: [d.doc_id for d in v] for k, v in first.items()} == {k: [d.doc_id for d in v] for k, v in again.items()}
    assert [len(first[k]) for k in ("train", "dev", "test")] == [800, 100, 100]
    ids = [d.doc_id for v in first.values() for d in v]
    assert len(set(ids)) == 1000


@pytest.mark.slow
def test_real_nkjp_counts(shared_data: Path) -> None:
    with gzip.open(shared_data / "ner" / "nkjp-nested-simplified-v2.iob.gz", "rt", encoding="utf-8") as fh:
        docs = parse_iob(fh)
    assert len(docs) == 3889
    split = split_documents(docs)
    assert [len(split[k]) for k in ("train", "dev", "test")] == [3111, 389, 389]
    counts: dict[str, int] = {}
    for d in docs:
        for s in gold_spans(d):
            counts[s.label] = counts.get(s.label, 0) + 1
    assert counts["persName"] == 20061 and counts["time"] == 564
