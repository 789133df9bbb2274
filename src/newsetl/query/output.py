"""Rendering query results for the terminal (rich table), CSV or JSON lines."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import pyarrow as pa
import pyarrow.csv as pacsv
from rich.console import Console
from rich.table import Table


def _plain(value: object) -> object:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def render(result: pa.Table, fmt: str, max_rows: int = 100) -> str:
    if fmt == "csv":
        sink = io.BytesIO()
        pacsv.write_csv(result, sink)
        return sink.getvalue().decode("utf-8")
    if fmt == "json":
        return "".join(
            json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, default=str) + "\n"
            for row in result.to_pylist()
        )
    table = Table(show_lines=False)
    for name in result.column_names:
        table.add_column(name, overflow="fold")
    for row in result.slice(0, max_rows).to_pylist():
        table.add_row(*("" if v is None else str(_plain(v)) for v in row.values()))
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(table)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    if result.num_rows > max_rows:
        text += f"({result.num_rows} rows, first {max_rows} shown; use --format csv for all)\n"
    else:
        text += f"({result.num_rows} rows)\n"
    return str(text)
