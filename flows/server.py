"""``make serve``: a local Prefect server and the deployments, in one command.

``python -m flows.server`` starts ``prefect server start`` bound to ``serve.host``
(loopback by default) on ``serve.port``, with its state and SQLite database in
``PREFECT_HOME`` (default ``data/prefect/``: :func:`prefect_home`; two servers need two
homes and two ports); waits until it answers; starts ``python -m flows.deployments``
against it; waits until the four deployments are registered; prints the UI address; and
then waits. Ctrl-C (or SIGTERM) stops the serve process first — so it can pause its
schedules while the server is still up — then its flow runs, then the server.

The port is set through ``PREFECT_SERVER_API_PORT`` and ``PREFECT_UI_API_URL`` rather
than ``--port``: in Prefect 3.9 ``--port`` alone leaves the UI calling port 4200.

This module does not import Prefect: the children get their Prefect settings from the
environment built here (:func:`prefect_env`), which the tests reuse.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from flows.environment import with_prefect_defaults
from flows.processes import tied
from newsetl.allocators import tune_allocators
from newsetl.config import REPO_ROOT, Settings, load_settings

DEPLOYMENTS = ("ingest-inbox", "process-paths", "reprocess", "compact")
PREFECT = str(Path(sys.executable).with_name("prefect"))


class ServeError(RuntimeError):
    """The server or the serve process did not come up."""


def prefect_env(home: Path, host: str, port: int, base: Mapping[str, str] | None = None) -> dict[str, str]:
    """Environment for a server on ``host:port`` keeping its state in ``home``, and for its clients."""
    env = dict(os.environ if base is None else base)
    api = f"http://{host}:{port}/api"
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{home}/prefect.db",
        PREFECT_SERVER_API_HOST=host,
        PREFECT_SERVER_API_PORT=str(port),
        PREFECT_API_URL=api,
        PREFECT_UI_API_URL=api,
        PREFECT_UI_URL=f"http://{host}:{port}",
    )
    with_prefect_defaults(env)  # the same Prefect settings as every other newsetl process
    # A queued run (deployment concurrency limit) is retried after this many seconds;
    # Prefect's 30 s default makes a queue of short runs crawl.
    env.setdefault("PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS", "5")
    # How often the serve process looks for runs to start (the UI's Run button).
    env.setdefault("PREFECT_RUNNER_POLL_FREQUENCY", "5")
    return env


def port_free(host: str, port: int) -> bool:
    """Whether nothing listens on ``host:port`` (connections of a stopped server lingering in
    TIME_WAIT do not count: servers bind with SO_REUSEADDR, and so does this probe)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _api(url: str, body: object | None = None, timeout: float = 5) -> object:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


