"""``make serve`` for real: the launcher (``python -m flows.server``), a Prefect server on a
free loopback port, the served deployments — driven through the API as the UI's Run
button does, then through the UI itself in headless Chromium — and Ctrl-C at the end.

The tests of this module share one launcher and run in order; the last one stops it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from flows.server import free_port, port_free, prefect_env

from newsetl.config import REPO_ROOT
from tests.integration.prefect_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOST,
    make_corpus,
    prefect_client_of,
    runs_rows,
    table_rows,
    wait_until,
)

pytestmark = [pytest.mark.server, pytest.mark.slow]


@dataclass
class Served:
    launcher: subprocess.Popen[bytes]
    log: Path
    ui: str
    env: dict[str, str]
    data: Path
    inbox: Path
    corpus: Path
    seconds_to_ready: float

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def descendants(pid: int) -> set[int]:
    """Every live process below ``pid`` (children of children too), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Iterator[Served]:
    root = tmp_path_factory.mktemp("served")
    home, data, inbox = root / "prefect", root / "data", root / "inbox"
    corpus = make_corpus(root, shared_data)
    port = free_port(HOST)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    base.update(
        NEWSETL_SERVE__PORT=str(port),
        NEWSETL_PATHS__DATA_DIR=str(data),
        NEWSETL_PATHS__INBOX_DIR=str(inbox),
        NEWSETL_INGEST__BATCH_DOCS="4",
        NEWSETL_SERVE__INPUT_ROOTS=json.dumps([str(root)]),  # the corpus; data and inbox are allowed as configured
        PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="1",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_HOME=str(home),  # as a user running a second server would: its own home (and port)
    )
    log = root / "make-serve.log"
    started = time.monotonic()
    with open(log, "wb") as out:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "flows.server"],
            cwd=REPO_ROOT,
            env=base,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ui = f"http://{HOST}:{port}"
    try:
        wait_until(
            lambda: f"Prefect UI at {ui}" in log.read_text(errors="replace") or launcher.poll() is not None,
            timeout=300,
            what="the launcher to print the UI address",
        )
        assert launcher.poll() is None, log.read_text(errors="replace")
        env = prefect_env(home, HOST, port, {})
        with prefect_client_of(env):
            yield Served(launcher, log, ui, env, data, inbox, corpus, time.monotonic() - started)
    finally:
        if launcher.poll() is None:  # the last test normally stopped it: stop it as Ctrl-C would
            children = descendants(launcher.pid)
            launcher.send_signal(signal.SIGINT)
            try:
                launcher.wait(timeout=90)
            except subprocess.TimeoutExpired:
                for pid in {launcher.pid, *children}:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                launcher.wait()


def wait_final(flow_run_id: UUID, timeout: float = 300) -> Any:
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            run = client.read_flow_run(flow_run_id)
            if run.state is not None and run.state.is_final():
                return run
            time.sleep(0.5)
    raise AssertionError(f"flow run {flow_run_id} did not finish within {timeout} s")


def only(deployment_id: UUID) -> Any:
    from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId

    return DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id]))


def states_of(flow_run_id: UUID) -> list[str]:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        return [s.name for s in client.read_flow_run_states(flow_run_id)]


def test_make_serve_prints_the_ui_address_and_serves_the_deployments(served: Served) -> None:
    from prefect.client.orchestration import get_client

    output = served.output()
    assert f"Prefect UI at {served.ui}" in output and "Ctrl-C stops" in output
    # PREFECT_HOME is honoured: the server's database is there, not in the repository's data/prefect.
    assert f"state in {served.env['PREFECT_HOME']})" in output
    assert Path(served.env["PREFECT_HOME"], "prefect.db").is_file()  # the SQLite database in PREFECT_HOME
    with get_client(sync_client=True) as client:
        found = {d.name: d for d in client.read_deployments()}
    assert set(found) == {"ingest-inbox", "process-paths", "reprocess", "compact"}
    [schedule] = found["ingest-inbox"].schedules
    assert getattr(schedule.schedule, "cron", None) == "*/15 * * * *" and schedule.active
    assert not found["ingest-inbox"].paused
    for deployment in found.values():
        assert deployment.global_concurrency_limit is not None and deployment.global_concurrency_limit.limit == 1
        assert deployment.concurrency_options is not None
        assert deployment.concurrency_options.collision_strategy.value == "ENQUEUE"
    assert served.inbox.is_dir()  # serve created the configured inbox
    print(f"make serve ready in {served.seconds_to_ready:.1f} s")


