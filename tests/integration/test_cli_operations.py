"""``newsetl run`` as a user runs it, in a fresh process: Ctrl-C, progress, Prefect's environment.

Ctrl-C is sent as a terminal sends it — SIGINT to the whole process group — to a run
started the way a script starts one in the background (SIGINT inherited *ignored*), so
the command must restore Ctrl-C itself. The run must stop within 5 s of the signal (the
behaviour asked for: measured from the signal to the exit), with one line and exit code
130, publish nothing, leave no process behind, and leave nothing the next run does not clear.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from newsetl.tables.store import Store
from tests.integration.prefect_helpers import ud_sentences

pytestmark = [pytest.mark.slow]

NEWSETL = [sys.executable, "-m", "flows.cli"]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """400 articles of real Polish sentences in one JSONL file: 20 extract batches of 20."""
    folder = tmp_path_factory.mktemp("long")
    sentences = ud_sentences(shared_data, 2000)
    with open(folder / "ud.jsonl", "w", encoding="utf-8") as out:
        for i in range(400):
            text = " ".join(sentences[(i * 5) % 1990 : (i * 5) % 1990 + 7])
            out.write(json.dumps({"id": f"d{i}", "text": f"{i}. {text}"}, ensure_ascii=False) + "\n")
    return folder


@pytest.fixture(scope="module")
def prefect_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One Prefect home for the module's runs (its database is migrated once)."""
    return tmp_path_factory.mktemp("prefect-home")


