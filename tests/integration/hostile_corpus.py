"""A hostile-input corpus, generated on the fly (nothing binary is committed).

``build(root, shared_data)`` writes several hundred awkward inputs under ``root/in`` —
empty and binary files, damaged and legacy encodings, mojibake, odd line ends, broken
JSONL and CSV, gzip damage and bombs, files far over the size limits, hostile file names,
symlinks that escape or loop, unreadable files, invisible and right-to-left characters —
mixed with good articles, and returns one :class:`Case` per expected outcome.

Every case says what must happen to it: either it is *processed* and
``documents.text`` equals the expected normalized text (written out here by hand, from
the rules documented in ``newsetl.normalize.text`` — never computed by the code under
test), or it is *rejected* with a specific reason code. The test runs the whole corpus
in one pipeline run and checks every case, and that no row appears that no case claims.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import sqlite3
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows-* codecs used to make mojibake)

# Clean Polish sentences: already in normalized form (ASCII punctuation, single spaces),
# with every Polish letter in them so that a wrong legacy encoding shows.
POLISH = [
    "Zażółć gęślą jaźń, powiedział redaktor naczelny.",
    "Śnieg spadł w Świnoujściu i w Łodzi już w październiku.",
    "Źródła w ministerstwie podają, że budżet wzrośnie o 5 proc.",
    "Ąkowski i Ćwikła zdobyli złote medale w Żyrardowie.",
    "Gęsi przeleciały nad Łęczycą, a rybacy łowili węgorze.",
    "Prezydent Świdnicy ogłosił, że szkoła zostanie rozbudowana.",
    "W Szczecinie otwarto nowy żłobek dla 120 dzieci.",
    "Ministerstwo Zdrowia poinformowało o 1,2 tys. nowych zakażeń.",
    "Źdźbło trawy i ćma nad łąką to ulubione motywy malarki.",
    "Sąd Okręgowy w Kraśniku uchylił wyrok z zeszłego roku.",
    "Ślązacy świętowali zwycięstwo drużyny z Gliwic.",
    "Mieszkańcy Zgierza skarżą się na hałas z budowy obwodnicy.",
    "Ósmy dzień protestu rolników zakończył się porozumieniem.",
    "Łódzka policja zatrzymała dwóch mężczyzn podejrzanych o kradzież.",
    "Żołnierze wrócili z ćwiczeń na poligonie w Drawsku.",
    "Część posłów zażądała wyjaśnień od ministra finansów.",
]

# Texts with known normalization: (raw, expected). From the rules in normalize/text.py.
ZWJ_FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
UNICODE_CASES: list[tuple[str, str, str]] = [
    # (what, raw, expected normalized)
    ("RLM inside a word", "Wars\u200fzawa i Kraków", "Warszawa i Kraków"),
    ("LRM around a number", "Kurs \u200e4,35\u200e zł", "Kurs 4,35 zł"),
    ("RLE/PDF embedding", "Nazwa \u202bשלום\u202c w tekście", "Nazwa שלום w tekście"),
    ("RLO override", "Ostrzeżenie \u202etxt.exe\u202c plik", "Ostrzeżenie txt.exe plik"),
    ("isolates", "Cytat \u2067مرحبا\u2069 po arabsku", "Cytat مرحبا po arabsku"),
    ("FSI/LRI isolates", "Nazwy \u2068Łódź\u2069 i \u2066Gdańsk\u2069", "Nazwy Łódź i Gdańsk"),
    ("Arabic letter mark", "Liczba \u061c123 w tekście", "Liczba 123 w tekście"),
    (
        "Hebrew text kept",
        "Gazeta podała: שלום עולם, czyli witaj świecie.",
        "Gazeta podała: שלום עולם, czyli witaj świecie.",
    ),
    ("Arabic text kept", "Napis مرحبا بالعالم na murze.", "Napis مرحبا بالعالم na murze."),
    ("zero-width space", "obron\u200bność kraju", "obronność kraju"),
    ("many zero-width spaces", "\u200bPo\u200bl\u200bska\u200b", "Polska"),
    ("word joiner", "Bia\u2060ły dom", "Biały dom"),
    ("BOM inside text", "Początek\ufeff tekstu\ufeff", "Początek tekstu"),
    ("soft hyphen", "obron\u00adność i bez\u00adpieczeństwo", "obronność i bezpieczeństwo"),
    ("ZWNJ kept", "Zwykły\u200cłącznik", "Zwykły\u200cłącznik"),
    ("ZWJ emoji family kept", f"Rodzina {ZWJ_FAMILY} na zdjęciu", f"Rodzina {ZWJ_FAMILY} na zdjęciu"),
    ("decomposed Polish", unicodedata.normalize("NFD", "Zażółć gęślą jaźń w Łodzi"), "Zażółć gęślą jaźń w Łodzi"),
    ("combining dot and ogonek", "z\u0307ona i a\u0328", "żona i ą"),
    ("combining acute", "o\u0301smy i n\u0301", "ósmy i ń"),
    ("stacked combining marks", "e\u0328\u0301 znak", unicodedata.normalize("NFC", "e\u0328\u0301") + " znak"),
    ("combining mark with no precomposed form", "q\u0307 i x\u0328", "q\u0307 i x\u0328"),
    ("combining mark after space", "litera \u0301 sama", "litera \u0301 sama"),
    ("emoji", "Mecz \u26bd i puchar \U0001f3c6!", "Mecz \u26bd i puchar \U0001f3c6!"),
    ("flag emoji", "Flaga \U0001f1f5\U0001f1f1 nad Sejmem", "Flaga \U0001f1f5\U0001f1f1 nad Sejmem"),
    ("skin tone emoji", "Brawo \U0001f44f\U0001f3fd dla zespołu", "Brawo \U0001f44f\U0001f3fd dla zespołu"),
    ("variation selector", "Kocham \u2764\ufe0f Kraków", "Kocham \u2764\ufe0f Kraków"),
    ("keycap", "Numer 1\ufe0f\u20e3 na liście", "Numer 1\ufe0f\u20e3 na liście"),
    ("astral CJK", "Znak \U00020000 rzadki", "Znak \U00020000 rzadki"),
    ("no-break spaces", "10\u00a0000\u202fzł i\u2009więcej", "10 000 zł i więcej"),
    ("ideographic space", "Tokio\u3000i Osaka", "Tokio i Osaka"),
    (
        "typographic quotes",
        "\u201eTo prawda\u201d - powiedział \u00abon\u00bb i \u2018ona\u2019.",
        '"To prawda" - powiedział "on" i \'ona\'.',
    ),
    ("dashes and minus", "Lata 2020\u20132024 \u2014 spadek o \u22125 proc.", "Lata 2020-2024 - spadek o -5 proc."),
    (
        "line and paragraph separators",
        "Pierwsza linia\u2028druga linia\u2029Nowy akapit.",
        "Pierwsza linia\ndruga linia\n\nNowy akapit.",
    ),
    ("tabs and space runs", "Kolumna\t\ttekstu   z    odstępami", "Kolumna tekstu z odstępami"),
    ("C1 control NEL as line break", "Linia\x85następna", "Linia\nnastępna"),
    ("C0 controls removed", "Dzwonek\x07 i\x1b escape\x08", "Dzwonek i escape"),
    ("mixed hostile", "\u200f\ufeff  \u201eŁ\u0301\u201d\u00a0\u2014\u200b ok\u2069 ", '"Ł\u0301" - ok'),
]

# Payloads that must land as inert text (nothing evaluates input).
PAYLOADS = [
    "__import__('os').system('touch {marker}')",
    "eval(compile('open(\"{marker}\", \"w\")', 'x', 'exec'))",
    "'; DROP TABLE documents; -- i COPY documents TO '{marker}'",
    "$(touch {marker}) i `touch {marker}` oraz; touch {marker}",
    "{{{{7*7}}}} ${{7*7}} <%= 7*7 %> #{{7*7}}",
    "${{jndi:ldap://127.0.0.1:1389/a}}",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "!!python/object/apply:os.system ['touch {marker}']",
    "=cmd|' /C calc'!A0 oraz @SUM(1+1)*cmd|' /C calc'!A0",
    "%s%s%s%n {{0.__class__.__mro__}}",
]

# Invalid UTF-8 sequences and how many U+FFFD a standard decoder puts in their place.
INVALID_UTF8: list[tuple[str, bytes, int]] = [
    ("lone continuation byte", b"\x80", 1),
    ("0xFF byte", b"\xff", 1),
    ("0xFE byte", b"\xfe", 1),
    ("truncated 2-byte sequence", b"\xc5", 1),
    ("truncated 3-byte sequence", b"\xe2\x82", 1),
    ("overlong slash", b"\xc0\xaf", 2),
    ("encoded surrogate", b"\xed\xa0\x80", 3),
    ("code point above U+10FFFF", b"\xf4\x90\x80\x80", 4),
]

MOJIBAKE_CODECS = ["sloppy-windows-1250", "sloppy-windows-1252", "latin-1", "iso-8859-2"]


@dataclass(frozen=True)
class Case:
    category: str
    what: str
    uri: str  # documents.source_uri / rejects.source_uri the outcome is recorded under
    text: str | None = None  # processed: the expected documents.text
    reason: str | None = None  # rejected: the expected rejects.reason
    good: bool = False  # a good document mixed into the hostile run
    bulk: bool = False  # one of many records of one case (a cut gzip file): not counted apart
    aliases: tuple[str, ...] = ()  # other uris the same file may be stored under (links)
    # Rejected record by record (random bytes read as JSONL): every reject under ``uri``
    # or ``uri#…`` has one of these reasons, there is at least one, and no document.
    any_reasons: frozenset[str] = frozenset()

    @property
    def expectation(self) -> str:
        if self.text is not None:
            return "processed"
        if self.reason is not None:
            return f"rejected:{self.reason}"
        return "rejected:" + "|".join(sorted(self.any_reasons))


@dataclass
class Corpus:
    root: Path
    inputs: Path
    cases: list[Case] = field(default_factory=list)
    restore: list[Path] = field(default_factory=list)  # chmod 000 entries to restore
    needs_unprivileged: list[Case] = field(default_factory=list)  # root can read them anyway
    large: list[Path] = field(default_factory=list)  # big files, deleted after the run

    def cleanup(self) -> None:
        for path in self.restore:
            if os.path.lexists(path):
                os.chmod(path, 0o755)
        for path in self.large:
            path.unlink(missing_ok=True)


class _Builder:
    def __init__(self, root: Path) -> None:
        self.corpus = Corpus(root, root / "in")
        self.corpus.inputs.mkdir(parents=True)
        self.n = 0

    # -- texts ---------------------------------------------------------------------
    def text(self, sentences: int = 2) -> str:
        """A unique clean Polish text (the case number keeps every text distinct)."""
        self.n += 1
        body = " ".join(POLISH[(self.n * 3 + k) % len(POLISH)] for k in range(sentences))
        return f"Przypadek {self.n}. {body}"

    # -- files and cases -------------------------------------------------------------
    def path(self, category: str, name: str | bytes) -> str:
        folder = self.corpus.inputs / category
        folder.mkdir(exist_ok=True)
        if isinstance(name, bytes):
            return os.fsdecode(os.fsencode(folder) + b"/" + name)
        return str(folder / name)

    def file(self, category: str, name: str | bytes, data: bytes) -> str:
        path = self.path(category, name)
        with open(path, "wb") as out:
            out.write(data)
        return path

    def doc(self, category: str, what: str, uri: str, text: str, **kw: object) -> None:
        self.corpus.cases.append(Case(category, what, uri, text=text, **kw))  # type: ignore[arg-type]

    def rej(self, category: str, what: str, uri: str, reason: str, **kw: object) -> None:
        self.corpus.cases.append(Case(category, what, uri, reason=reason, **kw))  # type: ignore[arg-type]

    def rejs(self, category: str, what: str, uri: str, reasons: Iterable[str]) -> None:
        self.corpus.cases.append(Case(category, what, uri, any_reasons=frozenset(reasons)))

    def txt(self, category: str, what: str, raw: bytes, text: str, name: str | None = None) -> str:
        uri = self.file(category, name or f"c{self.n:04d}-{_slug(what)}.txt", raw)
        self.doc(category, what, uri, text)
        return uri

    def jsonl_records(
        self, category: str, what: str, records: list[tuple[bytes, str | None, str | None]], name: str | None = None
    ) -> str:
        """A JSONL file from raw lines; each ``(line, expected text, expected reason)``.

        A line whose JSON has an ``id`` is recorded under ``#id``, others under ``#<line>``.
        """
        lines = [line for line, _, _ in records]
        uri = self.file(category, name or f"c{self.n:04d}-{_slug(what)}.jsonl", b"".join(lines))
        for number, (line, text, reason) in enumerate(records, start=1):
            ident = _json_id(line)
            where = f"{uri}#{ident}" if ident else f"{uri}#{number}"
            if text is not None:
                self.doc(category, f"{what} (line {number})", where, text)
            elif reason is not None:
                self.rej(category, f"{what} (line {number})", where, reason)
        return uri


def _slug(what: str) -> str:
    keep = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in what.lower())
    return "-".join(part for part in keep.split("-") if part)[:40]


def _json_id(line: bytes) -> str | None:
    obj = None
    for attempt in (line, line.decode("utf-8", "replace")):  # ids are ASCII, the text may be damaged
        try:
            obj = json.loads(attempt)
            break
        except (ValueError, RecursionError):
            continue
    if isinstance(obj, dict) and isinstance(obj.get("id"), str) and obj["id"].strip():
        return str(obj["id"]).strip()
    return None


def jline(obj: object, encoding: str = "utf-8", ascii_only: bool = False) -> bytes:
    return (json.dumps(obj, ensure_ascii=ascii_only) + "\n").encode(encoding)


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",", newline: str = "\n") -> bytes:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


# -- binary samples -------------------------------------------------------------------
def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + bytes((x * 7 + y * 13) % 256 for x in range(16 * 3)) for y in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def pdf_bytes(text: str) -> bytes:
    stream = zlib.compress(f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode("latin-1", "replace"))
    return (
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"4 0 obj\n<< /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )


def zip_bytes(text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:t>{text}</w:t>")
    return out.getvalue()


def sqlite_bytes(tmp: Path, text: str) -> bytes:
    path = tmp / "sample.sqlite"
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE t (x TEXT)")
        con.execute("INSERT INTO t VALUES (?)", (text,))
    data = path.read_bytes()
    path.unlink()
    return data


def gzip_bomb(path: Path, megabytes: int) -> None:
    """A ~1 KB-per-MB gzip file of NUL bytes, built without compressing them all.

    After a full flush, every further MB of NULs compresses to the same bytes (the
    window holds only NULs), so the stream is the first block, the second repeated,
    and the trailer: a 1 GB bomb is written in well under a second.
    """
    block = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    repeat = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    with open(path, "wb") as out:
        out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff" + first)
        for _ in range(megabytes - 1):
            out.write(repeat)
        out.write(deflate.flush(zlib.Z_FINISH) + struct.pack("<II", crc, (megabytes << 20) & 0xFFFFFFFF))


def repeated_file(path: Path, size: int, unit: bytes, head: bytes = b"", tail: bytes = b"") -> None:
    block = unit * max(1, (1 << 22) // len(unit))
    with open(path, "wb") as out:
        out.write(head)
        written = len(head)
        while written + len(block) <= size - len(tail):
            out.write(block)
            written += len(block)
        rest = size - len(tail) - written
        out.write((unit * (rest // len(unit) + 1))[:rest])
        out.write(tail)


# -- the corpus -------------------------------------------------------------------------
def build(root: Path, shared_data: Path, large: bool = True) -> Corpus:
    b = _Builder(root)
    _good(b, shared_data)
    _empty(b)
    _random(b)
    _binary(b, root)
    _invalid_utf8(b)
    _utf16(b)
    _legacy(b)
    _mojibake(b)
    _nul(b)
    _line_ends(b)
    _gzip(b)
    _jsonl(b)
    _csv(b)
    _names(b)
    _symlinks(b, root)
    _unreadable(b)
    _unicode(b)
    _payloads(b, root)
    if large:
        _large(b)
    return b.corpus


def good_articles(shared_data: Path, count: int) -> list[str]:
    """Articles of 4 clean UD sentences each (UD Polish LFG, read at run time)."""
    safe = set(" .,;:!?()'%/")
    sentences = []
    with open(shared_data / "ud" / "pl_lfg-ud-test.conllu", encoding="utf-8") as conllu:
        for line in conllu:
            if line.startswith("# text = "):
                s = line[9:].strip()
                if len(s) > 25 and "  " not in s and all(ch.isalnum() or ch in safe for ch in s) and s[0].isupper():
                    sentences.append(s)
    return [" ".join(sentences[i * 4 : i * 4 + 4]) for i in range(count)]


def _good(b: _Builder, shared_data: Path) -> None:
    c = "good"
    seed = (shared_data / "seed" / "000_7ffdc9170aac84cf.txt").read_text(encoding="utf-8")
    uri = b.file(c, "seed-article.txt", seed.encode())
    b.doc(c, "the sample article", uri, seed, good=True)
    articles = good_articles(shared_data, 40)
    for i, article in enumerate(articles[:15]):
        uri = b.file(c, f"ud-{i:02d}.txt", article.encode())
        b.doc(c, "UD article (.txt)", uri, article, good=True)
    lines = [
        jline({"id": f"good-{i}", "text": a, "published": f"2024-05-{1 + i % 9:02d}"})
        for i, a in enumerate(articles[15:30])
    ]
    uri = b.file(c, "ud.jsonl", b"".join(lines))
    for i, a in enumerate(articles[15:30]):
        b.doc(c, "UD article (.jsonl)", f"{uri}#good-{i}", a, good=True)
    uri = b.file(
        c,
        "ud.csv",
        csv_bytes([["id", "title", "text"], *[[f"csv-{i}", "Tytuł", a] for i, a in enumerate(articles[30:40])]]),
    )
    for i, a in enumerate(articles[30:40]):
        b.doc(c, "UD article (.csv)", f"{uri}#csv-{i}", a, good=True)


def _good_line(b: _Builder, category: str) -> tuple[bytes, str, None]:
    text = b.text()
    return jline({"id": f"ok-{b.n}", "text": text}), text, None


def _empty(b: _Builder) -> None:
    c = "empty"
    txt_variants: list[tuple[str, bytes, str]] = [
        ("empty file", b"", "empty"),
        ("one space", b" ", "empty"),
        ("newlines", b"\n\n\n", "empty"),
        ("CRLF only", b"\r\n\r\n", "empty"),
        ("tabs", b"\t\t \t", "empty"),
        ("no-break and em spaces", "\u00a0 \u2003 ".encode(), "empty"),
        ("ideographic space", "\u3000\u3000".encode(), "empty"),
        ("line/paragraph separators", "\u2028\u2029".encode(), "empty"),
        ("UTF-8 BOM only", b"\xef\xbb\xbf", "empty"),
        ("UTF-8 BOM and spaces", b"\xef\xbb\xbf  \n ", "empty"),
        ("UTF-16 BOM only", b"\xff\xfe", "empty"),
        ("UTF-16 BOM and whitespace", " \n\t ".encode("utf-16"), "empty"),
        ("zero-width spaces only", "\u200b\u200b\u200b".encode(), "empty"),
        ("bidi marks only", "\u200e\u200f\u202a\u202c".encode(), "empty"),
        ("soft hyphens only", "\u00ad\u00ad".encode(), "empty"),
        ("one NUL byte", b"\x00", "binary"),
    ]
    for what, data, reason in txt_variants:
        uri = b.file(c, f"{_slug(what)}.txt", data)
        b.rej(c, f"{what} (.txt)", uri, reason)
    for what, data in [("empty gzip", b""), ("whitespace gzip", b"  \n\n ")]:
        uri = b.file(c, f"{_slug(what)}.txt.gz", gzip.compress(data, mtime=0))
        b.rej(c, what, uri, "empty")
    for what, data in [("empty file", b""), ("blank lines", b"\n \n\t\n"), ("CRLF blank lines", b"\r\n\r\n")]:
        uri = b.file(c, f"{_slug(what)}.jsonl", data)
        b.rej(c, f"{what} (.jsonl)", uri, "empty")
    b.jsonl_records(
        c,
        "blank texts",
        [
            (jline({"text": ""}), None, "missing_text"),
            (jline({"text": "   \n\t "}), None, "missing_text"),
            (jline({"text": "\u00a0\u3000"}), None, "missing_text"),
            (jline({"text": "\u200b\u200f\u00ad"}), None, "empty"),
            _good_line(b, c),
        ],
    )
    for what, data, reason in [
        ("empty file", b"", "empty"),
        ("header only", b"id,title,text\n", "empty"),
        ("header and blank lines", b"id,text\n\n\n", "empty"),
    ]:
        uri = b.file(c, f"{_slug(what)}.csv", data)
        b.rej(c, f"{what} (.csv)", uri, reason)
    text = b.text()
    uri = b.file(c, "blank-cells.csv", csv_bytes([["id", "text"], ["e1", ""], ["e2", "   "], ["e3", text]]))
    b.rej(c, "empty text cell", f"{uri}#e1", "missing_text")
    b.rej(c, "blank text cell", f"{uri}#e2", "missing_text")
    b.doc(c, "good row after blank cells", f"{uri}#e3", text)


def _random(b: _Builder) -> None:
    c = "random"
    rng = random.Random(20241127)
    for i in range(30):
        data = rng.randbytes(rng.choice([256, 1000, 4096, 30_000, 65_536]))
        uri = b.file(c, f"random-{i:02d}.txt", data)
        b.rej(c, f"random bytes #{i} (.txt)", uri, "binary")
    for i in range(8):
        data = rng.randbytes(rng.choice([512, 4096, 20_000]))
        uri = b.file(c, f"random-{i:02d}.jsonl", data)
        b.rejs(c, f"random bytes #{i} (.jsonl)", uri, {"undecodable", "bad_json", "binary"})
    for i in range(4):
        data = rng.randbytes(4096)
        uri = b.file(c, f"random-{i:02d}.csv", data)
        b.rejs(c, f"random bytes #{i} (.csv)", uri, {"undecodable", "missing_columns", "binary", "bad_csv"})
    for i in range(4):
        data = gzip.compress(rng.randbytes(10_000), mtime=0)
        uri = b.file(c, f"random-{i:02d}.txt.gz", data)
        b.rej(c, f"random bytes #{i} (.txt.gz)", uri, "binary")
    for i in range(3):
        uri = b.file(c, f"not-gzip-{i}.txt.gz", rng.randbytes(2000))
        b.rej(c, f"random bytes named .gz #{i}", uri, "bad_gzip")


def _binary(b: _Builder, root: Path) -> None:
    c = "binary"
    samples = {
        "png": png_bytes(),
        "pdf": pdf_bytes("Zazolc gesla jazn"),
        "zip": zip_bytes("Zażółć gęślą jaźń"),
        "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(range(256)) * 4,
        "elf": b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(range(256)) * 4,
        "gzip": gzip.compress(b"Tekst spakowany gzipem, ale nazwany .txt.", mtime=0),
        "sqlite": sqlite_bytes(root, "Zażółć gęślą jaźń"),
        "gif": b"GIF89a\x10\x00\x10\x00\x80\x00\x00" + bytes(range(256)) * 2,
    }
    for kind, data in samples.items():
        for ext in ("txt", "jsonl", "csv"):
            uri = b.file(c, f"{kind}-renamed.{ext}", data)
            b.rej(c, f"{kind.upper()} renamed .{ext}", uri, "binary")
    uri = b.file(c, "png-in.txt.gz", gzip.compress(samples["png"], mtime=0))
    b.rej(c, "PNG gzipped as .txt.gz", uri, "binary")


def _invalid_utf8(b: _Builder) -> None:
    c = "invalid-utf8"
    for what, bad, replacements in INVALID_UTF8:
        # Four sentences: many valid multi-byte characters per damaged sequence.
        text = b.text(4)
        cut = text.index(" ", 30) + 1
        raw = text[:cut].encode() + bad + text[cut:].encode()
        expected = text[:cut] + "\ufffd" * replacements + text[cut:]
        b.txt(c, f"{what} (.txt)", raw, expected)
        text = b.text(4)
        cut = text.index(" ", 30) + 1
        line = (
            b'{"id": "u'
            + str(b.n).encode()
            + b'", "text": "'
            + text[:cut].encode()
            + bad
            + text[cut:].encode()
            + b'"}\n'
        )
        b.jsonl_records(
            c,
            f"{what} (.jsonl)",
            [
                (line, text[:cut] + "\ufffd" * replacements + text[cut:], None),
                _good_line(b, c),
            ],
        )
        text = b.text(4)
        cut = text.index(" ", 30) + 1
        data = b'id,text\nr1,"' + text[:cut].encode() + bad + text[cut:].encode() + b'"\n'
        uri = b.file(c, f"c{b.n:04d}-{_slug(what)}.csv", data)
        b.doc(c, f"{what} (.csv)", f"{uri}#r1", text[:cut] + "\ufffd" * replacements + text[cut:])


def _utf16(b: _Builder) -> None:
    c = "utf16"
    variants = [
        ("UTF-16 LE with BOM", lambda s: b"\xff\xfe" + s.encode("utf-16-le")),
        ("UTF-16 BE with BOM", lambda s: b"\xfe\xff" + s.encode("utf-16-be")),
        ("UTF-16 LE without BOM", lambda s: s.encode("utf-16-le")),
        ("UTF-16 BE without BOM", lambda s: s.encode("utf-16-be")),
    ]
    for what, encode in variants:
        text = b.text(3)
        b.txt(c, f"{what} (.txt)", encode(text), text)
        t1, t2 = b.text(), b.text()
        body = (
            json.dumps({"id": f"a{b.n}", "text": t1}, ensure_ascii=False)
            + "\n"
            + json.dumps({"id": f"b{b.n}", "text": t2}, ensure_ascii=False)
            + "\n"
        )
        uri = b.file(c, f"c{b.n:04d}-{_slug(what)}.jsonl", encode(body))
        b.doc(c, f"{what} (.jsonl line 1)", f"{uri}#a{b.n}", t1)
        b.doc(c, f"{what} (.jsonl line 2)", f"{uri}#b{b.n}", t2)
        text = b.text()
        uri = b.file(c, f"c{b.n:04d}-{_slug(what)}.csv", encode(f'id,text\nr1,"{text}"\n'))
        b.doc(c, f"{what} (.csv)", f"{uri}#r1", text)
    for what, codec in [("UTF-32 LE with BOM", "utf-32")]:
        text = b.text()
        b.txt(c, f"{what} (.txt)", text.encode(codec), text)


def _legacy(b: _Builder) -> None:
    c = "legacy"
    for codec in ("cp1250", "iso-8859-2"):
        for k in range(4):
            text = b.text(2 + k % 2)
            b.txt(c, f"{codec} Polish #{k} (.txt)", text.encode(codec), text)
        text = b.text()
        uri = b.file(c, f"c{b.n:04d}-{codec}.txt.gz", gzip.compress(text.encode(codec), mtime=0))
        b.doc(c, f"{codec} Polish (.txt.gz)", uri, text)
        records = []
        for _ in range(3):
            text = b.text()
            records.append((jline({"id": f"l{b.n}", "text": text}, codec), text, None))
        b.jsonl_records(c, f"{codec} Polish (.jsonl)", records)
        rows = [["id", "title", "text"]]
        texts = []
        for _ in range(3):
            text = b.text()
            texts.append((f"r{b.n}", text))
            rows.append([f"r{b.n}", "Tytuł ąę", text])
        uri = b.file(c, f"c{b.n:04d}-{codec}.csv", csv_bytes(rows, codec, delimiter=";"))
        for ident, text in texts:
            b.doc(c, f"{codec} Polish (.csv)", f"{uri}#{ident}", text)
    # A UTF-8 JSONL file with one cp1250 line: lines are decoded one by one.
    t1, t2 = b.text(), b.text()
    b.jsonl_records(
        c,
        "one cp1250 line in a UTF-8 JSONL file",
        [
            (jline({"id": f"m{b.n}a", "text": t1}), t1, None),
            (jline({"id": f"m{b.n}b", "text": t2}, "cp1250"), t2, None),
        ],
    )


def _mojibake(b: _Builder) -> None:
    c = "mojibake"
    for codec in MOJIBAKE_CODECS:
        for double in (False, True):
            label = f"UTF-8 read as {codec}{' twice' if double else ''}"

            def garble(s: str, codec: str = codec, double: bool = double) -> str:
                once = s.encode("utf-8").decode(codec)
                return once.encode("utf-8").decode(codec) if double else once

            text = b.text(3)
            b.txt(c, f"{label} (.txt)", garble(text).encode("utf-8"), text)
            text = b.text()
            b.jsonl_records(
                c,
                f"{label} (.jsonl)",
                [
                    (jline({"id": f"j{b.n}", "text": garble(text)}), text, None),
                    _good_line(b, c),
                ],
            )
            if not double:
                text = b.text()
                uri = b.file(c, f"c{b.n:04d}-{_slug(label)}.csv", csv_bytes([["id", "text"], ["r1", garble(text)]]))
                b.doc(c, f"{label} (.csv)", f"{uri}#r1", text)


def _nul(b: _Builder) -> None:
    c = "nul"
    text = b.text(4)
    raw = text.replace(" ", " \x00", 2)
    b.txt(c, "two NUL bytes in UTF-8 text", raw.encode(), text)
    text = b.text(4)
    b.txt(c, "NUL at both ends", ("\x00" + text + "\x00").encode(), text)
    text = b.text(2)
    uri = b.file(c, "nul-every-few-chars.txt", "\x00".join(text[i : i + 3] for i in range(0, len(text), 3)).encode())
    b.rej(c, "NUL every three characters", uri, "binary")
    uri = b.file(c, "nul-only.txt", b"\x00" * 4096)
    b.rej(c, "NUL bytes only", uri, "binary")
    text = b.text()
    uri = b.file(c, "nul-padded.txt", text.encode() + b"\x00" * 8192)
    b.rej(c, "text then 8 KB of NUL padding", uri, "binary")
    t1, t2 = b.text(), b.text()
    b.jsonl_records(
        c,
        "NUL bytes in JSONL",
        [
            (jline({"id": f"n{b.n}a", "text": t1.replace(" ", "\u0000 ", 1)}), t1, None),
            (b'{"id": "raw-nul", "text": "Surowy\x00bajt"}\n', None, "bad_json"),
            (jline({"id": f"n{b.n}b", "text": t2}), t2, None),
        ],
    )
    text = b.text()
    uri = b.file(c, "nul-in-cell.csv", b'id,text\nr1,"' + text.replace(" ", "\x00 ", 1).encode() + b'"\n')
    b.doc(c, "NUL byte in a CSV cell", f"{uri}#r1", text)


def _line_ends(b: _Builder) -> None:
    c = "line-ends"

    def paragraphs() -> str:
        a, bb, cc = b.text(1), POLISH[b.n % len(POLISH)], POLISH[(b.n + 5) % len(POLISH)]
        return f"{a}\n{bb}\n\n{cc}"

    for what, convert in [
        ("LF", lambda s: s),
        ("CRLF", lambda s: s.replace("\n", "\r\n")),
        ("CR", lambda s: s.replace("\n", "\r")),
        ("mixed CR, LF and CRLF", lambda s: s.replace("\n\n", "\x00P").replace("\n", "\r\n").replace("\x00P", "\n\r")),
        ("CR CRLF pairs", lambda s: s.replace("\n\n", "\r\r\n")),
        ("spaces before CRLF, trailing CRs", lambda s: s.replace("\n", " \r\n") + " \r\r"),
        ("blank lines with spaces", lambda s: s.replace("\n\n", "\n \t \n\u00a0\n\n")),
        ("NEL and separators", lambda s: s.replace("\n\n", "\u2029").replace("\n", "\x85")),
    ]:
        text = paragraphs()
        b.txt(c, f"{what} (.txt)", convert(text).encode(), text)
        text = paragraphs()
        b.jsonl_records(
            c, f"{what} inside JSON strings", [(jline({"id": f"le{b.n}", "text": convert(text)}), text, None)]
        )
    text = paragraphs()
    uri = b.file(c, "crlf-gz.txt.gz", gzip.compress(text.replace("\n", "\r\n").encode(), mtime=0))
    b.doc(c, "CRLF (.txt.gz)", uri, text)
    t1, t2 = b.text(), b.text()
    b.jsonl_records(
        c,
        "CRLF-terminated JSONL",
        [
            (jline({"id": f"cr{b.n}a", "text": t1}).replace(b"\n", b"\r\n"), t1, None),
            (jline({"id": f"cr{b.n}b", "text": t2}).replace(b"\n", b"\r\n"), t2, None),
        ],
    )
    # JSON Lines are separated by "\n": with CR only, the file is one invalid line.
    t1, t2 = b.text(), b.text()
    uri = b.file(
        c, "cr-only.jsonl", jline({"text": t1}).replace(b"\n", b"\r") + jline({"text": t2}).replace(b"\n", b"\r")
    )
    b.rej(c, "CR-only JSONL (one line, not JSON)", f"{uri}#1", "bad_json")
    text = paragraphs()
    t2 = b.text()
    data = csv_bytes([["id", "text"], ["r1", text.replace("\n", "\r\n")], ["r2", t2]], newline="\r\n")
    uri = b.file(c, "crlf.csv", data)
    b.doc(c, "CRLF CSV with CRLF inside a quoted cell", f"{uri}#r1", text)
    b.doc(c, "CRLF CSV second row", f"{uri}#r2", t2)


def _gzip(b: _Builder) -> None:
    c = "gzip"
    body = " ".join(b.text(4) for _ in range(30)).encode()
    b.n += 1
    full = gzip.compress(body, mtime=0)
    for frac in (0.1, 0.5, 0.9):
        uri = b.file(c, f"cut-{int(frac * 100)}.txt.gz", full[: int(len(full) * frac)])
        b.rej(c, f"gzip cut at {int(frac * 100)}% (.txt.gz)", uri, "bad_gzip")
    uri = b.file(c, "cut-header.txt.gz", full[:5])
    b.rej(c, "gzip cut inside its header", uri, "bad_gzip")
    broken = bytearray(full)
    broken[-6] ^= 0xFF
    uri = b.file(c, "bad-crc.txt.gz", bytes(broken))
    b.rej(c, "gzip with a wrong CRC", uri, "bad_gzip")
    uri = b.file(c, "trailing-garbage.txt.gz", full + b"garbage after the stream")
    b.rej(c, "gzip with trailing garbage", uri, "bad_gzip")
    text = b.text()
    half = len(text) // 2
    cut = text.index(" ", half)
    uri = b.file(
        c,
        "two-members.txt.gz",
        gzip.compress(text[:cut].encode(), mtime=0) + gzip.compress(text[cut:].encode(), mtime=0),
    )
    b.doc(c, "gzip of two members", uri, text)
    # Multi-record files cut short: every record wholly inside the part that still
    # decompresses lands, none after it. (Random digits keep the text from compressing
    # to nothing, so that the intact part spans several read buffers.)
    rng = random.Random(7)
    records = [(f"g{b.n}-{i}", f"{b.text(2)} Kod {rng.getrandbits(128)}.") for i in range(150)]
    lines = [jline({"id": ident, "text": t}) for ident, t in records]
    blob = gzip.compress(b"".join(lines), mtime=0)
    uri = b.file(c, "cut-half.jsonl.gz", blob[: len(blob) // 2])
    b.rej(c, "JSONL gzip cut in half", uri, "bad_gzip")
    _records_before_cut(b, c, uri, blob[: len(blob) // 2], lines, [t for _, t in records], [i for i, _ in records])
    rows = [[f"z{b.n}-{i}", f"{b.text(2)} Kod {rng.getrandbits(128)}."] for i in range(120)]
    lines = [csv_bytes([row]) for row in rows]
    blob = gzip.compress(csv_bytes([["id", "text"]]) + b"".join(lines), mtime=0)
    uri = b.file(c, "cut.csv.gz", blob[: len(blob) // 3])
    b.rej(c, "CSV gzip cut at a third", uri, "bad_gzip")
    _records_before_cut(
        b,
        c,
        uri,
        blob[: len(blob) // 3],
        [csv_bytes([["id", "text"]]), *lines],
        [r[1] for r in rows],
        [r[0] for r in rows],
        header=True,
    )
    # A small gzip bomb: 1 GB of NULs in under 1 MB. Readers stop at their limits.
    bomb = Path(b.path(c, "bomb-1gb.txt.gz"))
    gzip_bomb(bomb, 1024)
    b.rej(c, "gzip bomb (.txt.gz, 1 GB of NULs)", str(bomb), "doc_too_large")
    bomb = Path(b.path(c, "bomb-1gb.jsonl.gz"))
    gzip_bomb(bomb, 1024)
    b.rej(c, "gzip bomb (.jsonl.gz, 1 GB of NULs)", str(bomb), "gzip_too_large")


def _records_before_cut(
    b: _Builder,
    category: str,
    uri: str,
    cut: bytes,
    lines: list[bytes],
    texts: list[str],
    ids: list[str],
    header: bool = False,
) -> None:
    intact = zlib.decompressobj(31).decompress(cut)  # what any gzip reader can recover
    end = 0
    for n, line in enumerate(lines):
        end += len(line)
        if end > len(intact):
            break
        if header and n == 0:
            continue
        k = n - 1 if header else n
        b.doc(category, "record wholly before the cut", f"{uri}#{ids[k]}", texts[k], bulk=True)


def _jsonl(b: _Builder) -> None:
    c = "jsonl"
    good = [_good_line(b, c) for _ in range(3)]
    b.jsonl_records(
        c,
        "broken lines",
        [
            good[0],
            (b'{"text": "niedomkniety\n', None, "bad_json"),
            (b"{'text': 'pojedyncze cudzyslowy'}\n", None, "bad_json"),
            (b'{"text": "przecinek",}\n', None, "bad_json"),
            (b'{text: "klucz bez cudzyslowow"}\n', None, "bad_json"),
            (b'{"text": "a"}{"text": "b"}\n', None, "bad_json"),
            (b"not json at all\n", None, "bad_json"),
            good[1],
            (b'{"text": "nawias"]\n', None, "bad_json"),
            (b"\n", None, None),  # blank lines are skipped silently
            good[2],
        ],
    )
    b.jsonl_records(
        c,
        "wrong types",
        [
            (b'{"text": 5}\n', None, "bad_field"),
            (b'{"text": 5.5}\n', None, "bad_field"),
            (b'{"text": true}\n', None, "bad_field"),
            (b'{"text": ["a", "b"]}\n', None, "bad_field"),
            (b'{"text": {"pl": "tekst"}}\n', None, "bad_field"),
            (b"[1, 2, 3]\n", None, "bad_record"),
            (b'"just a string"\n', None, "bad_record"),
            (b"null\n", None, "bad_record"),
            (b"42\n", None, "bad_record"),
            _good_line(b, c),
        ],
    )
    text1, text2, text3 = b.text(), b.text(), b.text()
    b.jsonl_records(
        c,
        "missing or null text",
        [
            (b'{"title": "bez tekstu"}\n', None, "missing_text"),
            (b'{"text": null, "title": "null"}\n', None, "missing_text"),
            (b'{"Text": "wielka litera w kluczu"}\n', None, "missing_text"),
            (b"{}\n", None, "missing_text"),
            (
                jline(
                    {
                        "id": f"w{b.n}",
                        "text": text1,
                        "title": 12,
                        "source": ["a"],
                        "url": {"x": 1},
                        "published": [2024],
                        "lang": 5,
                    }
                ),
                text1,
                None,
            ),
            (jline({"id": {"nested": "id"}, "text": text2, "published": "not a date"}), text2, None),
            (jline({"id": f"w{b.n}x", "text": text3, "published": float("nan")}), text3, None),
        ],
    )
    text = b.text()
    many = {"id": f"f{b.n}", **{f"field_{i}": i for i in range(10_000)}, "text": text}
    b.jsonl_records(c, "10,000 fields", [(jline(many), text, None)])
    text = b.text()
    many = {"id": f"f{b.n}", "text": text, **{f"k{i}": "x" * 20 for i in range(10_000)}}
    b.jsonl_records(c, "10,000 string fields after text", [(jline(many), text, None)])
    text = b.text()
    deep_ok = (
        b'{"id": "deep-ok-'
        + str(b.n).encode()
        + b'", "meta": '
        + b"[" * 200
        + b"]" * 200
        + b', "text": '
        + json.dumps(text).encode()
        + b"}\n"
    )
    deep_bad = b'{"id": "deep", "meta": ' + b"[" * 100_000 + b"]" * 100_000 + b', "text": "gleboko"}\n'
    deep_obj = b'{"text": "obiekty", "m": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"}\n"
    b.jsonl_records(
        c,
        "deep nesting",
        [(deep_ok, text, None), (deep_bad, None, "bad_json"), (deep_obj, None, "bad_json"), _good_line(b, c)],
    )
    t1, t2, t3, t4 = b.text(), b.text(), b.text(), b.text()
    b.jsonl_records(
        c,
        "odd but valid",
        [
            (
                jline({"id": f"d{b.n}", "text": "nadpisany", "text ": "x"}).replace(
                    b'"text": "nadpisany"', b'"text": "nadpisany", "text": ' + json.dumps(t1).encode()
                ),
                t1,
                None,
            ),
            (jline({"id": f"e{b.n}", "text": t2}, ascii_only=True), t2, None),
            (b"  \t" + jline({"id": f"s{b.n}", "text": t3})[:-1] + b"  \t\n", t3, None),
            (jline({"id": f"t{b.n}", "text": t4, "title": "T" * 50_000}), t4, None),
        ],
    )
    text = b.text()
    b.jsonl_records(
        c,
        "lone surrogates",
        [
            (
                b'{"id": "sur-'
                + str(b.n).encode()
                + b'", "text": "'
                + text.encode()
                + b' \\ud800 koniec", "title": "\\udc00"}\n',
                text + " \ufffd koniec",
                None,
            ),
            (
                b'{"id": "pair-' + str(b.n).encode() + b'", "text": "Emoji \\ud83d\\ude00 z pary"}\n',
                "Emoji \U0001f600 z pary",
                None,
            ),
        ],
    )
    text = b.text()
    b.jsonl_records(
        c, "BOM-prefixed UTF-8 JSONL", [(b"\xef\xbb\xbf" + jline({"id": f"bom{b.n}", "text": text}), text, None)]
    )
    # One broken line per line of a 20,000-line file: listed up to the per-file cap,
    # then counted in one row.
    uri = b.file(c, "twenty-thousand-bad-lines.jsonl", b"x\n" * 20_000)
    b.rejs(c, "20,000 broken lines", uri, {"bad_json", "too_many_rejects"})


def _csv(b: _Builder) -> None:
    c = "csv"
    t = [b.text() for _ in range(4)]
    b.n += 1
    t.append(f'Przypadek {b.n}. Dyskietka 5" miała 1,44 MB')
    data = (
        "id,title,text,published\n"
        f'a1,Tytuł,"{t[0]}",2024-01-02\n'
        "a2,Za krótki\n"
        f'a3,Za długi,"{t[1]}",2024-01-02,nadmiar,i jeszcze\n'
        f'a4,"Cytat ""w"" tytule","{t[2]}\nw dwóch liniach, z ""cudzysłowem""",\n'
        f'a5,Bez daty,"{t[3]}"\n'
        "\n"
        f'a6,5" dyskietka,{t[4].replace(",", ";")},\n'
    ).encode()
    uri = b.file(c, "ragged.csv", data)
    b.doc(c, "regular row", f"{uri}#a1", t[0])
    b.rej(c, "row with too few fields (no text)", f"{uri}#a2", "missing_text")
    b.rej(c, "row with too many fields", f"{uri}#4", "bad_record")
    b.doc(c, "quoted cell with newline and quotes", f"{uri}#a4", f'{t[2]}\nw dwóch liniach, z "cudzysłowem"')
    b.doc(c, "row with fewer fields but text", f"{uri}#a5", t[3])
    b.doc(c, "quote inside an unquoted cell", f"{uri}#a6", t[4].replace(",", ";"))
    text = b.text()
    uri = b.file(c, "unterminated.csv", f'id,text\nu1,"{text}"\nu2,"bez końca\nu3,dalej\n'.encode())
    b.doc(c, "row before an unterminated quote", f"{uri}#u1", text)
    b.rej(c, "unterminated quote", f"{uri}#3", "bad_csv")
    text = b.text()
    uri = b.file(c, "stray-quote.csv", f'id,text\ns1,"zły" cudzysłów\ns2,{text}\n'.encode())
    b.rej(c, "text after a closing quote", f"{uri}#2", "bad_csv")
    for delimiter, name in ((";", "semicolon"), ("\t", "tab")):
        text = b.text()
        uri = b.file(c, f"{name}.csv", csv_bytes([["id", "text"], ["d1", text]], delimiter=delimiter))
        b.doc(c, f"{name}-separated", f"{uri}#d1", text)
    text = b.text()
    uri = b.file(c, "header-case.csv", csv_bytes([["ID", " Text ", "Title"], ["h1", text, "x"]]))
    b.doc(c, "header in capitals with spaces", f"{uri}#h1", text)
    text = b.text()
    uri = b.file(c, "bom.csv", b"\xef\xbb\xbf" + csv_bytes([["id", "text"], ["b1", text]]))
    b.doc(c, "UTF-8 BOM", f"{uri}#b1", text)
    uri = b.file(c, "no-text-column.csv", csv_bytes([["id", "body"], ["1", "treść"]]))
    b.rej(c, "no text column", uri, "missing_columns")
    text = b.text()
    uri = b.file(
        c,
        "many-columns.csv",
        csv_bytes([[f"c{i}" for i in range(5000)] + ["text"], [str(i) for i in range(5000)] + [text]]),
    )
    b.doc(c, "5,000 columns", f"{uri}#2", text)
    text = b.text()
    uri = b.file(c, "no-id.csv", csv_bytes([["text"], [text]]))
    b.doc(c, "no id column", f"{uri}#2", text)
    uri = b.file(c, "huge-field.csv", b'id,text\nbig,"' + b"a" * 30_000_000 + b'"\n')
    b.rej(c, "30 MB field", f"{uri}#2", "bad_csv")
    b.corpus.large.append(Path(uri))


