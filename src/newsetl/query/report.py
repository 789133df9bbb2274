"""What one run did, read back from the tables: counts, timings, top entities, largest
claims, reject reasons — the run reports the orchestrator shows (``report_of``), and
their renderings (``count_rows`` for a table, ``markdown_of`` for a page).

Everything is read from one published version, so a report agrees with the ``runs``
table row by construction: its counts *are* that row. "The run's documents" are those
whose extraction the run did (``extractions.run_id``), which covers both ingesting runs
and ``reprocess`` runs (whose documents were stored by earlier runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from newsetl.tables.schemas import STAGES
from newsetl.tables.store import Store

COUNTS = (
    ("docs_in", "documents in"),
    ("docs_new", "new documents"),
    ("duplicates", "duplicates"),
    ("rejected", "rejected"),
    ("sentences", "sentences"),
    ("mentions", "mentions"),
    ("claims", "claims"),
)


@dataclass(frozen=True)
class EntityLine:
    name: str
    label: str
    mentions: int
    documents: int


@dataclass(frozen=True)
class ClaimLine:
    kind: str
    text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    object: str | None
    document: str  # the document's title, else its source


@dataclass(frozen=True)
class RunReport:
    run_id: str
    flow: str
    data_version: int
    counts: dict[str, int]
    seconds: dict[str, float]  # per stage, plus "total"
    entities: list[EntityLine]
    claims: list[ClaimLine]
    reject_reasons: list[tuple[str, int]]  # rejects first recorded by this run


def version_dir(data_dir: Path, version: int | None = None) -> Path | None:
    """The folder of a published version (the current one by default)."""
    store = Store(data_dir)
    if version is None:
        return store.current()
    folder = store.version_dir(version)
    return folder if folder.is_dir() else None


def _glob(folder: Path, table: str) -> str:
    return str(folder / table / "**" / "*.parquet").replace("'", "''")


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _run_docs(folder: Path, stage: str) -> str:
    """SQL for the documents whose ``stage`` extraction the run ``$run`` did."""
    return (
        f"SELECT DISTINCT doc_id FROM read_parquet('{_glob(folder, 'extractions')}', hive_partitioning = false) "
        f"WHERE run_id = $run AND stage = '{stage}'"
    )


def top_entities(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str, limit: int) -> list[EntityLine]:
    """The entities mentioned most in the run's documents (ties: more documents, then name)."""
    sql = f"""
        WITH docs AS ({_run_docs(folder, "entities")})
        SELECT e.name, e.label, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents
        FROM read_parquet('{_glob(folder, "mentions")}', hive_partitioning = false) m
        JOIN docs USING (doc_id)
        JOIN read_parquet('{_glob(folder, "entities")}') e USING (entity_id)
        GROUP BY e.entity_id, e.name, e.label
        ORDER BY mentions DESC, documents DESC, e.name, e.label
        LIMIT $limit
    """
    return [EntityLine(**row) for row in _rows(con, sql, {"run": run_id, "limit": limit})]


def largest_claims(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str, per_kind: int) -> list[ClaimLine]:
    """The largest quantities of each kind among the run's claims (a range counts by its top).

    Ranked within a kind, because a sum of money and a percentage are not comparable.
    """
    sql = f"""
        WITH docs AS ({_run_docs(folder, "claims")}),
        c AS (
            SELECT c.doc_id, c.claim_idx, c.kind, c.text, c.value, c.low, c.high, c.unit, c.object,
                   coalesce(c.value, c.high) AS magnitude
            FROM read_parquet('{_glob(folder, "claims")}', hive_partitioning = false) c JOIN docs USING (doc_id)
            WHERE coalesce(c.value, c.high) IS NOT NULL
        )
        SELECT c.kind, c.text, c.value, c.low, c.high, c.unit, c.object,
               coalesce(d.title, d.source_uri) AS document
        FROM c JOIN read_parquet('{_glob(folder, "documents")}', hive_partitioning = false) d USING (doc_id)
        QUALIFY row_number() OVER (PARTITION BY c.kind ORDER BY c.magnitude DESC, c.doc_id, c.claim_idx) <= $per_kind
        ORDER BY c.kind, c.magnitude DESC, c.doc_id, c.claim_idx
    """
    return [ClaimLine(**row) for row in _rows(con, sql, {"run": run_id, "per_kind": per_kind})]