def test_process_paths_through_the_api_publishes_tables_and_artifacts_and_never_interleaves(served: Served) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId
    from prefect.exceptions import PrefectHTTPStatusError

    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("process-paths/process-paths")
        # Bad values are refused when the run is created, before anything starts.
        for bad in (
            {"paths": []},
            {"paths": [str(served.corpus)], "options": {"batch_docs": 0}},
            {"paths": [str(served.corpus)], "options": {"if_busy": "maybe"}},
        ):
            with pytest.raises(PrefectHTTPStatusError, match="409"):
                client.create_flow_run_from_deployment(deployment.id, parameters=bad)
        assert client.read_flow_runs(deployment_filter=only(deployment.id)) == []

        started = time.monotonic()
        run = client.create_flow_run_from_deployment(
            deployment.id, parameters={"paths": [str(served.corpus)], "options": {"report_top": 5}}
        )
    run = wait_final(run.id)
    assert run.state.is_completed(), run.state.message
    print(f"process-paths via the API: {time.monotonic() - started:.1f} s")

    [row] = runs_rows(served.data)
    assert row["flow"] == "process-paths" and row["docs_new"] == len(table_rows(served.data)["documents"]) > 10
    assert row["rejected"] == 2 and row["duplicates"] == 1
    with get_client(sync_client=True) as client:
        artifacts = {
            a.key: a
            for a in client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.id]))
            )
        }
    assert set(artifacts) == {"process-paths-counts", "process-paths-report", "process-paths-progress"}
    assert float(artifacts["process-paths-progress"].data) == 100.0
    counts = {r["measure"]: r["value"] for r in json.loads(artifacts["process-paths-counts"].data)}
    for measure, column in (
        ("documents in", "docs_in"),
        ("new documents", "docs_new"),
        ("duplicates", "duplicates"),
        ("rejected", "rejected"),
        ("sentences", "sentences"),
        ("mentions", "mentions"),
        ("claims", "claims"),
    ):
        assert counts[measure] == row[column], measure
    assert {f"seconds {s}" for s in ("ingest", "normalize", "segment", "publish", "total")} <= set(counts)
    assert row["run_id"] in artifacts["process-paths-report"].data

    # Two runs at once over the same new input: the second queues behind the first.
    fresh = served.corpus.parent / "fresh"
    fresh.mkdir()
    shutil.copy(served.corpus / "feed" / "ud.jsonl", fresh / "again.jsonl")
    (fresh / "new.txt").write_text("Sejm uchwalił ustawę głosami 240 posłów; przeciw było 190.\n")
    with get_client(sync_client=True) as client:
        pair = [
            client.create_flow_run_from_deployment(deployment.id, parameters={"paths": [str(fresh)]}) for _ in range(2)
        ]
    first, second = sorted((wait_final(r.id) for r in pair), key=lambda r: r.start_time)
    assert first.state.is_completed() and second.state.is_completed()
    assert second.start_time >= first.end_time, "the two runs overlapped"
    assert "AwaitingConcurrencySlot" in states_of(second.id)  # queued by Prefect, not racing for the lock
    rows = runs_rows(served.data)[1:]
    assert [r["data_version"] for r in rows] == [2, 3]
    assert [(r["docs_new"], r["duplicates"]) for r in rows] == [(1, 12), (0, 13)]


@pytest.mark.browser
def test_a_run_started_from_the_ui_completes(served: Served, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright
    from prefect.client.orchestration import get_client

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does it)")
    with get_client(sync_client=True) as client:
        deployment = client.read_deployment_by_name("process-paths/process-paths")
    source = served.corpus / "english.txt"
    name = f"from-the-ui-{int(time.time())}"
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport={"width": 1400, "height": 1000},
        )
        page = browser.new_page()
        try:
            page.goto(f"{served.ui}/deployments/deployment/{deployment.id}", wait_until="networkidle")
            expect(page.locator(".page-heading")).to_contain_text("process-paths")
            page.get_by_role("button", name="Run", exact=True).click()
            page.locator("a", has_text="Custom run").click()
            page.wait_for_url("**/run**")
            expect(page.get_by_text("Files or directories to read")).to_be_visible()
            expect(page.get_by_text("Relative paths are relative to the repository")).to_be_visible()
            # Number fields show the configured values; no "int | None" switch, no 'Property is type "None"'.
            expect(page.get_by_text("Documents per extraction task")).to_be_visible()
            expect(page.get_by_text('Property is type "None"')).to_have_count(0)
            numbers = page.locator("input[type=number]")  # wait_minutes, batch_docs, max_file_mb, report_top
            expect(numbers).to_have_count(4)
            assert [numbers.nth(i).input_value() for i in range(4)] == ["60", "4", "200", "10"]  # batch_docs: 4 here
            page.locator("input[type=text]").first.fill(name)  # the run's name
            fields = page.locator("textarea")  # string parameters: data_dir, and each item of paths
            expect(fields).to_have_count(1)
            page.get_by_role("button", name="Add item").click()
            expect(fields).to_have_count(2)
            fields.first.fill(str(source))  # the new item of paths comes before data_dir
            expect(fields.nth(1)).to_have_value(str(served.data))
            page.get_by_role("button", name="Submit").click()
            link = page.get_by_role("link", name=name, exact=True).first
            link.wait_for(timeout=60_000)
            link.click()
            page.wait_for_url(re.compile(r".*/runs/flow-run/.*"))
            expect(page.locator(".page-heading .state-badge")).to_have_text("Completed", timeout=240_000)
        except Exception:
            page.screenshot(path=str(tmp_path / "failure.png"), full_page=True)
            print(f"screenshot: {tmp_path / 'failure.png'}")
            raise
        finally:
            browser.close()
    print(f"run from the UI: {time.monotonic() - started:.1f} s")
    last = runs_rows(served.data)[-1]
    assert json.loads(last["parameters"])["paths"] == [str(source)] and last["docs_in"] == 1


