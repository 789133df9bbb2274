"""The link test around the threshold, on real text with a known overlap."""

from __future__ import annotations

import numpy as np

from newsetl.stories import DEFAULT_PARAMS, story_signatures
from newsetl.stories.lsh import band_buckets, estimated_jaccard, matches, min_matches, sketches
from tests.unit.stories.conftest import Article
from tests.unit.stories.edits import changed_words, jaccard, render

FRACTIONS = (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.13, 0.16, 0.2)


def pairs(articles: list[Article]) -> tuple[list[str], list[str]]:
    vocab = sorted({w for a in articles for p in a for s in p for w in s.split() if w.isalpha() and w.islower()})
    left, right = [], []
    for i, article in enumerate(articles[:40]):
        for k, fraction in enumerate(FRACTIONS):
            left.append(render(article))
            right.append(render(changed_words(article, fraction, vocab, seed=1000 * i + k)))
    return left, right


def test_links_follow_the_exact_overlap(articles: list[Article]) -> None:
    left, right = pairs(articles)
    a, b = story_signatures(left), story_signatures(right)
    true_j = np.array([jaccard(x, y) for x, y in zip(left, right, strict=True)])
    same_bytes = matches(sketches(a.minhash), sketches(b.minhash))
    candidate = (band_buckets(a.minhash, DEFAULT_PARAMS) == band_buckets(b.minhash, DEFAULT_PARAMS)).any(axis=1)
    linked = candidate & (same_bytes >= min_matches(DEFAULT_PARAMS))
    assert ((true_j > 0.2) & (true_j < 0.8)).sum() > 100  # the overlaps really spread around the threshold
    assert linked[true_j >= 0.65].all()
    assert not linked[true_j < 0.45].any()
    error = estimated_jaccard(same_bytes, DEFAULT_PARAMS.num_perm) - true_j
    assert abs(error.mean()) < 0.01 and error.std() < 0.035


def test_min_matches_is_the_threshold_in_equal_bytes() -> None:
    k = min_matches(DEFAULT_PARAMS)
    assert estimated_jaccard(k, DEFAULT_PARAMS.num_perm) >= DEFAULT_PARAMS.threshold
    assert estimated_jaccard(k - 1, DEFAULT_PARAMS.num_perm) < DEFAULT_PARAMS.threshold
