"""The Morfeusz wrapper: its own reading of results equals the binding's, and analysing
many words in one call equals analysing them one by one."""

from __future__ import annotations

import gzip
import re
from itertools import islice
from pathlib import Path

import morfeusz2
import pytest

from newsetl.extract.entities.ner_corpus import parse_iob
from newsetl.morph import Morphology, strip_homonym


@pytest.fixture(scope="module")
def words(shared_data: Path, sample_article: Path) -> list[str]:
    found = set(re.findall(r"\w+(?:-\w+)*|[^\w\s]", sample_article.read_text(encoding="utf-8")))
    with gzip.open(shared_data / "ner" / "nkjp-nested-simplified-v2.iob.gz", "rt", encoding="utf-8") as lines:
        for doc in islice(parse_iob(lines), 200):
            found.update(t for s in doc.sentences for t in s)
    extra = ["zrobiłem", "miałem", "Bielsko-Biała", "PiS-u", "1,5", "...", "xqzzt", "Warszawa", "Kaja", "ǅemal"]
    return sorted(found | {w.lower() for w in found} | set(extra))


@pytest.mark.parametrize(
    ("lemma", "bare"),
    [
        ("Warszawa:Sf", "Warszawa"),
        ("Kaja:Sf~o~u", "Kaja"),
        ("kot", "kot"),
        (":", ":"),
        ("a:b:c", "a:b"),  # only a last suffix is a homonym mark
        ("a:1", "a:1"),  # a suffix starts with a letter or "~"
        ("a:", "a:"),
        ("::", "::"),
    ],
)
def test_strip_homonym(lemma: str, bare: str) -> None:
    assert strip_homonym(lemma) == bare


def test_graph_reads_what_the_binding_reads(words: list[str]) -> None:
    binding = morfeusz2.Morfeusz(generate=False, expand_tags=False)
    morph = Morphology()
    assert len(words) > 5000
    for word in words:
        ours = [(s.start, s.end, s.interp) for s in morph.graph(word)]
        theirs = [
            (s, e, (o, strip_homonym(lem), tag, tuple(q), tuple(lab)))
            for s, e, (o, lem, tag, q, lab) in binding.analyse(word)
        ]
        assert ours == theirs, word


def test_analyse_all_equals_one_by_one(words: list[str]) -> None:
    one, many = Morphology(), Morphology(cache_size=len(words) * 2)
    many.analyse_all([*words, "Stany Zjednoczone", ""])  # words with spaces are left to analyse()
    assert [many.analyse(w) for w in words] == [one.analyse(w) for w in words]
    assert many.analyse("Stany Zjednoczone") == one.analyse("Stany Zjednoczone")


def test_forms_read_what_the_binding_generates() -> None:
    binding = morfeusz2.Morfeusz(analyse=False, generate=True, expand_tags=False)
    morph = Morphology()
    for lemma in ("kot", "Warszawa", "Kaja:Sf", "być", "Kowalski", "xqzzt"):
        theirs = [(o, strip_homonym(lem), tag, tuple(q), tuple(lab)) for o, lem, tag, q, lab in binding.generate(lemma)]
        assert [tuple(i) for i in morph.forms(lemma)] == theirs
