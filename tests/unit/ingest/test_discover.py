import os
from pathlib import Path

import pytest

from newsetl.ingest.discover import MissingInput, input_files


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(MissingInput, match="no such file"):
        input_files([tmp_path / "nope"])


def test_walks_sorted_skips_hidden_rejects_unsupported(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("z")
    (tmp_path / "a.jsonl.gz").write_bytes(b"")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("x")
    (tmp_path / "notes.md").write_text("m")
    files, rejects = input_files([tmp_path])
    assert [Path(f.uri).name for f in files] == ["a.jsonl.gz", "z.txt"]
    assert [(Path(r.source_uri).name, r.reason) for r in rejects] == [("notes.md", "unsupported_format")]


def test_symlinks(tmp_path: Path) -> None:
    inside = tmp_path / "in"
    inside.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("do not read")
    (inside / "real.txt").write_text("ok")
    os.symlink(inside / "real.txt", inside / "link-inside.txt")
    os.symlink(outside, inside / "link-outside.txt")
    os.symlink(inside / "loop1.txt", inside / "loop2.txt")
    os.symlink(inside / "loop2.txt", inside / "loop1.txt")
    os.symlink(tmp_path / "missing.txt", inside / "dangling.txt")
    os.symlink(tmp_path, inside / "updir")
    files, rejects = input_files([inside])
    assert [Path(f.uri).name for f in files] == ["link-inside.txt"] or [Path(f.uri).name for f in files] == ["real.txt"]
    reasons = {Path(r.source_uri).name: r.reason for r in rejects}
    assert reasons == {
        "link-outside.txt": "symlink_outside",
        "loop1.txt": "symlink_loop",
        "loop2.txt": "symlink_loop",
        "dangling.txt": "broken_symlink",
        "updir": "symlink_dir",
    }


def test_fifo_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    files, rejects = input_files([tmp_path])
    assert not files and [r.reason for r in rejects] == ["not_regular_file"]


def test_odd_file_names(tmp_path: Path) -> None:
    names = ["with space.txt", "quote\"'.txt", "new\nline.txt", "zażółć.txt", "-leading-dash.txt"]
    for name in names:
        (tmp_path / name).write_text("x")
    files, rejects = input_files([tmp_path])
    assert sorted(Path(f.uri).name for f in files) == sorted(names) and not rejects