def reject_reasons(con: duckdb.DuckDBPyConnection, folder: Path, run_id: str) -> list[tuple[str, int]]:
    """Reasons of the rejects this run recorded first, with counts (most frequent first)."""
    sql = f"""
        SELECT reason, count(*) AS n FROM read_parquet('{_glob(folder, "rejects")}')
        WHERE run_id = $run GROUP BY reason ORDER BY n DESC, reason
    """
    return [(str(row["reason"]), int(row["n"])) for row in _rows(con, sql, {"run": run_id})]


def report_of(
    data_dir: Path, run_id: str, version: int | None = None, top: int = 10, claims_per_kind: int = 3
) -> RunReport | None:
    """The report of ``run_id`` as of ``version`` (current by default); None if it has no ``runs`` row."""
    folder = version_dir(data_dir, version)
    if folder is None:
        return None
    with duckdb.connect() as con:
        found = _rows(
            con, f"SELECT * FROM read_parquet('{_glob(folder, 'runs')}') WHERE run_id = $run", {"run": run_id}
        )
        if not found:
            return None
        row = found[0]
        counts = {key: int(row[key]) for key in ("files", "words", *(k for k, _ in COUNTS))}
        seconds = {stage: float(row[f"seconds_{stage}"]) for stage in (*STAGES, "total")}
        return RunReport(
            run_id=run_id,
            flow=str(row["flow"]),
            data_version=int(row["data_version"]),
            counts=counts,
            seconds=seconds,
            entities=top_entities(con, folder, run_id, top),
            claims=largest_claims(con, folder, run_id, claims_per_kind),
            reject_reasons=reject_reasons(con, folder, run_id),
        )


def count_rows(report: RunReport) -> list[dict[str, object]]:
    """The run's counts and seconds per stage as (measure, value) rows."""
    rows: list[dict[str, object]] = [{"measure": label, "value": report.counts[key]} for key, label in COUNTS]
    rows += [{"measure": f"seconds {stage}", "value": round(report.seconds[stage], 3)} for stage in (*STAGES, "total")]
    return rows


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Whole numbers in full ("2,000,000", not "2e+06"); fractions to 6 significant digits.
        return f"{int(value):,}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.6g}"
    return " ".join(str(value).split()).replace("|", "\\|")


def _short(document: str) -> str:
    """A title as is; a source path by its file name (and record), which is what people scan for."""
    return Path(document).name if document.startswith("/") else document


def _table(header: tuple[str, ...], rows: list[tuple[object, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def markdown_of(report: RunReport) -> str:
    """A page for people: what the run stored, its top entities, largest claims, rejects."""
    c = report.counts
    lines = [
        f"# Run `{report.run_id}` ({report.flow})",
        "",
        f"Published data version **{report.data_version}**: {c['docs_in']} documents in, {c['docs_new']} new, "
        f"{c['duplicates']} duplicates, {c['rejected']} rejected; {c['sentences']} sentences, "
        f"{c['mentions']} mentions, {c['claims']} claims in {report.seconds['total']:.1f} s.",
        "",
        "## Top entities of the run",
        "",
    ]
    if report.entities:
        lines += _table(
            ("entity", "type", "mentions", "documents"),
            [(e.name, e.label, e.mentions, e.documents) for e in report.entities],
        )
    else:
        lines.append("No entities were found in this run's documents.")
    lines += ["", "## Largest claims (by kind)", ""]
    if report.claims:
        lines += _table(
            ("kind", "claim", "value", "unit", "of what", "document"),
            [
                (
                    k.kind,
                    k.text,
                    k.value if k.value is not None else f"{_cell(k.low)}–{_cell(k.high)}",
                    k.unit,
                    k.object,
                    _short(k.document),
                )
                for k in report.claims
            ],
        )
    else:
        lines.append("No numeric claims were found in this run's documents.")
    lines += ["", "## Rejected inputs by reason", ""]
    if report.reject_reasons:
        lines += _table(("reason", "inputs"), list(report.reject_reasons))
        lines += [
            "",
            "Inputs already refused by an earlier run count as *rejected* in the totals "
            "but are listed under the run that first refused them.",
        ]
    elif c["rejected"]:
        lines.append(
            f"All {c['rejected']} rejected inputs had already been refused by earlier runs (see the `rejects` table)."
        )
    else:
        lines.append("Nothing was rejected.")
    return "\n".join(lines) + "\n"


__all__ = [
    "ClaimLine",
    "EntityLine",
    "RunReport",
    "count_rows",
    "largest_claims",
    "markdown_of",
    "reject_reasons",
    "report_of",
    "top_entities",
    "version_dir",
]
