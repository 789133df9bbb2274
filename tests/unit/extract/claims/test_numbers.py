"""Reading numbers: digit notations, numerals in words (any case), whole phrases."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from newsetl.extract.claims import digits_value, value_of, value_of_words
from newsetl.extract.claims.lexicon_pl import FOLDED_NUMERALS, NUMERALS
from newsetl.morph import Morphology


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # nominative, genitive, dative, instrumental, locative, collective
        ("dwadzieścia trzy", 23),
        ("dwudziestu trzech", 23),
        ("dwudziestu trzem", 23),
        ("dwudziestoma trzema", 23),
        ("czterech", 4),
        ("czterema", 4),
        ("czworo", 4),
        ("pięciorga", 5),
        ("trzystu", 300),
        ("trzechset", 300),
        ("pięciuset", 500),
        ("dwustu dziewięćdziesięciu trzech", 293),
        ("stu dwudziestu ośmiu", 128),
        ("jedenastu", 11),
        ("dwunastoma", 12),
        ("tysiąc", 1000),
        ("tysiąca", 1000),
        ("pięć tysięcy", 5000),
        ("dwa tysiące", 2000),
        ("dwadzieścia jeden tysięcy i jedenaście", 21011),
        ("miliardów", None),  # a plural scale word alone is vague ("miliardy złotych")
        ("sześćdziesiąt pięć milionów", 65_000_000),
        ("trzydzieści jeden milionów dwieście pięćdziesiąt sześć tysięcy siedemset dwadzieścia jeden", 31_256_721),
        ("pół", 0.5),
        ("półtora", 1.5),
        ("półtorej", 1.5),
        ("pół miliona", 500_000),
        ("półtora miliarda", 1_500_000_000),
        ("dwa i pół miliona", 2_500_000),
        ("dwie trzecie", 2 / 3),
        ("jedna piąta", 0.2),
        ("dziewiecdziesieciu dwom", 92),  # typed without diacritics
        ("pięć sześć", None),  # two numbers, not one
        ("tysiąc milionów", None),
        ("kilka", None),  # vague quantifiers are not numerals
        ("setki", None),
        ("wiele", None),
    ],
)
def test_polish_words(words: str, expected: float | None) -> None:
    got = value_of_words(words.split(), "pl")
    assert got == pytest.approx(expected) if expected is not None else got is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("twenty - one", 21),  # tokens: the hyphen is a token of its own
        ("a hundred and two", 102),
        ("one hundred and two", 102),
        ("three million , two hundred & forty", 3_000_240),
        ("one thousand", 1000),
        ("two thirds", 2 / 3),
        ("one - half", 0.5),
        ("two and a half", 2.5),
        ("several", None),
        ("hundred", None),  # "several hundred" is vague; "a hundred" is 100
    ],
)
def test_english_words(words: str, expected: float | None) -> None:
    got = value_of_words(words.split(), "en")
    assert got == pytest.approx(expected) if expected is not None else got is None


@pytest.mark.parametrize(
    ("surface", "lang", "expected"),
    [
        ("1,5", "pl", (1.5, "decimal")),
        ("20000", "pl", (20000, "int")),
        ("1.500.000", "pl", (1_500_000, "grouped")),
        ("1.500", "pl", (1500, "grouped")),  # a Polish dot groups thousands
        ("1.500.000,25", "pl", (1_500_000.25, "grouped")),
        ("1500,5", "pl", (1500.5, "decimal")),
        ("1,200,000", "pl", (1_200_000, "english")),  # cannot be a Polish decimal
        ("12.30", "pl", (12.3, "point")),  # a time or a sloppy decimal: trusted only before a unit
        ("0033", "pl", (33, "lead0")),
        ("12.03.2024", "pl", None),
        ("1,500", "en", (1500, "grouped")),
        ("2.5", "en", (2.5, "decimal")),
        ("4e14", "en", (4e14, "sci")),
        ("1/40", "en", (0.025, "fraction")),
        ("1/0", "en", None),
    ],
)
def test_digits(surface: str, lang: str, expected: tuple[float, str] | None) -> None:
    got = digits_value(surface, lang)
    if expected is None:
        assert got is None
    else:
        assert got is not None and got[1] == expected[1] and got[0] == pytest.approx(expected[0])


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("20 000", 20000),
        ("1 500,5", 1500.5),
        ("2,5 mln", 2_500_000),
        ("20 tys.", 20000),
        ("3 mld", 3e9),
        ("1 bln", 1e12),
        ("5 tysięcy", 5000),
        ("1,5 miliona", 1_500_000),
        ("minus 1,200,000", -1_200_000),
        ("-1200K", -1_200_000),
        ("pięć tysięcy", 5000),
        ("nic", None),
        ("piętnasta", None),  # an ordinal
    ],
)
def test_phrases(phrase: str, expected: float | None) -> None:
    got = value_of(phrase, "pl")
    assert got == pytest.approx(expected) if expected is not None else got is None


# Lemmas whose every form Morfeusz generates must be in the table with the lemma's value;
# archaic forms ("siedm", "ośm") and the plural pronoun-like forms of "jeden" ("jedni",
# "jedne": "some") and of "zero" are left out on purpose.
_LEMMAS = {
    "jeden": 1,
    "dwa": 2,
    "trzy": 3,
    "cztery": 4,
    "pięć": 5,
    "sześć": 6,
    "siedem": 7,
    "osiem": 8,
    "dziewięć": 9,
    "dziesięć": 10,
    "jedenaście": 11,
    "dwanaście": 12,
    "piętnaście": 15,
    "dziewiętnaście": 19,
    "dwadzieścia": 20,
    "trzydzieści": 30,
    "czterdzieści": 40,
    "pięćdziesiąt": 50,
    "dziewięćdziesiąt": 90,
    "sto": 100,
    "dwieście": 200,
    "trzysta": 300,
    "czterysta": 400,
    "pięćset": 500,
    "siedemset": 700,
    "osiemset": 800,
    "dziewięćset": 900,
    "tysiąc": 1000,
    "milion": 1e6,
    "miliard": 1e9,
    "półtora": 1.5,
}
_LEFT_OUT = {"siedm", "ośm", "siedmset", "ośmset", "jedni", "jedne", "jednych", "jednymi"}


@pytest.mark.parametrize("lemma", sorted(_LEMMAS))
def test_table_covers_morfeusz_forms(lemma: str, morph: Morphology) -> None:
    forms = {f.orth.lower() for f in morph.forms(lemma) if f.pos in ("num", "subst", "adj")} - _LEFT_OUT
    assert forms, lemma
    missing = sorted(f for f in forms if f not in NUMERALS)
    assert not missing
    assert all(NUMERALS[f][1] == _LEMMAS[lemma] for f in forms)


def test_folded_forms_are_not_other_words(morph: Morphology) -> None:
    """A numeral typed without diacritics must not collide with a real word ("piec")."""
    for form in FOLDED_NUMERALS:
        assert all(it.tag == "ign" for it in morph.analyse(form)), form


_ENGLISH_NOTATION = re.compile(r"\d,\d{3}(?!\d)|\d\.\d|(?<!\d)\.\d|\d[KkMG]\b|(?<![\d,.])0\d")
_CARDINAL_LEMMAS = {"jeden", "tysiąc", "milion", "miliard", "minus", "i"}


def test_duckling_standard_phrases(shared_data: Path, morph: Morphology) -> None:
    """Duckling's Polish numerals written the Polish way are read right (target ≥ 98 %)."""
    data = json.loads((shared_data / "numerals" / "duckling_pl_examples.json").read_text())
    standard = wrong = 0
    for group in data["files"]["Duckling/Numeral/PL/Corpus.hs"]:
        match = re.search(r"NumeralValue \(?(-?[\d.]+)\)?", group["expected"])
        assert match is not None
        for phrase in group["phrases"]:
            words = re.findall(r"[^\W\d_]+", phrase)
            if _ENGLISH_NOTATION.search(phrase) or not all(
                any(it.pos == "num" or it.lemma in _CARDINAL_LEMMAS for it in morph.analyse(w)) for w in words
            ):
                continue
            standard += 1
            got = value_of(phrase, "pl")
            wrong += got is None or not math.isclose(got, float(match.group(1)))
    assert standard >= 30
    assert wrong / standard <= 0.02
