import os

import ftfy.bad_codecs  # noqa: F401
import pytest

from newsetl.ingest.decode import NotText, decoded, repaired_mojibake

POLISH = (
    "Zażółć gęślą jaźń. Szef NATO Mark Rutte spotkał się z Antonym Blinkenem w Brukseli; "
    "Północna Korea wysłała żołnierzy. Świętokrzyskie, Łódź, Ślązak, źdźbło."
)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("utf-8", "utf-8"),
        ("utf-8-sig", "utf-8-bom"),
        ("utf-16", "utf-16"),
        ("utf-16-le", "utf-16-le"),
        ("utf-16-be", "utf-16-be"),
        ("cp1250", "cp1250"),
        ("iso-8859-2", "iso8859_2"),
    ],
)
def test_polish_text_in_each_encoding(encoding: str, expected: str) -> None:
    result = decoded(POLISH.encode(encoding))
    assert result.text == POLISH
    assert result.encoding == expected


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Grüße aus München, schöne Straße und Äpfel", "cp1252"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy", "cp1250"),
        ("Ça va très bien, garçon à côté de la forêt", "cp1252"),
    ],
)
def test_other_legacy_text_decodes_right(text: str, encoding: str) -> None:
    assert decoded(text.encode(encoding)).text == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(200), "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (b"\x1f\x8b\x08\x00" + os.urandom(50), "binary"),
        (bytes(range(256)) * 8, "binary"),
        (b"\xef\xbb\xbf\xff\xfe broken", "undecodable"),
    ],
)
def test_refusals(data: bytes, reason: str) -> None:
    with pytest.raises(NotText) as info:
        decoded(data)
    assert info.value.reason == reason
    assert info.value.detail


def test_random_bytes_are_refused_or_decoded_without_crashing() -> None:
    for seed in range(50):
        data = os.urandom(500 + seed)
        try:
            result = decoded(data)
        except NotText as exc:
            assert exc.reason in {"binary", "undecodable"}
        else:
            assert isinstance(result.text, str)


@pytest.mark.parametrize("wrong", ["sloppy-windows-1250", "latin-1", "sloppy-windows-1252"])
def test_mojibake_is_repaired_and_mapped(wrong: str) -> None:
    garbled = POLISH.encode("utf-8").decode(wrong)
    repair = repaired_mojibake(garbled)
    assert repair is not None
    assert repair.text == POLISH
    start = POLISH.index("Północna")
    end = start + len("Północna")
    raw = garbled[repair.offsets.starts[start] : repair.offsets.ends[end - 1]]
    assert raw.encode(wrong).decode("utf-8") == "Północna"


def test_clean_text_is_not_repaired() -> None:
    assert repaired_mojibake(POLISH) is None
    assert repaired_mojibake("Plain ASCII text.") is None
