"""Exact-match and PolEval 2018 scoring of entity spans."""

from __future__ import annotations

from newsetl.extract.entities.ner_scores import Span, by_type, poleval, prf


def test_exact_scores() -> None:
    gold: set[Span] = {(0, 0, 0, 2, "persName"), (0, 1, 3, 4, "placeName"), (1, 0, 0, 1, "orgName")}
    pred: set[Span] = {(0, 0, 0, 2, "persName"), (0, 1, 3, 5, "placeName"), (1, 0, 0, 1, "placeName")}
    assert prf(gold, pred) == {"precision": 0.3333, "recall": 0.3333, "f1": 0.3333, "gold": 3, "predicted": 3}
    rows = by_type(gold, pred, ["persName", "placeName", "orgName", "date"])
    assert rows["persName"]["f1"] == 1.0 and rows["orgName"]["recall"] == 0.0
    assert "date" not in rows  # no gold of that type: no row


def test_poleval_overlap_needs_same_category_and_shared_tokens() -> None:
    gold: set[Span] = {
        (0, 0, 0, 3, "orgName"),
        (0, 0, 2, 3, "placeName_settlement"),
        (0, 1, 0, 2, "persName"),
        (0, 1, 5, 6, "date"),
    }
    pred: set[Span] = {
        (0, 0, 0, 2, "orgName"),  # overlaps the gold organisation: an overlap hit, not exact
        (0, 0, 2, 3, "placeName_country"),  # right tokens, wrong category: no hit
        (0, 1, 0, 2, "persName"),  # exact
        (0, 1, 2, 3, "persName"),  # touches nothing
        (0, 2, 5, 6, "date"),  # other sentence
    }
    result = poleval(gold, pred)
    assert result["overlap"]["precision"] == 0.4 and result["overlap"]["recall"] == 0.5
    assert result["exact"]["precision"] == 0.2 and result["exact"]["recall"] == 0.25
    overlap_f1 = 2 * 0.4 * 0.5 / 0.9
    exact_f1 = 2 * 0.2 * 0.25 / 0.45
    assert abs(result["final"] - (0.8 * round(overlap_f1, 4) + 0.2 * round(exact_f1, 4))) < 1e-4


def test_poleval_counts_each_gold_annotation_once() -> None:
    gold: set[Span] = {(0, 0, 0, 4, "orgName")}
    pred: set[Span] = {(0, 0, 0, 1, "orgName"), (0, 0, 2, 4, "orgName")}
    result = poleval(gold, pred)
    assert result["overlap"]["recall"] == 1.0 and result["overlap"]["precision"] == 0.5