def user_env(home: Path, mark: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_", "DO_NOT_TRACK"))}
    env.update(
        PREFECT_HOME=str(home),
        NEWSETL_INGEST__BATCH_DOCS="20",
        NEWSETL_RUN__WORKERS="2",
        NEWSETL_RUN__PROGRESS_SECONDS="0",  # a progress line after every batch: the test waits for one
        NEWSETL_TEST_MARK=mark,  # inherited by every process the run starts: found in /proc afterwards
    )
    env.update(extra)
    return env


def processes_marked(mark: str) -> list[int]:
    """Live processes whose environment holds ``mark`` (the run, its server, its workers)."""
    found = []
    needle = f"NEWSETL_TEST_MARK={mark}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle in (entry / "environ").read_bytes().split(b"\0"):
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if state != "Z":
                    found.append(int(entry.name))
        except OSError:
            continue
    return found


class Lines:
    """A child's stderr, read line by line in a thread (so the test can wait for a line)."""

    def __init__(self, stream: object) -> None:
        self.lines: list[str] = []
        self._stream = stream
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        for line in self._stream:  # type: ignore[attr-defined]
            self.lines.append(line)

    def wait_for(self, prefix: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(line.startswith(prefix) for line in self.lines):
                return
            if not self._thread.is_alive():
                break
            time.sleep(0.1)
        raise AssertionError(f"no line starting {prefix!r} within {timeout} s:\n{''.join(self.lines)[-3000:]}")

    def after(self, count: int) -> list[str]:
        self._thread.join(10)
        return self.lines[count:]


def ignore_sigint() -> None:
    """What a shell does to a command it starts in the background from a script."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.mark.parametrize("runner", ["inline", "process", "dask", "local"])
def test_ctrl_c_stops_a_run_within_5_s_with_one_line_and_publishes_nothing(
    runner: str, long_corpus: Path, prefect_home: Path, tmp_path: Path
) -> None:
    data, mark = tmp_path / "data", uuid.uuid4().hex
    how = ["--local"] if runner == "local" else ["--runner", runner]
    run = subprocess.Popen(
        [*NEWSETL, "run", str(long_corpus), "--data", str(data), *how],
        env=user_env(prefect_home, mark),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=ignore_sigint,
    )
    stderr = Lines(run.stderr)
    try:
        stderr.wait_for("newsetl: extract: 2 of", timeout=600)  # a few batches in: the run is busy
        seen = len(stderr.lines)
        signalled = time.monotonic()
        os.killpg(run.pid, signal.SIGINT)  # Ctrl-C
        code = run.wait(timeout=120)
        seconds = time.monotonic() - signalled
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    said = [line for line in stderr.after(seen) if not line.startswith("newsetl: extract:")]
    assert code == 130, "".join(stderr.lines)[-3000:]
    assert said == ["newsetl: interrupted; nothing was published\n"], "".join(said)[-3000:]
    assert run.stdout is not None and run.stdout.read() == ""
    assert seconds <= 5.0, f"stopped {seconds:.1f} s after Ctrl-C"
    print(f"{runner}: stopped {seconds:.1f} s after Ctrl-C")
    assert Store(data).version() == 0  # nothing published
    time.sleep(1)
    assert processes_marked(mark) == [], "processes of the run are still alive"

    # The next run clears what the interrupted one left, and completes.
    again = subprocess.run(
        [*NEWSETL, "run", str(long_corpus), "--data", str(data), "--local"],
        env=user_env(prefect_home, mark, NEWSETL_RUN__PROGRESS_SECONDS="60"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert again.returncode == 0, again.stderr[-3000:]
    assert again.stdout.startswith("run ") and ": 400 processed, 400 new" in again.stdout
    store = Store(data)
    assert store.version() == 1 and not (store.staging.exists() and any(store.staging.iterdir()))


def test_progress_lines_when_the_output_is_not_a_terminal(
    long_corpus: Path, prefect_home: Path, tmp_path: Path
) -> None:
    done = subprocess.run(
        [*NEWSETL, "run", str(long_corpus), "--data", str(tmp_path / "data"), "--local"],
        env=user_env(prefect_home, "lines", NEWSETL_RUN__PROGRESS_SECONDS="0"),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stderr.splitlines()
    extracts = [line for line in lines if line.startswith("newsetl: extract: ")]
    assert len(extracts) == 20  # one per batch (progress_seconds = 0)
    assert extracts[-1].startswith("newsetl: extract: 21 of 21 batches, 1 of 1 file, 400 documents, ")
    assert all(" words, " in line and " documents/s, ETA " in line for line in extracts)
    assert lines[-1].startswith("newsetl: done: 21 of 21 batches")
    assert done.stdout.count("\n") == 1 and done.stdout.startswith("run ")  # stdout: the result alone


def read_pty(command: list[str], env: dict[str, str], timeout: float) -> tuple[int, str]:
    """Run ``command`` on a pseudo-terminal (stdout and stderr); its exit code and output."""
    controller, terminal = pty.openpty()
    child = subprocess.Popen(
        command,
        env={**env, "COLUMNS": "160", "TERM": "xterm"},
        cwd=REPO,
        stdin=terminal,
        stdout=terminal,
        stderr=terminal,
    )
    os.close(terminal)
    output = bytearray()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([controller], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(controller, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            elif child.poll() is not None:
                break
        return child.wait(timeout=60), output.decode(errors="replace")
    finally:
        os.close(controller)
        if child.poll() is None:
            child.kill()


def test_on_a_terminal_a_progress_bar_and_no_telemetry_notice(
    long_corpus: Path, tmp_path: Path, prefect_home: Path
) -> None:
    """A first run in a fresh Prefect home, on a terminal: Prefect would print its telemetry
    notice there; newsetl turns telemetry off (the same settings as ``make serve``)."""
    fresh_home = tmp_path / "fresh-prefect-home"
    env = user_env(fresh_home, "pty")
    env.pop("NEWSETL_RUN__PROGRESS_SECONDS")
    code, output = read_pty([*NEWSETL, "run", str(long_corpus), "--data", str(tmp_path / "data")], env, timeout=900)
    assert code == 0, output[-3000:]
    assert "anonymous usage data" not in output and "telemetry" not in output.lower()
    assert "━" in output and " batches" in output and "ETA" in output and "docs/s" in output  # the bar
    assert "newsetl: extract:" not in output  # lines are for logs, the bar for terminals
    assert "Traceback" not in output and "Finished in state" not in output  # no Prefect console lines
    last = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", output).rstrip().splitlines()[-1]  # the bar, erased
    assert last.startswith("run ") and ": 400 processed, 400 new" in last


def test_every_newsetl_process_gets_the_same_prefect_settings() -> None:
    from flows.environment import PREFECT_DEFAULTS
    from flows.server import prefect_env

    served = prefect_env(Path("/tmp/home"), "127.0.0.1", 4999, {})
    assert {k: served[k] for k in PREFECT_DEFAULTS} == PREFECT_DEFAULTS
    assert PREFECT_DEFAULTS["DO_NOT_TRACK"] == "1" and PREFECT_DEFAULTS["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    env = {k: v for k, v in os.environ.items() if k not in PREFECT_DEFAULTS}
    shown = subprocess.run(
        [sys.executable, "-c", "import flows.cli, json, os; print(json.dumps(dict(os.environ)))"],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    cli_env = json.loads(shown.stdout)
    assert {k: cli_env[k] for k in PREFECT_DEFAULTS} == PREFECT_DEFAULTS


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        ("PREFECT_API_URL=http://127.0.0.1:{port}/api", "the Prefect server at PREFECT_API_URL=http://127.0.0.1:"),
        (
            "PREFECT_API_DATABASE_CONNECTION_URL=sqlite+aiosqlite:////proc/nope/x.db",
            "the temporary Prefect server exited",
        ),
        ("PREFECT_HOME=/proc/nope", "cannot create Prefect's home /proc/nope"),
    ],
    ids=["server-down", "database-unusable", "home-unusable"],
)
def test_a_prefect_that_cannot_be_used_is_one_line(
    setting: str, said: str, prefect_home: Path, tmp_path: Path, sample_article: Path
) -> None:
    from flows.server import free_port

    name, value = setting.format(port=free_port()).split("=", 1)
    done = subprocess.run(
        [*NEWSETL, "run", str(sample_article), "--data", str(tmp_path / "data")],
        env=user_env(prefect_home, "unusable", **{name: value}),
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line.startswith(f"newsetl: error: {said}"), done.stderr[-3000:]
    assert Store(tmp_path / "data").version() == 0
