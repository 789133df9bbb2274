"""The reference corpora as plain documents run through the current NER tagger.

Shared by ``scripts/eval_entities.py`` and ``scripts/derived_candidates.py``: NKJP (all
documents), the KPWr NER test split and the UD Polish treebanks (LFG dev/test, PDB dev;
every sentence its own document, as they are not contiguous text). Gold labels are not
used: these scripts measure what the *tagger* finds. Texts are rebuilt from the tokens
(UD's ``SpaceAfter=No`` where given, else the spacing guess of
:func:`~newsetl.extract.entities.base_form.infer_spaces`), so the offsets are real.

Tagging ~1.4 M tokens takes a few minutes on one core; the spans are cached under
``data/eval/`` keyed by the tagger's version (a retrained model is re-run).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsetl.config import REPO_ROOT, load_settings, shared_data_dir
from newsetl.extract.entities.base_form import infer_spaces
from newsetl.extract.entities.mentions import TaggedSpan
from newsetl.extract.entities.ner_corpus import parse_iob
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.morph import Morphology
from newsetl.spans import Segmentation, SpanPart

CACHE_DIR = REPO_ROOT / "data" / "eval" / "cache"
CORPORA = ("nkjp", "kpwr", "ud")


@dataclass
class CorpusDoc:
    corpus: str
    doc_id: str
    sentences: list[list[str]]
    spaces: list[list[bool]]  # per token: whitespace follows it


def _iob_docs(corpus: str, path: Path) -> Iterator[CorpusDoc]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for doc in parse_iob(fh):
            yield CorpusDoc(corpus, doc.doc_id, doc.sentences, [infer_spaces(s) for s in doc.sentences])


def _ud_docs(path: Path) -> Iterator[CorpusDoc]:
    tokens: list[str] = []
    spaces: list[bool] = []
    sent_id = ""
    skip_until = 0
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if line.startswith("# sent_id"):
                sent_id = line.split("=", 1)[1].strip()
            elif not line:
                if tokens:
                    yield CorpusDoc("ud", f"{path.stem}:{sent_id}", [tokens], [spaces])
                tokens, spaces, skip_until = [], [], 0
            elif not line.startswith("#"):
                cols = line.split("\t")
                if "." in cols[0]:
                    continue
                if "-" in cols[0]:  # a multiword token: its words follow, spacing is on this line
                    lo, hi = cols[0].split("-")
                    skip_until = int(hi)
                    no_space = "SpaceAfter=No" in cols[9]
                    tokens_pending = int(hi) - int(lo) + 1
                    spaces_pending = [False] * (tokens_pending - 1) + [not no_space]
                    spaces.extend(spaces_pending)
                    continue
                tokens.append(cols[1])
                if int(cols[0]) > skip_until:
                    spaces.append("SpaceAfter=No" not in cols[9])
    if tokens:
        yield CorpusDoc("ud", f"{path.stem}:{sent_id}", [tokens], [spaces])


def corpus_documents(corpora: Sequence[str] = CORPORA) -> list[CorpusDoc]:
    data = shared_data_dir()
    docs: list[CorpusDoc] = []
    if "nkjp" in corpora:
        docs.extend(_iob_docs("nkjp", data / "ner" / "nkjp-nested-simplified-v2.iob.gz"))
    if "kpwr" in corpora:
        docs.extend(_iob_docs("kpwr", data / "ner" / "kpwr-ner-n82-test.iob"))
    if "ud" in corpora:
        for name in ("pl_lfg-ud-dev", "pl_lfg-ud-test", "pl_pdb-ud-dev"):
            docs.extend(_ud_docs(data / "ud" / f"{name}.conllu"))
    return docs


def as_text(doc: CorpusDoc) -> tuple[str, Segmentation]:
    """The document's text (one paragraph per sentence) and its segmentation."""
    parts: list[str] = []
    paragraphs, sentences, tokens = [], [], []
    pos = 0
    for s_idx, (sent, spaces) in enumerate(zip(doc.sentences, doc.spaces, strict=True)):
        start = pos
        for tok, space in zip(sent, spaces, strict=True):
            tokens.append((pos, pos + len(tok), s_idx))
            parts.append(tok)
            pos += len(tok)
            if space:
                parts.append(" ")
                pos += 1
        while parts and parts[-1] == " ":
            parts.pop()
            pos -= 1
        paragraphs.append((start, pos))
        sentences.append((start, pos, s_idx))
        parts.append("\n")
        pos += 1
    return "".join(parts), Segmentation(paragraphs, sentences, tokens)


def _span_from_json(row: list[Any]) -> TaggedSpan:
    """A cached span: JSON keeps the nested parts as lists, the glue reads them as SpanParts."""
    *fields, parts = row
    return TaggedSpan(*fields, tuple(SpanPart(*p) for p in parts))


def tagged_documents(
    morph: Morphology, corpora: Sequence[str] = CORPORA, tagger_dir: Path | None = None
) -> list[tuple[CorpusDoc, list[TaggedSpan]]]:
    """Every document with the current tagger's spans (cached per tagger version)."""
    tagger = EntityTagger.load(tagger_dir or load_settings().ner_model_dir, morph)
    docs = corpus_documents(corpora)
    out: list[tuple[CorpusDoc, list[TaggedSpan]]] = []
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    for corpus in corpora:
        part = [d for d in docs if d.corpus == corpus]
        cache = CACHE_DIR / f"spans-{corpus}-{tagger.version}.json.gz"
        if cache.is_file():
            with gzip.open(cache, "rt", encoding="utf-8") as fh:
                raw = json.load(fh)
            spans = [[_span_from_json(s) for s in doc] for doc in raw]
        else:
            spans = []
            for i in range(0, len(part), 50):
                batch = part[i : i + 50]
                spans.extend([TaggedSpan(*s) for s in doc] for doc in tagger.spans_in([d.sentences for d in batch]))
            with gzip.open(cache, "wt", encoding="utf-8") as fh:
                json.dump([[list(s) for s in doc] for doc in spans], fh)
        out.extend(zip(part, spans, strict=True))
    return out
