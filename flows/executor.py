"""The executor the flows hand to the library's engine: every step a Prefect task.

On the inline task runner a batch's task is called in the flow's own thread (so task
timeouts can interrupt Python code: Prefect uses SIGALRM on the main thread), and its
outcome is known at once; on a parallel runner (process pool, Dask) it is submitted and
its outcome is read from its future. What runs when is the engine's business
(:func:`newsetl.run.engine.execute`), not this module's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar, cast

from prefect import Task
from prefect.futures import PrefectFuture, as_completed

from flows.runners import parallel
from flows.tasks import configured, task_of
from newsetl.config import Settings
from newsetl.run.engine import Done, Failed, Handle, Step

P = ParamSpec("P")
R = TypeVar("R")


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


class PrefectExecutor:
    """Steps as Prefect tasks configured from ``settings``; create it inside a flow."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._tasks: dict[str, Task[..., Any]] = {}
        self._parallel = parallel()

    def task(self, step: Step[P, R]) -> Task[P, R]:
        if step.name not in self._tasks:
            self._tasks[step.name] = configured(task_of(step), self._settings, io=step.retry_io)
        return cast("Task[P, R]", self._tasks[step.name])

    def call(self, step: Step[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        return self.task(step)(*args, **kwargs)

    def submit(self, step: Step[..., Any], *args: Any) -> Handle:
        if self._parallel:
            return _Submitted(self.task(step).submit(*args))
        try:
            return Done(self.task(step)(*args))
        except Exception as exc:
            return Done(Failed.of(exc))

    def completed(self, handles: Sequence[Handle]) -> Iterator[Handle]:
        submitted = [h for h in handles if isinstance(h, _Submitted)]
        yield from (h for h in handles if not isinstance(h, _Submitted))
        by_future = {id(h.future): h for h in submitted}
        for future in as_completed([h.future for h in submitted]):
            yield by_future[id(future)]
