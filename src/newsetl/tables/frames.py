"""The tables as Polars LazyFrames of one pinned version: ``newsetl.tables.scan``.

For analysts who prefer Python to SQL. The version is resolved once, when the frame is
made, so every frame made together (or one frame collected twice) reads the same state of
the tables even while a run publishes a new one — until that version is garbage-collected,
``run.keep_versions_minutes`` after it stopped being current. Columns are those declared in
:mod:`newsetl.tables.schemas` (a file written before a column was added reads it as null),
``day`` included for partitioned tables.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from newsetl.tables.schemas import PARTITION, TABLES
from newsetl.tables.store import Store


class NoTables(FileNotFoundError):
    """The data directory holds no published version (or not the one asked for)."""


def pinned_version(data_dir: Path, version: int | None = None) -> Path:
    """The folder of ``version`` (default: the current one) of the tables in ``data_dir``."""
    store = Store(data_dir)
    folder = store.current() if version is None else store.version_dir(version)
    if folder is None or not folder.is_dir():
        which = "no tables" if version is None else f"no version {version}"
        raise NoTables(f"{which} in {data_dir} (run `newsetl run` first)")
    return folder


def scan_table(table: str, data_dir: Path, version: int | None = None) -> pl.LazyFrame:
    """``table`` of one version of ``data_dir`` as a LazyFrame (see the module docstring)."""
    if table not in TABLES:
        raise KeyError(f"unknown table {table!r}; known: {sorted(TABLES)}")
    return scan_version(pinned_version(Path(data_dir), version), table)


def scan_version(version_dir: Path, table: str) -> pl.LazyFrame:
    """``table`` in the version folder ``version_dir`` (published or being built)."""
    spec = TABLES[table]
    schema = pl.from_arrow(spec.file_schema.empty_table()).schema  # type: ignore[union-attr]
    return pl.scan_parquet(
        version_dir / table / "**" / "*.parquet",
        schema=schema,
        missing_columns="insert",
        extra_columns="ignore",
        hive_partitioning=spec.partitioned,
        hive_schema={PARTITION: pl.Date} if spec.partitioned else None,
    )
