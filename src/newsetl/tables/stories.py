"""The story step of publishing: the run's documents → their stories, and the index files.

Signatures were computed per chunk by the extract batches (``Staging.signatures``). Here,
holding the data directory's lock, the run's documents (the chunks' minus the duplicates
publishing drops) are looked up in the index of the version the run replaces and given
their ``story_id`` (:func:`newsetl.stories.assign_stories`); the index rows the run adds
are staged under the run's ``final`` folder and published with its other files, in the
same version switch — so ``documents.story_id`` and the index can never disagree, and a
run killed before the switch leaves both as they were.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from newsetl.config import StorySettings
from newsetl.stories import DEFAULT_PARAMS, StoryIndex, StoryParams, assign_stories
from newsetl.stories.staged import signature_schema, signatures_of
from newsetl.tables.staging import Staging
from newsetl.tables.writer import WrittenFile


@dataclass(frozen=True)
class RunStories:
    doc_ids: pa.Array  # the run's documents (string), in the order ``story_ids`` follow
    story_ids: pa.Array  # their stories (string)
    new_story_ids: list[str]  # stories founded by the run
    files: dict[str, list[WrittenFile]]  # index files staged under the run's final folder
    seconds: float

    def with_story_ids(self, documents: pa.Table) -> pa.Table:
        """``documents`` rows of this run with their ``story_id`` filled in."""
        where = pc.index_in(documents.column("doc_id"), value_set=self.doc_ids)
        if where.null_count:
            raise RuntimeError(f"{where.null_count} documents of the run have no story (no staged signature)")
        stories = self.story_ids.take(where)
        column = documents.schema.get_field_index("story_id")
        return documents.set_column(column, documents.schema.field(column), stories)


def params_of(settings: StorySettings) -> StoryParams:
    """The story parameters, with the configured day window (0: none)."""
    return replace(DEFAULT_PARAMS, window_days=settings.window_days or None)


def index_of(roots: Path | Sequence[Path] | None, settings: StorySettings) -> StoryIndex:
    """The story index under ``roots`` with the configured DuckDB memory limit."""
    return StoryIndex(roots, threads=1, memory_limit=settings.index_memory_limit)


def run_stories(
    staging: Staging,
    chunks: Sequence[str],
    dropped: Mapping[str, set[str]],
    index_root: Path | None,
    run_id: str,
    settings: StorySettings,
) -> RunStories:
    """Stories of the documents staged in ``chunks`` (less ``dropped[chunk]``, the duplicates
    publishing drops); index files staged under ``staging.final``."""
    started = time.perf_counter()
    parts: list[pa.Table] = []
    for chunk in chunks:
        rows = staging.signatures(chunk)
        if rows is None:
            raise RuntimeError(f"chunk {chunk} has no staged story signatures")
        if chunk in dropped:
            rows = rows.filter(pc.invert(pc.is_in(rows.column("doc_id"), pa.array(sorted(dropped[chunk])))))
        parts.append(rows)
    table = pa.concat_tables(parts) if parts else signature_schema().empty_table()
    doc_ids, signatures, days = signatures_of(table)
    if not doc_ids:
        empty = pa.array([], pa.string())
        return RunStories(empty, empty, [], {}, time.perf_counter() - started)
    result = assign_stories(
        doc_ids,
        signatures,
        index_root,
        staging.final,
        run_id,
        params_of(settings),
        index=index_of(index_root, settings),
        days=days,
    )
    return RunStories(
        pa.array(doc_ids, pa.string()),
        pa.array(result.story_ids, pa.string()),
        result.new_story_ids,
        result.files,
        time.perf_counter() - started,
    )
