import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsetl.normalize.offsets import OffsetMap, apply_edits


def test_identity_breakpoints_round_trip() -> None:
    m = OffsetMap.identity(10)
    assert m.to_breakpoints() == [0, 0, 1]
    back = OffsetMap.from_breakpoints(m.to_breakpoints(), 10)
    assert (back.starts == m.starts).all() and (back.ends == m.ends).all()


def test_empty_map() -> None:
    m = OffsetMap.identity(0)
    assert m.to_breakpoints() == []
    assert len(OffsetMap.from_breakpoints([], 0)) == 0


@pytest.mark.parametrize(
    ("text", "edits", "expected"),
    [
        ("a  b", [(1, 3, " ")], "a b"),
        ("x\r\ny", [(1, 3, "\n")], "x\ny"),
        ("\u200bab", [(0, 1, "")], "ab"),
        ("ab", [], "ab"),
        ("a\u2029b", [(1, 2, "\n\n")], "a\n\nb"),
    ],
)
def test_apply_edits_maps_every_char_back(text: str, edits: list[tuple[int, int, str]], expected: str) -> None:
    out, m = apply_edits(text, edits)
    assert out == expected
    assert len(m) == len(out)
    for j, ch in enumerate(out):
        source = text[m.starts[j] : m.ends[j]]
        assert source, "every output character comes from some input"
        if not any(s <= m.starts[j] < e for s, e, _ in edits):
            assert source == ch


def test_then_composes() -> None:
    text = "a\u00a0\u00a0b"
    first, m1 = apply_edits(text, [(1, 2, " "), (2, 3, " ")])
    second, m2 = apply_edits(first, [(1, 3, " ")])
    m = m1.then(m2)
    assert second == "a b"
    assert m.raw_span(1, 2) == (1, 3)
    assert m.raw_span(2, 3) == (3, 4)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 3), st.text(max_size=3)), max_size=8))
def test_breakpoints_round_trip_any_edits(raw_edits: list[tuple[int, int, str]]) -> None:
    text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"
    edits, pos = [], 0
    for start, width, rep in sorted(raw_edits):
        if start < pos:
            continue
        end = min(start + width, len(text))
        edits.append((start, end, rep))
        pos = max(end, start + 1)
    out, m = apply_edits(text, edits)
    back = OffsetMap.from_breakpoints(m.to_breakpoints(), len(out))
    assert np.array_equal(back.starts, m.starts) and np.array_equal(back.ends, m.ends)
