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

from array import array
from collections.abc import Mapping, Sequence
from itertools import chain

import numpy as np
import numpy.typing as npt

from newsetl.cache import Generations
from newsetl.extract.entities.crf import CrfWeights, FloatArray, IntArray, state_scores, viterbi
from newsetl.extract.entities.features import (
    _WINDOW,
    CAPITALISED_ELSEWHERE,
    IN_QUOTES,
    LOWER_ELSEWHERE,
    SECOND,
    SENTENCE_END,
    SENTENCE_START,
    SentenceContext,
    WordInfo,
    document_context,
)

# Distinct words kept (two generations); an entry is ~0.5 KB.
_CACHE_LIMIT = 20_000
# Tokens scored together: bounds the id and score arrays (~10 MB).
_TOKENS_PER_STEP = 16_384


class _WordIds:
    """One word's share of every token score: its own features' weight sum (added first,
    from zero, as CRFsuite does) and the ids of the features seen from each offset."""

    __slots__ = ("near", "own", "sizes")

    def __init__(self, own: bytes, near: bytes, sizes: tuple[int, ...]) -> None:
        self.own = own  # float64 per label (bytes: compact, and not followed by the garbage collector)
        self.near = near  # int32 ids for every offset of _WINDOW, one after another
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
        self,
        docs: Sequence[Sequence[Sequence[str]]],
        infos: Sequence[Sequence[Sequence[WordInfo]]],
        words: Mapping[str, WordInfo],
    ) -> list[list[list[str]]]:
        """Each document's label sequences, sentence by sentence. ``infos``: the tokens'
        descriptions; ``words``: the description of every distinct token of ``docs``
        (:meth:`FeatureExtractor.words`)."""
        index = {token: i for i, token in enumerate(words)}
        entries: list[_WordIds | None] = [self._words.get(token) for token in words]
        new = [i for i, entry in enumerate(entries) if entry is None]
        if new:
            tokens = list(words)
            for i, entry in zip(new, self._describe([words[tokens[i]] for i in new]), strict=True):
                entries[i] = entry
                self._words.put(tokens[i], entry)
        ready: list[_WordIds] = entries  # type: ignore[assignment]  # every None was replaced
        if not ready:
            return [[[] for _ in doc] for doc in docs]
        own = np.frombuffer(b"".join([e.own for e in ready]), np.float64).reshape(len(ready), -1)
        near = self._near_matrices(ready)
        out: list[list[list[str]]] = []
        step: list[int] = []
        size = 0
        for d, doc in enumerate(docs):
            step.append(d)
            size += sum(map(len, doc))
            if size >= _TOKENS_PER_STEP or d == len(docs) - 1:
                types = [index[t] for i in step for sent in docs[i] for t in sent]
                contexts = [c for i in step for c in document_context(infos[i])]
                lengths = [len(sent) for i in step for sent in docs[i]]
                out.extend(self._decode([docs[i] for i in step], types, contexts, lengths, own, near))
                step, size = [], 0
        return out

    def _near_matrices(self, ready: Sequence[_WordIds]) -> list[IntArray]:
        """Per offset, the ids each word shows its neighbour there, one padded row per word
        (and a last row for no word)."""
        absent = self._weights.absent
        flat = np.frombuffer(b"".join([e.near for e in ready]), np.int32)
        sizes = np.array([e.sizes for e in ready], np.intp)
        firsts = np.cumsum(sizes, axis=None).reshape(sizes.shape) - sizes  # where each part starts
        return [_padded_parts(flat, firsts[:, k], sizes[:, k], absent) for k in range(len(_WINDOW))]

    def _decode(
        self,
        docs: Sequence[Sequence[Sequence[str]]],
        token_types: list[int],
        contexts: Sequence[SentenceContext],
        lengths: list[int],
        own: FloatArray,
        near: Sequence[IntArray],
    ) -> list[list[list[str]]]:
        w = self._weights
        if not token_types:
            return [[[] for _ in doc] for doc in docs]
        types = np.asarray(token_types, np.intp)
        columns = self._place_columns(contexts, lengths)
        before, after = columns[:-2], columns[-2:]
        for k, neighbours in enumerate(_neighbour_types(types, lengths, len(own))):
            chosen = near[k][neighbours]
            before.extend(chosen[:, c] for c in range(chosen.shape[1]))
        scores = state_scores(w, own[types], [*before, *after])
        sentences = iter(viterbi(w, scores, lengths))
        return [[next(sentences) for _ in doc] for doc in docs]

    def _place_columns(self, contexts: Sequence[SentenceContext], lengths: list[int]) -> list[IntArray]:
        """The ids of the place features of every token, one column per feature in the
        order of :meth:`SentenceContext.before` and :meth:`SentenceContext.after` (absent
        where a token does not have it)."""
        attrs, absent = self._weights.attributes, self._weights.absent

        def column(flags: list[bool], name: str) -> IntArray:
            return np.where(np.array(flags, bool), attrs.get(name, absent), absent)

        bigrams = np.array([attrs.get(b, absent) for c in contexts for b in c.bigrams], np.intp)
        quoted = column([q for c in contexts for q in c.quoted], IN_QUOTES)
        runs = np.array([attrs.get(r, absent) if r else absent for c in contexts for r in c.runs], np.intp)
        sizes = np.asarray(lengths, np.intp)
        position = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        start = np.where(position == 0, attrs.get(SENTENCE_START, absent), absent)
        start = np.where(position == 1, attrs.get(SECOND, absent), start)
        end = np.where(position == np.repeat(sizes, sizes) - 1, attrs.get(SENTENCE_END, absent), absent)
        cap = column([f for c in contexts for f in c.capitalised_elsewhere], CAPITALISED_ELSEWHERE)
        low = column([f for c in contexts for f in c.lower_elsewhere], LOWER_ELSEWHERE)
        return [bigrams, quoted, runs, start, end, cap, low]

    def _describe(self, infos: Sequence[WordInfo]) -> list[_WordIds]:
        """The ids of new words; their own weight sums computed together."""
        w = self._weights
        absent = w.absent
        attrs = w.attributes
        own_ids = _padded([[attrs.get(f, absent) for f in i.own] for i in infos], absent)
        sums = state_scores(w, np.zeros((len(infos), len(w.labels))), [own_ids[:, c] for c in range(own_ids.shape[1])])
        rows = sums.tobytes()
        width = sums.shape[1] * sums.itemsize
        far_before, near_before, near_after, far_after = self._near  # offsets -2, -1, +1, +2
        out = []
        for n, info in enumerate(infos):
            base, close = info.near_base, info.near_close
            ids = array("i", [far_before.get(f, absent) for f in base])
            ids.extend([near_before.get(f, absent) for f in base])
            ids.extend([near_before.get(f, absent) for f in close])
            ids.extend([near_after.get(f, absent) for f in base])
            ids.extend([near_after.get(f, absent) for f in close])
            ids.extend([far_after.get(f, absent) for f in base])
            both = len(base) + len(close)
            out.append(_WordIds(rows[n * width : (n + 1) * width], ids.tobytes(), (len(base), both, both, len(base))))
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
