"""Across runs: joining later, reruns adding nothing, order and split (in)dependence, stable ids."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from newsetl.stories import assign_stories, publish_local, story_signatures
from newsetl.stories.signatures import shingle_words
from tests.unit.stories.conftest import Article, Runner, doc_id
from tests.unit.stories.edits import added_paragraph, credits, jaccard, new_lead, render, whitespace

FAMILIES = 20


def families(articles: list[Article]) -> list[list[str]]:
    """Per article: the original and three light copies (pairwise overlap well above 0.55)."""
    out = []
    for i, article in enumerate(articles[:FAMILIES]):
        other = articles[-1 - i]
        out.append(
            [
                render(article),
                render(credits(article)),
                whitespace(render(new_lead(article, other))),
                render(added_paragraph(credits(article), other)),
            ]
        )
    return out


def groups(story: dict[str, str]) -> set[frozenset[str]]:
    by: dict[str, set[str]] = defaultdict(set)
    for doc, s in story.items():
        by[s].add(doc)
    return {frozenset(g) for g in by.values()}


def test_light_copies_are_pairwise_similar(articles: list[Article]) -> None:
    # the premise of the split test below: every pair in a family is a link
    for family in families(articles):
        assert min(jaccard(a, b) for k, a in enumerate(family) for b in family[k + 1 :]) > 0.65


def test_a_later_copy_joins_the_published_story(articles: list[Article], runner: Runner) -> None:
    fams = families(articles)
    first = runner.run([f[0] for f in fams])
    assert first.new_docs == len(fams)
    assert first.new_story_ids == sorted(doc_id(f[0]) for f in fams)  # each original founded its story
    second = runner.run([f[1] for f in fams])
    assert second.new_docs == len(fams)
    assert second.new_story_ids == []
    assert second.story_ids == [doc_id(f[0]) for f in fams]


def test_published_story_id_never_changes(articles: list[Article], runner: Runner) -> None:
    """A copy published first names the story, even when the original (whatever its doc id)
    arrives later, and a third run changes nothing that was published."""
    fams = families(articles)
    first = runner.stories([f[2] for f in fams])
    assert all(first[doc_id(f[2])] == doc_id(f[2]) for f in fams)
    second = runner.stories([f[0] for f in fams] + [f[1] for f in fams])
    for f in fams:
        assert second[doc_id(f[0])] == second[doc_id(f[1])] == doc_id(f[2])
    # smaller doc ids arrived later in some families: the name still did not move
    assert any(doc_id(f[0]) < doc_id(f[2]) for f in fams)
    third = runner.stories([t for f in fams for t in f])
    assert all(third[doc_id(t)] == doc_id(f[2]) for f in fams for t in f)


def test_rerun_adds_nothing(articles: list[Article], runner: Runner, tmp_path: Path) -> None:
    texts = [t for f in families(articles) for t in f]
    first = runner.run(texts)
    before = sorted(p.relative_to(runner.index) for p in runner.index.rglob("*.parquet"))
    again = runner.run(texts)
    assert again.new_docs == 0
    assert again.files == {}
    assert again.new_story_ids == []
    assert again.story_ids == first.story_ids
    assert sorted(p.relative_to(runner.index) for p in runner.index.rglob("*.parquet")) == before


def test_one_run_does_not_depend_on_input_order_or_repeats(
    articles: list[Article], make_runner: Callable[[str], Runner]
) -> None:
    texts = [t for f in families(articles) for t in f]
    reference = make_runner("a").stories(texts)
    for seed in (1, 2):
        shuffled = random.Random(seed).sample(texts, len(texts))
        assert make_runner(f"s{seed}").stories(shuffled) == reference
    repeated = make_runner("r").run(texts + texts[:7])
    assert repeated.story_ids[-7:] == repeated.story_ids[:7]
    assert dict(zip(map(doc_id, texts), repeated.story_ids, strict=False)) == reference


def test_split_into_runs_gives_the_same_stories(articles: list[Article], make_runner: Callable[[str], Runner]) -> None:
    """Any split into runs: the same groups; each story named after the smallest doc id among
    its members in the earliest run that had any (the founders)."""
    texts = [t for f in families(articles) for t in f]
    one = make_runner("one").stories(texts)
    assert len(groups(one)) == FAMILIES
    for seed in (3, 4, 5):
        rng = random.Random(seed)
        order = rng.sample(texts, len(texts))
        cuts = sorted(rng.sample(range(1, len(order)), 3))
        runs = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
        runner = make_runner(f"split{seed}")
        split: dict[str, str] = {}
        for run in runs:
            split.update(runner.stories(run))
        assert groups(split) == groups(one)
        for group in groups(one):
            earliest = min(k for k, run in enumerate(runs) if group & set(map(doc_id, run)))
            founders = group & set(map(doc_id, runs[earliest]))
            assert {split[d] for d in group} == {min(founders)}


def chain(articles: list[Article]) -> tuple[str, str, str]:
    """A ~ B ~ C with A !~ C: windows of five of seven 40-word segments (of different articles), moved by one."""
    segments = [" ".join(shingle_words(render(a))[:40]) for a in articles[2:9]]
    return " ".join(segments[0:5]), " ".join(segments[1:6]), " ".join(segments[2:7])


def test_chain_depends_on_runs_as_documented(articles: list[Article], make_runner: Callable[[str], Runner]) -> None:
    """One run groups the whole chain; A and C in an earlier run than B found two stories,
    and B joins one of them: the documented residual dependence (stories never merge)."""
    a, b, c = chain(articles)
    assert jaccard(a, b) > 0.6 and jaccard(b, c) > 0.6 and jaccard(a, c) < 0.5
    one = make_runner("one").stories([a, b, c])
    assert len(set(one.values())) == 1
    runner = make_runner("two")
    first = runner.stories([a, c])
    assert first[doc_id(a)] == doc_id(a) and first[doc_id(c)] == doc_id(c)
    second = runner.stories([b])
    assert second[doc_id(b)] in {doc_id(a), doc_id(c)}
    # and arriving together with B later changes neither published story
    third = runner.stories([a, b, c])
    assert third == {**first, **second}


def test_batches_of_one_run_see_each_others_staged_files(articles: list[Article], runner: Runner) -> None:
    """A backfill (or a big run) in batches: each batch looks up the published index and the
    batches staged before it, so copies in later batches join stories founded earlier."""
    fams = families(articles)
    stage = runner.root / "stage-batches"
    first = assign_stories(
        [doc_id(f[0]) for f in fams],
        story_signatures([f[0] for f in fams]),
        runner.index,
        stage,
        "backfill",
        file_stem="backfill-b0",
    )
    second = assign_stories(
        [doc_id(f[1]) for f in fams],
        story_signatures([f[1] for f in fams]),
        [runner.index, stage],
        stage,
        "backfill",
        file_stem="backfill-b1",
    )
    assert second.story_ids == first.story_ids == [doc_id(f[0]) for f in fams]
    assert not runner.index.exists()  # nothing published yet: both batches are staged
    publish_local(runner.index, stage, {t: first.files[t] + second.files[t] for t in first.files})
    assert runner.run([f[1] for f in fams]).new_docs == 0
