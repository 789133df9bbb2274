"""Readings of one word of a name: what it can be (noun or agreeing adjective, in which
cases, numbers, genders) and what its nominative is.

A reading comes from Morfeusz (``dict``), from the suffix rules for unknown words
(``rule``, :mod:`newsetl.extract.entities.lemma_rules`), or is the fallback of keeping
the word as it is (``keep``: indeclinable or already nominative). Scores rank readings;
:mod:`newsetl.extract.entities.base_form` combines them into a phrase.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from newsetl.extract.entities.lemma_freq import lemma_frequencies, zipf
from newsetl.extract.entities.lemma_rules import guesses
from newsetl.morph import Interp, Morphology

CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
ALL_CASES = frozenset(CASES)
ALL_GENDERS = frozenset({"m1", "m2", "m3", "f", "n"})
MASCULINE = frozenset({"m1", "m2", "m3"})
ALL_NUMBERS = frozenset({"sg", "pl"})

NOUN_POS = frozenset({"subst", "depr"})
ADJ_POS = frozenset({"adj", "ppas", "pact"})
# Tokens that neither inflect nor end the inflected part of a name: numbers
# ("Jan Paweł II"), abbreviations ("ul.", "św."), initials.
NEUTRAL_POS = frozenset({"romandig", "dig", "brev"})

PERSON_QUALIFIERS = frozenset({"imię", "nazwisko"})
LABEL_QUALIFIERS: dict[str, frozenset[str]] = {
    "persName": PERSON_QUALIFIERS,
    "placeName": frozenset({"nazwa_geograficzna", "człon_nazwy_geograficznej"}),
    "geogName": frozenset({"nazwa_geograficzna", "człon_nazwy_geograficznej"}),
    "orgName": frozenset({"nazwa_organizacji", "nazwa_własna"}),
}
PROPER_QUALIFIERS = frozenset().union(*LABEL_QUALIFIERS.values()) | frozenset({"nazwa_własna", "człon_nazwiska_(herb)"})

# Scores of the fallback of keeping a word unchanged (see :func:`readings`).
KEEP_UNKNOWN_CONSONANT_NOM = 1.3  # "Mark", "Josep": a bare consonant stem is nominative
KEEP_UNKNOWN_VOWEL = 0.8  # "Rutte": indeclinable, fits any case
KEEP_UNKNOWN_WITH_ENDING_NOM = 0.6  # "Blinkena": could be nominative, the ending says not
KEEP_OTHER_CASE = 0.3
KEEP_KNOWN_NOM = 0.5  # Morfeusz knows the word but only in readings we distrust
DICT_SCORE = 2.0
QUALIFIER_BONUS = 1.0
POSITION_BONUS = 0.5
PERSON_IN_OTHER_PENALTY = 0.5
PLURAL_PENALTY = 0.5
GEO_MASCULINE_BONUS = 0.1
PLURAL_PENALTY_PERSON = 1.0
ADJ_PLURAL_PENALTY = 0.1  # "łódzkie" alone: neuter singular rather than plural
DEPR_PENALTY = 2.0
FOREIGN_FORENAME_SCORE = 4.5
FREQ_WEIGHT = 0.2  # per Zipf unit: a tie-breaker, weaker than a matching qualifier
ETHNONYM_BONUS = 0.8  # NKJP labels inhabitants ("Polaków", "Anglicy") as placeName


class Features(NamedTuple):
    pos: str
    numbers: frozenset[str]
    cases: frozenset[str]
    genders: frozenset[str]
    pt: bool  # plurale tantum ("Stany", "Chiny"): the base form stays plural
    rest: tuple[str, ...]  # degree, aspect, negation: kept when generating


class Reading(NamedTuple):
    kind: str  # "noun" | "adj"
    source: str  # "dict" | "rule" | "keep"
    output: str  # nominative (noun) or lemma to generate from (dict adjective)
    cases: frozenset[str]
    numbers: frozenset[str]
    genders: frozenset[str]
    pt: bool
    score: float
    pos: str = ""
    rest: tuple[str, ...] = ()
    geo: bool = False  # Morfeusz marks it a geographical name


@lru_cache(maxsize=4096)
def features(tag: str) -> Features:
    """Parse an NKJP tag of a noun or adjective ("subst:sg.pl:nom.gen:m1")."""
    parts = tag.split(":")
    pos = parts[0]
    if len(parts) < 4:
        return Features(pos, frozenset(), frozenset(), frozenset(), False, ())
    numbers = frozenset(parts[1].split("."))
    cases = frozenset(parts[2].split("."))
    genders = frozenset(parts[3].split("."))
    rest = tuple(parts[4:])
    return Features(pos, numbers, cases, genders, "pt" in rest, rest)


def match_case(surface: str, out: str) -> str:
    """Give ``out`` the capitalisation pattern of ``surface`` ("SOJUSZU" → "SOJUSZ")."""
    if not out or not surface:
        return out
    if surface.isupper() and len(surface) > 1 and sum(ch.isalpha() for ch in surface) > 1:
        return out.upper()
    if surface[0].isupper():
        return out[0].upper() + out[1:]
    if surface[0].islower() and out[0].isupper() and not out.isupper():
        return out[0].lower() + out[1:]
    return out


def _whole_word(word: str, morph: Morphology) -> tuple[Interp, ...]:
    """Interpretations covering all of ``word`` (not just its first segment)."""
    return tuple(i for i in morph.analyse(word) if i.orth == word)


def is_unknown(word: str, morph: Morphology) -> bool:
    return all(i.tag == "ign" for i in morph.analyse(word))


def word_kind(word: str, label: str, morph: Morphology) -> str:
    """``content``, ``neutral`` (kept, phrase goes on), ``coord`` (i/oraz) or ``stop``."""
    if not any(ch.isalnum() for ch in word):
        return "neutral"
    if len(word) == 1 and word.isupper():
        return "neutral"  # an initial: "J. Kowalski"
    interps = morph.analyse(word)
    if word.isdigit():
        return "neutral"
    if word[0].islower():
        if word in ("i", "oraz"):
            return "coord"
        if all(i.tag == "ign" for i in interps):
            return "neutral"  # foreign particles: "van", "al", "bin"
    poses = {i.pos for i in interps}
    if poses & (NOUN_POS | ADJ_POS) or "ign" in poses:
        return "content"
    if poses & NEUTRAL_POS:
        return "neutral"
    if label == "persName" and word[0].islower():
        return "neutral"  # "Leonardo da Vinci", "Ludwig van Beethoven"
    if word[0].isupper():
        return "content"  # a capitalised word Morfeusz reads only as, say, a verb
    return "stop"


def _short_all_caps(word: str) -> bool:
    """Two to five characters, every cased one a capital ("WSI", "F-16")."""
    return 2 <= len(word) <= 5 and word.isupper()


def _dict_score(interp: Interp, feats: Features, label: str, first: bool, last: bool) -> float:
    score = DICT_SCORE
    quals = set(interp.qualifiers)
    if quals & LABEL_QUALIFIERS.get(label, frozenset()):
        score += QUALIFIER_BONUS
    elif label != "persName" and quals & PERSON_QUALIFIERS:
        score -= PERSON_IN_OTHER_PENALTY  # "Rady" is rada, not the surname Rado
    if label in ("placeName", "geogName") and "nazwa_geograficzna" in quals:
        # Morfeusz lists many villages: between a town in -ów/-gard (masculine) and a
        # homonymous village (Tarnowa, Pruszkowo, Śląsko), the masculine is the likelier
        if "m3" in feats.genders:
            score += GEO_MASCULINE_BONUS
        elif "ncol" in feats.rest:
            score -= GEO_MASCULINE_BONUS
    if label == "orgName" and not quals & LABEL_QUALIFIERS["orgName"] and ("nazwa_geograficzna" in quals):
        score -= PERSON_IN_OTHER_PENALTY  # "Radzie" is rada, not the village Radzie
    if "człon_nazwy_geograficznej" in quals and not (first and last):
        score += POSITION_BONUS  # "Stanów" in "Stanów Zjednoczonych" is Stany
    if label == "persName":
        if "imię" in quals and not last:
            score += POSITION_BONUS
        if "nazwisko" in quals and last and not first:
            score += POSITION_BONUS
    ethnonym = (
        label == "placeName"
        and feats.genders == frozenset({"m1"})
        and interp.lemma[:1].isupper()
        and not quals & PERSON_QUALIFIERS
    )
    if ethnonym:
        score += ETHNONYM_BONUS
    elif feats.pos in NOUN_POS and feats.numbers == frozenset({"pl"}) and not feats.pt:
        # names are rarely plural: "Rady" is rather a genitive than a plural
        score -= PLURAL_PENALTY_PERSON if label == "persName" else PLURAL_PENALTY
    if feats.pos == "depr":
        score -= DEPR_PENALTY
    return score


def _rule_readings(word: str, label: str, scale: float) -> list[Reading]:
    person = label == "persName"
    place = label in ("placeName", "geogName")
    out = []
    for guess in guesses(word, person, place):
        if guess.paradigm == "mc":
            genders = MASCULINE
        elif guess.paradigm == "ad":
            genders = frozenset({"f", "m1"})
        else:
            genders = frozenset({"f"}) if guess.nominative.endswith("a") else MASCULINE
        kind = "adj" if guess.paradigm == "adj" and not person else "noun"
        out.append(
            Reading(kind, "rule", guess.nominative, guess.cases, frozenset({"sg"}), genders, False, guess.score * scale)
        )
    return out


def _keep_readings(word: str, unknown: bool, has_rules: bool) -> list[Reading]:
    others = ALL_CASES - {"nom"}
    if not unknown:
        nom_score, other_score = KEEP_KNOWN_NOM, KEEP_OTHER_CASE
    elif has_rules:
        nom_score, other_score = KEEP_UNKNOWN_WITH_ENDING_NOM, KEEP_OTHER_CASE
    elif word[-1:].isalpha() and word[-1].lower() not in "aeiouyąęó":
        nom_score, other_score = KEEP_UNKNOWN_CONSONANT_NOM, KEEP_OTHER_CASE
    else:
        nom_score = other_score = KEEP_UNKNOWN_VOWEL
    return [
        Reading("noun", "keep", word, frozenset({"nom"}), ALL_NUMBERS, ALL_GENDERS, False, nom_score),
        Reading("noun", "keep", word, others, ALL_NUMBERS, ALL_GENDERS, False, other_score),
    ]


def _apostrophe_readings(word: str) -> list[Reading]:
    """ "Price'a" → "Price", "McDonald'sa" → "McDonald's": the ending follows an apostrophe."""
    stem, _, ending = word.rpartition("'")
    cases = {
        "a": ("gen", "acc"),
        "owi": ("dat",),
        "em": ("inst",),
        "m": ("inst", "loc"),
        "ie": ("loc",),
        "u": ("loc", "gen"),
        "ego": ("gen", "acc"),
        "emu": ("dat",),
        "y": ("gen",),
        "ę": ("acc",),
        "ą": ("inst",),
    }.get(ending.lower())
    if not stem or cases is None:
        return []
    return [Reading("noun", "rule", stem, frozenset(cases), frozenset({"sg"}), ALL_GENDERS, False, 1.5)]


def _acronym_readings(word: str) -> list[Reading]:
    """ "SLD-owi" → "SLD": a Polish ending hyphenated to an acronym."""
    stem, _, ending = word.rpartition("-")
    cases = {
        "u": ("gen", "loc", "dat"),
        "owi": ("dat",),
        "em": ("inst",),
        "ie": ("loc",),
        "a": ("gen", "acc"),
        "y": ("gen",),
        "ę": ("acc",),
        "ą": ("inst",),
        "ów": ("gen",),
    }.get(ending)
    if sum(ch.isupper() for ch in stem) < 2 or cases is None:
        return []
    return [Reading("noun", "rule", stem, frozenset(cases), frozenset({"sg"}), ALL_GENDERS, False, 1.5)]


@lru_cache(maxsize=20_000)
def readings(word: str, label: str, first: bool, last: bool, foreign: bool, morph: Morphology) -> tuple[Reading, ...]:
    """All readings of one content word of a ``label`` mention.

    ``first``/``last``: position among the mention's content words (a forename comes
    first, a surname last). ``foreign``: another word of the person's name is unknown to
    Morfeusz, which makes an English forename likelier than a Polish one ("Markiem
    Rutte" is Mark, "Markiem Kowalskim" is Marek).
    """
    out: list[Reading] = []
    interps = _whole_word(word, morph)
    if _short_all_caps(word):
        # "WSI" is an acronym, not the genitive of "wieś"; keep only acronym lemmas
        interps = tuple(i for i in interps if i.lemma.isupper())
    unknown = not interps or all(i.tag == "ign" for i in interps)
    proper_reading = False
    good_reading = False  # a singular, non-depreciative noun or adjective reading
    for interp in interps:
        feats = features(interp.tag)
        if feats.pos not in NOUN_POS and feats.pos not in ADJ_POS:
            continue
        if not feats.cases:
            continue
        score = _dict_score(interp, feats, label, first, last)
        good_reading |= feats.pos != "depr" and "sg" in feats.numbers
        if feats.pos in NOUN_POS:
            proper_reading |= bool(set(interp.qualifiers) & PROPER_QUALIFIERS)
            out.append(
                Reading(
                    "noun",
                    "dict",
                    interp.lemma,
                    feats.cases,
                    feats.numbers,
                    feats.genders,
                    feats.pt,
                    score,
                    geo="nazwa_geograficzna" in interp.qualifiers,
                )
            )
        else:
            if feats.numbers == frozenset({"pl"}):
                score -= ADJ_PLURAL_PENALTY
            out.append(
                Reading(
                    "adj",
                    "dict",
                    interp.lemma,
                    feats.cases,
                    feats.numbers,
                    feats.genders,
                    False,
                    score,
                    feats.pos,
                    feats.rest,
                )
            )
    if "'" in word or "’" in word:
        out.extend(_apostrophe_readings(word.replace("’", "'")))
    if "-" in word:
        out.extend(_acronym_readings(word))
    capital = word[:1].isupper()
    if unknown and _short_all_caps(word):
        out.append(Reading("noun", "keep", word, ALL_CASES, ALL_NUMBERS, ALL_GENDERS, False, KEEP_UNKNOWN_VOWEL))
    elif unknown:
        rules = _rule_readings(word, label, 1.0)
        out.extend(rules)
        out.extend(_keep_readings(word, True, bool(rules)))
    elif capital:
        if not good_reading and not proper_reading:
            # A capitalised word read only as, say, a depreciative plural ("Kaidy" of
            # "kaid") may be a name Morfeusz lacks: let the suffix rules compete.
            out.extend(_rule_readings(word, label, 0.8))
        if foreign and label == "persName":
            out.extend(_foreign_forename(word, label, interps))
        if not good_reading or label == "persName":
            # Morfeusz knows the word only in readings unlikely for a name ("Antony" as
            # the depreciative plural of Anton), or a foreign name is spelled like a
            # Polish form ("Mary" ~ Mara): it may be a nominative Morfeusz lacks.
            out.extend(_keep_readings(word, False, False)[:1])
    place = label in ("placeName", "geogName")
    guessing = unknown or (capital and not good_reading and not proper_reading)
    return tuple(_with_frequency(out, morph, guessing, place))


def _with_frequency(out: list[Reading], morph: Morphology, unknown: bool, place: bool) -> list[Reading]:
    """Add :data:`FREQ_WEIGHT` × a Zipf frequency to the readings where frequency is a
    trustworthy tie-breaker: places in place names (Łódź over the village Łodzia, by the
    forms the competing lemmas do not share) and the guesses for unknown words ("Obama" is common,
    "Obam" is not) — or for capitalised words Morfeusz knows only as something else
    ("Zara", an adverb to Morfeusz, is more common than "Zar"). Other readings get
    nothing: for people's names and common nouns the frequency of a form mostly measures
    its homonyms ("Le" as a French article)."""
    geo = {r.output for r in out if r.source == "dict" and r.kind == "noun" and r.geo and place}
    freqs: dict[str, float] = {}
    if geo:
        nouns = [r.output for r in out if r.source == "dict" and r.kind == "noun"]
        freqs = lemma_frequencies(nouns, morph)
    scored = []
    for r in out:
        if r.source == "dict" and r.geo and place:
            freq = freqs[r.output]
        elif unknown and r.source in ("rule", "keep"):
            freq = zipf(r.output.lower())
        else:
            freq = 0.0
        scored.append(r._replace(score=r.score + FREQ_WEIGHT * freq) if freq else r)
    return scored


def _foreign_forename(word: str, label: str, interps: tuple[Interp, ...]) -> list[Reading]:
    """ "Markiem" next to an unknown surname: Mark (k + iem) rather than Marek.

    Only the mobile-e alternation is considered (Marek/Mark, Jacek/Jack, Franek/Frank):
    it is the one place where a Polish forename's inflected form is also the regular
    inflected form of an English one.
    """
    lemmas = {i.lemma for i in interps if "imię" in i.qualifiers}
    out = []
    for reading in _rule_readings(word, label, 1.0):
        nom = reading.output
        mobile = nom[:-1] + "e" + nom[-1:]
        if len(nom) >= 3 and nom[-1:] in ("k", "g") and mobile in lemmas:
            out.append(reading._replace(score=FOREIGN_FORENAME_SCORE))
    return out


@lru_cache(maxsize=10_000)
def noun_nominative(lemma: str, numbers: frozenset[str], genders: frozenset[str], morph: Morphology) -> str:
    """The nominative of a noun in the number it was used in: the lemma for the singular
    (and for pluralia tantum, whose lemma is plural), else the nominative plural
    ("Zakładów" → "Zakłady", "Kaczyńskich" → "Kaczyńscy")."""
    if numbers != frozenset({"pl"}):
        return lemma
    for form in morph.forms(lemma):
        feats = features(form.tag)
        if feats.pos == "subst" and "pl" in feats.numbers and "nom" in feats.cases and feats.genders & genders:
            return form.orth
    return lemma


@lru_cache(maxsize=10_000)
def adjective_nominative(
    lemma: str, pos: str, rest: tuple[str, ...], number: str, gender: str, morph: Morphology
) -> str | None:
    """The nominative of an adjective (or participle) agreeing with number and gender.

    ``rest`` (degree for adjectives, aspect and negation for participles) is kept, so
    "Najwyższego" gives "najwyższy", not "wysoki".
    """
    for form in morph.forms(lemma):
        feats = features(form.tag)
        if (
            feats.pos == pos
            and "nom" in feats.cases
            and number in feats.numbers
            and gender in feats.genders
            and feats.rest == rest
        ):
            return form.orth
    return None
