"""Polish word lists for the temporal normaliser: months, weekdays, ordinals, modifiers.

Forms are written out (stems + endings) so that recognising a cue is one dictionary
lookup on a lower-cased token; the scanner then tries anchored patterns at that token.
Cardinal numerals are not listed here: they come from the claims lexicon
(:mod:`newsetl.extract.claims.numbers`), so there is one number reader in the project.
"""

from __future__ import annotations

import unicodedata
from typing import TypeVar


def words(text: str) -> list[str]:
    """The whitespace-separated words of ``text`` (keeps long lists readable)."""
    return text.split()


def fold(word: str) -> str:
    """Strip Polish diacritics ("październik" → "pazdziernik")."""
    decomposed = unicodedata.normalize("NFD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


V = TypeVar("V")


def _with_folded(forms: dict[str, V]) -> dict[str, V]:
    """``forms`` plus their diacritic-free spellings (sloppy copy drops diacritics)."""
    out = dict(forms)
    for form, value in forms.items():
        out.setdefault(fold(form), value)
    return out


_HARD_ADJ = ("y", "a", "e", "ego", "ej", "emu", "ym", "ą", "ych", "ymi", "i")
_SOFT_ADJ = ("i", "ia", "ie", "iego", "iej", "iemu", "im", "ią", "ich", "imi")


def adjective_forms(stem: str, soft: bool = False) -> list[str]:
    """All case forms of an adjective from its stem ("ubiegł" → "ubiegły", "ubiegłej", …)."""
    return [stem + e for e in (_SOFT_ADJ if soft else _HARD_ADJ)]


# --- months ----------------------------------------------------------------------------
# Nominative, genitive, dative, accusative (= nom.), instrumental, locative.
_MONTH_FORMS = {
    1: "styczeń stycznia styczniowi styczniem styczniu",
    2: "luty lutego lutemu lutym",
    3: "marzec marca marcowi marcem marcu",
    4: "kwiecień kwietnia kwietniowi kwietniem kwietniu",
    5: "maj maja majowi majem maju",
    6: "czerwiec czerwca czerwcowi czerwcem czerwcu",
    7: "lipiec lipca lipcowi lipcem lipcu",
    8: "sierpień sierpnia sierpniowi sierpniem sierpniu",
    9: "wrzesień września wrześniowi wrześniem wrześniu",
    10: "październik października październikowi październikiem październiku",
    11: "listopad listopada listopadowi listopadem listopadzie",
    12: "grudzień grudnia grudniowi grudniem grudniu",
}
MONTHS: dict[str, int] = _with_folded({f: m for m, forms in _MONTH_FORMS.items() for f in forms.split()})
# Forms that are reliably the month even with no day or year next to them, when a
# preposition precedes ("w marcu", "od czerwca", "do grudnia"). "lutym" alone is also
# the adjective "luty" (fierce), so "w" must precede it like every other bare month.
MONTH_ABBREVIATIONS: dict[str, int] = {
    "sty": 1,
    "lut": 2,
    "mar": 3,
    "kwi": 4,
    "kwiet": 4,
    "cze": 6,
    "czer": 6,
    "lip": 7,
    "sie": 8,
    "sier": 8,
    "sierp": 8,
    "wrz": 9,
    "wrze": 9,
    "paź": 10,
    "paz": 10,
    "lis": 11,
    "list": 11,
    "gru": 12,
    "grud": 12,
}
ROMAN_MONTHS: dict[str, int] = {r: i + 1 for i, r in enumerate(words("I II III IV V VI VII VIII IX X XI XII"))}
# Adjectives of months ("lipcowe spotkanie", "w grudniowym numerze").
_MONTH_ADJ_STEMS = {
    1: "styczniow",
    2: "lutow",
    3: "marcow",
    4: "kwietniow",
    5: "majow",
    6: "czerwcow",
    7: "lipcow",
    8: "sierpniow",
    9: "wrześniow",
    10: "październikow",
    11: "listopadow",
    12: "grudniow",
}
MONTH_ADJECTIVES: dict[str, int] = _with_folded(
    {f: m for m, stem in _MONTH_ADJ_STEMS.items() for f in adjective_forms(stem)}
)

# --- weekdays ---------------------------------------------------------------------------
_WEEKDAY_FORMS = {
    1: "poniedziałek poniedziałku poniedziałkiem poniedziałkowi",
    2: "wtorek wtorku wtorkiem wtorkowi",
    3: "środa środy środzie środę środą",
    4: "czwartek czwartku czwartkiem czwartkowi",
    5: "piątek piątku piątkiem piątkowi",
    6: "sobota soboty sobocie sobotę sobotą sobote",
    7: "niedziela niedzieli niedzielę niedzielą",
}
WEEKDAYS: dict[str, int] = _with_folded({f: d for d, forms in _WEEKDAY_FORMS.items() for f in forms.split()})
# Plurals ("w poniedziałki", "w soboty i niedziele") make a set, not a date.
_WEEKDAY_PLURALS = {
    1: "poniedziałki poniedziałków poniedziałkami",
    2: "wtorki wtorków wtorkami",
    3: "środy środ środami",
    4: "czwartki czwartków czwartkami",
    5: "piątki piątków piątkami",
    6: "soboty sobót sobotami",
    7: "niedziele niedziel niedzielami",
}
WEEKDAY_PLURALS: dict[str, int] = _with_folded({f: d for d, forms in _WEEKDAY_PLURALS.items() for f in forms.split()})
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "pon": 1,
    "wt": 2,
    "śr": 3,
    "sr": 3,
    "czw": 4,
    "pt": 5,
    "sob": 6,
    "niedz": 7,
    "ndz": 7,
}
_WEEKDAY_ADJ = {
    1: ("poniedziałkow", False),
    2: ("wtorkow", False),
    3: ("środow", False),
    4: ("czwartkow", False),
    5: ("piątkow", False),
    6: ("sobotn", True),
    7: ("niedzieln", False),
}
WEEKDAY_ADJECTIVES: dict[str, int] = _with_folded(
    {f: d for d, (stem, soft) in _WEEKDAY_ADJ.items() for f in adjective_forms(stem, soft)}
)

