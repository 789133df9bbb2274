"""Polish named-entity tagger: a linear-chain CRF over token, Morfeusz and document features.

The model (trained by ``scripts/train_ner.py`` on NKJP; see ``models/ner/MODEL_CARD.md``)
predicts the outermost NKJP entity spans: persName, orgName, placeName, geogName, date,
time. Input is token strings only, tokenised NKJP-style; every linguistic feature comes
from our own :class:`~newsetl.morph.Morphology`, as at training time. A model may also
have a stage 2 that re-tags each document knowing stage 1's labels of every occurrence of
each lemma in it; the shipped model has none, because it did not pay (MODEL_CARD.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

import pycrfsuite

from newsetl.extract.entities.features import FeatureExtractor, WordInfo, second_pass_features
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


class EntityTagger:
    """Loads the shipped CRFs and tags batches of tokenised documents."""

    name = "newsetl-ner-crf"

    def __init__(
        self,
        stages: Sequence[pycrfsuite.Tagger],
        features: FeatureExtractor,
        place_subtypes: dict[str, str],
        version: str,
    ) -> None:
        if not 1 <= len(stages) <= 2:
            raise ValueError("the model has one or two stages")
        self._stages = list(stages)
        self._features = features
        self._place_subtypes = place_subtypes
        self.version = version

    @classmethod
    def load(cls, model_dir: Path, morph: Morphology, stages: int | None = None) -> EntityTagger:
        """The model in ``model_dir``; ``stages=1`` keeps stage 1 only (for ablations)."""
        meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
        if meta["features"] != FEATURES_VERSION:
            raise ValueError(f"{model_dir} was trained with features v{meta['features']}, code has v{FEATURES_VERSION}")
        digest = hashlib.sha256()
        taggers = []
        for name in meta["stages"][:stages]:
            path = model_dir / name
            digest.update(path.read_bytes())
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            taggers.append(tagger)
        subtypes_path = model_dir / SUBTYPES_FILE
        digest.update(subtypes_path.read_bytes())
        subtypes = json.loads(subtypes_path.read_text(encoding="utf-8"))
        version = f"{meta['version']}+{digest.hexdigest()[:10]}"
        return cls(taggers, FeatureExtractor(morph), subtypes, version)

    def spans_in(self, docs: Sequence[Sequence[Sequence[str]]]) -> list[list[TaggedSpan]]:
        """Top-level entity spans of each document (documents are lists of token lists)."""
        return [self._document_spans(doc) for doc in docs]

    def _document_spans(self, doc: Sequence[Sequence[str]]) -> list[TaggedSpan]:
        infos, feats = self._features.document(doc)
        first = self._stages[0]
        labels = [first.tag(f) if f else [] for f in feats]
        if len(self._stages) == 2:
            second = self._stages[1]
            stacked = second_pass_features(infos, feats, labels)
            labels = [second.tag(f) if f else [] for f in stacked]
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
