"""Scores of predicted entity spans against gold: exact-match P/R/F1 per type, and the
PolEval 2018 Task 2 score over all categories.

A span here is ``(doc, sentence, first token, end token, category)``. Token offsets stand
in for PolEval's character offsets: two token ranges overlap, or are equal, exactly when
the character ranges they cover do.

PolEval 2018 (task 2, NER), as its evaluation script ``poleval_ner_test.py`` computes it:
every annotation counts, nested ones included, under its full category (``persName``,
``persName_forename``, ``placeName_settlement``, ``orgName``, ``date``, ...); annotations
are a set per document. A gold annotation is matched when some predicted annotation of
the same category overlaps it (overlap score) or has the same offsets (exact score);
true positives are matched gold annotations, false positives the predicted annotations
minus the true positives, false negatives the gold minus the true positives; micro F1 over
all documents. Final score = 0.8 × overlap F1 + 0.2 × exact F1.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypedDict

Span = tuple[int, int, int, int, str]  # doc, sentence, first token, end token (exclusive), category


def prf(gold: set[Span], pred: set[Span]) -> dict[str, float]:
    """Exact-match precision, recall, F1 and the counts."""
    tp = len(gold & pred)
    return _prf(tp, len(gold), len(pred))


def _prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "gold": n_gold,
        "predicted": n_pred,
    }


def by_type(gold: set[Span], pred: set[Span], types: Iterable[str]) -> dict[str, dict[str, float]]:
    """Micro-averaged exact scores, then one row per type present in gold."""
    out = {"micro": prf(gold, pred)}
    for t in types:
        g = {s for s in gold if s[4] == t}
        if g:
            out[t] = prf(g, {s for s in pred if s[4] == t})
    return out


def _overlap_hits(gold: set[Span], pred: set[Span]) -> int:
    """Gold spans with a predicted span of the same category overlapping them."""
    index: dict[tuple[int, int, str], list[tuple[int, int]]] = defaultdict(list)
    for d, s, a, b, cat in pred:
        index[(d, s, cat)].append((a, b))
    return sum(1 for d, s, a, b, cat in gold if any(pa < b and a < pb for pa, pb in index.get((d, s, cat), ())))


class PolEvalScores(TypedDict):
    overlap: dict[str, float]
    exact: dict[str, float]
    final: float


def poleval(gold: set[Span], pred: set[Span]) -> PolEvalScores:
    """PolEval 2018 task 2 figures: overlap and exact micro P/R/F1 and the final score."""
    overlap = _prf(_overlap_hits(gold, pred), len(gold), len(pred))
    exact = prf(gold, pred)
    final = 0.8 * overlap["f1"] + 0.2 * exact["f1"]
    return {"overlap": overlap, "exact": exact, "final": round(final, 4)}
