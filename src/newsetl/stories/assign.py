"""The story step of a run: look up, decide (``plan.py``), stage the index rows to publish.

Call it while holding the data directory's lock, with ``index_root`` the version that the
run will replace (``store.current()``): the rows it stages are only valid on top of that
version. Nothing is written outside ``staging_root``; the caller publishes the returned
files with the run's other tables, in the same version switch, so the index and
``documents.story_id`` can never disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from newsetl.stories.index import (
    UNDATED,
    StoryIndex,
    StoryIndexError,
    band_folders,
    day_numbers,
    doc_folders,
    doc_id_of,
    doc_numbers,
    month_names,
    months_near,
    write_sharded,
)
from newsetl.stories.lsh import band_buckets, matches, min_matches, sketches
from newsetl.stories.params import DEFAULT_PARAMS, StoryParams
from newsetl.stories.plan import Links, bucket_pairs, capped_members, plan_stories
from newsetl.stories.signatures import Signatures
from newsetl.tables.schemas import STORY_BANDS, STORY_DOCS
from newsetl.tables.writer import WrittenFile


@dataclass(frozen=True)
class StoryAssignment:
    story_ids: list[str]  # one per doc_id given, in the same order
    new_docs: int  # documents added to the index by this run
    new_story_ids: list[str]  # stories founded by this run, sorted
    files: dict[str, list[WrittenFile]]  # table name -> files staged under staging_root/<table>/


def assign_stories(
    doc_ids: Sequence[str],
    signatures: Signatures,
    index_root: Path | Sequence[Path] | None,
    staging_root: Path,
    run_id: str,
    params: StoryParams = DEFAULT_PARAMS,
    index: StoryIndex | None = None,
    file_stem: str | None = None,
    days: Sequence[date | None] | None = None,
) -> StoryAssignment:
    """Story ids for ``doc_ids`` (signatures aligned with them), and the index files to publish.

    Documents already indexed keep their story (a rerun adds nothing); new ones join or
    found stories by the rule in ``plan.py``. ``doc_ids`` may repeat (same text, same story).
    ``index_root`` may list several roots (the published version, then staged batches);
    ``file_stem`` (default ``run_id``) names the staged files, distinct per batch.
    ``days``: each document's publication day (None: undated; default all undated); two
    dated documents more than ``params.window_days`` apart are never linked, and when
    every document is dated only the index's months near their days are read.
    """
    if len(doc_ids) != len(signatures):
        raise ValueError(f"{len(doc_ids)} doc ids but {len(signatures)} signatures")
    if signatures.minhash.shape[1] != params.num_perm:
        raise ValueError(f"signatures have {signatures.minhash.shape[1]} slots, params say {params.num_perm}")
    index = index or StoryIndex(index_root)
    numbers = doc_numbers(doc_ids)
    docs, first, inverse = np.unique(numbers, return_index=True, return_inverse=True)
    sig = signatures.take(first)
    if days is not None and len(days) != len(doc_ids):
        raise ValueError(f"{len(doc_ids)} doc ids but {len(days)} days")
    day = day_numbers(days)[first] if days is not None else np.full(len(docs), UNDATED, dtype=np.int32)
    buckets = band_buckets(sig.minhash, params)
    sketch = sketches(sig.minhash)
    has_words = sig.n_shingles > 0

    months = None
    if params.window_days is not None and not (day[has_words] == UNDATED).any():
        months = months_near(day[has_words], params.window_days)
    found = index.bucket_members(buckets[has_words].ravel(), months)
    found_bucket = found.column("bucket").to_numpy()
    found_doc = found.column("doc").to_numpy()
    keep = capped_members(found_bucket, found_doc, params.max_bucket_docs)
    found_bucket, found_doc = found_bucket[keep], found_doc[keep]
    indexed = index.documents(np.concatenate([docs, np.unique(found_doc)]))
    _check_scheme(indexed, params, index)

    indexed_doc = indexed.column("doc").to_numpy()
    indexed_story = indexed.column("story").to_numpy()
    known = np.isin(docs, indexed_doc)
    story = np.zeros(len(docs), dtype=np.uint64)
    if known.any():
        where = np.searchsorted(indexed_doc, docs[known], sorter=np.argsort(indexed_doc))
        story[known] = indexed_story[np.argsort(indexed_doc)][where]

    new = np.flatnonzero(~known)
    links = _links(new, docs, day, buckets, sketch, has_words, found_bucket, found_doc, indexed, params)
    story[new] = plan_stories(docs[new], links)

    files = _stage(
        docs[new],
        story[new],
        day[new],
        sig.take(new),
        buckets[new],
        sketch[new],
        staging_root,
        run_id,
        file_stem or run_id,
        params,
    )
    founded = sorted({doc_id_of(int(s)) for s in story[new][story[new] == docs[new]]})
    return StoryAssignment(
        story_ids=[doc_id_of(int(s)) for s in story[inverse]],
        new_docs=len(new),
        new_story_ids=founded,
        files=files,
    )


def _check_scheme(indexed: pa.Table, params: StoryParams, index: StoryIndex) -> None:
    schemes = set(indexed.column("scheme").unique().to_pylist())
    if not schemes and indexed.num_rows == 0:
        schemes = set(index.schemes())
    other = schemes - {params.scheme}
    if other:
        raise StoryIndexError(
            f"the story index was built with {sorted(other)}, this run uses {params.scheme}; "
            "rebuild it (reprocess) or run with the index's parameters"
        )


def _apart(a: npt.NDArray[np.int32], b: npt.NDArray[np.int32], params: StoryParams) -> npt.NDArray[np.bool_]:
    """Pairs of days too far apart to link (both dated, more than the window apart)."""
    if params.window_days is None:
        return np.zeros(len(a), dtype=bool)
    dated = (a != UNDATED) & (b != UNDATED)
    gap = np.abs(a.astype(np.int64) - b.astype(np.int64))
    far: npt.NDArray[np.bool_] = dated & (gap > params.window_days)
    return far


def _links(
    new: npt.NDArray[np.intp],
    docs: npt.NDArray[np.uint64],
    day: npt.NDArray[np.int32],
    buckets: npt.NDArray[np.uint64],
    sketch: npt.NDArray[np.uint8],
    has_words: npt.NDArray[np.bool_],
    found_bucket: npt.NDArray[np.uint64],
    found_doc: npt.NDArray[np.uint64],
    indexed: pa.Table,
    params: StoryParams,
) -> Links:
    """Checked links of the new documents, among themselves and to indexed documents."""
    threshold = min_matches(params)
    new_buckets, new_sketch, new_words, new_day = buckets[new], sketch[new], has_words[new], day[new]

    i, j = bucket_pairs(new_buckets, new_words, params.max_bucket_docs)
    weight = matches(new_sketch[i], new_sketch[j])
    ok = (weight >= threshold) & ~_apart(new_day[i], new_day[j], params)
    run_i, run_j, run_weight = i[ok], j[ok], weight[ok]

    # (new document, indexed document) pairs sharing a bucket
    rows = np.flatnonzero(new_words)
    query_bucket = new_buckets[rows].ravel()
    query_owner = np.repeat(rows, new_buckets.shape[1])
    order = np.argsort(found_bucket, kind="stable")
    sorted_bucket = found_bucket[order]
    lo = np.searchsorted(sorted_bucket, query_bucket, side="left")
    hi = np.searchsorted(sorted_bucket, query_bucket, side="right")
    counts = hi - lo
    owner = np.repeat(query_owner, counts)
    starts_in_output = np.r_[0, np.cumsum(counts)[:-1]]
    member_pos = np.repeat(lo - starts_in_output, counts) + np.arange(int(counts.sum()))
    member = found_doc[order][member_pos]
    is_new = np.isin(member, docs[new])  # a new document is not in the index; belt and braces
    owner, member = owner[~is_new], member[~is_new]
    if len(owner) == 0:
        none = Links.none()
        return Links(run_i, run_j, run_weight, none.old_i, none.old_doc, none.old_story, none.old_weight)
    pair = np.unique(np.stack([owner.astype(np.uint64), member]), axis=1)
    owner, member = pair[0].astype(np.intp), pair[1]

    indexed_doc = indexed.column("doc").to_numpy()
    by_doc = np.argsort(indexed_doc)
    pos = np.searchsorted(indexed_doc, member, sorter=by_doc)
    row = by_doc[np.minimum(pos, len(by_doc) - 1)]
    present = indexed_doc[row] == member  # a bucket row without its document row: skip it
    owner, member, row = owner[present], member[present], row[present]
    old_sketch = np.frombuffer(
        b"".join(indexed.column("sketch").take(pa.array(row)).to_pylist()), dtype=np.uint8
    ).reshape(len(row), params.num_perm)
    weight = matches(new_sketch[owner], old_sketch)
    old_day = indexed.column("day").cast(pa.int32()).fill_null(UNDATED).to_numpy()[row]
    ok = (weight >= threshold) & ~_apart(new_day[owner], old_day, params)
    old_story = indexed.column("story").to_numpy()[row]
    return Links(run_i, run_j, run_weight, owner[ok], member[ok], old_story[ok], weight[ok])


def _stage(
    docs: npt.NDArray[np.uint64],
    story: npt.NDArray[np.uint64],
    day: npt.NDArray[np.int32],
    sig: Signatures,
    buckets: npt.NDArray[np.uint64],
    sketch: npt.NDArray[np.uint8],
    staging_root: Path,
    run_id: str,
    stem: str,
    params: StoryParams,
) -> dict[str, list[WrittenFile]]:
    """Stage the index rows of the new documents: one file per shard touched."""
    if len(docs) == 0:
        return {}
    doc_rows = pa.table(
        {
            "doc": pa.array(docs, type=pa.uint64()),
            "story": pa.array(story, type=pa.uint64()),
            "day": pa.array(day, type=pa.int32(), mask=day == UNDATED).cast(pa.date32()),
            "sketch": pa.array([row.tobytes() for row in sketch], type=pa.binary()),
            "n_shingles": pa.array(sig.n_shingles, type=pa.int32()),
            "scheme": pa.array([params.scheme] * len(docs), type=pa.string()),
            "run_id": pa.array([run_id] * len(docs), type=pa.string()),
        }
    )
    files = {STORY_DOCS.name: write_sharded(STORY_DOCS, doc_rows, doc_folders(docs), staging_root, stem)}
    words = sig.n_shingles > 0
    band_rows = pa.table(
        {
            "bucket": pa.array(buckets[words].ravel(), type=pa.uint64()),
            "doc": pa.array(np.repeat(docs[words], params.bands), type=pa.uint64()),
        }
    )
    folders = band_folders(buckets[words].ravel(), np.repeat(month_names(day[words]), params.bands))
    files[STORY_BANDS.name] = write_sharded(STORY_BANDS, band_rows, folders, staging_root, stem)
    return {name: written for name, written in files.items() if written}
