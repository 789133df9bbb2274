"""Choosing among a mention's candidate base forms with the rest of its document.

A name inflected in one place is often written in the nominative, or in a telling case,
elsewhere in the same document: "Markiem Rutte" could be Marek or Mark, but "Mark
Rutte" two paragraphs later settles it; "Obama" alone could be the genitive of an
"Obam", but "Obamy" and "Obamą" show an -a noun. For every word in which a candidate
differs from the others, its *support* is the number of distinct words of the document's
other mentions (of the same label) that are forms of it and not of the word the other
candidates have instead — by Morfeusz's paradigms when Morfeusz knows the word, by the
suffix rules when it does not. The candidate with the strictly highest support wins; on
a tie the single-mention ranking stands. Where the mentions of the same label support no
candidate, those of every label are asked (the tagger may label one name differently
within a document).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from functools import lru_cache

from newsetl.extract.entities.lemma_rules import rule_forms
from newsetl.morph import Morphology


@lru_cache(maxsize=10_000)
def word_forms(word: str, label: str, morph: Morphology) -> frozenset[str]:
    """Forms (lowercased) of the lexemes a base-form word can be: the whole paradigm of
    every Morfeusz lemma of the word ("Północna" → all forms of "północny"), or, for a
    word Morfeusz does not know, the forms the suffix rules derive from it."""
    lemmas = {i.lemma for w in {word, word.lower()} for i in morph.analyse(w) if i.tag != "ign"}
    forms = {word.lower()}
    for lemma in lemmas:
        forms |= {f.orth.lower() for f in morph.forms(lemma)}
    if not lemmas:
        person = label == "persName"
        place = label in ("placeName", "geogName")
        forms |= {f.lower() for f in rule_forms(word, person, place)}
    return frozenset(forms)


def support(
    candidate: str,
    others: Sequence[str],
    label: str,
    document_words: Set[str],
    morph: Morphology,
    exclude: Set[str] = frozenset(),
) -> int:
    """Document words (lowercased) that are forms of the words in which ``candidate``
    differs from ``others`` and not forms of the others' differing words: only evidence
    that tells the readings apart counts ("Województwie" is a form of województwo, which
    every reading of "województwie śląskim" has, so it supports none of them)."""
    own_words = candidate.split()
    other_words = {w for o in others for w in o.split()}
    rival_forms: set[str] = set()
    for word in other_words - set(own_words):
        if any(ch.isalpha() for ch in word):
            rival_forms |= word_forms(word, label, morph)
    total = 0
    for word in own_words:
        if word in other_words or not any(ch.isalpha() for ch in word):
            continue
        total += len((word_forms(word, label, morph) & document_words) - rival_forms - exclude)
    return total


def attested(
    candidates: Sequence[str],
    label: str,
    document_words: Set[str],
    morph: Morphology,
    exclude: Set[str] = frozenset(),
    fallback: tuple[Set[str], Set[str]] | None = None,
) -> str:
    """The candidate best supported by ``document_words`` (lowercased words of the
    document's mentions with this label) less ``exclude`` (the mention's own words that
    no other mention has: a mention is not evidence for itself); the first candidate
    unless another has strictly more support.

    ``fallback`` (words, exclude) is asked only when ``document_words`` support no
    candidate at all: the words of the document's mentions under *every* label. The
    tagger's label is not stable within a document ("Alibaba" orgName, "Alibaby"
    persName), and a spelling under another label still shows how the name inflects; it
    never overrides evidence under the mention's own label.
    """
    if len(candidates) < 2:
        return candidates[0] if candidates else ""

    def supports(words: Set[str], excluded: Set[str]) -> list[int]:
        return [
            support(cand, [c for j, c in enumerate(candidates) if j != i], label, words, morph, excluded)
            for i, cand in enumerate(candidates)
        ]

    found = supports(document_words, exclude)
    if not any(found) and fallback is not None:
        found = supports(*fallback)
    return candidates[found.index(max(found))]
