import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pytest

from newsetl.config import TableSettings
from newsetl.tables.schemas import REJECTS, SENTENCES, SchemaViolation, checked
from newsetl.tables.writer import PartitionedWriter


def sentences(n: int, day: dt.date | None, doc: str = "d") -> pa.Table:
    return pa.table(
        {
            "doc_id": [doc] * n,
            "sentence_idx": list(range(n)),
            "paragraph_idx": [0] * n,
            "start": [i * 10 for i in range(n)],
            "end": [i * 10 + 5 for i in range(n)],
            "raw_start": [i * 10 for i in range(n)],
            "raw_end": [i * 10 + 5 for i in range(n)],
            "text": ["abcde"] * n,
            "n_tokens": [1] * n,
            "day": pa.array([day] * n, pa.date32()),
        }
    )


def test_checked_rejects_missing_column_and_nulls() -> None:
    with pytest.raises(SchemaViolation, match="missing columns"):
        checked(sentences(2, None).drop_columns(["text"]), SENTENCES)
    bad = sentences(2, None).set_column(7, "text", pa.array(["x", None]))
    with pytest.raises(SchemaViolation, match="NOT NULL"):
        checked(bad, SENTENCES)
    wrong_type = sentences(2, None).set_column(1, "sentence_idx", pa.array(["a", "b"]))
    with pytest.raises(SchemaViolation):
        checked(wrong_type, SENTENCES)


def test_one_file_per_partition_and_readable(tmp_path: Path) -> None:
    writer = PartitionedWriter(SENTENCES, tmp_path, "r1", TableSettings())
    days = [dt.date(2024, 1, 1), dt.date(2024, 1, 2), None]
    for i in range(6):
        writer.write(sentences(3, days[i % 3], doc=f"d{i}"))
    written = writer.close()
    assert sorted(w.relpath for w in written) == [
        "day=2024-01-01/part-r1.parquet",
        "day=2024-01-02/part-r1.parquet",
        "day=__HIVE_DEFAULT_PARTITION__/part-r1.parquet",
    ]
    assert sum(w.rows for w in written) == 18
    rows = duckdb.sql(
        f"SELECT day, count(*) FROM read_parquet('{tmp_path}/sentences/**/*.parquet', hive_partitioning=true) "
        "GROUP BY day ORDER BY day"
    ).fetchall()
    assert rows == [(dt.date(2024, 1, 1), 6), (dt.date(2024, 1, 2), 6), (None, 6)]


def test_spills_keep_one_file_per_partition(tmp_path: Path) -> None:
    writer = PartitionedWriter(SENTENCES, tmp_path, "r1", TableSettings(writer_buffer_bytes=1 << 20))
    for i in range(40):
        writer.write(sentences(2000, dt.date(2024, 1, 1 + i % 2), doc=f"d{i}"))
    written = writer.close()
    assert len(written) == 2 and sum(w.rows for w in written) == 80_000
    assert not list(tmp_path.glob(".spill-*"))


def test_unpartitioned(tmp_path: Path) -> None:
    writer = PartitionedWriter(REJECTS, tmp_path, "r1", TableSettings())
    writer.write(pa.table({"source_uri": ["a"], "reason": ["empty"], "detail": ["x"], "run_id": ["r1"]}))
    assert [w.relpath for w in writer.close()] == ["part-r1.parquet"]