# --- ordinals 1..31 (days of the month, hours, quarters) -------------------------------
_ORDINAL_STEMS = {
    1: "pierwsz",
    2: "drug",
    3: "trzec",
    4: "czwart",
    5: "piąt",
    6: "szóst",
    7: "siódm",
    8: "ósm",
    9: "dziewiąt",
    10: "dziesiąt",
    11: "jedenast",
    12: "dwunast",
    13: "trzynast",
    14: "czternast",
    15: "piętnast",
    16: "szesnast",
    17: "siedemnast",
    18: "osiemnast",
    19: "dziewiętnast",
    20: "dwudziest",
    30: "trzydziest",
}


def _ordinal_forms(stem: str) -> list[str]:
    if stem == "drug":
        return ["drugi", "druga", "drugie", "drugiego", "drugiej", "drugiemu", "drugim", "drugą", "drugich"]
    if stem == "trzec":
        return ["trzeci", "trzecia", "trzecie", "trzeciego", "trzeciej", "trzeciemu", "trzecim", "trzecią"]
    return adjective_forms(stem)


ORDINALS: dict[str, int] = _with_folded({f: n for n, stem in _ORDINAL_STEMS.items() for f in _ordinal_forms(stem)})
# Suffixes glued to a day or hour in digits: "7-go", "18tego", "1szy", "3ci", "15stej".
ORDINAL_SUFFIX = r"(?:-?(?:go|ego|tego|ty|szy|gi|ci|ciego|ej|tej|stej|sta|ta|my|mego))"

# --- relative words ---------------------------------------------------------------------
# Day offsets of the adverbs and of their adjectives ("dzisiejszy", "wczorajszej").
RELATIVE_DAYS: dict[str, int] = {
    "dziś": 0,
    "dzis": 0,
    "dzisiaj": 0,
    "wczoraj": -1,
    "przedwczoraj": -2,
    "jutro": 1,
    "pojutrze": 2,
    **{f: 0 for f in adjective_forms("dzisiejsz")},
    **{f: -1 for f in adjective_forms("wczorajsz")},
    **{f: -2 for f in adjective_forms("przedwczorajsz")},
    **{f: 1 for f in adjective_forms("jutrzejsz")},
    **{f: 2 for f in adjective_forms("pojutrzejsz")},
}
RELATIVE_DAYS = _with_folded(RELATIVE_DAYS)
RELATIVE_DAY_ADVERBS = frozenset({"dziś", "dzis", "dzisiaj", "wczoraj", "przedwczoraj", "jutro", "pojutrze"})
# Adjectives of relative years ("tegoroczny", "zeszłoroczne").
RELATIVE_YEAR_ADJECTIVES: dict[str, int] = _with_folded(
    {
        **{f: 0 for f in adjective_forms("tegoroczn")},
        **{f: -1 for f in adjective_forms("zeszłoroczn")},
        **{f: -1 for f in adjective_forms("ubiegłoroczn")},
        **{f: 1 for f in adjective_forms("przyszłoroczn")},
    }
)

