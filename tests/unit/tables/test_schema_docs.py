import importlib.util
from pathlib import Path

from newsetl.tables.schemas import TABLES

REPO = Path(__file__).resolve().parents[3]


def load_script():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("schema_docs", REPO / "scripts" / "schema_docs.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_every_column_is_documented() -> None:
    for spec in TABLES.values():
        for field in spec.schema:
            assert (field.metadata or {}).get(b"doc"), f"{spec.name}.{field.name} has no doc"


def test_table_reference_is_current() -> None:
    script = load_script()
    written = (REPO / "docs" / "tables.md").read_text(encoding="utf-8")
    assert written == script.document(), "docs/tables.md is stale: run `make schema-docs`"
    for spec in TABLES.values():
        assert f"## `{spec.name}`" in written
