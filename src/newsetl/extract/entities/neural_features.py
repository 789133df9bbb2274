"""Inputs of the neural NER tagger: integer ids per token, shared by training and tagging.

Each token is described by (a) ids that depend on the word alone — its lower-cased form,
its main lemma, its characters and a bag of sparse features (the CRF's word features from
Morfeusz: POS, cases, proper-name qualifiers, shape, affixes; plus a word-frequency
bucket) — and (b) a few ids that depend on its position in the sentence and document
(sentence start/end, inside quotes, run of capitalised words, the same lemma capitalised
or lower-case elsewhere in the document). Part (a) is computed once per distinct word and
cached; the tagger precomputes its whole contribution to the first network layer per word.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import wordfreq

from newsetl.extract.entities.features import FeatureExtractor, WordInfo

PAD = 0
UNK = 1
#: Longest word prefix the character model sees (longer words are cut; names rarely are).
MAX_CHARS = 24
# The CRF features that the neural model takes as embedded ids of their own (w=, l=), or
# that carry nothing ("b", the CRF's bias).
_SKIP_PREFIXES = ("w=", "l=")
_OPEN_QUOTES = frozenset("„«‚")
_CLOSE_QUOTES = frozenset("”»’")
_EITHER_QUOTES = frozenset("\"“'")


def word_feature_strings(info: WordInfo, token: str) -> list[str]:
    """Sparse features of one distinct word: the CRF's own-position features minus form
    and lemma (embedded separately), plus its Polish word-frequency bucket (wordfreq's
    Zipf scale, 0–7): frequent lower-case words are rarely names."""
    feats = [f for f in info.own if f != "b" and not f.startswith(_SKIP_PREFIXES)]
    feats.append(f"zf={int(wordfreq.zipf_frequency(info.lower, 'pl'))}")
    feats.append(f"cap={token[:1].isupper()}")
    return feats


def position_feature_strings(sent: Sequence[WordInfo], cap_mid: dict[str, int], low_any: dict[str, int]) -> list[list[str]]:
    """Features of each position of one sentence (see the module docstring)."""
    n = len(sent)
    out: list[list[str]] = [[] for _ in range(n)]
    inside = False
    for i, info in enumerate(sent):
        row = out[i]
        tok = info.lower
        if tok in _OPEN_QUOTES or (tok in _EITHER_QUOTES and not inside):
            inside = True
        elif tok in _CLOSE_QUOTES or tok in _EITHER_QUOTES:
            inside = False
        elif inside:
            row.append("inq")
        if i == 0:
            row.append("BOS")
        elif i == 1:
            row.append("pos1")
        if i == n - 1:
            row.append("EOS")
        if info.capitalised:
            if cap_mid.get(info.key, 0) - (1 if i > 0 else 0) > 0:
                row.append("d:capmid")
            if low_any.get(info.key, 0) > 0:
                row.append("d:low")
    i = 0
    while i < n:  # runs of consecutive capitalised words: length class and position
        if not sent[i].capitalised:
            i += 1
            continue
        j = i
        while j < n and sent[j].capitalised:
            j += 1
        size = min(j - i, 3)
        for k in range(i, j):
            out[k].append(f"run{size}{'b' if k == i else ('e' if k == j - 1 else 'm')}")
        i = j
    return out


def document_counts(infos: Sequence[Sequence[WordInfo]]) -> tuple[dict[str, int], dict[str, int]]:
    """How often each lemma occurs capitalised away from a sentence start, and lower-case."""
    cap_mid: dict[str, int] = {}
    low_any: dict[str, int] = {}
    for sent in infos:
        for i, info in enumerate(sent):
            if info.capitalised:
                if i > 0:
                    cap_mid[info.key] = cap_mid.get(info.key, 0) + 1
            else:
                low_any[info.key] = low_any.get(info.key, 0) + 1
    return cap_mid, low_any


@dataclass(frozen=True)
class Vocab:
    """String → id tables of the model (id 0 is padding, 1 unknown)."""

    words: dict[str, int]
    lemmas: dict[str, int]
    chars: dict[str, int]
    feats: dict[str, int]

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> Vocab:
        def table(items: list[str]) -> dict[str, int]:
            return {s: i + 2 for i, s in enumerate(items)}

        return cls(table(lists["words"]), table(lists["lemmas"]), table(lists["chars"]), table(lists["feats"]))


@dataclass(frozen=True, slots=True)
class WordIds:
    """Ids of one distinct word."""

    word: int
    lemma: int
    chars: tuple[int, ...]
    feats: tuple[int, ...]


def word_ids(vocab: Vocab, info: WordInfo, token: str) -> WordIds:
    chars = tuple(vocab.chars.get(c, UNK) for c in token[:MAX_CHARS])
    feats = tuple(vocab.feats[f] for f in word_feature_strings(info, token) if f in vocab.feats)
    return WordIds(vocab.words.get(info.lower, UNK), vocab.lemmas.get(info.key, UNK), chars, feats)


def document_infos(
    extractor: FeatureExtractor, doc: Sequence[Sequence[str]]
) -> tuple[list[list[WordInfo]], list[list[list[str]]]]:
    """Word descriptions and position features of one document."""
    infos = [[extractor.word(t) for t in sent] for sent in doc]
    cap_mid, low_any = document_counts(infos)
    return infos, [position_feature_strings(sent, cap_mid, low_any) for sent in infos]
