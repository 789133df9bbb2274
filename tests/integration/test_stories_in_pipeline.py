"""Stories and sources through the whole pipeline (``run_locally``), on real Polish articles.

Families: a KPWr article and three light copies of it (credit line; new lead and changed
whitespace and quotes; an added paragraph with credits), each pair overlapping well above
the threshold, as outlets would run a wire story. Inputs carry their outlet, URL and
publication time. What is checked: every arrival (exact copies included) is a ``sources``
row and reruns add none; copies arriving in later runs join the published story and no
published ``story_id`` changes; order, batching and splitting into runs give the same
stories; entity and run-report counts per story; compaction of the index; and the
backfill of data stored before stories existed (``reprocess``).
"""

from __future__ import annotations

import json
import random
import re
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsetl.config import load_settings
from newsetl.query.report import markdown_of, report_of
from newsetl.run.local import compact_locally, reprocess_locally
from newsetl.tables.entities import rebuilt_entities
from newsetl.tables.schemas import DOCUMENTS, ENTITIES
from newsetl.tables.store import Store
from newsetl.tables.writer import PartitionedWriter
from tests.integration.helpers import rows, run
from tests.unit.stories.edits import Article, added_paragraph, credits, jaccard, new_lead, render, whitespace

FAMILIES = 8
OUTLETS = ("PAP", "TVN24", "Onet", "WP")
START = datetime(2024, 5, 6, 8, 0, tzinfo=UTC)


def _articles(shared: Path) -> list[Article]:
    docs = json.loads((shared / "timex" / "kpwr_timex_pl.json").read_text(encoding="utf-8"))["docs"]
    found = []
    for doc in docs:
        text = doc["text"]
        paragraphs = [re.split(r"(?<=[.!?])\s+", p.strip()) for p in text.split("\n\n") if p.strip()]
        if len(paragraphs) >= 4 and len(text.split()) >= 120:
            found.append(paragraphs)
    return found


