"""Each kind of edit joins its original's story; unrelated look-alikes do not."""

from __future__ import annotations

from collections import defaultdict

import pytest

from tests.unit.stories.conftest import Article, Runner, doc_id
from tests.unit.stories.edits import (
    added_paragraph,
    changed_words,
    credits,
    dropped_paragraph,
    follow_up,
    jaccard,
    names_swapped,
    new_lead,
    render,
    whitespace,
)

N = 24


def vocabulary(articles: list[Article]) -> list[str]:
    return sorted({w for a in articles for p in a for s in p for w in s.split() if w.isalpha() and w.islower()})


def copies(articles: list[Article], kind: str) -> list[tuple[str, str]]:
    """(original, copy) texts for the first N articles."""
    vocab = vocabulary(articles)
    pairs = []
    for i, article in enumerate(articles[:N]):
        other = articles[-1 - i]
        if kind == "lead":
            copy = render(new_lead(article, other))
        elif kind == "credits":
            copy = render(credits(article))
        elif kind == "whitespace":
            copy = whitespace(render(article))
        elif kind == "drop_paragraph":
            copy = render(dropped_paragraph(article))
        elif kind == "add_paragraph":
            copy = render(added_paragraph(article, other))
        elif kind == "changed_words":
            copy = render(changed_words(article, 0.02, vocab, seed=i))
        else:
            copy = whitespace(render(credits(new_lead(changed_words(article, 0.01, vocab, i), other))))
        pairs.append((render(article), copy))
    return pairs


@pytest.mark.parametrize(
    "kind", ["lead", "credits", "whitespace", "drop_paragraph", "add_paragraph", "changed_words", "combination"]
)
def test_edited_copy_joins_its_original(kind: str, articles: list[Article], runner: Runner) -> None:
    pairs = copies(articles, kind)
    texts = [t for pair in pairs for t in pair]
    story = runner.stories(texts)
    joined = [story[doc_id(o)] == story[doc_id(c)] for o, c in pairs]
    assert all(joined), [(round(jaccard(o, c), 3), ok) for (o, c), ok in zip(pairs, joined, strict=True)]
    # the originals are different articles: they never share a story
    assert len({story[doc_id(o)] for o, _ in pairs}) == len(pairs)


def test_whitespace_and_credits_leave_the_shingles_nearly_unchanged(articles: list[Article]) -> None:
    for original, copy in copies(articles, "whitespace"):
        assert jaccard(original, copy) == 1.0
    for original, copy in copies(articles, "credits"):
        assert jaccard(original, copy) > 0.9


def test_lookalikes_do_not_join(articles: list[Article], runner: Runner) -> None:
    """Articles on the same topics (same corpus), templated copies with every name and number
    swapped, and follow-ups quoting the first paragraph: no pair overlapping less than 50 %
    shares a story."""
    vocab = vocabulary(articles)
    texts = [render(a) for a in articles]
    for i, article in enumerate(articles[:N]):
        texts.append(render(names_swapped(article, 0.12, vocab, seed=100 + i)))
        texts.append(render(follow_up(article, articles[N + i : N + i + 3])))
    story = runner.stories(texts)
    members: dict[str, list[str]] = defaultdict(list)
    for t in texts:
        members[story[doc_id(t)]].append(t)
    low = [
        (a[:40], b[:40]) for m in members.values() for k, a in enumerate(m) for b in m[k + 1 :] if jaccard(a, b) < 0.5
    ]
    assert low == []
    # and the look-alikes really were look-alikes, not copies
    assert (
        max(jaccard(texts[k], render(articles[(k - len(articles)) // 2])) for k in range(len(articles), len(texts)))
        < 0.5
    )
