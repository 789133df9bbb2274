"""The library never imports the Prefect adapter (``flows/``) or Prefect itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_no_library_module_imports_flows_or_prefect() -> None:
    files = sorted((REPO / "src" / "newsetl").rglob("*.py"))
    assert len(files) > 40
    offending = {
        f"{path.relative_to(REPO)}: {name}"
        for path in files
        for name in _imports(path)
        if name.split(".")[0] in ("flows", "prefect", "prefect_dask", "distributed")
    }
    assert not offending, sorted(offending)


def test_a_local_run_loads_no_prefect() -> None:
    # `newsetl run --local` goes through flows.cli, which must not pull Prefect in for it.
    code = (
        "import sys, flows.cli, newsetl.run.local, newsetl.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('prefect', 'prefect_dask')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert done.stdout.strip() == "[]", done.stdout[:500]
