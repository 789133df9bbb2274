"""Sentence-boundary F1 on UD Polish LFG dev (the set the rules were tuned on).

Same protocol as scripts/eval_segmentation.py: consecutive ``# text`` sentences joined
with one space into documents of 20, internal sentence ends scored by exact offset.
"""

from __future__ import annotations

from pathlib import Path

from newsetl.segment import segment

_TYPOGRAPHY = str.maketrans({"„": '"', "”": '"', "“": '"', "«": '"', "»": '"', "’": "'", "‘": "'", "–": "-", "—": "-"})


def ud_sentences(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = (line[len("# text = ") :].translate(_TYPOGRAPHY) for line in lines if line.startswith("# text = "))
    return [" ".join(t.split()) for t in texts if t.strip()]


def test_lfg_dev_sentence_boundary_f1(shared_data: Path) -> None:
    sents = ud_sentences(shared_data / "ud" / "pl_lfg-ud-dev.conllu")
    assert len(sents) > 1500
    tp = n_pred = n_gold = 0
    for i in range(0, len(sents), 20):
        doc = sents[i : i + 20]
        text = " ".join(doc)
        gold, pos = set(), 0
        for s in doc[:-1]:
            pos += len(s)
            gold.add(pos)
            pos += 1
        pred = {end for _, end, _ in segment(text, "pl").sentences[:-1]}
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    precision, recall = tp / n_pred, tp / n_gold
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.97, (precision, recall, f1)
