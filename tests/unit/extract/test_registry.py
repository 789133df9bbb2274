"""Extractors are declared once, in the registry; the batch, reprocess's versions and the
invariants pick a newly registered one up without any change to their code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pytest

from newsetl.extract.batch import derived_tables, extracted
from newsetl.extract.extractors import EXTRACTORS
from newsetl.extract.models import Models
from newsetl.extract.registry import Document, Registry
from newsetl.ingest.documents import CHUNK_SCHEMA, document_row
from newsetl.ingest.records import RawRecord
from newsetl.morph import Morphology
from newsetl.tables import schemas
from newsetl.tables.invariants import violations_in
from newsetl.tables.schemas import PARTITION, TableSpec

TEXTS = {
    "pl": "W 2023 r. eksport wzrósł. Od 1999 r. rośnie.",
    "en": "Exports grew in 2023. They have grown since 1999.",
    "de": "Im Jahr 2023 wuchs der Export.",
}


@dataclass(frozen=True)
class Year:
    sentence_idx: int
    start: int
    end: int
    value: int


_YEAR = re.compile(r"\b\d{4}\b")


def _years(docs: Any, models: Any) -> list[list[Year]]:
    return [
        [
            Year(i, m.start(), m.end(), int(m.group()))
            for i, (start, end, _) in enumerate(doc.seg.sentences)
            for m in _YEAR.finditer(doc.text, start, end)
        ]
        for doc in docs
    ]


YEARS = TableSpec(
    "years",
    pa.schema(
        [
            pa.field(n, t, nullable=nullable, metadata={"doc": n})
            for n, t, nullable in [
                ("doc_id", pa.string(), False),
                ("year_idx", pa.int32(), False),
                ("sentence_idx", pa.int32(), False),
                ("start", pa.int32(), False),
                ("end", pa.int32(), False),
                ("raw_start", pa.int32(), False),
                ("raw_end", pa.int32(), False),
                ("text", pa.string(), False),
                ("value", pa.int32(), False),
                ("extractor", pa.string(), False),
                ("extractor_version", pa.string(), False),
                (PARTITION, pa.date32(), True),
            ]
        ]
    ),
    key=("doc_id", "year_idx"),
    partitioned=True,
    doc="Years (a test extractor).",
)


@pytest.fixture(scope="module")
def models() -> Models:
    return Models(morph=Morphology(), language=None, tagger=None, entity_lexicon=None)  # type: ignore[arg-type]


def _chunk() -> pa.Table:
    rows = [document_row(RawRecord(f"{lang}.txt", text, "utf-8", lang=lang)) for lang, text in TEXTS.items()]
    return pa.Table.from_pylist(rows, schema=CHUNK_SCHEMA)  # type: ignore[arg-type]


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """A registry holding the years extractor, whose table is declared for the test."""
    monkeypatch.setitem(schemas.TABLES, "years", YEARS)
    registry = Registry()
    registry.register(
        stage="years",
        table="years",
        index_column="year_idx",
        fields=("value",),
        languages={"pl", "en"},
        name="test.years",
        version=lambda m: "7",
    )(_years)
    return registry


def test_a_registered_extractor_reaches_every_table_of_the_batch(models: Models, registry: Registry) -> None:
    assert derived_tables(registry) == ("documents", "sentences", "years", "extractions")
    assert registry.versions(models) == {"years": "7"}
    result = extracted(_chunk(), models, "r1", registry)
    years = result.tables["years"].to_pylist()
    assert [(y["text"], y["value"], y["year_idx"]) for y in years] == [
        ("2023", 2023, 0),
        ("1999", 1999, 1),
        ("2023", 2023, 0),
        ("1999", 1999, 1),
    ]  # the German document is not in the extractor's languages
    assert {y["extractor"] for y in years} == {"test.years"} and {y["extractor_version"] for y in years} == {"7"}
    extractions = result.tables["extractions"].to_pylist()
    assert [(e["stage"], e["n_rows"]) for e in extractions] == [("years", 2), ("years", 2), ("years", 0)]
    assert set(result.seconds) == {"language", "segment", "years", "write"}
    assert violations_in(result.tables) == []


def test_extractors_that_need_another_read_its_spans(models: Models, registry: Registry) -> None:
    seen: list[int] = []

    def counting(docs: Any, models: Any) -> list[list[Year]]:
        seen.extend(len(d.found["years"]) for d in docs)
        return [[] for _ in docs]

    registry.register(
        stage="later",
        table="years",
        index_column="year_idx",
        fields=("value",),
        languages={"pl"},
        name="test.later",
        version=lambda m: "1",
        needs=("years",),
    )(counting)
    extracted(_chunk(), models, "r1", registry)
    assert seen == [2]  # the Polish document, with the years found before


def test_registration_is_checked() -> None:
    registry = Registry()
    options: dict[str, Any] = {
        "table": "claims",
        "index_column": "claim_idx",
        "fields": (),
        "languages": {"pl"},
        "name": "x",
        "version": lambda m: "1",
    }
    registry.register(stage="a", **options)(_years)
    with pytest.raises(ValueError, match="already registered"):
        registry.register(stage="a", **options)(_years)
    with pytest.raises(ValueError, match="needs"):
        registry.register(stage="b", needs=("c",), **options)(_years)


def test_the_pipeline_registers_entities_then_claims() -> None:
    assert [(e.stage, e.table, sorted(e.languages)) for e in EXTRACTORS] == [
        ("entities", "mentions", ["pl"]),
        ("claims", "claims", ["en", "pl"]),
    ]
    assert EXTRACTORS["claims"].needs == ("entities",)
    assert derived_tables() == ("documents", "sentences", "mentions", "claims", "extractions")


def test_document_found_starts_empty() -> None:
    doc = Document("x", None, "pl", None)  # type: ignore[arg-type]
    assert doc.found == {}
