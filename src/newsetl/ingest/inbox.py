"""Which inbox files hold content not processed before, judged by content hash.

The scheduled ``ingest-inbox`` run reads a folder that people and feeds drop files into.
It must process each content once whatever the files' times say — copies keep old
modification times, ``touch`` changes a time but not a byte, clocks differ between
machines — and it must never move or delete a user's file. So it remembers the SHA-256
of every file content it has published, and picks the files whose digest it has not seen.
A file that changed is new content and is read again in full; the documents it shares
with its earlier version are recognised as duplicates by the pipeline's document id. Two
files with the same content are read once (the first in sorted order).

The memory is a small JSON file in the data directory (:func:`state_path`): digests
belong to the tables they were published into, so a fresh data directory starts with
nothing seen. It is written, atomically, only after the run's publish succeeded: a run
that dies before publishing leaves the files new for the next run; one that dies between
publishing and remembering makes the next run read them again, and the tables only
count them as duplicates.

Writers should drop a file under a hidden name (``.name.tmp``) and rename it into place
when complete: hidden entries are never read, and a rename is atomic.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsetl.ingest.discover import InputFile, input_files
from newsetl.ingest.records import Reject
from newsetl.tables.store import META

STATE_FILE = "inbox-seen.json"
STATE_FORMAT = 1
_READ_BYTES = 1 << 20


class MissingInbox(FileNotFoundError):
    """The configured inbox folder does not exist."""


@dataclass(frozen=True)
class Seen:
    """Digests of the file contents already published, each with the path it came from."""

    digests: Mapping[str, str]  # sha256 hex -> the path it was first read from

    def __contains__(self, digest: object) -> bool:
        return digest in self.digests


@dataclass(frozen=True)
class Pending:
    """What an inbox run should read: files with unseen content, and what it refused."""

    inbox: str
    files: list[InputFile]  # the new-content files, sorted by path
    digests: dict[str, str]  # path -> sha256 of the files in ``files``
    rejects: list[Reject]  # entries of the inbox that cannot be read at all
    scanned: int  # readable files looked at


def state_path(data_dir: Path) -> Path:
    """Where a data directory keeps its inbox memory (beside, not inside, the tables)."""
    return Path(data_dir) / META / STATE_FILE


def load_seen(path: Path) -> Seen:
    """The remembered digests (nothing seen when the file does not exist yet)."""
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Seen({})
    if raw.get("format") != STATE_FORMAT or not isinstance(raw.get("digests"), dict):
        raise ValueError(f"{path} is not a newsetl inbox state file (format {STATE_FORMAT})")
    return Seen({str(k): str(v) for k, v in raw["digests"].items()})


def save_seen(path: Path, seen: Seen) -> None:
    """Write the state atomically: a reader sees the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = json.dumps({"format": STATE_FORMAT, "digests": dict(sorted(seen.digests.items()))}, indent=0)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_digest(path: str | Path) -> str:
    """SHA-256 (hex) of a file's bytes, read in blocks (files can be large)."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while block := stream.read(_READ_BYTES):
            digest.update(block)
    return digest.hexdigest()


def new_content(files: Sequence[InputFile], digests: Mapping[str, str], seen: Seen) -> list[InputFile]:
    """The files whose content is neither in ``seen`` nor in an earlier file of ``files``."""
    taken: set[str] = set()
    fresh: list[InputFile] = []
    for item in sorted(files, key=lambda f: f.uri):
        digest = digests[item.uri]
        if digest in seen or digest in taken:
            continue
        taken.add(digest)
        fresh.append(item)
    return fresh


def remembered(seen: Seen, digests: Mapping[str, str]) -> Seen:
    """``seen`` plus ``digests`` (path -> digest); a digest keeps its first path."""
    merged = dict(seen.digests)
    for path, digest in sorted(digests.items()):
        merged.setdefault(digest, path)
    return Seen(merged)


def pending(inbox: Path, state: Path, follow_symlinks_inside: bool) -> Pending:
    """Scan ``inbox`` and hash its files; those with unseen content are pending.

    The folder is walked with the same rules as any input (hidden entries skipped, links
    leaving the folder refused); files that vanish or cannot be read while hashing are
    reported as rejects rather than failing the scan.
    """
    if not Path(inbox).is_dir():
        raise MissingInbox(f"inbox folder {str(inbox)!r} does not exist; create it or set paths.inbox_dir")
    files, rejects = input_files([str(inbox)], follow_symlinks_inside)
    digests: dict[str, str] = {}
    readable: list[InputFile] = []
    for item in files:
        try:
            digests[item.uri] = file_digest(item.path)
        except OSError as exc:
            rejects.append(Reject(item.uri, "unreadable", exc.strerror or str(exc)))
            continue
        readable.append(item)
    fresh = new_content(readable, digests, load_seen(state))
    return Pending(str(inbox), fresh, {f.uri: digests[f.uri] for f in fresh}, rejects, len(readable))


def remember(state: Path, digests: Mapping[str, str]) -> int:
    """Add ``digests`` (path -> digest) to the state file; returns how many digests it holds."""
    seen = remembered(load_seen(state), digests)
    save_seen(state, seen)
    return len(seen.digests)


__all__ = [
    "STATE_FILE",
    "MissingInbox",
    "Pending",
    "Seen",
    "file_digest",
    "load_seen",
    "new_content",
    "pending",
    "remember",
    "remembered",
    "save_seen",
    "state_path",
]
