"""Helpers for the Prefect tests: an input corpus, table snapshots, a real local server.

Servers are real ``prefect server start`` processes bound to 127.0.0.1 on a free port,
with ``PREFECT_HOME`` (and so the SQLite database) in the test's temporary directory and
analytics off (there is no network). The test process talks to them through
``prefect.settings.temporary_settings``.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
from flows.server import Child, free_port, prefect_env, start_server

from newsetl.query.sql import ReadOnlyQuery
from newsetl.tables.schemas import visible_tables
from newsetl.tables.store import Store

HOST = "127.0.0.1"
CHROMIUM = "/usr/bin/chromium"
# Without these Chromium tries (and, offline, fails) to reach Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Columns that name the run that wrote a row: different in every run by design.
RUN_SPECIFIC = {"run_id"}

INVENTED_PL = [
    "Według Głównego Urzędu Statystycznego inflacja w październiku wyniosła 4,5 proc. "
    "Minister finansów Andrzej Domański zapowiedział, że w przyszłym roku spadnie poniżej 3 proc.",
    "Rada Miasta Krakowa przeznaczyła 12 mln zł na remont 40 km dróg rowerowych. "
    "Prace potrwają co najmniej dwa lata, a pierwsze odcinki będą gotowe w maju.",
    "W Gdańsku otwarto nowy terminal kontenerowy o przepustowości 1,5 mln TEU rocznie. "
    "Inwestycja kosztowała około 200 mln euro i dała pracę 300 osobom.",
]
INVENTED_EN = (
    "The European Central Bank kept its main rate at 4 percent on Thursday. "
    "Christine Lagarde said inflation in the euro area fell to 2.9% in October."
)


def ud_sentences(shared_data: Path, limit: int) -> list[str]:
    """Sentences (``# text =`` lines) of the UD Polish LFG dev treebank, read in place."""
    found: list[str] = []
    with open(shared_data / "ud" / "pl_lfg-ud-dev.conllu", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("# text = "):
                found.append(line[len("# text = ") :].strip())
                if len(found) == limit:
                    break
    return found


def make_corpus(root: Path, shared_data: Path, ud_docs: int = 12) -> Path:
    """An input folder of every kind the pipeline meets: real and invented text, JSONL,
    gzip, an exact duplicate, and two files it must reject."""
    corpus = root / "corpus"
    (corpus / "feed").mkdir(parents=True)
    seed = next((shared_data / "seed").glob("*.txt"))
    shutil.copy(seed, corpus / "seed.txt")
    shutil.copy(seed, corpus / "feed" / "seed-copy.txt")  # a duplicate: stored once
    sentences = ud_sentences(shared_data, ud_docs * 5)
    records = [
        {
            "id": f"ud-{i}",
            "title": f"UD {i}",
            "text": " ".join(sentences[i * 5 : i * 5 + 5]),
            "lang": "pl",
            "published": f"2026-11-{1 + i % 3:02d}T08:00:00Z",
        }
        for i in range(ud_docs)
    ]
    (corpus / "feed" / "ud.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    with gzip.open(corpus / "feed" / "invented.jsonl.gz", "wt", encoding="utf-8") as out:
        for i, text in enumerate(INVENTED_PL):
            out.write(json.dumps({"id": f"pl-{i}", "title": f"Wiadomość {i}", "text": text}, ensure_ascii=False) + "\n")
    (corpus / "english.txt").write_text(INVENTED_EN + "\n")
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)  # rejected: binary
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4 not for us")  # rejected: unsupported format
    return corpus


def table_rows(data_dir: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table of the current version, without run-specific columns, in a fixed order."""
    engine = ReadOnlyQuery(data_dir)
    try:
        snapshot: dict[str, list[tuple[Any, ...]]] = {}
        for name in visible_tables():  # the hidden story index shows in documents.story_id
            if name == "runs":
                continue
            table: pa.Table = engine.run(f"SELECT * FROM {name}")
            keep = [c for c in table.column_names if c not in RUN_SPECIFIC]
            rows = [tuple(row[c] for c in keep) for row in table.select(keep).to_pylist()]
            snapshot[name] = sorted(rows, key=repr)
        return snapshot
    finally:
        engine.close()


def runs_rows(data_dir: Path) -> list[dict[str, Any]]:
    if Store(data_dir).current() is None:
        return []
    engine = ReadOnlyQuery(data_dir)
    try:
        return list(engine.run("SELECT * FROM runs ORDER BY run_id").to_pylist())
    finally:
        engine.close()


def server_env(home: Path, port: int | None = None, **extra: str) -> dict[str, str]:
    """Environment for a test server (fast polling so runs start within a second or two)."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    base.update(
        PREFECT_SERVER_DEPLOYMENTS_CONCURRENCY_SLOT_WAIT_SECONDS="1",
        PREFECT_RUNNER_POLL_FREQUENCY="1",
        PREFECT_LOGGING_LEVEL="INFO",
    )
    base.update(extra)
    return prefect_env(home, HOST, port or free_port(HOST), base)


@contextmanager
def local_server(home: Path, **extra: str) -> Iterator[dict[str, str]]:
    """A real Prefect server for the block; yields its environment."""
    env = server_env(home, **extra)
    server: Child = start_server(env, home / "server.log", timeout=300)
    try:
        yield env
    finally:
        server.stop()


@contextmanager
def prefect_client_of(env: dict[str, str]) -> Iterator[None]:
    """Point this process's Prefect client (and flows run here) at the server in ``env``."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_HOME,
        PREFECT_SERVER_ANALYTICS_ENABLED,
        temporary_settings,
    )

    # Also in the environment: threads Prefect starts without copying the context (the
    # process pool's message forwarder) read their settings from it.
    names = ("PREFECT_API_URL", "PREFECT_HOME", "PREFECT_SERVER_ANALYTICS_ENABLED")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update({name: env[name] for name in names})
    with temporary_settings(
        updates={
            PREFECT_API_URL: env["PREFECT_API_URL"],
            PREFECT_HOME: Path(env["PREFECT_HOME"]),
            PREFECT_SERVER_ANALYTICS_ENABLED: False,
        }
    ):
        try:
            yield
        finally:
            # Send the logs and events still queued while the server is up: drained at
            # interpreter exit instead, they would start a temporary server in ~/.prefect.
            APILogWorker.drain_all(timeout=30)
            EventsWorker.drain_all(timeout=30)
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def wait_until(check: Callable[[], bool], timeout: float, what: str, every: float = 0.5) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