# Modifiers before a unit, weekday or season: shift and how a weekday is picked.
#   shift: -1 previous, 0 this, +1 next
#   pick (weekdays): "past" (last one before), "this" (upcoming or today), "next"
#   (next occurrence), "next_week" (in the following week)
MODIFIERS: dict[str, tuple[int, str]] = {}
for _stem, _soft, _shift, _pick in (
    ("ubiegł", False, -1, "past"),
    ("zeszł", False, -1, "past"),
    ("minion", False, -1, "past"),
    ("poprzedn", True, -1, "past"),
    ("ostatn", True, -1, "past"),
    ("przeszł", False, -1, "past"),
    ("przyszł", False, 1, "next_week"),
    ("następn", False, 1, "next"),
    ("kolejn", False, 1, "next"),
    ("najbliższ", False, 1, "next"),
    ("nadchodząc", False, 1, "next"),
    ("bieżąc", False, 0, "this"),
    ("obecn", False, 0, "this"),
):
    for _form in adjective_forms(_stem, _soft):
        MODIFIERS[_form] = (_shift, _pick)
for _form in words("ten ta to tego tej temu tym tę tą"):
    MODIFIERS[_form] = (0, "this")
MODIFIERS = {**{fold(k): v for k, v in MODIFIERS.items()}, **MODIFIERS}

# Calendar units after a modifier, with the TIMEX3 granularity they name.
UNIT_WORDS: dict[str, str] = {
    **{f: "D" for f in words("dzień dnia dniu dniem dni dniach dniami")},
    **{f: "W" for f in words("tydzień tygodnia tygodniu tygodniem tygodnie tygodni tygodniach tygodniami")},
    **{f: "M" for f in words("miesiąc miesiąca miesiącu miesiącem miesiące miesięcy miesiącach miesiącami")},
    **{f: "Q" for f in words("kwartał kwartału kwartale kwartałem kwartały kwartałów kwartałach")},
    **{f: "H" for f in words("półrocze półrocza półroczu półroczem")},
    **{f: "Y" for f in words("rok roku rokiem lata lat latach latami")},
    **{f: "WE" for f in words("weekend weekendu weekendzie weekendem weekendy weekendów")},
}
UNIT_WORDS = _with_folded(UNIT_WORDS)
# Units of durations ("trzy dni", "przez cztery lata", "85 min"), by TIMEX3 letter.
DURATION_UNITS: dict[str, str] = {
    **{f: "D" for f in words("dzień dnia dniu dniem dni dniach dniami doba doby dobę dób")},
    **{f: "W" for f in words("tydzień tygodnia tygodniu tygodniem tygodnie tygodni tygodniach tygodniami tyg")},
    **{f: "M" for f in words("miesiąc miesiąca miesiącu miesiącem miesiące miesięcy miesiącach miesiącami mies")},
    **{f: "Q" for f in words("kwartał kwartału kwartały kwartałów kwartałach")},
    **{f: "Y" for f in words("rok roku rokiem lata lat latach latami")},
    **{f: "DE" for f in words("dekada dekady dekadę dekad dekadach dekadami")},
    **{f: "CE" for f in words("wiek wieku wieki wieków")},
    **{f: "TH" for f in words("godzina godziny godzinę godzin godzinach godzinami godzinie godz")},
    **{f: "TM" for f in words("minuta minuty minutę minut minutach minutami min")},
    **{f: "TS" for f in words("sekunda sekundy sekundę sekund sekundach sekundami sek")},
}
DURATION_UNITS = _with_folded(DURATION_UNITS)
# Vague quantities before a unit ("kilka lat", "parę dni", "wiele miesięcy").
VAGUE_NUMBERS = frozenset(
    words(
        "kilka kilku kilkoma kilkanaście kilkunastu kilkadziesiąt kilkudziesięciu parę paru "
        "wiele wielu kilkaset kilkuset dziesiątki dziesiątek"
    )
)

