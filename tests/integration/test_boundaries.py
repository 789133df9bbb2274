"""Boundaries: input stays data, ``newsetl sql`` stays read-only, listeners stay on loopback.

* Partition folders come only from parsed dates (``day=YYYY-MM-DD``) and file names only
  from run ids, so hostile ``published``/``id``/``source`` values and file names cannot
  create a path outside the data directory (checked by walking it and resolving every
  entry), nor anything outside it at all.
* ``newsetl sql`` refuses ``DELETE``, ``DROP``, ``COPY … TO``, ``ATTACH``, ``INSTALL`` and
  every other non-query with a one-line message, reads no file outside the data
  directory, and leaves every file of the data directory as it was.
* Nothing evaluates input: the source tree has no ``eval``/``exec``/``pickle``/
  ``yaml.load``/``shell=True``, and code-shaped input lands as inert text.
* The Prefect server's host defaults to 127.0.0.1, nothing in the tree binds to all
  interfaces, and the local Dask cluster listens on loopback only.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsetl.cli import app
from newsetl.config import load_settings
from tests.integration.helpers import REPO, rows, run
from tests.integration.hostile_corpus import PAYLOADS

PART_FILE = re.compile(r"^part-(r\d{8}T\d{12}Z-[0-9a-f]{6}(-b\d{5})?|v\d{6}|empty)\.parquet$")
# Partitions by parsed date; the story index's folders by doc-id bits, parsed month, band group;
# the entities' buckets (a hash of the entity id).
PARTITION_DIR = re.compile(
    r"^(day=(\d{4}-\d{2}-\d{2}|__HIVE_DEFAULT_PARTITION__)|shard=[0-7]|month=(\d{4}-\d{2}|none)|bands=[0-7]|b\d{2})$"
)
LONG = "x" * 10_000
FILE_NAMES = ("x..txt", "x...%2F..%2Fetc.txt", "- .. -.txt", "-" * 240 + ".txt")


def _tree(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``root`` (links not followed) with what identifies its content."""
    found: dict[str, tuple[object, ...]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            info = path.lstat()
            target = os.readlink(path) if path.is_symlink() else None
            found[str(path.relative_to(root))] = (info.st_mode, info.st_size, info.st_mtime_ns, info.st_ino, target)
    return found


@pytest.fixture(scope="module")
def hostile_values(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, tuple[object, ...]]]:
    sandbox = tmp_path_factory.mktemp("boundaries")
    inputs = sandbox / "in"
    (inputs / "deep" / "er" / "still").mkdir(parents=True)
    published = [
        "../../etc",
        "../../../../tmp/escape",
        "/abs/path",
        "/etc/passwd",
        "2024-01-01/../../x",
        "day=../..",
        "2024-05-01\x00../../x",
        "\x00",
        LONG,
        "9999-12-31",
        "0001-01-01",
        "2024-02-30",
        "-1",
        "1e400",
        "2024-05-01T23:30:00-05:00",  # a real date: its UTC day is 2024-05-02
    ]
    with open(inputs / "feed.jsonl", "w", encoding="utf-8") as out:
        for i, value in enumerate(published):
            out.write(
                json.dumps(
                    {
                        "id": ["../../etc/passwd", "/abs/id", "a\x00b", LONG, f"id-{i}"][i % 5] + f"-{i}",
                        "source": ["../../../tmp/source", "/etc", "..", LONG, "src\x00x"][i % 5],
                        "title": LONG,
                        "url": "file:///etc/passwd",
                        "lang": "../pl",
                        "text": f"Artykuł numer {i} o budżecie Łodzi na rok 2025. Radni przyjęli go jednogłośnie.",
                        "published": value,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    for name in FILE_NAMES:
        (inputs / name).write_text(f"Plik {name[:20]} zawiera krótki artykuł o pogodzie w Gdańsku.", encoding="utf-8")
    (inputs / ".hidden.txt").write_text("Ukryte pliki są pomijane.", encoding="utf-8")
    (inputs / "deep" / "er" / "still" / "file.txt").write_text(
        "Głęboko zagnieżdżony artykuł o Krakowie.", encoding="utf-8"
    )
    before = _tree(sandbox)
    data = sandbox / "data"
    run([inputs], data)
    return sandbox, data, before


def test_nothing_is_created_outside_the_data_directory(
    hostile_values: tuple[Path, Path, dict[str, tuple[object, ...]]],
) -> None:
    sandbox, data, before = hostile_values
    after = {k: v for k, v in _tree(sandbox).items() if not k.startswith("data")}
    assert after == before
    root = os.path.realpath(data)
    for dirpath, dirnames, filenames in os.walk(data):
        for name in dirnames + filenames:
            real = os.path.realpath(Path(dirpath) / name)
            assert os.path.commonpath([root, real]) == root, f"{Path(dirpath) / name} resolves outside: {real}"


def test_partition_folders_and_file_names_come_from_dates_and_run_ids(
    hostile_values: tuple[Path, Path, dict[str, tuple[object, ...]]],
) -> None:
    _, data, _ = hostile_values
    versions = data / ".newsetl" / "versions"
    checked = 0
    for version in versions.iterdir():
        for table in version.iterdir():
            for dirpath, dirnames, filenames in os.walk(table):
                for name in dirnames:
                    assert PARTITION_DIR.match(name), f"partition folder {name!r} in {dirpath}"
                for name in filenames:
                    assert PART_FILE.match(name), f"file {name!r} in {dirpath}"
                    checked += 1
    assert checked >= 8
    days = {r["day"] for r in rows(data, "SELECT DISTINCT CAST(day AS VARCHAR) AS day FROM documents")}
    assert days == {None, "2024-05-02"}  # every hostile date is unreadable, hence NULL


def test_hostile_values_are_stored_as_plain_values(
    hostile_values: tuple[Path, Path, dict[str, tuple[object, ...]]],
) -> None:
    _, data, _ = hostile_values
    docs = rows(data, "SELECT source_uri, ext_id, source, title, published, lang, lang_detected FROM documents")
    assert len(docs) == 15 + len(FILE_NAMES) + 1  # every record and file processed (the hidden one skipped)
    records = [d for d in docs if d["ext_id"]]
    assert len(records) == 15 and all(d["lang_detected"] for d in records)  # "../pl" is no language code
    sources = {d["source"] for d in docs}
    assert {"../../../tmp/source", "/etc", ".."} <= sources and "x" * 10_000 in sources
    assert any(d["ext_id"] == "../../etc/passwd-0" for d in docs)
    assert {d["title"] for d in docs if d["title"]} == {LONG}


SQL_REFUSED = [
    "DELETE FROM documents",
    "DROP VIEW documents",
    "DROP TABLE documents",
    "COPY documents TO '{out}/copy.csv'",
    "COPY (SELECT * FROM documents) TO '{data}/documents/evil.parquet' (FORMAT parquet)",
    "ATTACH '{out}/attached.duckdb' AS x",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "SET lock_configuration = false",
    "PRAGMA threads = 1",
    "CREATE TABLE t AS SELECT 1",
    "INSERT INTO documents SELECT * FROM documents",
    "UPDATE documents SET text = ''",
    "EXPORT DATABASE '{out}/export'",
    "CHECKPOINT",
    "SELECT 1; DROP VIEW documents",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_csv('{out}/outside.csv')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('{out}/../**/*.parquet')",
    # EXPLAIN ANALYZE executes what it wraps, at any depth (issue #11.2)
    "EXPLAIN ANALYZE COPY (SELECT * FROM documents) TO '{data}/documents/evil.parquet' (FORMAT parquet)",
    "EXPLAIN (ANALYZE, FORMAT json) COPY documents TO '{out}/copy.csv'",
    "/* hidden */ EXPLAIN ANALYZE CREATE TABLE t AS SELECT 1",
    "EXPLAIN ANALYZE INSERT INTO documents SELECT * FROM documents",
    # only the pinned version is readable: not the table links, staging or other folders (#11.3)
    "SELECT * FROM glob('{data}/.newsetl/**')",
    "SELECT * FROM read_text('.tmp/**')",
]


@pytest.fixture(scope="module")
def sql_data(
    hostile_values: tuple[Path, Path, dict[str, tuple[object, ...]]], tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    _, data, _ = hostile_values
    out = tmp_path_factory.mktemp("sql-out")
    (out / "outside.csv").write_text("secret\nvalue\n")
    return data, out


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("template", SQL_REFUSED)
def test_sql_refuses_anything_but_reading_the_data(template: str, sql_data: tuple[Path, Path]) -> None:
    data, out = sql_data
    statement = template.format(data=data, out=out)
    before_data, before_out = _tree(data), _tree(out)
    code, stdout, stderr = _cli("sql", statement, "--data", str(data))
    assert code == 2, (code, stdout, stderr)
    message = stderr.strip()
    assert message.startswith("newsetl: error: ") and "\n" not in message and "Traceback" not in stderr
    assert re.search(r"read-only|not allowed|one statement|[Pp]ermission|disabled", message), message
    assert _tree(data) == before_data and _tree(out) == before_out
    assert not stdout.strip()


def test_sql_still_reads(sql_data: tuple[Path, Path]) -> None:
    data, _ = sql_data
    code, stdout, stderr = _cli("sql", "SELECT count(*) AS n FROM documents", "--data", str(data), "--format", "json")
    assert code == 0 and json.loads(stdout) == {"n": 15 + len(FILE_NAMES) + 1}, stderr
    code, stdout, _ = _cli(
        "sql",
        f"SELECT count(*) AS n FROM read_parquet('{data}/sentences/**/*.parquet')",
        "--data",
        str(data),
        "--format",
        "json",
    )
    assert code == 0 and json.loads(stdout)["n"] > 0
    code, stdout, _ = _cli("sql", "EXPLAIN ANALYZE SELECT count(*) FROM sentences", "--data", str(data))
    assert code == 0 and "Total Time" in stdout


def test_sql_refusal_through_the_real_command(sql_data: tuple[Path, Path]) -> None:
    data, out = sql_data
    before = _tree(data)
    for statement in (f"COPY documents TO '{out}/real.csv'", "DROP VIEW documents"):
        result = subprocess.run(
            [sys.executable, "-m", "newsetl.cli", "sql", statement, "--data", str(data)],
            capture_output=True,
            text=True,
            cwd=REPO,
            timeout=120,
        )
        assert result.returncode == 2 and "read-only" in result.stderr and "Traceback" not in result.stderr
    assert _tree(data) == before and not (out / "real.csv").exists()


# -- nothing evaluates input as code ----------------------------------------------------
FORBIDDEN_CALLS = {
    "eval",
    "exec",
    "compile",
    "__import__",
    "execfile",
    "pickle.load",
    "pickle.loads",
    "marshal.load",
    "marshal.loads",
    "dill.load",
    "dill.loads",
    "cloudpickle.load",
    "cloudpickle.loads",
    "shelve.open",
    "jsonpickle.decode",
    "yaml.load",
    "yaml.unsafe_load",
    "yaml.full_load",
    "yaml.load_all",
    "os.system",
    "os.popen",
    "os.execv",
    "os.execvp",
    "pd.read_pickle",
    "pandas.read_pickle",
}
FORBIDDEN_IMPORTS = {"pickle", "marshal", "dill", "cloudpickle", "shelve", "jsonpickle"}


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return "?"


def _source_files() -> list[Path]:
    return sorted([*(REPO / "src" / "newsetl").rglob("*.py"), *(REPO / "flows").rglob("*.py")])


def test_source_tree_evaluates_nothing() -> None:
    found: list[str] = []
    files = _source_files()
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            where = f"{path.relative_to(REPO)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name in FORBIDDEN_CALLS:
                    found.append(f"{where} {name}()")
                if name.startswith("subprocess.") or name in ("Popen", "run", "check_output", "call"):
                    for kw in node.keywords:
                        if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                            found.append(f"{where} {name}(shell=...)")
                if name in ("importlib.import_module", "import_module") and not all(
                    isinstance(a, ast.Constant) for a in node.args
                ):
                    found.append(f"{where} import_module(non-literal)")
                if name.endswith("load") and any(kw.arg == "allow_pickle" for kw in node.keywords):
                    found.append(f"{where} {name}(allow_pickle=...)")
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                found += [f"{where} import {n}" for n in names if n.split(".")[0] in FORBIDDEN_IMPORTS]
    assert len(files) > 30
    assert not found, found


def test_code_shaped_input_lands_as_inert_text(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    texts = [f"Tekst {i}. " + p.format(marker=marker) for i, p in enumerate(PAYLOADS)]
    inputs = tmp_path / "in"
    inputs.mkdir()
    with open(inputs / "payloads.jsonl", "w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"p{i}", "text": text, "title": text, "source": f"$(touch {marker})"}) + "\n")
    (inputs / f"$(touch {marker.name}); `touch {marker.name}`.txt").write_text(
        "Plik o nazwie jak polecenie powłoki.", encoding="utf-8"
    )
    (inputs / "formula.csv").write_text(
        f'id,text\nf1,"=HYPERLINK(""http://127.0.0.1/"")&cmd|\' /C calc\'!A0 {marker}"\n', encoding="utf-8"
    )
    data = tmp_path / "data"
    cwd = os.getcwd()
    os.chdir(tmp_path)  # a payload writing relative to the working directory would show here
    try:
        run([inputs], data)
    finally:
        os.chdir(cwd)
    stored = {r["ext_id"]: r["text"] for r in rows(data, "SELECT ext_id, text FROM documents WHERE ext_id LIKE 'p%'")}
    assert stored == {f"p{i}": t for i, t in enumerate(texts)}
    assert rows(data, "SELECT count(*) AS n FROM documents")[0]["n"] == len(texts) + 2
    assert not marker.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["data", "in"]


# -- listeners -----------------------------------------------------------------------------
def test_server_host_defaults_to_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSETL_SERVE__HOST", raising=False)
    monkeypatch.delenv("NEWSETL_CONFIG", raising=False)
    assert load_settings().serve.host == "127.0.0.1"
    assert 'host = "127.0.0.1"' in (REPO / "config" / "newsetl.toml").read_text()
    server = (REPO / "flows" / "server.py").read_text()
    assert "settings.serve.host" in server and '"--host"' in server


def test_nothing_binds_to_all_interfaces() -> None:
    everywhere = re.compile(r"""0\.0\.0\.0|['"]::['"]|INADDR_ANY|host\s*=\s*['"]{2}|--host[= ]+['"]?(0\.0\.0\.0|::)""")
    checked = [*_source_files(), *(REPO / "scripts").glob("*.py"), REPO / "Makefile", *(REPO / "config").glob("*")]
    hits = [
        f"{p.relative_to(REPO)}: {m.group()}"
        for p in checked
        if p.is_file()
        for m in everywhere.finditer(p.read_text(encoding="utf-8"))
    ]
    assert not hits, hits


def _listening(pids: set[int]) -> set[str]:
    """``ip:port`` of every TCP socket in LISTEN state owned by one of ``pids``."""
    inodes: set[str] = set()
    for pid in pids:
        try:
            for fd in os.listdir(f"/proc/{pid}/fd"):
                link = os.readlink(f"/proc/{pid}/fd/{fd}")
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        except OSError:
            continue
    found: set[str] = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        with open(table) as lines:
            next(lines)
            for line in lines:
                fields = line.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    address, port = fields[1].split(":")
                    raw = bytes.fromhex(address)
                    if width == 8:
                        ip = ".".join(str(b) for b in raw[::-1])
                    else:
                        words = [raw[i : i + 4][::-1] for i in range(0, 16, 4)]
                        ip = bytes(b"".join(words)).hex()
                    found.add(f"{ip}:{int(port, 16)}")
    return found


def _descendants(pid: int) -> set[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    found, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        children = [p for p, parent in parents.items() if parent == current and p not in found]
        found.update(children)
        frontier += children
    return found


@pytest.mark.slow
def test_local_dask_cluster_listens_on_loopback_only() -> None:
    pytest.importorskip("distributed")
    from distributed import Client, LocalCluster
    from flows.runners import task_runner

    runner = task_runner(load_settings(run={"task_runner": "dask", "workers": 1}))
    kwargs = dict(runner.cluster_kwargs)  # type: ignore[attr-defined]
    kwargs.pop("env", None)
    with LocalCluster(**kwargs) as cluster, Client(cluster) as client:
        addresses = [cluster.scheduler_address]
        for address, worker in client.scheduler_info()["workers"].items():
            addresses += [address, worker.get("nanny") or address]
        assert all(a.startswith("tcp://127.0.0.1:") for a in addresses), addresses
        listening = _listening(_descendants(os.getpid()))
        assert listening and all(a.startswith("127.0.0.1:") for a in listening), listening
