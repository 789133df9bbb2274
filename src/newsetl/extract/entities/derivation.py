"""The place a relational adjective or inhabitant noun derives from, confirmed by Morfeusz.

"goleniowski" → Goleniów, "warszawiak" → Warszawa, "rybnicki" → Rybnik: strip the
derivational suffix, undo the usual alternations of the stem (o/ó, n/ń, a mobile e,
sz/sk, c/k, dz/dź), add each ending a Polish place name may have, and keep the
candidates that Morfeusz (SGJP) knows as a geographical name spelled exactly so. The
answer is given only when exactly one place remains ("kosowski": Kosów or Kosowo? —
none). Used by ``scripts/build_derived_forms.py`` for the words its stem rules cannot
link, and at run time for a derived word the shipped table lacks.
"""

from __future__ import annotations

from functools import lru_cache

from newsetl.extract.entities.lemma_freq import zipf
from newsetl.morph import Morphology

ADJ_SUFFIXES = ("dzki", "ski", "cki", "ki", "i")
INHABITANT_SUFFIXES = (
    "czanin",
    "czanka",
    "ianin",
    "ianka",
    "anin",
    "anka",
    "iaczka",
    "aczka",
    "iak",
    "ak",
    "czyk",
    "czka",
    "owiec",
    "ec",
)
ENDINGS = (
    "",
    "a",
    "o",
    "e",
    "y",
    "i",
    "ia",
    "ie",
    "k",
    "ek",
    "ka",
    "ki",
    "ko",
    "c",
    "ce",
    "t",
    "d",
    "dź",
    "g",
    "ga",
    "sk",
    "ck",
    "ów",
    "owo",
    "owa",
    "ń",
    "no",
    "n",
    "ny",
    "rz",
    "ż",
    "e",
)


def _stems(stem: str) -> set[str]:
    out = {stem}
    if len(stem) >= 3 and stem[-2] == "e" and stem[-1] not in "aeiouy":
        out.add(stem[:-2] + stem[-1])  # a mobile e: "kielec-ki" → Kielce
    if stem.endswith("e"):
        out.add(stem[:-1])
    for st in list(out):
        i = st.rfind("o")
        if i >= len(st) - 3 and i >= 0:
            out.add(st[:i] + "ó" + st[i + 1 :])  # "krakow-ski" → Kraków
        if st.endswith("ni"):
            out.add(st[:-2] + "ń")  # "poznani-ak" → Poznań
        if st.endswith("n"):
            out.add(st[:-1] + "ń")
        if st.endswith("sz"):
            out.add(st[:-2] + "sk")  # "gdańsz-czanin" → Gdańsk
        if st.endswith("c"):
            out.add(st[:-1] + "k")
    return {s for s in out if len(s) >= 2}


def base_candidates(lemma: str, kind: str) -> list[str]:
    """Place names ``lemma`` may derive from, by form alone (most are not words)."""
    low = lemma.lower()
    suffixes = ADJ_SUFFIXES if kind == "adjective" else INHABITANT_SUFFIXES
    out: list[str] = []
    for suffix in suffixes:
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            for stem in sorted(_stems(low[: -len(suffix)])):
                for ending in ENDINGS:
                    cand = stem + ending
                    cand = cand[:1].upper() + cand[1:]
                    if cand not in out:
                        out.append(cand)
    return out


# How much more common (Zipf units) the likeliest place must be than the next one: SGJP
# lists every village, so "krakowski" fits Kraków and the village Krakówek.
FREQUENCY_MARGIN = 0.5


def _homograph(place: str, morph: Morphology) -> bool:
    """The place's name is also a common word ("Miejsce", "Góry", "Ojców")."""
    return any(i.tag != "ign" and i.lemma[:1].islower() for i in morph.analyse(place.lower()))


@lru_cache(maxsize=10_000)
def guessed_base(lemma: str, kind: str, morph: Morphology, places: frozenset[str] = frozenset()) -> str | None:
    """The place Morfeusz confirms ``lemma`` derives from: the only one, or the clearly
    most common one; None when unsure. ``places``: lower-cased names of well-known places
    (the lexicon's); any other candidate whose name is also a common word is ignored,
    since a common adjective ("miejski", "ojcowski") then fits it by accident. A region
    named by the adjective itself ("Łódzkie" for "łódzki") is not its base."""
    found = set()
    for cand in base_candidates(lemma, kind):
        for interp in morph.analyse(cand):
            geographical = interp.pos == "subst" and "nazwa_geograficzna" in interp.qualifiers
            if interp.lemma == cand and geographical and (cand.lower() in places or not _homograph(cand, morph)):
                found.add(cand)
    stem = lemma.lower()[:-1]
    found = {f for f in found if not (f.lower().startswith(stem) and f.lower().endswith("ie"))}
    if len(found) <= 1:
        return next(iter(found), None)
    ranked = sorted(((zipf(f.lower()), f) for f in found), reverse=True)
    (best_freq, best), (second_freq, _) = ranked[0], ranked[1]
    return best if best_freq >= second_freq + FREQUENCY_MARGIN else None
