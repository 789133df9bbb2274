import multiprocessing
import os
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from newsetl.config import TableSettings
from newsetl.tables.schemas import REJECTS
from newsetl.tables.store import LockBusy, Store
from newsetl.tables.writer import write_table


def rejects(n: int, run: str) -> pa.Table:
    return pa.table(
        {
            "source_uri": [f"{run}-{i}" for i in range(n)],
            "reason": ["empty"] * n,
            "detail": ["d"] * n,
            "run_id": [run] * n,
        }
    )


def publish_rejects(store: Store, run: str, n: int, before_commit=None) -> int:  # type: ignore[no-untyped-def]
    staged = store.staging_dir(run) / "final"
    written = write_table(REJECTS, staged, run, rejects(n, run), TableSettings())
    return store.publish(run, staged, {"rejects": written}, before_commit=before_commit)


def count(root: Path, table: str) -> int:
    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{root}/{table}/**/*.parquet')").fetchall()[0][0]


def test_publish_versions_and_table_links(tmp_path: Path) -> None:
    store = Store(tmp_path)
    assert store.current() is None
    assert publish_rejects(store, "r1", 3) == 1
    assert publish_rejects(store, "r2", 2) == 2
    assert count(tmp_path, "rejects") == 5
    assert (tmp_path / "rejects").is_symlink()
    for table in ("documents", "mentions", "entities"):  # empty tables are readable with their schema
        assert count(tmp_path, table) == 0
    assert store.files("rejects") == ["part-r1.parquet", "part-r2.parquet"]


def test_refused_publish_changes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path)
    publish_rejects(store, "r1", 3)

    def refuse(_: Path) -> None:
        raise RuntimeError("invariant broken")

    with pytest.raises(RuntimeError):
        publish_rejects(store, "r2", 2, before_commit=refuse)
    assert store.version() == 1 and count(tmp_path, "rejects") == 3
    store.collect_garbage(0)
    assert not list((tmp_path / ".newsetl" / "versions").glob(".tmp-*"))
    assert not any(p.name.startswith(".") for p in (tmp_path / ".newsetl" / "current" / "rejects").rglob("*"))


def test_old_readers_keep_their_version(tmp_path: Path) -> None:
    store = Store(tmp_path)
    publish_rejects(store, "r1", 3)
    pinned = store.current()
    publish_rejects(store, "r2", 2)
    assert pinned is not None
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{pinned}/rejects/*.parquet')").fetchall() == [(3,)]


def test_garbage_collection_keeps_current_and_previous(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for i in range(5):
        publish_rejects(store, f"r{i}", 1)
    store.staging_dir("crashed-run")
    store.collect_garbage(keep_minutes=0)
    names = sorted(p.name for p in (tmp_path / ".newsetl" / "versions").iterdir())
    assert names == ["v000004", "v000005"]
    assert not (tmp_path / ".newsetl" / "staging" / "crashed-run").exists()
    assert count(tmp_path, "rejects") == 5


def _hold_lock(root: str, ready, release) -> None:  # type: ignore[no-untyped-def]
    with Store(Path(root)).locked("holder-run"):
        ready.set()
        release.wait(10)


def test_lock_is_exclusive_across_processes(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    proc.start()
    try:
        assert ready.wait(10)
        with pytest.raises(LockBusy, match="holder-run"), Store(tmp_path).locked("second", wait_seconds=0.5):
            pass
    finally:
        release.set()
        proc.join(10)
    with Store(tmp_path).locked("third"):
        pass


def test_lock_released_when_holder_is_killed(tmp_path: Path) -> None:
    ctx = multiprocessing.get_context("fork")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_lock, args=(str(tmp_path), ready, release))
    proc.start()
    assert ready.wait(10)
    os.kill(proc.pid, 9)  # type: ignore[arg-type]
    proc.join(10)
    with Store(tmp_path).locked("after-crash", wait_seconds=2):
        pass
