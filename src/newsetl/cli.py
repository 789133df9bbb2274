"""The library's commands: query the tables (``sql``, ``summary``) and maintain them
(``reprocess``, ``compact``), all in this process.

The ``newsetl`` console script is ``flows.cli``: these commands plus ``run``, which runs the
pipeline through Prefect (or ``--local``, in this process). The library never imports
``flows/``. Errors a user can act on (missing input, another run holding the data
directory, a refused query) are printed as one line on stderr with exit code 2 — never a
traceback.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from newsetl.allocators import tune_allocators
from newsetl.config import load_settings
from newsetl.plural import counted

if TYPE_CHECKING:
    from newsetl.query.sql import ReadOnlyQuery

APP_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "no_args_is_help": True,
    "pretty_exceptions_enable": False,
    "help": "newsetl: batch ETL for news text (Polish first) into Parquet tables you query with DuckDB.",
}
app = typer.Typer(**APP_SETTINGS)

DataOption = Annotated[
    Path | None, typer.Option("--data", help="Data directory holding the tables (default: paths.data_dir in config).")
]


class OutputFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def fail(message: str, code: int = 2) -> NoReturn:
    typer.echo(f"newsetl: error: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="One read-only SQL statement over the table views.")],
    data: DataOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="Output format.")] = OutputFormat.table,
    max_rows: Annotated[int, typer.Option(min=0, help="Rows shown in table format.")] = 100,
) -> None:
    """Run a read-only DuckDB query over the tables (documents, sentences, mentions, claims, …)."""
    import duckdb

    from newsetl.query.output import render

    engine = _query_engine(data)
    try:
        result = engine.run(query)
    except (ValueError, RuntimeError) as exc:  # QueryRefused, QueryStopped
        fail(str(exc))
    except duckdb.Error as exc:
        fail(str(exc).splitlines()[0])
    finally:
        engine.close()
    sys.stdout.write(render(result, output.value, max_rows, terminal=sys.stdout.isatty()))


def _query_engine(data: Path | None) -> ReadOnlyQuery:
    """The read-only engine over the data directory, or a one-line error."""
    from newsetl.query.sql import QueryRefused, ReadOnlyQuery
    from newsetl.tables.store import Store, StoreError

    settings = load_settings()
    data_dir = (data or settings.data_dir).absolute()
    q = settings.query
    try:
        Store(data_dir).check_readable()
        return ReadOnlyQuery(
            data_dir, timeout_seconds=q.timeout_seconds, memory_limit=q.memory_limit, temp_limit=q.temp_limit
        )
    except (QueryRefused, StoreError) as exc:
        fail(str(exc))


@app.command()
def summary(data: DataOption = None) -> None:
    """Print a short summary of what the tables hold."""
    from newsetl.query.output import render
    from newsetl.query.summary import SUMMARY_QUERIES

    engine = _query_engine(data)
    for title, query in SUMMARY_QUERIES:
        sys.stdout.write(f"\n{title}\n")
        sys.stdout.write(render(engine.run(query), "table", 20))
    engine.close()


@app.command()
def reprocess(
    data: DataOption = None,
    everything: Annotated[
        bool, typer.Option("--all", metavar="", help="Re-extract every stored document, not only stale ones.")
    ] = False,
) -> None:
    """Re-run every extractor on documents extracted by another version of it; give stories
    and sources rows to documents stored before they existed."""
    from newsetl.run.local import reprocess_locally
    from newsetl.tables.store import LockBusy, StoreError

    settings = load_settings()
    try:
        result = reprocess_locally(settings, (data or settings.data_dir).absolute(), everything)
    except (LockBusy, StoreError) as exc:
        fail(str(exc))
    c = result.counts
    typer.echo(
        f"reprocessed {counted(c['docs_in'], 'document')}: {counted(c['mentions'], 'mention')}, "
        f"{counted(c['claims'], 'claim')}; stories for {counted(c['docs_storied'], 'document')} "
        f"({c['new_stories']} new), {counted(c['arrivals'], 'arrival')} recorded (data version {result.data_version})"
    )


@app.command("compact")
def compact_command(
    data: DataOption = None,
    table: Annotated[
        list[str] | None, typer.Option("--table", help="Table to compact (repeatable; default all).")
    ] = None,
) -> None:
    """Rewrite partitions held in several files as one file each, without changing a row."""
    from newsetl.run.local import compact_locally
    from newsetl.tables.store import LockBusy, StoreError

    settings = load_settings()
    try:
        result = compact_locally(settings, (data or settings.data_dir).absolute(), table)
    except (LockBusy, StoreError, ValueError) as exc:
        fail(str(exc))
    typer.echo(
        f"compacted {counted(result.partitions, 'partition')}: {counted(result.files_before, 'file')} -> "
        f"{result.files_after}, {counted(result.rows, 'row')} unchanged (data version {result.data_version})"
    )


def run_app(command: typer.Typer) -> NoReturn:
    """Run ``command`` as the console script: every error, usage errors included, is one line."""
    # typer 0.29 vendors click as ``typer._click``; its exceptions are not re-exported.
    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    tune_allocators()
    try:
        # Not standalone, so that errors come back here; an Exit's code comes back as the result.
        code = command(standalone_mode=False)
    except NoArgsIsHelpError as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        where = exc.ctx.command_path if exc.ctx is not None else "newsetl"
        typer.echo(f"newsetl: error: {exc.format_message()} (see `{where} --help`)", err=True)
        sys.exit(2)
    except ClickException as exc:
        typer.echo(f"newsetl: error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("newsetl: interrupted", err=True)
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)


def main() -> None:
    run_app(app)


if __name__ == "__main__":
    main()
