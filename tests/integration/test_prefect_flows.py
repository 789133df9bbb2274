"""The flows against a real (local, temporary) Prefect server, called in this process.

Runners: the same flow over the same input gives the same tables in-process, on a local
process pool and on a local Dask cluster, and the same as ``run_locally`` (no Prefect).
Failures are injected into what the run's steps call (``newsetl.run.steps``), so they reach
the flow the way a real failure would: through the step's Prefect task.
Failures: a failed batch publishes nothing and the next run recovers; I/O errors are
retried, other errors are not; timeouts stop a task. Reports: the artifacts hold the
``runs`` row's numbers. Plus the inbox, reprocess and compact flows, and the lock.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import duckdb
import pytest
from flows.deployments import deployments
from flows.flows import compact_flow, ingest_inbox_flow, process_paths_flow, reprocess_flow, run_with_prefect
from flows.params import TableName

from newsetl.config import Settings, load_settings
from newsetl.query.report import report_of
from newsetl.run import steps as run_steps
from newsetl.run.engine import BatchFailed
from newsetl.run.local import run_locally
from newsetl.tables.schemas import TABLES
from newsetl.tables.store import LockBusy, Store
from tests.integration.prefect_helpers import (
    local_server,
    make_corpus,
    prefect_client_of,
    runs_rows,
    table_rows,
)

pytestmark = [pytest.mark.server, pytest.mark.slow]

BATCH_DOCS = 4  # several ingest groups and extract chunks from a small corpus


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    home = tmp_path_factory.mktemp("prefect-home")
    # The flows read and write only under allowed roots (flows.checks): here, the test's temporary folders.
    roots = json.dumps([str(tmp_path_factory.getbasetemp())])
    with (
        pytest.MonkeyPatch.context() as env_vars,
        local_server(home) as env,
        prefect_client_of(env),
    ):
        env_vars.setenv("NEWSETL_SERVE__INPUT_ROOTS", roots)
        env_vars.setenv("NEWSETL_SERVE__DATA_ROOTS", roots)
        yield env


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    return make_corpus(tmp_path_factory.mktemp("input"), shared_data)


def settings_for(runner: str = "inline", **run: Any) -> Settings:
    return load_settings(ingest={"batch_docs": BATCH_DOCS}, run={"task_runner": runner, "workers": 2, **run})


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, corpus: Path) -> dict[str, list[tuple[Any, ...]]]:
    """The tables ``run_locally`` (no Prefect at all) makes of the corpus."""
    data = tmp_path_factory.mktemp("reference")
    run_locally([corpus], settings_for(), data)
    return table_rows(data)


def artifacts_of(flow_run_id: UUID) -> dict[str, Any]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId

    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {a.key: a for a in found}


def versions(data: Path) -> int:
    return Store(data).version()


# -- runners -------------------------------------------------------------------------


def cli_run(
    env: dict[str, str], runner: str, paths: list[Path], data: Path, **extra: str
) -> subprocess.CompletedProcess[str]:
    """``newsetl run`` in a fresh process, against the test server: the way a user runs it
    (Prefect reads its settings from that process's environment, workers included)."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "NEWSETL_"))}
    child_env.update({k: env[k] for k in ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED")})
    child_env.update(NEWSETL_INGEST__BATCH_DOCS=str(BATCH_DOCS), NEWSETL_RUN__WORKERS="2", **extra)
    command = [sys.executable, "-m", "flows.cli", "run", *map(str, paths), "--data", str(data), "--runner", runner]
    return subprocess.run(command, env=child_env, capture_output=True, text=True, timeout=600, check=False)


def last_task_runs(flow_name: str) -> list[Any]:
    """The task runs the server recorded for the latest run of ``flow_name``."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName, FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        [run] = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=[flow_name])), sort=FlowRunSort.START_TIME_DESC, limit=1
        )
        return list(client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id]))))


@pytest.mark.parametrize("runner", ["inline", "process", "dask"])
def test_runner_gives_the_tables_of_a_local_run(
    server: dict[str, str], corpus: Path, reference: dict[str, list[tuple[Any, ...]]], tmp_path: Path, runner: str
) -> None:
    data = tmp_path / "data"
    started = time.monotonic()
    done = cli_run(server, runner, [corpus], data)
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stderr[-3000:]
    tables = table_rows(data)
    for name in reference:
        assert tables[name] == reference[name], f"{name} differs with the {runner} runner"
    [row] = runs_rows(data)
    assert row["docs_new"] == len(reference["documents"]) > 10
    assert row["rejected"] == 2 and row["duplicates"] == 1  # broken.txt, notes.pdf; feed/seed-copy.txt
    assert done.stdout.startswith(f"run {row['run_id']}: {row['docs_in']} processed, {row['docs_new']} new")
    # The workers reported their task runs to this server (not to a server of their own).
    tasks = last_task_runs("newsetl-run")
    extracts = [t for t in tasks if t.name.startswith("extract")]
    assert len(extracts) >= 4 and all(t.state is not None and t.state.is_completed() for t in tasks)
    print(f"{runner}: {elapsed:.1f} s")


# -- failures ------------------------------------------------------------------------


def test_failed_batch_publishes_nothing_and_the_next_run_recovers(
    server: dict[str, str],
    corpus: Path,
    reference: dict[str, list[tuple[Any, ...]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = tmp_path / "data"
    run_with_prefect([corpus / "english.txt"], settings_for(), data)  # something published before
    before = table_rows(data)
    real = run_steps.extracted
    calls: list[str] = []

    def second_chunk_fails(chunk: Any, *args: Any) -> Any:
        calls.append(chunk.column("doc_id")[0].as_py())
        if len(calls) == 2:
            raise ValueError("a batch that cannot be extracted")
        return real(chunk, *args)

    monkeypatch.setattr(run_steps, "extracted", second_chunk_fails)
    with pytest.raises(BatchFailed, match=r"extract batch g\d+-c\d+ failed, so nothing was published"):
        run_with_prefect([corpus], settings_for(), data)
    assert len(calls) == 2  # a ValueError is not retried, and no further batch starts
    assert versions(data) == 1 and len(runs_rows(data)) == 1
    assert table_rows(data) == before
    assert len(list(Store(data).staging.iterdir())) == 1  # the failed run's leftovers, for now

    monkeypatch.setattr(run_steps, "extracted", real)
    summary = run_with_prefect([corpus], settings_for(), data)
    assert summary.data_version == 2 and len(runs_rows(data)) == 2
    assert table_rows(data)["documents"] == reference["documents"]
    assert not Store(data).staging.exists() or not list(Store(data).staging.iterdir())


def test_crashed_worker_fails_the_run_and_publishes_nothing(
    server: dict[str, str], corpus: Path, tmp_path: Path
) -> None:
    """A process-pool worker killed (SIGKILL) while extracting: the run fails, nothing is published."""
    data = tmp_path / "data"
    crashed = cli_run(server, "process", [corpus], data, NEWSETL_KILL_AT="extract:start")
    assert crashed.returncode != 0
    assert "nothing was published" in crashed.stderr or "terminated abruptly" in crashed.stderr, crashed.stderr[-3000:]
    assert versions(data) == 0
    again = cli_run(server, "process", [corpus], data)
    assert again.returncode == 0, again.stderr[-3000:]
    assert versions(data) == 1 and not list(Store(data).staging.iterdir())


def test_io_errors_are_retried_and_other_errors_are_not(
    server: dict[str, str],
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = run_steps.ingested_chunks
    calls: list[list[str]] = []

    def flaky(files: Any, *args: Any) -> Any:
        calls.append([f.uri for f in files])
        if len(calls) == 1:
            raise OSError(errno.EIO, "Input/output error (a flaky share)")
        return real(files, *args)

    monkeypatch.setattr(run_steps, "ingested_chunks", flaky)
    settings = settings_for(io_retries=2, io_retry_delay_seconds=0.2)
    summary = run_with_prefect([corpus / "english.txt"], settings, tmp_path / "a")
    english = [str(corpus / "english.txt")]
    assert calls == [english, english] and summary.counts["docs_new"] == 1

    calls.clear()

    def broken(files: Any, *args: Any) -> Any:
        calls.append([f.uri for f in files])
        raise ValueError("not an I/O problem")

    monkeypatch.setattr(run_steps, "ingested_chunks", broken)
    with pytest.raises(BatchFailed, match="ingest batch g0 failed"):
        run_with_prefect([corpus / "english.txt"], settings, tmp_path / "b")
    assert calls == [english]


def test_a_task_that_overruns_its_timeout_fails_the_run(
    server: dict[str, str],
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def endless(*args: Any) -> Any:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            time.sleep(0.05)
        raise AssertionError("the timeout did not stop the task")

    monkeypatch.setattr(run_steps, "extracted", endless)
    started = time.monotonic()
    with pytest.raises(BatchFailed, match=r"(?i)timed out|timeout"):
        run_with_prefect([corpus / "english.txt"], settings_for(task_timeout_seconds=2), tmp_path / "data")
    assert time.monotonic() - started < 30
    assert versions(tmp_path / "data") == 0


# -- process-paths, reports, the lock ------------------------------------------------------


def test_process_paths_publishes_a_report_that_matches_the_runs_table(
    server: dict[str, str], corpus: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    state = process_paths_flow(
        [str(corpus)], data_dir=str(data), options={"batch_docs": BATCH_DOCS, "report_top": 5}, return_state=True
    )
    assert state.is_completed()
    result = state.result()
    [row] = runs_rows(data)
    assert row["flow"] == "process-paths" and row["run_id"] == result["run_id"]
    assert json.loads(row["parameters"])["options"]["batch_docs"] == BATCH_DOCS

    found = artifacts_of(state.state_details.flow_run_id)
    assert set(found) == {"process-paths-counts", "process-paths-report", "process-paths-progress"}
    # The progress artifact was updated after every batch and ends at 100 %, saying what was done.
    progress = found["process-paths-progress"]
    assert progress.type == "progress" and float(progress.data) == 100.0
    assert progress.description.startswith("done: ")
    assert f"{row['docs_new']} documents" in progress.description and "of 6 files" in progress.description
    counts = {r["measure"]: r["value"] for r in json.loads(found["process-paths-counts"].data)}
    assert counts["documents in"] == row["docs_in"] and counts["new documents"] == row["docs_new"]
    assert counts["rejected"] == row["rejected"] == 2
    assert counts["claims"] == row["claims"] and counts["mentions"] == row["mentions"]
    assert counts["seconds total"] == pytest.approx(row["seconds_total"], abs=1e-3)
    markdown = found["process-paths-report"].data
    assert "| binary | 1 |" in markdown and "| unsupported_format | 1 |" in markdown

    report = report_of(data, row["run_id"], top=5)
    assert report is not None and report.counts["docs_new"] == row["docs_new"]
    with duckdb.connect() as con:
        [(mentions,)] = con.execute(f"SELECT count(*) FROM read_parquet('{data}/mentions/**/*.parquet')").fetchall()
    assert sum(e.mentions for e in report.entities) <= mentions
    if mentions:
        assert report.entities and report.entities[0].name in markdown
    assert report.claims, "the corpus states quantities (4,5 proc., 12 mln zł, 2.9%)"
    kinds = {c.kind for c in report.claims}
    for kind in kinds:
        values = [c.value if c.value is not None else c.high for c in report.claims if c.kind == kind]
        assert len(values) <= 3 and values == sorted(values, reverse=True)
    assert report.claims[0].text in markdown


def test_a_second_writer_waits_for_the_lock_or_fails_as_asked(
    server: dict[str, str], corpus: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    store = Store(data)
    release = threading.Event()
    held = threading.Event()

    def hold() -> None:
        with store.locked("a test holding the lock"):
            held.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    held.wait(10)
    try:
        with pytest.raises(LockBusy, match="a test holding the lock"):
            process_paths_flow([str(corpus / "english.txt")], data_dir=str(data), options={"if_busy": "fail"})
        assert versions(data) == 0
        threading.Timer(2.0, release.set).start()
        started = time.monotonic()
        result = process_paths_flow([str(corpus / "english.txt")], data_dir=str(data), options={"wait_minutes": 1})
        assert time.monotonic() - started >= 1.5  # it waited for the holder instead of interleaving
        assert result["data_version"] == 1
    finally:
        release.set()
        holder.join()


# -- inbox -------------------------------------------------------------------------------


def test_inbox_processes_each_content_once_and_moves_nothing(
    server: dict[str, str], corpus: Path, tmp_path: Path
) -> None:
    inbox, data = tmp_path / "inbox", tmp_path / "data"
    inbox.mkdir()
    shutil.copy(corpus / "seed.txt", inbox / "a.txt")
    shutil.copy(corpus / "feed" / "ud.jsonl", inbox / "b.jsonl")

    def listing() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted(inbox.iterdir())}

    def run() -> dict[str, Any]:
        result: dict[str, Any] = ingest_inbox_flow(inbox_dir=str(inbox), data_dir=str(data))
        return result

    first = run()
    assert first["new_files"] == 2 and first["data_version"] == 1 and first["docs_new"] == 13
    files = listing()

    again = run()  # a duplicate trigger: nothing new, nothing published
    assert again["new_files"] == 0 and versions(data) == 1 and len(runs_rows(data)) == 1

    (inbox / "a.txt").touch()  # a new time, the same content
    shutil.copy(inbox / "a.txt", inbox / "a-copy.txt")  # a new name, the same content
    assert run()["new_files"] == 0 and versions(data) == 1

    (inbox / "c.txt").write_text(corpus.joinpath("english.txt").read_text())
    (inbox / ".d.txt.part").write_text("being written: hidden until renamed")
    third = run()
    assert third["new_files"] == 1 and third["docs_in"] == 1 and third["docs_new"] == 1
    assert [r["flow"] for r in runs_rows(data)] == ["ingest-inbox", "ingest-inbox"]

    with open(inbox / "b.jsonl", "a", encoding="utf-8") as out:  # changed content is new content
        out.write(json.dumps({"id": "late", "text": "Spóźniona wiadomość o 3 proc. wzroście płac."}) + "\n")
    fourth = run()
    assert fourth["new_files"] == 1 and fourth["docs_new"] == 1 and fourth["duplicates"] == 12

    assert set(listing()) == {*files, "a-copy.txt", "c.txt", "b.jsonl", ".d.txt.part"}  # nothing moved


# -- reprocess and compact --------------------------------------------------------------------


def test_reprocess_and_compact_change_no_row(server: dict[str, str], corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    process_paths_flow([str(corpus / "feed")], data_dir=str(data), options={"batch_docs": BATCH_DOCS})
    process_paths_flow([str(corpus)], data_dir=str(data), options={"batch_docs": BATCH_DOCS})
    before = table_rows(data)
    files_before = sum(len(Store(data).files(t)) for t in TABLES)

    stale = reprocess_flow(data_dir=str(data))  # nothing is stale: the extractors did not change
    assert stale["docs_in"] == 0 and stale["data_version"] == 2

    state = reprocess_flow(data_dir=str(data), scope="all", return_state=True)
    everything = state.result()
    assert everything["docs_in"] == len(before["documents"]) and everything["data_version"] == 3
    assert table_rows(data) == before
    assert "reprocess-report" in artifacts_of(state.state_details.flow_run_id)

    state = compact_flow(data_dir=str(data), tables=[TableName.documents, TableName.sentences], return_state=True)
    result = state.result()
    assert result["partitions"] > 0 and result["files_after"] < result["files_before"]
    assert table_rows(data) == before
    assert sum(len(Store(data).files(t)) for t in TABLES) < files_before
    assert "compact-counts" in artifacts_of(state.state_details.flow_run_id)
    assert compact_flow(data_dir=str(data), tables=["documents"])["partitions"] == 0


# -- declarations --------------------------------------------------------------------------


def test_deployments_are_declared_with_schedules_limits_and_typed_parameters() -> None:
    settings = load_settings()
    served = {d.name: d for d in deployments(settings)}
    assert list(served) == ["ingest-inbox", "process-paths", "reprocess", "compact"]
    [schedule] = served["ingest-inbox"].schedules or []
    assert getattr(schedule.schedule, "cron", None) == settings.serve.inbox_cron
    for deployment in served.values():
        assert deployment.concurrency_limit == 1
        assert deployment.concurrency_options is not None
        assert deployment.concurrency_options.collision_strategy.value == "ENQUEUE"
        assert deployment.enforce_parameter_schema
        assert deployment.parameters["data_dir"] == str(settings.data_dir)
    from prefect.utilities.callables import parameter_schema

    schema = parameter_schema(process_paths_flow).model_dump()
    assert schema["required"] == ["paths"] and schema["properties"]["paths"]["minItems"] == 1
    options = schema["definitions"]["ProcessOptions"]["properties"]
    assert options["batch_docs"]["minimum"] == 1 and options["wait_minutes"]["maximum"] == 1440
    # Numbers without "null" in the form (the UI would show 'Property is type "None"'), filled with the
    # configured values by the deployment; a run that leaves them out gets the configured values too.
    assert options["batch_docs"]["type"] == "integer" and options["max_file_mb"]["type"] == "number"
    assert served["process-paths"].parameters["options"] == {
        "batch_docs": settings.ingest.batch_docs,
        "max_file_mb": settings.ingest.max_file_bytes / 1_000_000,
    }
    # Loaded by import when served (flows.flows), not as the file flows/flows.py (see flows.deployments).
    assert {d.entrypoint for d in served.values()} == {
        f"flows.flows.{name}" for name in ("ingest_inbox_flow", "process_paths_flow", "reprocess_flow", "compact_flow")
    }
    assert schema["definitions"]["IfBusy"]["enum"] == ["wait", "fail"]
    tables = parameter_schema(compact_flow).model_dump()["definitions"]["TableName"]["enum"]
    assert tables == list(TABLES)
    assert [t.value for t in TableName] == list(TABLES)
