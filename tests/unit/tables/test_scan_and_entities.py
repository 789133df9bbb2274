"""Reading tables as Polars LazyFrames of one pinned version, and the entities rebuild."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import polars as pl
import pyarrow as pa
import pytest

from newsetl.config import TableSettings
from newsetl.tables import scan
from newsetl.tables.entities import rebuilt_entities
from newsetl.tables.frames import NoTables
from newsetl.tables.schemas import DOCUMENTS, MENTIONS, TableSpec
from newsetl.tables.store import Store
from newsetl.tables.writer import write_table

MARCH_1 = datetime(2024, 3, 1, 8, tzinfo=UTC)
MARCH_5 = datetime(2024, 3, 5, 8, tzinfo=UTC)


def _rows(spec: TableSpec, rows: list[dict[str, object]]) -> pa.Table:
    defaults: dict[str, object] = {
        "run_id": "r",
        "extractor": "x",
        "extractor_version": "1",
        "lang_detected": False,
        "raw_sha256": "0",
        "encoding": "utf-8",
        "offset_map": [0, 0, 1],
        "n_chars": 1,
        "text": "t",
        "source_uri": "u",
        "sentence_idx": 0,
        "start": 0,
        "end": 1,
        "raw_start": 0,
        "raw_end": 1,
        "label": "persName",
        "parts": [],
    }
    full = [{name: row.get(name, defaults.get(name)) for name in spec.schema.names} for row in rows]
    return pa.Table.from_pylist(full, schema=spec.schema)


def _document(doc_id: str, published: datetime | None, story_id: str | None = None) -> dict[str, object]:
    day = published.date() if published else None
    return {"doc_id": doc_id, "published": published, "day": day, "story_id": story_id}


def _mention(
    doc_id: str,
    idx: int,
    entity: str,
    lemma: str,
    label: str = "persName",
    name: str | None = None,
    derived: str | None = None,
) -> dict[str, object]:
    return {
        "doc_id": doc_id,
        "mention_idx": idx,
        "entity_id": entity,
        "lemma": lemma,
        "entity_name": name or lemma,
        "derived": derived,
        "label": label,
        "day": None,
    }


def publish(store: Store, run: str, documents: list[dict[str, object]], mentions: list[dict[str, object]]) -> Path:
    staged = store.staging_dir(run) / "final"
    added = {
        "documents": write_table(DOCUMENTS, staged, run, _rows(DOCUMENTS, documents), TableSettings()),
        "mentions": write_table(MENTIONS, staged, run, _rows(MENTIONS, mentions), TableSettings()),
    }
    store.publish(run, staged, added)
    current = store.current()
    assert current is not None
    return current


def test_entities_are_rebuilt_from_every_mention_with_deterministic_names(tmp_path: Path) -> None:
    # d1 and d2 are one story; d3 has none yet (stored before stories): a story of its own
    documents = [_document("d1", MARCH_5, "d2"), _document("d2", MARCH_1, "d2"), _document("d3", None)]
    mentions = [
        # e1: short mentions resolved to the full name in their document; "Rutte" is an alias
        _mention("d1", 0, "e1", "Rutte", name="Mark Rutte"),
        _mention("d1", 1, "e1", "Rutte", name="Mark Rutte"),
        _mention("d2", 0, "e1", "Mark Rutte"),
        # e2: a capitalised spelling beats a more frequent lower-case one
        _mention("d1", 2, "e2", "lubuski", "placeName"),
        _mention("d3", 3, "e2", "lubuski", "placeName"),
        _mention("d2", 1, "e2", "Lubuski", "placeName"),
        # e3: the most frequent name (derived forms carry it too); labels: the majority of name mentions,
        # derived forms don't vote (two placeName adjectives against one orgName and one persName)
        _mention("d3", 0, "e3", "Nowak", "persName"),
        _mention("d3", 1, "e3", "Nowak", "orgName"),
        _mention("d3", 2, "e3", "Kowal", "persName"),
        _mention("d3", 4, "e3", "nowakowski", "placeName", name="Nowak", derived="adjective"),
        _mention("d3", 5, "e3", "nowakowski", "placeName", name="Nowak", derived="adjective"),
        # e4: equal counts: the first in code-point order
        _mention("d1", 3, "e4", "Beta", "orgName"),
        _mention("d2", 2, "e4", "Alfa", "orgName"),
    ]
    version = publish(Store(tmp_path), "r1", documents, mentions)
    got = {row["entity_id"]: row for row in rebuilt_entities(version).to_pylist()}
    assert list(got) == ["e1", "e2", "e3", "e4"]
    assert got["e1"] == {
        "entity_id": "e1",
        "label": "persName",
        "name": "Mark Rutte",
        "aliases": ["Rutte"],
        "doc_count": 2,
        "story_count": 1,
        "mention_count": 3,
        "derived_count": 0,
        "first_seen": MARCH_1,
        "last_seen": MARCH_5,
    }
    assert got["e2"]["name"] == "Lubuski"
    assert (got["e2"]["doc_count"], got["e2"]["story_count"]) == (3, 2)
    assert got["e2"]["aliases"] == []  # "lubuski" is the same name, differently cased
    e3 = got["e3"]
    assert (e3["name"], e3["label"], e3["first_seen"], e3["derived_count"]) == ("Nowak", "persName", None, 2)
    assert (got["e4"]["name"], got["e4"]["aliases"]) == ("Alfa", ["Beta"])
    mentions.reverse()  # reading order does not matter
    again = publish(Store(tmp_path / "other"), "r1", documents, mentions)
    assert rebuilt_entities(again).equals(rebuilt_entities(version))


def test_scan_reads_one_pinned_version_with_its_partitions(tmp_path: Path) -> None:
    store = Store(tmp_path)
    publish(store, "r1", [_document("d1", MARCH_5), _document("d2", None)], [_mention("d1", 0, "e1", "A")])
    documents = scan("documents", tmp_path)
    first = scan("mentions", str(tmp_path))
    publish(store, "r2", [_document("d3", MARCH_1)], [_mention("d3", 0, "e1", "A"), _mention("d3", 1, "e2", "B")])
    assert first.select(pl.len()).collect().item() == 1  # made before r2: still version 1
    assert scan("mentions", tmp_path).select(pl.len()).collect().item() == 3
    assert scan("mentions", tmp_path, version=1).select(pl.len()).collect().item() == 1
    days = documents.sort("doc_id").select("doc_id", "day").collect().rows()
    assert days == [("d1", date(2024, 3, 5)), ("d2", None)]
    assert documents.collect_schema()["published"] == pl.Datetime("us", "UTC")
    assert documents.collect_schema().names() == DOCUMENTS.schema.names
    pruned = scan("documents", tmp_path).filter(pl.col("day") == date(2024, 3, 1)).collect()
    assert pruned["doc_id"].to_list() == ["d3"]


def test_scan_says_what_is_missing(tmp_path: Path) -> None:
    with pytest.raises(NoTables, match="no tables"):
        scan("mentions", tmp_path)
    publish(Store(tmp_path), "r1", [_document("d1", None)], [])
    with pytest.raises(KeyError, match="unknown table 'mention'"):
        scan("mention", tmp_path)
    with pytest.raises(NoTables, match="no version 7"):
        scan("mentions", tmp_path, version=7)
    assert scan("mentions", tmp_path).collect().height == 0  # an empty table still has its columns
