"""Compare MinHash implementations for the story signatures: speed, memory, estimate error.

Candidates: rensa's R-MinHash (the project's choice, a dependency), datasketch's MinHash
(measured only if importable: ``uv pip install datasketch`` in a scratch venv, it is not a
project dependency) and a numpy implementation (word hashes cached, 5-word shingle hashes
combined with multiply-xor, ``num_perm`` multiply-shift hashes, min per column). All use
the same 5-word shingles of the same normalized words (``newsetl.stories.shingles``).

Texts: the originals of the syndication set (``scripts/build_syndication_set.py``);
speed in CPU milliseconds per document and words per second (one core), memory as the
peak of tracemalloc while signing 200 documents, and the standard deviation of the
Jaccard estimate against the exact value for original/copy pairs with J in 0.3-0.7.

Usage::

    .venv/bin/python scripts/bench_minhash.py [--docs 1000] [--num-perm 128]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import time
import tracemalloc
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import rensa

from build_syndication_set import build
from newsetl.stories.signatures import shingle_words, shingles

Signer = Callable[[list[str]], npt.NDArray[np.uint64]]


def rensa_signer(num_perm: int) -> Signer:
    def sign(texts: list[str]) -> npt.NDArray[np.uint64]:
        out = np.empty((len(texts), num_perm), dtype=np.uint64)
        for i, text in enumerate(texts):
            sketch = rensa.RMinHash(num_perm, 1)
            sketch.update(shingles(text))
            out[i] = sketch.digest()
        return out

    return sign


def datasketch_signer(num_perm: int) -> Signer | None:
    try:
        from datasketch import MinHash  # type: ignore[import-not-found]
    except ImportError:
        return None

    def sign(texts: list[str]) -> npt.NDArray[np.uint64]:
        out = np.empty((len(texts), num_perm), dtype=np.uint64)
        for i, text in enumerate(texts):
            sketch = MinHash(num_perm=num_perm, seed=1)
            sketch.update_batch([s.encode() for s in shingles(text)])
            out[i] = sketch.hashvalues
        return out

    return sign


def numpy_signer(num_perm: int) -> Signer:
    rng = np.random.default_rng(1)
    a = (rng.integers(0, 2**63, size=num_perm, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    mult = np.array(
        [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD]
    )
    mult = mult.astype(np.uint64)
    cache: dict[str, int] = {}

    def word_hash(w: str) -> int:
        h = cache.get(w)
        if h is None:
            h = int.from_bytes(hashlib.blake2b(w.encode(), digest_size=8).digest(), "little")
            cache[w] = h
        return h

    def sign(texts: list[str]) -> npt.NDArray[np.uint64]:
        out = np.empty((len(texts), num_perm), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for i, text in enumerate(texts):
                w = np.fromiter((word_hash(x) for x in shingle_words(text)), dtype=np.uint64)
                n = max(1, len(w) - 4)
                w = np.concatenate([w, np.zeros(5, dtype=np.uint64)])
                s = w[:n] * mult[0]
                for k in range(1, 5):
                    s = s ^ (w[k : k + n] * mult[k])
                s = np.unique(s)
                out[i] = ((s[:, None] * a[None, :] + b[None, :]) >> np.uint64(32)).min(axis=0)
        return out

    return sign


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--num-perm", type=int, default=128)
    args = ap.parse_args()
    items = build()
    originals = {it.family: it.text for it in items if it.kind == "original"}
    texts = list(originals.values())[: args.docs]
    words = sum(len(shingle_words(t)) for t in texts)
    pairs = [(originals[it.family], it.text) for it in items if it.kind not in ("original",) and it.family in originals]
    pairs = random.Random(0).sample(pairs, min(1500, len(pairs)))
    exact = np.array(
        [len(set(shingles(x)) & set(shingles(y))) / len(set(shingles(x)) | set(shingles(y))) for x, y in pairs]
    )
    mid = (exact > 0.3) & (exact < 0.7)
    t0 = time.process_time()
    for t in texts:
        shingles(t)
    base = time.process_time() - t0
    print(
        f"{len(texts)} documents, {words / len(texts):.0f} words each; "
        f"making shingles alone: {1000 * base / len(texts):.3f} ms/doc"
    )
    signers = {
        "rensa R-MinHash": rensa_signer(args.num_perm),
        "datasketch MinHash": datasketch_signer(args.num_perm),
        "numpy multiply-shift": numpy_signer(args.num_perm),
    }
    for name, sign in signers.items():
        if sign is None:
            print(f"{name:22s} not installed")
            continue
        sign(texts[:20])  # warm caches
        t0 = time.process_time()
        sign(texts)
        seconds = time.process_time() - t0
        tracemalloc.start()
        sign(texts[:200])
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        left = sign([x for x, _ in pairs])
        right = sign([y for _, y in pairs])
        error = (left == right).mean(axis=1) - exact
        print(
            f"{name:22s} {1000 * seconds / len(texts):.3f} ms/doc  {words / seconds / 1000:,.0f}k words/s  "
            f"peak {peak / 1e6:.1f} MB  estimate sd {error[mid].std():.4f} "
            f"(bias {error[mid].mean():+.4f}, n={mid.sum()})"
        )


if __name__ == "__main__":
    main()
