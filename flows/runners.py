"""The task runner chosen by settings: in-process, a local process pool, or Dask.

``inline`` (the default) runs a flow's tasks one after another in the flow's own thread:
no worker threads, so task timeouts can interrupt Python code (Prefect uses SIGALRM on
the main thread, and cannot interrupt a worker thread that is blocked). ``process``
runs them in a local process pool, ``dask`` on a Dask cluster — a temporary local one,
or the scheduler at ``run.dask_address``, whose workers must see the data directory at
the same path (shared storage) and have this package installed.
"""

from __future__ import annotations

import os
from typing import Any

from prefect.context import FlowRunContext
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from newsetl.config import Settings


class InlineTaskRunner(ThreadPoolTaskRunner[Any]):
    """Marks a flow whose tasks are called in its own thread, one at a time (see ``parallel``)."""

    def __init__(self, max_workers: int | None = 1) -> None:
        super().__init__(max_workers=1)


def _local_dask(workers: int) -> TaskRunner[Any]:
    from prefect.settings import get_current_settings
    from prefect_dask.task_runners import DaskTaskRunner

    class LocalDaskTaskRunner(DaskTaskRunner):
        """A temporary local cluster whose workers talk to the flow's Prefect API.

        Prefect's process pool hands its workers the flow's settings as environment
        variables; prefect-dask does not, so a worker of a flow that runs against an
        ephemeral API (the CLI without a server) would start an ephemeral server of its
        own — on the same SQLite file — and record its task runs there. The workers get
        the flow's settings here, as the process pool's do.
        """

        def __enter__(self) -> Any:
            settings_env = get_current_settings().to_environment_variables(exclude_unset=True)
            self.cluster_kwargs["env"] = {**settings_env, **os.environ}
            return super().__enter__()  # type: ignore[no-untyped-call]

    return LocalDaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers, "threads_per_worker": 1, "processes": True,
            # Loopback only, and no dashboard: nothing of a local cluster is reachable from outside.
            "host": "127.0.0.1", "dashboard_address": None,
        }
    )


def task_runner(settings: Settings) -> TaskRunner[Any]:
    workers = settings.run.workers or os.cpu_count() or 1
    kind = settings.run.task_runner
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers)
    if kind == "dask":
        from prefect_dask.task_runners import DaskTaskRunner

        if settings.run.dask_address:
            return DaskTaskRunner(address=settings.run.dask_address)
        return _local_dask(workers)
    return InlineTaskRunner()


def parallel() -> bool:
    """Whether the running flow submits its tasks to a parallel runner (else it calls them)."""
    ctx = FlowRunContext.get()
    return ctx is not None and not isinstance(ctx.task_runner, InlineTaskRunner)
