"""Are two data directories' tables the same, row for row? ``compare_tables.py DIR_A DIR_B``

For every table of ``newsetl.tables.schemas.TABLES``, reads the current version of each
directory, sorts the rows by the table's key, and compares them row by row. Columns that
differ between any two runs by design are left out: run ids, start/finish times and the
seconds columns of ``runs``; in ``runs.parameters`` the two directories' own paths are
replaced by ``<DATA>`` before comparing. Prints one line per table and, for a table that
differs, its first differing rows; exits 1 when anything differs.

Used to show that a change of code leaves the tables as they were: run the old and the new
code on the same input into two directories, then compare them.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import duckdb

from newsetl.tables.schemas import PARTITION, TABLES

RUN_SPECIFIC = {"run_id", "started_at", "finished_at"}
SHOWN = 3  # differing rows printed per table
WIDTH = 160  # characters of a value printed


def _ignored(column: str) -> bool:
    return column in RUN_SPECIFIC or column.startswith("seconds_")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def table_rows(data_dir: Path, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Columns and rows of ``table`` in the current version of ``data_dir``, sorted by key."""
    spec = TABLES[table]
    version = (data_dir / ".newsetl" / "current").resolve()
    glob = str(version / table / "**" / "*.parquet").replace("'", "''")
    hive = f", hive_partitioning = true, hive_types = {{'{PARTITION}': DATE}}" if spec.partitioned else ""
    columns = [name for name in spec.schema.names if not _ignored(name)]
    order = ", ".join(f'"{k}"' for k in spec.key)
    select = ", ".join(f'"{c}"' for c in columns)
    with duckdb.connect() as con:
        sql = f"SELECT {select} FROM read_parquet('{glob}', union_by_name = true{hive}) ORDER BY {order}"
        found = con.sql(sql).fetchall()
    if "parameters" in columns:
        at = columns.index("parameters")
        here = str(data_dir.absolute())
        found = [(*row[:at], str(row[at]).replace(here, "<DATA>"), *row[at + 1 :]) for row in found]
    return columns, found


def compare(a: Path, b: Path) -> bool:
    """Print the comparison; True when every table is identical."""
    same = True
    for table in TABLES:
        columns, rows_a = table_rows(a, table)
        _, rows_b = table_rows(b, table)
        differing = [i for i, (x, y) in enumerate(zip(rows_a, rows_b, strict=False)) if x != y]
        if len(rows_a) == len(rows_b) and not differing:
            print(f"{table:12} identical: {len(rows_a)} rows ({len(columns)} columns compared)")
            continue
        same = False
        keys = set(TABLES[table].key)
        print(f"{table:12} DIFFERENT: {len(rows_a)} rows vs {len(rows_b)}, {len(differing)} differing positions")
        for i in differing[:SHOWN]:
            changed = [c for c, x, y in zip(columns, rows_a[i], rows_b[i], strict=True) if x != y]
            print(f"  row {i}: columns {changed}")
            for side, row in (("A", rows_a[i]), ("B", rows_b[i])):
                shown = {c: _short(v) for c, v in zip(columns, row, strict=True) if c in changed or c in keys}
                print(f"    {side}: {shown}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir_a", type=Path)
    parser.add_argument("dir_b", type=Path)
    args = parser.parse_args()
    for folder in (args.dir_a, args.dir_b):
        if not (folder / ".newsetl" / "current").exists():
            print(f"compare_tables: error: no tables in {folder}", file=sys.stderr)
            return 2
    same = compare(args.dir_a, args.dir_b)
    print("all tables identical" if same else "tables differ")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
