"""Synthetic-but-real Polish news corpora for the benchmark (nothing is committed).

Sentences come from the NKJP named-entity corpus (detokenized) and the UD Polish
treebanks' ``# text`` lines under ``../shared/data``; articles are random runs of 12-30
sentences in paragraphs of 2-5, with a title and a publication date spread over a month,
written as JSONL. Every article is a distinct text (so deduplication does not shrink the
corpus), and a fixed seed makes every size reproducible.
"""

from __future__ import annotations

import gzip
import json
import random
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsetl.extract.entities.ner_corpus import parse_iob

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|\.\.\.)")
_NO_SPACE_AFTER = re.compile(r"([(\[{„]) ")


def detokenized(tokens: list[str]) -> str:
    """NKJP tokens back to text: no space before closing punctuation or after opening."""
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    text = _NO_SPACE_AFTER.sub(r"\1", text)
    return text.replace(" - ", " - ")


def sentence_pool(shared: Path) -> list[str]:
    pool: list[str] = []
    with gzip.open(shared / "ner" / "nkjp-nested-simplified-v2.iob.gz", "rt", encoding="utf-8") as lines:
        for doc in parse_iob(lines):
            pool.extend(detokenized(s) for s in doc.sentences if len(s) >= 4)
    for name in ("pl_lfg-ud-dev.conllu", "pl_lfg-ud-test.conllu", "pl_pdb-ud-dev.conllu"):
        with open(shared / "ud" / name, encoding="utf-8") as conllu:
            pool.extend(line[9:].strip() for line in conllu if line.startswith("# text = "))
    return pool


def articles(pool: list[str], words: int, seed: int) -> Iterator[dict[str, object]]:
    rng = random.Random(seed)
    start = datetime(2024, 3, 1, 6, 0, tzinfo=UTC)
    total = 0
    n = 0
    while total < words:
        sentences = [rng.choice(pool) for _ in range(rng.randint(12, 30))]
        paragraphs: list[str] = []
        i = 0
        while i < len(sentences):
            k = rng.randint(2, 5)
            paragraphs.append(" ".join(sentences[i : i + k]))
            i += k
        text = "\n\n".join(paragraphs)
        total += len(text.split())
        published = start + timedelta(days=rng.randrange(30), minutes=rng.randrange(24 * 60))
        yield {
            "id": f"bench-{seed}-{n}",
            "title": sentences[0][:80],
            "text": text,
            "source": rng.choice(["PAP", "TVN24", "RMF", "Onet", "WP"]),
            "published": published.isoformat(),
        }
        n += 1


def write_corpus(pool: list[str], words: int, out: Path, seed: int, per_file: int = 1000) -> tuple[int, int]:
    """Write about ``words`` words of articles as JSONL files; returns (documents, words)."""
    out.mkdir(parents=True, exist_ok=True)
    docs = total = 0
    handle = None
    for article in articles(pool, words, seed):
        if docs % per_file == 0:
            if handle:
                handle.close()
            handle = open(out / f"news-{docs // per_file:04d}.jsonl", "w", encoding="utf-8")  # noqa: SIM115
        handle.write(json.dumps(article, ensure_ascii=False) + "\n")
        docs += 1
        total += len(str(article["text"]).split())
    if handle:
        handle.close()
    return docs, total