def _names(b: _Builder) -> None:
    c = "names"
    names: list[str | bytes] = [
        "with space.txt",
        "  leading spaces.txt",
        "trailing space .txt",
        'quote".txt',
        "apostrophe's.txt",
        "new\nline.txt",
        "tab\there.txt",
        "carriage\rreturn.txt",
        "zażółć gęślą.txt",
        "日本語のニュース.txt",
        "emoji \U0001f4f0.txt",
        "RTL \u202eeman.txt",
        "-rf.txt",
        "--help.txt",
        "-.txt",
        "hash#1.txt",
        "back\\slash.txt",
        "$(touch pwned).txt",
        "semi;colon&amp.txt",
        "percent%20name.txt",
        "SHOUT.TXT",
        "x" * 240 + ".txt",
        b"latin2-\xb1\xe6\xea.txt",
        b"bad-\xff\xfe-bytes.txt",
    ]
    for name in names:
        text = b.text()
        uri = b.file(c, name, text.encode())
        stored = os.fsencode(uri).decode("utf-8", "backslashreplace")
        b.doc(c, f"file name {name!r}", stored, text)
    folder = Path(b.path(c, "sub dir with 'quotes' and \u00e9"))
    folder.mkdir()
    text = b.text()
    (folder / "-nested.txt").write_text(text, encoding="utf-8")
    b.doc(c, "odd directory name", str(folder / "-nested.txt"), text)
    uri = b.file(c, "unknown.pdf", b"%PDF-1.4")
    b.rej(c, "unsupported extension", uri, "unsupported_format")
    uri = b.file(c, "no-extension", b"Tekst bez rozszerzenia.")
    b.rej(c, "no extension", uri, "unsupported_format")
    uri = b.file(c, "archive.tar.gz", gzip.compress(b"tar", mtime=0))
    b.rej(c, "tar.gz", uri, "unsupported_format")


