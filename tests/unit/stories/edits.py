"""Edited copies and look-alikes of real articles, made deterministically for the tests."""

from __future__ import annotations

import re

import numpy as np

from newsetl.stories import shingles

Article = list[list[str]]


def render(article: Article) -> str:
    return "\n\n".join(" ".join(p) for p in article)


def jaccard(a: str, b: str) -> float:
    x, y = set(shingles(a)), set(shingles(b))
    return len(x & y) / len(x | y)


def new_lead(article: Article, other: Article) -> Article:
    return [[other[0][0]], *article]


def credits(article: Article) -> Article:
    out = [list(p) for p in article]
    out[0][0] = "WARSZAWA (PAP) - " + out[0][0]
    return [*out, ["Źródło: PAP, oprac. kw"]]


def whitespace(text: str) -> str:
    text = text.replace(" - ", " – ").replace(". ", ".  ").replace("\n\n", "\r\n\r\n")
    quotes = iter(["„", "”"] * text.count('"'))
    text = re.sub('"', lambda _: next(quotes), text)
    words = text.split(" ")
    return "\n".join(" ".join(words[i : i + 9]) for i in range(0, len(words), 9)) + "  \n"


def dropped_paragraph(article: Article) -> Article:
    """Without its shortest paragraph after the first (outlets cut closing and aside paragraphs)."""
    which = min(range(1, len(article)), key=lambda i: len(" ".join(article[i])))
    return [p for i, p in enumerate(article) if i != which]


def added_paragraph(article: Article, other: Article) -> Article:
    return [*article[:2], other[1], *article[2:]]


def changed_words(article: Article, fraction: float, vocabulary: list[str], seed: int) -> Article:
    rng = np.random.default_rng(seed)
    out = []
    for paragraph in article:
        sentences = []
        for sentence in paragraph:
            words = sentence.split(" ")
            for k in range(len(words)):
                if rng.random() < fraction:
                    words[k] = vocabulary[int(rng.integers(len(vocabulary)))]
            sentences.append(" ".join(words))
        out.append(sentences)
    return out


def names_swapped(article: Article, fraction: float, vocabulary: list[str], seed: int) -> Article:
    """A templated look-alike: every capitalized word after the first and every number
    replaced, and ``fraction`` of the other words."""
    rng = np.random.default_rng(seed)
    out = []
    for paragraph in article:
        sentences = []
        for sentence in paragraph:
            words = sentence.split(" ")
            for k, w in enumerate(words):
                if (k > 0 and w[:1].isupper()) or w[:1].isdigit() or rng.random() < fraction:
                    words[k] = vocabulary[int(rng.integers(len(vocabulary)))]
            sentences.append(" ".join(words))
        out.append(sentences)
    return out


def follow_up(article: Article, others: list[Article]) -> Article:
    """A follow-up: the first paragraph of the report, then paragraphs of other articles."""
    return [article[0], *(o[1] for o in others)]
