"""The declared run in this process, without Prefect: ``newsetl run --local``, the
maintenance commands, tests and debugging.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from newsetl.config import Settings
from newsetl.run.context import new_context
from newsetl.run.definitions import COMPACTION, REPROCESS, RUN
from newsetl.run.engine import Done, Failed, Handle, Step, execute, writing
from newsetl.run.progress import Observer
from newsetl.tables.compaction import CompactionReport
from newsetl.tables.publish import RunSummary

P = ParamSpec("P")
R = TypeVar("R")


class LocalExecutor:
    """Every step a plain call, one at a time, in this process."""

    def call(self, step: Step[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        return step.fn(*args, **kwargs)

    def submit(self, step: Step[..., Any], *args: Any) -> Handle:
        try:
            return Done(step.fn(*args))
        except Exception as exc:
            return Done(Failed.of(exc))

    def completed(self, handles: Sequence[Handle]) -> Iterator[Handle]:
        return iter(handles)


def run_locally(
    paths: Sequence[str | Path],
    settings: Settings,
    data_dir: Path | None = None,
    flow: str = "run",
    progress: Observer | None = None,
) -> RunSummary:
    """The whole run in this process: the same declaration the Prefect flows execute."""
    ctx = new_context(flow, settings, {"paths": [str(p) for p in paths]}, data_dir)
    with writing(ctx, settings.run.lock_wait_seconds):
        summary: RunSummary = execute(RUN, LocalExecutor(), ctx, [str(p) for p in paths], progress=progress)
    return summary


def reprocess_locally(settings: Settings, data_dir: Path | None, everything: bool) -> RunSummary:
    """``reprocess`` in this process, holding the data directory's lock."""
    ctx = new_context("reprocess", settings, {"everything": everything}, data_dir)
    with writing(ctx, settings.run.lock_wait_seconds):
        return LocalExecutor().call(REPROCESS, ctx, everything)


def compact_locally(settings: Settings, data_dir: Path | None, tables: Sequence[str] | None) -> CompactionReport:
    """Compaction in this process, holding the data directory's lock."""
    ctx = new_context("compact", settings, {"tables": list(tables) if tables else None}, data_dir)
    with writing(ctx, settings.run.lock_wait_seconds):
        return LocalExecutor().call(COMPACTION, ctx, list(tables) if tables else None)
