"""Polish named-entity tagger: a linear-chain CRF over token, Morfeusz and document features.

The model (trained by ``scripts/train_ner.py`` on NKJP; see ``models/ner/MODEL_CARD.md``)
predicts the outermost NKJP entity spans: persName, orgName, placeName, geogName, date,
time. Input is token strings only, tokenised NKJP-style; every linguistic feature comes
from our own :class:`~newsetl.morph.Morphology` and the model's word lists, as at training
time. An inner CRF (``inner.py``) then gives place subtypes and the names nested in person
and organisation names (``TaggedSpan.parts``). A model may also
have a stage 2 that re-tags each document knowing stage 1's labels of every occurrence of
each lemma in it; the shipped model has none, because it did not pay (MODEL_CARD.md).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import pycrfsuite

from newsetl.extract.entities.crf import read_crfsuite
from newsetl.extract.entities.features import FeatureExtractor, WordInfo, second_pass_features
from newsetl.extract.entities.first_pass import FirstPass
from newsetl.extract.entities.inner import INNER_TYPES, inner_features, inner_reading
from newsetl.extract.entities.ner_lexicon import load_clusters, load_lexicon
from newsetl.morph import Morphology
from newsetl.spans import TaggedSpan

STAGE1_FILE = "stage1.crfsuite"
STAGE2_FILE = "stage2.crfsuite"
INNER_FILE = "inner.crfsuite"
SUBTYPES_FILE = "place_subtypes.json"
META_FILE = "meta.json"
LEXICON_FILE = "lexicon.tsv"
CLUSTERS_FILE = "clusters.tsv"
#: Bump whenever features.py changes what it emits: the model must be retrained.
FEATURES_VERSION = "3"


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


_SPLIT_LABELS = frozenset({"orgName", "placeName", "geogName"})


def split_title_and_person(span: TaggedSpan, words: Sequence[WordInfo]) -> list[TaggedSpan]:
    """``[szef] NATO Mark Rutte`` tagged as one organisation → NATO + Mark Rutte.

    News writes a person's function with an acronym right before the name ("prezydent USA
    Joe Biden", "sekretarz generalny ONZ António Guterres"), and the CRF, which has no
    boundary between the two capitalised runs, often tags the whole run as the acronym's
    type. Split where an all-capitals word is followed by a run of two or more capitalised,
    not all-capitals words to the span's end whose first word is a first name (Morfeusz
    qualifier ``imię``) or a word Morfeusz does not know ("Mark", "António"). Names that contain
    a person the other way ("Fundacja Jana Pawła II") have no acronym before the name and
    are left alone. ``words`` are the sentence's word descriptions.
    """
    if span.label not in _SPLIT_LABELS or span.end_token - span.first_token < 3:
        return [span]
    for k in range(span.first_token + 1, span.end_token - 1):
        tail = words[k : span.end_token]
        if (
            _is_acronym(words[k - 1])
            and ("q=imię" in tail[0].own or "p=ign" in tail[0].own)
            and all(w.capitalised and not _is_acronym(w) for w in tail)
        ):
            return [span._replace(end_token=k), TaggedSpan(span.sentence_idx, k, span.end_token, "persName", None)]
    return [span]


_PLACE_TAGS = frozenset(
    f"lx=s:{kind}_base{plus}" for kind in ("city", "country", "continent", "region") for plus in ("", "+")
)


def place_not_organisation(span: TaggedSpan, words: Sequence[WordInfo]) -> TaggedSpan:
    """An organisation span that is only a place name ("Moskwa", "Stany Zjednoczone") → placeName.

    NKJP tags a capital or a country acting politically as an organisation ("Moskwa
    zażądała", "Kijów odpowiedział"), and the CRF follows it; an analyst counting places
    wants Moskwa as a place wherever it is named. A span of one to three words, each a
    city, country, continent or region name (or a word of one) in the lexicon and none an
    organisation name or acronym, becomes placeName. Costs 0.0006 of NKJP dev exact F1 (30
    spans relabelled, 16 of them orgName in NKJP); MODEL_CARD.md.
    """
    if span.label != "orgName" or span.end_token - span.first_token > 3:
        return span
    name = words[span.first_token : span.end_token]
    if all(_PLACE_TAGS.intersection(w.own) for w in name) and not any(
        f.startswith("lx=s:org") for w in name for f in w.own
    ):
        return span._replace(label="placeName")
    return span


def _is_acronym(word: WordInfo) -> bool:
    """All capitals, two letters or more ("NATO", "USA"; shape ``X``)."""
    return "sh=X" in word.own and len(word.lower) >= 2


class EntityTagger:
    """Loads the shipped CRFs and tags batches of tokenised documents."""

    name = "newsetl-ner-crf"

    def __init__(
        self,
        stages: Sequence[pycrfsuite.Tagger],
        features: FeatureExtractor,
        place_subtypes: dict[str, str],
        version: str,
        inner: pycrfsuite.Tagger | None = None,
        first_pass: FirstPass | None = None,
    ) -> None:
        """``first_pass``: the one-stage model decoded from attribute ids (:mod:`.first_pass`;
        same labels as ``stages[0]``, several times faster); without it every stage is
        decoded by ``pycrfsuite``."""
        if not 1 <= len(stages) <= 2:
            raise ValueError("the model has one or two stages")
        if first_pass is not None and len(stages) != 1:
            raise ValueError("the id-based decoder serves one-stage models")
        self._stages = list(stages)
        self._first_pass = first_pass
        self._inner = inner
        self._features = features
        self._place_subtypes = place_subtypes
        self.version = version

    @classmethod
    def load(cls, model_dir: Path, morph: Morphology, stages: int | None = None, by_ids: bool = True) -> EntityTagger:
        """The model in ``model_dir``; ``stages=1`` keeps stage 1 only (for ablations);
        ``by_ids=False`` decodes with ``pycrfsuite`` only (to check the id-based decoder)."""
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
        inner = None
        if meta.get("inner"):
            inner_path = model_dir / meta["inner"]
            digest.update(inner_path.read_bytes())
            inner = pycrfsuite.Tagger()
            inner.open(str(inner_path))
        lexicon = None
        if meta.get("lexicon"):
            lexicon_path = model_dir / meta["lexicon"]
            digest.update(lexicon_path.read_bytes())
            lexicon = load_lexicon(lexicon_path)
        clusters = None
        if meta.get("clusters"):
            clusters_path = model_dir / meta["clusters"]
            digest.update(clusters_path.read_bytes())
            clusters = load_clusters(clusters_path)
        features = FeatureExtractor(morph, lexicon, word_freq=bool(meta.get("word_freq")), clusters=clusters)
        version = f"{meta['version']}+{digest.hexdigest()[:10]}"
        first_pass = None
        if by_ids and len(taggers) == 1:
            first_pass = FirstPass(read_crfsuite(model_dir / meta["stages"][0]))
        return cls(taggers, features, subtypes, version, inner, first_pass)

    def spans_in(self, docs: Sequence[Sequence[Sequence[str]]]) -> list[list[TaggedSpan]]:
        """Top-level entity spans of each document (documents are lists of token lists)."""
        if self._first_pass is None:
            return [self._spans(*self._crfsuite_labels(doc)) for doc in docs]
        words = self._features.words(docs)
        infos = [self._features.infos(doc, words) for doc in docs]
        labels = self._first_pass.labels(docs, infos, words)
        return [self._spans(i, lab) for i, lab in zip(infos, labels, strict=True)]

    def _crfsuite_labels(self, doc: Sequence[Sequence[str]]) -> tuple[list[list[WordInfo]], list[list[str]]]:
        infos, feats = self._features.document(doc)
        first = self._stages[0]
        labels = [first.tag(f) if f else [] for f in feats]
        if len(self._stages) == 2:
            second = self._stages[1]
            stacked = second_pass_features(infos, feats, labels)
            labels = [second.tag(f) if f else [] for f in stacked]
        return infos, labels

    def _spans(self, infos: Sequence[Sequence[WordInfo]], labels: Sequence[Sequence[str]]) -> list[TaggedSpan]:
        spans: list[TaggedSpan] = []
        for s_idx, sent_labels in enumerate(labels):
            for tagged in spans_from_bio(s_idx, sent_labels):
                for span in split_title_and_person(tagged, infos[s_idx]):
                    span = place_not_organisation(span, infos[s_idx])
                    spans.append(self._with_subtype(span, infos[s_idx]))
        return spans

    def _with_subtype(self, span: TaggedSpan, words: Sequence[WordInfo]) -> TaggedSpan:
        """A place name's NKJP subtype and the parts of person and organisation names.

        A place name seen in training keeps its most frequent training subtype (table);
        otherwise the inner model decides, and without one the table's first-word entry.
        """
        name = words[span.first_token : span.end_token]
        inner_sub: str | None = None
        if self._inner is not None and span.label in INNER_TYPES:
            before = words[span.first_token - 1] if span.first_token > 0 else None
            labels = self._inner.tag(inner_features(name, span.label, before))
            inner_sub, parts = inner_reading(span.first_token, labels)
            span = span._replace(parts=parts)
        if span.label == "placeName" and span.subtype is None:
            sub = self._place_subtypes.get(place_key(name))
            if sub is None and self._inner is not None:
                sub = inner_sub
            elif sub is None:  # an unseen multi-word name: go by its first word
                sub = self._place_subtypes.get("\t" + place_key(name[:1]))
            span = span._replace(subtype=sub)
        return span
