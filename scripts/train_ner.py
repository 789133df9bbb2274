"""Train the Polish NER model (a linear-chain CRF) on NKJP and write models/ner/.

    .venv/bin/python scripts/train_ner.py [--out models/ner]

Takes ~10 minutes of one core when the machine is otherwise idle (20 minutes under load);
prints progress.

Deterministic: the document split is fixed (sorted ids shuffled with random.Random(13),
80/10/10), fold membership is by position in the training split, and CRFsuite's L-BFGS
has no randomness. Only the training split is used; dev was used for tuning the settings
below, test only by scripts/eval_ner.py.

Stage 1 is a CRF over token, Morfeusz and document features; it is the shipped model.
``--folds K`` (K >= 2) also trains stage 2, which sees the same features plus stage 1's
labels of the token, its neighbours and the other occurrences of the same lemma in the
document; to train it on labels as noisy as at run time, stage 1's labels for the
training documents come from K models each trained without the fold being labelled
(jackknifing). Stage 2 measured +0.0003 F1 on dev and -0.0001 on test for twice the
tagging time and model size (MODEL_CARD.md), so it is off by default.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pycrfsuite

from newsetl.config import shared_data_dir
from newsetl.extract.entities.features import FeatureExtractor, second_pass_features
from newsetl.extract.entities.inner import INNER_TYPES, inner_features
from newsetl.extract.entities.ner_corpus import (
    SPLIT_SEED,
    TYPES,
    Document,
    bio_labels,
    gold_spans,
    inner_labels,
    parse_iob,
    split_documents,
)
from newsetl.extract.entities.ner_lexicon import load_clusters, load_lexicon
from newsetl.extract.entities.ner_scores import by_type
from newsetl.extract.entities.tagger import (
    CLUSTERS_FILE,
    FEATURES_VERSION,
    INNER_FILE,
    LEXICON_FILE,
    META_FILE,
    STAGE1_FILE,
    STAGE2_FILE,
    SUBTYPES_FILE,
    EntityTagger,
    place_key,
)
from newsetl.morph import Morphology

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_data_dir()
MODEL_VERSION = "2026.12.1"
# Labels without subtypes: training on B-placeName.country etc. tripled training time and
# scored 0.8226 vs 0.8242 on dev; place subtypes come from a lookup table instead.
SUBTYPES: tuple[str, ...] = ()


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)


def load_train(path: Path, limit: int = 0) -> list[Document]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        train: list[Document] = split_documents(parse_iob(fh), SPLIT_SEED)["train"]
    return train[:limit] if limit else train


def crf_params(args: argparse.Namespace) -> dict[str, object]:
    return {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.possible_transitions": True,
        "feature.minfreq": args.minfreq,
    }


def feature_extractor(args: argparse.Namespace) -> FeatureExtractor:
    lexicon = load_lexicon(args.lexicon) if args.lexicon else None
    clusters = load_clusters(args.clusters) if args.clusters else None
    return FeatureExtractor(Morphology(), lexicon, word_freq=args.word_freq, clusters=clusters)


def train_stage1(job: tuple[argparse.Namespace, int, Path]) -> dict[int, list[list[str]]]:
    """Train stage 1 without fold ``fold`` (all data when -1) and label that fold."""
    args, fold, path = job
    docs = load_train(args.data, args.limit_docs)
    features = feature_extractor(args)
    trainer = pycrfsuite.Trainer(verbose=False)
    for i, doc in enumerate(docs):
        if fold >= 0 and i % args.folds == fold:
            continue
        for feats, labels in zip(features.sentence_features(doc.sentences), bio_labels(doc, SUBTYPES), strict=True):
            trainer.append(feats, labels)
    trainer.set_params(crf_params(args))
    start = time.time()
    trainer.train(str(path))
    log(f"stage 1 {'full' if fold < 0 else f'fold {fold}'}: trained in {time.time() - start:.0f}s")
    if fold < 0:
        return {}
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return {
        i: [tagger.tag(f) if f else [] for f in features.sentence_features(doc.sentences)]
        for i, doc in enumerate(docs)
        if i % args.folds == fold
    }


def train_stage2(
    args: argparse.Namespace, docs: Sequence[Document], first: dict[int, list[list[str]]], path: Path
) -> None:
    features = FeatureExtractor(Morphology())
    trainer = pycrfsuite.Trainer(verbose=False)
    for i, doc in enumerate(docs):
        infos, feats = features.document(doc.sentences)
        stacked = second_pass_features(infos, feats, first[i])
        for row, labels in zip(stacked, bio_labels(doc, SUBTYPES), strict=True):
            trainer.append(row, labels)
    trainer.set_params(crf_params(args))
    start = time.time()
    trainer.train(str(path))
    log(f"stage 2: trained in {time.time() - start:.0f}s")


def train_inner(args: argparse.Namespace, docs: Sequence[Document], path: Path) -> None:
    """The inner model (inner.py): parts and subtypes inside gold top-level spans."""
    features = feature_extractor(args)
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in docs:
        infos = [[features.word(t) for t in sent] for sent in doc.sentences]
        for span, labels in inner_labels(doc, INNER_TYPES):
            sent = infos[span.sentence_idx]
            before = sent[span.first_token - 1] if span.first_token > 0 else None
            trainer.append(inner_features(sent[span.first_token : span.end_token], span.label, before), labels)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True})
    start = time.time()
    trainer.train(str(path))
    log(f"inner model: trained in {time.time() - start:.0f}s")


def place_subtypes(docs: Sequence[Document]) -> dict[str, str]:
    """Most frequent NKJP subtype (settlement, country, ...) of each place name in training,
    keyed by the lemmas of the whole name and, as a fallback, of its first word."""
    features = FeatureExtractor(Morphology())  # only word keys (lemmas) are used
    counts: dict[str, Counter[str]] = {}
    for doc in docs:
        for span in gold_spans(doc):
            if span.label != "placeName" or span.subtype is None:
                continue
            words = [features.word(t) for t in doc.sentences[span.sentence_idx][span.first_token : span.end_token]]
            for key in {place_key(words), "\t" + place_key(words[:1])}:
                counts.setdefault(key, Counter())[span.subtype] += 1
    return {key: c.most_common(1)[0][0] for key, c in sorted(counts.items())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=SHARED / "ner" / "nkjp-nested-simplified-v2.iob.gz")
    ap.add_argument("--out", type=Path, default=REPO / "models" / "ner")
    ap.add_argument("--limit-docs", type=int, default=0, help="smoke test: train on the first N documents")
    ap.add_argument("--folds", type=int, default=0, help="K >= 2: also train stage 2 on K-fold stage-1 labels")
    ap.add_argument("--jobs", type=int, default=1, help="stage-1 models trained in parallel (one core each)")
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--minfreq", type=float, default=0.0)
    ap.add_argument(
        "--lexicon",
        type=lambda v: None if v == "none" else Path(v),
        default=REPO / "models" / "ner" / LEXICON_FILE,
        help="name lexicon (scripts/build_ner_lexicon.py), copied into --out; 'none': no lexicon features",
    )
    ap.add_argument(
        "--clusters",
        type=lambda v: None if v == "none" else Path(v),
        default=REPO / "models" / "ner" / CLUSTERS_FILE,
        help="word clusters (scripts/build_ner_clusters.py), copied into --out; 'none': no cluster features",
    )
    ap.add_argument("--no-word-freq", dest="word_freq", action="store_false", help="no word-frequency features")
    ap.add_argument("--no-inner", dest="inner", action="store_false", help="no inner model (parts, subtypes)")
    ap.add_argument("--score-dev", action="store_true", help="tag the NKJP dev split and print exact F1")
    args = ap.parse_args()

    start = time.time()
    docs = load_train(args.data, args.limit_docs)
    log(f"training split: {len(docs)} documents, {sum(len(s) for d in docs for s in d.sentences)} tokens")
    args.out.mkdir(parents=True, exist_ok=True)
    if args.lexicon and args.lexicon.resolve() != (args.out / LEXICON_FILE).resolve():
        shutil.copyfile(args.lexicon, args.out / LEXICON_FILE)
    elif not args.lexicon:
        (args.out / LEXICON_FILE).unlink(missing_ok=True)
    if args.clusters and args.clusters.resolve() != (args.out / CLUSTERS_FILE).resolve():
        shutil.copyfile(args.clusters, args.out / CLUSTERS_FILE)
    elif not args.clusters:
        (args.out / CLUSTERS_FILE).unlink(missing_ok=True)
    stage1 = args.out / STAGE1_FILE
    stage2 = args.out / STAGE2_FILE
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    stages = [STAGE1_FILE]
    if args.folds < 2:
        train_stage1((args, -1, stage1))
        stage2.unlink(missing_ok=True)  # a stale stage 2 would not match this stage 1
    else:
        jobs = [(args, -1, stage1)] + [(args, k, scratch / f"newsetl-ner-fold{k}.crfsuite") for k in range(args.folds)]
        first: dict[int, list[list[str]]] = {}
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            for labels in pool.map(train_stage1, jobs):
                first.update(labels)
        for _, _, path in jobs[1:]:
            path.unlink(missing_ok=True)
        train_stage2(args, docs, first, stage2)
        stages.append(STAGE2_FILE)
    if args.inner:
        train_inner(args, docs, args.out / INNER_FILE)
    else:
        (args.out / INNER_FILE).unlink(missing_ok=True)
    subtypes = place_subtypes(docs)
    (args.out / SUBTYPES_FILE).write_text(
        json.dumps(subtypes, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )

    meta = {
        "version": MODEL_VERSION,
        "features": FEATURES_VERSION,
        "stages": stages,
        "lexicon": LEXICON_FILE if args.lexicon else None,
        "inner": INNER_FILE if args.inner else None,
        "clusters": CLUSTERS_FILE if args.clusters else None,
        "word_freq": args.word_freq,
        "training": {
            "data": args.data.name,
            "data_sha256": hashlib.sha256(args.data.read_bytes()).hexdigest(),
            "lexicon_sha256": hashlib.sha256(args.lexicon.read_bytes()).hexdigest() if args.lexicon else None,
            "clusters_sha256": hashlib.sha256(args.clusters.read_bytes()).hexdigest() if args.clusters else None,
            "limit_docs": args.limit_docs,
            "split": f"documents sorted by id, random.Random({SPLIT_SEED}).shuffle, 80/10/10; train only",
            "folds": args.folds,
            "crf": crf_params(args),
            "label_subtypes": list(SUBTYPES),
            "seconds": round(time.time() - start),
        },
    }
    (args.out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    sizes = {p.name: p.stat().st_size for p in sorted(args.out.iterdir()) if p.is_file()}
    log(f"done in {time.time() - start:.0f}s; wrote {args.out}: {sizes}")
    if args.score_dev:
        score_dev(args)
    return 0


def score_dev(args: argparse.Namespace) -> None:
    """Exact micro F1 on the NKJP dev split (for comparing settings; eval_ner.py does the rest)."""
    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        dev = split_documents(parse_iob(fh), SPLIT_SEED)["dev"]
    tagger = EntityTagger.load(args.out, Morphology())
    pred = {
        (di, s.sentence_idx, s.first_token, s.end_token, s.label)
        for di, spans in enumerate(tagger.spans_in([d.sentences for d in dev]))
        for s in spans
    }
    gold = {
        (di, g.sentence_idx, g.first_token, g.end_token, g.label) for di, d in enumerate(dev) for g in gold_spans(d)
    }
    result = by_type(gold, pred, TYPES)
    log("dev: " + json.dumps(result["micro"]))
    log("dev per type F1: " + json.dumps({k: v["f1"] for k, v in result.items()}))


if __name__ == "__main__":
    sys.exit(main())
