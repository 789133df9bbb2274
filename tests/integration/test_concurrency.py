"""Concurrent runs never interleave their writes; readers see the old or the new state.

* A second ``newsetl run`` on a data directory another run is writing to stops at once
  with a one-line message naming the holder (exit 2) and changes nothing, or — with
  ``run.lock_wait_seconds`` — waits and runs afterwards; either way the tables equal
  those of runs made one after the other. (The lock is taken here by the test itself,
  through the same ``Store.locked`` every writer uses, so that the overlap is certain;
  two real runs started at once are tested too.)
* Readers keep working during a run: ``newsetl sql`` (and the library's
  ``ReadOnlyQuery``) sees one whole version, so counts of several tables taken in one
  query are those of the old state or of the new one, never a mix; plain DuckDB over
  the table folders sees, per table, the old rows or the new rows.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from newsetl.config import load_settings
from newsetl.query.sql import ReadOnlyQuery
from newsetl.tables.store import Store
from tests.integration.helpers import REPO, published_entry, rows, run, snapshot, table_dir_entries
from tests.integration.hostile_corpus import good_articles

pytestmark = pytest.mark.slow

COUNTS = (
    "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM sentences) AS sentences, "
    "(SELECT count(*) FROM extractions) AS extractions, (SELECT count(*) FROM runs) AS runs, "
    "(SELECT count(*) FROM rejects) AS rejects"
)
RAW_TABLES = ("documents", "sentences", "extractions", "runs")  # tables a run only adds files to


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, Path]:
    """Two input folders: a small first part (20 articles) and a larger second part (100)."""
    root = tmp_path_factory.mktemp("concurrency-in")
    articles = good_articles(shared_data, 120)
    first, second = root / "part1", root / "part2"
    first.mkdir()
    second.mkdir()
    for i, article in enumerate(articles[:20]):
        (first / f"a{i:03d}.txt").write_text(article, encoding="utf-8")
    with open(second / "feed.jsonl", "w", encoding="utf-8") as out:
        for i, article in enumerate(articles[20:]):
            out.write(
                json.dumps(
                    {"id": f"b{i}", "text": article, "published": f"2024-06-{1 + i % 28:02d}"}, ensure_ascii=False
                )
                + "\n"
            )
    (second / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    return first, second


@pytest.fixture(scope="module")
def reference(parts: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Tables after part 1 alone, and after part 1 then part 2, run one after the other."""
    data = tmp_path_factory.mktemp("concurrency-ref")
    run([parts[0]], data)
    old = snapshot(data), _counts(data)
    run([parts[1]], data)
    return {"old": old[0], "old_counts": old[1], "new": snapshot(data), "new_counts": _counts(data)}


def _counts(data: Path) -> tuple[int, ...]:
    engine = ReadOnlyQuery(data)
    try:
        return tuple(engine.run(COUNTS).to_pylist()[0].values())
    finally:
        engine.close()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSETL_KILL_AT", "PREFECT_API_URL")}
    env.update(extra)
    return env


def _start(paths: list[Path], data: Path, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", *map(str, paths), "--data", str(data), "--local"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env=_env(**env),
    )


def _finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=600)
    return proc.returncode, out, err


def _clean(data: Path) -> None:
    for entry in table_dir_entries(data):
        assert published_entry(entry), f"stray entry under a table folder: {entry}"
    assert not any((data / ".newsetl" / "staging").iterdir())
    assert not [p for p in (data / ".newsetl" / "versions").iterdir() if p.name.startswith(".tmp")]


