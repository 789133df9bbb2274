"""Reading NER corpora in the PolDeepNer IOB layout, and the gold spans they encode.

The training and evaluation scripts open the files; this module only parses lines, so the
same code serves NKJP (nested labels joined with ``#``) and KPWr (flat labels).

Layout: one token per line, ``token<TAB>lemma<TAB>tag<TAB>label``; a blank line ends a
sentence; ``-DOCSTART FILE <id>`` starts a document (``-DOCSTART CONFIG ...`` lines are
ignored). Only the token and the label columns are used: at run time the tagger sees
neither gold lemmas nor gold tags, so it must not learn from them.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

#: NKJP top-level entity types (the tagger's label set).
TYPES = ("persName", "orgName", "placeName", "geogName", "date", "time")


class GoldSpan(NamedTuple):
    sentence_idx: int
    first_token: int
    end_token: int  # exclusive
    label: str  # top-level type as written in the corpus (e.g. "placeName", "nam_liv_person")
    subtype: str | None


@dataclass
class Document:
    doc_id: str
    sentences: list[list[str]]
    labels: list[list[str]]  # the corpus's raw label column, per token
    # The columns between token and label (NKJP: lemma, tag), per token; filled only
    # when parsed with ``keep_columns=True`` (evaluations that need the gold lemmas).
    columns: list[list[tuple[str, ...]]] = field(default_factory=list)


def parse_iob(lines: Iterable[str], keep_columns: bool = False) -> list[Document]:
    """Documents of an IOB file given as lines (newlines may be present)."""
    docs: list[Document] = []
    sent_tokens: list[str] = []
    sent_labels: list[str] = []
    sent_columns: list[tuple[str, ...]] = []

    def close_sentence() -> None:
        if sent_tokens:
            if not docs:  # a file without document markers is one document
                docs.append(Document("doc-0", [], []))
            docs[-1].sentences.append(list(sent_tokens))
            docs[-1].labels.append(list(sent_labels))
            if keep_columns:
                docs[-1].columns.append(list(sent_columns))
        sent_tokens.clear()
        sent_labels.clear()
        sent_columns.clear()

    for raw in lines:
        line = raw.rstrip("\n")
        if line.startswith("-DOCSTART"):
            close_sentence()
            parts = line.split(maxsplit=2)
            if len(parts) == 3 and parts[1] == "FILE":
                docs.append(Document(parts[2], [], []))
            continue
        if not line.strip():
            close_sentence()
            continue
        fields = line.split("\t")
        sent_tokens.append(fields[0])
        sent_labels.append(fields[-1] if len(fields) > 1 else "O")
        if keep_columns:
            sent_columns.append(tuple(fields[1:-1]))
    close_sentence()
    return docs


def _top_label(raw: str) -> tuple[str, str, str | None]:
    """``"I-persName#B-persName-surname"`` → ``("I", "persName", None)``;
    ``"B-placeName-settlement"`` → ``("B", "placeName", "settlement")``; ``"O"`` → ``("O", "", None)``.

    Only the outermost label counts (the tagger predicts top-level spans). NKJP writes
    place names with their subtype only (``placeName-country``); the subtype of a person
    name's outer span is not meaningful (``persName-surname`` at the top level is a bare
    surname), so it is dropped.
    """
    top = raw.split("#", 1)[0]
    if top == "O" or len(top) < 3:
        return "O", "", None
    prefix, name = top[0], top[2:]
    base, _, sub = name.partition("-")
    if base == "persName":
        return prefix, base, None
    return prefix, base, sub or None


def gold_spans(doc: Document) -> list[GoldSpan]:
    """Top-level spans of one document (an ``I-`` that does not continue the open span starts one)."""
    spans: list[GoldSpan] = []
    for s_idx, labels in enumerate(doc.labels):
        start = -1
        cur: tuple[str, str | None] | None = None
        for t_idx, raw in enumerate([*labels, "O"]):
            prefix, base, sub = _top_label(raw)
            continues = prefix == "I" and cur is not None and cur == (base, sub)
            if cur is not None and not continues:
                spans.append(GoldSpan(s_idx, start, t_idx, cur[0], cur[1]))
                cur = None
            if prefix != "O" and not continues:
                start, cur = t_idx, (base, sub)
    return spans


def bio_labels(doc: Document, subtypes: Sequence[str] = ()) -> list[list[str]]:
    """Per-token training labels: ``B-type``/``I-type``/``O``; the subtype is appended
    (``B-placeName.country``) for the types listed in ``subtypes``."""
    out = [["O"] * len(s) for s in doc.sentences]
    for span in gold_spans(doc):
        name = span.label
        if span.label in subtypes and span.subtype:
            name = f"{span.label}.{span.subtype}"
        row = out[span.sentence_idx]
        row[span.first_token] = f"B-{name}"
        for i in range(span.first_token + 1, span.end_token):
            row[i] = f"I-{name}"
    return out


SPLIT_SEED = 13


def split_documents(docs: Sequence[Document], seed: int = SPLIT_SEED) -> dict[str, list[Document]]:
    """Deterministic document-level 80/10/10 split: sort by id, shuffle with ``random.Random(seed)``."""
    ordered = sorted(docs, key=lambda d: d.doc_id)
    random.Random(seed).shuffle(ordered)
    n = len(ordered)
    n_train, n_dev = round(n * 0.8), round(n * 0.1)
    return {
        "train": ordered[:n_train],
        "dev": ordered[n_train : n_train + n_dev],
        "test": ordered[n_train + n_dev :],
    }


def _level_spans(labels: Sequence[str], level: int) -> list[tuple[int, int, str]]:
    """``(first, end, category)`` spans of one nesting level of a sentence's ``#``-joined
    labels; the category is the label as NKJP writes it (``placeName-settlement``)."""
    spans: list[tuple[int, int, str]] = []
    start, cur = -1, ""
    for t_idx, raw in enumerate([*labels, "O"]):
        chain = raw.split("#")
        tag = chain[level] if level < len(chain) else "O"
        prefix, name = (tag[0], tag[2:]) if len(tag) > 2 else ("O", "")
        continues = prefix == "I" and name == cur
        if cur and not continues:
            spans.append((start, t_idx, cur))
            cur = ""
        if prefix != "O" and not continues:
            start, cur = t_idx, name
    return spans


def all_category_spans(doc: Document) -> list[GoldSpan]:
    """Every annotation of a document, nested ones included, labelled with its full PolEval
    2018 category (``persName``, ``persName_forename``, ``placeName_settlement``, ...);
    ``subtype`` is None. The simplified NKJP conversion has two nesting levels."""
    out: list[GoldSpan] = []
    for s_idx, labels in enumerate(doc.labels):
        for level in (0, 1):
            for first, end, name in _level_spans(labels, level):
                out.append(GoldSpan(s_idx, first, end, name.replace("-", "_", 1), None))
                if level == 0 and name.startswith("persName-"):
                    # A bare top-level surname: a person name made of that one part.
                    out.append(GoldSpan(s_idx, first, end, "persName", None))
    return out


def inner_labels(doc: Document, inner_types: frozenset[str]) -> list[tuple[GoldSpan, list[str]]]:
    """Training sequences of the inner model (``inner.py``): each top-level span of the given
    types with its tokens' labels — ``B-forename``/``I-surname``/... or ``B-settlement`` from
    the nested level for persons and organisations, ``P-<subtype>`` (``P-none``) on every
    token of a place name."""
    out: list[tuple[GoldSpan, list[str]]] = []
    for span in gold_spans(doc):
        if span.label not in inner_types:
            continue
        if span.label == "placeName":
            out.append((span, [f"P-{span.subtype or 'none'}"] * (span.end_token - span.first_token)))
            continue
        raw = doc.labels[span.sentence_idx]
        labels = ["O"] * (span.end_token - span.first_token)
        for first, end, name in _level_spans(raw[span.first_token : span.end_token], 1):
            kind = name.partition("-")[2]
            if kind:
                labels[first] = f"B-{kind}"
                for k in range(first + 1, end):
                    labels[k] = f"I-{kind}"
        if span.label == "persName" and not any(lab != "O" for lab in labels):
            # A bare top-level "persName-surname" (NKJP's lone surname): the part is the span.
            top = raw[span.first_token].split("#", 1)[0]
            kind = top[2:].partition("-")[2]
            if kind:
                labels = [f"B-{kind}"] + [f"I-{kind}"] * (len(labels) - 1)
        out.append((span, labels))
    return out
