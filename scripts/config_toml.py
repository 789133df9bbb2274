"""Render ``config/newsetl.toml`` from the settings classes (src/newsetl/config.py).

    python scripts/config_toml.py          # print the file
    python scripts/config_toml.py --write  # replace config/newsetl.toml

Every default and its documentation is stated once, in the classes; this file shows them
all in one place. tests/unit/test_config.py fails when the file is out of date.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from pydantic import BaseModel

from newsetl.config import DEFAULT_CONFIG, Settings

WIDTH = 100
HEADER = """\
# newsetl settings: every key with its default. GENERATED from src/newsetl/config.py by
# `make config-toml` (a test fails when it is stale): change a default there, not here.
#
# Every key can be overridden from the environment as NEWSETL_<SECTION>__<KEY>, e.g.
#   NEWSETL_PATHS__DATA_DIR=/srv/news  NEWSETL_RUN__TASK_RUNNER=process
# A different file (a copy of this one, edited) can be chosen with NEWSETL_CONFIG=/path/to/file.toml.
# Relative paths are relative to the repository root (the directory holding this config/).
"""


def _comment(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent="# ", subsequent_indent="# ")


def _value(value: object, key: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"{value:_}" if value >= 100_000 else str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, tuple)):
        items = [_value(v, key) for v in value]
        lines = textwrap.wrap(", ".join(items), WIDTH - len(key) - 4, break_on_hyphens=False)
        indent = "\n" + " " * (len(key) + 4)
        return "[" + indent.join(lines) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _section(name: str, model: type[BaseModel]) -> list[str]:
    lines = [f"[{name}]"]
    if model.__doc__:
        lines[:0] = _comment(" ".join(model.__doc__.split()))
    for key, field in model.model_fields.items():
        default = field.get_default(call_default_factory=True)
        lines += _comment(field.description or "")
        lines.append(f"{key} = {_value(default, key)}")
    return lines


def rendered() -> str:
    parts = [HEADER]
    for name, field in Settings.model_fields.items():
        model = field.annotation
        assert isinstance(model, type) and issubclass(model, BaseModel), name
        parts.append("\n".join(_section(name, model)) + "\n")
    return "\n".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"replace {DEFAULT_CONFIG}")
    args = parser.parse_args()
    if args.write:
        Path(DEFAULT_CONFIG).write_text(rendered(), encoding="utf-8")
    else:
        sys.stdout.write(rendered())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
