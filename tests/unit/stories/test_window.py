"""The day window: dated documents further apart than ``window_days`` never link, and a run
whose documents are dated reads only the index's months near their days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pytest

from newsetl.stories import DEFAULT_PARAMS, StoryIndex, StoryParams, assign_stories, publish_local, story_signatures
from newsetl.stories.index import day_numbers, months_near
from newsetl.stories.lsh import band_buckets
from tests.unit.stories.conftest import Article, doc_id
from tests.unit.stories.edits import credits, render

JAN = date(2024, 1, 10)


class DatedRunner:
    """Runs of (text, day) pairs through the story step, published into one index."""

    def __init__(self, root: Path, params: StoryParams = DEFAULT_PARAMS) -> None:
        self.root, self.params, self.runs = root, params, 0

    def run(self, items: list[tuple[str, date | None]]) -> dict[str, str]:
        self.runs += 1
        stage = self.root / f"stage-{self.runs}"
        texts = [t for t, _ in items]
        result = assign_stories(
            [doc_id(t) for t in texts],
            story_signatures(texts, self.params),
            self.root / "index",
            stage,
            f"run{self.runs}",
            self.params,
            days=[d for _, d in items],
        )
        publish_local(self.root / "index", stage, result.files)
        return dict(zip([doc_id(t) for t in texts], result.story_ids, strict=True))


def pair(articles: list[Article], k: int = 0) -> tuple[str, str]:
    return render(articles[k]), render(credits(articles[k]))


@pytest.mark.parametrize("gap", [0, 59, 60])
def test_copies_within_the_window_join(articles: list[Article], tmp_path: Path, gap: int) -> None:
    original, copy = pair(articles)
    late = JAN + timedelta(days=gap)
    one = DatedRunner(tmp_path / "one").run([(copy, late), (original, JAN)])
    assert one[doc_id(copy)] == one[doc_id(original)]
    runs = DatedRunner(tmp_path / "runs")
    runs.run([(original, JAN)])
    assert runs.run([(copy, late)])[doc_id(copy)] == doc_id(original)


def test_copies_further_apart_are_separate_stories_whatever_the_runs(articles: list[Article], tmp_path: Path) -> None:
    original, copy = pair(articles)
    late = JAN + timedelta(days=61)
    one = DatedRunner(tmp_path / "one").run([(original, JAN), (copy, late)])
    assert one == {doc_id(original): doc_id(original), doc_id(copy): doc_id(copy)}
    runs = DatedRunner(tmp_path / "runs")
    runs.run([(copy, late)])
    assert runs.run([(original, JAN)]) == {doc_id(original): doc_id(original)}
    # without a window they are one story
    none = DatedRunner(tmp_path / "none", replace(DEFAULT_PARAMS, window_days=None))
    none.run([(original, JAN)])
    assert none.run([(copy, late + timedelta(days=400))])[doc_id(copy)] == doc_id(original)


def test_an_undated_document_links_at_any_distance(articles: list[Article], tmp_path: Path) -> None:
    original, copy = pair(articles)
    one = DatedRunner(tmp_path / "one").run([(original, JAN), (copy, None)])
    assert one[doc_id(copy)] == one[doc_id(original)]
    later = DatedRunner(tmp_path / "later")
    later.run([(original, None)])
    assert later.run([(copy, JAN + timedelta(days=900))])[doc_id(copy)] == doc_id(original)
    earlier = DatedRunner(tmp_path / "earlier")
    earlier.run([(original, JAN)])
    assert earlier.run([(copy, None)])[doc_id(copy)] == doc_id(original)


def test_a_dated_run_reads_only_the_months_near_its_days(articles: list[Article], tmp_path: Path) -> None:
    texts = [render(a) for a in articles[:24]]
    days = [date(2024, 1 + k % 12, 15) for k in range(len(texts))]  # two documents a month
    runner = DatedRunner(tmp_path)
    runner.run(list(zip(texts, days, strict=True)))
    index = StoryIndex(tmp_path / "index")
    buckets = band_buckets(story_signatures(texts).minhash, DEFAULT_PARAMS).ravel()
    everything = index.bucket_members(buckets)
    assert everything.num_rows == len(texts) * DEFAULT_PARAMS.bands
    june = months_near(day_numbers([date(2024, 6, 20)]), 60)
    assert june == ["2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "none"]
    near = index.bucket_members(buckets, june)
    assert near.num_rows == 10 * DEFAULT_PARAMS.bands  # April to August: 5 months, 2 documents each
    in_june = {doc_id(t) for t, d in zip(texts, days, strict=True) if date(2024, 4, 1) <= d < date(2024, 9, 1)}
    assert {f"{d:016x}" for d in np.unique(near.column("doc").to_numpy())} == in_june
    # a copy dated in June of a January article is not linked; of a May one, it is
    january, may = texts[0], texts[4]
    june_day = date(2024, 6, 20)
    found = runner.run([(render(credits(articles[0])), june_day), (render(credits(articles[4])), june_day)])
    assert found[doc_id(render(credits(articles[0])))] != doc_id(january)
    assert found[doc_id(render(credits(articles[4])))] == doc_id(may)
