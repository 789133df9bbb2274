"""Is a data directory usable? Checks made before anything is read or written.

A data directory is a folder of table links (``DIR/<table>`` → ``.newsetl/current/<table>``)
and newsetl's own ``DIR/.newsetl/`` (versions, staging, the lock). Whatever in it was not
made by newsetl — a file given as ``--data``, a read-only folder, a foreign ``documents/``
folder, a stray folder among the versions, a ``current`` link that leads out of the
directory — is found here, *before* a run starts work or a version is switched in, and
explained in one line (:class:`StoreError`); nothing is changed and nothing outside the
directory is ever followed.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

VERSION_NAME = re.compile(r"v\d{6}")
# Folders newsetl itself leaves among the versions: a version being built by a run.
_BUILDING = re.compile(r"\.tmp-[\w.-]+")


class StoreError(RuntimeError):
    """The data directory cannot be used as it is (the message says why and what to do)."""


def check_directory(root: Path, writable: bool) -> None:
    """``root`` is (or, for writing, can become) a folder we may use."""
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is not a directory: give --data a folder (it is created if missing)")
    if not writable:
        return
    existing = root
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        raise StoreError(f"cannot write to {existing} (read-only or not ours): choose another data directory")
    meta = root / ".newsetl"
    if meta.exists() and (not meta.is_dir() or not os.access(meta, os.W_OK | os.X_OK)):
        raise StoreError(f"cannot write to {meta}: check its permissions")


def check_table_links(root: Path, tables: Iterable[str]) -> None:
    """Every ``root/<table>`` is absent or newsetl's own link (never a foreign folder or file)."""
    for table in tables:
        link = root / table
        if link.is_symlink():
            if os.readlink(link) != f".newsetl/current/{table}":
                raise StoreError(f"{link} is a link newsetl did not make (-> {os.readlink(link)}); move it away first")
        elif link.exists():
            raise StoreError(f"{link} exists and is not a newsetl table: move it away or choose another data directory")


def check_versions(versions: Path) -> None:
    """The versions folder holds only version folders (and versions being built)."""
    if not versions.is_dir():
        return
    for entry in sorted(versions.iterdir()):
        if entry.is_symlink() or not entry.is_dir():
            raise StoreError(f"unexpected entry {entry} among newsetl's versions: move it away")
        if not (VERSION_NAME.fullmatch(entry.name) or _BUILDING.fullmatch(entry.name)):
            raise StoreError(f"unexpected folder {entry} among newsetl's versions: move it away")


def current_target(meta: Path) -> Path | None:
    """The version folder ``meta/current`` names, or None when there is none yet.

    The link must read ``versions/vNNNNNN`` and lead to a folder inside ``meta/versions``;
    anything else (an absolute path, ``..``, a chain of links out of the directory) is
    refused rather than followed.
    """
    link = meta / "current"
    try:
        target = os.readlink(link)
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    except OSError as exc:
        if not link.exists() and not link.is_symlink():
            return None
        raise StoreError(f"{link} is not a link newsetl made ({exc.strerror}); move it away") from None
    head, _, name = target.partition("/")
    resolved = (meta / target).resolve()
    if head != "versions" or not VERSION_NAME.fullmatch(name) or resolved.parent != (meta / "versions").resolve():
        raise StoreError(f"{link} points outside newsetl's versions ({target}); refusing to follow it")
    if not resolved.is_dir():
        raise StoreError(f"{link} points at a missing version ({target}): the data directory is damaged")
    return resolved
