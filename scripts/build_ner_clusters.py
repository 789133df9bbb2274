"""Build the NER tagger's word clusters, models/ner/clusters.tsv, from text we have.

    make build-ner-clusters     # = uv run --group ner-build python scripts/build_ner_clusters.py

Word vectors (gensim word2vec, CBOW, one thread, fixed seed) are trained on the lower-cased
tokens of the NKJP **training split** (the NER model's own training documents; never dev or
test) and the UD Polish LFG treebank's dev and test sentences (GPL-3.0). The unit-length
vectors are then grouped by k-means (cosine, numpy, fixed seed) at three granularities;
each word's three cluster ids are the tagger's features (rare words share a cluster with
frequent words used alike).

Output: ``word<TAB>id64 id256 id1024``; ``#`` lines name the sources. Deterministic: the
script re-runs itself with a fixed PYTHONHASHSEED (gensim seeds its initial vectors with
Python's ``hash``).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import sys
from pathlib import Path

import numpy as np

from newsetl.config import shared_data_dir
from newsetl.extract.entities.ner_corpus import SPLIT_SEED, parse_iob, split_documents

REPO = Path(__file__).resolve().parent.parent
SIZES = (64, 256, 1024)
SEED = 13
_DIGITS = re.compile(r"\d")


def normalise(token: str) -> str:
    """Lower-cased, every digit as 0 (the tagger looks words up the same way)."""
    return _DIGITS.sub("0", token.lower())


def nkjp_train_sentences(path: Path) -> list[list[str]]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        train = split_documents(parse_iob(fh), SPLIT_SEED)["train"]
    return [[normalise(t) for t in s] for d in train for s in d.sentences]


def conllu_sentences(path: Path) -> list[list[str]]:
    out: list[list[str]] = []
    cur: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if cur:
                out.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():  # skip multi-word token ranges ("3-4") and empty nodes ("3.1")
                cur.append(normalise(cols[1]))
    if cur:
        out.append(cur)
    return out


def kmeans(x: np.ndarray, k: int, seed: int, iterations: int = 30) -> np.ndarray:
    """Spherical k-means: rows of ``x`` are unit vectors; returns each row's cluster id."""
    rng = np.random.default_rng(seed)
    centres = x[rng.choice(len(x), size=k, replace=False)].copy()
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ centres.T, axis=1)
        for c in range(k):
            members = x[assign == c]
            if len(members):
                v = members.sum(axis=0)
                centres[c] = v / (np.linalg.norm(v) or 1.0)
            else:  # an empty cluster restarts at a random word
                centres[c] = x[rng.integers(len(x))]
    return assign


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable, *sys.argv], {**os.environ, "PYTHONHASHSEED": "0"})
    from gensim.models import Word2Vec

    shared = shared_data_dir()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--nkjp", type=Path, default=shared / "ner" / "nkjp-nested-simplified-v2.iob.gz")
    ap.add_argument(
        "--ud", type=Path, nargs="*", default=[shared / "ud" / f"pl_lfg-ud-{s}.conllu" for s in ("dev", "test")]
    )
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--out", type=Path, default=REPO / "models" / "ner" / "clusters.tsv")
    args = ap.parse_args()

    sentences = nkjp_train_sentences(args.nkjp)
    for path in args.ud:
        sentences.extend(conllu_sentences(path))
    n_tokens = sum(len(s) for s in sentences)
    print(f"{len(sentences)} sentences, {n_tokens} tokens", flush=True)
    model = Word2Vec(
        sentences, vector_size=100, window=5, min_count=args.min_count, sg=0, workers=1, seed=SEED, epochs=10
    )
    words = list(model.wv.index_to_key)
    vectors = np.asarray(model.wv.vectors, dtype=np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
    ids = [kmeans(vectors, k, SEED + k) for k in SIZES]
    print(f"{len(words)} words clustered into {SIZES}", flush=True)
    header = (
        "# newsetl NER word clusters: word<TAB>cluster ids at k = 64, 256, 1024.\n"
        "# Built by scripts/build_ner_clusters.py"
        " from word2vec (gensim) vectors trained on the NKJP 1M training split (NKJP: CC BY; the IOB conversion:\n"
        "# CLARIN-PL/PolDeepNer, GPL-3.0) and UD Polish LFG dev+test (GPL-3.0).\n"
    )
    body = "".join(
        f"{w}\t{' '.join(str(int(c[i])) for c in ids)}\n" for i, w in sorted(enumerate(words), key=lambda p: p[1])
    )
    args.out.write_text(header + body, encoding="utf-8")
    print(f"wrote {args.out}: {args.out.stat().st_size} bytes", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
