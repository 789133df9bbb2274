"""A data directory that is not what newsetl expects: one line, exit 2, nothing changed
(issue #11, points 8-10)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from flows.cli import app
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "data" / "sample"


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _digest(root: Path) -> str:
    h = hashlib.sha256()
    if root.is_file():
        return hashlib.sha256(root.read_bytes()).hexdigest()
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode())
        if path.is_symlink():
            h.update(os.readlink(path).encode())
        elif path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def _one_line_error(code: int, stderr: str, *words: str) -> None:
    message = stderr.strip()
    assert code == 2, (code, stderr)
    assert message.startswith("newsetl: error: ") and "\n" not in message and "Traceback" not in stderr, stderr
    for word in words:
        assert word in message, message


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("published") / "data"
    code, _, stderr = _cli("run", str(SAMPLE), "--data", str(data), "--local")
    assert code == 0, stderr
    return data


@pytest.fixture
def data(published: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(published, copy, symlinks=True)
    return copy


@pytest.mark.parametrize("command", [["run", str(SAMPLE), "--local"], ["sql", "SELECT 1"], ["summary"], ["compact"]])
def test_data_option_pointing_at_a_file(tmp_path: Path, command: list[str]) -> None:
    target = tmp_path / "a-file"
    target.write_text("not a folder")
    code, _, stderr = _cli(*command, "--data", str(target))
    _one_line_error(code, stderr, "not a directory")
    assert target.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to read-only folders")
def test_read_only_data_directory(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, _, stderr = _cli("run", str(SAMPLE), "--local", "--data", str(folder))
        _one_line_error(code, stderr, "cannot write")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_read_only_data_directory_as_root_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Root ignores permission bits, so simulate what os.access answers for a read-only mount.
    folder = tmp_path / "ro"
    folder.mkdir()
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if Path(p) == folder and mode & os.W_OK else real_access(p, mode)
    )
    code, _, stderr = _cli("run", str(SAMPLE), "--local", "--data", str(folder))
    _one_line_error(code, stderr, "cannot write")
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("local", [True, False], ids=["local", "prefect"])
def test_foreign_table_folder_publishes_nothing(tmp_path: Path, local: bool) -> None:
    data = tmp_path / "data"
    (data / "documents").mkdir(parents=True)
    (data / "documents" / "theirs.txt").write_text("someone else's")
    before = _digest(data)
    args = ["run", str(SAMPLE), "--data", str(data)] + (["--local"] if local else [])
    for _ in range(2):  # and every rerun says the same
        code, _, stderr = _cli(*args)
        _one_line_error(code, stderr, "documents", "not a newsetl table")
        assert _digest(data) == before


def test_foreign_folder_appearing_mid_run_is_caught_before_the_switch(data: Path) -> None:
    import pyarrow as pa

    from newsetl.config import TableSettings
    from newsetl.tables.schemas import REJECTS
    from newsetl.tables.store import Store, StoreError
    from newsetl.tables.writer import write_table

    store = Store(data)
    version = store.version()
    (data / "documents").unlink()
    (data / "documents").mkdir()
    staged = store.staging_dir("r-late") / "final"
    rows = pa.table({"source_uri": ["z"], "reason": ["empty"], "detail": ["z"], "run_id": ["r-late"]})
    with pytest.raises(StoreError, match="not a newsetl table"):
        store.publish("r-late", staged, {"rejects": write_table(REJECTS, staged, "r-late", rows, TableSettings())})
    assert store.version() == version


def test_stray_folder_among_versions(data: Path) -> None:
    (data / ".newsetl" / "versions" / "backup").mkdir()
    before = _digest(data)
    for args in (["run", str(SAMPLE), "--local"], ["compact"], ["reprocess"]):
        code, _, stderr = _cli(*args, "--data", str(data))
        _one_line_error(code, stderr, "backup")
    assert _digest(data) == before
    code, stdout, stderr = _cli("sql", "SELECT count(*) AS n FROM documents", "--data", str(data), "--format", "json")
    assert code == 0 and '"n": 1' in stdout, stderr  # reading is not affected


@pytest.mark.parametrize("target", ["/etc", "../../outside", "versions/../../..", "versions/v000001/../../../x"])
def test_current_link_out_of_the_directory_is_never_followed(data: Path, tmp_path: Path, target: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    current = data / ".newsetl" / "current"
    current.unlink()
    current.symlink_to(target)
    for args in (["sql", "SELECT 1"], ["summary"], ["run", str(SAMPLE), "--local"]):
        code, _, stderr = _cli(*args, "--data", str(data))
        _one_line_error(code, stderr, "refusing to follow")
    assert os.readlink(current) == target


def test_sql_max_rows_must_not_be_negative(published: Path) -> None:
    code, _, stderr = _cli("sql", "SELECT 1", "--data", str(published), "--max-rows", "-1")
    assert code == 2 and "Traceback" not in stderr


def test_non_utf8_query_through_the_real_command(published: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "sql", b"SELECT '\xff'", "--data", str(published)],
        capture_output=True,
        cwd=REPO,
        timeout=120,
    )
    stderr = result.stderr.decode("utf-8", "replace")
    _one_line_error(result.returncode, stderr, "UTF-8")


def test_list_columns_in_csv_through_the_real_command(published: Path) -> None:
    code, stdout, stderr = _cli("sql", "SELECT offset_map FROM documents", "--data", str(published), "--format", "csv")
    assert code == 0 and stdout.splitlines()[1].startswith('"['), stderr
