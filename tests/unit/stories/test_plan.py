"""The decision rule on hand-made links (pure functions, no index)."""

from __future__ import annotations

import numpy as np

from newsetl.stories.plan import Links, bucket_pairs, capped_members, plan_stories

DOCS = np.array([10, 20, 30, 40, 50, 60], dtype=np.uint64)


def links(
    run: list[tuple[int, int, int]] = (),  # type: ignore[assignment]
    old: list[tuple[int, int, int, int]] = (),  # type: ignore[assignment]
) -> Links:
    run_arr = np.array(run, dtype=np.int64).reshape(-1, 3)
    old_arr = np.array(old, dtype=np.int64).reshape(-1, 4)
    return Links(
        run_arr[:, 0].astype(np.intp),
        run_arr[:, 1].astype(np.intp),
        run_arr[:, 2].astype(np.int32),
        old_arr[:, 0].astype(np.intp),
        old_arr[:, 1].astype(np.uint64),
        old_arr[:, 2].astype(np.uint64),
        old_arr[:, 3].astype(np.int32),
    )


def test_unlinked_documents_found_their_own_stories() -> None:
    assert plan_stories(DOCS, Links.none()).tolist() == DOCS.tolist()


def test_a_linked_group_is_named_after_its_smallest_doc() -> None:
    story = plan_stories(DOCS, links(run=[(1, 3, 200), (3, 4, 180), (0, 5, 150)]))
    assert story.tolist() == [10, 20, 30, 20, 20, 10]


def test_best_indexed_link_wins_ties_to_the_smallest_indexed_doc() -> None:
    old = [(0, 7, 700, 150), (0, 8, 800, 190), (1, 9, 900, 160), (1, 5, 500, 160)]
    story = plan_stories(DOCS, links(old=old))
    assert story[:2].tolist() == [800, 500]


def test_run_members_follow_the_strongest_chain_to_an_existing_story() -> None:
    # 0 -> story 700 (indexed); 5 -> story 900; 2 is linked to 0 (weight 150) and to 5 (weight 220)
    old = [(0, 7, 700, 200), (5, 9, 900, 200)]
    run = [(0, 2, 150), (2, 5, 220), (2, 3, 240)]
    story = plan_stories(DOCS, links(run=run, old=old))
    assert story[2] == 900 and story[3] == 900  # through the stronger link, and onwards
    assert story[0] == 700 and story[5] == 900
    assert story[1] == 20 and story[4] == 50


def test_plan_is_the_same_whatever_order_the_links_come_in() -> None:
    old = [(0, 7, 700, 200), (5, 9, 900, 200), (4, 9, 900, 140)]
    run = [(0, 2, 150), (2, 5, 220), (2, 3, 240), (1, 4, 200), (1, 3, 200)]
    reference = plan_stories(DOCS, links(run=run, old=old)).tolist()
    rng = np.random.default_rng(0)
    for _ in range(10):
        assert (
            plan_stories(DOCS, links(run=list(rng.permutation(run)), old=list(rng.permutation(old)))).tolist()
            == reference
        )


def test_bucket_pairs_finds_shared_buckets_once() -> None:
    buckets = np.array([[1, 2], [1, 3], [4, 3], [5, 6]], dtype=np.uint64)
    i, j = bucket_pairs(buckets, np.ones(4, dtype=bool), cap=64)
    assert list(zip(i.tolist(), j.tolist(), strict=True)) == [(0, 1), (1, 2)]
    i, j = bucket_pairs(buckets, np.array([True, False, True, True]), cap=64)
    assert len(i) == 0


def test_a_crowded_bucket_is_compared_with_its_first_rows_only() -> None:
    buckets = np.full((10, 1), 7, dtype=np.uint64)
    i, j = bucket_pairs(buckets, np.ones(10, dtype=bool), cap=2)
    pairs = set(zip(i.tolist(), j.tolist(), strict=True))
    assert pairs == {(0, k) for k in range(1, 10)} | {(1, k) for k in range(2, 10)}


def test_capped_members_keeps_the_smallest_docs_per_bucket() -> None:
    buckets = np.array([5, 5, 5, 6, 5], dtype=np.uint64)
    docs = np.array([40, 10, 30, 99, 20], dtype=np.uint64)
    assert capped_members(buckets, docs, cap=2).tolist() == [False, True, False, True, True]
