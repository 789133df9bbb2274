"""Dask for real: a scheduler and a worker started as separate processes (``dask scheduler``,
``dask worker``, as docs/operations.md tells an operator), a real Prefect server, and the
served deployments (``python -m flows.deployments``) configured with ``run.task_runner =
"dask"`` and ``run.dask_address`` — the way "Several machines with Dask" is set up.

* A served ``process-paths`` run, started through the API, runs its tasks on the worker
  (its log shows them; the serve process's does not), not inline in the serve process.
* No dead dashboard link in the run's log (bokeh is not installed).
* On Dask a task's timeout stops it, without a warning per task that it cannot.
* When every worker is lost, the run fails after ``run.dask_no_worker_seconds`` with one
  line, instead of waiting silently while it holds the data directory.

A second cluster's worker is "stalled" by a preload script (the test's, not the project's):
its extract steps never finish, as a hung read or a runaway batch would not.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from flows.server import DEPLOYMENTS, Child, free_port, start_serve, wait_for_deployments

from newsetl.config import REPO_ROOT
from newsetl.tables.store import Store
from tests.integration.prefect_helpers import HOST, local_server, make_corpus, prefect_client_of, runs_rows, wait_until

pytestmark = [pytest.mark.server, pytest.mark.slow]

DASK = str(Path(sys.executable).with_name("dask"))
PROGRESS = re.compile(r"newsetl: (plan|ingest|extract|publish|done): ")
STALL = '''"""Preloaded by a test's Dask worker: every extract step hangs (in Python, so a timeout can stop it)."""
import time

import newsetl.run.steps as steps


def _stalled(*args, **kwargs):
    while True:
        time.sleep(0.05)


