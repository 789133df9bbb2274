"""Every input format lands; every bad input becomes a rejects row while good documents land."""

from __future__ import annotations

import csv
import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.helpers import REPO, rows, run

ARTICLES = [
    "Premier Donald Tusk spotkał się w Warszawie z prezydentem Francji. Rozmawiali o obronności.",
    "Ministerstwo Finansów podało, że deficyt wyniósł 5,1 proc. PKB. To więcej niż przed rokiem.",
    "The European Commission said on Tuesday that inflation fell to 2.4 percent in March.",
    "Der Bundestag hat am Donnerstag einen neuen Haushalt beschlossen. Die Opposition stimmte dagegen.",
]


def jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def csv_bytes(records: list[dict[str, object]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["id", "title", "text", "published", "lang"])
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    src = tmp_path_factory.mktemp("in")
    (src / "a.txt").write_text(ARTICLES[0], encoding="utf-8")
    (src / "b.txt.gz").write_bytes(gzip.compress(ARTICLES[1].encode("cp1250")))
    (src / "c.jsonl").write_bytes(
        jsonl([{"id": "en-1", "text": ARTICLES[2], "published": "2024-03-05T10:00:00Z", "title": "Inflation"}])
    )
    (src / "d.ndjson.gz").write_bytes(
        gzip.compress(jsonl([{"text": ARTICLES[3], "lang": "de", "published": "2024-03-06"}]))
    )
    (src / "e.csv").write_bytes(
        csv_bytes([{"id": "x1", "title": "Dup", "text": ARTICLES[0], "published": "", "lang": ""}])
    )
    (src / "f.csv.gz").write_bytes(
        gzip.compress(
            csv_bytes(
                [
                    {
                        "id": "y1",
                        "title": "T",
                        "text": "Nowy tekst z pliku CSV w gzipie.",
                        "published": "2024-03-07",
                        "lang": "pl",
                    }
                ]
            )
        )
    )
    bad = src / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (bad / "cut.jsonl.gz").write_bytes(gzip.compress(jsonl([{"text": f"Tekst {i} " * 50} for i in range(300)]))[:400])
    (bad / "lines.jsonl").write_text(
        '{"text": "Dobra linia w pliku z błędami."}\nnot json\n{"title": "no text"}\n', encoding="utf-8"
    )
    (bad / "nocol.csv").write_bytes(b"id,body\n1,x\n")
    (bad / "huge.txt").write_bytes(b"a" * 2_000)
    data = tmp_path_factory.mktemp("data")
    from newsetl.config import load_settings

    settings = load_settings(ingest={"max_file_bytes": 1_500})
    run([src], data, settings)
    return src, data


def test_each_format_lands(mixed: tuple[Path, Path]) -> None:
    src, data = mixed
    docs = {r["source_uri"]: r for r in rows(data, "SELECT * FROM documents")}
    names = {Path(uri.split("#")[0]).name for uri in docs}
    assert {"a.txt", "b.txt.gz", "c.jsonl", "d.ndjson.gz", "f.csv.gz", "lines.jsonl"} <= names
    assert f"{src}/c.jsonl#en-1" in docs and docs[f"{src}/c.jsonl#en-1"]["title"] == "Inflation"
    assert docs[f"{src}/b.txt.gz"]["encoding"] == "cp1250"
    langs = {Path(uri.split("#")[0]).name: r["lang"] for uri, r in docs.items()}
    assert langs["a.txt"] == "pl" and langs["c.jsonl"] == "en" and langs["d.ndjson.gz"] == "de"


def test_duplicate_text_stored_once(mixed: tuple[Path, Path]) -> None:
    _, data = mixed
    assert rows(data, f"SELECT count(*) AS n FROM documents WHERE text = '{ARTICLES[0]}'")[0]["n"] == 1
    run_row = rows(data, "SELECT duplicates, docs_new, rejected FROM runs")[0]
    assert run_row["duplicates"] == 1


def test_bad_inputs_become_rejects(mixed: tuple[Path, Path]) -> None:
    _, data = mixed
    reasons = {(Path(r["source_uri"].split("#")[0]).name, r["reason"]) for r in rows(data, "SELECT * FROM rejects")}
    assert reasons >= {
        ("empty.txt", "empty"),
        ("image.txt", "binary"),
        ("cut.jsonl.gz", "bad_gzip"),
        ("lines.jsonl", "bad_json"),
        ("lines.jsonl", "missing_text"),
        ("nocol.csv", "missing_columns"),
        ("huge.txt", "file_too_large"),
    }
    for r in rows(data, "SELECT detail FROM rejects"):
        assert r["detail"]


def test_other_languages_pass_through(mixed: tuple[Path, Path]) -> None:
    _, data = mixed
    german = rows(data, "SELECT doc_id FROM documents WHERE lang = 'de'")[0]["doc_id"]
    assert rows(data, f"SELECT count(*) AS n FROM sentences WHERE doc_id = '{german}'")[0]["n"] == 2
    assert rows(data, f"SELECT count(*) AS n FROM mentions WHERE doc_id = '{german}'")[0]["n"] == 0
    assert rows(data, f"SELECT count(*) AS n FROM claims WHERE doc_id = '{german}'")[0]["n"] == 0


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args], capture_output=True, text=True, cwd=REPO, timeout=300
    )


def test_cli_missing_path_is_one_line(tmp_path: Path) -> None:
    result = cli("run", str(tmp_path / "nope"), "--data", str(tmp_path / "d"), "--local")
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_nothing_processable_exits_nonzero(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = cli("run", str(tmp_path / "in"), "--data", str(tmp_path / "d"), "--local")
    assert result.returncode == 1, result.stderr
    assert "0 processed" in result.stdout and "1 rejected" in result.stdout


def test_cli_summary_line_and_sql(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLES[1], encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_bytes(b"")
    result = cli("run", str(tmp_path / "in"), "--data", str(tmp_path / "d"), "--local")
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert "1 processed" in line and "0 duplicates" in line and "1 rejected" in line
    out = cli("sql", "SELECT count(*) AS n FROM documents", "--data", str(tmp_path / "d"), "--format", "json")
    assert out.returncode == 0 and json.loads(out.stdout) == {"n": 1}
    out = cli("sql", "DROP VIEW documents", "--data", str(tmp_path / "d"))
    assert out.returncode == 2 and "read-only" in out.stderr and "Traceback" not in out.stderr
