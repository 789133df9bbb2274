"""Backfill: stories and ``sources`` rows for documents stored before they existed.

Part of ``reprocess`` (which brings stored data up to date with this version of newsetl),
so the one maintenance command and its deployment do it, under the lock, published
atomically with whatever else ``reprocess`` rewrites.

* **Stories.** Documents whose ``story_id`` is NULL are read oldest first — day partitions
  in order, then ``(published, doc_id)``; undated ones last — in batches of
  ``stories.backfill_batch_docs``; each batch is assigned against the published index
  plus the batches staged before it (:func:`newsetl.stories.assign_stories` over two
  roots), so stories are founded by their earliest documents, as if the corpus had
  arrived in publication order. Then every documents file holding such a document is
  rewritten with the ids filled in (one file per partition, as a run writes).
* **Sources.** Each document without any ``sources`` row gets one: its own arrival,
  from its ``documents`` fields (``tables/sources.py``).

A second ``reprocess`` finds nothing to do: both steps only touch what is missing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.config import StorySettings, TableSettings
from newsetl.stories import assign_stories, story_signatures
from newsetl.stories.index import doc_id_of, doc_numbers
from newsetl.tables.schemas import DOCUMENTS
from newsetl.tables.sources import backfilled_arrivals
from newsetl.tables.staging import Staging
from newsetl.tables.store import Store
from newsetl.tables.stories import index_of, params_of
from newsetl.tables.writer import PartitionedWriter, WrittenFile, partition_dir


@dataclass
class Backfill:
    added: dict[str, list[WrittenFile]] = field(default_factory=dict)
    removed: dict[str, set[str]] = field(default_factory=dict)
    documents: int = 0  # documents given a story
    new_stories: int = 0
    arrivals: int = 0  # sources rows added


def _by_day(store: Store) -> list[tuple[str, list[str]]]:
    """The documents table's files per partition folder, oldest day first, undated last."""
    folders: dict[str, list[str]] = defaultdict(list)
    for rel in store.files("documents"):
        folders[str(Path(rel).parent)].append(rel)
    return sorted(folders.items(), key=lambda item: (item[0] == partition_dir(None), item[0]))


def _without_story(path: Path) -> pa.Table:
    """``doc_id, published, text`` of the rows of one documents file whose ``story_id`` is
    NULL (files written before stories existed have no such column: all of their rows)."""
    columns = ["doc_id", "published", "text"]
    if "story_id" not in pq.read_schema(path).names:
        return pq.read_table(path, columns=columns)
    table = pq.read_table(path, columns=[*columns, "story_id"])
    return table.filter(table.column("story_id").is_null()).select(columns)


class _Stories:
    """Stories assigned so far: doc and story numbers, in batches."""

    def __init__(self) -> None:
        self.docs: list[npt.NDArray[np.uint64]] = []
        self.stories: list[npt.NDArray[np.uint64]] = []

    def add(self, doc_ids: list[str], story_ids: list[str]) -> None:
        self.docs.append(doc_numbers(doc_ids))
        self.stories.append(doc_numbers(story_ids))

    def lookup(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.uint64]]:
        docs = np.concatenate(self.docs) if self.docs else np.zeros(0, np.uint64)
        stories = np.concatenate(self.stories) if self.stories else np.zeros(0, np.uint64)
        order = np.argsort(docs)
        return docs[order], stories[order]


def _assign(
    store: Store, staging: Staging, run_id: str, settings: StorySettings, result: Backfill
) -> tuple[_Stories, set[str]]:
    """Assign stories to the documents without one, oldest first; returns them and the
    documents files that hold them."""
    current = store.current()
    assert current is not None
    roots = [current, staging.final]
    assigned = _Stories()
    touched: set[str] = set()
    size = settings.backfill_batch_docs

    def assign(batch: pa.Table) -> None:
        doc_ids = [str(d) for d in batch.column("doc_id").to_pylist()]
        published = batch.column("published").to_pylist()
        found = assign_stories(
            doc_ids,
            story_signatures(batch.column("text").to_pylist()),
            roots,
            staging.final,
            run_id,
            params_of(settings),
            index=index_of(roots, settings),
            file_stem=f"{run_id}-b{len(assigned.docs):05d}",
            days=[p.date() if p is not None else None for p in published],
        )
        assigned.add(doc_ids, found.story_ids)
        result.documents += len(doc_ids)
        result.new_stories += len(found.new_story_ids)
        for table, files in found.files.items():
            result.added.setdefault(table, []).extend(files)

    waiting: pa.Table | None = None
    for _, files in _by_day(store):
        rows = [_without_story(current / "documents" / rel) for rel in files]
        touched.update(rel for rel, table in zip(files, rows, strict=True) if table.num_rows)
        day = pa.concat_tables(rows).sort_by([("published", "ascending"), ("doc_id", "ascending")])
        waiting = day if waiting is None else pa.concat_tables([waiting, day])
        while waiting.num_rows >= size:
            assign(waiting.slice(0, size))
            waiting = waiting.slice(size)
    if waiting is not None and waiting.num_rows:
        assign(waiting)
    return assigned, touched


def _rewrite_documents(
    store: Store, staging: Staging, run_id: str, assigned: _Stories, touched: set[str], settings: TableSettings
) -> list[WrittenFile]:
    """Every documents file in ``touched`` again, with the assigned stories filled in."""
    current = store.current()
    assert current is not None
    docs, stories = assigned.lookup()
    writer = PartitionedWriter(DOCUMENTS, staging.final, run_id, settings)
    for rel in sorted(touched):
        table = pq.read_table(current / "documents" / rel)
        if "story_id" not in table.column_names:
            table = table.append_column("story_id", pa.nulls(table.num_rows, pa.string()))
        numbers = doc_numbers(table.column("doc_id").to_pylist())
        pos = np.minimum(np.searchsorted(docs, numbers), max(len(docs) - 1, 0))
        found = docs[pos] == numbers if len(docs) else np.zeros(len(numbers), bool)
        filled = [
            doc_id_of(int(stories[p])) if ok and old is None else old
            for p, ok, old in zip(pos.tolist(), found.tolist(), table.column("story_id").to_pylist(), strict=True)
        ]
        table = table.set_column(table.schema.get_field_index("story_id"), "story_id", pa.array(filled, pa.string()))
        writer.write_partition(str(Path(rel).parent), table)
    return writer.close()


def backfilled(
    store: Store, staging: Staging, run_id: str, stories: StorySettings, settings: TableSettings
) -> Backfill:
    """Stage stories and ``sources`` rows for stored documents that lack them (see the
    module docstring); returns what to publish."""
    result = Backfill()
    current = store.current()
    if current is None:
        return result
    assigned, touched = _assign(store, staging, run_id, stories, result)
    if touched:
        result.added["documents"] = _rewrite_documents(store, staging, run_id, assigned, touched, settings)
        result.removed["documents"] = touched
    documents = [current / "documents" / rel for rel in store.files("documents")]
    stored = [current / "sources" / rel for rel in store.files("sources")]
    arrivals = backfilled_arrivals(documents, stored, staging.final, run_id, settings, stories.index_memory_limit)
    if arrivals:
        result.added["sources"] = arrivals
        result.arrivals = sum(f.rows for f in arrivals)
    return result
