"""The bundled sample article through the whole pipeline (in-process driver)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsetl.query.report import report_of
from newsetl.query.summary import SUMMARY_QUERIES
from tests.integration.helpers import REPO, rows, run

TARGET = (
    "Jesteśmy teraz w takiej sytuacji, że 23 państwa NATO przeznaczają co najmniej 2 proc. swojego PKB na obronność."
)


@pytest.fixture(scope="module")
def sample_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("data")
    summary = run([REPO / "data" / "sample"], data)
    assert summary.counts["docs_new"] == 1
    return data


def test_one_polish_document(sample_data: Path) -> None:
    docs = rows(sample_data, "SELECT lang, lang_detected, encoding, n_chars, length(text) AS n FROM documents")
    assert len(docs) == 1
    assert docs[0]["lang"] == "pl" and docs[0]["lang_detected"] is True
    assert docs[0]["encoding"] == "utf-8" and docs[0]["n_chars"] == docs[0]["n"]


def test_target_sentence_is_one_sentence(sample_data: Path) -> None:
    texts = [r["text"] for r in rows(sample_data, "SELECT text FROM sentences ORDER BY sentence_idx")]
    assert TARGET in texts
    assert 'Putin "płaci" reżimom wspierającym agresję w Ukrainie' in texts


@pytest.mark.parametrize("table", ["sentences", "mentions", "claims"])
def test_spans_match_text_and_original(sample_data: Path, sample_article: Path, table: str) -> None:
    original = sample_article.read_text(encoding="utf-8")
    spans = rows(
        sample_data,
        f'SELECT t.text, t.start, t."end", t.raw_start, t.raw_end, d.text AS doc '
        f"FROM {table} t JOIN documents d USING (doc_id)",
    )
    if table != "mentions" or spans:
        assert spans, f"no {table}"
    for span in spans:
        assert span["doc"][span["start"] : span["end"]] == span["text"]
        assert original[span["raw_start"] : span["raw_end"]] == span["text"]


def test_raw_offsets_cover_the_same_words_in_a_messier_original(tmp_path: Path, sample_article: Path) -> None:
    """Typographic quotes, CRLF, no-break spaces, a BOM and cp1250: raw spans still hit the words."""
    clean = sample_article.read_text(encoding="utf-8")
    messy = (
        clean.replace('"Sytuacja', "\u201eSytuacja")
        .replace('globalne"', "globalne\u201d")
        .replace(" - ", " \u2013 ")
        .replace("\n", "\r\n")
        .replace("2 proc.", "2\u00a0proc.")
    )
    source = tmp_path / "in" / "messy.txt"
    source.parent.mkdir()
    source.write_bytes(b"\xef\xbb\xbf" + messy.encode("utf-8"))
    data = tmp_path / "data"
    run([source.parent], data)
    doc = rows(data, "SELECT text FROM documents")[0]["text"]
    assert doc == clean.strip()
    for table in ("sentences", "claims"):
        for span in rows(data, f"SELECT text, raw_start, raw_end FROM {table}"):
            raw = messy[span["raw_start"] : span["raw_end"]]
            normalized = (
                raw.replace("\u201e", '"')
                .replace("\u201d", '"')
                .replace("\u2013", "-")
                .replace("\r\n", "\n")
                .replace("\u00a0", " ")
            )
            assert normalized == span["text"], (table, raw)
    shutil.rmtree(data)


def test_report_counts_derived_forms_apart(sample_data: Path) -> None:
    """The run report ranks entities by mentions by name; "rosyjskiej" is counted as a
    derived form of Rosja, not as a fifth mention of the country, nor as an entity."""
    run_id = rows(sample_data, "SELECT run_id FROM runs")[0]["run_id"]
    report = report_of(sample_data, run_id, top=100)
    assert report is not None
    lines = {e.name: e for e in report.entities}
    expected = rows(
        sample_data,
        """SELECT count(*) FILTER (WHERE m.derived IS NULL) AS names, count(m.derived) AS derived
        FROM mentions m JOIN entities e USING (entity_id) WHERE e.name = 'Rosja'""",
    )[0]
    assert expected["derived"] >= 1
    assert (lines["Rosja"].mentions, lines["Rosja"].derived) == (expected["names"], expected["derived"])
    assert all(name[:1].isupper() or not name[:1].isalpha() for name in lines)


def test_summary_ranks_entities_by_name(sample_data: Path) -> None:
    """Every query of the summary `make run` prints runs; its top entities rank by mentions
    by name, so the USA (4 names + 4 "amerykański") does not outrank an entity named
    more often."""
    results = {title: rows(sample_data, sql) for title, sql in SUMMARY_QUERIES}
    tables = {r["table"]: r["rows"] for r in results["Tables"]}
    assert tables["times"] == len(rows(sample_data, "SELECT * FROM times")) and tables["sources"] == 1
    top = results["Top entities"]
    by_name = [r["by_name"] for r in top]
    assert by_name == sorted(by_name, reverse=True)
    names = rows(sample_data, "SELECT entity_id, count(*) AS n FROM mentions WHERE derived IS NULL GROUP BY ALL")
    assert top[0]["by_name"] == max(r["n"] for r in names)
