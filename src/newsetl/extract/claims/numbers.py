"""Values of numbers written in digits or in words (Polish and English).

* :func:`digits_value` reads one digit string and says which notation it uses, because
  the scanner trusts notations differently ("1,5" is a Polish decimal, "1.5" only
  counts before a unit, "0033" is a code).
* :func:`parse_words` reads the longest well-formed numeral at the start of a word
  sequence ("dwudziestu trzech", "a hundred and two", "trzydzieści jeden milionów …").
* :func:`value_of_words` and :func:`value_of` read a whole phrase or fail; they are the
  entry points for evaluation and tests.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import NamedTuple

from newsetl.extract.claims.profile import PROFILES, Profile
from newsetl.extract.claims.tokens import DASHES, VULGAR_FRACTIONS, tokenize

_INT = re.compile(r"\d+")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_POINT = re.compile(r"\d*\.\d+")
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][-+]?\d+")
_FRACTION = re.compile(r"(\d+)/(\d+)")


def digits_value(surface: str, lang: str) -> tuple[float, str] | None:
    """Value and notation of a digit string (no spaces; space groups are joined first).

    Notations: ``int``, ``lead0`` (leading zero: a code), ``decimal`` (the language's
    own decimal mark), ``grouped`` (thousands separators), ``point`` (a decimal point in
    Polish, where it may also be a time or a version), ``english`` (comma-grouped
    thousands in Polish text: "1,200,000" cannot be a Polish decimal), ``sci``,
    ``fraction``. ``None`` when the string is not a number (dates, "1.2.3").
    """
    if _INT.fullmatch(surface):
        return float(surface), ("lead0" if len(surface) > 1 and surface[0] == "0" else "int")
    if lang == "pl":
        if _DECIMAL_COMMA.fullmatch(surface):
            return float(surface.replace(",", ".")), "decimal"
        if _DOT_GROUPED.fullmatch(surface):
            return float(surface.replace(".", "").replace(",", ".")), "grouped"
        if _COMMA_GROUPED.fullmatch(surface) and surface.count(",") >= 2:
            return float(surface.replace(",", "")), "english"
        if _POINT.fullmatch(surface):
            return float(surface), "point"
        return None
    if _COMMA_GROUPED.fullmatch(surface):
        return float(surface.replace(",", "")), "grouped"
    if _POINT.fullmatch(surface):
        return float(surface), "decimal"
    if _SCIENTIFIC.fullmatch(surface):
        return float(surface), "sci"
    fraction = _FRACTION.fullmatch(surface)
    if fraction and int(fraction.group(2)) != 0:
        return int(fraction.group(1)) / int(fraction.group(2)), "fraction"
    return None


class WordNumber(NamedTuple):
    value: float
    consumed: int  # words read, connectors included
    scale: float  # value of the scale word it ends in ("pięć tysięcy" → 1000), else 0.0
    weak: bool  # a lone "jeden"/"one"/"zero"
    half: bool  # a lone "pół"/"półtora": needs a unit or scale to be a quantity


def parse_words(words: Sequence[str], profile: Profile) -> WordNumber | None:
    """Longest well-formed numeral at the start of ``words`` (surface strings).

    Numbers are built group by group: within a group hundreds, tens, teens and units
    must come in falling order, and each scale word must be smaller than the previous
    one, so "pięć sześć" stops after "pięć" and "tysiąc milionów" is not one number.
    """
    total = 0.0
    group = 0.0
    slot = 3  # what may still come in this group: 3 hundreds, 2 tens/teens, 1 units, 0 none
    last_scale = math.inf
    end = 0  # words consumed by the accepted prefix
    scaled = False
    i = 0
    n = len(words)
    first_class = ""
    while i < n:
        word = words[i]
        lower = word.lower()
        found = profile.numeral(word)
        if found is None:
            if i == 0 and lower in profile.articles and i + 1 < n:
                nxt = profile.numeral(words[i + 1])
                if nxt is not None and nxt[0] in ("H", "s1", "sp", "frac"):
                    group, slot, i = 1.0, 0, i + 1  # "a hundred", "a million", "a half"
                    continue
            if end and _connector_ok(words, i, profile, slot, scaled):
                i += 1
                continue
            break
        cls, value = found
        if i == 0:
            first_class = cls
        if cls == "u":
            if slot < 1 or (value == 0 and i > 0):
                break
            group += value
            slot = 0
        elif cls == "n":
            if slot < 2:
                break
            group += value
            slot = 0
        elif cls == "t":
            if slot < 2:
                break
            group += value
            slot = 1
        elif cls == "h":  # Polish hundreds are words of their own ("trzysta")
            if slot < 3:
                break
            group += value
            slot = 2
        elif cls == "H":  # English "hundred" multiplies the units before it
            if not 0 < group < 10 or group % 1:
                break  # "several hundred" is vague; "a hundred" set group to 1
            group *= 100
            slot = 2
        elif cls in ("s1", "sp"):
            if value >= last_scale or (group == 0 and cls == "sp"):
                break
            total += (group or 1.0) * value  # "pół miliona": 0.5 × scale; "milion": 1 × scale
            group, slot, last_scale = 0.0, 3, value
            scaled = True
            end = i + 1
            i += 1
            continue
        elif cls == "half":
            if i > 0:
                if group and words[i - 1].lower() in profile.connectors and slot < 3:
                    group += 0.5  # "dwa i pół"
                    slot = 0
                    end = i + 1
                    i += 1
                    continue
                break
            group = value
            slot = 0
        elif cls == "frac":  # "two thirds", "one-half", "a half"
            if not group or i == 0:
                break
            group = group / value
            end = i + 1
            break
        scaled = False
        end = i + 1
        i += 1
    if end == 0:
        return None
    if (
        profile.lang == "en"
        and end + 2 < n
        and words[end].lower() in profile.connectors
        and words[end + 1].lower() in profile.articles
        and profile.numeral(words[end + 2]) == ("frac", 2.0)
        and not scaled
    ):
        group += 0.5  # "two and a half"
        end += 3
    weak = end == 1 and words[0].lower() in profile.weak
    scale = last_scale if scaled else 0.0
    return WordNumber(total + group, end, scale, weak, first_class == "half" and not scaled)


def _connector_ok(words: Sequence[str], i: int, profile: Profile, slot: int, scaled: bool) -> bool:
    """Whether ``words[i]`` joins two parts of one numeral."""
    word = words[i].lower()
    if i + 1 >= len(words):
        return False
    nxt = profile.numeral(words[i + 1])
    if nxt is None:
        return False
    if word in profile.connectors:
        # "tysięcy i jedenaście", "hundred and two", "dwa i pół"
        return scaled or slot == 2 or nxt[0] == "half"
    if word in DASHES:
        return slot == 1 or nxt[0] == "frac"  # "twenty-one", "one-half"
    # "three million, two hundred"
    return word == "," and scaled and profile.lang == "en"


def value_of_words(words: Sequence[str], lang: str = "pl") -> float | None:
    """Value of a numeral written in words, or ``None`` unless all of ``words`` is one numeral.

    >>> value_of_words(["dwudziestu", "trzech"])
    23.0
    """
    profile = PROFILES[lang]
    parsed = parse_words(list(words), profile)
    if parsed is None or parsed.consumed != len(words):
        return None
    return parsed.value


# SI-style suffixes accepted by :func:`value_of` ("100K", "1.2M", "-.0012G").
_SUFFIX_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "G": 1e9, "B": 1e9, "bn": 1e9, "T": 1e12}


def value_of(phrase: str, lang: str = "pl") -> float | None:
    """Value of a whole numeral phrase ("2,5 mln", "minus 1,200,000", "pięć tysięcy").

    This reads a phrase that is known to be a number; deciding whether a number in
    running text is a claim (dates, ordinals, names…) is the scanner's job.
    """
    profile = PROFILES[lang]
    toks = tokenize(phrase, 0, len(phrase), lang)
    if not toks:
        return None
    sign = 1.0
    if toks[0].text in DASHES or toks[0].text.lower() in profile.minus_words:
        sign, toks = -1.0, toks[1:]
    if not toks:
        return None
    texts = [t.text for t in toks]
    if toks[0].kind == "num":
        surface = toks[0].text
        i = 1
        # space-separated thousands: "20 000", "1 500,5"
        while (
            i < len(toks)
            and toks[i].kind == "num"
            and re.fullmatch(r"\d{3}(?:[.,]\d+)?", toks[i].text)
            and re.fullmatch(r"\d{1,3}(?:\s\d{3})*", phrase[toks[0].start : toks[i - 1].end])
        ):
            surface += toks[i].text
            i += 1
        parsed = digits_value(surface, lang)
        if parsed is None:
            return None
        value = parsed[0]
        if i < len(toks) and toks[i].start == toks[i - 1].end and toks[i].text in _SUFFIX_SCALES:
            value *= _SUFFIX_SCALES[toks[i].text]
            i += 1
        if i < len(toks):
            rest = profile.scale_re.fullmatch(phrase, toks[i - 1].end)
            if rest:
                key = next(k for k, v in rest.groupdict().items() if v)
                return sign * value * profile.scale_abbrev[key]
            scale = profile.numeral(texts[i]) if len(texts) == i + 1 else None
            if scale is None or scale[0] not in ("s1", "sp"):
                return None
            return sign * value * scale[1]  # "5 tysięcy", "2,5 miliona"
        return sign * value
    if toks[0].text in VULGAR_FRACTIONS and len(toks) == 1:
        return sign * VULGAR_FRACTIONS[toks[0].text]
    return None if (w := value_of_words(texts, lang)) is None else sign * w
