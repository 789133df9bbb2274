"""The Prefect API of a ``newsetl run``: the configured server, or a temporary one.

Without ``PREFECT_API_URL`` Prefect would start its own temporary ("ephemeral") server in
this process's group. A Ctrl-C in the terminal reaches that group, so the server died with
the run, and the run then spent one to two minutes retrying to report its end to it — then
printed a traceback. So the temporary server is started here instead, once per run, for
every task runner:

* in its own session (a Ctrl-C in the terminal does not reach it) and tied to this process
  (:func:`flows.processes.tied`: it stops when we die, however we die);
* its address handed to Prefect in this process and, through the environment, to every
  worker process (otherwise each worker of a process pool or local Dask cluster would start
  a server of its own — ~10 s and ~250 MB apiece);
* stopped at the end, after the logs and events still queued were sent: on an interrupt
  within a second or two, so that the run can record that it crashed and stop promptly.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import prefect
from prefect.context import refresh_global_settings_context
from prefect.settings import PREFECT_API_URL, get_current_settings, temporary_settings

from flows.processes import tied
from flows.server import free_port


class ApiUnavailable(RuntimeError):
    """The temporary Prefect server could not start (the message says why, in one line)."""


def _writable_home() -> Path:
    home = Path(get_current_settings().home).expanduser()
    try:
        home.mkdir(parents=True, exist_ok=True)
        probe = home / f".newsetl-probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError as exc:
        raise ApiUnavailable(
            f"Prefect's home {home} is not writable ({exc.strerror}): set PREFECT_HOME to a writable folder, "
            "point PREFECT_API_URL at a Prefect server, or run with --local"
        ) from None
    return home


_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception): ")


def _last_line(log: Path) -> str:
    """What a server's log says went wrong: its last exception line, else its last line."""
    with suppress(OSError):
        lines = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
        errors = [line for line in lines if _EXCEPTION.match(line)]
        return (errors or lines or ["(nothing logged)"])[-1][:300]
    return "(no log)"


class TemporaryServer:
    """A Prefect API server (no UI) on a free loopback port, for one run."""

    def __init__(self) -> None:
        self.home = _writable_home()
        # One log per run (runs may share a home); removed when the server stopped cleanly.
        self.log = self.home / f"newsetl-temporary-server-{os.getpid()}.log"
        self.port = free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float) -> None:
        command = [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(Path(prefect.__file__).parent.parent),
            "--factory",
            "prefect.server.api.server:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--log-level",
            "error",
            "--lifespan",
            "on",
        ]
        env = {
            **os.environ,
            **get_current_settings().to_environment_variables(exclude_unset=True),
            "PREFECT_UI_ENABLED": "0",
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
        env.pop("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", None)  # its log is a file: keep its errors there
        with open(self.log, "wb") as out:
            self._process = subprocess.Popen(
                tied(command, signal.SIGTERM),
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise ApiUnavailable(
                    f"the temporary Prefect server exited (code {self._process.returncode}): "
                    f"{_last_line(self.log)} (log: {self.log})"
                )
            with suppress(OSError, ValueError), urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as answer:
                if answer.status == 200:
                    return
            time.sleep(0.2)
        self.stop(grace=2, keep_log=True)
        raise ApiUnavailable(f"the temporary Prefect server did not answer within {timeout:.0f} s (log: {self.log})")

    def stop(self, grace: float, keep_log: bool = False) -> None:
        """SIGTERM, SIGKILL after ``grace`` seconds; the log is removed unless the server
        exited by itself (or ``keep_log``): then it says why."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(grace)
            except subprocess.TimeoutExpired:
                with suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
            if not keep_log:
                with suppress(OSError):
                    self.log.unlink()


def _check_answers(api_url: str) -> None:
    """A configured server that does not answer is one line (Prefect would retry, then raise)."""
    try:
        with urllib.request.urlopen(f"{api_url.rstrip('/')}/health", timeout=10) as answer:
            if answer.status == 200:
                return
            problem = f"HTTP {answer.status}"
    except (OSError, ValueError) as exc:
        problem = str(getattr(exc, "reason", None) or exc)
    raise ApiUnavailable(
        f"the Prefect server at PREFECT_API_URL={api_url} does not answer ({problem}): "
        "start it, or unset PREFECT_API_URL for a temporary one"
    )


def _send_queued(timeout: float) -> None:
    """Send the logs and events still queued while the server is up (at interpreter exit
    they would be retried against a stopped server for a minute, then reported with a traceback)."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with suppress(Exception):  # best effort: the run itself is over
            worker.drain_all(timeout=timeout)


def _interrupted() -> bool:
    """In a ``finally`` block: whether it runs because of Ctrl-C (or another non-error exit)."""
    exc = sys.exc_info()[1]
    return exc is not None and not isinstance(exc, Exception)


@contextmanager
def prefect_api() -> Iterator[str]:
    """The API for a run: ``PREFECT_API_URL`` when set, else a temporary server for the
    block. Yields its address. Raises :class:`ApiUnavailable` when it cannot start."""
    configured = PREFECT_API_URL.value()
    if configured:
        _check_answers(str(configured))
        yield str(configured)
        return
    server = TemporaryServer()
    try:
        server.start(timeout=float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")))
        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = server.api_url  # for worker processes
        # ... and for threads Prefect starts without copying the context (the process
        # pool's message forwarder): they read the process-wide settings, made at import.
        refresh_global_settings_context()
        try:
            with temporary_settings(updates={PREFECT_API_URL: server.api_url}):
                try:
                    yield server.api_url
                finally:
                    _send_queued(timeout=0.5 if _interrupted() else 15)
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
            else:
                os.environ["PREFECT_API_URL"] = previous
            refresh_global_settings_context()
    finally:
        server.stop(grace=1 if _interrupted() else 10)
