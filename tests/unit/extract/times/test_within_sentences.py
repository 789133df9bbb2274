"""Every stored temporal expression lies inside its sentence (the invariant the publish checks)."""

from __future__ import annotations

from newsetl.extract.claims_in_time import within_sentences
from newsetl.extract.times import times_in
from newsetl.morph import Morphology
from newsetl.normalize.text import normalized_text
from newsetl.segment import segment

from .conftest import PUBLISHED


def test_an_expression_split_by_a_sentence_boundary_is_dropped(morph: Morphology) -> None:
    # Found by the syndication set through the pipeline (NKJP press): the segmenter ends a
    # sentence after "dn." and the normaliser reads "dn. 4 listopada 1998 r." as one date,
    # assigned to the second sentence; the run was refused as a whole.
    text = normalized_text(
        "Podczas uroczystego otwarcia Banku w dn. 4 listopada 1998 r. z wiceprezesem Banku Pekao S.A. "
        "w Warszawie Jerzym Zdrzałką."
    ).text
    seg = segment(text, "pl", morph=morph)
    kept = within_sentences(times_in(text, seg, "pl", PUBLISHED, morph=morph), seg)
    for t in kept:
        start, end = seg.sentences[t.sentence_idx][:2]
        assert start <= t.start < t.end <= end, (t.text, t.sentence_idx)
