"""Every run checks its rows before publishing; a violation publishes nothing and says why.

Each case breaks one rule inside a real run — through an extractor returning a bad span
(as a buggy extractor would), or by tampering with the rows the extract step produced —
and checks that the run fails with :class:`InvariantViolation` (found by the extract batch,
the cause of the run's :class:`BatchFailed`; or found at publish) naming the table, the
rule and the offending rows; that the published tables are exactly as before (same version, same
rows, no stray file under a table folder); and that the next, unbroken run publishes
normally and removes what the refused run left in staging.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import newsetl.extract.extractors as extractors
import newsetl.run.steps as run_steps
from newsetl.run.engine import BatchFailed
from newsetl.spans import Claim
from newsetl.tables.invariants import InvariantViolation
from newsetl.tables.store import Store
from tests.integration.helpers import published_entry, rows, run, snapshot, table_dir_entries
from tests.integration.hostile_corpus import good_articles

Tamper = Callable[[dict[str, pa.Table]], None]


@pytest.fixture(scope="module")
def parts(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, Path, dict[str, Any]]:
    root = tmp_path_factory.mktemp("invariants")
    articles = good_articles(shared_data, 10)
    first, second = root / "a", root / "b"
    first.mkdir()
    second.mkdir()
    for i, article in enumerate(articles):
        folder = first if i < 5 else second
        (folder / f"{i:02d}.txt").write_text(
            f"Wiadomość z 12 maja, numer {i}. Podatek wzrośnie o 5 proc. {article}", encoding="utf-8"
        )
    data = root / "reference"
    run([first], data)
    run([second], data)
    return first, second, snapshot(data)


def _claim(sentence_idx: int, start: int, end: int) -> Claim:
    return Claim(sentence_idx, start, end, 5.0, None, None, "eq", "percent", "percent", None, None, None)


def _set(table: pa.Table, column: str, row: int, value: object) -> pa.Table:
    values = table.column(column).to_pylist()
    values[row] = value
    index = table.schema.get_field_index(column)
    return table.set_column(
        index, table.schema.field(index).with_nullable(True), pa.array(values, table.schema.field(index).type)
    )


def _tampered(change: Tamper) -> Callable[..., Any]:
    real = run_steps.extracted

    def extracted(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        change(result.tables)
        return result

    return extracted


def _surface(t: dict[str, pa.Table]) -> None:
    t["sentences"] = _set(t["sentences"], "text", 0, "Zdanie, którego nie ma w tekście.")


def _duplicate(t: dict[str, pa.Table]) -> None:
    t["sentences"] = pa.concat_tables([t["sentences"], t["sentences"].slice(0, 1)])


def _orphan(t: dict[str, pa.Table]) -> None:
    t["sentences"] = _set(t["sentences"], "doc_id", 0, "0000000000000000")


def _null(t: dict[str, pa.Table]) -> None:
    t["documents"] = _set(t["documents"], "encoding", 0, None)


def _out_of_bounds(t: dict[str, pa.Table]) -> None:
    t["sentences"] = _set(t["sentences"], "end", 0, 10_000_000)


TAMPERED: list[tuple[str, Tamper, str, str]] = [
    # (case, tampering, "table: rule" expected in the message, row marker expected)
    (
        "surface differs from the text",
        _surface,
        "sentences: text != documents.text[start:end]",
        "Zdanie, którego nie ma",
    ),
    ("duplicate key", _duplicate, "sentences: duplicate key ('doc_id', 'sentence_idx')", "', 0)"),
    ("row of an unknown document", _orphan, "sentences: doc_id not in documents", "0000000000000000@"),
    ("NULL where the schema forbids it", _null, "documents: NULL in NOT NULL column encoding", "1 rows"),
    ("offsets out of bounds", _out_of_bounds, "sentences: offsets out of bounds or empty span", ":10000000"),
]

EXTRACTOR_BUGS: list[tuple[str, Claim, str]] = [
    ("claim in a sentence that does not exist", _claim(999, 0, 5), "claims: span not inside its sentence"),
    ("claim with end before start", _claim(0, 6, 2), "claims: offsets out of bounds or empty span"),
    ("claim with a negative start", _claim(0, -3, 4), "claims: offsets out of bounds or empty span"),
]


def _check_refused(
    data: Path, before: dict[str, Any], version: int, attempt: Callable[[], object], rule: str, marker: str | None
) -> InvariantViolation:
    with pytest.raises((InvariantViolation, BatchFailed)) as info:
        attempt()
    violation = info.value
    if isinstance(violation, BatchFailed):
        assert "so nothing was published" in str(violation), violation
        violation = violation.__cause__  # type: ignore[assignment]
    assert isinstance(violation, InvariantViolation), info.value
    message = str(violation)
    assert message.startswith("refusing to publish: ") and rule in message, message
    if marker is not None:
        assert marker in message, message
    assert Store(data).version() == version
    assert snapshot(data) == before
    for entry in table_dir_entries(data):
        assert published_entry(entry), entry
    return violation


def _rerun_publishes(data: Path, second: Path, reference: dict[str, Any]) -> None:
    run([second], data)
    assert snapshot(data) == reference
    meta = data / ".newsetl"
    assert not any((meta / "staging").iterdir())
    assert not [p for p in (meta / "versions").iterdir() if p.name.startswith(".tmp")]


@pytest.mark.parametrize(("case", "change", "rule", "marker"), TAMPERED, ids=[c[0] for c in TAMPERED])
def test_tampered_rows_are_refused(
    case: str,
    change: Tamper,
    rule: str,
    marker: str,
    parts: tuple[Path, Path, dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second, reference = parts
    data = tmp_path / "data"
    run([first], data)
    before = snapshot(data)
    with monkeypatch.context() as patch:
        patch.setattr(run_steps, "extracted", _tampered(change))
        _check_refused(data, before, 1, lambda: run([second], data), rule, marker)
    _rerun_publishes(data, second, reference)


@pytest.mark.parametrize(("case", "claim", "rule"), EXTRACTOR_BUGS, ids=[c[0] for c in EXTRACTOR_BUGS])
def test_bad_spans_from_an_extractor_are_refused(
    case: str,
    claim: Claim,
    rule: str,
    parts: tuple[Path, Path, dict[str, Any]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second, reference = parts
    data = tmp_path / "data"
    run([first], data)
    before = snapshot(data)
    with monkeypatch.context() as patch:
        patch.setattr(extractors, "claims_in_document", lambda *args, **kwargs: [claim])
        violation = _check_refused(data, before, 1, lambda: run([second], data), rule, "@")
    doc_ids = {r["doc_id"] for r in rows(data, "SELECT doc_id FROM documents")}
    assert not any(v.rows[0].split("@")[0] in doc_ids for v in violation.violations)  # the new documents
    _rerun_publishes(data, second, reference)


def test_span_past_the_end_of_the_text_is_a_named_violation(
    parts: tuple[Path, Path, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, _ = parts
    data = tmp_path / "data"
    run([first], data)
    before = snapshot(data)
    monkeypatch.setattr(extractors, "claims_in_document", lambda *args, **kwargs: [_claim(0, 0, 10_000_000)])
    _check_refused(data, before, 1, lambda: run([second], data), "claims: offsets out of bounds or empty span", "@")


def test_a_document_stored_twice_is_refused_at_publish(
    parts: tuple[Path, Path, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cross-version check: a batch consistent in itself whose document is already stored."""
    first, second, reference = parts
    data = tmp_path / "data"
    run([first], data)
    before = snapshot(data)
    stored = rows(data, "SELECT min(doc_id) AS d FROM documents")[0]["d"]

    def reuse_stored_id(t: dict[str, pa.Table]) -> None:
        new = t["documents"].column("doc_id")[0].as_py()
        for name, table in t.items():
            if table.num_rows and "doc_id" in table.column_names:
                ids = table.column("doc_id")
                fixed = pc.if_else(pc.equal(ids, new), pa.scalar(stored), ids)
                t[name] = table.set_column(table.schema.get_field_index("doc_id"), "doc_id", fixed)

    with monkeypatch.context() as patch:
        patch.setattr(run_steps, "extracted", _tampered(reuse_stored_id))
        _check_refused(data, before, 1, lambda: run([second], data), "documents: doc_id stored twice", stored)
    _rerun_publishes(data, second, reference)
