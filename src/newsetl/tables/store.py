"""The one publisher: versioned table folders switched atomically.

Layout of a data directory ``DIR``::

    DIR/documents -> .newsetl/current/documents      (a symlink per table, hidden ones excepted)
    DIR/.newsetl/current -> versions/v000042          (the commit point)
    DIR/.newsetl/versions/v000042/<table>/day=…/part-<run>.parquet
    DIR/.newsetl/staging/<run_id>/…                   (a run's files before publishing)
    DIR/.newsetl/lock                                 (held by the one writing run)
    DIR/.newsetl/inbox-seen.json                      (content hashes the inbox flow has published)

A version folder is immutable once named. Publishing builds the next version beside the
current one — hard links to every kept file, plus the run's new files — then replaces the
``current`` symlink with one ``rename``, which is atomic: a reader that resolves
``current`` sees one whole version, before or after, never a mix. Killed before that
rename, a run leaves the current version untouched (its leftovers, outside any table
folder, are removed by the next run); killed after it, the run is complete. Staging never
lives under ``DIR/<table>/``, so ``read_parquet('DIR/T/**/*.parquet')`` returns exactly
the current state. Old versions are kept ``keep_versions_minutes`` for readers that opened
them, then garbage-collected.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pyarrow.parquet as pq

from newsetl.faults import checkpoint
from newsetl.tables.schemas import TABLES, visible_tables
from newsetl.tables.usable import (
    VERSION_NAME,
    StoreError,
    check_directory,
    check_table_links,
    check_versions,
    current_target,
)
from newsetl.tables.writer import NULL_PARTITION, WrittenFile, fsync_path, partition_dir

META = ".newsetl"
EMPTY_FILE = "part-empty.parquet"


class LockBusy(RuntimeError):
    """Another run holds the data directory."""


class Store:
    def __init__(self, root: Path) -> None:
        self.root = Path(root).absolute()
        self.meta = self.root / META
        self.versions = self.meta / "versions"
        self.staging = self.meta / "staging"

    # -- reading -----------------------------------------------------------------
    def current(self) -> Path | None:
        """The current version folder, resolved (stable even if a publish follows).

        Raises :class:`StoreError` when ``current`` leads anywhere but a version folder.
        """
        return current_target(self.meta)

    def check_readable(self) -> None:
        """Raise :class:`StoreError` (one line) unless the tables here can be read."""
        check_directory(self.root, writable=False)
        self.current()

    def check_writable(self) -> None:
        """Raise :class:`StoreError` (one line) unless a run may write here; changes nothing."""
        check_directory(self.root, writable=True)
        check_table_links(self.root, visible_tables())
        check_versions(self.versions)
        self.current()

    def version_dir(self, number: int) -> Path:
        """The folder of version ``number`` (it may have been garbage-collected)."""
        return self.versions / f"v{number:06d}"

    def version(self) -> int:
        current = self.current()
        return int(current.name[1:]) if current is not None else 0

    def files(self, table: str, version_dir: Path | None = None) -> list[str]:
        """Relative paths of the data files of ``table`` in a version (current by default)."""
        base = version_dir if version_dir is not None else self.current()
        if base is None:
            return []
        folder = base / table
        found = [str(p.relative_to(folder)) for p in folder.rglob("*.parquet")]
        return sorted(f for f in found if not f.endswith(EMPTY_FILE))

    # -- locking -----------------------------------------------------------------
    @contextmanager
    def locked(self, holder: str, wait_seconds: float = 0.0) -> Iterator[None]:
        """Hold the data directory for one writing run (released even on SIGKILL).

        Everything that would make the run fail later in the directory itself is checked
        first (:meth:`check_writable`), so a refused run changes nothing.
        """
        self.check_writable()
        self.meta.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.meta / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            deadline = time.monotonic() + wait_seconds
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as exc:
                    if exc.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() >= deadline:
                        raise LockBusy(
                            f"another newsetl run is writing to {self.root} ({self._holder()}); "
                            "try again when it has finished"
                        ) from None
                    time.sleep(0.2)
            (self.meta / "lock.info").write_text(
                json.dumps({"holder": holder, "pid": os.getpid(), "since": time.time()})
            )
            yield
        finally:
            os.close(fd)

    def _holder(self) -> str:
        try:
            info = json.loads((self.meta / "lock.info").read_text())
            return f"{info['holder']}, pid {info['pid']}"
        except (OSError, ValueError, KeyError):
            return "holder unknown"

    # -- writing -----------------------------------------------------------------
    def staging_dir(self, run_id: str) -> Path:
        path = self.staging / run_id
        path.mkdir(parents=True, exist_ok=True)
        return path

    def publish(
        self,
        run_id: str,
        staged_root: Path,
        added: dict[str, list[WrittenFile]],
        removed: dict[str, set[str]] | None = None,
        before_commit: Callable[[Path], None] | None = None,
    ) -> int:
        """Make ``added`` (files under ``staged_root/<table>/``) and ``removed`` current, atomically.

        Must be called while holding :meth:`locked`. ``before_commit(version_dir)`` may add
        derived files or raise to refuse the publish; nothing becomes visible if it raises.
        """
        removed = removed or {}
        current = self.current()
        number = self.version() + 1
        tmp = self.versions / f".tmp-{run_id}"
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        for table in TABLES:
            (tmp / table).mkdir()
            gone = removed.get(table, set())
            for rel in self.files(table, current) if current is not None else []:
                if rel not in gone and current is not None:
                    target = tmp / table / rel
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.link(current / table / rel, target)
        checkpoint("publish:linked")
        for table, written in added.items():
            for item in written:
                target = tmp / table / item.relpath
                if target.exists():
                    raise FileExistsError(f"{table}/{item.relpath} already exists in the current version")
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(staged_root / table / item.relpath, target)
                checkpoint("publish:moved-file")
        self._fill_empty_tables(tmp)
        if before_commit is not None:
            before_commit(tmp)
            self._fill_empty_tables(tmp)
        # What could still fail after the switch (a foreign folder where a table link
        # goes) fails here instead, before anything is visible.
        check_table_links(self.root, visible_tables())
        _fsync_tree(tmp)
        checkpoint("publish:before-rename")
        final = self.version_dir(number)
        if final.exists():
            # Left by a run killed between naming its version and switching to it: never
            # committed, never read (we hold the lock), so it is safe to replace.
            shutil.rmtree(final)
        os.rename(tmp, final)
        fsync_path(self.versions)
        link_tmp = self.meta / f"current.{run_id}"
        if link_tmp.is_symlink():
            link_tmp.unlink()
        os.symlink(f"versions/{final.name}", link_tmp)
        checkpoint("publish:before-switch")
        os.replace(link_tmp, self.meta / "current")  # the commit point
        checkpoint("publish:after-switch")
        fsync_path(self.meta)
        self._ensure_table_links()
        return number

    @staticmethod
    def _fill_empty_tables(version_dir: Path) -> None:
        """Give a table without data one empty file, so that globbing it finds its schema
        (and take it away once the table has data). Stops at the first data file of a
        table: a version's files are many, its tables few."""
        for table, spec in TABLES.items():
            folder = version_dir / table / (partition_dir(None) if spec.partitioned else "")
            empty = folder / EMPTY_FILE
            has_data = any(f.name != EMPTY_FILE for f in (version_dir / table).rglob("*.parquet"))
            if has_data:
                empty.unlink(missing_ok=True)
            elif not empty.exists():
                folder.mkdir(parents=True, exist_ok=True)
                pq.write_table(spec.file_schema.empty_table(), empty)

    def _ensure_table_links(self) -> None:
        for table in visible_tables():
            link = self.root / table
            if link.is_symlink():
                continue
            if link.exists():
                raise FileExistsError(f"{link} exists and is not newsetl's table link; move it away")
            os.symlink(f"{META}/current/{table}", link)

    def collect_garbage(self, keep_minutes: float, active_run: str | None = None) -> int:
        """Remove leftovers of crashed runs and versions no reader should still need.

        Call while holding the lock. Keeps the current and the previous version, and any
        version younger than ``keep_minutes``. Returns the number of folders removed.
        """
        removed = 0
        current = self.current()
        if self.versions.exists():
            for path in self.versions.iterdir():
                if path.name.startswith(".tmp-"):
                    shutil.rmtree(path, ignore_errors=True)
                    removed += 1
            numbered = sorted(p for p in self.versions.iterdir() if VERSION_NAME.fullmatch(p.name))
            committed = self.version()
            for path in [p for p in numbered if int(p.name[1:]) > committed]:
                # Named but never switched to (the run was killed in between).
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
            numbered = [p for p in numbered if int(p.name[1:]) <= committed]
            keep = {current.name if current else ""} | {p.name for p in numbered[-2:]}
            now = time.time()
            for path in numbered:
                if path.name in keep or now - path.stat().st_mtime < keep_minutes * 60:
                    continue
                shutil.rmtree(path, ignore_errors=True)
                removed += 1
        if self.staging.exists():
            for path in self.staging.iterdir():
                if path.name != active_run:
                    shutil.rmtree(path, ignore_errors=True)
                    removed += 1
        for path in self.meta.glob("current.*"):
            path.unlink(missing_ok=True)
        return removed


def _fsync_tree(root: Path) -> None:
    """Make every directory entry of a new version durable before it is switched in.

    A version has a folder per partition, each needing its own fsync; they are issued
    from a few threads at once (fsync releases the GIL) so the disk can batch them.
    """
    folders = [Path(dirpath) for dirpath, _, _ in os.walk(root)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(fsync_path, folders))


__all__ = ["EMPTY_FILE", "NULL_PARTITION", "LockBusy", "Store", "StoreError"]
