"""The task runner chosen by settings: in-process, a local process pool, or Dask.

``inline`` (the default) runs a flow's tasks one after another in the flow's own thread:
no worker threads, so task timeouts can interrupt Python code (Prefect uses SIGALRM on
the main thread). ``process`` runs them in a local process pool, ``dask`` on a Dask
cluster — a temporary local one, or the scheduler at ``run.dask_address``, whose workers
must see the data directory at the same path (shared storage) and have this package
installed.

The runner is built from the settings *when a flow runs*, by the executor
(:class:`flows.executor.PrefectExecutor`), not when a flow is declared: a served
deployment loads its flow again from the source file, and a runner set on the flow object
when the deployments were declared would be lost.

What the runners add to Prefect's and prefect-dask's:

* Worker processes of the pool ignore Ctrl-C (the run stops them itself, at once) and die
  with the run's process, however it dies.
* Dask tasks run in worker threads, where Prefect's timeout interrupts a task's Python
  code at its next step but not a call blocked in C; Prefect warns about it on every
  task. That is documented once (``run.task_timeout_seconds``) instead of warned about on
  every task (:class:`flows.dask_runner.QuietThreadTimeouts`, on every worker of the cluster).
* prefect-dask logs the scheduler's dashboard link; without bokeh (not installed) the
  link leads nowhere, so it is not logged.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner, ThreadPoolTaskRunner

from flows.processes import die_with_parent
from newsetl.config import Settings


class InlineTaskRunner(ThreadPoolTaskRunner[Any]):
    """Marks a flow whose tasks are called in its own thread, one at a time."""

    def __init__(self, max_workers: int | None = 1) -> None:
        super().__init__(max_workers=1)


def _pool_worker_setup() -> None:
    """In each worker of the process pool, before its first task."""
    # Ctrl-C is the run's to handle: it stops the pool. A worker that took the
    # KeyboardInterrupt itself would print a traceback and be replaced.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def task_runner(settings: Settings) -> TaskRunner[Any] | None:
    """The parallel runner ``settings`` ask for, not started; None for ``inline``."""
    workers = settings.run.workers or os.cpu_count() or 1
    kind = settings.run.task_runner
    if kind == "process":
        return ProcessPoolTaskRunner(max_workers=workers, initializer=_pool_worker_setup)
    if kind == "dask":
        from flows.dask_runner import NewsetlDaskTaskRunner  # distributed is slow to import: only when used

        if settings.run.dask_address:
            return NewsetlDaskTaskRunner(address=settings.run.dask_address)
        return NewsetlDaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,
                "processes": True,
                # Loopback only: nothing of a local cluster is reachable from outside. The
                # scheduler's HTTP endpoint (health, metrics: no dashboard without bokeh) on a
                # free port: on 8787, two local clusters at once would warn about the port.
                "host": "127.0.0.1",
                "dashboard_address": "127.0.0.1:0",
            }
        )
    return None
