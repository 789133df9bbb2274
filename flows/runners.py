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
from collections.abc import Iterator
from contextlib import contextmanager, suppress
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
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            # Loopback only, and no dashboard: nothing of a local cluster is reachable from outside.
            "host": "127.0.0.1",
            "dashboard_address": None,
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


@contextmanager
def api_shared_with_workers(settings: Settings) -> Iterator[None]:
    """One Prefect API for the flow and all its worker processes.

    Without a configured server a flow runs against an ephemeral one; worker processes of
    the process pool (and of a local Dask cluster) are not told its address and would each
    start another ephemeral server — ~10 s and ~250 MB apiece. So for parallel runners
    without a server, start the ephemeral server here, once, and hand its address to
    every process through the environment.
    """
    from prefect.settings import PREFECT_API_URL, temporary_settings

    if settings.run.task_runner == "inline" or PREFECT_API_URL.value():
        yield
        return
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer()
    server.start(timeout=int(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")))
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
            yield
    finally:
        # Send the logs and events still queued while the server is up; otherwise they are
        # retried against a stopped server at exit, which holds the process ~1 minute.
        from prefect.events.worker import EventsWorker
        from prefect.logging.handlers import APILogWorker

        for worker in (APILogWorker, EventsWorker):
            with suppress(Exception):  # best effort: the run itself is done
                worker.drain_all(timeout=15)
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous
        server.stop()


def parallel() -> bool:
    """Whether the running flow submits its tasks to a parallel runner (else it calls them)."""
    ctx = FlowRunContext.get()
    return ctx is not None and not isinstance(ctx.task_runner, InlineTaskRunner)
