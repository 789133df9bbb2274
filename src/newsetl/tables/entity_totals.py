"""The ``entities`` table kept up to date run by run: its rows follow from running totals.

Rebuilding ``entities`` from every mention (:func:`newsetl.tables.entities.rebuilt_entities`)
costs time and memory in proportion to the archive at every publish. Every column of an
entity's row is instead a function of totals that add up run by run:

* ``doc_count``, ``mention_count``, ``derived_count``: sums (a document is stored by one
  run, with all its mentions); ``first_seen``/``last_seen``: min/max — kept in the
  ``entities`` row itself;
* ``name``, ``label``, ``aliases``: functions of mention counts per name, per label (of
  name mentions and of derived forms apart) and per base form of name mentions — kept in
  the hidden table ``entity_terms``, one file per run (only that run's counts), sorted by
  entity, so the totals of a few entities are read from the row groups that hold them;
* ``story_count``: a story spans runs (a new document can join an old story), so counts do
  not add up; the hidden table ``entity_stories`` holds each (story, entity) pair once,
  sorted by story, and a run reads only the pairs of the stories its documents belong to:
  its pairs not found there are the new ones.

A run reads its own mentions and documents, the totals of the entities and stories it
touches, and the ``entities`` files of their buckets (``entities/bNN/``, by a hash of the
id); it writes its totals and the buckets it changed. When stored rows change rather than
grow (``reprocess``), or the totals are missing (tables written before they existed),
everything is rebuilt from all mentions instead, and the totals with it.
"""

from __future__ import annotations

import bisect
import zlib
from collections.abc import Sequence
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsetl.tables.entities import described, entity_documents, entity_mentions, rebuilt_entities, terms_of
from newsetl.tables.schemas import DOCUMENTS, ENTITIES, ENTITY_STORIES, ENTITY_TERMS, MENTIONS, TableSpec
from newsetl.tables.writer import WrittenFile, fsync_path

ENTITY_BUCKETS = 64
ROW_GROUP_ROWS = 8192  # small row groups: a lookup of a few keys reads little
_EMPTY = "part-empty.parquet"
_TOTALS = (ENTITIES, ENTITY_TERMS, ENTITY_STORIES)


# -- pure transforms ---------------------------------------------------------------------
def bucket_of(entity_id: str) -> int:
    """The ``entities`` bucket of an entity (stable: CRC-32 of the id)."""
    return zlib.crc32(entity_id.encode("utf-8")) % ENTITY_BUCKETS


