"""The executor the flows hand to the library's engine: every step a Prefect task.

It builds the task runner the settings ask for (:func:`flows.runners.task_runner`) when
it is entered, inside a flow run — so a served deployment, whose flow is loaded again
from its source file, runs on the configured runner too. On the inline runner a batch's
task is called in the flow's own thread (so task timeouts can interrupt Python code:
Prefect uses SIGALRM on the main thread), and its outcome is known at once; on a parallel
runner (process pool, Dask) it is submitted, and its outcome is read from its future.
What runs when is the engine's business (:func:`newsetl.run.engine.execute`), not this
module's.

While it waits for submitted batches it keeps an eye on the cluster: on Dask, when no
worker has been there for ``run.dask_no_worker_seconds`` (every worker lost, or none ever
started), it stops waiting and fails the run (:class:`WorkersLost`) — which releases the
data directory — instead of holding it while it waits for a worker that may never come.
Worker processes are started with Ctrl-C held back (:func:`flows.processes.sigint_blocked`):
the run alone handles it, and on Ctrl-C kills them at once rather than waiting for their
batches.
"""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, suppress
from dataclasses import dataclass
from types import TracebackType
from typing import Any, ParamSpec, TypeVar, cast

from prefect import Task
from prefect.futures import PrefectFuture
from prefect.task_runners import ProcessPoolTaskRunner, TaskRunner
from prefect.utilities.callables import get_call_parameters

from flows.processes import sigint_blocked
from flows.runners import task_runner
from flows.tasks import configured, task_of
from newsetl.config import Settings
from newsetl.run.engine import Done, Failed, Handle, Step

P = ParamSpec("P")
R = TypeVar("R")

POLL_SECONDS = 1.0  # how often a wait for batches looks at the cluster


class WorkersLost(RuntimeError):
    """The Dask cluster had no worker for too long; the run stopped waiting (nothing published)."""


class ClusterUnavailable(RuntimeError):
    """The Dask scheduler could not be reached."""


@dataclass(frozen=True)
class _Submitted:
    """A batch submitted to a parallel task runner."""

    future: PrefectFuture[Any]

    def done(self) -> bool:
        return False  # known only once waited for (asking the API on every submit is not free)

    def outcome(self) -> Any:
        # ``state`` alone may not hold the final state yet: wait for it first.
        self.future.wait()
        state = self.future.state
        if state.is_completed():
            return self.future.result()
        error = self.future.result(raise_on_failure=False)
        how = (state.name or state.type.value).lower()
        if isinstance(error, BaseException):
            return Failed(how, f"{type(error).__name__}: {error}", error)
        return Failed(how, state.message or state.type.value)


class _DaskWatch:
    """Fails the run when the Dask cluster has had no worker for ``patience`` seconds."""

    def __init__(self, client: Any, where: str, patience: float) -> None:
        self._client = client
        self._where = where
        self._patience = patience
        self._alone_since: float | None = None

    def check(self) -> None:
        try:
            workers = len(self._client.nthreads())
        except Exception:  # the scheduler is gone too: no worker either
            workers = 0
        now = time.monotonic()
        if workers:
            self._alone_since = None
            return
        self._alone_since = self._alone_since or now
        if now - self._alone_since >= self._patience:
            raise WorkersLost(
                f"the Dask cluster ({self._where}) has had no worker for {self._patience:.0f} s "
                "(all lost, or none started), so the run stopped and nothing was published; "
                "start workers, or wait longer with run.dask_no_worker_seconds"
            )


class PrefectExecutor:
    """Steps as Prefect tasks configured from ``settings``, on the runner they name.

    Use it as a context manager inside a flow: entering starts the task runner (a process
    pool, a Dask client and perhaps a local cluster), leaving stops it.
    """

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._tasks: dict[str, Task[..., Any]] = {}
        self._runner: TaskRunner[Any] | None = None
        self._watch: _DaskWatch | None = None
        self._stack = ExitStack()

    def __enter__(self) -> PrefectExecutor:
        runner = task_runner(self._settings)
        if runner is None:
            return self
        try:
            self._runner = self._stack.enter_context(runner)
        except OSError as exc:  # an unreachable scheduler: a TimeoutError / OSError from distributed
            address = self._settings.run.dask_address
            raise ClusterUnavailable(f"cannot reach the Dask scheduler at {address}: {exc}") from None
        client = getattr(self._runner, "client", None)
        if client is not None:
            where = self._settings.run.dask_address or "a local cluster"
            self._watch = _DaskWatch(client, where, self._settings.run.dask_no_worker_seconds)
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> bool | None:
        if error is not None and not isinstance(error, Exception):  # Ctrl-C: don't wait for running batches
            _stop_workers_now(self._runner)
        return self._stack.__exit__(kind, error, tb)

    def task(self, step: Step[P, R]) -> Task[P, R]:
        if step.name not in self._tasks:
            self._tasks[step.name] = configured(task_of(step), self._settings, io=step.retry_io)
        return cast("Task[P, R]", self._tasks[step.name])

    def call(self, step: Step[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        return self.task(step)(*args, **kwargs)

    def submit(self, step: Step[..., Any], *args: Any) -> Handle:
        task = self.task(step)
        if self._runner is not None:
            with sigint_blocked():  # a process pool starts its workers on the first submit
                return _Submitted(self._runner.submit(task, get_call_parameters(task.fn, args, {})))
        try:
            return Done(task(*args))
        except Exception as exc:
            return Done(Failed.of(exc))

    def completed(self, handles: Sequence[Handle]) -> Iterator[Handle]:
        """``handles`` as they finish; on Dask, fails the run when the cluster has no worker for too long."""
        submitted = [h for h in handles if isinstance(h, _Submitted)]
        yield from (h for h in handles if not isinstance(h, _Submitted))
        finished: queue.SimpleQueue[_Submitted] = queue.SimpleQueue()
        for handle in submitted:
            handle.future.add_done_callback(lambda _, h=handle: finished.put(h))  # type: ignore[misc]
        for _ in submitted:
            yield self._next_of(finished)

    def _next_of(self, finished: queue.SimpleQueue[_Submitted]) -> _Submitted:
        while True:
            try:
                return finished.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if self._watch is not None:
                    self._watch.check()


def _stop_workers_now(runner: TaskRunner[Any] | None) -> None:
    """Kill the worker processes of a process pool or a local Dask cluster: they do not
    see Ctrl-C, and their batches would run to the end."""
    if isinstance(runner, ProcessPoolTaskRunner):
        pool = getattr(runner, "_executor", None)
        for process in list(getattr(pool, "_processes", {}).values()):
            with suppress(Exception):
                process.kill()
    kill_local_workers = getattr(runner, "kill_local_workers", None)
    if kill_local_workers is not None:
        kill_local_workers()
