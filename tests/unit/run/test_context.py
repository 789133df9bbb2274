"""Run ids sort in the order the runs started, even within one second."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsetl.run.context import new_run_id


def test_run_ids_sort_by_start_time_within_a_second() -> None:
    start = datetime(2026, 12, 4, 3, 15, 12, 999, tzinfo=UTC)
    times = [start + timedelta(microseconds=k * 37_001) for k in range(25)]  # all within one second
    for _ in range(20):  # the random suffix must never decide the order
        ids = [new_run_id(t) for t in times]
        assert sorted(ids) == ids
        assert len(set(ids)) == len(ids)


def test_run_ids_sort_across_days() -> None:
    early = new_run_id(datetime(2026, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC))
    late = new_run_id(datetime(2027, 1, 1, tzinfo=UTC))
    assert early < late
