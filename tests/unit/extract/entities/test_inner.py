"""Reading the inner model's labels, and the word lists the tagger's features use."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsetl.extract.entities.inner import inner_reading
from newsetl.extract.entities.ner_lexicon import cluster_key, load_lexicon, parse_clusters, parse_lexicon
from newsetl.spans import SpanPart

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.parametrize(
    ("labels", "subtype", "parts"),
    [
        (["B-forename", "B-surname"], None, [(10, 11, "persName", "forename"), (11, 12, "persName", "surname")]),
        (
            ["B-forename", "B-forename", "B-addName"],
            None,
            [(10, 11, "persName", "forename"), (11, 12, "persName", "forename"), (12, 13, "persName", "addName")],
        ),
        (["B-surname", "I-surname"], None, [(10, 12, "persName", "surname")]),
        (["I-surname", "I-forename"], None, [(10, 11, "persName", "surname"), (11, 12, "persName", "forename")]),
        (["O", "O", "B-settlement", "I-settlement"], None, [(12, 14, "placeName", "settlement")]),
        (["P-country", "P-country", "P-region"], "country", []),
        (["P-none"], None, []),
        (["O", "O"], None, []),
    ],
)
def test_inner_reading(labels: list[str], subtype: str | None, parts: list[tuple[int, int, str, str]]) -> None:
    got_subtype, got_parts = inner_reading(10, labels)
    assert got_subtype == subtype
    assert list(got_parts) == [SpanPart(*p) for p in parts]


def test_parse_lexicon_and_clusters() -> None:
    lex = parse_lexicon(["# header", "kijowa\tpl2,s:city_base", "nowak\tpl2,sn1", ""])
    assert lex == {"kijowa": ("pl2", "s:city_base"), "nowak": ("pl2", "sn1")}
    assert lex["kijowa"][0] is lex["nowak"][0]  # tags are shared strings
    clusters = parse_clusters(["# c", "rok\t3 17 512", "0000\t1 2 3"])
    assert clusters["rok"] == ("k1=3", "k2=17", "k3=512")
    assert cluster_key("Roku1999") == "roku0000" and cluster_key("1999") in clusters


def test_shipped_lexicon_knows_names_and_places() -> None:
    lex = load_lexicon(REPO / "models" / "ner" / "lexicon.tsv")
    assert any(t.startswith("s:city") for t in lex["kijowa"])
    assert "s:country_adj" in lex["brytyjskiego"]
    assert any(t.startswith("fn") for t in lex["katarzyny"])
    assert any(t.startswith("sn") for t in lex["kowalskiego"])
    assert "krakow" not in lex  # zxcvbn-pl's diacritics-free variants are dropped
