"""The ``newsetl`` command: run the pipeline, query the tables, maintain them.

Errors a user can act on (missing input, another run holding the data directory, a
refused query) are printed as one line on stderr with exit code 2 — never a traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from newsetl.allocators import tune_allocators
from newsetl.config import load_settings

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="newsetl: batch ETL for news text (Polish first) into Parquet tables you query with DuckDB.",
)

DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data directory holding the tables (default: paths.data_dir in config).")
]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


class Runner(StrEnum):
    inline = "inline"
    process = "process"
    dask = "dask"


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"newsetl: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories of .txt, .jsonl/.ndjson, .csv (optionally .gz).")
    ],
    data: DataOption = None,
    local: Annotated[bool, typer.Option("--local", help="Run the steps in this process, without Prefect.")] = False,
    runner: Annotated[
        Runner | None, typer.Option(help="Task runner for the Prefect flow (default: run.task_runner).")
    ] = None,
) -> None:
    """Ingest PATHS, extract entities and claims, and publish the tables atomically."""
    from newsetl.ingest.discover import MissingInput
    from newsetl.tables.store import LockBusy

    overrides: dict[str, object] = {}
    if runner is not None:
        overrides["run"] = {"task_runner": runner.value}
    settings = load_settings(**overrides)
    data_dir = (data or settings.data_dir).absolute()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            fail(f"no such file or directory: {str(path)!r}")
    try:
        if local:
            from newsetl.pipeline.run import run_locally

            summary = run_locally(paths, settings, data_dir)
        else:
            from flows.pipeline import run_flow  # the only place the library reaches Prefect

            summary = run_flow(paths, settings, data_dir)
    except (MissingInput, LockBusy) as exc:
        fail(str(exc))
    except RuntimeError as exc:
        # A failed batch (flows.pipeline.BatchFailed) or a refused publish
        # (InvariantViolation): nothing was published; say so in one line.
        if type(exc).__name__ not in ("BatchFailed", "InvariantViolation"):
            raise
        fail(str(exc).splitlines()[0])
    typer.echo(summary.line())
    if summary.counts["docs_in"] == 0:
        raise typer.Exit(1)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One read-only SQL statement over the table views.")],
    data: DataOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    max_rows: Annotated[int, typer.Option(help="Rows shown in table format.")] = 100,
) -> None:
    """Run a read-only DuckDB query over the tables (documents, sentences, mentions, claims, …)."""
    import duckdb

    from newsetl.query.output import render
    from newsetl.query.sql import QueryRefused, ReadOnlyQuery

    settings = load_settings()
    try:
        engine = ReadOnlyQuery((data or settings.data_dir).absolute())
        result = engine.run(query)
    except QueryRefused as exc:
        fail(str(exc))
    except duckdb.Error as exc:
        fail(str(exc).splitlines()[0])
    sys.stdout.write(render(result, output.value, max_rows))


@app.command()
def summary(data: DataOption = None) -> None:
    """Print a short summary of what the tables hold."""
    from newsetl.query.output import render
    from newsetl.query.sql import QueryRefused, ReadOnlyQuery
    from newsetl.query.summary import SUMMARY_QUERIES

    settings = load_settings()
    try:
        engine = ReadOnlyQuery((data or settings.data_dir).absolute())
    except QueryRefused as exc:
        fail(str(exc))
    for title, query in SUMMARY_QUERIES:
        sys.stdout.write(f"\n{title}\n")
        sys.stdout.write(render(engine.run(query), "table", 20))


@app.command()
def reprocess(
    data: DataOption = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Re-extract every stored document, not only stale ones.")
    ] = False,
) -> None:
    """Re-run entity and claim extraction on documents extracted by an older version."""
    from newsetl.pipeline.run import RunSummary, maintained_locally
    from newsetl.tables.store import LockBusy

    settings = load_settings()
    try:
        result = maintained_locally(
            "reprocess", settings, (data or settings.data_dir).absolute(), everything=everything
        )
    except LockBusy as exc:
        fail(str(exc))
    assert isinstance(result, RunSummary)
    typer.echo(
        f"reprocessed {result.counts['docs_in']} documents: {result.counts['mentions']} mentions, "
        f"{result.counts['claims']} claims (data version {result.data_version})"
    )


@app.command()
def compact(
    data: DataOption = None,
    table: Annotated[
        list[str] | None, typer.Option("--table", help="Table to compact (repeatable; default all).")
    ] = None,
) -> None:
    """Rewrite partitions held in several files as one file each, without changing a row."""
    from newsetl.pipeline.run import maintained_locally
    from newsetl.tables.compaction import CompactionReport
    from newsetl.tables.store import LockBusy

    settings = load_settings()
    try:
        result = maintained_locally("compact", settings, (data or settings.data_dir).absolute(), tables=table)
    except (LockBusy, ValueError) as exc:
        fail(str(exc))
    assert isinstance(result, CompactionReport)
    typer.echo(
        f"compacted {result.partitions} partitions: {result.files_before} files -> {result.files_after}, "
        f"{result.rows} rows unchanged (data version {result.data_version})"
    )


def main() -> None:
    tune_allocators()
    app()


if __name__ == "__main__":
    main()
