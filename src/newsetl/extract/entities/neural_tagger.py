"""The neural NER model applied to documents: ids, per-word cache, label scores, decoding.

:class:`NeuralScorer` turns documents (already described word by word by the CRF's
:class:`~newsetl.extract.entities.features.FeatureExtractor`, whose cache it shares) into
per-sentence label scores of :class:`~newsetl.extract.entities.neural_model.NeuralNer`.
:func:`decode_posteriors` decodes averaged per-token label probabilities (the neural and
CRF ensemble) into a valid BIO sequence.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsetl.extract.entities.features import WordInfo
from newsetl.extract.entities.neural_features import Vocab, document_counts, position_feature_strings, word_ids
from newsetl.extract.entities.neural_model import F32, I64, LABELS, NeuralNer

_CACHE_LIMIT = 200_000


def _allowed_transitions() -> F32:
    """0 where label j may follow label i in BIO, -inf where it may not (I-x after neither B-x nor I-x)."""
    k = len(LABELS)
    out = np.zeros((k, k), dtype=np.float32)
    for j, to in enumerate(LABELS):
        if to.startswith("I-"):
            for i, frm in enumerate(LABELS):
                if frm[2:] != to[2:]:
                    out[i, j] = -np.inf
    return out


_ALLOWED = _allowed_transitions()
_START_ALLOWED = np.array([-np.inf if lab.startswith("I-") else 0.0 for lab in LABELS], dtype=np.float32)


def decode_posteriors(probs: F32) -> list[str]:
    """The valid BIO sequence with the highest product of per-token probabilities."""
    n = probs.shape[0]
    if n == 0:
        return []
    logp = np.log(np.maximum(probs, 1e-9)).astype(np.float32)
    score = logp[0] + _START_ALLOWED
    back = np.empty((n, len(LABELS)), dtype=np.int64)
    for t in range(1, n):
        cand = score[:, None] + _ALLOWED
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    best = [int(score.argmax())]
    for t in range(n - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return [LABELS[k] for k in reversed(best)]


class NeuralScorer:
    """The neural model with its vocabulary and a bounded per-word input cache."""

    def __init__(self, model: NeuralNer, vocab: Vocab) -> None:
        self.model = model
        self._vocab = vocab
        self._cache: dict[str, F32] = {}

    @classmethod
    def load(cls, weights: Path, vocab: Path) -> NeuralScorer:
        lists = json.loads(vocab.read_text(encoding="utf-8"))
        return cls(NeuralNer.load(weights), Vocab.from_lists(lists))

    def emissions(
        self,
        docs: Sequence[Sequence[Sequence[str]]],
        infos: Sequence[Sequence[Sequence[WordInfo]]],
        marginals: Sequence[Sequence[F32]] | None = None,
    ) -> list[list[F32]]:
        """Label scores (before the CRF layer) of every sentence of every document."""
        missing: dict[str, WordInfo] = {}
        for doc, doc_infos in zip(docs, infos, strict=True):
            for sent, sent_infos in zip(doc, doc_infos, strict=True):
                for tok, info in zip(sent, sent_infos, strict=True):
                    if tok not in self._cache:
                        missing[tok] = info
        if len(self._cache) + len(missing) > _CACHE_LIMIT:
            self._cache.clear()
            missing = {t: i for doc, di in zip(docs, infos, strict=True) for s, si in zip(doc, di, strict=True) for t, i in zip(s, si, strict=True)}
        if missing:
            vecs = self.model.word_vectors([word_ids(self._vocab, info, tok) for tok, info in missing.items()])
            for tok, vec in zip(missing, vecs, strict=True):
                self._cache[tok] = vec
        rows: dict[str, int] = {}
        table: list[F32] = []
        token_rows: list[I64] = []
        position: list[list[list[int]]] = []
        sent_marg: list[F32] = []
        feats = self._vocab.feats
        for d, (doc, doc_infos) in enumerate(zip(docs, infos, strict=True)):
            cap_mid, low_any = document_counts(doc_infos)
            for s, (sent, sent_infos) in enumerate(zip(doc, doc_infos, strict=True)):
                idx = np.empty(len(sent), dtype=np.int64)
                for t, tok in enumerate(sent):
                    row = rows.get(tok)
                    if row is None:
                        row = rows[tok] = len(table)
                        table.append(self._cache[tok])
                    idx[t] = row
                token_rows.append(idx)
                pos = position_feature_strings(sent_infos, cap_mid, low_any)
                position.append([[feats[f] for f in p if f in feats] for p in pos])
                if marginals is not None:
                    sent_marg.append(marginals[d][s])
        word_vecs = np.stack(table) if table else np.zeros((0, 1), dtype=np.float32)
        flat = self.model.emissions(word_vecs, token_rows, position, sent_marg if marginals is not None else None)
        out: list[list[F32]] = []
        k = 0
        for doc in docs:
            out.append(flat[k : k + len(doc)])
            k += len(doc)
        return out
