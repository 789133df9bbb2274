"""The ``entities`` table: one row per entity, rebuilt from all mentions of a version.

A table-level transform (group, aggregate, join), so it is written with Polars: lazy
scans of the version's ``mentions`` and ``documents`` files, one plan, one collect. The
rules for an entity's name, label and aliases are the entity linker's
(:mod:`newsetl.extract.entities.identity`) and are applied here to corpus-wide counts:

* ``name``: among the names the mentions resolve to (``mentions.entity_name``), the
  capitalised spelling first, then the most frequent, then the first in code-point order —
  so the name never depends on the order in which files or rows were read, and is never an
  adjective (derived forms carry their base entity's name);
* ``label``: the majority label of its name mentions (derived forms only vote when the
  entity has no name mention), ties broken by a fixed preference;
* ``aliases``: the other base forms its name mentions were written under.

``story_count`` beside ``doc_count``: twenty outlets running one wire story are twenty
documents (if their texts differ) but one story.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pyarrow as pa

from newsetl.extract.entities.identity import LABEL_PREFERENCE, entity_aliases
from newsetl.tables.frames import scan_version
from newsetl.tables.schemas import ENTITIES


def _first_by(frame: pl.LazyFrame, value: str, by: list[pl.Expr], descending: list[bool]) -> pl.LazyFrame:
    """Per entity, the ``value`` of the row that sorts first by ``by``."""
    return (
        frame.sort(["entity_id", *by], descending=[False, *descending])
        .group_by("entity_id", maintain_order=True)
        .agg(pl.col(value).first())
    )


def _names(mentions: pl.LazyFrame) -> pl.LazyFrame:
    counts = mentions.group_by("entity_id", "entity_name").agg(pl.len().alias("n"))
    lower = pl.col("entity_name").str.slice(0, 1) != pl.col("entity_name").str.slice(0, 1).str.to_uppercase()
    return _first_by(counts, "entity_name", [lower, pl.col("n"), pl.col("entity_name")], [False, True, False]).rename(
        {"entity_name": "name"}
    )


def _labels(mentions: pl.LazyFrame) -> pl.LazyFrame:
    has_names = pl.col("derived").is_null().any().over("entity_id")
    voters = mentions.filter(pl.col("derived").is_null() | ~has_names)
    counts = voters.group_by("entity_id", "label").agg(pl.len().alias("n"))
    preference = pl.col("label").replace_strict(
        {label: i for i, label in enumerate(LABEL_PREFERENCE)}, default=len(LABEL_PREFERENCE), return_dtype=pl.Int32
    )
    return _first_by(counts, "label", [pl.col("n"), preference, pl.col("label")], [True, False, False])


def _aliases(mentions: pl.LazyFrame, names: pl.DataFrame) -> pl.DataFrame:
    lemmas = (
        mentions.filter(pl.col("derived").is_null()).group_by("entity_id", "lemma").agg(pl.len().alias("n")).collect()
    )
    name_of = dict(zip(names["entity_id"].to_list(), names["name"].to_list(), strict=True))
    spellings: dict[str, dict[str, int]] = {}
    for entity, lemma, n in lemmas.iter_rows():
        spellings.setdefault(entity, {})[lemma] = n
    rows = [(entity, entity_aliases(spellings.get(entity, {}), name)) for entity, name in name_of.items()]
    return pl.DataFrame(
        {"entity_id": [r[0] for r in rows], "aliases": [r[1] for r in rows]},
        schema={"entity_id": pl.String, "aliases": pl.List(pl.String)},
    )


def entity_mentions(mentions: pl.LazyFrame) -> pl.LazyFrame:
    """The columns of ``mentions`` the entity rules read."""
    return mentions.select(
        "doc_id",
        "entity_id",
        # Mentions written before entity names were recorded (until `reprocess`) name themselves.
        pl.coalesce("entity_name", "lemma").alias("entity_name"),
        "label",
        "lemma",
        "derived",
    )


def entity_documents(documents: pl.LazyFrame) -> pl.LazyFrame:
    """The columns of ``documents`` the entity counts read. A document without a story yet
    (stored before stories existed, until `reprocess`) counts as a story of its own."""
    return documents.select("doc_id", "published", pl.coalesce("story_id", "doc_id").alias("story_id"))


def rebuilt_entities(version_dir: Path) -> pa.Table:
    """One row per entity over all mentions of the version in ``version_dir``."""
    mentions = entity_mentions(scan_version(version_dir, "mentions"))
    documents = entity_documents(scan_version(version_dir, "documents"))
    names = _names(mentions).collect()
    counts = (
        mentions.join(documents, on="doc_id", how="left")
        .group_by("entity_id")
        .agg(
            pl.col("doc_id").n_unique().alias("doc_count"),
            pl.col("story_id").n_unique().alias("story_count"),
            pl.len().alias("mention_count"),
            pl.col("derived").is_not_null().sum().cast(pl.Int64).alias("derived_count"),
            pl.col("published").min().alias("first_seen"),
            pl.col("published").max().alias("last_seen"),
        )
    )
    entities = (
        counts.join(_labels(mentions), on="entity_id")
        .join(names.lazy(), on="entity_id")
        .join(_aliases(mentions, names).lazy(), on="entity_id")
        .select(ENTITIES.schema.names)
        .sort("entity_id")
    )
    return entities.collect().to_arrow().cast(ENTITIES.schema)
