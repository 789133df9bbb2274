"""A deployment run's parameters, checked before the run starts.

The local Prefect API has no authentication: any process that reaches it can start a run
with any parameters. So a run reads only under the allowed input roots (``serve.input_roots``
and the inbox) and writes only data directories under the allowed data roots
(``serve.data_roots`` and ``paths.data_dir``); a path is judged by where it really leads
(symbolic links and ``..`` resolved), and is refused before anything is read, so that a
refusal says nothing about files outside. Then inputs must exist and the data directory
must be usable (:meth:`~newsetl.tables.store.Store.check_writable`).

Relative paths are relative to the repository, as in ``config/newsetl.toml`` — whatever
folder the server was started in.

Every problem is a :class:`Refused` with a one-line message; the flows turn it into the
run's failed state and one log line.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from newsetl.config import Settings
from newsetl.tables.store import Store, StoreError


class Refused(ValueError):
    """A parameter the run may not use (one line that says why and what to do)."""


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    real = _real(path)
    return any(real.is_relative_to(_real(root)) for root in roots)


def _path(value: str, settings: Settings, what: str) -> Path:
    if not value.strip() or "\x00" in value:
        raise Refused(f"{what} {value!r} is not a path")
    return settings.resolve(Path(value))


def _roots(roots: Sequence[Path]) -> str:
    return ", ".join(dict.fromkeys(str(r) for r in roots))


def _exists(path: Path, value: str, what: str) -> None:
    try:
        found = path.exists() or path.is_symlink()
    except OSError as exc:
        raise Refused(f"cannot use {what} {value!r}: {exc.strerror or exc}") from None
    if not found:
        raise Refused(f"no such file or directory: {value!r} ({what}; relative paths are relative to the repository)")


def input_path(value: str, settings: Settings, what: str = "input path") -> Path:
    """The input ``value`` names, if a run may read it and it exists."""
    path = _path(value, settings, what)
    if not _inside(path, settings.input_roots):
        raise Refused(
            f"{what} {value!r} is outside the folders runs may read ({_roots(settings.input_roots)}); "
            "add its folder to serve.input_roots to allow it"
        )
    _exists(path, value, what)
    return path


def input_paths(values: Sequence[str], settings: Settings) -> list[Path]:
    return [input_path(v, settings) for v in values]


def inbox_dir(value: str | None, settings: Settings) -> Path:
    """The inbox to read: ``value`` or ``paths.inbox_dir``, an existing folder a run may read."""
    if not value:
        folder = settings.inbox_dir
        if not folder.is_dir():
            raise Refused(f"inbox folder {str(folder)!r} does not exist; create it or set paths.inbox_dir")
        return folder
    folder = input_path(value, settings, "inbox folder")
    if not folder.is_dir():
        raise Refused(f"inbox folder {value!r} is not a folder")
    return folder


def data_dir(value: str | None, settings: Settings) -> Path:
    """The data directory to write: ``value`` or ``paths.data_dir``, if a run may write there."""
    path = _path(value, settings, "data directory") if value else settings.data_dir
    if not _inside(path, settings.data_roots):
        raise Refused(
            f"data directory {value!r} is outside the folders runs may write ({_roots(settings.data_roots)}); "
            "add its folder to serve.data_roots to allow it"
        )
    if path.exists() and not path.is_dir():
        raise Refused(f"data directory {str(path)!r} is not a folder (it is created if missing)")
    try:
        Store(path).check_writable()
    except StoreError as exc:
        raise Refused(str(exc)) from None
    return path
