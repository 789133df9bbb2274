"""``newsetl.ingest.inbox``: new content by hash, the state file, the scan (no Prefect, no server)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from newsetl.ingest.discover import InputFile
from newsetl.ingest.inbox import (
    MissingInbox,
    Seen,
    file_digest,
    load_seen,
    new_content,
    pending,
    remember,
    remembered,
    save_seen,
    state_path,
)


def files(*names: str) -> list[InputFile]:
    return [InputFile(f"/in/{n}", f"/in/{n}", 1) for n in names]


@pytest.mark.parametrize(
    ("digests", "seen", "expected"),
    [
        ({"a": "1", "b": "2"}, {}, ["a", "b"]),  # nothing seen: everything is new
        ({"a": "1", "b": "2"}, {"1": "/old/a"}, ["b"]),  # seen content, whatever the name
        ({"a": "1", "b": "1"}, {}, ["a"]),  # two copies of one content: the first, once
        ({"b": "1", "a": "1"}, {}, ["a"]),  # ... in sorted order, not listing order
        ({"a": "1"}, {"1": "/in/a"}, []),
    ],
)
def test_new_content_is_judged_by_digest(digests: dict[str, str], seen: dict[str, str], expected: list[str]) -> None:
    found = new_content(files(*digests), {f"/in/{k}": v for k, v in digests.items()}, Seen(seen))
    assert [Path(f.uri).name for f in found] == expected


def test_remembered_keeps_the_first_path_of_a_digest() -> None:
    seen = remembered(Seen({"1": "/in/a"}), {"/in/b": "1", "/in/c": "2"})
    assert dict(seen.digests) == {"1": "/in/a", "2": "/in/c"}


def test_state_round_trips_and_a_foreign_file_is_refused(tmp_path: Path) -> None:
    path = state_path(tmp_path / "data")
    assert load_seen(path).digests == {}  # no state yet: nothing seen
    save_seen(path, Seen({"1": "/in/a"}))
    assert load_seen(path).digests == {"1": "/in/a"}
    assert remember(path, {"/in/b": "2"}) == 2
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left
    path.write_text('{"something": "else"}')
    with pytest.raises(ValueError, match="not a newsetl inbox state file"):
        load_seen(path)


def test_file_digest_is_sha256_of_the_bytes(tmp_path: Path, sample_article: Path) -> None:
    assert file_digest(sample_article) == hashlib.sha256(sample_article.read_bytes()).hexdigest()
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (3 << 20) + b"y")  # more than one read block
    assert file_digest(big) == hashlib.sha256(big.read_bytes()).hexdigest()


def test_pending_hashes_scans_and_moves_nothing(tmp_path: Path, sample_article: Path) -> None:
    inbox, state = tmp_path / "inbox", tmp_path / "state.json"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "a.txt").write_bytes(sample_article.read_bytes())
    (inbox / "sub" / "b.txt").write_text("Krótka wiadomość.")
    (inbox / ".c.txt.part").write_text("still being written")
    (inbox / "d.pdf").write_bytes(b"%PDF")
    os.symlink("/etc/hostname", inbox / "outside.txt")
    before = sorted(str(p) for p in inbox.rglob("*"))

    first = pending(inbox, state, follow_symlinks_inside=True)
    assert [Path(f.uri).name for f in first.files] == ["a.txt", "b.txt"] and first.scanned == 2
    assert {r.reason for r in first.rejects} == {"unsupported_format", "symlink_outside"}
    remember(state, first.digests)
    assert pending(inbox, state, follow_symlinks_inside=True).files == []

    os.utime(inbox / "a.txt", (1, 1))  # a new time is not new content
    (inbox / "sub" / "b.txt").write_text("Krótka wiadomość, poprawiona.")
    assert [Path(f.uri).name for f in pending(inbox, state, follow_symlinks_inside=True).files] == ["b.txt"]
    assert sorted(str(p) for p in inbox.rglob("*")) == before

    with pytest.raises(MissingInbox, match="does not exist"):
        pending(tmp_path / "nowhere", state, follow_symlinks_inside=True)
