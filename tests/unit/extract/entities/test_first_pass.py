"""The id-based CRF decoder gives pycrfsuite's labels, on real text and on edge cases."""

from __future__ import annotations

import gzip
from itertools import islice
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from newsetl.extract.entities.crf import read_crfsuite, viterbi
from newsetl.extract.entities.ner_corpus import parse_iob
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.morph import Morphology

REPO = Path(__file__).resolve().parents[4]
MODEL_DIR = REPO / "models" / "ner"


@pytest.fixture(scope="module")
def taggers() -> tuple[EntityTagger, EntityTagger]:
    morph = Morphology()
    return EntityTagger.load(MODEL_DIR, morph), EntityTagger.load(MODEL_DIR, morph, by_ids=False)


def test_model_file_read_as_pycrfsuite_reads_it() -> None:
    for name in ("stage1.crfsuite", "inner.crfsuite"):
        weights = read_crfsuite(MODEL_DIR / name)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(MODEL_DIR / name))
        info = tagger.info()
        assert weights.labels == tuple(tagger.labels())
        assert np.count_nonzero(weights.state) == len(info.state_features)
        assert np.count_nonzero(weights.transition) == len(info.transitions)
        for (attr, label), value in islice(info.state_features.items(), 0, None, 997):
            # info() prints weights with 6 decimals; the file holds the doubles.
            assert weights.state[weights.attributes[attr], weights.labels.index(label)] == pytest.approx(
                value, abs=1e-6
            )
        assert not weights.state[weights.absent].any()


def test_same_spans_as_pycrfsuite_on_nkjp(shared_data: Path, taggers: tuple[EntityTagger, EntityTagger]) -> None:
    by_ids, crfsuite = taggers
    with gzip.open(shared_data / "ner" / "nkjp-nested-simplified-v2.iob.gz", "rt", encoding="utf-8") as lines:
        docs = [d.sentences for d in islice(parse_iob(lines), 0, 600, 3)]
    assert sum(len(s) for d in docs for s in d) > 30_000
    assert by_ids.spans_in(docs) == crfsuite.spans_in(docs)


def test_same_spans_as_pycrfsuite_on_edge_cases(taggers: tuple[EntityTagger, EntityTagger]) -> None:
    by_ids, crfsuite = taggers
    docs = [
        [],
        [[]],
        [["Jan"]],
        [[], ["Jan", "Kowalski", "mieszka", "w", "Poznaniu", "."], []],
        [["„", "Gazeta", "Wyborcza", "”", "pisze", "o", "NATO", "."], ["Zzzqx", "Wqrtz", "-", "Ąę"]],
        [["a"] * 700],  # longer than any sentence of a group
    ]
    assert by_ids.spans_in(docs) == crfsuite.spans_in(docs)
    # one document at a time, and every document together, give the same
    assert [by_ids.spans_in([d])[0] for d in docs] == by_ids.spans_in(docs)


def test_viterbi_keeps_the_first_of_equal_paths() -> None:
    weights = read_crfsuite(MODEL_DIR / "stage1.crfsuite")
    flat = type(weights)(weights.labels, {}, weights.state, np.zeros_like(weights.transition))
    scores = np.zeros((3, len(weights.labels)))
    assert viterbi(flat, scores, [2, 0, 1]) == [[weights.labels[0]] * 2, [], [weights.labels[0]]]
