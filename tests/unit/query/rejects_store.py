"""A data directory holding one published ``rejects`` table, and a digest of a whole tree
(to prove a query changed nothing on disk)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa

from newsetl.config import TableSettings
from newsetl.tables.schemas import REJECTS
from newsetl.tables.store import Store
from newsetl.tables.writer import write_table


def published_rejects(root: Path, first_uri: str) -> Path:
    """A store at ``root`` with two rejects (``first_uri`` and "b") published by run r1."""
    store = Store(root)
    staged = store.staging_dir("r1") / "final"
    table = pa.table(
        {"source_uri": [first_uri, "b"], "reason": ["empty", "binary"], "detail": ["x", "y"], "run_id": ["r1", "r1"]}
    )
    store.publish("r1", staged, {"rejects": write_table(REJECTS, staged, "r1", table, TableSettings())})
    return store.root


def tree_digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        h.update(str(path.relative_to(root)).encode())
        if path.is_file() and not path.is_symlink():
            h.update(path.read_bytes())
    return h.hexdigest()
