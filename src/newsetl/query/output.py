"""Rendering query results for the terminal (rich table), CSV or JSON lines.

Every format works on every table: CSV has no nested values, so list, struct and map
columns (``documents.offset_map``) are written as JSON text. Values are data from the
outside world — a title may carry terminal escape sequences — so control characters are
shown escaped (``\\x1b``) wherever the output is meant for a terminal: always in the table
format, in CSV when standard output is a terminal; JSON escapes them losslessly
(``\\u001b``) in every case.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date, datetime

import pyarrow as pa
import pyarrow.csv as pacsv
from rich.console import Console
from rich.markup import escape as escape_markup
from rich.table import Table

# C0 and C1 controls (but tab and newline, which a table cell may show), DEL, and the
# bidirectional overrides that can make text read differently from what it is.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def shown(text: str) -> str:
    """``text`` with control characters written as visible escapes (``\\x1b``, ``\\u202e``)."""
    return _CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


def _plain(value: object) -> object:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def _flat(result: pa.Table) -> pa.Table:
    """``result`` with nested columns as JSON text, so CSV can hold every table."""
    for i, field in enumerate(result.schema):
        if pa.types.is_nested(field.type):
            values = [
                None if v is None else json.dumps(v, ensure_ascii=False, default=str)
                for v in result.column(i).to_pylist()
            ]
            result = result.set_column(i, pa.field(field.name, pa.string()), pa.array(values, pa.string()))
    return result


def _csv(result: pa.Table, terminal: bool) -> str:
    sink = io.BytesIO()
    pacsv.write_csv(_flat(result), sink)
    text = sink.getvalue().decode("utf-8")
    return shown(text) if terminal else text


def _json(result: pa.Table) -> str:
    lines = (
        json.dumps({k: _plain(v) for k, v in row.items()}, ensure_ascii=False, default=str)
        for row in result.to_pylist()
    )
    return "".join(_JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line) + "\n" for line in lines)


def _cell(value: object) -> str:
    return "" if value is None else escape_markup(shown(str(_plain(value))))


def render(result: pa.Table, fmt: str, max_rows: int = 100, terminal: bool = False) -> str:
    """``result`` as text in ``fmt`` (table, csv, json); ``terminal``: output goes to a terminal."""
    if fmt == "csv":
        return _csv(result, terminal)
    if fmt == "json":
        return _json(result)
    table = Table(show_lines=False)
    for name in result.column_names:
        table.add_column(escape_markup(shown(name)), overflow="fold")
    for row in result.slice(0, max_rows).to_pylist():
        table.add_row(*(_cell(v) for v in row.values()))
    console = Console(file=io.StringIO(), width=160, force_terminal=False, color_system=None)
    console.print(table)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    if result.num_rows > max_rows:
        text += f"({result.num_rows} rows, first {max_rows} shown; use --format csv for all)\n"
    else:
        text += f"({result.num_rows} rows)\n"
    return str(text)