@dataclass
class Child:
    """A process started in its own session, so it and its children can be stopped as a group."""

    name: str
    process: subprocess.Popen[bytes]

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, first: signal.Signals = signal.SIGTERM, grace: float = 30, group: bool = True) -> None:
        """``first`` to the child (``group``: to its whole process group), SIGKILL to the
        group after ``grace`` seconds; then SIGKILL to whatever of the group is left."""
        pgid = self.process.pid  # start_new_session: the child leads its own group
        if self.alive():
            if group:
                _signal_group(pgid, first)
            else:
                self.process.send_signal(first)
            try:
                self.process.wait(grace)
            except subprocess.TimeoutExpired:
                _signal_group(pgid, signal.SIGKILL)
                self.process.wait(10)
        _signal_group(pgid, signal.SIGKILL)  # flow runs the process left behind, if any


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with suppress(ProcessLookupError):
        os.killpg(pgid, sig)


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def start_server(env: Mapping[str, str], log: Path, timeout: float = 180) -> Child:
    """``prefect server start`` with ``env``; returns once ``/api/health`` answers."""
    api = env["PREFECT_API_URL"]
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "ab") as out:
        process = subprocess.Popen(
            tied(
                [
                    PREFECT,
                    "server",
                    "start",
                    "--host",
                    env["PREFECT_SERVER_API_HOST"],
                    "--port",
                    env["PREFECT_SERVER_API_PORT"],
                ],
                signal.SIGTERM,
            ),
            env=dict(env),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    child = Child("prefect server", process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not child.alive():
            raise ServeError(
                f"the Prefect server exited with code {process.returncode}; its log ({log}) ends:\n{_tail(log)}"
            )
        try:
            if _api(f"{api}/health", timeout=2) is True:
                return child
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    child.stop()
    raise ServeError(f"the Prefect server did not answer at {api} within {timeout:.0f} s; see {log}")


def start_serve(env: Mapping[str, str], log: Path | None = None, cwd: Path | None = None) -> Child:
    """``python -m flows.deployments`` (the deployments) against the server named in ``env``."""
    out = open(log, "ab") if log else None  # noqa: SIM115 - handed to the child, closed below
    try:
        process = subprocess.Popen(
            # With the server gone, the serve process cannot pause its schedules; don't let it try.
            tied([sys.executable, "-m", "flows.deployments"], signal.SIGKILL),
            env=dict(env),
            cwd=cwd or Path.cwd(),
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    finally:
        if out:
            out.close()
    return Child("serve", process)


def deployment_names(api: str) -> list[str]:
    found = _api(f"{api}/deployments/filter", {"limit": 200})
    return sorted(str(d["name"]) for d in found) if isinstance(found, list) else []


def wait_for_deployments(api: str, names: tuple[str, ...], serve: Child, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not serve.alive():
            raise ServeError(f"the serve process exited with code {serve.process.returncode}")
        try:
            if set(names) <= set(deployment_names(api)):
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.5)
    raise ServeError(f"the deployments did not appear within {timeout:.0f} s")


@contextmanager
def served(
    env: Mapping[str, str], home: Path, cwd: Path | None = None, serve_log: Path | None = None
) -> Iterator[tuple[Child, Child]]:
    """A server and the serve process for as long as the block runs; both stopped after it."""
    server = start_server(env, home / "server.log")
    serve: Child | None = None
    try:
        serve = start_serve(env, serve_log, cwd)
        wait_for_deployments(env["PREFECT_API_URL"], DEPLOYMENTS, serve)
        yield server, serve
    finally:
        if serve is not None:
            # SIGINT is Ctrl-C for the serve process: it pauses its schedules, then exits;
            # flow runs it leaves behind are killed with its process group.
            serve.stop(signal.SIGINT, grace=30, group=False)
        server.stop(signal.SIGTERM, grace=30)


def prefect_home(settings: Settings, given: Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Where the server keeps its state: ``--home``, else ``PREFECT_HOME``, else ``serve.prefect_home``."""
    from_env = (os.environ if environ is None else environ).get("PREFECT_HOME")
    chosen = given or (Path(from_env).expanduser() if from_env else settings.resolve(settings.serve.prefect_home))
    return chosen.absolute()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make serve", description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--home",
        type=Path,
        default=None,
        help="server database and logs (default: $PREFECT_HOME, else serve.prefect_home: data/prefect)",
    )
    args = parser.parse_args(argv)
    tune_allocators()
    settings = load_settings()
    host, port = settings.serve.host, settings.serve.port
    if not port_free(host, port):
        print(
            f"newsetl: error: port {port} on {host} is in use (another Prefect server?); "
            "stop it or choose another port with NEWSETL_SERVE__PORT=…",
            file=sys.stderr,
        )
        return 2
    home = prefect_home(settings, args.home)
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"newsetl: error: cannot use {home} for the server's state: {exc.strerror}", file=sys.stderr)
        return 2
    env = prefect_env(home, host, port)
    # Ctrl-C and SIGTERM both mean "stop". SIGINT is set explicitly because a process
    # started in the background by a script inherits it ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    started = time.monotonic()
    print(f"newsetl: starting a Prefect server on {host}:{port} (state in {home}) …", flush=True)
    try:
        with served(env, home, cwd=REPO_ROOT) as (_, serve):
            print(
                f"\nnewsetl: Prefect UI at http://{host}:{port}  (ready in {time.monotonic() - started:.0f} s)\n"
                f"  deployments: ingest-inbox (cron {settings.serve.inbox_cron!r}, inbox {settings.inbox_dir}),\n"
                "               process-paths, reprocess, compact — open Deployments in the UI to run them.\n"
                f"  data directory: {settings.data_dir}\n"
                "  Ctrl-C stops the deployments and the server.\n",
                flush=True,
            )
            try:
                while serve.alive():
                    time.sleep(1)
            except KeyboardInterrupt:
                print("\nnewsetl: stopping the deployments and the server …", flush=True)
                return 0
            print(
                f"newsetl: the serve process exited (code {serve.process.returncode}); stopping the server",
                file=sys.stderr,
            )
            return 1
    except KeyboardInterrupt:
        print("\nnewsetl: stopped", flush=True)
        return 0
    except ServeError as exc:
        print(f"newsetl: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
