"""The ``newsetl`` console script: the library's commands (:mod:`newsetl.cli`) plus ``run``.

``run`` is the orchestrating command, so it lives on the Prefect side: it runs the
``newsetl-run`` flow on the configured task runner, or with ``--local`` the same declared
run in this process without importing Prefect at all. The library never imports this
module; this module adds to the library's Typer app.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from newsetl import cli
from newsetl.config import load_settings


class Runner(StrEnum):
    inline = "inline"
    process = "process"
    dask = "dask"


def run(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories of .txt, .jsonl/.ndjson, .csv (optionally .gz).")
    ],
    data: cli.DataOption = None,
    local: Annotated[
        bool, typer.Option("--local", metavar="", help="Run the steps in this process, without Prefect.")
    ] = False,
    runner: Annotated[
        Runner | None, typer.Option(help="Task runner for the Prefect flow (default: run.task_runner).")
    ] = None,
) -> None:
    """Ingest PATHS, extract entities and claims, and publish the tables atomically."""
    from newsetl.ingest.discover import MissingInput
    from newsetl.run.engine import BatchFailed
    from newsetl.tables.invariants import InvariantViolation
    from newsetl.tables.store import LockBusy, Store, StoreError

    overrides: dict[str, object] = {}
    if runner is not None:
        overrides["run"] = {"task_runner": runner.value}
    settings = load_settings(**overrides)
    data_dir = (data or settings.data_dir).absolute()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            cli.fail(f"no such file or directory: {str(path)!r}")
    try:
        Store(data_dir).check_writable()
    except StoreError as exc:
        cli.fail(str(exc))
    try:
        if local:
            from newsetl.run.local import run_locally

            summary = run_locally(paths, settings, data_dir)
        else:
            from flows.flows import run_with_prefect

            summary = run_with_prefect(paths, settings, data_dir)
    except (MissingInput, LockBusy, StoreError) as exc:
        cli.fail(str(exc))
    except (BatchFailed, InvariantViolation) as exc:
        # A failed batch or a refused publish: nothing was published; say so in one line.
        cli.fail(str(exc).splitlines()[0])
    typer.echo(summary.line())
    if summary.counts["docs_in"] == 0:
        raise typer.Exit(1)


app = typer.Typer(**cli.APP_SETTINGS)
app.command()(run)
app.registered_commands += cli.app.registered_commands


def main() -> None:
    cli.run_app(app)


if __name__ == "__main__":
    main()
