"""The ``entities`` table: one row per entity, rebuilt from all mentions of a version.

A table-level transform (group, aggregate, join), so it is written with Polars: lazy
scans of the version's ``mentions`` and ``documents`` files, one plan, one collect.

An entity's ``name`` is its longest base form, the more frequent one on equal length,
and the first in code-point order when two spellings tie on both ("Fiat" before "fiat"),
so the name never depends on the order in which files or rows were read.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa

from newsetl.tables.frames import scan_version
from newsetl.tables.schemas import ENTITIES


def rebuilt_entities(version_dir: Path) -> pa.Table:
    """One row per entity over all mentions of the version in ``version_dir``."""
    mentions = scan_version(version_dir, "mentions").select("doc_id", "entity_id", "label", "lemma")
    documents = scan_version(version_dir, "documents").select("doc_id", "published")
    names = (
        mentions.group_by("entity_id", "lemma")
        .agg(pl.len().alias("n"))
        .sort(
            ["entity_id", pl.col("lemma").str.len_chars(), "n", "lemma"],
            descending=[False, True, True, False],
        )
        .group_by("entity_id")
        .agg(pl.col("lemma").first().alias("name"))
    )
    entities = (
        mentions.join(documents, on="doc_id", how="left")
        .group_by("entity_id")
        .agg(
            pl.col("label").min(),
            pl.col("doc_id").n_unique().alias("doc_count"),
            pl.len().alias("mention_count"),
            pl.col("published").min().alias("first_seen"),
            pl.col("published").max().alias("last_seen"),
        )
        .join(names, on="entity_id")
        .select(ENTITIES.schema.names)
        .sort("entity_id")
    )
    return entities.collect().to_arrow().cast(ENTITIES.schema)