def counts_of(mentions: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Per entity: documents, mentions, derived forms, first and last ``published``."""
    return (
        mentions.join(documents, on="doc_id", how="left")
        .group_by("entity_id")
        .agg(
            pl.col("doc_id").n_unique().cast(pl.Int64).alias("doc_count"),
            pl.len().cast(pl.Int64).alias("mention_count"),
            pl.col("derived").is_not_null().sum().cast(pl.Int64).alias("derived_count"),
            pl.col("published").min().alias("first_seen"),
            pl.col("published").max().alias("last_seen"),
        )
    )


def story_pairs(mentions: pl.LazyFrame, documents: pl.LazyFrame) -> pl.LazyFrame:
    """Each (story, entity) pair once."""
    return mentions.join(documents, on="doc_id").select("story_id", "entity_id").unique()


def merged_rows(
    old: pl.DataFrame, counts: pl.DataFrame, new_stories: pl.DataFrame, names: pl.DataFrame
) -> pl.DataFrame:
    """The ``entities`` rows of the touched entities: stored totals (``old``, absent for a
    new entity) plus the run's ``counts`` and ``new_stories`` (entity_id, n), with the
    ``names`` (name, label, aliases) recomputed from all their term counts."""
    zero = pl.lit(0, dtype=pl.Int64)
    joined = (
        counts.join(old, on="entity_id", how="left", suffix="_old")
        .join(new_stories, on="entity_id", how="left")
        .join(names, on="entity_id", how="left", suffix="_new")
    )
    return joined.select(
        "entity_id",
        pl.col("label_new").alias("label"),
        pl.col("name_new").alias("name"),
        pl.col("aliases_new").alias("aliases"),
        (pl.col("doc_count") + pl.col("doc_count_old").fill_null(zero)).alias("doc_count"),
        (pl.col("story_count").fill_null(zero) + pl.col("n").fill_null(zero)).alias("story_count"),
        (pl.col("mention_count") + pl.col("mention_count_old").fill_null(zero)).alias("mention_count"),
        (pl.col("derived_count") + pl.col("derived_count_old").fill_null(zero)).alias("derived_count"),
        pl.min_horizontal("first_seen", "first_seen_old").alias("first_seen"),
        pl.max_horizontal("last_seen", "last_seen_old").alias("last_seen"),
    )


# -- files -------------------------------------------------------------------------------
def _files(version_dir: Path, table: str) -> list[Path]:
    return sorted(p for p in (version_dir / table).rglob("*.parquet") if p.name != _EMPTY)


def _scan(files: Sequence[Path], spec: TableSpec) -> pl.LazyFrame:
    schema = pl.from_arrow(spec.file_schema.empty_table()).schema  # type: ignore[union-attr]
    if not files:
        return pl.LazyFrame(schema=schema)
    return pl.scan_parquet(
        list(files), schema=schema, missing_columns="insert", extra_columns="ignore", hive_partitioning=False
    )


def _mentions(files: Sequence[Path]) -> pl.LazyFrame:
    return entity_mentions(_scan(files, MENTIONS))


def _documents(files: Sequence[Path]) -> pl.LazyFrame:
    return entity_documents(_scan(files, DOCUMENTS))


def rows_with(path: Path, column: str, wanted: Sequence[str]) -> pa.Table:
    """The rows of ``path`` whose ``column`` is in ``wanted`` (sorted), reading only the row
    groups whose statistics admit one of them."""
    parquet = pq.ParquetFile(path)
    field = parquet.schema_arrow.get_field_index(column)
    groups = []
    for i in range(parquet.metadata.num_row_groups):
        stats = parquet.metadata.row_group(i).column(field).statistics
        if stats is None or not stats.has_min_max:
            groups.append(i)
            continue
        at = bisect.bisect_left(wanted, stats.min)
        if at < len(wanted) and wanted[at] <= stats.max:
            groups.append(i)
    table = parquet.read_row_groups(groups) if groups else parquet.schema_arrow.empty_table()
    return table.filter(pc.is_in(table.column(column), value_set=pa.array(wanted, pa.string())))


def _stored(version_dir: Path, spec: TableSpec, column: str, wanted: Sequence[str]) -> pl.DataFrame:
    files = _files(version_dir, spec.name) if wanted else []
    parts = [rows_with(path, column, wanted).cast(spec.schema) for path in files]
    return pl.DataFrame(pl.from_arrow(pa.concat_tables(parts) if parts else spec.schema.empty_table()))


def _bucket_rows(version_dir: Path, buckets: Sequence[int]) -> pl.DataFrame:
    """Every stored ``entities`` row of ``buckets``."""
    folders = [version_dir / ENTITIES.name / f"b{b:02d}" for b in buckets]
    parts = [pq.read_table(p, schema=ENTITIES.schema) for folder in folders for p in sorted(folder.glob("*.parquet"))]
    return pl.DataFrame(pl.from_arrow(pa.concat_tables(parts) if parts else ENTITIES.schema.empty_table()))


def _write(frame: pl.DataFrame, spec: TableSpec, path: Path, level: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table = frame.select(spec.schema.names).to_arrow().cast(spec.schema)
    pq.write_table(table, path, compression="zstd", compression_level=level, row_group_size=ROW_GROUP_ROWS)
    fsync_path(path)


def _with_buckets(frame: pl.DataFrame) -> dict[int, pl.DataFrame]:
    """``frame``'s rows by the bucket of their ``entity_id``."""
    buckets = pl.Series("_bucket", [bucket_of(e) for e in frame["entity_id"].to_list()], dtype=pl.Int64)
    parts = frame.with_columns(buckets).partition_by("_bucket", as_dict=True, include_key=False)
    return {int(key[0]): part for key, part in parts.items()}


def _replace_bucket(version_dir: Path, bucket: int, rows: pl.DataFrame, stem: str, level: int) -> None:
    """Make ``rows`` the ``entities`` rows of ``bucket`` (its old file goes)."""
    folder = version_dir / ENTITIES.name / f"b{bucket:02d}"
    for old in folder.glob("*.parquet"):
        old.unlink()
    if rows.height:
        _write(rows.sort("entity_id"), ENTITIES, folder / f"part-{stem}.parquet", level)


# -- the two ways ------------------------------------------------------------------------
def can_update(version_dir: Path, run_mentions: Sequence[Path]) -> bool:
    """Whether ``version_dir`` holds totals for every mention but the run's (else: rebuild)."""
    if _files(version_dir, ENTITY_TERMS.name):
        return not any(p.parent == version_dir / ENTITIES.name for p in _files(version_dir, ENTITIES.name))
    return set(_files(version_dir, MENTIONS.name)) <= set(run_mentions)


def rebuild(version_dir: Path, stem: str, level: int) -> None:
    """``entities`` and its totals from every mention of ``version_dir``."""
    for spec in _TOTALS:
        for path in _files(version_dir, spec.name):
            path.unlink()
    mentions = _mentions(_files(version_dir, MENTIONS.name))
    documents = _documents(_files(version_dir, DOCUMENTS.name))
    entities = pl.DataFrame(pl.from_arrow(rebuilt_entities(version_dir)))
    for bucket, rows in _with_buckets(entities).items():
        _replace_bucket(version_dir, bucket, rows, stem, level)
    terms = terms_of(mentions).sort("entity_id", "kind", "value").collect()
    if terms.height:
        _write(terms, ENTITY_TERMS, version_dir / ENTITY_TERMS.name / f"part-{stem}.parquet", level)
    pairs = story_pairs(mentions, documents).sort("story_id", "entity_id").collect()
    if pairs.height:
        _write(pairs, ENTITY_STORIES, version_dir / ENTITY_STORIES.name / f"part-{stem}.parquet", level)


def update(
    version_dir: Path, run_mentions: Sequence[Path], run_documents: Sequence[Path], stem: str, level: int
) -> bool:
    """Add the run's mentions (files in ``version_dir``) to ``entities`` and its totals.

    Returns False, changing nothing, when a mention of the run belongs to a document the
    run did not store (the totals cannot be added to; the caller rebuilds).
    """
    mentions = _mentions(run_mentions).collect()
    if not mentions.height:
        return True
    documents = _documents(run_documents).collect()
    if mentions.join(documents, on="doc_id", how="anti").height:
        return False
    touched = sorted(mentions["entity_id"].unique().to_list())  # their totals are read
    pairs = story_pairs(mentions.lazy(), documents.lazy()).collect()
    known = _stored(version_dir, ENTITY_STORIES, "story_id", sorted(pairs["story_id"].unique().to_list()))
    fresh = pairs.join(known, on=["story_id", "entity_id"], how="anti").sort("story_id", "entity_id")
    run_terms = terms_of(mentions.lazy()).sort("entity_id", "kind", "value").collect()
    terms = pl.concat([_stored(version_dir, ENTITY_TERMS, "entity_id", touched), run_terms])
    new_stories = fresh.group_by("entity_id").agg(pl.len().cast(pl.Int64).alias("n"))
    names = described(terms)
    # One bucket at a time: what is held is the run's entities plus one bucket's rows.
    for bucket, counts in sorted(_with_buckets(counts_of(mentions.lazy(), documents.lazy()).collect()).items()):
        old = _bucket_rows(version_dir, [bucket])
        mine = pl.col("entity_id").is_in(counts["entity_id"].implode())
        changed = merged_rows(old.filter(mine), counts, new_stories, names).select(old.columns)
        _replace_bucket(version_dir, bucket, pl.concat([old.filter(~mine), changed]), stem, level)
    _write(run_terms, ENTITY_TERMS, version_dir / ENTITY_TERMS.name / f"part-{stem}.parquet", level)
    if fresh.height:
        _write(fresh, ENTITY_STORIES, version_dir / ENTITY_STORIES.name / f"part-{stem}.parquet", level)
    return True


def compact_totals(
    version_dir: Path, staged: Path, run_id: str, level: int, memory_limit: str, tables: Sequence[str]
) -> tuple[dict[str, list[WrittenFile]], dict[str, set[str]]]:
    """Merge the totals' files of ``tables`` (``entity_terms`` counts summed) into one file
    each, sorted and in small row groups like the runs' files, under ``staged``; returns
    (added, removed) for ``Store.publish``. DuckDB sorts within ``memory_limit``, spilling."""
    added: dict[str, list[WrittenFile]] = {}
    removed: dict[str, set[str]] = {}
    queries = {
        ENTITY_TERMS.name: "SELECT entity_id, kind, value, sum(n)::BIGINT AS n FROM read_parquet({files}) "
        "GROUP BY ALL ORDER BY entity_id, kind, value",
        ENTITY_STORIES.name: "SELECT DISTINCT story_id, entity_id FROM read_parquet({files}) "
        "ORDER BY story_id, entity_id",
    }
    for table, sql in queries.items():
        files = _files(version_dir, table)
        if table not in tables or len(files) < 2:
            continue
        relpath = f"part-c{run_id}.parquet"
        target = staged / table / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        with duckdb.connect(config={"memory_limit": memory_limit, "threads": 1}) as con:
            con.execute(f"SET temp_directory = '{staged.parent / 'duckdb-tmp'}'")
            query = sql.format(files=[str(f) for f in files])
            con.execute(
                f"COPY ({query}) TO '{target}' "
                f"(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL {level}, ROW_GROUP_SIZE {ROW_GROUP_ROWS})"
            )
        fsync_path(target)
        rows = pq.ParquetFile(target).metadata.num_rows
        added[table] = [WrittenFile(relpath, rows, target.stat().st_size)]
        removed[table] = {str(f.relative_to(version_dir / table)) for f in files}
    return added, removed


__all__ = [
    "ENTITY_BUCKETS",
    "bucket_of",
    "can_update",
    "compact_totals",
    "counts_of",
    "described",
    "merged_rows",
    "rebuild",
    "rows_with",
    "story_pairs",
    "terms_of",
    "update",
]
