"""Numpy inference for the neural NER model: char-CNN + embeddings → BiLSTM → CRF.

Trained by ``scripts/train_ner_neural.py`` (PyTorch, training only); the weights are
exported to a ``.npz`` file and this module reproduces the forward pass with numpy alone.
The model is cheap to run because everything that depends on a word alone (its
embeddings, its character CNN, its sparse features) is computed once per distinct word
and cached as that word's input vector; per call, distinct words are projected into the
LSTM's gate space with one matrix product, and the recurrence is run over all sentences
of the call at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from newsetl.extract.entities.ner_corpus import TYPES
from newsetl.extract.entities.neural_features import WordIds

F32 = npt.NDArray[np.float32]
I64 = npt.NDArray[np.int64]

#: Label order of the network's outputs.
LABELS: tuple[str, ...] = ("O", *(f"{p}-{t}" for t in TYPES for p in "BI"))


def _sigmoid(x: F32) -> F32:
    return np.asarray(0.5 * (np.tanh(0.5 * x) + 1.0), dtype=np.float32)


class NeuralNer:
    """The exported network's weights and its forward pass."""

    def __init__(self, weights: dict[str, F32]) -> None:
        w = {k: np.asarray(v, dtype=np.float32) for k, v in weights.items()}
        self.word_emb = w["word_emb"]
        self.lemma_emb = w["lemma_emb"]
        self.char_emb = w["char_emb"]
        self.conv_w = w["conv_w"]  # (width * char_dim, filters)
        self.conv_b = w["conv_b"]
        self.feat_emb = w["feat_emb"]
        self.w_ih = w["w_ih"]  # (input, 8H): forward then backward gates
        self.b_ih = w["b_ih"]
        self.w_hh_f = w["w_hh_f"]  # (H, 4H)
        self.w_hh_b = w["w_hh_b"]
        self.out_w = w["out_w"]  # (2H, labels)
        self.out_b = w["out_b"]
        self.trans = w["trans"]  # (labels, labels): from row to column
        self.start = w["start"]
        self.end = w["end"]
        self.hidden = self.w_hh_f.shape[0]
        self.width = self.conv_w.shape[0] // self.char_emb.shape[1]
        # Inputs beyond words: position-feature ids share feat_emb; CRF marginals, if the
        # model was trained with them, are the last len(LABELS) input columns.
        self.marginal_inputs = "use_marginals" in w and bool(w["use_marginals"][0])

    @classmethod
    def load(cls, path: Path) -> NeuralNer:
        with np.load(path) as data:
            return cls({k: data[k] for k in data.files})

    def word_vectors(self, ids: Sequence[WordIds]) -> F32:
        """Input vectors of distinct words (everything but position features and marginals)."""
        n = len(ids)
        longest = max((len(i.chars) for i in ids), default=1) or 1
        pad = self.width // 2
        chars = np.zeros((n, longest + 2 * pad), dtype=np.int64)
        lengths = np.zeros(n, dtype=np.int64)
        feat_sum = np.zeros((n, self.feat_emb.shape[1]), dtype=np.float32)
        for k, wid in enumerate(ids):
            chars[k, pad : pad + len(wid.chars)] = wid.chars
            lengths[k] = max(len(wid.chars), 1)
            if wid.feats:
                feat_sum[k] = self.feat_emb[list(wid.feats)].sum(axis=0)
        emb = self.char_emb[chars]  # (n, L + 2 pad, dim); row 0 of char_emb is zero
        windows = np.concatenate([emb[:, j : j + longest] for j in range(self.width)], axis=2)
        conv = windows @ self.conv_w + self.conv_b  # (n, L, filters)
        conv[np.arange(longest)[None, :] >= lengths[:, None]] = -np.inf
        char_vec = np.maximum(conv.max(axis=1), 0.0)
        words = self.word_emb[[i.word for i in ids]]
        lemmas = self.lemma_emb[[i.lemma for i in ids]]
        return np.concatenate([words, lemmas, char_vec, feat_sum], axis=1).astype(np.float32)

    def emissions(
        self,
        word_vecs: F32,
        token_rows: Sequence[I64],
        position_feats: Sequence[Sequence[Sequence[int]]],
        marginals: Sequence[F32] | None = None,
    ) -> list[F32]:
        """Label scores of each sentence: ``token_rows[s]`` indexes ``word_vecs`` for the tokens
        of sentence ``s``; ``position_feats[s][t]`` are the position-feature ids of token ``t``."""
        n_words_in = self.word_emb.shape[1] + self.lemma_emb.shape[1] + self.conv_w.shape[1]
        n_feat = self.feat_emb.shape[1]
        word_gates = word_vecs @ self.w_ih[: word_vecs.shape[1]]
        feat_gates = self.feat_emb @ self.w_ih[n_words_in : n_words_in + n_feat]  # per feature id
        marg_w = self.w_ih[n_words_in + n_feat :] if self.marginal_inputs else None
        lengths = np.array([len(r) for r in token_rows], dtype=np.int64)
        out: list[F32] = [np.zeros((0, len(LABELS)), dtype=np.float32)] * len(token_rows)
        order = np.argsort(-lengths, kind="stable")
        # Batches of sentences of similar length keep the padded recurrence short.
        for lo in range(0, len(order), 256):
            batch = order[lo : lo + 256]
            batch = batch[lengths[batch] > 0]
            if not len(batch):
                continue
            t_max = int(lengths[batch].max())
            gates = np.zeros((len(batch), t_max, self.w_ih.shape[1]), dtype=np.float32)
            for b, s in enumerate(batch):
                rows = token_rows[s]
                g = word_gates[rows] + self.b_ih
                for t, fids in enumerate(position_feats[s]):
                    if fids:
                        g[t] += feat_gates[list(fids)].sum(axis=0)
                if marg_w is not None and marginals is not None:
                    g += marginals[s] @ marg_w
                gates[b, : len(rows)] = g
            hid = self._bilstm(gates, lengths[batch])
            scores = hid @ self.out_w + self.out_b
            for b, s in enumerate(batch):
                out[s] = scores[b, : lengths[s]]
        return out

    def _bilstm(self, gates: F32, lengths: I64) -> F32:
        """Forward and backward LSTM over right-padded sequences (batch, time, 8H) → (batch, time, 2H)."""
        h4 = 4 * self.hidden
        n, t_max, _ = gates.shape
        fwd = self._lstm(gates[:, :, :h4], self.w_hh_f)
        # Backward direction: reverse each sequence within its own length.
        idx = np.arange(t_max)[None, :]
        rev = np.where(idx < lengths[:, None], lengths[:, None] - 1 - idx, idx)
        rows = np.arange(n)[:, None]
        bwd = self._lstm(gates[rows, rev, h4:], self.w_hh_b)[rows, rev]
        return np.concatenate([fwd, bwd], axis=2)

    def _lstm(self, gates: F32, w_hh: F32) -> F32:
        n, t_max, _ = gates.shape
        hsz = self.hidden
        h = np.zeros((n, hsz), dtype=np.float32)
        c = np.zeros((n, hsz), dtype=np.float32)
        out = np.empty((n, t_max, hsz), dtype=np.float32)
        for t in range(t_max):
            z = gates[:, t] + h @ w_hh
            i = _sigmoid(z[:, :hsz])
            f = _sigmoid(z[:, hsz : 2 * hsz])
            g = np.tanh(z[:, 2 * hsz : 3 * hsz])
            o = _sigmoid(z[:, 3 * hsz :])
            c = f * c + i * g
            h = o * np.tanh(c)
            out[:, t] = h
        return out

    def viterbi(self, emissions: F32) -> list[int]:
        """Best label sequence of one sentence under the CRF."""
        n = emissions.shape[0]
        if n == 0:
            return []
        score = self.start + emissions[0]
        back = np.empty((n, len(LABELS)), dtype=np.int64)
        for t in range(1, n):
            cand = score[:, None] + self.trans
            back[t] = cand.argmax(axis=0)
            score = cand.max(axis=0) + emissions[t]
        best = [int((score + self.end).argmax())]
        for t in range(n - 1, 0, -1):
            best.append(int(back[t, best[-1]]))
        return best[::-1]

    def marginals(self, emissions: F32) -> F32:
        """Per-token label posteriors of one sentence under the CRF (forward-backward)."""
        n, k = emissions.shape
        alpha = np.empty((n, k), dtype=np.float64)
        beta = np.empty((n, k), dtype=np.float64)
        trans = self.trans.astype(np.float64)
        alpha[0] = self.start + emissions[0]
        for t in range(1, n):
            alpha[t] = _logsumexp(alpha[t - 1][:, None] + trans, axis=0) + emissions[t]
        beta[n - 1] = self.end
        for t in range(n - 2, -1, -1):
            beta[t] = _logsumexp(trans + (emissions[t + 1] + beta[t + 1])[None, :], axis=1)
        log_z = _logsumexp(alpha[n - 1] + self.end, axis=0)
        return np.asarray(np.exp(alpha + beta - log_z), dtype=np.float32)


def _logsumexp(x: npt.NDArray[np.float64], axis: int) -> npt.NDArray[np.float64]:
    top = x.max(axis=axis, keepdims=True)
    return np.asarray(np.log(np.exp(x - top).sum(axis=axis)) + np.squeeze(top, axis=axis))