steps.extracted = _stalled
'''


@dataclass
class Cluster:
    address: str
    scheduler: subprocess.Popen[bytes]
    worker: subprocess.Popen[bytes]
    worker_log: Path

    def worker_output(self) -> str:
        return self.worker_log.read_text(errors="replace")


def _started(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with open(log, "wb") as out:
        return subprocess.Popen(
            command, env=env, cwd=REPO_ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def workers_of(address: str) -> int:
    from distributed import Client

    with Client(address, timeout=30) as client:
        return len(client.nthreads())


@contextmanager
def cluster(root: Path, name: str, env: dict[str, str], preload: Path | None = None) -> Iterator[Cluster]:
    """A scheduler (with its default dashboard, as an operator starts it) and one worker
    process of one thread, both on 127.0.0.1, each in its own session."""
    port = free_port(HOST)
    address = f"tcp://{HOST}:{port}"
    scheduler = _started(
        [DASK, "scheduler", "--host", HOST, "--port", str(port), "--dashboard-address", f"{HOST}:{free_port(HOST)}"],
        env,
        root / f"{name}-scheduler.log",
    )
    extra = ["--preload", str(preload)] if preload else []
    worker_log = root / f"{name}-worker.log"
    worker = _started(
        [DASK, "worker", address, "--nworkers", "1", "--nthreads", "1", "--no-dashboard", "--host", HOST, *extra],
        env,
        worker_log,
    )
    try:
        wait_until(lambda: workers_of(address) == 1, timeout=180, what=f"the {name} worker to join", every=2)
        yield Cluster(address, scheduler, worker, worker_log)
    finally:
        _stop(worker)
        _stop(scheduler)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect-home")
    with local_server(home) as env, prefect_client_of(env):
        yield env


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("dask")


@pytest.fixture(scope="module")
def corpus(root: Path, shared_data: Path) -> Path:
    return make_corpus(root, shared_data)


def newsetl_env(server: dict[str, str], root: Path, address: str, **extra: str) -> dict[str, str]:
    """The environment of everything newsetl runs here: the test server, Dask at ``address``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    env.update({k: v for k, v in server.items() if k.startswith("PREFECT_")})
    env.update(
        NEWSETL_RUN__TASK_RUNNER="dask",
        NEWSETL_RUN__DASK_ADDRESS=address,
        NEWSETL_INGEST__BATCH_DOCS="4",
        NEWSETL_SERVE__INPUT_ROOTS=f'["{root}"]',
        NEWSETL_SERVE__DATA_ROOTS=f'["{root}"]',
        **extra,
    )
    return env


def test_a_served_run_runs_its_tasks_on_the_dask_workers(server: dict[str, str], root: Path, corpus: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    data = root / "served-data"
    with cluster(root, "main", newsetl_env(server, root, "")) as dask:
        env = newsetl_env(server, root, dask.address)
        serve_log = root / "serve.log"
        serve: Child = start_serve(env, serve_log, REPO_ROOT)
        try:
            wait_for_deployments(env["PREFECT_API_URL"], DEPLOYMENTS, serve, timeout=300)
            with get_client(sync_client=True) as client:
                deployment = client.read_deployment_by_name("process-paths/process-paths")
                run = client.create_flow_run_from_deployment(
                    deployment.id, parameters={"paths": [str(corpus)], "data_dir": str(data)}
                )

            def final() -> bool:
                with get_client(sync_client=True) as client:
                    state = client.read_flow_run(run.id).state
                return state is not None and state.is_final()

            wait_until(final, timeout=600, what="the served run to end")
            with get_client(sync_client=True) as client:
                state = client.read_flow_run(run.id).state
                tasks = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
        finally:
            serve.stop(signal.SIGINT, grace=30, group=False)
        assert state is not None and state.is_completed(), f"{state}\n{serve_log.read_text()[-3000:]}"
        worker_said = dask.worker_output()

    served_said = serve_log.read_text(errors="replace")
    extracts = sorted(t.name for t in tasks if t.name.startswith("extract"))
    assert len(extracts) >= 4 and all(t.state is not None and t.state.is_completed() for t in tasks)
    # Every extract task ran in the worker process (Prefect's task lines are in its log), none in the serve process.
    for name in extracts:
        assert f"Task run {name!r} - Finished in state Completed()" in worker_said, name
        assert f"Task run {name!r}" not in served_said, name
    [row] = runs_rows(data)
    assert row["flow"] == "process-paths" and row["docs_new"] > 10
    assert "dashboard" not in served_said.lower()  # no dead link (bokeh is not installed)
    assert "Timeout of" not in worker_said  # no per-task warning that timeouts cannot work


@pytest.fixture(scope="module")
def stalling(server: dict[str, str], root: Path) -> Iterator[Cluster]:
    preload = root / "stall_extract.py"
    preload.write_text(STALL)
    with cluster(root, "stalling", newsetl_env(server, root, ""), preload) as dask:
        yield dask


def cli_run(env: dict[str, str], corpus: Path, data: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", str(corpus), "--data", str(data)],
        env=env,
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def said(stderr: str) -> list[str]:
    """What a run said on stderr, but its progress lines."""
    return [line for line in stderr.splitlines() if not PROGRESS.match(line)]


def test_a_dask_task_that_overruns_its_timeout_fails_the_run_without_warnings(
    server: dict[str, str], root: Path, corpus: Path, stalling: Cluster
) -> None:
    data = root / "timeout-data"
    env = newsetl_env(server, root, stalling.address, NEWSETL_RUN__TASK_TIMEOUT_SECONDS="5")
    started = time.monotonic()
    run = cli_run(env, corpus / "english.txt", data)
    _, err = run.communicate(timeout=600)
    seconds = time.monotonic() - started
    assert run.returncode == 2, err[-3000:]
    [line] = said(err)
    assert line.startswith("newsetl: error: extract batch ") and "nothing was published" in line
    assert "timed out" in line.lower() or "timeout" in line.lower(), line
    assert seconds < 120, f"the run took {seconds:.0f} s"
    assert Store(data).version() == 0
    assert "Timeout of" not in stalling.worker_output()  # no "timeouts cannot interrupt" warning


def test_when_every_worker_is_lost_the_run_fails_after_the_configured_wait(
    server: dict[str, str], root: Path, corpus: Path, stalling: Cluster
) -> None:
    from distributed import Client

    data = root / "lost-data"
    env = newsetl_env(server, root, stalling.address, NEWSETL_RUN__DASK_NO_WORKER_SECONDS="3")
    run = cli_run(env, corpus, data)
    try:
        with Client(stalling.address, timeout=30) as client:

            def extracting() -> bool:
                busy = client.processing()
                return any(str(key).startswith("extract") for keys in busy.values() for key in keys)

            wait_until(extracting, timeout=600, what="the worker to start extracting")
        lost = time.monotonic()
        os.killpg(stalling.worker.pid, signal.SIGKILL)  # every worker is lost
        _, err = run.communicate(timeout=300)
        seconds = time.monotonic() - lost
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert run.returncode == 2, err[-3000:]
    [line] = said(err)
    assert line.startswith("newsetl: error: the Dask cluster (tcp://") and "has had no worker for 3 s" in line, line
    assert "nothing was published" in line and "run.dask_no_worker_seconds" in line
    assert seconds < 90, f"the run failed {seconds:.0f} s after the worker was lost"
    assert Store(data).version() == 0
    with Store(data).locked("the next run", wait_seconds=0):  # the data directory is free again
        pass
