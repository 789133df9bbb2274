"""The main CRF's labels for whole batches of documents, from attribute ids kept per word.

:meth:`FeatureExtractor.document` spells out ~60 feature strings per token for
``pycrfsuite``; most of them are the token's word's (``own``) and its neighbours' words'
(``near``), the same for every occurrence of the word. Here each distinct word is turned
once into attribute ids of the model (:mod:`.crf`) — the weight sum of its own features and
the ids of the features its neighbours see — and only the few features that depend on the
token's place (:func:`~.features.document_context`) are looked up per token. The scores
are then added in exactly the order of the feature list :meth:`FeatureExtractor.document`
builds, so the labels are those ``pycrfsuite`` gives for it (``tests`` compare both).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from newsetl.cache import Generations
from newsetl.extract.entities.crf import CrfWeights, FloatArray, IntArray, state_scores, viterbi
from newsetl.extract.entities.features import _WINDOW, WordInfo, document_context

# Distinct words kept (two generations); an entry is ~0.5 KB.
_CACHE_LIMIT = 20_000
# Tokens scored together: bounds the id and score arrays (~10 MB).
_TOKENS_PER_STEP = 16_384


class _WordIds:
    """One word's share of every token score: its own features' weight sum (added first,
    from zero, as CRFsuite does) and the ids of the features seen from each offset."""

    __slots__ = ("near", "own", "sizes")

    def __init__(self, own: FloatArray, near: IntArray, sizes: tuple[int, ...]) -> None:
        self.own = own
        self.near = near  # the ids for every offset of _WINDOW, one after another
        self.sizes = sizes  # how many for each offset


class FirstPass:
    """Labels of the first (only) CRF stage from :class:`WordInfo` s, for a batch of documents."""

    def __init__(self, weights: CrfWeights) -> None:
        self._weights = weights
        self._words: Generations[_WordIds] = Generations(_CACHE_LIMIT)
        # Per offset, the model's attributes seen from it, keyed without the offset prefix:
        # near[k][f] is the id of f"{_WINDOW[k]}{f}" (no string to build per feature).
        self._near: list[dict[str, int]] = []
        for off in _WINDOW:
            prefix = str(off)
            self._near.append({a[len(prefix) :]: i for a, i in weights.attributes.items() if a.startswith(prefix)})

    def labels(
        self, docs: Sequence[Sequence[Sequence[str]]], infos: Sequence[Sequence[Sequence[WordInfo]]]
    ) -> list[list[list[str]]]:
        """Each document's label sequences, sentence by sentence (``infos``: the tokens'
        descriptions, as :meth:`FeatureExtractor.infos` gives them)."""
        out: list[list[list[str]]] = []
        step: list[int] = []
        size = 0
        for d, doc in enumerate(docs):
            step.append(d)
            size += sum(map(len, doc))
            if size >= _TOKENS_PER_STEP:
                out.extend(self._labels_of([docs[i] for i in step], [infos[i] for i in step]))
                step, size = [], 0
        if step:
            out.extend(self._labels_of([docs[i] for i in step], [infos[i] for i in step]))
        return out

    def _labels_of(
        self, docs: Sequence[Sequence[Sequence[str]]], infos: Sequence[Sequence[Sequence[WordInfo]]]
    ) -> list[list[list[str]]]:
        w = self._weights
        absent = w.absent
        attrs = w.attributes
        index: dict[str, int] = {}
        entries: list[_WordIds | None] = []
        new: list[tuple[int, str, WordInfo]] = []
        token_types: list[int] = []
        before: list[list[int]] = []
        after: list[list[int]] = []
        lengths: list[int] = []
        for doc, doc_infos in zip(docs, infos, strict=True):
            for sent, sent_infos, context in zip(doc, doc_infos, document_context(doc_infos), strict=True):
                lengths.append(len(sent))
                for token, info, (pre, post) in zip(sent, sent_infos, context, strict=True):
                    t = index.get(token)
                    if t is None:
                        t = index[token] = len(entries)
                        entry = self._words.get(token)
                        if entry is None:
                            new.append((t, token, info))
                        entries.append(entry)
                    token_types.append(t)
                    before.append([attrs.get(f, absent) for f in pre])
                    after.append([attrs.get(f, absent) for f in post])
        if new:
            for (t, token, _), entry in zip(new, self._describe([info for _, _, info in new]), strict=True):
                entries[t] = entry
                self._words.put(token, entry)
        ready = [e for e in entries if e is not None]
        if not token_types:
            return [[[] for _ in doc] for doc in docs]
        types = np.asarray(token_types, np.intp)
        own = np.stack([e.own for e in ready])
        pre_ids = _padded(before, absent)
        columns: list[IntArray] = [pre_ids[:, c] for c in range(pre_ids.shape[1])]
        all_near = np.concatenate([e.near for e in ready])
        sizes = np.array([e.sizes for e in ready], np.intp)
        firsts = np.cumsum(sizes, axis=None).reshape(sizes.shape) - sizes  # where each part starts
        for k, neighbours in enumerate(_neighbour_types(types, lengths, len(ready))):
            near = _padded_parts(all_near, firsts[:, k], sizes[:, k], absent)
            chosen = near[neighbours]
            columns.extend(chosen[:, c] for c in range(chosen.shape[1]))
        post_ids = _padded(after, absent)
        columns.extend(post_ids[:, c] for c in range(post_ids.shape[1]))
        scores = state_scores(w, own[types], columns)
        sentences = iter(viterbi(w, scores, lengths))
        return [[next(sentences) for _ in doc] for doc in docs]

    def _describe(self, infos: Sequence[WordInfo]) -> list[_WordIds]:
        """The ids of new words; their own weight sums computed together."""
        w = self._weights
        absent = w.absent
        attrs = w.attributes
        own_ids = _padded([[attrs.get(f, absent) for f in i.own] for i in infos], absent)
        sums = state_scores(w, np.zeros((len(infos), len(w.labels))), [own_ids[:, c] for c in range(own_ids.shape[1])])
        out = []
        for info, row in zip(infos, sums, strict=True):
            near: list[int] = []
            sizes = []
            for k, ids in enumerate(self._near):
                seen = info.near_seen(k)
                near.extend([ids.get(f, absent) for f in seen])
                sizes.append(len(seen))
            out.append(_WordIds(row.copy(), np.asarray(near, np.int32), tuple(sizes)))
        return out


def _padded(rows: Sequence[Sequence[int] | IntArray], fill: int) -> IntArray:
    """Rows of ids as one matrix, short rows padded with ``fill``."""
    sizes = np.fromiter(map(len, rows), np.intp, len(rows))
    width = int(sizes.max()) if len(rows) else 0
    out = np.full((len(rows), width), fill, np.intp)
    flat = np.fromiter(chain.from_iterable(rows), np.intp, int(sizes.sum()))
    starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
    out[np.repeat(np.arange(len(rows)), sizes), np.arange(len(flat)) - starts] = flat
    return out


def _padded_parts(flat: npt.NDArray[np.int32], firsts: IntArray, sizes: IntArray, fill: int) -> IntArray:
    """Row ``i``: ``flat[firsts[i] : firsts[i] + sizes[i]]``, padded with ``fill``; one more
    row of ``fill`` only (for tokens without a neighbour)."""
    width = int(sizes.max()) if len(sizes) else 0
    out = np.full((len(sizes) + 1, width), fill, np.intp)
    total = int(sizes.sum())
    rows = np.repeat(np.arange(len(sizes)), sizes)
    cols = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    out[rows, cols] = flat[np.repeat(firsts, sizes) + cols]
    return out


def _neighbour_types(types: IntArray, lengths: Sequence[int], none: int) -> list[IntArray]:
    """For each offset of _WINDOW, the type of each token's neighbour there (``none``
    where the sentence has no such token)."""
    sizes = np.asarray(lengths, np.intp)
    position = np.arange(len(types)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    length = np.repeat(sizes, sizes)
    out = []
    for off in _WINDOW:
        inside = (position + off >= 0) & (position + off < length)
        found = np.full(len(types), none, np.intp)
        found[inside] = types[np.flatnonzero(inside) + off]
        out.append(found)
    return out
