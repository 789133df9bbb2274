"""Hand-placed mentions (used by the claims evaluation and tests)."""

from __future__ import annotations

from newsetl.segment import segment
from newsetl.spans import mentions_at


def test_longest_surface_wins_and_words_must_be_whole() -> None:
    text = "Mark Rutte spotkał się z Blinkenem. Rutte mówił, a Ruttego nie było."
    seg = segment(text)
    found = mentions_at(text, seg, [("Rutte", "persName", "e:r"), ("Mark Rutte", "persName", "e:mr")])
    assert [(text[m.start : m.end], m.entity_id, m.sentence_idx) for m in found] == [
        ("Mark Rutte", "e:mr", 0),
        ("Rutte", "e:r", 1),
    ]
