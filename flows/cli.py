"""The ``newsetl`` console script: the library's commands (:mod:`newsetl.cli`) plus ``run``.

``run`` is the orchestrating command, so it lives on the Prefect side: it runs the
``newsetl-run`` flow on the configured task runner, or with ``--local`` the same declared
run in this process without importing Prefect at all. The library never imports this
module; this module adds to the library's Typer app.
"""

from __future__ import annotations

import os
import signal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flows.environment import DASK_DEFAULTS
from newsetl import cli
from newsetl.config import load_settings

if TYPE_CHECKING:
    from newsetl.config import Settings
    from newsetl.run.progress import Observer, Snapshot
    from newsetl.tables.publish import RunSummary

INTERRUPTED = 130  # 128 + SIGINT, as shells report a Ctrl-C


class Runner(StrEnum):
    inline = "inline"
    process = "process"
    dask = "dask"


class _Said(Exception):
    """A problem on Prefect's or Dask's side, in one line (said once the progress display is gone)."""


class _LastPhase:
    """Remembers the last phase a run reported (to say whether an interrupted run had published)."""

    phase = "plan"

    def __call__(self, s: Snapshot) -> None:
        self.phase = s.phase


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
    verbose: Annotated[
        bool, typer.Option("--verbose", metavar="", help="Also print Prefect's log lines (and no progress bar).")
    ] = False,
) -> None:
    """Ingest PATHS, extract entities and claims, and publish the tables atomically."""
    from flows.console import fanout, progress_display
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
    last = _LastPhase()
    display = progress_display(settings.run.progress_seconds, bar=not verbose)
    try:
        with display:
            shown = fanout(display, last)
            if local:
                from newsetl.run.local import run_locally

                summary = run_locally(paths, settings, data_dir, progress=shown)
            else:
                summary = _with_prefect(paths, settings, data_dir, shown, verbose)
    except KeyboardInterrupt:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not cut the way out short
        published = last.phase == "done"  # interrupted between the atomic switch and the result line
        typer.echo(f"newsetl: interrupted{' after publishing' if published else '; nothing was published'}", err=True)
        raise typer.Exit(INTERRUPTED) from None
    except (MissingInput, LockBusy, StoreError, _Said) as exc:
        cli.fail(str(exc))
    except (BatchFailed, InvariantViolation) as exc:
        # A failed batch or a refused publish: nothing was published; say so in one line.
        cli.fail(str(exc).splitlines()[0])
    typer.echo(summary.line())
    if summary.counts["docs_in"] == 0:
        raise typer.Exit(1)


def _with_prefect(paths: list[Path], settings: Settings, data_dir: Path, shown: Observer, verbose: bool) -> RunSummary:
    """The run as the ``newsetl-run`` flow; problems of Prefect's side said in one line."""
    _make_prefect_home()
    if not verbose:
        # The progress display and the one-line result say what there is to say; Prefect's
        # console lines (one per task, and tracebacks of failed batches) would bury them.
        # Its logs still reach the API. Set before Prefect is imported.
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "CRITICAL")
        if os.environ.get("DASK_LOGGING__DISTRIBUTED") == DASK_DEFAULTS["DASK_LOGGING__DISTRIBUTED"]:
            os.environ["DASK_LOGGING__DISTRIBUTED"] = "error"  # Dask's own, here and in local workers
    from flows.api import ApiUnavailable
    from flows.executor import ClusterUnavailable, WorkersLost
    from flows.flows import run_with_prefect

    try:
        return run_with_prefect(paths, settings, data_dir, progress=shown)
    except (ApiUnavailable, ClusterUnavailable, WorkersLost) as exc:
        raise _Said(str(exc)) from None


def _make_prefect_home() -> None:
    """Create Prefect's home before Prefect is imported (it would warn, in two lines, that it
    cannot create it without its parents), or say in one line why it cannot be."""
    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _Said(
            f"cannot create Prefect's home {home} ({exc.strerror}): set PREFECT_HOME to a writable folder, "
            "or run with --local"
        ) from None


app = typer.Typer(**cli.APP_SETTINGS)
app.command()(run)
app.registered_commands += cli.app.registered_commands


def main() -> None:
    # Ctrl-C stops a run; a process started in the background by a script inherits
    # SIGINT *ignored*, so the default handler is set again here.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    cli.run_app(app)


if __name__ == "__main__":
    main()
