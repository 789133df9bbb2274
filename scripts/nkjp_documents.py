"""NKJP documents as token sentences, read from the NER corpus in ``../shared/data``.

The corpus is one token a line (IOB columns after a tab), sentences separated by blank
lines and documents by ``-DOCSTART`` lines naming a ``FILE``. The evaluation scripts
rebuild text from the tokens each in their own way; the reading is shared here.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

CORPUS = Path("ner") / "nkjp-nested-simplified-v2.iob.gz"


def nkjp_token_documents(shared: Path) -> Iterator[list[list[str]]]:
    """Each document of the corpus under ``shared`` as its sentences' tokens."""
    sentences: list[list[str]] = []
    current: list[str] = []
    with gzip.open(shared / CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART"):
                if current:
                    sentences.append(current)
                    current = []
                if sentences and "FILE" in line:
                    yield sentences
                    sentences = []
            elif not line:
                if current:
                    sentences.append(current)
                    current = []
            else:
                current.append(line.split("\t", 1)[0])
    if current:
        sentences.append(current)
    if sentences:
        yield sentences
