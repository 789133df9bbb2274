"""Signatures as Arrow rows, so that they can be computed where the text is (the extract
batch, in any worker) and handed to the story step at publish through a staged file."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import pyarrow as pa

from newsetl.stories.params import DEFAULT_PARAMS, StoryParams
from newsetl.stories.signatures import Signatures


def signature_schema(params: StoryParams = DEFAULT_PARAMS) -> pa.Schema:
    return pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("minhash", pa.list_(pa.uint32(), params.num_perm), nullable=False),
            pa.field("n_shingles", pa.int32(), nullable=False),
            pa.field("day", pa.date32()),  # publication day, NULL if undated (the day window)
        ]
    )


def signature_rows(
    doc_ids: Sequence[str],
    signatures: Signatures,
    days: Sequence[date | None],
    params: StoryParams = DEFAULT_PARAMS,
) -> pa.Table:
    """One row per document: its id, MinHash slots, shingle count and publication day."""
    if len(doc_ids) != len(signatures):
        raise ValueError(f"{len(doc_ids)} doc ids but {len(signatures)} signatures")
    slots = pa.array(np.ascontiguousarray(signatures.minhash, dtype=np.uint32).ravel(), pa.uint32())
    return pa.table(
        {
            "doc_id": pa.array(list(doc_ids), pa.string()),
            "minhash": pa.FixedSizeListArray.from_arrays(slots, params.num_perm),
            "n_shingles": pa.array(signatures.n_shingles, pa.int32()),
            "day": pa.array(list(days), pa.date32()),
        },
        schema=signature_schema(params),
    )


def signatures_of(
    rows: pa.Table, params: StoryParams = DEFAULT_PARAMS
) -> tuple[list[str], Signatures, list[date | None]]:
    """Doc ids, signatures and days back from :func:`signature_rows` (or a concatenation of them)."""
    rows = rows.cast(signature_schema(params))
    n = rows.num_rows
    slots = rows.column("minhash").combine_chunks().flatten().to_numpy(zero_copy_only=False)
    minhash = np.asarray(slots, dtype=np.uint32).reshape(n, params.num_perm)
    n_shingles = np.asarray(rows.column("n_shingles").to_numpy(), dtype=np.int32)
    doc_ids = [str(d) for d in rows.column("doc_id").to_pylist()]
    return doc_ids, Signatures(minhash, n_shingles), rows.column("day").to_pylist()