def logs_of(flow_run_id: UUID) -> list[Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    with get_client(sync_client=True) as client:
        return list(client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))))


def test_bad_parameters_fail_the_run_at_once_with_one_line_and_no_traceback(served: Served) -> None:
    """Any client of the (unauthenticated) API can start a run: inputs and data directories
    outside the allowed roots are refused, as are inputs that do not exist and unusable data
    directories — before anything is read or locked, in one line, in the run's state and log."""
    from prefect.client.orchestration import get_client

    a_file = served.data / "not-a-directory"  # under the configured data directory: an allowed root
    served.data.mkdir(parents=True, exist_ok=True)
    a_file.write_text("a file where a data directory should be")
    cases: list[tuple[str, dict[str, Any], str]] = [
        ("process-paths", {"paths": [str(served.corpus / "no-such-file.txt")]}, "no such file or directory: "),
        ("process-paths", {"paths": ["/etc"]}, "'/etc' is outside the folders runs may read ("),
        ("process-paths", {"paths": ["data/../../../etc/passwd"]}, "is outside the folders runs may read"),
        (
            "process-paths",
            {"paths": [str(served.corpus)], "data_dir": "/tmp"},
            "'/tmp' is outside the folders runs may write",
        ),
        ("process-paths", {"paths": [str(served.corpus)], "data_dir": str(a_file)}, "not-a-directory' is not a folder"),
        ("ingest-inbox", {"inbox_dir": "/etc"}, "inbox folder '/etc' is outside the folders runs may read"),
        ("compact", {"data_dir": "/var/tmp"}, "'/var/tmp' is outside the folders runs may write"),
    ]
    before = runs_rows(served.data)
    with get_client(sync_client=True) as client:
        started = [
            (
                client.create_flow_run_from_deployment(
                    client.read_deployment_by_name(f"{name}/{name}").id, parameters=p
                ),
                said,
            )
            for name, p, said in cases
        ]
    finished = [(wait_final(run.id), said) for run, said in started]
    for run, said in finished:
        message = run.state.message or ""
        assert run.state.is_failed() and said in message and "\n" not in message, message
        assert (run.end_time - run.start_time).total_seconds() < 30
    time.sleep(5)  # a run's process sends its last log lines as it exits
    for run, _ in finished:
        wait_until(lambda r=run: any(log.level >= 40 for log in logs_of(r.id)), timeout=60, what="the run's log")
        errors = [log.message for log in logs_of(run.id) if log.level >= 40]
        assert errors == [run.state.message], errors  # one line in the log: the message, and no traceback
    assert "Traceback" not in served.output()  # nor in make serve's terminal
    assert runs_rows(served.data) == before  # nothing ran
    assert a_file.read_text() == "a file where a data directory should be"
    a_file.unlink()


def test_ctrl_c_stops_the_serve_process_and_the_server(served: Served) -> None:
    launcher = served.launcher
    children = descendants(launcher.pid)
    assert len(children) >= 2  # the server and the serve process (and their helpers)
    launcher.send_signal(signal.SIGINT)  # what Ctrl-C in the terminal sends
    assert launcher.wait(timeout=120) == 0
    wait_until(lambda: not any(alive(p) for p in children), timeout=30, what="the launcher's children to exit")
    port = int(served.ui.rsplit(":", 1)[1])
    assert port_free(HOST, port)
    assert "Pausing all deployments" in served.output() or "stopping the deployments" in served.output()