def _symlinks(b: _Builder, root: Path) -> None:
    c = "symlinks"
    outside = root / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Tajny tekst spoza katalogu wejściowego.", encoding="utf-8")
    folder = Path(b.path(c, "x")).parent
    links = [
        ("link to a file outside", "out.txt", str(outside / "secret.txt"), "symlink_outside"),
        ("relative link escaping with ../", "escape.txt", "../../outside/secret.txt", "symlink_outside"),
        ("link to /etc/passwd", "passwd.txt", "/etc/passwd", "symlink_outside"),
        ("link to a directory outside", "outdir", str(outside), "symlink_dir"),
        ("link to the input root", "root-loop", "..", "symlink_dir"),
        ("link to its own folder", "self-dir", ".", "symlink_dir"),
        ("link to itself", "self.txt", "self.txt", "symlink_loop"),
        ("two links in a loop (a)", "loop-a.txt", "loop-b.txt", "symlink_loop"),
        ("two links in a loop (b)", "loop-b.txt", "loop-a.txt", "symlink_loop"),
        ("broken link", "broken.txt", "does-not-exist.txt", "broken_symlink"),
    ]
    for what, name, target, reason in links:
        os.symlink(target, folder / name)
        b.rej(c, what, str(folder / name), reason)
    text = b.text()
    (folder / "a-target.txt").write_text(text, encoding="utf-8")
    os.symlink("a-target.txt", folder / "z-alias.txt")
    b.doc(
        c,
        "link to a file inside (read once)",
        str(folder / "a-target.txt"),
        text,
        aliases=(str(folder / "z-alias.txt"),),
    )


