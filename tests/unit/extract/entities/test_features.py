"""Word descriptions do not depend on what the extractor described before (its caches)."""

from __future__ import annotations

from newsetl.extract.entities.features import FeatureExtractor, WordInfo
from newsetl.morph import Morphology

# Words that share Morfeusz's (tag, qualifiers) sets but not lemmas ("stołu"/"chleba"), proper
# names with and without common readings ("Warszawy", "Kraków", "Sejm"), unknown words.
WORDS = [
    "stołu",
    "chleba",
    "psa",
    "domu",
    "Warszawy",
    "Krakowa",
    "Kraków",
    "Sejm",
    "sejm",
    "Kowalskiego",
    "Kowalski",
    "zrobiłem",
    "Bielsko-Biała",
    "PiS-u",
    "xyzzyq",
    "Qwertz",
    ",",
    ".",
    "1,5",
    "NATO",
    "Nato",
    "nato",
    "Polska",
    "polska",
    "Tusk",
    "Tuska",
]


def _fields(info: WordInfo) -> tuple[object, ...]:
    return (info.own, info.near_base, info.near_close, info.key, info.lower, info.capitalised)


def test_description_is_independent_of_order() -> None:
    morph = Morphology()
    forward = FeatureExtractor(morph)
    backward = FeatureExtractor(Morphology())
    described = {w: _fields(forward.word(w)) for w in WORDS}
    for w in reversed(WORDS):
        assert _fields(backward.word(w)) == described[w], w


def test_shared_morphology_keeps_each_words_lemma() -> None:
    fx = FeatureExtractor(Morphology())
    stolu, chleba = fx.word("stołu"), fx.word("chleba")
    assert "l=stół" in stolu.own and "l=chleb" in chleba.own
    assert (stolu.key, chleba.key) == ("stół", "chleb")
    morphology = ("p=", "q=", "c=")
    assert [f for f in stolu.own if f.startswith(morphology)] == [f for f in chleba.own if f.startswith(morphology)]
    # A proper-name reading gives the word its lemma and its qualifier.
    warszawy = fx.word("Warszawy")
    assert warszawy.key == "warszawa"
    assert "q=nazwa_geograficzna" in warszawy.own and "lemU" in warszawy.own
