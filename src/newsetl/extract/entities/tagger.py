"""Polish named-entity tagger: a CRF, a neural BiLSTM-CRF, or both averaged.

The models (trained by ``scripts/train_ner.py`` and ``scripts/train_ner_neural.py`` on
NKJP; see ``models/ner/MODEL_CARD.md``) predict the outermost NKJP entity spans:
persName, orgName, placeName, geogName, date, time. Input is token strings only,
tokenised NKJP-style; every linguistic feature comes from our own
:class:`~newsetl.morph.Morphology`, as at training time.

``meta.json`` says which models the directory holds. ``stages``: linear-chain CRFs over
token, Morfeusz and document features (a stage 2 re-tags each document knowing stage 1's
labels of every occurrence of each lemma in it). ``neural``: a BiLSTM-CRF run with numpy
(``neural_model.py``); with ``crf_weight`` > 0 its per-token label probabilities are
averaged with stage 1's and the average is decoded, otherwise it decodes alone.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
import pycrfsuite

from newsetl.extract.entities.features import FeatureExtractor, WordInfo, second_pass_features
from newsetl.extract.entities.neural_model import F32, LABELS
from newsetl.extract.entities.neural_tagger import NeuralScorer, decode_posteriors
from newsetl.morph import Morphology

STAGE1_FILE = "stage1.crfsuite"
STAGE2_FILE = "stage2.crfsuite"
SUBTYPES_FILE = "place_subtypes.json"
META_FILE = "meta.json"
#: Bump whenever features.py changes what it emits: the model must be retrained.
FEATURES_VERSION = "2"


class TaggedSpan(NamedTuple):
    """One predicted entity: tokens ``[first_token, end_token)`` of sentence ``sentence_idx``."""

    sentence_idx: int
    first_token: int
    end_token: int  # exclusive
    label: str  # persName | orgName | placeName | geogName | date | time
    subtype: str | None  # place names: settlement, country, region, district, bloc


def spans_from_bio(sentence_idx: int, labels: Sequence[str]) -> list[TaggedSpan]:
    """Spans of one sentence's BIO labels (``B-placeName.country`` → placeName/country).

    An ``I-`` label that does not continue the open span of the same label starts a new
    span, so the decoder never produces a span of mixed types.
    """
    spans: list[TaggedSpan] = []
    start = -1
    cur = ""
    for i, tag in enumerate([*labels, "O"]):
        name = tag[2:]
        continues = tag.startswith("I-") and name == cur
        if cur and not continues:
            label, _, sub = cur.partition(".")
            spans.append(TaggedSpan(sentence_idx, start, i, label, sub or None))
            cur = ""
        if tag != "O" and not continues:
            start, cur = i, name
    return spans


def place_key(words: Sequence[WordInfo]) -> str:
    """Lookup key of a place name for its subtype: the lower-cased lemmas of its words.

    The subtype table also holds first-word keys, prefixed with a tab, as a fallback.
    """
    return " ".join(w.key for w in words)


def crf_marginals(tagger: pycrfsuite.Tagger, feats: Sequence[Sequence[str]]) -> F32:
    """Per-token label probabilities of one sentence under a CRF, columns in LABELS order."""
    out = np.zeros((len(feats), len(LABELS)), dtype=np.float32)
    if feats:
        tagger.set(feats)
        for label in tagger.labels():
            col = LABELS.index(label)
            for t in range(len(feats)):
                out[t, col] = tagger.marginal(label, t)
    return out


class EntityTagger:
    """Loads the shipped models and tags batches of tokenised documents."""

    name = "newsetl-ner"

    def __init__(
        self,
        stages: Sequence[pycrfsuite.Tagger],
        features: FeatureExtractor,
        place_subtypes: dict[str, str],
        version: str,
        neural: NeuralScorer | None = None,
        crf_weight: float = 0.0,
    ) -> None:
        if len(stages) > 2 or (not stages and (neural is None or crf_weight > 0)):
            raise ValueError("the model has one or two CRF stages, or a neural model and at most one stage")
        if neural is not None and len(stages) > 1:
            raise ValueError("a neural model is combined with CRF stage 1 only")
        self._stages = list(stages)
        self._features = features
        self._place_subtypes = place_subtypes
        self.version = version
        self._neural = neural
        self._crf_weight = crf_weight
        self.name = "newsetl-ner-crf" if neural is None else ("newsetl-ner-neural+crf" if crf_weight else "newsetl-ner-neural")

    @classmethod
    def load(
        cls, model_dir: Path, morph: Morphology, stages: int | None = None, mode: str | None = None
    ) -> EntityTagger:
        """The model in ``model_dir``. Ablations: ``stages=1`` keeps CRF stage 1 only;
        ``mode`` overrides the combination: ``"crf"``, ``"neural"`` or ``"ensemble"``."""
        meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
        if meta["features"] != FEATURES_VERSION:
            raise ValueError(f"{model_dir} was trained with features v{meta['features']}, code has v{FEATURES_VERSION}")
        neural_meta = meta.get("neural")
        crf_weight = float(neural_meta["crf_weight"]) if neural_meta else 0.0
        if mode == "crf" or (mode is None and neural_meta is None):
            neural_meta, crf_weight = None, 0.0
        elif mode == "neural":
            crf_weight = 0.0
        elif mode == "ensemble" and not crf_weight:
            crf_weight = 0.5
        digest = hashlib.sha256()
        taggers = []
        wanted = meta["stages"][:stages] if neural_meta is None else meta["stages"][: 1 if crf_weight else 0]
        for name in wanted:
            path = model_dir / name
            digest.update(path.read_bytes())
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            taggers.append(tagger)
        neural = None
        if neural_meta is not None:
            weights, vocab = model_dir / neural_meta["weights"], model_dir / neural_meta["vocab"]
            digest.update(weights.read_bytes())
            digest.update(vocab.read_bytes())
            neural = NeuralScorer.load(weights, vocab)
        subtypes_path = model_dir / SUBTYPES_FILE
        digest.update(subtypes_path.read_bytes())
        subtypes = json.loads(subtypes_path.read_text(encoding="utf-8"))
        version = f"{meta['version']}+{digest.hexdigest()[:10]}"
        return cls(taggers, FeatureExtractor(morph), subtypes, version, neural, crf_weight)

    def spans_in(self, docs: Sequence[Sequence[Sequence[str]]]) -> list[list[TaggedSpan]]:
        """Top-level entity spans of each document (documents are lists of token lists)."""
        if self._neural is None:
            return [self._crf_spans(doc) for doc in docs]
        return self._neural_spans(docs)

    def _crf_spans(self, doc: Sequence[Sequence[str]]) -> list[TaggedSpan]:
        infos, feats = self._features.document(doc)
        first = self._stages[0]
        labels = [first.tag(f) if f else [] for f in feats]
        if len(self._stages) == 2:
            second = self._stages[1]
            stacked = second_pass_features(infos, feats, labels)
            labels = [second.tag(f) if f else [] for f in stacked]
        return self._spans(infos, labels)

    def _neural_spans(self, docs: Sequence[Sequence[Sequence[str]]]) -> list[list[TaggedSpan]]:
        assert self._neural is not None
        infos = [[[self._features.word(t) for t in sent] for sent in doc] for doc in docs]
        crf: list[list[F32]] = []
        if self._crf_weight:
            first = self._stages[0]
            crf = [[crf_marginals(first, f) for f in self._features.document(doc)[1]] for doc in docs]
        emissions = self._neural.emissions(docs, infos)
        model = self._neural.model
        out = []
        for d, doc_em in enumerate(emissions):
            if self._crf_weight:
                w = self._crf_weight
                labels = [
                    decode_posteriors((1 - w) * model.marginals(em) + w * crf[d][s]) if len(em) else []
                    for s, em in enumerate(doc_em)
                ]
            else:
                labels = [[LABELS[k] for k in model.viterbi(em)] for em in doc_em]
            out.append(self._spans(infos[d], labels))
        return out

    def _spans(self, infos: Sequence[Sequence[WordInfo]], labels: Sequence[Sequence[str]]) -> list[TaggedSpan]:
        spans: list[TaggedSpan] = []
        for s_idx, sent_labels in enumerate(labels):
            for span in spans_from_bio(s_idx, sent_labels):
                if span.label == "placeName" and span.subtype is None:
                    words = infos[s_idx][span.first_token : span.end_token]
                    sub = self._place_subtypes.get(place_key(words))
                    if sub is None:  # an unseen multi-word name: go by its first word
                        sub = self._place_subtypes.get("\t" + place_key(words[:1]))
                    span = span._replace(subtype=sub)
                spans.append(span)
        return spans