def _unreadable(b: _Builder) -> None:
    c = "unreadable"
    for name in ("no-permission.txt", "no-permission.jsonl"):
        uri = b.file(c, name, jline({"text": b.text()}))
        os.chmod(uri, 0)
        b.corpus.restore.append(Path(uri))
        b.rej(c, f"permission denied ({name})", uri, "unreadable")
        b.corpus.needs_unprivileged.append(b.corpus.cases[-1])
    folder = Path(b.path(c, "locked-dir"))
    folder.mkdir()
    (folder / "inside.txt").write_text(b.text(), encoding="utf-8")
    os.chmod(folder, 0)
    b.corpus.restore.append(folder)
    b.rej(c, "directory without permission", str(folder), "unreadable")
    b.corpus.needs_unprivileged.append(b.corpus.cases[-1])
    fifo = b.path(c, "named-pipe.txt")
    os.mkfifo(fifo)
    b.rej(c, "FIFO (reading would block)", fifo, "not_regular_file")


def _unicode(b: _Builder) -> None:
    c = "unicode"
    for what, raw, expected in UNICODE_CASES:
        # A few sentences around the case keep its control characters under the 2 %
        # share above which a file counts as binary.
        b.n += 1
        tag, tail = f"Przypadek {b.n}. ", " " + " ".join(POLISH[:3])
        b.txt(c, f"{what} (.txt)", (tag + raw + tail).encode(), tag + expected + tail)
        b.n += 1
        tag = f"Przypadek {b.n}. "
        b.jsonl_records(c, f"{what} (.jsonl)", [(jline({"id": f"x{b.n}", "text": tag + raw}), tag + expected, None)])


