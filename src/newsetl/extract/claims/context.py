"""What a quantity counts (``object``) and which named entity it is about (``subject``).

Both look only at the tokens around one quantity, so Morfeusz runs on a handful of
words per claim, never on whole sentences.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsetl.extract.claims.lexicon_en import STOPWORDS as EN_STOPWORDS
from newsetl.extract.claims.profile import Profile
from newsetl.extract.claims.scan import Quantity
from newsetl.extract.claims.tokens import DASHES, Tok
from newsetl.morph import Interp, Morphology
from newsetl.spans import Mention

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


def object_pl(toks: Sequence[Tok], quantity: Quantity, morph: Morphology) -> tuple[str | None, int]:
    """Base form of the counted noun after the span ("23 państwa" → państwo) and its token index.

    Adjectives and possessives may stand between ("2 proc. swojego PKB"); punctuation,
    prepositions and verbs end the search. A unit outside the record is the object itself
    ("380 km2" → "km2").
    """
    if quantity.unit_outside:
        return quantity.unit_outside, -1
    i = quantity.tail
    for _ in range(4):
        if i >= len(toks) or toks[i].kind != "word":
            return None, -1
        interps = morph.analyse(toks[i].text)
        if any(it.pos in _STOP_POS for it in interps):
            return None, -1
        if all(it.pos == "ign" for it in interps):
            word = toks[i].text
            if word.isupper() and len(word) > 1:
                return word, i  # an acronym Morfeusz does not know
            return None, -1
        noun = _best_noun(interps, quantity)
        modifier = any(it.pos in _MODIFIER_POS for it in interps)
        if (
            noun is not None
            and modifier
            and i + 1 < len(toks)
            and toks[i + 1].kind == "word"
            and any(it.pos in ("subst", "depr") for it in morph.analyse(toks[i + 1].text))
        ):
            noun = None  # "swojego PKB": an adjective-or-noun word before a noun is a modifier
        if noun is not None and not (modifier and noun.pos == "ger"):
            return noun.lemma, i
        if not modifier:
            return None, -1
        i += 1
    return None, -1


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


def _clause(toks: Sequence[Tok], index: int, profile: Profile) -> tuple[int, int]:
    """Token range of the clause around token ``index`` (punctuation and clause words end it)."""
    lo = index
    while lo > 0:
        tok = toks[lo - 1]
        if (tok.kind == "sym" and tok.text in _BOUNDARY_SYMS) or tok.text.lower() in profile.clause_words:
            break
        lo -= 1
    hi = index
    while hi < len(toks):
        tok = toks[hi]
        if (tok.kind == "sym" and tok.text in _BOUNDARY_SYMS) or tok.text.lower() in profile.clause_words:
            break
        hi += 1
    return lo, hi


def subject_of(
    toks: Sequence[Tok],
    quantity: Quantity,
    object_index: int,
    mentions: Sequence[Mention],
    profile: Profile,
    morph: Morphology | None,
) -> str | None:
    """Entity the quantity is about, named in the same clause.

    First a name right after the counted noun or the span ("23 państwa NATO"); else the
    nearest name before the number in the clause that heads its own phrase. A name right
    after another noun is that noun's attribute ("partnerstwa NATO") and is passed over.
    """
    if not mentions:
        return None
    names = [m for m in mentions if m.label in _ENTITY_LABELS]
    after = object_index + 1 if object_index >= 0 else quantity.tail
    if after < len(toks):
        for m in names:
            if m.start == toks[after].start:
                return m.entity_id
    first = next((k for k, t in enumerate(toks) if t.start >= quantity.start), len(toks))
    lo, _ = _clause(toks, first, profile)
    clause_start = toks[lo].start if lo < len(toks) else quantity.start
    best: Mention | None = None
    for m in names:
        if clause_start <= m.start and m.end <= quantity.start:
            k = next((k for k, t in enumerate(toks) if t.start >= m.start), 0) - 1
            while k >= lo and _is_adjective(toks[k], morph):
                k -= 1  # "państwa członkowskie NATO": the adjective belongs to the noun before
            if k >= lo and _is_noun(toks[k], morph):
                continue
            if best is None or m.start > best.start:
                best = m
    return best.entity_id if best else None


def _is_noun(tok: Tok, morph: Morphology | None) -> bool:
    if tok.kind != "word":
        return False
    if morph is None:
        return tok.text.islower() and tok.text not in EN_STOPWORDS
    return any(it.pos in ("subst", "depr") for it in morph.analyse(tok.text))


def _is_adjective(tok: Tok, morph: Morphology | None) -> bool:
    if tok.kind != "word" or morph is None:
        return False
    interps = morph.analyse(tok.text)
    return any(it.pos in ("adj", "ppas", "pact") for it in interps) and not any(
        it.pos in ("subst", "depr") for it in interps
    )
