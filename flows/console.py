"""A run's progress for ``newsetl run``: a bar on a terminal, periodic plain lines otherwise.

Both show what :class:`~newsetl.run.progress.Snapshot` holds — the stage, k of n batches,
files, documents, words, documents per second and the time left — on stderr, so that
stdout keeps only the run's one-line result. Nothing here imports Prefect (``--local``
runs without it).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import IO

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn

from newsetl.run.progress import Observer, Snapshot, clock


def _details(s: Snapshot) -> str:
    eta = s.eta
    return (
        f"{s.files_done:,}/{s.files_total:,} files · {s.documents:,} documents · {s.words:,} words · "
        f"{s.rate:,.1f} docs/s · ETA {clock(eta) if eta is not None else '?'}"
    )


class ProgressBar:
    """A rich progress bar on the terminal (stderr) for as long as the block runs."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("{task.description:<8}"),
            BarColumn(),
            TextColumn("{task.completed:.0f}/{task.total:.0f} batches"),
            TextColumn("{task.fields[details]}"),
            console=console,
            transient=True,  # the final one-line result says it all
            redirect_stdout=False,
            redirect_stderr=False,
        )
        self._task = self._progress.add_task("plan", total=1, details="")

    def __enter__(self) -> ProgressBar:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def __call__(self, s: Snapshot) -> None:
        self._progress.update(
            self._task,
            description=s.phase,
            completed=s.batches_done,
            total=max(s.batches_expected, 1),
            details=_details(s),
        )


class ProgressLines:
    """A plain line every ``every`` seconds (0: after every batch), and a last one when the
    run is done if any was printed: a run shorter than ``every`` prints only its result."""

    def __init__(self, out: IO[str], every: float, now: Callable[[], float] = time.monotonic) -> None:
        self._out = out
        self._every = every
        self._now = now
        self._since = now()
        self._printed = False

    def __enter__(self) -> ProgressLines:
        self._since = self._now()
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def __call__(self, s: Snapshot) -> None:
        now = self._now()
        if s.phase == "plan":
            return  # nothing to say yet
        if s.phase == "done" and not self._printed and self._every > 0:
            return
        if s.phase != "done" and now - self._since < self._every:
            return
        self._since = now
        self._printed = True
        self._out.write(f"newsetl: {s.line()}\n")
        self._out.flush()


def progress_display(every: float, bar: bool = True) -> ProgressBar | ProgressLines:
    """A bar when stderr is a terminal (and ``bar``), else lines every ``every`` seconds."""
    console = Console(stderr=True)
    if bar and console.is_terminal:
        return ProgressBar(console)
    return ProgressLines(sys.stderr, every)


def fanout(*observers: Observer | None) -> Observer:
    """One observer that shows each snapshot to every one of ``observers``."""
    present = [o for o in observers if o is not None]

    def show(s: Snapshot) -> None:
        for observer in present:
            observer(s)

    return show


__all__ = ["ProgressBar", "ProgressLines", "fanout", "progress_display"]
