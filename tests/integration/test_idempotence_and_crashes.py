"""Reruns add nothing; order and splitting don't matter; a run killed anywhere is redone exactly."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsetl.config import load_settings
from tests.integration.helpers import REPO, rows, run, snapshot, table_dir_entries

SENTENCES = [
    "Szef NATO Mark Rutte spotkał się w Brukseli z Antonym Blinkenem.",
    "Rząd przeznaczy ponad 1,5 mld zł na obronność w ciągu czterech lat.",
    "Inflacja w Polsce spadła do 4,9 proc. w październiku.",
    "Prezydent Andrzej Duda odwiedził Kijów i spotkał się z Wołodymyrem Zełenskim.",
    "Ceny mieszkań w Warszawie wzrosły o 12 proc. rok do roku.",
]


def make_inputs(root: Path, n_files: int = 4, per_file: int = 5) -> list[Path]:
    files = []
    for f in range(n_files):
        path = root / f"feed-{f}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for i in range(per_file):
                body = " ".join(SENTENCES[(f + i + k) % len(SENTENCES)] for k in range(3))
                out.write(json.dumps({"id": f"{f}-{i}", "text": f"Wiadomość {f}-{i}. {body}", "published": f"2024-05-{1 + (i % 3):02d}"}, ensure_ascii=False) + "\n")
        files.append(path)
    (root / "dup.txt").write_text("Wiadomość 0-0. " + " ".join(SENTENCES[k % 5] for k in range(3)), encoding="utf-8")
    (root / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    return files


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    make_inputs(root)
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[object, ...]]]:
    data = tmp_path_factory.mktemp("reference")
    run([corpus], data, load_settings(ingest={"batch_docs": 3}))
    return snapshot(data)


def test_rerun_adds_no_rows(corpus: Path, reference: dict[str, list[tuple[object, ...]]], tmp_path: Path) -> None:
    data = tmp_path / "data"
    run([corpus], data)
    second = run([corpus], data)
    assert second.counts["docs_new"] == 0 and second.counts["sentences"] == 0
    assert snapshot(data) == reference
    assert len(rows(data, "SELECT * FROM runs")) == 2


def test_order_and_splitting_do_not_matter(corpus: Path, reference: dict[str, list[tuple[object, ...]]], tmp_path: Path) -> None:
    files = sorted(corpus.iterdir())
    reordered = tmp_path / "reordered"
    run(list(reversed(files)), reordered, load_settings(ingest={"batch_docs": 2}))
    assert snapshot(reordered) == reference
    split = tmp_path / "split"
    run(files[: len(files) // 2], split)
    run(files[len(files) // 2 :], split)
    assert snapshot(split) == reference


def cli_run(paths: list[Path], data: Path, kill_at: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NEWSETL_INGEST__BATCH_DOCS="3")
    env.pop("NEWSETL_KILL_AT", None)
    if kill_at:
        env["NEWSETL_KILL_AT"] = kill_at
    return subprocess.run(
        [sys.executable, "-m", "newsetl.cli", "run", *map(str, paths), "--data", str(data), "--local"],
        capture_output=True, text=True, cwd=REPO, env=env, timeout=600,
    )


KILL_POINTS = [
    "ingest:record#7",
    "ingest:chunk#2",
    "extract:start#3",
    "extract:wrote#4",
    "publish:consolidate#6",
    "publish:linked",
    "publish:moved-file#3",
    "publish:check",
    "publish:before-rename",
    "publish:before-switch",
    "publish:after-switch",
]


def clean_tables(data: Path) -> None:
    """Only published data files and partition folders are visible under the table folders."""
    for entry in table_dir_entries(data):
        name = Path(entry).name
        assert name.startswith(("part-", "day=")), f"stray entry under a table folder: {entry}"


@pytest.mark.slow
@pytest.mark.parametrize("point", KILL_POINTS)
def test_killed_run_leaves_old_state_and_rerun_completes(
    point: str, corpus: Path, reference: dict[str, list[tuple[object, ...]]], tmp_path: Path
) -> None:
    files = sorted(corpus.iterdir())
    data = tmp_path / "data"
    first = cli_run(files[:2], data)
    assert first.returncode == 0, first.stderr
    before = snapshot(data)
    killed = cli_run(files, data, kill_at=point)
    assert killed.returncode == -signal.SIGKILL, (killed.returncode, killed.stderr[-2000:])
    if point != "publish:after-switch":
        assert snapshot(data) == before, "a killed run must leave the previous state intact"
    clean_tables(data)
    rerun = cli_run(files, data)
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(data) == reference
    clean_tables(data)
    leftovers = [p.name for p in (data / ".newsetl" / "versions").iterdir() if p.name.startswith(".tmp")]
    assert not leftovers and not any((data / ".newsetl" / "staging").iterdir())
