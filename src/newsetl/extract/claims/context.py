"""What a quantity counts (``object``), and the word tests the scanner asks.

The object is read from the tokens right after one quantity, so Morfeusz runs on a
handful of words per claim, never on whole sentences (the subject is :mod:`.subjects`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from wordfreq import zipf_frequency

from newsetl.extract.claims import lexicon_pl
from newsetl.extract.claims.lexicon_en import STOPWORDS as EN_STOPWORDS
from newsetl.extract.claims.scan import Quantity
from newsetl.extract.claims.tokens import DASHES, Tok
from newsetl.morph import Interp, Morphology

_NOUN_POS = frozenset({"subst", "depr", "ger"})
# A word with any of these readings ends the search for the counted noun: "dwa albo
# trzy" (albo: conj, not the noun "alba"), "dwaj stali" (verb), "lat temu" (prep).
_STOP_POS = frozenset(
    {
        "conj",
        "comp",
        "prep",
        "qub",
        "part",
        "interp",
        "fin",
        "praet",
        "impt",
        "bedzie",
        "inf",
        "imps",
        "pred",
        "adv",
        "pcon",
        "pant",
    }
)
_MODIFIER_POS = frozenset({"adj", "ppas", "pact", "num", "adja"})
_BOUNDARY_SYMS = frozenset(',;:()"[]!?') | DASHES
_ENTITY_LABELS = frozenset({"persName", "orgName", "placeName", "geogName"})
# English plural nouns that do not end in -s.
_EN_IRREGULAR = {
    "people": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "feet": "foot",
    "mice": "mouse",
    "teeth": "tooth",
    "geese": "goose",
}


def _number_of(tag: str) -> str:
    parts = tag.split(":")
    return parts[1] if len(parts) > 1 else ""


def _case_of(tag: str) -> str:
    parts = tag.split(":")
    return parts[2] if len(parts) > 2 else ""


# Readings that make a capitalised first word of a sentence a function word.
_FUNCTION_POS = frozenset(
    {
        "prep",
        "conj",
        "comp",
        "qub",
        "part",
        "adv",
        "fin",
        "praet",
        "impt",
        "bedzie",
        "inf",
        "imps",
        "pred",
        "ppron12",
        "ppron3",
        "siebie",
        "num",
        "adj",
        "interj",
    }
)


class PolishWords:
    """Word tests for the scanner, answered by Morfeusz."""

    def __init__(self, morph: Morphology) -> None:
        self.morph = morph

    def counted_noun(self, word: str, value: float) -> bool:
        for interp in self.morph.analyse(word):
            if interp.pos in ("subst", "depr"):
                number = _number_of(interp.tag)
                if "pl" in number or value == 1 or not value.is_integer():
                    return True
        return False

    def name_like(self, word: str) -> bool:
        interps = self.morph.analyse(word)
        return not any(it.pos in _FUNCTION_POS for it in interps)


class EnglishWords:
    """Word tests for English without a lexicon: word shape and a stop-word list."""

    def counted_noun(self, word: str, value: float) -> bool:
        lower = word.lower()
        if not word.islower() or lower in EN_STOPWORDS:
            return False
        return value == 1 or lower.endswith("s") or lower in _EN_IRREGULAR

    def name_like(self, word: str) -> bool:
        return word.lower() not in EN_STOPWORDS


@lru_cache(maxsize=20_000)
def _zipf(word: str) -> float:
    """How common a lemma is (wordfreq's Zipf scale, 0-8): a tie-breaker between readings."""
    return float(zipf_frequency(word, "pl", wordlist="small"))


def _best_noun(interps: Sequence[Interp], quantity: Quantity) -> Interp | None:
    """The noun reading that fits best after this number (genitive after "proc.", plural after 5).

    Ties go to the lemma written with the word's own initial case ("Polaków" → "Polak").
    """
    best: Interp | None = None
    best_score = -1.0
    value = quantity.value if quantity.value is not None else quantity.high or 0.0
    for interp in interps:
        if (interp.pos not in _NOUN_POS and interp.pos != "brev") or "_" in interp.lemma:
            continue  # abbreviations' lemmas can be phrases ("mk." → "Ewangelia_świętego_Marka")
        score = {"subst": 2.0, "depr": 1.0}.get(interp.pos, 0.0)
        score += 0.5 * (interp.lemma[:1].isupper() == interp.orth[:1].isupper())
        score -= 0.6 * interp.tag.endswith(":pt")  # "statków": statek, not statki (dishes)
        score += 0.05 * _zipf(interp.lemma)  # "dronami": dron, not drona
        number, case = _number_of(interp.tag), _case_of(interp.tag)
        if quantity.kind == "count" and value != 1 and value.is_integer():
            score += "pl" in number
        elif "gen" in case:
            score += 1
        elif quantity.kind != "count":
            continue  # "5 lat więzienia", "2 proc. PKB": after a unit the noun is genitive
        if score > best_score:
            best, best_score = interp, score
    return best


# Nouns that are pronouns in all but name: "dwa lata niczego nie zauważyli".
_PRONOUN_NOUNS = frozenset({"nic", "coś", "nikt", "ktoś", "wszystko", "co", "kto", "to", "się", "ten"})
# Verb readings a noun after a number may share ("20 łączy", "29 spraw"): they do not end the search.
_VERBAL_POS = frozenset({"fin", "impt", "praet", "bedzie", "inf"})
_NAME_LABELS = frozenset({"persName", "orgName"})
_SQUARE = re.compile(r"(?i)^(k?m)(?:2|²|\^2|\.?\s?kw\.?)$|^(kilo)?metr\w*\s+kwadratow\w*$")


def _outside_unit(surface: str, morph: Morphology) -> str:
    """A unit the record has no code for, as the object: square units as "m2"/"km2", a
    word or abbreviation in its base form ("hektarów"/"ha" → hektar), anything else as written."""
    square = _SQUARE.match(surface)
    if square:
        return "km2" if (square.group(1) or "").lower() == "km" or square.group(2) else "m2"
    if " " in surface or "/" in surface:
        return surface
    for it in morph.analyse(surface):
        if it.pos in ("subst", "brev") and "_" not in it.lemma and it.lemma.isalpha() and it.lemma != surface:
            return it.lemma
    return surface


def _noun_form(noun: Interp, morph: Morphology) -> str:
    """Base form of a noun reading; a gerund's is its own noun ("zachorowań" → zachorowanie)."""
    if noun.pos != "ger":
        return noun.lemma
    for form in morph.forms(noun.lemma):
        if form.tag.startswith("ger:sg:nom") and ":aff" in form.tag:
            return form.orth
    return noun.lemma


def object_pl(
    toks: Sequence[Tok], quantity: Quantity, morph: Morphology, names: frozenset[int] = frozenset()
) -> tuple[str | None, int]:
    """Base form of the counted noun after the span ("23 państwa" → państwo) and its token index.

    Adjectives and possessives may stand between ("2 proc. swojego PKB"); punctuation,
    prepositions and verbs end the search, and so does the start of a person's or an
    organisation's name (``names``: their first characters: "700 tys. zł PKO wydało").
    A unit outside the record is the object itself ("380 km2" → "km2").
    """
    if quantity.unit_outside:
        return _outside_unit(quantity.unit_outside, morph), -1
    i = quantity.tail
    for _ in range(4):
        if i >= len(toks) or toks[i].kind != "word" or toks[i].start in names:
            return None, -1
        if toks[i].text in lexicon_pl.GLUED_UNITS and i == quantity.tail:
            return _outside_unit(toks[i].text, morph), i  # "12 ha zboża": the unit, not "ha!"
        interps = morph.analyse(toks[i].text)
        if all(it.pos == "ign" for it in interps):
            word = toks[i].text
            if word.isupper() and len(word) > 1:
                return word, i  # an acronym Morfeusz does not know
            return None, -1
        noun = _best_noun(interps, quantity)
        modifier = any(it.pos in _MODIFIER_POS for it in interps)
        stops = {it.pos for it in interps if it.pos in _STOP_POS}
        if stops and not (stops <= _VERBAL_POS and _agrees(interps, quantity, _noun_follows(toks, i, morph))):
            return None, -1
        if noun is not None and noun.lemma in _PRONOUN_NOUNS:
            return None, -1
        if (
            noun is not None
            and modifier
            and i + 1 < len(toks)
            and toks[i + 1].kind == "word"
            and any(it.pos in ("subst", "depr") for it in morph.analyse(toks[i + 1].text))
        ):
            noun = None  # "swojego PKB": an adjective-or-noun word before a noun is a modifier
        if noun is not None and not (modifier and noun.pos == "ger"):
            return _noun_form(noun, morph), i
        if not modifier:
            return None, -1
        if quantity.kind != "count" and not _noun_follows(toks, i, morph):
            people = _substantive(interps, morph)
            if people is not None:
                return people, i  # "54 proc. głosujących", "26 proc. ankietowanych"
        i += 1
    return None, -1


def _agrees(interps: Sequence[Interp], quantity: Quantity, noun_next: bool) -> bool:
    """A noun or adjective reading in the case the number asks for, so that a verb reading
    of the same word does not end the search ("20 łączy", "29 spraw", "dwaj inni młodzi
    mężczyźni"; but "dwaj stali" is a verb: "stali" is no nominative plural)."""
    value = quantity.value if quantity.value is not None else quantity.high or 0.0
    few = quantity.kind == "count" and value.is_integer() and value % 10 in (2, 3, 4) and value % 100 // 10 != 1
    wanted = "nom" if few else "gen"
    pos = ("subst", "depr", "adj") if noun_next else ("subst", "depr")  # an adjective needs its noun
    return any(it.pos in pos and "pl" in _number_of(it.tag) and wanted in _case_of(it.tag) for it in interps)


def _noun_follows(toks: Sequence[Tok], i: int, morph: Morphology) -> bool:
    return (
        i + 1 < len(toks)
        and toks[i + 1].kind == "word"
        and any(it.pos in ("subst", "depr", "adj", "ppas", "pact") for it in morph.analyse(toks[i + 1].text))
    )


def _substantive(interps: Sequence[Interp], morph: Morphology) -> str | None:
    """A participle used as a noun after a percentage, in its base form ("głosujących" → głosujący)."""
    for it in interps:
        if it.pos in ("pact", "ppas") and "gen" in _case_of(it.tag) and "pl" in _number_of(it.tag):
            for form in morph.forms(it.lemma):
                if form.tag.startswith(f"{it.pos}:sg:nom") and "m1" in form.tag and ":aff" in form.tag:
                    return form.orth
    return None


def _singular(word: str) -> str:
    lower = word.lower() if not word.isupper() else word
    if lower in _EN_IRREGULAR:
        return _EN_IRREGULAR[lower]
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("sses", "shes", "ches", "xes")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith(("ss", "us", "is")) and len(lower) > 3:
        return lower[:-1]
    return lower


def object_en(toks: Sequence[Tok], quantity: Quantity) -> tuple[str | None, int]:
    """Head noun after the span: last word of the following noun phrase ("23 NATO countries" → country)."""
    if quantity.unit_outside:
        return quantity.unit_outside, -1
    i = quantity.tail
    if quantity.kind != "count" and i < len(toks) and toks[i].text.lower() == "of":
        i += 1  # "5% of GDP", "two meters of cotton"
        if i < len(toks) and toks[i].text.lower() == "the":
            i += 1
    head = -1
    j = i
    while j < len(toks) and j - i < 3 and toks[j].kind == "word" and toks[j].text.lower() not in EN_STOPWORDS:
        head = j
        lower = toks[j].text.lower()
        if toks[j].text.islower() and (lower.endswith("s") or lower in _EN_IRREGULAR):
            break  # a plural noun ends the phrase: "two proton beams circulated"
        j += 1
    if head < 0:
        return None, -1
    return _singular(toks[head].text), head
