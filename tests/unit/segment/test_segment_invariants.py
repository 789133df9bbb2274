"""Offsets invariants, on fixed texts and on random ones (hypothesis)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsetl.segment import segment
from newsetl.spans import Segmentation


def check_invariants(text: str, seg: Segmentation) -> None:
    """Spans are non-empty and stripped, nested, ordered, non-overlapping, and the
    tokens cover every non-space character exactly once."""
    prev_end = 0
    for start, end in seg.paragraphs:
        assert prev_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        prev_end = end
    prev_end = 0
    for start, end, p in seg.sentences:
        assert 0 <= p < len(seg.paragraphs)
        p_start, p_end = seg.paragraphs[p]
        assert p_start <= start < end <= p_end
        assert prev_end <= start
        assert text[start:end] == text[start:end].strip()
        prev_end = end
    prev_end = 0
    for start, end, s in seg.tokens:
        assert 0 <= s < len(seg.sentences)
        s_start, s_end, _ = seg.sentences[s]
        assert s_start <= start < end <= s_end
        assert prev_end <= start
        assert not any(c.isspace() for c in text[start:end])
        prev_end = end
    covered = sum(end - start for start, end, _ in seg.tokens)
    assert covered == sum(not c.isspace() for c in text)
    # Every sentence and paragraph has at least one token; indices are in order.
    assert sorted({s for _, _, s in seg.tokens}) == list(range(len(seg.sentences)))
    assert sorted({p for _, _, p in seg.sentences}) == list(range(len(seg.paragraphs)))


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \n \n\t\n  "])
def test_empty_and_whitespace_give_nothing(text: str) -> None:
    seg = segment(text)
    assert seg.paragraphs == [] and seg.sentences == [] and seg.tokens == []


def test_seed_article_invariants(shared_data: Path) -> None:
    text = (shared_data / "seed" / "000_7ffdc9170aac84cf.txt").read_text(encoding="utf-8")
    seg = segment(text, "pl")
    check_invariants(text, seg)
    assert len(seg.paragraphs) == 13
    assert segment(text, "pl") == seg  # deterministic


PIECES = [
    "Ala",
    "ma",
    "kota",
    "Polska",
    "prof.",
    "dr",
    "r.",
    "tys.",
    "m.in.",
    "np.",
    "J.",
    "2024",
    "1,5",
    "12.30",
    "20.10.2005",
    "F-16",
    "PiS-u",
    "www.onet.pl",
    "a@b.pl",
    ":-)",
    "itd.",
    ".",
    ",",
    "?",
    "!",
    "…",
    "...",
    '"',
    "'",
    "(",
    ")",
    "-",
    " - ",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "W",
    "Potem",
    "zł",
    "proc.",
    "godz.",
    "ul.",
    "św.",
    "im.",
    "23.",
    "U.S.",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60).map(" ".join))
def test_invariants_on_random_word_salad(text: str) -> None:
    check_invariants(text, segment(text, "pl"))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*"aąBźZ9 .?!…-\"'()\n\t:;,%@/_", "\u00a0", "ß", "Ж"])),
    st.sampled_from([None, "pl", "en", "de", "ru", "fr"]),
)
def test_invariants_on_random_characters(text: str, lang: str | None) -> None:
    check_invariants(text, segment(text, lang))
