import gzip
import json
from pathlib import Path

import pytest

from newsetl.config import IngestSettings
from newsetl.ingest.readers import records_in
from newsetl.ingest.records import RawRecord, Reject

ARTICLE = "Szef NATO Mark Rutte spotkał się z Antonym Blinkenem w Brukseli."


def read(path: Path, limits: IngestSettings | None = None) -> tuple[list[RawRecord], list[Reject]]:
    out = list(records_in(path, str(path), limits or IngestSettings()))
    return [r for r in out if isinstance(r, RawRecord)], [r for r in out if isinstance(r, Reject)]


def write(path: Path, data: bytes, gz: bool = False) -> Path:
    if gz:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_txt(tmp_path: Path, gz: bool) -> None:
    path = write(tmp_path / "a.txt", ARTICLE.encode(), gz)
    records, rejects = read(path)
    assert [r.text for r in records] == [ARTICLE] and not rejects
    assert records[0].source_uri == str(path) and records[0].encoding == "utf-8"


@pytest.mark.parametrize("gz", [False, True])
@pytest.mark.parametrize("suffix", [".jsonl", ".ndjson"])
def test_jsonl_fields_and_bad_lines(tmp_path: Path, gz: bool, suffix: str) -> None:
    lines = [
        json.dumps(
            {
                "id": "a1",
                "text": ARTICLE,
                "title": "T",
                "url": "https://x",
                "source": "PAP",
                "published": "2024-11-27T10:00:00+01:00",
                "lang": "pl-PL",
            },
            ensure_ascii=False,
        ),
        json.dumps({"text": "Druga wiadomość.", "published": "not a date"}, ensure_ascii=False),
        "{broken json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": ["a", "list"]}),
        json.dumps([1, 2]),
        "",
        json.dumps({"text": "   "}),
        "[" * 100_000 + "]" * 100_000,
    ]
    path = write(tmp_path / f"f{suffix}", "\n".join(lines).encode(), gz)
    records, rejects = read(path)
    assert [r.text for r in records] == [ARTICLE, "Druga wiadomość."]
    first = records[0]
    assert first.source_uri.endswith("#a1") and first.title == "T" and first.url == "https://x"
    assert first.source == "PAP" and first.lang == "pl" and first.published is not None
    assert first.published.isoformat() == "2024-11-27T09:00:00+00:00"
    assert records[1].source_uri.endswith("#2") and records[1].published is None
    assert records[1].notes == ("bad_published",)
    assert [r.reason for r in rejects] == [
        "bad_json",
        "missing_text",
        "bad_field",
        "bad_record",
        "missing_text",
        "bad_json",
    ]


@pytest.mark.parametrize("gz", [False, True])
def test_csv(tmp_path: Path, gz: bool) -> None:
    data = (
        "id,title,text,published\n"
        '1,Tytuł,"Tekst z ""cudzysłowem"",\nw dwóch liniach",2024-01-02\n'
        "2,Pusty,,\n"
        "3,Za dużo,pól,2024-01-02,extra\n"
        "4,Ok,Czwarty tekst.,\n"
    ).encode()
    path = write(tmp_path / "f.csv", data, gz)
    records, rejects = read(path)
    assert [r.text for r in records] == ['Tekst z "cudzysłowem",\nw dwóch liniach', "Czwarty tekst."]
    assert records[0].source_uri.endswith("#1") and records[0].title == "Tytuł"
    assert [r.reason for r in rejects] == ["missing_text", "bad_record"]


def test_csv_semicolon_and_cp1250(tmp_path: Path) -> None:
    data = "id;text\n1;Zażółć gęślą jaźń w Łodzi i Świnoujściu.\n".encode("cp1250")
    records, rejects = read(write(tmp_path / "f.csv", data))
    assert [r.text for r in records] == ["Zażółć gęślą jaźń w Łodzi i Świnoujściu."] and not rejects
    assert records[0].encoding == "cp1250"


def test_csv_without_text_column(tmp_path: Path) -> None:
    records, rejects = read(write(tmp_path / "f.csv", b"id,body\n1,x\n"))
    assert not records and [r.reason for r in rejects] == ["missing_columns"]


def test_jsonl_utf16(tmp_path: Path) -> None:
    data = (json.dumps({"text": ARTICLE}, ensure_ascii=False) + "\n").encode("utf-16")
    records, rejects = read(write(tmp_path / "f.jsonl", data))
    assert [r.text for r in records] == [ARTICLE] and not rejects


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\t\n ", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(300), "binary"),
        ("doc.pdf", b"%PDF-1.4", "unsupported_format"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    records, rejects = read(write(tmp_path / name, data))
    assert not records and [r.reason for r in rejects] == [reason]


def test_truncated_gzip(tmp_path: Path) -> None:
    blob = gzip.compress(("\n".join(json.dumps({"text": f"Artykuł {i}."}) for i in range(5000))).encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(blob[: len(blob) // 2])
    records, rejects = read(path)
    assert 0 < len(records) < 5000
    assert [r.reason for r in rejects] == ["bad_gzip"]


def test_gzip_bomb(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 50_000_000))
    records, rejects = read(path, IngestSettings(max_decompressed_bytes=10_000_000))
    assert not records and [r.reason for r in rejects] == ["gzip_too_large"]


def test_limits(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", b"x " * 600)
    assert [r.reason for r in read(big, IngestSettings(max_file_bytes=1000))[1]] == ["file_too_large"]
    assert [r.reason for r in read(big, IngestSettings(max_doc_chars=100))[1]] == ["doc_too_large"]
    line = write(
        tmp_path / "long.jsonl", (json.dumps({"text": "y" * 5000}) + "\n" + json.dumps({"text": "ok"})).encode()
    )
    records, rejects = read(line, IngestSettings(max_record_bytes=1000))
    assert [r.text for r in records] == ["ok"] and [r.reason for r in rejects] == ["record_too_large"]


def test_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"text")
    path.chmod(0)
    try:
        records, rejects = read(path)
        if not records:  # root can read anything
            assert [r.reason for r in rejects] == ["unreadable"]
    finally:
        path.chmod(0o644)