def _payloads(b: _Builder, root: Path) -> None:
    c = "payloads"
    marker = root / "PWNED"
    for i, template in enumerate(PAYLOADS):
        text = f"Przypadek p{i}. " + template.format(marker=marker)
        b.txt(c, f"payload {i}", text.encode(), text)
    records = [
        (
            jline({"id": f"pl{i}", "text": f"Przypadek q{i}. " + t.format(marker=marker)}),
            f"Przypadek q{i}. " + t.format(marker=marker),
            None,
        )
        for i, t in enumerate(PAYLOADS)
    ]
    b.jsonl_records(c, "payloads (.jsonl)", records)


MB = 1 << 20


def _large(b: _Builder) -> None:
    """The big ones: over every size limit, read with bounded memory."""
    c = "large"
    unit = (" ".join(POLISH) + "\n").encode()
    path = Path(b.path(c, "hundred-mb.txt"))
    repeated_file(path, 100 * MB, unit)
    b.rej(c, "100 MB .txt", str(path), "doc_too_large")
    b.corpus.large.append(path)
    path = Path(b.path(c, "twenty-mb-one-line.txt"))
    repeated_file(path, 20 * MB, unit.replace(b"\n", b" "))
    b.rej(c, "20 MB single line (.txt)", str(path), "doc_too_large")
    b.corpus.large.append(path)
    path = Path(b.path(c, "twenty-mb-one-line.jsonl"))
    repeated_file(path, 20 * MB, unit.replace(b"\n", b" "), head=b'{"id": "long", "text": "', tail=b'"}\n')
    b.rej(c, "20 MB single JSONL line", f"{path}#long", "doc_too_large")
    b.corpus.large.append(path)
    path = Path(b.path(c, "thirty-mb-line-then-good.jsonl"))
    text = b.text()
    repeated_file(
        path,
        30 * MB,
        unit.replace(b"\n", b" "),
        head=b'{"text": "',
        tail=b'"}\n' + jline({"id": "after", "text": text}),
    )
    b.rej(c, "30 MB JSONL line (over max_record_bytes)", f"{path}#1", "record_too_large")
    b.doc(c, "good line after a 30 MB line", f"{path}#after", text)
    b.corpus.large.append(path)
    path = Path(b.path(c, "three-hundred-mb.txt"))
    with open(path, "wb") as sparse:  # a sparse file: instant, takes no disk space
        sparse.truncate(300 * MB)
    b.rej(c, "300 MB file (over max_file_bytes)", str(path), "file_too_large")
    b.corpus.large.append(path)


