"""The ``entities`` table: one row per entity, rebuilt from all mentions of a version.

A table-level transform (group, aggregate, join), so it is written with Polars: lazy
scans of the version's ``mentions`` and ``documents`` files, one plan, one collect. The
rules for an entity's name, label and aliases are the entity linker's
(:mod:`newsetl.extract.entities.identity`) and are applied here to corpus-wide counts of
mentions per entity and name, label or base form (:func:`terms_of`, :func:`described`) —
the same counts the running totals keep (:mod:`newsetl.tables.entity_totals`), so the
rebuild and the run-by-run update share one statement of the rules:

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


def terms_of(mentions: pl.LazyFrame) -> pl.LazyFrame:
    """Mention counts per (entity, kind, value): ``name``, ``label``, ``derived_label``, ``lemma``."""
    name = pl.col("derived").is_null()

    def counted(frame: pl.LazyFrame, kind: str, column: str) -> pl.LazyFrame:
        return (
            frame.group_by("entity_id", column)
            .agg(pl.len().cast(pl.Int64).alias("n"))
            .select("entity_id", pl.lit(kind).alias("kind"), pl.col(column).alias("value"), "n")
        )

    return pl.concat(
        [
            counted(mentions, "name", "entity_name"),
            counted(mentions.filter(name), "label", "label"),
            counted(mentions.filter(~name), "derived_label", "label"),
            counted(mentions.filter(name), "lemma", "lemma"),
        ]
    )


def described(terms: pl.DataFrame) -> pl.DataFrame:
    """``name``, ``label`` and ``aliases`` per entity from its complete term counts (the
    rules in this module's docstring)."""
    totals = terms.group_by("entity_id", "kind", "value").agg(pl.col("n").sum())
    names = totals.filter(pl.col("kind") == "name")
    lower = pl.col("value").str.slice(0, 1) != pl.col("value").str.slice(0, 1).str.to_uppercase()
    name = (
        names.sort(["entity_id", lower, "n", "value"], descending=[False, False, True, False])
        .group_by("entity_id", maintain_order=True)
        .agg(pl.col("value").first().alias("name"))
    )
    # Derived forms vote only for an entity without name mentions.
    labels = totals.filter(pl.col("kind").is_in(["label", "derived_label"]))
    voters = labels.filter((pl.col("kind") == "label") | ~(pl.col("kind") == "label").any().over("entity_id"))
    preference = pl.col("value").replace_strict(
        {label: i for i, label in enumerate(LABEL_PREFERENCE)}, default=len(LABEL_PREFERENCE), return_dtype=pl.Int32
    )
    label = (
        voters.sort(["entity_id", "n", preference, "value"], descending=[False, True, False, False])
        .group_by("entity_id", maintain_order=True)
        .agg(pl.col("value").first().alias("label"))
    )
    spellings: dict[str, dict[str, int]] = {}
    for entity, lemma, n in totals.filter(pl.col("kind") == "lemma").select("entity_id", "value", "n").iter_rows():
        spellings.setdefault(entity, {})[lemma] = n
    aliases = [entity_aliases(spellings.get(e, {}), n) for e, n in name.iter_rows()]
    return name.with_columns(pl.Series("aliases", aliases, dtype=pl.List(pl.String))).join(label, on="entity_id")


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
        counts.join(described(terms_of(mentions).collect()).lazy(), on="entity_id")
        .select(ENTITIES.schema.names)
        .sort("entity_id")
    )
    return entities.collect().to_arrow().cast(ENTITIES.schema)
