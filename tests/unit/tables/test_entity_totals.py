"""``entities`` updated run by run from its totals equals the rebuild from every mention."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from newsetl.config import TableSettings
from newsetl.tables import entity_totals
from newsetl.tables.compaction import merge_partitions
from newsetl.tables.entities import rebuilt_entities
from newsetl.tables.publish import commit_version
from newsetl.tables.schemas import DOCUMENTS, ENTITIES, ENTITY_STORIES, ENTITY_TERMS, MENTIONS, RUNS, STAGES
from newsetl.tables.store import Store
from newsetl.tables.writer import WrittenFile, write_table

from .test_scan_and_entities import _rows

START = datetime(2024, 3, 1, 8, tzinfo=UTC)
LABELS = ("persName", "orgName", "placeName", "geogName")
# Spellings per entity: capitalised and lower-case variants, ties, aliases.
SPELLINGS = ("Alfa", "alfa", "Beta", "ALFA", "Gamma", "gamma", "Ądam", "ądam", "Zet")


def _run_row(run_id: str) -> dict[str, object]:
    numbers = {f.name: 0 for f in RUNS.schema if pa.types.is_integer(f.type)}
    return {**numbers, "run_id": run_id, "flow": "run", "parameters": "{}"}


def _commit(
    store: Store,
    run: str,
    documents: list[dict[str, object]],
    mentions: list[dict[str, object]],
    removed: dict[str, set[str]] | None = None,
) -> Path:
    staged = store.staging_dir(run) / "final"
    added: dict[str, list[WrittenFile]] = {}
    if documents:
        added["documents"] = write_table(DOCUMENTS, staged, run, _rows(DOCUMENTS, documents), TableSettings())
    if mentions:
        added["mentions"] = write_table(MENTIONS, staged, run, _rows(MENTIONS, mentions), TableSettings())
    seconds = dict.fromkeys(STAGES, 0.0)
    commit_version(store, run, staged, added, removed or {}, _run_row(run), START, seconds, TableSettings())
    current = store.current()
    assert current is not None
    return current


def stored_entities(version: Path) -> pa.Table:
    files = sorted(p for p in (version / "entities").rglob("*.parquet") if p.name != "part-empty.parquet")
    parts = [pq.read_table(p, schema=ENTITIES.schema) for p in files]
    table = pa.concat_tables(parts) if parts else ENTITIES.schema.empty_table()
    return table.sort_by("entity_id")


def assert_as_rebuilt(version: Path) -> None:
    got, want = stored_entities(version), rebuilt_entities(version)
    assert got.num_rows == want.num_rows
    assert got.to_pylist() == want.to_pylist()


class Corpus:
    """Random runs of documents joining new or old stories and mentioning new or old entities."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.entities = [f"{self.rng.getrandbits(64):016x}" for _ in range(25)]
        self.stories: list[str] = []
        self.n = 0

    def run(self, docs: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        rng = self.rng
        documents: list[dict[str, object]] = []
        mentions: list[dict[str, object]] = []
        for _ in range(docs):
            doc_id = f"d{self.n:05d}"
            self.n += 1
            published = None if rng.random() < 0.2 else START + timedelta(hours=rng.randrange(2000))
            if self.stories and rng.random() < 0.5:
                story = rng.choice(self.stories)  # joins an old story (or one of this run's)
            elif rng.random() < 0.1:
                story = None  # stored before stories: a story of its own
            else:
                story = doc_id
                self.stories.append(story)
            day = published.date() if published else None
            documents.append({"doc_id": doc_id, "published": published, "day": day, "story_id": story})
            for idx in range(rng.randrange(0, 6)):
                derived = rng.choice([None, None, "adjective", "inhabitant"])
                mentions.append(
                    {
                        "doc_id": doc_id,
                        "mention_idx": idx,
                        "entity_id": rng.choice(self.entities[: 8 + self.n // 3]),
                        "entity_name": rng.choice(SPELLINGS),
                        "lemma": rng.choice(SPELLINGS),
                        "label": rng.choice(LABELS),
                        "derived": derived,
                        "day": day,
                    }
                )
        return documents, mentions


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_updated_entities_equal_the_rebuild_after_every_run(tmp_path: Path, seed: int) -> None:
    store = Store(tmp_path)
    corpus = Corpus(seed)
    for n in range(8):
        version = _commit(store, f"r{n}", *corpus.run(corpus.rng.randrange(1, 7)))
        assert_as_rebuilt(version)
    # every run but the first updated: one totals file per run with mentions, no full rewrite
    assert len(list((version / ENTITY_TERMS.name).glob("part-v*.parquet"))) > 1


def test_a_document_joining_an_old_story_counts_the_story_once(tmp_path: Path) -> None:
    store = Store(tmp_path)
    doc = {"published": START, "day": START.date()}
    first = [{**doc, "doc_id": "d1", "story_id": "d1"}, {**doc, "doc_id": "d2", "story_id": "d2"}]
    m = {"entity_name": "Alfa", "lemma": "Alfa", "label": "orgName", "day": START.date()}
    _commit(store, "r1", first, [{**m, "doc_id": "d1", "mention_idx": 0, "entity_id": "e1"}])
    joins = [{**doc, "doc_id": "d3", "story_id": "d1"}, {**doc, "doc_id": "d4", "story_id": "d2"}]
    mentions = [
        {**m, "doc_id": "d3", "mention_idx": 0, "entity_id": "e1"},  # e1 already in story d1
        {**m, "doc_id": "d4", "mention_idx": 0, "entity_id": "e1"},  # story d2 is new to e1
    ]
    version = _commit(store, "r2", joins, mentions)
    row = stored_entities(version).to_pylist()[0]
    assert (row["doc_count"], row["story_count"], row["mention_count"]) == (3, 2, 3)
    assert_as_rebuilt(version)


def test_an_entity_first_seen_in_derived_forms_is_relabelled_by_its_first_name_mention(tmp_path: Path) -> None:
    store = Store(tmp_path)
    doc = {"published": None, "day": None}
    base = {"entity_id": "e1", "entity_name": "Wielka Brytania", "day": None}
    derived = {**base, "lemma": "brytyjski", "label": "placeName", "derived": "adjective"}
    version = _commit(
        store,
        "r1",
        [{**doc, "doc_id": "d1", "story_id": "d1"}],
        [{**derived, "doc_id": "d1", "mention_idx": i} for i in range(3)],
    )
    assert stored_entities(version).column("label").to_pylist() == ["placeName"]
    name = {**base, "lemma": "Wielka Brytania", "label": "orgName", "doc_id": "d2", "mention_idx": 0}
    version = _commit(store, "r2", [{**doc, "doc_id": "d2", "story_id": "d2"}], [name])
    assert stored_entities(version).column("label").to_pylist() == ["orgName"]
    assert_as_rebuilt(version)


def test_rewritten_mentions_rebuild_and_compaction_keeps_the_totals_exact(tmp_path: Path) -> None:
    store = Store(tmp_path)
    corpus = Corpus(7)
    for n in range(4):
        _commit(store, f"r{n}", *corpus.run(5))
    # a reprocess-like publish: one mentions file rewritten without its rows
    current = store.current()
    assert current is not None
    gone = store.files("mentions")[0]
    version = _commit(store, "reprocess", [], [], removed={"mentions": {gone}})
    assert_as_rebuilt(version)
    assert len(entity_totals._files(version, ENTITY_TERMS.name)) == 1  # rebuilt: one file
    for n in range(4, 7):
        _commit(store, f"r{n}", *corpus.run(5))
    before = store.current()
    assert before is not None and len(entity_totals._files(before, ENTITY_TERMS.name)) > 1
    merge_partitions(store, "compact", None, TableSettings())
    compacted = store.current()
    assert compacted is not None
    for spec in (ENTITY_TERMS, ENTITY_STORIES):
        files = entity_totals._files(compacted, spec.name)
        assert len(files) == 1
        table = pq.read_table(files[0])
        keys = list(zip(*(table.column(k).to_pylist() for k in spec.key), strict=True))
        assert len(keys) == len(set(keys)) and keys == sorted(keys)
    assert_as_rebuilt(compacted)
    for n in range(7, 9):
        version = _commit(store, f"r{n}", *corpus.run(5))
        assert_as_rebuilt(version)


def test_tables_without_totals_are_rebuilt_once_then_updated(tmp_path: Path) -> None:
    store = Store(tmp_path)
    corpus = Corpus(11)
    version = _commit(store, "r0", *corpus.run(6))
    # as left by a newsetl before the totals: no totals, `entities` one file at the top
    for spec in (ENTITY_TERMS, ENTITY_STORIES):
        for path in entity_totals._files(version, spec.name):
            path.unlink()
    rows = stored_entities(version)
    for path in entity_totals._files(version, ENTITIES.name):
        path.unlink()
    pq.write_table(rows, version / "entities" / "part-v000001.parquet")
    version = _commit(store, "r1", *corpus.run(3))
    assert_as_rebuilt(version)
    assert not (version / "entities" / "part-v000001.parquet").exists()
    version = _commit(store, "r2", *corpus.run(3))
    assert_as_rebuilt(version)


def test_a_run_rewrites_only_the_buckets_of_the_entities_it_mentions(tmp_path: Path) -> None:
    store = Store(tmp_path)
    corpus = Corpus(5)
    corpus.entities = [f"{corpus.rng.getrandbits(64):016x}" for _ in range(200)]
    version = _commit(store, "r0", *corpus.run(60))
    before = {p.relative_to(version) for p in entity_totals._files(version, ENTITIES.name)}
    documents, mentions = corpus.run(1)
    mentions = mentions[:1] or [
        {"doc_id": documents[0]["doc_id"], "mention_idx": 0, "entity_id": "e", "entity_name": "E", "lemma": "E"}
    ]
    mentions[0]["day"] = documents[0]["day"]
    version = _commit(store, "r1", documents, mentions)
    after = {p.relative_to(version) for p in entity_totals._files(version, ENTITIES.name)}
    bucket = f"b{entity_totals.bucket_of(str(mentions[0]['entity_id'])):02d}"
    assert {p.parent.name for p in after - before} == {bucket}
    assert len(before - after) <= 1
    assert_as_rebuilt(version)


def test_rows_with_reads_only_row_groups_that_can_hold_the_keys(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    keys = [f"k{i:05d}" for i in range(30_000)]
    pq.write_table(pa.table({"k": keys}), path, row_group_size=1000)
    got = entity_totals.rows_with(path, "k", ["k00003", "k29999", "zzz"])
    assert got.column("k").to_pylist() == ["k00003", "k29999"]
    assert pc.sum(got.column("k").is_valid()).as_py() == 2
