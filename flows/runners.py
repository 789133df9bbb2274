"""The task runner chosen by settings: in-process, a local process pool, or Dask."""

from __future__ import annotations

import os
from typing import Any

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsetl.config import Settings


def task_runner(settings: Settings) -> TaskRunner[Any]:
    workers = settings.run.workers or os.cpu_count() or 1
    kind = settings.run.task_runner
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        if settings.run.dask_address:
            return DaskTaskRunner(address=settings.run.dask_address)
        return DaskTaskRunner(
            cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
        )
    # "inline": one worker thread, so tasks run one at a time in this process.
    return ThreadPoolTaskRunner(max_workers=1)
