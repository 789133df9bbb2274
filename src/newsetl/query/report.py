"""What one run did, read back from the tables: counts, timings, top entities, largest
claims, its largest stories, reject reasons — the run reports the orchestrator shows (``report_of``), and
their renderings (``count_rows`` for a table, ``markdown_of`` for a page).

Everything is read from one published version (with Polars: these are table-level
group-bys and joins), so a report agrees with the ``runs`` table row by construction: its
counts *are* that row. "The run's documents" are those
whose extraction the run did (``extractions.run_id``), which covers both ingesting runs
and ``reprocess`` runs (whose documents were stored by earlier runs). "The run's stories"
are those of the arrivals it recorded (``sources.run_id``: every article it read, exact
copies included; a ``reprocess`` that backfills ``sources`` records the stored ones).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
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
    ("arrivals", "arrivals recorded"),
    ("new_stories", "new stories"),
)


@dataclass(frozen=True)
class EntityLine:
    name: str
    label: str
    mentions: int  # by its name, an alias or an acronym
    derived: int  # by a word derived from its name ("rosyjskiej" for Rosja), counted apart
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
class StoryLine:
    story_id: str
    title: str  # the founding document's title, else its source
    new: bool  # founded by this run
    arrivals: int  # the run's arrivals of the story (exact copies included)
    outlets: int  # distinct `source` values among them
    documents: int  # documents in the story, all runs
    first_published: datetime | None  # earliest `published` of any arrival of the story
    first_source: str | None  # the outlet of that arrival


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
    stories: list[StoryLine] = field(default_factory=list)  # the run's largest stories
    stories_touched: int = 0  # distinct stories among the run's arrivals


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
    """The entities mentioned most by name in the run's documents (ties: derived forms, more
    documents, then name). Derived forms are counted apart so that "Rosja" is not ranked by
    every "rosyjski" of the run as if each were a mention of the country by name."""
    entities = scan_version(folder, "entities").select("entity_id", "name", "label")
    lines = (
        scan_version(folder, "mentions")
        .join(_run_docs(folder, run_id, "entities"), on="doc_id")
        .join(entities, on="entity_id")
        .group_by("entity_id", "name", "label")
        .agg(
            pl.col("derived").is_null().sum().cast(pl.Int64).alias("mentions"),
            pl.col("derived").is_not_null().sum().cast(pl.Int64).alias("derived"),
            pl.col("doc_id").n_unique().alias("documents"),
        )
        .sort(["mentions", "derived", "documents", "name", "label"], descending=[True, True, True, False, False])
        .head(limit)
        .select("name", "label", "mentions", "derived", "documents")
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


def _story_arrivals(folder: Path, run_id: str) -> pl.LazyFrame:
    """The run's arrivals with their documents' stories."""
    documents = scan_version(folder, "documents").select("doc_id", "story_id")
    return (
        scan_version(folder, "sources")
        .filter(pl.col("run_id") == run_id)
        .select("doc_id", "source")
        .join(documents, on="doc_id")
        .filter(pl.col("story_id").is_not_null())
    )


def largest_stories(folder: Path, run_id: str, limit: int) -> tuple[list[StoryLine], int]:
    """The stories with the most arrivals in the run (ties: more documents, then story id),
    and how many stories the run's arrivals belong to."""
    per_story = (
        _story_arrivals(folder, run_id)
        .group_by("story_id")
        .agg(
            pl.len().alias("arrivals"),
            pl.col("source").drop_nulls().n_unique().alias("outlets"),
        )
        .collect()
    )
    if per_story.height == 0:
        return [], 0
    documents = scan_version(folder, "documents").select("doc_id", "story_id", "title", "source_uri")
    size = documents.group_by("story_id").agg(pl.len().alias("documents"))
    top = (
        per_story.lazy()
        .join(size, on="story_id")
        .sort(["arrivals", "documents", "story_id"], descending=[True, True, False])
        .head(limit)
        .collect()
    )
    wanted = top["story_id"].to_list()
    founders = (
        documents.filter(pl.col("doc_id").is_in(wanted))
        .select(pl.col("doc_id").alias("story_id"), pl.coalesce("title", "source_uri").alias("title"))
        .collect()
    )
    first = (
        scan_version(folder, "sources")
        .select("doc_id", "published", "source")
        .join(documents.select("doc_id", "story_id").filter(pl.col("story_id").is_in(wanted)), on="doc_id")
        .filter(pl.col("published").is_not_null())
        .sort(["story_id", "published", "source"], nulls_last=True)
        .group_by("story_id", maintain_order=True)
        .agg(pl.col("published").first().alias("first_published"), pl.col("source").first().alias("first_source"))
        .collect()
    )
    founded = set(
        scan_version(folder, "story_docs")
        .filter((pl.col("run_id") == run_id) & (pl.col("doc") == pl.col("story")))
        .filter(pl.col("doc").is_in([int(s, 16) for s in wanted]))
        .select("doc")
        .collect()["doc"]
        .to_list()
    )
    title = dict(founders.iter_rows())
    when = {row[0]: (row[1], row[2]) for row in first.iter_rows()}
    lines = [
        StoryLine(
            story_id=row["story_id"],
            title=str(title.get(row["story_id"], row["story_id"])),
            new=int(row["story_id"], 16) in founded,
            arrivals=int(row["arrivals"]),
            outlets=int(row["outlets"]),
            documents=int(row["documents"]),
            first_published=when.get(row["story_id"], (None, None))[0],
            first_source=when.get(row["story_id"], (None, None))[1],
        )
        for row in top.iter_rows(named=True)
    ]
    return lines, per_story.height


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
    stories, touched = largest_stories(folder, run_id, top)
    return RunReport(
        run_id=run_id,
        flow=str(row["flow"]),
        data_version=int(row["data_version"]),
        # Runs recorded before a count or a stage existed read it as NULL: 0 here.
        counts={key: int(row[key] or 0) for key in ("files", "words", *(k for k, _ in COUNTS))},
        seconds={stage: float(row[f"seconds_{stage}"] or 0.0) for stage in (*STAGES, "total")},
        entities=top_entities(folder, run_id, top),
        claims=largest_claims(folder, run_id, claims_per_kind),
        reject_reasons=reject_reasons(folder, run_id),
        stories=stories,
        stories_touched=touched,
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


def _story_lines(report: RunReport) -> list[str]:
    c = report.counts
    if not report.stories:
        return ["This run recorded no arrivals."]
    lines = [
        f"{counted(c['arrivals'], 'arrival')} recorded (every article read, exact copies included, unless "
        f"recorded before), in {counted(report.stories_touched, 'story', 'stories')}; new stories: "
        f"{c['new_stories']}.",
        "",
    ]
    lines += _table(
        ("story", "new", "arrivals", "outlets", "documents", "first published", "by"),
        [
            (
                _short(s.title),
                "yes" if s.new else "",
                s.arrivals,
                s.outlets,
                s.documents,
                s.first_published.strftime("%Y-%m-%d %H:%M") if s.first_published else None,
                s.first_source,
            )
            for s in report.stories
        ],
    )
    lines += [
        "",
        "*Arrivals* and *outlets* count this run's arrivals of the story; *documents* the "
        "distinct texts in the story so far, all runs.",
    ]
    return lines


def markdown_of(report: RunReport) -> str:
    """A page for people: what the run stored, its top entities, largest claims, largest
    stories, rejects."""
    c = report.counts
    lines = [
        f"# Run `{report.run_id}` ({report.flow})",
        "",
        f"Published data version **{report.data_version}**: {counted(c['docs_in'], 'document')} in, "
        f"{c['docs_new']} new, {counted(c['duplicates'], 'duplicate')}, {c['rejected']} rejected; "
        f"{counted(c['sentences'], 'sentence')}, {counted(c['mentions'], 'mention')}, "
        f"{counted(c['claims'], 'claim')}, {counted(c['new_stories'], 'new story', 'new stories')} "
        f"in {report.seconds['total']:.1f} s.",
        "",
        "## Top entities of the run",
        "",
    ]
    if report.entities:
        lines += _table(
            ("entity", "type", "mentions by name", "derived forms", "documents"),
            [(e.name, e.label, e.mentions, e.derived, e.documents) for e in report.entities],
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
    lines += ["", "## Largest stories of the run", ""]
    lines += _story_lines(report)
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
    "StoryLine",
    "count_rows",
    "largest_claims",
    "largest_stories",
    "markdown_of",
    "reject_reasons",
    "report_of",
    "top_entities",
    "version_dir",
]
