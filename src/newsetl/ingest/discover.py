"""Which files a run reads: ``input_files(paths)``.

Given paths must exist (a missing one is the caller's mistake, reported before anything
runs). Directories are walked in sorted order; hidden entries are skipped. A symbolic link
found inside a directory is followed only when its target stays inside that directory —
so an input folder cannot smuggle in ``/etc/passwd`` — and links to directories are not
followed at all (no loops, no double reading). Links given explicitly are the user's
choice and are followed. FIFOs, sockets and devices are refused: reading them could block.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsetl.ingest.readers import input_format
from newsetl.ingest.records import Reject


class MissingInput(Exception):
    """An input path given by the user does not exist."""


def printable_name(path: str) -> str:
    """``path`` as it may be stored: undecodable bytes of the file name as ``\\xNN``.

    Linux file names are bytes; Python hands back the ones that are not UTF-8 as lone
    surrogates, which cannot be written to Parquet — such a name crashed the run (found
    by the hostile-input tests). The escaped form is readable and stays unique.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", errors="backslashreplace")
    return path


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # what to open
    uri: str  # how it is named in the tables (absolute, symlinks in it not resolved)
    size: int


def input_files(
    paths: Sequence[str | os.PathLike[str]], follow_symlinks_inside: bool = True
) -> tuple[list[InputFile], list[Reject]]:
    """Files to read under ``paths`` and the entries refused while looking."""
    for given in paths:
        if not os.path.lexists(given):
            raise MissingInput(f"no such file or directory: {os.fspath(given)!r}")
    files: list[InputFile] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    for given in paths:
        uri = os.path.abspath(os.fspath(given))
        for item in _walk(uri, follow_symlinks_inside):
            if isinstance(item, Reject):
                rejects.append(Reject(printable_name(item.source_uri), item.reason, item.detail))
                continue
            real = os.path.realpath(item.path)
            if real not in seen:
                seen.add(real)
                files.append(item)
    files.sort(key=lambda f: f.uri)
    rejects.sort(key=lambda r: r.source_uri)
    return files, rejects


def _walk(top: str, follow_symlinks_inside: bool) -> Iterator[InputFile | Reject]:
    try:
        info = os.stat(top)
    except OSError as exc:
        yield Reject(top, "broken_symlink" if os.path.islink(top) else "unreadable", exc.strerror or str(exc))
        return
    if stat.S_ISREG(info.st_mode):
        yield InputFile(top, printable_name(top), info.st_size)
        return
    if not stat.S_ISDIR(info.st_mode):
        yield Reject(top, "not_regular_file", "not a regular file or directory")
        return
    root_real = os.path.realpath(top)
    errors: list[OSError] = []
    for dirpath, dirnames, filenames in os.walk(top, onerror=errors.append, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in list(dirnames):
            full = os.path.join(dirpath, name)
            if os.path.islink(full):
                dirnames.remove(name)
                yield Reject(full, "symlink_dir", "links to directories are not followed")
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            yield from _entry(os.path.join(dirpath, name), root_real, follow_symlinks_inside)
    for error in errors:
        yield Reject(error.filename or top, "unreadable", error.strerror or str(error))


def _entry(full: str, root_real: str, follow_symlinks_inside: bool) -> Iterator[InputFile | Reject]:
    if os.path.islink(full):
        try:
            target = os.path.realpath(full, strict=True)
        except OSError as exc:
            loop = "loop" in str(exc).lower() or getattr(exc, "errno", None) == 40
            yield Reject(full, "symlink_loop" if loop else "broken_symlink", exc.strerror or str(exc))
            return
        if not follow_symlinks_inside:
            yield Reject(full, "symlink_skipped", "symbolic links inside inputs are not followed")
            return
        if os.path.commonpath([root_real, target]) != root_real:
            yield Reject(full, "symlink_outside", "link target is outside the input directory")
            return
    try:
        info = os.stat(full)
    except OSError as exc:
        yield Reject(full, "unreadable", exc.strerror or str(exc))
        return
    if not stat.S_ISREG(info.st_mode):
        yield Reject(full, "not_regular_file", "not a regular file")
        return
    if input_format(Path(full))[0] is None:
        yield Reject(full, "unsupported_format", "not .txt, .jsonl, .ndjson or .csv (optionally .gz)")
        return
    yield InputFile(full, printable_name(full), info.st_size)
