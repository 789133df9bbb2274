"""A linear-chain CRF from a CRFsuite model file, decoded with numpy in CRFsuite's own
arithmetic, so its labels are CRFsuite's, bit for bit.

Why: ``pycrfsuite.Tagger.tag`` takes every token's feature strings (~60 per token), looks
each up in the model's string table and sums the weights, one token at a time; building
those strings and looking them up was half the cost of named-entity tagging. Most of a
token's features belong to its word type, not to its position, so the tagger here works
with attribute *ids* resolved once per distinct word, and scores whole batches of
sentences at once.

Identical results need identical floating-point operations. CRFsuite (``crf1d_tag.c``,
``crf1d_context.c``) computes a token's score for label ``y`` as ``0 + w(a1, y) + w(a2, y)
+ ...`` over the token's attributes in the order given (unknown attributes skipped), and
Viterbi as ``max_i(prev[i] + trans[i][j]) + state[j]`` with the first best ``i`` kept, at
the end the first best label. :func:`state_scores` adds weight rows in the same order
(padding adds rows of zeros, which change nothing), and :func:`viterbi` makes the same
additions and comparisons.

The file format (CRFsuite's ``crf1d_model.c``): a 48-byte header with the offsets of the
feature table (``FEAT``: type, source, destination, weight as 4+4+4+8 bytes, little-endian),
the label and attribute string tables (``CQDB``: records of id, size and the
NUL-terminated UTF-8 string from byte 2072 of the table, then hash tables we do not need).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]

_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_CQDB_DATA = 24 + 256 * 8  # header, then 256 hash table references, then the records
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True)
class CrfWeights:
    """A CRFsuite model's labels, attribute ids and weights."""

    labels: tuple[str, ...]
    attributes: dict[str, int]  # attribute string → row of ``state``
    state: FloatArray  # (attributes + 1, labels): the last row is zeros (an unknown attribute)
    transition: FloatArray  # (labels, labels): from row label to column label

    @property
    def absent(self) -> int:
        """The row for an attribute the model does not know, and for padding: all zeros."""
        return len(self.state) - 1


def read_crfsuite(path: Path) -> CrfWeights:
    """The labels, attributes and weights of a CRFsuite (``crf1d``) model file."""
    data = path.read_bytes()
    magic, _, kind, _, _, n_labels, n_attrs, off_features, off_labels, off_attrs, _, _ = _HEADER.unpack_from(data, 0)
    if magic != b"lCRF" or kind != b"FOMC":
        raise ValueError(f"{path} is not a CRFsuite first-order CRF model")
    if data[off_features : off_features + 4] != b"FEAT":
        raise ValueError(f"{path}: no feature table")
    (n_features,) = struct.unpack_from("<I", data, off_features + 8)
    features = np.frombuffer(data, _FEATURE, n_features, off_features + 12)
    labels = _strings(data, off_labels, n_labels)
    attrs = _strings(data, off_attrs, n_attrs)
    state = np.zeros((n_attrs + 1, n_labels), np.float64)
    transition = np.zeros((n_labels, n_labels), np.float64)
    for table, kind_id in ((state, _STATE), (transition, _TRANSITION)):
        chosen = features[features["type"] == kind_id]
        # One feature per (source, destination) pair: assignment, not accumulation.
        table[chosen["src"], chosen["dst"]] = chosen["weight"]
    label_names = tuple(labels[i] for i in range(n_labels))
    if not 0 < n_labels < 128:
        raise ValueError(f"{path}: {n_labels} labels (the decoder stores label ids in one byte)")
    return CrfWeights(label_names, {name: i for i, name in attrs.items()}, state, transition)


def _strings(data: bytes, offset: int, count: int) -> dict[int, str]:
    """The id → string records of the CQDB table at ``offset``."""
    chunk, size, _, _, _, _ = _CQDB_HEADER.unpack_from(data, offset)
    if chunk != b"CQDB":
        raise ValueError("not a CQDB string table")
    refs = struct.unpack_from("<512I", data, offset + 24)
    tables = [refs[i] for i in range(0, 512, 2) if refs[i]]
    end = offset + (min(tables) if tables else size)
    pos = offset + _CQDB_DATA
    out: dict[int, str] = {}
    while pos < end and len(out) < count:
        ident, ksize = struct.unpack_from("<iI", data, pos)
        out[ident] = data[pos + 8 : pos + 8 + ksize - 1].decode("utf-8")
        pos += 8 + ksize
    if len(out) != count:
        raise ValueError(f"string table holds {len(out)} entries, header says {count}")
    return out


def state_scores(weights: CrfWeights, start: FloatArray, columns: Sequence[IntArray]) -> FloatArray:
    """``start`` plus the weight rows of ``columns`` (attribute ids, one array per column,
    one row per token), added column by column: CRFsuite's order of additions."""
    acc = start.copy()
    state = weights.state
    for ids in columns:
        acc += state[ids]
    return acc


# Sentences decoded together: bounds the back-pointer table (steps x group x labels).
_GROUP = 512


def viterbi(weights: CrfWeights, scores: FloatArray, lengths: Sequence[int]) -> list[list[str]]:
    """The best label sequence of each sentence; ``scores`` holds the state scores of the
    sentences' tokens one sentence after another (``lengths`` tokens each)."""
    sizes = np.asarray(lengths, np.intp)
    starts = np.zeros(len(sizes), np.intp)
    if len(sizes) > 1:
        np.cumsum(sizes[:-1], out=starts[1:])
    order = np.argsort(-sizes, kind="stable")
    names = weights.labels
    out: list[list[str]] = [[] for _ in lengths]
    for g in range(0, len(order), _GROUP):
        group = order[g : g + _GROUP]
        group = group[sizes[group] > 0]
        if len(group) == 0:
            continue
        for s, path in zip(group, _decode(weights.transition, scores, starts[group], sizes[group]), strict=True):
            out[s] = [names[i] for i in path]
    return out


def _decode(trans: FloatArray, scores: FloatArray, starts: IntArray, sizes: IntArray) -> list[list[int]]:
    """Viterbi over sentences sorted by decreasing length (all non-empty)."""
    n, longest = len(sizes), int(sizes[0])
    n_labels = trans.shape[0]
    # The sentences still running at step t are a prefix of the sorted group (k of them).
    alpha = scores[starts].copy()
    back = np.zeros((longest, n, n_labels), np.int8)  # label ids (< 128, checked on load)
    rows = np.arange(n)
    for t in range(1, longest):
        k = int(np.count_nonzero(sizes > t))
        cand = alpha[:k, :, None] + trans[None, :, :]  # [s, i, j] = prev[i] + trans[i][j]
        back[t, :k] = cand.argmax(axis=1)  # the first best i, as CRFsuite keeps it
        alpha[:k] = cand.max(axis=1) + scores[starts[:k] + t]
    last = alpha.argmax(axis=1)
    paths = np.zeros((n, longest), np.intp)
    cur = np.zeros(n, np.intp)
    for t in range(longest - 1, -1, -1):
        k = int(np.count_nonzero(sizes > t))
        ending = sizes[:k] == t + 1
        cur[:k][ending] = last[:k][ending]
        paths[:k, t] = cur[:k]
        if t:
            cur[:k] = back[t, rows[:k], cur[:k]]
    return [paths[i, : sizes[i]].tolist() for i in range(n)]