@pytest.fixture(scope="module")
def families(shared_data: Path) -> list[list[str]]:
    """Per family: the original, then three copies (pairwise Jaccard > 0.65)."""
    articles = _articles(shared_data)
    out = []
    for i in range(len(articles) // 2):
        article, other = articles[i], articles[-1 - i]
        texts = [
            render(article),
            render(credits(article)),
            whitespace(render(new_lead(article, other))),
            render(added_paragraph(credits(article), other)),
        ]
        # pairwise well above the threshold, so that any split into runs groups them alike
        if min(jaccard(a, b) for k, a in enumerate(texts) for b in texts[k + 1 :]) > 0.65:
            out.append(texts)
    assert len(out) >= FAMILIES
    return out[:FAMILIES]


def record(family: int, copy: int, text: str, outlet: str, hours: int = 0) -> dict[str, Any]:
    return {
        "id": f"f{family}-c{copy}-{outlet}",
        "text": text,
        "source": outlet,
        "url": f"https://{outlet.lower()}.example/{family}/{copy}",
        "published": (START + timedelta(hours=family + hours)).isoformat(),
    }


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def stories(data: Path) -> dict[str, str]:
    return {r["doc_id"]: r["story_id"] for r in rows(data, "SELECT doc_id, story_id FROM documents")}


def assert_entities_as_rebuilt(data: Path) -> None:
    """The ``entities`` rows the runs updated are those a rebuild from every mention gives."""
    current = Store(data).current()
    assert current is not None
    files = [p for p in (current / "entities").rglob("*.parquet") if p.name != "part-empty.parquet"]
    stored = pa.concat_tables([pq.read_table(p, schema=ENTITIES.schema) for p in files]).sort_by("entity_id")
    assert stored.to_pylist() == rebuilt_entities(current).to_pylist()


def grouping(story: dict[str, str]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = defaultdict(set)
    for doc, s in story.items():
        by[s].add(doc)
    return {frozenset(g) for g in by.values()}


def doc_id(text: str) -> str:
    from newsetl.ingest.documents import doc_id_of
    from newsetl.normalize.text import normalized_text

    return doc_id_of(normalized_text(text).text)


# -- sources --------------------------------------------------------------------------------


def test_every_arrival_is_in_sources_and_reruns_add_none(families: list[list[str]], tmp_path: Path) -> None:
    originals = [f[0] for f in families]
    inputs = tmp_path / "in"
    # PAP publishes the originals; TVN24 runs exact copies an hour later; a .txt file holds
    # one more copy; a record repeated with the same id is the same arrival delivered twice.
    pap = write_jsonl(inputs / "pap.jsonl", [record(i, 0, t, "PAP") for i, t in enumerate(originals)])
    tvn = [record(i, 0, t, "TVN24", hours=1) for i, t in enumerate(originals)]
    write_jsonl(inputs / "tvn.jsonl", [*tvn, tvn[0]])
    (inputs / "copy.txt").write_text(originals[1], encoding="utf-8")
    data = tmp_path / "data"
    first = run([inputs], data)
    assert first.counts["docs_new"] == FAMILIES and first.counts["duplicates"] == FAMILIES + 2
    assert first.counts["arrivals"] == 2 * FAMILIES + 1
    arrivals = rows(data, "SELECT * FROM sources")
    assert len(arrivals) == 2 * FAMILIES + 1
    by_uri = {r["source_uri"]: r for r in arrivals}
    for i, text in enumerate(originals):
        pap_row = by_uri[f"{pap}#f{i}-c0-PAP"]
        tvn_row = by_uri[f"{inputs / 'tvn.jsonl'}#f{i}-c0-TVN24"]
        assert pap_row["doc_id"] == tvn_row["doc_id"] == doc_id(text)
        assert (pap_row["source"], tvn_row["source"]) == ("PAP", "TVN24")
        assert tvn_row["url"] == f"https://tvn24.example/{i}/0"
        assert tvn_row["published"] - pap_row["published"] == timedelta(hours=1)
        assert tvn_row["day"] == tvn_row["published"].date()
    assert by_uri[str(inputs / "copy.txt")]["doc_id"] == doc_id(originals[1])
    assert rows(data, "SELECT count(*) AS n FROM documents d ANTI JOIN sources s USING (doc_id)")[0]["n"] == 0

    again = run([inputs], data)  # the same inputs delivered again: nothing new
    assert again.counts["arrivals"] == 0 and len(rows(data, "SELECT * FROM sources")) == 2 * FAMILIES + 1

    later = tmp_path / "later"  # a third outlet's copy of a stored text, in a later run
    write_jsonl(later / "onet.jsonl", [record(2, 0, originals[2], "Onet", hours=5)])
    third = run([later], data)
    assert third.counts["docs_new"] == 0 and third.counts["arrivals"] == 1
    outlets = rows(
        data,
        "SELECT d.story_id, count(DISTINCT s.source) AS outlets, arg_min(s.source, s.published) AS first "
        f"FROM sources s JOIN documents d USING (doc_id) WHERE d.doc_id = '{doc_id(originals[2])}' GROUP BY 1",
    )
    assert [(o["outlets"], o["first"]) for o in outlets] == [(3, "PAP")]


# -- stories across runs --------------------------------------------------------------------


def test_copies_in_later_runs_join_published_stories(families: list[list[str]], tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_jsonl(inputs / "a" / "originals.jsonl", [record(i, 0, f[0], "PAP") for i, f in enumerate(families)])
    for copy in (1, 2, 3):
        write_jsonl(
            inputs / f"b{copy}" / "copies.jsonl",
            [record(i, copy, f[copy], OUTLETS[copy], hours=copy) for i, f in enumerate(families)],
        )
    data = tmp_path / "data"
    first = run([inputs / "a"], data)
    assert first.counts["new_stories"] == FAMILIES
    published = stories(data)
    assert all(doc == story for doc, story in published.items())  # each original founded its story
    for copy in (1, 2, 3):
        later = run([inputs / f"b{copy}"], data)
        assert later.counts["docs_new"] == FAMILIES and later.counts["new_stories"] == 0
        assert_entities_as_rebuilt(data)  # the copies joined old stories: story counts unchanged
    now = stories(data)
    assert {d: now[d] for d in published} == published  # a published story id never changes
    for family in families:
        assert {now[doc_id(text)] for text in family} == {doc_id(family[0])}

    # entities count stories beside documents: a family's entities are in 4 documents, 1 story
    counts = rows(data, "SELECT doc_count, story_count FROM entities")
    assert all(c["story_count"] <= c["doc_count"] for c in counts)
    assert any(c["doc_count"] >= 4 and c["story_count"] == 1 for c in counts)
    expected = rows(
        data,
        "SELECT m.entity_id, count(DISTINCT d.story_id) AS n FROM mentions m JOIN documents d USING (doc_id) "
        "GROUP BY 1",
    )
    got = {r["entity_id"]: r["story_count"] for r in rows(data, "SELECT entity_id, story_count FROM entities")}
    assert {r["entity_id"]: r["n"] for r in expected} == got

    # the run report: new stories, and the run's largest stories
    report = report_of(data, first.run_id)
    assert report is not None and report.counts["new_stories"] == FAMILIES
    assert report.stories and all(s.new and s.arrivals == 1 for s in report.stories)
    last = report_of(data, later.run_id)
    assert last is not None and last.counts["new_stories"] == 0 and last.stories_touched == FAMILIES
    top = last.stories[0]
    assert not top.new and top.documents == 4 and top.outlets == 1 and top.first_source == "PAP"
    page = markdown_of(last)
    assert "## Largest stories of the run" in page and "new stories: 0." in page


def test_stories_do_not_depend_on_order_batching_or_runs(families: list[list[str]], tmp_path: Path) -> None:
    records = [record(i, c, t, OUTLETS[c], hours=c) for i, f in enumerate(families) for c, t in enumerate(f)]
    files = []
    for k in range(4):
        files.append(write_jsonl(tmp_path / "in" / f"part-{k}.jsonl", records[k::4]))
    one = tmp_path / "one"
    run(files, one, load_settings(ingest={"batch_docs": 5}))
    reordered = tmp_path / "reordered"
    run(list(reversed(files)), reordered, load_settings(ingest={"batch_docs": 3}))
    assert stories(reordered) == stories(one)  # same run, any order and chunking: the same ids
    assert len(grouping(stories(one))) == FAMILIES
    split = tmp_path / "split"
    shuffled = list(files)
    random.Random(15).shuffle(shuffled)
    for part in (shuffled[:1], shuffled[1:3], shuffled[3:]):
        run(part, split, load_settings(ingest={"batch_docs": 4}))
    assert grouping(stories(split)) == grouping(stories(one))  # other runs: the same stories


# -- compaction and backfill ----------------------------------------------------------------


def test_compaction_merges_the_index_and_keeps_every_story(families: list[list[str]], tmp_path: Path) -> None:
    data = tmp_path / "data"
    for copy in (0, 1, 2):
        path = write_jsonl(
            tmp_path / f"in{copy}" / "feed.jsonl", [record(i, copy, f[copy], "PAP") for i, f in enumerate(families)]
        )
        run([path], data)
    store = Store(data)
    before = stories(data)
    index_files = {t: store.files(t) for t in ("story_docs", "story_bands")}
    assert all(len(files) > len({Path(f).parent for f in files}) for files in index_files.values())
    compact_locally(load_settings(), data, None)
    for table in ("story_docs", "story_bands"):
        files = store.files(table)
        assert len(files) == len({Path(f).parent for f in files})  # one file per folder
        current = store.current()
        assert current is not None
        sample = pq.ParquetFile(current / table / files[0])
        key = "doc" if table == "story_docs" else "bucket"
        column = sample.read(columns=[key]).column(key).to_numpy()
        assert (column[1:] >= column[:-1]).all()  # still sorted by the lookup key
    assert stories(data) == before
    assert_entities_as_rebuilt(data)
    path = write_jsonl(tmp_path / "in3" / "feed.jsonl", [record(i, 3, f[3], "PAP") for i, f in enumerate(families)])
    last = run([path], data)
    assert last.counts["new_stories"] == 0
    assert_entities_as_rebuilt(data)
    assert grouping(stories(data)) == {frozenset(doc_id(t) for t in f) for f in families}


def _as_before_stories(data: Path) -> None:
    """Make ``data`` look as if written before stories and sources existed: documents files
    without ``story_id``, no ``sources`` rows, no story index (published as a new version)."""
    store = Store(data)
    current = store.current()
    assert current is not None
    staged = store.staging_dir("legacy") / "final"
    old_schema = pa.schema([f for f in DOCUMENTS.file_schema if f.name != "story_id"])
    writer = PartitionedWriter(DOCUMENTS, staged, "legacy", load_settings().tables)
    files = store.files("documents")
    for rel in files:
        writer.write_partition(str(Path(rel).parent), pq.read_table(current / "documents" / rel))
    added = {"documents": writer.close()}
    for item in added["documents"]:  # rewrite without the column, as an old version wrote them
        path = staged / "documents" / item.relpath
        pq.write_table(pq.read_table(path).drop_columns(["story_id"]).cast(old_schema), path)
    removed = {t: set(store.files(t)) for t in ("documents", "sources", "story_docs", "story_bands")}
    with store.locked("legacy"):
        store.publish("legacy", staged, added, removed)


def test_reprocess_gives_stored_documents_stories_and_sources(families: list[list[str]], tmp_path: Path) -> None:
    # copies published after their originals: the backfill, oldest first, lets originals found
    records = [record(i, c, t, OUTLETS[c], hours=24 * c) for i, f in enumerate(families) for c, t in enumerate(f)]
    data = tmp_path / "data"
    run([write_jsonl(tmp_path / "in" / "feed.jsonl", records)], data)
    expected = grouping(stories(data))
    _as_before_stories(data)
    assert rows(data, "SELECT count(*) AS n FROM sources")[0]["n"] == 0
    assert all(r["column_name"] != "story_id" for r in rows(data, "DESCRIBE SELECT * FROM documents"))

    settings = load_settings(stories={"backfill_batch_docs": 3})
    summary = reprocess_locally(settings, data, False)
    assert summary.counts["docs_storied"] == 4 * FAMILIES and summary.counts["new_stories"] == FAMILIES
    assert summary.counts["arrivals"] == 4 * FAMILIES
    now = stories(data)
    assert grouping(now) == expected
    for family in families:  # founded by the earliest document of each story
        assert {now[doc_id(t)] for t in family} == {doc_id(family[0])}
    arrivals = rows(data, "SELECT s.*, d.source_uri AS d_uri FROM sources s JOIN documents d USING (doc_id)")
    assert len(arrivals) == 4 * FAMILIES and all(a["source_uri"] == a["d_uri"] for a in arrivals)
    assert {a["run_id"] for a in arrivals} == {summary.run_id}
    assert_entities_as_rebuilt(data)  # stories given to stored documents: entities rebuilt
    version = Store(data).version()
    again = reprocess_locally(settings, data, False)  # nothing left to do: no new version
    assert again.data_version == version and again.counts["docs_storied"] == 0

    # and the stories go on from there: a new copy joins its backfilled story
    extra = write_jsonl(tmp_path / "more" / "feed.jsonl", [record(0, 9, families[0][1] + "\n\nZródło: Onet", "Onet")])
    later = run([extra], data)
    assert later.counts["new_stories"] == 0
    assert_entities_as_rebuilt(data)
    assert stories(data)[doc_id(families[0][1] + "\n\nZródło: Onet")] == doc_id(families[0][0])
