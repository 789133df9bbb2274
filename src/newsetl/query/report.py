"""What one run did, read back from the tables: counts, timings, top entities, largest
claims, reject reasons — the run reports the orchestrator shows (``report_of``), and
their renderings (``count_rows`` for a table, ``markdown_of`` for a page).

Everything is read from one published version (with Polars: these are table-level
group-bys and joins), so a report agrees with the ``runs`` table row by construction: its
counts *are* that row. "The run's documents" are those
whose extraction the run did (``extractions.run_id``), which covers both ingesting runs
and ``reprocess`` runs (whose documents were stored by earlier runs).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsetl.plural import counted
from newsetl.tables.frames import scan_version
from newsetl.tables.schemas import STAGES
from newsetl.tables.store import Store

# Entities listed in a run report unless asked otherwise.
REPORT_TOP = 10

COUNTS = (
    ("docs_in", "documents in"),
    ("docs_new", "new documents"),
    ("duplicates", "duplicates"),
    ("rejected", "rejected"),
    ("sentences", "sentences"),
    ("mentions", "mentions"),
    ("times", "times"),
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


def _run_docs(folder: Path, run_id: str, stage: str) -> pl.LazyFrame:
    """The documents whose ``stage`` extraction the run did."""
    extractions = scan_version(folder, "extractions")
    return extractions.filter((pl.col("run_id") == run_id) & (pl.col("stage") == stage)).select("doc_id").unique()


def top_entities(folder: Path, run_id: str, limit: int) -> list[EntityLine]:
    """The entities mentioned most in the run's documents (ties: more documents, then name)."""
    entities = scan_version(folder, "entities").select("entity_id", "name", "label")
    lines = (
        scan_version(folder, "mentions")
        .join(_run_docs(folder, run_id, "entities"), on="doc_id")
        .join(entities, on="entity_id")
        .group_by("entity_id", "name", "label")
        .agg(pl.len().alias("mentions"), pl.col("doc_id").n_unique().alias("documents"))
        .sort(["mentions", "documents", "name", "label"], descending=[True, True, False, False])
        .head(limit)
        .select("name", "label", "mentions", "documents")
    )
    return [EntityLine(**row) for row in lines.collect().to_dicts()]


def largest_claims(folder: Path, run_id: str, per_kind: int) -> list[ClaimLine]:
    """The largest quantities of each kind among the run's claims (a range counts by its top).

    Ranked within a kind, because a sum of money and a percentage are not comparable.
    """
    documents = scan_version(folder, "documents").select("doc_id", pl.coalesce("title", "source_uri").alias("document"))
    ranked = (
        scan_version(folder, "claims")
        .join(_run_docs(folder, run_id, "claims"), on="doc_id")
        .with_columns(magnitude=pl.coalesce("value", "high"))
        .filter(pl.col("magnitude").is_not_null())
        .join(documents, on="doc_id")
        .sort(["kind", "magnitude", "doc_id", "claim_idx"], descending=[False, True, False, False])
        .filter(pl.int_range(pl.len()).over("kind") < per_kind)
        .select("kind", "text", "value", "low", "high", "unit", "object", "document")
    )
    return [ClaimLine(**row) for row in ranked.collect().to_dicts()]


def reject_reasons(folder: Path, run_id: str) -> list[tuple[str, int]]:
    """Reasons of the rejects this run recorded first, with counts (most frequent first)."""
    reasons = (
        scan_version(folder, "rejects")
        .filter(pl.col("run_id") == run_id)
        .group_by("reason")
        .agg(pl.len().alias("n"))
        .sort(["n", "reason"], descending=[True, False])
    )
    return [(str(reason), int(n)) for reason, n in reasons.collect().rows()]


def report_of(
    data_dir: Path, run_id: str, version: int | None = None, top: int = REPORT_TOP, claims_per_kind: int = 3
) -> RunReport | None:
    """The report of ``run_id`` as of ``version`` (current by default); None if it has no ``runs`` row."""
    folder = version_dir(data_dir, version)
    if folder is None:
        return None
    found = scan_version(folder, "runs").filter(pl.col("run_id") == run_id).collect().to_dicts()
    if not found:
        return None
    row = found[0]
    return RunReport(
        run_id=run_id,
        flow=str(row["flow"]),
        data_version=int(row["data_version"]),
        counts={key: int(row[key]) for key in ("files", "words", *(k for k, _ in COUNTS))},
        seconds={stage: float(row[f"seconds_{stage}"]) for stage in (*STAGES, "total")},
        entities=top_entities(folder, run_id, top),
        claims=largest_claims(folder, run_id, claims_per_kind),
        reject_reasons=reject_reasons(folder, run_id),
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
        f"Published data version **{report.data_version}**: {counted(c['docs_in'], 'document')} in, "
        f"{c['docs_new']} new, {counted(c['duplicates'], 'duplicate')}, {c['rejected']} rejected; "
        f"{counted(c['sentences'], 'sentence')}, {counted(c['mentions'], 'mention')}, "
        f"{counted(c['claims'], 'claim')} in {report.seconds['total']:.1f} s.",
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
    "REPORT_TOP",
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