# --- parts of the day, seasons ----------------------------------------------------------
# TIMEX3 parts of day: MO morning, MI midday, AF afternoon, EV evening, NI night.
PARTS_OF_DAY: dict[str, str] = {
    "rano": "MO",
    "rankiem": "MO",
    "nad ranem": "MO",
    "z rana": "MO",
    "o świcie": "MO",
    "przed południem": "MO",
    "przedpołudniem": "MO",
    "w południe": "MI",
    "około południa": "MI",
    "koło południa": "MI",
    "po południu": "AF",
    "popołudniu": "AF",
    "wieczorem": "EV",
    "wieczór": "EV",
    "późnym wieczorem": "EV",
    "w nocy": "NI",
    "nocą": "NI",
    "po północy": "NI",
    "o północy": "NI",
}
SEASONS: dict[str, str] = _with_folded(
    {
        **{f: "SP" for f in words("wiosna wiosny wiośnie wiosnę wiosną")},
        **{f: "SU" for f in words("latem lecie")},
        **{f: "FA" for f in words("jesień jesieni jesienią")},
        **{f: "WI" for f in words("zima zimy zimie zimę zimą")},
    }
)
SEASON_ADJECTIVES: dict[str, str] = _with_folded(
    {
        **{f: "SP" for f in adjective_forms("wiosenn")},
        **{f: "SU" for f in adjective_forms("letn", soft=True)},
        **{f: "FA" for f in adjective_forms("jesienn")},
        **{f: "WI" for f in adjective_forms("zimow")},
    }
)

# --- decades and centuries -------------------------------------------------------------
DECADE_WORDS: dict[str, int] = {}
for _tens, _stem in (
    (2, "dwudziest"),
    (3, "trzydziest"),
    (4, "czterdziest"),
    (5, "pięćdziesiąt"),
    (6, "sześćdziesiąt"),
    (7, "siedemdziesiąt"),
    (8, "osiemdziesiąt"),
    (9, "dziewięćdziesiąt"),
):
    for _form in adjective_forms(_stem):
        DECADE_WORDS[_form] = _tens
DECADE_WORDS = _with_folded(DECADE_WORDS)
ROMAN_CENTURIES: dict[str, int] = {
    r: i + 1
    for i, r in enumerate(words("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI XXII"))
}
CENTURY_ADJECTIVES: dict[str, int] = _with_folded(
    {
        **{f: 18 for f in adjective_forms("osiemnastowieczn")},
        **{f: 19 for f in adjective_forms("dziewiętnastowieczn")},
        **{f: 20 for f in adjective_forms("dwudziestowieczn")},
        **{f: 21 for f in adjective_forms("dwudziestopierwszowieczn")},
    }
)

# --- sets -------------------------------------------------------------------------------
SET_ADVERBS: dict[str, str] = {
    "codziennie": "P1D",
    "dziennie": "P1D",
    "corocznie": "P1Y",
    "rocznie": "P1Y",
    "cotygodniowo": "P1W",
    "tygodniowo": "P1W",
    "comiesięcznie": "P1M",
    "miesięcznie": "P1M",
    "codzień": "P1D",
    **{f: "P1D" for f in adjective_forms("codzienn")},
    **{f: "P1Y" for f in adjective_forms("coroczn")},
    **{f: "P1W" for f in adjective_forms("cotygodniow")},
    **{f: "P1M" for f in adjective_forms("comiesięczn")},
    **{f: "P1Q" for f in adjective_forms("kwartaln")},
}
SET_ADVERBS = _with_folded(SET_ADVERBS)

# Prepositions before an expression and the TIMEX3 mod they give it.
BOUND_MODS: dict[str, str] = {
    "od": "ON_OR_AFTER",
    "począwszy od": "ON_OR_AFTER",
    "do": "ON_OR_BEFORE",
    "aż do": "ON_OR_BEFORE",
    "przed": "BEFORE",
    "sprzed": "BEFORE",
    "po": "AFTER",
    "około": "APPROX",
    "ok.": "APPROX",
    "koło": "APPROX",
}
# Words inside the span that say which part of a period is meant.
PART_MODS: dict[str, str] = {
    **{f: "START" for f in words("początek początku początkiem")},
    **{f: "END" for f in words("koniec końca końcu końcem końcówka końcówce końcówki końcówkę")},
    **{f: "MID" for f in words("połowa połowy połowie połowę połową")},
}
