"""The tables: schemas, staging, writing, the versioned store, publishing — and reading them
back as Polars LazyFrames with :func:`scan`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl


def scan(table: str, data_dir: str | Path, version: int | None = None) -> pl.LazyFrame:
    """``table`` (e.g. ``"mentions"``) of ``data_dir`` as a Polars LazyFrame of one pinned
    version (default: the current one)::

        import polars as pl
        from newsetl.tables import scan

        mentions = scan("mentions", "data/out")
        entities = scan("entities", "data/out")
        top = (mentions.join(entities, on="entity_id").group_by("name")
               .agg(pl.col("doc_id").n_unique().alias("articles")).sort("articles", descending=True))
        print(top.head(10).collect())

    Frames made by separate calls each pin the version current at that call.
    """
    from newsetl.tables.frames import scan_table  # Polars is imported only by those who scan

    return scan_table(table, Path(data_dir), version)
