import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.normalize.text import normalized_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u201eCytat\u201d \u2013 powiedzia\u0142", '"Cytat" - powiedział'),
        ("‘single’ and «guillemets»", "'single' and \"guillemets\""),
        ("2\u20133 mld, \u22125\u00b0C, a\u2014b", "2-3 mld, -5°C, a-b"),
        ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),
        ("para 1\n\n\n\n  \n para 2", "para 1\n\npara 2"),
        ("  spaces\t\tand\u00a0nbsp  ", "spaces and nbsp"),
        ("line end   \nnext", "line end\nnext"),
        ("obron\u00adność\u200b", "obronność"),
        ("e\u0301 and o\u0301", "é and ó"),
        ("NUL\x00 and \x07bell", "NUL and bell"),
        ("\u200ertl \u202bembedded\u202c", "rtl embedded"),
        ("emoji 👍🏽 family 👨\u200d👩\u200d👧", "emoji 👍🏽 family 👨\u200d👩\u200d👧"),
        ("", ""),
        (" \n\t ", ""),
    ],
)
def test_normalization_rules(raw: str, expected: str) -> None:
    assert normalized_text(raw).text == expected


def test_sample_like_text_keeps_offsets(sample_article) -> None:  # type: ignore[no-untyped-def]
    raw = sample_article.read_text(encoding="utf-8")
    result = normalized_text(raw)
    for match in re.finditer(r"\w+", result.text):
        rs, re_ = result.offsets.raw_span(match.start(), match.end())
        assert raw[rs:re_] == match.group()


ALPHABET = st.sampled_from(
    [
        *"abcąęśź XYZ.,-",
        "\u00a0",
        "\t",
        "\r\n",
        "\r",
        "\n",
        "\n\n\n",
        "\u201e",
        "\u201d",
        "\u2013",
        "\u200b",
        "\u00ad",
        "e\u0301",
        "\x00",
        "\u2029",
        "\u202e",
        "  ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_every_word_maps_back_to_its_original(raw: str) -> None:
    """Normalizing the original characters behind a word gives back that word."""
    result = normalized_text(raw)
    assert len(result.offsets) == len(result.text)
    starts = result.offsets.starts
    assert all(starts[i] <= starts[i + 1] for i in range(len(starts) - 1))
    for match in re.finditer(r"[^\s\"'-]+", result.text):
        rs, re_ = result.offsets.raw_span(match.start(), match.end())
        assert 0 <= rs < re_ <= len(raw)
        assert normalized_text(raw[rs:re_]).text == match.group()
