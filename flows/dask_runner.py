"""The Dask task runner: prefect-dask's, with two things less in the logs (see
:mod:`flows.runners`) and the flow's Prefect settings for a local cluster's workers."""

from __future__ import annotations

import logging
import os
import signal
from contextlib import suppress
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin
from prefect_dask.task_runners import DaskTaskRunner

from flows.processes import sigint_blocked


class _Unless(logging.Filter):
    """Drops records whose message starts with ``prefix``."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(self.prefix)


THREAD_TIMEOUT_WARNING = "Timeout of %s seconds configured for this task, but the task is running in a worker thread"


class QuietThreadTimeouts(WorkerPlugin):
    """On a Dask worker: no per-task warning that timeouts cannot interrupt blocking calls."""

    name = "newsetl-quiet-thread-timeouts"

    def setup(self, worker: Any) -> None:
        logger = logging.getLogger("prefect.task_runs")
        if not any(isinstance(f, _Unless) for f in logger.filters):
            logger.addFilter(_Unless(THREAD_TIMEOUT_WARNING))


class NewsetlDaskTaskRunner(DaskTaskRunner):
    """prefect-dask's runner without the dead dashboard link, with quiet timeouts on every worker.

    For a temporary local cluster the workers also get the flow's Prefect settings: the
    process pool hands its workers the flow's settings as environment variables;
    prefect-dask does not, so a worker of a flow that runs against a temporary API would
    start a server of its own — on the same SQLite file — and record its task runs there.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.logger.addFilter(_Unless("The Dask dashboard is available"))

    def __enter__(self) -> Any:
        if self.address:
            entered = super().__enter__()  # type: ignore[no-untyped-call]
            self.client.register_plugin(QuietThreadTimeouts(), name=QuietThreadTimeouts.name)
            return entered
        from prefect.settings import get_current_settings

        settings_env = get_current_settings().to_environment_variables(exclude_unset=True)
        self.cluster_kwargs["env"] = {**settings_env, **os.environ}
        # The local cluster's processes are started here (``client`` starts it): they never
        # see a Ctrl-C, which the run handles (see ``kill_local_workers``).
        with sigint_blocked():
            entered = super().__enter__()  # type: ignore[no-untyped-call]
            self.client.register_plugin(QuietThreadTimeouts(), name=QuietThreadTimeouts.name)
        return entered

    def kill_local_workers(self) -> None:
        """Kill a local cluster's worker processes at once (on Ctrl-C: their batches would run to the end)."""
        cluster = self._cluster
        for nanny in list(getattr(cluster, "workers", {}).values()) if cluster is not None else []:
            pid = getattr(nanny, "pid", None)
            if pid:
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def duplicate(self) -> NewsetlDaskTaskRunner:
        return type(self)(
            address=self.address,
            cluster_kwargs=self.cluster_kwargs,
            client_kwargs=self.client_kwargs,
        )
