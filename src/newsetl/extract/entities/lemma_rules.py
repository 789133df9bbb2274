"""Suffix rules for names Morfeusz does not know ("Blinkenem", "Borrellu", "Obamy").

Foreign names are inflected the Polish way: a consonant-final masculine name takes the
hard-stem noun endings (Blinken → Blinkena, Blinkenowi, Blinkenem, Blinkenie), an
``-a`` name takes the feminine ones (Obama → Obamy, Obamie, Obamę, Obamą), names ending
in ``-e/-i/-y`` take adjectival endings (Rutte → Ruttego, Antony → Antonym). The same
table is read in both directions: :func:`guesses` strips an ending to propose the
nominative, :func:`rule_forms` adds the endings to a nominative, which the mentions
glue uses to weigh document evidence ("Blinken" attested → "Blinkena" is its genitive).

Every rule is a guess; scores rank them against each other and against keeping the word
as it is (see :mod:`newsetl.extract.entities.lemma_words`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

VOWELS = frozenset("aeiouyąęóáéíúàèìòùäëïöüâêîôûãõåæøœ")

# Endings after which the masculine locative/dative is "-u" rather than the softened
# "-ie" (velars and historically soft consonants): o Bushu, o Borrellu, o Kowalczyku.
_U_LOCATIVE_FINALS = ("k", "g", "ch", "sh", "l", "j", "sz", "cz", "rz", "ż", "c", "dz", "x")


class Rule(NamedTuple):
    oblique: str  # ending of the inflected form
    nominative: str  # ending of the nominative that replaces it
    cases: frozenset[str]
    paradigm: str  # "mc" masculine consonant stem, "ad" -a declension, "adj" adjectival
    score: float
    persons_only: bool = False  # plural/family endings make sense for people only
    places_only: bool = False  # "-owa" → "-ów" is a Polish place-name pattern
    others_only: bool = False  # not for people


def _c(*cases: str) -> frozenset[str]:
    return frozenset(cases)


# Stems of adjectival surnames (-ska, -dzka): a final "a" there is a feminine nominative,
# not a genitive ending. "-cka" is left out: "Baracka" is Barack's genitive.
_ADJECTIVAL_STEMS = ("sk", "dzk")

# Masculine locative with consonant softening, written as (oblique, nominative) pairs;
# longest oblique endings first so "ście" wins over "cie".
_SOFTENING = (
    ("ździe", "zd"),
    ("ście", "st"),
    ("dzie", "d"),
    ("cie", "t"),
    ("nie", "n"),
    ("rze", "r"),
    ("sie", "s"),
    ("zie", "z"),
    ("wie", "w"),
    ("pie", "p"),
    ("bie", "b"),
    ("mie", "m"),
    ("fie", "f"),
    ("le", "ł"),
)
# The same softening on feminine -a nouns (dative/locative), plus velars k→c, g→dz, ch→sz.
# (The velar alternations k→c, g→dz, ch→sz are left out: unknown words ending in "-ce"
# are mostly foreign nominatives: Beyonce, Joyce.)
_A_SOFTENING = tuple((obl, nom + "a") for obl, nom in _SOFTENING)

RULES: tuple[Rule, ...] = (
    # masculine, consonant stem
    Rule("a", "", _c("gen", "acc"), "mc", 1.2, persons_only=True),
    Rule("a", "", _c("gen"), "mc", 1.2, others_only=True),  # inanimate: acc = nom
    Rule("owi", "", _c("dat"), "mc", 1.3),
    Rule("iem", "", _c("inst"), "mc", 1.3),  # Markiem ← Mark (k/g + iem), checked below
    Rule("em", "", _c("inst"), "mc", 1.3),
    Rule("u", "", _c("loc", "voc", "gen", "dat"), "mc", 1.2),
    *(Rule(obl, nom, _c("loc", "voc"), "mc", 1.2) for obl, nom in _SOFTENING),
    Rule("owie", "", _c("nom", "voc"), "mc", 1.1, persons_only=True),
    Rule("ów", "", _c("gen", "acc"), "mc", 1.1, persons_only=True),
    Rule("om", "", _c("dat"), "mc", 1.1, persons_only=True),
    Rule("ami", "", _c("inst"), "mc", 1.1, persons_only=True),
    Rule("ach", "", _c("loc"), "mc", 1.1, persons_only=True),
    # Polish place names in -ów: Domatowa ← Domatów, w Ostaszkowie ← Ostaszków
    Rule("owa", "ów", _c("gen"), "mc", 1.25, places_only=True),
    Rule("owie", "ów", _c("loc"), "mc", 1.25, places_only=True),
    Rule("owem", "ów", _c("inst"), "mc", 1.25, places_only=True),
    Rule("owowi", "ów", _c("dat"), "mc", 1.25, places_only=True),
    # feminine (and masculine) -a declension
    Rule("ii", "ia", _c("gen", "dat", "loc"), "ad", 1.3),  # Eumachii ← Eumachia
    Rule("ji", "ja", _c("gen", "dat", "loc"), "ad", 1.3),
    Rule("ię", "ia", _c("acc"), "ad", 1.3),
    Rule("ią", "ia", _c("inst"), "ad", 1.3),
    Rule("y", "a", _c("gen"), "ad", 1.2),
    Rule("i", "a", _c("gen", "dat", "loc"), "ad", 1.1),  # after k, g, l, j: Tesli ← Tesla
    Rule("ę", "a", _c("acc"), "ad", 1.3),
    Rule("ą", "a", _c("inst"), "ad", 1.3),
    *(Rule(obl, nom, _c("dat", "loc"), "ad", 1.1) for obl, nom in _A_SOFTENING),
    # adjectival declension: -ski/-cki surnames and names in -e, -i, -y
    Rule("skiego", "ski", _c("gen", "acc"), "adj", 1.4),
    Rule("ckiego", "cki", _c("gen", "acc"), "adj", 1.4),
    Rule("skiemu", "ski", _c("dat"), "adj", 1.4),
    Rule("ckiemu", "cki", _c("dat"), "adj", 1.4),
    Rule("skim", "ski", _c("inst", "loc"), "adj", 1.4),
    Rule("ckim", "cki", _c("inst", "loc"), "adj", 1.4),
    Rule("skiej", "ska", _c("gen", "dat", "loc"), "adj", 1.4),
    Rule("ckiej", "cka", _c("gen", "dat", "loc"), "adj", 1.4),
    Rule("ską", "ska", _c("acc", "inst"), "adj", 1.4),
    Rule("owej", "owa", _c("gen", "dat", "loc"), "adj", 1.3),  # Lichoniowej ← Lichoniowa
    Rule("ową", "owa", _c("acc", "inst"), "adj", 1.3),
    Rule("cką", "cka", _c("acc", "inst"), "adj", 1.4),
    # people's names in -e, -i, -y (Rutte → Ruttego, Berlusconi → Berlusconiego, Antony
    # → Antonym); for places "-emu", "-ym" are rather noun endings (Harlemu ← Harlem)
    Rule("iego", "i", _c("gen", "acc"), "adj", 1.3, persons_only=True),
    Rule("yego", "y", _c("gen", "acc"), "adj", 1.3, persons_only=True),
    Rule("ego", "e", _c("gen", "acc"), "adj", 1.25, persons_only=True),
    Rule("iemu", "i", _c("dat"), "adj", 1.3, persons_only=True),
    Rule("yemu", "y", _c("dat"), "adj", 1.3, persons_only=True),
    Rule("emu", "e", _c("dat"), "adj", 1.25, persons_only=True),
    Rule("im", "i", _c("inst", "loc"), "adj", 1.2, persons_only=True),
    Rule("ym", "y", _c("inst", "loc"), "adj", 1.2, persons_only=True),
)

# Longest oblique first so that e.g. "skiego" is tried before "ego" and "iego".
_RULES_BY_LENGTH = tuple(sorted(RULES, key=lambda r: -len(r.oblique)))


class Guess(NamedTuple):
    nominative: str
    cases: frozenset[str]
    paradigm: str
    score: float


def _ends_in_consonant(stem: str) -> bool:
    """Final letter is a consonant; "y" after a vowel counts (Heaney → Heaneya, Stanleya)."""
    if not stem or not stem[-1].isalpha():
        return False
    last = stem[-1].lower()
    if last == "y" and len(stem) > 1 and stem[-2].lower() in VOWELS:
        return True
    return last not in VOWELS


def _stem_ok(rule: Rule, stem: str, person: bool) -> bool:
    """Whether ``stem`` (the word minus the rule's oblique ending) can carry the rule."""
    if len(stem) < 2 or not stem[-1].isalpha():
        return False
    last = stem.lower()
    if rule.oblique.endswith("le") and rule.nominative.startswith("ł") and last[-1:] not in VOWELS:
        return False  # ł → le after a vowel (Michale ← Michał); "Pigalle" is no locative
    if rule.paradigm == "mc":
        nominative = stem + rule.nominative
        if not _ends_in_consonant(nominative):
            return False
        if rule.oblique == "iem":
            return last.endswith(("k", "g"))
        if rule.oblique == "em":
            return not last.endswith(("k", "g"))  # those take -iem
        if rule.oblique == "u" and person:
            return last.endswith(_U_LOCATIVE_FINALS)
        if rule.oblique == "a":
            # "Obłońska", "Kowalczykowa": feminine adjectival surnames are nominatives
            return not last.endswith(_ADJECTIVAL_STEMS)
        return True
    if rule.paradigm == "ad":
        if rule.oblique == "y":
            return _ends_in_consonant(stem) and not last.endswith(("k", "g", "l", "j"))
        if rule.oblique == "i":
            # "Tesli" ← Tesla, but "Zełenski" is not a form of "Zełenska"; foreign
            # people's names in "-ki", "-gi" are nominatives (Michuki)
            finals = ("l",) if person else ("k", "g", "l")
            return last.endswith(finals) and not last.endswith(("sk", "ck", "dzk"))
        if rule.oblique in ("ę", "ą"):
            return _ends_in_consonant(stem) or last.endswith("i")
        return _ends_in_consonant(stem)
    # adjectival: "Ruttego" → "Rutte" needs a consonant before "ego"
    if rule.nominative == "e":
        return _ends_in_consonant(stem) and not last.endswith(("sk", "ck"))
    if rule.nominative in ("i", "y") and rule.oblique in ("im", "ym"):
        return _ends_in_consonant(stem) and not last.endswith(("sk", "ck"))
    return True


def _applies(rule: Rule, person: bool, place: bool) -> bool:
    if (rule.persons_only and not person) or (rule.others_only and person):
        return False
    return not (rule.places_only and not place)


def _plausible(nominative: str) -> bool:
    """A guessed nominative has at least three letters and a vowel ("Kwach" is not "Kw")."""
    return len(nominative) >= 3 and any(ch.lower() in VOWELS for ch in nominative)


@lru_cache(maxsize=10_000)
def guesses(word: str, person: bool, place: bool) -> tuple[Guess, ...]:
    """Nominatives that ``word`` could be an inflected form of, by suffix alone.

    ``person``/``place`` enable the rules specific to people's and places' names.
    The word's own surface is never among them (keeping it is the caller's option).
    """
    out: list[Guess] = []
    lower = word.lower()
    for rule in _RULES_BY_LENGTH:
        if not _applies(rule, person, place) or not lower.endswith(rule.oblique):
            continue
        stem = word[: len(word) - len(rule.oblique)]
        if not _stem_ok(rule, stem, person):
            continue
        nominative = stem + rule.nominative
        if nominative != word and _plausible(nominative):
            out.append(Guess(nominative, rule.cases, rule.paradigm, rule.score))
    # For people, "-u" is the locative only after the consonants listed above, but for
    # institutions and places it is also the genitive of any hard stem (Donbasu, Hamasu).
    if not person and lower.endswith("u") and len(word) > 3 and _ends_in_consonant(word[:-1]):
        stem = word[:-1]
        if all(g.nominative != stem for g in out):
            out.append(Guess(stem, frozenset({"gen", "loc", "dat", "voc"}), "mc", 1.2))
    return tuple(out)


@lru_cache(maxsize=10_000)
def rule_forms(nominative: str, person: bool, place: bool) -> frozenset[str]:
    """The inflected forms the rules would derive ``nominative`` from (itself included)."""
    forms = {nominative}
    lower = nominative.lower()
    for rule in RULES:
        if not _applies(rule, person, place) or not lower.endswith(rule.nominative):
            continue
        stem = nominative[: len(nominative) - len(rule.nominative)]
        if _stem_ok(rule, stem, person):
            forms.add(stem + rule.oblique)
    if not person and _ends_in_consonant(nominative):
        forms.add(nominative + "u")
    return frozenset(forms)
