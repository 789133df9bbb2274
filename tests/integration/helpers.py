"""Helpers for running the pipeline into temporary data directories and reading it back."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsetl.config import Settings, load_settings
from newsetl.run.local import run_locally
from newsetl.tables.publish import RunSummary

REPO = Path(__file__).resolve().parents[2]
# Columns that legitimately differ between runs of the same input.
RUN_SPECIFIC = {"run_id"}
DATA_TABLES = (
    "documents",
    "sources",
    "sentences",
    "mentions",
    "times",
    "claims",
    "extractions",
    "entities",
    "rejects",
)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


def run(paths: Sequence[Path | str], data_dir: Path, settings: Settings | None = None) -> RunSummary:
    return run_locally([Path(p) for p in paths], settings or load_settings(), data_dir)


def rows(data_dir: Path, sql: str) -> list[dict[str, Any]]:
    """Rows of a query over the tables as a reader sees them (plain DuckDB over the globs)."""
    con = duckdb.connect()
    for name in (*DATA_TABLES, "runs"):
        hive = ", hive_partitioning = true" if name not in ("entities", "rejects", "runs") else ""
        con.execute(
            f"CREATE VIEW {name} AS SELECT * FROM "
            f"read_parquet('{data_dir}/{name}/**/*.parquet', union_by_name = true{hive})"
        )
    result = con.sql(sql)
    names = result.columns
    return [dict(zip(names, row, strict=True)) for row in result.fetchall()]


def snapshot(data_dir: Path, story_names: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every data table's rows (run-specific columns dropped), sorted: equal means same contents.

    ``story_names=False`` names each story by its smallest member's doc id instead of its
    founder's: equal then means the same grouping into stories. (A story is named after
    the first run's members, so inputs split into runs differently may name a story
    differently; see src/newsetl/stories/README.md.)
    """
    out: dict[str, list[tuple[Any, ...]]] = {}
    for name in DATA_TABLES:
        sql = f"SELECT * FROM {name}"
        if name == "documents" and not story_names:
            sql = "SELECT * REPLACE (min(doc_id) OVER (PARTITION BY story_id) AS story_id) FROM documents"
        table = rows(data_dir, sql)
        out[name] = sorted(
            (tuple((k, repr(v)) for k, v in sorted(r.items()) if k not in RUN_SPECIFIC) for r in table),
        )
    return out


def published_entry(entry: str) -> bool:
    """Whether ``entry`` (a path under a table folder) is a published data file, a partition
    folder, or one of the ``entities`` bucket folders (``b00``…``b63``) — nothing staged."""
    name = Path(entry).name
    return name.startswith(("part-", "day=")) or (
        entry == name and len(name) == 3 and name[0] == "b" and name[1:].isdigit()
    )


def table_dir_entries(data_dir: Path) -> set[str]:
    """Every path under the table folders (what a `**` glob could see)."""
    found: set[str] = set()
    for name in (*DATA_TABLES, "runs"):
        base = data_dir / name
        if base.exists():
            found.update(str(p.relative_to(base.resolve())) for p in base.resolve().rglob("*"))
    return found


def env_without_prefect_server() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    return env