# -- running a measured subprocess ---------------------------------------------------------
@dataclass(frozen=True)
class Measured:
    returncode: int  # negative: killed by that signal
    stdout: str
    stderr: str
    seconds: float
    peak_rss_mb: float  # the child's own peak resident set size


def run_measured(args: list[str], env: dict[str, str], cwd: Path, out_dir: Path, timeout: float = 900) -> Measured:
    """Run ``args`` and return its output and its own peak RSS (``wait4``'s rusage).

    ``RUSAGE_CHILDREN`` would report the largest of *all* children this test process ever
    waited for; ``wait4`` gives exactly this child's figure.
    """
    import signal
    import subprocess
    import time

    out_dir.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with open(out_dir / "stdout.txt", "w+") as out, open(out_dir / "stderr.txt", "w+") as err:
        proc = subprocess.Popen(args, stdout=out, stderr=err, cwd=cwd, env=env)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                os.kill(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.1)
        proc.returncode = os.waitstatus_to_exitcode(status)  # tell Popen it has been reaped
        out.seek(0)
        err.seek(0)
        return Measured(proc.returncode, out.read(), err.read(), time.monotonic() - started, usage.ru_maxrss / 1024)


def unprivileged_prefix() -> list[str] | None:
    """A command prefix under which permission bits apply; None if impossible here.

    Root reads any file whatever its mode, so as root the run is started without the
    capabilities that bypass permission checks (``setpriv`` drops them); it still owns,
    and can write, its own data directory.
    """
    import shutil

    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]
