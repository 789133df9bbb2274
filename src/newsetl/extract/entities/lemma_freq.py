"""Word frequencies as a tie-breaker between readings of a name.

Morfeusz lists every village: "Łodzi" is a form of Łódź and of the village Łodzia,
"Kosowa" of Kosowo and of Kosów, and nothing in the analysis says which is meant. How
common a word is in Polish (wordfreq's Zipf scale: 0 unknown … ~7 for the commonest
words; the data ships inside the package, nothing is downloaded) breaks such ties.

A lemma is scored by its *distinguishing* forms — the forms no competing lemma shares —
because the shared ones are counted for whichever word they mostly belong to ("Żydów"
is frequent as the genitive of Żyd, which says nothing about the village Żydów).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from wordfreq import zipf_frequency

from newsetl.morph import Morphology


@lru_cache(maxsize=50_000)
def zipf(word: str) -> float:
    """Zipf frequency of one Polish word form (case-insensitive)."""
    return float(zipf_frequency(word, "pl", wordlist="small"))


@lru_cache(maxsize=5_000)
def _paradigm(lemma: str, morph: Morphology) -> frozenset[str]:
    forms = frozenset(f.orth.lower() for f in morph.forms(lemma))
    return forms or frozenset({lemma.lower()})


def lemma_frequencies(lemmas: Iterable[str], morph: Morphology) -> dict[str, float]:
    """Zipf frequency of each lemma's commonest form that the other lemmas lack."""
    unique = sorted(set(lemmas))
    if len(unique) == 1:
        return {unique[0]: zipf(unique[0].lower())}
    paradigms = {lemma: _paradigm(lemma, morph) for lemma in unique}
    out: dict[str, float] = {}
    for lemma in unique:
        others: frozenset[str] = frozenset().union(
            *(p for other, p in paradigms.items() if other.lower() != lemma.lower())
        )
        own = paradigms[lemma] - others
        out[lemma] = max((zipf(form) for form in own), default=0.0)
    return out
