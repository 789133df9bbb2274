"""Ids of documents already stored, compact enough to hand to every worker.

A doc id is 16 hex digits, i.e. a 64-bit number, so a sorted ``uint64`` array answers
"already stored?" with a binary search in 8 bytes per document (a Python set of the same
strings costs ~15x more memory per worker).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.tables.staging import read_staged, write_staged


class KnownIds:
    def __init__(self, values: npt.NDArray[np.uint64]) -> None:
        self._values = np.unique(values)

    @staticmethod
    def of(doc_ids: Iterable[str]) -> KnownIds:
        return KnownIds(np.fromiter((int(d, 16) for d in doc_ids), dtype=np.uint64))

    def __contains__(self, doc_id: object) -> bool:
        if not isinstance(doc_id, str) or len(doc_id) != 16:
            return False
        value = np.uint64(int(doc_id, 16))
        pos = int(np.searchsorted(self._values, value))
        return pos < self._values.size and self._values[pos] == value

    def __len__(self) -> int:
        return int(self._values.size)

    def save(self, path: Path) -> None:
        write_staged(pa.table({"id": pa.array(self._values, pa.uint64())}), path)

    @staticmethod
    def load(path: Path) -> KnownIds:
        return KnownIds(read_staged(path).column("id").to_numpy())


def stored_ids(documents_dir: Path, files: Iterable[str]) -> KnownIds:
    """Ids of every document in the given files of the documents table."""
    arrays = [pq.read_table(documents_dir / rel, columns=["doc_id"]).column("doc_id") for rel in files]
    ids = (d for arr in arrays for d in arr.to_pylist())
    return KnownIds.of(ids)
