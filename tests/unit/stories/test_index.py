"""The index on disk: staged files only, scheme checks, texts without words, lookups."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest

from newsetl.stories import (
    DEFAULT_PARAMS,
    STORY_BANDS,
    STORY_DOCS,
    StoryIndex,
    StoryIndexError,
    assign_stories,
    publish_local,
    story_signatures,
)
from newsetl.stories.index import compact_index, doc_numbers
from tests.unit.stories.conftest import Article, Runner, doc_id
from tests.unit.stories.edits import render


def test_assign_writes_only_into_staging(articles: list[Article], runner: Runner) -> None:
    texts = [render(a) for a in articles[:10]]
    result = runner.run(texts, publish=False)
    assert not runner.index.exists()  # nothing published until the caller publishes
    staged = runner.root / f"stage-{runner.runs}"
    assert set(result.files) == {STORY_DOCS.name, STORY_BANDS.name}
    for table, written in result.files.items():
        rows = sum(pq.read_table(staged / table / w.relpath).num_rows for w in written)
        assert rows == sum(w.rows for w in written)
    assert sum(w.rows for w in result.files[STORY_DOCS.name]) == 10
    assert sum(w.rows for w in result.files[STORY_BANDS.name]) == 10 * DEFAULT_PARAMS.bands
    assert all(w.relpath.startswith("month=none/bands=") for w in result.files[STORY_BANDS.name])  # undated


def test_index_lookups(articles: list[Article], runner: Runner) -> None:
    texts = [render(a) for a in articles[:10]]
    runner.run(texts)
    index = StoryIndex(runner.index)
    wanted = doc_numbers([doc_id(texts[3]), "00000000000000ff"])
    rows = index.documents(wanted)
    assert rows.column("doc").to_pylist() == [int(doc_id(texts[3]), 16)]
    assert rows.column("story").to_pylist() == [int(doc_id(texts[3]), 16)]
    assert index.schemes() == [DEFAULT_PARAMS.scheme]
    assert StoryIndex(None).documents(wanted).num_rows == 0
    assert StoryIndex(runner.root / "missing").bucket_members(np.array([1], dtype=np.uint64)).num_rows == 0


def test_texts_without_words_get_their_own_story_and_no_buckets(runner: Runner) -> None:
    texts = ["…", "— !", "...?"]
    result = runner.run(texts)
    assert result.story_ids == [doc_id(t) for t in texts]
    assert STORY_BANDS.name not in result.files
    assert runner.run(texts).new_docs == 0


def test_index_built_with_another_scheme_is_refused(articles: list[Article], runner: Runner, tmp_path: Path) -> None:
    texts = [render(a) for a in articles[:5]]
    runner.run(texts)
    other = replace(DEFAULT_PARAMS, seed=DEFAULT_PARAMS.seed + 1)
    more = [render(a) for a in articles[5:8]]
    with pytest.raises(StoryIndexError, match="rebuild"):
        assign_stories(
            [doc_id(t) for t in more], story_signatures(more, other), runner.index, tmp_path / "x", "bad", other
        )


def test_mismatched_inputs_are_refused(runner: Runner, tmp_path: Path) -> None:
    sig = story_signatures(["jeden dwa trzy cztery pięć sześć"])
    with pytest.raises(ValueError, match="signatures"):
        assign_stories(["00000000000000aa", "00000000000000bb"], sig, runner.index, tmp_path / "s", "r")
    publish_local(runner.index, tmp_path / "s", {})  # nothing to publish is fine


def test_compaction_keeps_rows_and_stories(articles: list[Article], runner: Runner, tmp_path: Path) -> None:
    texts = [render(a) for a in articles[:30]]
    for k in range(3):
        runner.run(texts[10 * k : 10 * (k + 1)])
    before = {t: pq.read_table(runner.index / t).sort_by("doc") for t in (STORY_DOCS.name, STORY_BANDS.name)}
    added, removed = compact_index(runner.index, tmp_path / "compact", "1")
    assert removed and all(len(v) > 0 for v in removed.values())
    for table, gone in removed.items():
        for rel in gone:
            (runner.index / table / rel).unlink()
    publish_local(runner.index, tmp_path / "compact", added)
    for table, rows in before.items():
        folders = {f.parent for f in (runner.index / table).rglob("*.parquet")}  # month=…/bands=… nest
        assert folders and all(len(list(f.glob("*.parquet"))) == 1 for f in folders)
        after = pq.read_table(runner.index / table).sort_by("doc")
        assert (
            after.select(rows.column_names)
            .sort_by([(c, "ascending") for c in rows.column_names[:2]])
            .equals(rows.sort_by([(c, "ascending") for c in rows.column_names[:2]]))
        )
    again = runner.run(texts)
    assert again.new_docs == 0 and again.story_ids == [doc_id(t) for t in texts]