def test_second_writer_stops_with_a_clear_message(
    parts: tuple[Path, Path], reference: dict[str, object], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run([parts[0]], data)
    with Store(data).locked("r-holding-run"):  # the lock every writer takes, held here
        code, out, err = _finish(_start([parts[1]], data))
        assert code == 2, (code, out, err)
        assert err.startswith(f"newsetl: error: another newsetl run is writing to {data}")
        assert f"r-holding-run, pid {os.getpid()}" in err
        assert err.strip().count("\n") == 0 and "Traceback" not in err
        assert snapshot(data) == reference["old"]
    code, _, err = _finish(_start([parts[1]], data))
    assert code == 0, err
    assert snapshot(data) == reference["new"]
    _clean(data)


def test_waiting_writer_waits_for_the_lock(
    parts: tuple[Path, Path], reference: dict[str, object], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run([parts[0]], data)
    with Store(data).locked("r-holding-run"):
        waiting = _start([parts[1]], data, NEWSETL_RUN__LOCK_WAIT_SECONDS="300")
        time.sleep(4)  # long enough for it to start and find the lock taken
        assert waiting.poll() is None, "the second run should be waiting for the lock"
        assert snapshot(data) == reference["old"]
    code, _, err = _finish(waiting)
    assert code == 0, err
    assert snapshot(data) == reference["new"]
    _clean(data)


def test_simultaneous_runs_never_interleave(
    parts: tuple[Path, Path], reference: dict[str, object], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run([parts[0]], data)
    procs = [_start([parts[1]], data), _start([parts[1]], data)]
    results = [_finish(p) for p in procs]
    codes = sorted(code for code, _, _ in results)
    if codes == [0, 2]:  # the usual case: both started while the other held the lock
        loser = next(err for code, _, err in results if code == 2)
        assert "another newsetl run is writing to" in loser and "Traceback" not in loser
    else:  # one finished before the other started: then the second added nothing
        assert codes == [0, 0], results
        assert sorted(r["docs_new"] for r in rows(data, "SELECT docs_new FROM runs WHERE data_version > 1")) == [0, 100]
    assert snapshot(data) == reference["new"]
    _clean(data)


def test_two_waiting_runs_run_one_after_the_other(
    parts: tuple[Path, Path], reference: dict[str, object], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    wait = {"NEWSETL_RUN__LOCK_WAIT_SECONDS": "300"}
    procs = [_start([parts[0]], data, **wait), _start([parts[1]], data, **wait)]
    results = [_finish(p) for p in procs]
    assert [code for code, _, _ in results] == [0, 0], [err[-2000:] for _, _, err in results]
    versions = rows(data, "SELECT data_version, docs_new FROM runs ORDER BY data_version")
    assert [v["data_version"] for v in versions] == [1, 2]
    # Whichever ran first, the result is that of the two runs made one after the other.
    assert snapshot(data) == reference["new"]
    _clean(data)


def test_readers_see_the_old_or_the_new_state_during_a_run(
    parts: tuple[Path, Path], reference: dict[str, object], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    run([parts[0]], data, load_settings())
    old, new = reference["old_counts"], reference["new_counts"]
    assert _counts(data) == old and old != new
    raw_old = {t: rows(data, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in RAW_TABLES}
    seen_sql: list[tuple[int, ...]] = []
    seen_raw: list[dict[str, int]] = []
    seen_cli: list[tuple[int, str]] = []
    errors: list[str] = []
    writer = _start([parts[1]], data)

    def cli_reader() -> None:
        while writer.poll() is None:
            result = subprocess.run(
                [sys.executable, "-m", "newsetl.cli", "sql", COUNTS, "--data", str(data), "--format", "json"],
                capture_output=True,
                text=True,
                cwd=REPO,
                env=_env(),
                timeout=120,
            )
            seen_cli.append((result.returncode, result.stdout if result.returncode == 0 else result.stderr))

    thread = threading.Thread(target=cli_reader)
    thread.start()
    con = duckdb.connect()
    while writer.poll() is None:
        try:
            seen_sql.append(_counts(data))
            seen_raw.append(
                {
                    t: con.execute(f"SELECT count(*) FROM read_parquet('{data}/{t}/**/*.parquet')").fetchall()[0][0]
                    for t in RAW_TABLES
                }
            )
        except Exception as exc:
            errors.append(repr(exc))
    thread.join()
    code, _, err = _finish(writer)
    assert code == 0, err
    assert not errors, errors[:5]
    assert len(seen_sql) >= 20 and seen_cli, (len(seen_sql), len(seen_cli))
    assert set(seen_sql) <= {old, new}, set(seen_sql) - {old, new}
    assert old in seen_sql  # the readers did read while the run was under way
    raw_new = {t: rows(data, f"SELECT count(*) AS n FROM {t}")[0]["n"] for t in RAW_TABLES}
    for observation in seen_raw:
        for table, n in observation.items():
            assert n in (raw_old[table], raw_new[table]), (table, n, raw_old[table], raw_new[table])
    for returncode, output in seen_cli:
        assert returncode == 0, output
        assert tuple(json.loads(output).values()) in {old, new}
    assert _counts(data) == new
    assert snapshot(data) == reference["new"]
