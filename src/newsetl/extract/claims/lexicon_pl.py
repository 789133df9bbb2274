"""Polish word lists for the claims extractor: numerals, scale words, units, cues.

Numeral forms are written out here rather than obtained from Morfeusz at run time so
that number recognition is a dictionary lookup (fast, and usable without a
:class:`~newsetl.morph.Morphology`); a unit test checks these tables against
Morfeusz's generator so that no inflected form is missed.
"""

from __future__ import annotations

import re
import unicodedata


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


# --- numerals ------------------------------------------------------------------------

# 1..4 inflect irregularly. Plural pronoun-like forms of "jeden" ("jedni", "jedne",
# "jednych") are left out: they mean "some" ("jedni mówią…"), never the number 1.
_IRREGULAR: dict[int, str] = {
    0: "zero zera zeru zerem",
    1: "jeden jedna jedno jednego jednej jednemu jednym jedną",
    2: "dwa dwaj dwie dwóch dwu dwom dwóm dwoma dwiema dwoje dwojga dwojgu dwojgiem",
    3: "trzy trzej trzech trzem trzema troje trojga trojgu trojgiem",
    4: "cztery czterej czterech czterem czterema czworo czworga czworgu czworgiem",
}
_COLLECTIVE_ENDINGS = ("oro", "orga", "orgu", "orgiem")

# 5..10 and 50..90: nominative + oblique stem ("pięć" / "pięci-u", "pięci-oma", "pięci-oro").
_REGULAR: dict[int, tuple[str, str]] = {
    5: ("pięć", "pięci"),
    6: ("sześć", "sześci"),
    7: ("siedem", "siedmi"),
    8: ("osiem", "ośmi"),
    9: ("dziewięć", "dziewięci"),
    10: ("dziesięć", "dziesięci"),
    50: ("pięćdziesiąt", "pięćdziesięci"),
    60: ("sześćdziesiąt", "sześćdziesięci"),
    70: ("siedemdziesiąt", "siedemdziesięci"),
    80: ("osiemdziesiąt", "osiemdziesięci"),
    90: ("dziewięćdziesiąt", "dziewięćdziesięci"),
}
# 11..19 and 20..40: nominative + oblique stem ("dwanaście" / "dwunast-u", "dwunast-oma").
_TEENS_TENS: dict[int, tuple[str, str]] = {
    11: ("jedenaście", "jedenast"),
    12: ("dwanaście", "dwunast"),
    13: ("trzynaście", "trzynast"),
    14: ("czternaście", "czternast"),
    15: ("piętnaście", "piętnast"),
    16: ("szesnaście", "szesnast"),
    17: ("siedemnaście", "siedemnast"),
    18: ("osiemnaście", "osiemnast"),
    19: ("dziewiętnaście", "dziewiętnast"),
    20: ("dwadzieścia", "dwudziest"),
    30: ("trzydzieści", "trzydziest"),
    40: ("czterdzieści", "czterdziest"),
}
_HUNDREDS: dict[int, str] = {
    100: "sto stu stoma",
    200: "dwieście dwustu dwustoma dwuset dwóchset dwomaset",
    300: "trzysta trzystu trzystoma trzechset",
    400: "czterysta czterystu czterystoma czterechset",
    500: "pięćset pięciuset pięciomaset",
    600: "sześćset sześciuset sześciomaset",
    700: "siedemset siedmiuset siedmiomaset",
    800: "osiemset ośmiuset ośmiomaset",
    900: "dziewięćset dziewięciuset dziewięciomaset",
}
# Scale nouns. Singular forms stand for the number itself ("tysiąc" = 1000, "ponad
# milion osób"); plural forms need a multiplier, alone they are vague ("tysiące ludzi").
_SCALES: dict[float, tuple[str, str]] = {
    1e3: ("tysiąc tysiąca tysiącu tysiącem tysiącowi", "tysiące tysięcy tysiącom tysiącami tysiącach"),
    1e6: (
        "milion miliona milionie milionowi milionem",
        "miliony milionów milionom milionami milionach",
    ),
    1e9: (
        "miliard miliarda miliardzie miliardowi miliardem",
        "miliardy miliardów miliardom miliardami miliardach",
    ),
    1e12: ("bilion biliona bilionie bilionowi bilionem", "biliony bilionów bilionom bilionami bilionach"),
}
# Denominators of fractions ("dwie trzecie", "jedna piąta", "trzech czwartych"): feminine
# and plural forms of the ordinals, read as fractions only right after a numeral.
_FRACTION_STEMS = {3: "trzeci", 4: "czwart", 5: "piąt", 6: "szóst", 7: "siódm", 8: "ósm", 9: "dziewiąt", 10: "dziesiąt"}
HALF_FORMS = frozenset({"pół"})
ONE_AND_HALF_FORMS = frozenset({"półtora", "półtorej", "półtory"})

# Word class codes shared with the English lexicon: "u" unit 0-9, "n" 10-19, "t" tens,
# "h" hundreds (additive in Polish), "s1" singular scale, "sp" plural scale, "half"
# ("pół", "półtora"), "frac" a fraction's denominator.
WordClass = tuple[str, float]


def _build_numerals() -> dict[str, WordClass]:
    table: dict[str, WordClass] = {}
    for value, forms in _IRREGULAR.items():
        for form in forms.split():
            table[form] = ("u", float(value))
    for value, (nom, stem) in _REGULAR.items():
        cls = "u" if value < 10 else ("n" if value == 10 else "t")
        for form in (nom, stem + "u", stem + "oma", *(stem + e for e in _COLLECTIVE_ENDINGS)):
            table[form] = (cls, float(value))
    for value, (nom, stem) in _TEENS_TENS.items():
        cls = "n" if value < 20 else "t"
        coll = nom[:-1] if nom[-1] in "ae" else nom  # "dwadzieścia", "dwanaście" → "dwadzieści-oro"
        for form in (nom, stem + "u", stem + "oma", *(coll + e for e in _COLLECTIVE_ENDINGS)):
            table[form] = (cls, float(value))
    for value, forms in _HUNDREDS.items():
        for form in forms.split():
            table[form] = ("h", float(value))
    for scale, (singular, plural) in _SCALES.items():
        for form in singular.split():
            table[form] = ("s1", scale)
        for form in plural.split():
            table[form] = ("sp", scale)
    for value, stem in _FRACTION_STEMS.items():
        soft = stem.endswith("i")  # "trzeci-a", "trzeci-ch" vs "czwart-a", "czwart-ych"
        for ending in ("a", "ej", "ą", "e", "ch", "m", "mi") if soft else ("a", "ej", "ą", "e", "ych", "ym", "ymi"):
            table[stem + ending] = ("frac", float(value))
    for form in HALF_FORMS:
        table[form] = ("half", 0.5)
    for form in ONE_AND_HALF_FORMS:
        table[form] = ("half", 1.5)
    return table


NUMERALS: dict[str, WordClass] = _build_numerals()


def fold(word: str) -> str:
    """Strip Polish diacritics ("dziewięćdziesiąt" → "dziewiecdziesiat")."""
    decomposed = unicodedata.normalize("NFD", word.replace("ł", "l").replace("Ł", "L"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Numerals typed without diacritics (common in comments and sloppy copy). Folded forms
# that are other Polish words are dropped ("piec" = stove, "pol" = fields), as found by
# checking every folded form against Morfeusz.
_FOLD_COLLISIONS = frozenset({"piec", "pol"})
FOLDED_NUMERALS: dict[str, WordClass] = {
    fold(form): cls
    for form, cls in NUMERALS.items()
    if cls[0] != "frac" and fold(form) != form and fold(form) not in _FOLD_COLLISIONS and fold(form) not in NUMERALS
}

# Forms of "jeden": as a lone word it is usually a pronoun or an article ("jeden z
# nich", "jedna osoba"), so alone it needs a unit or a scale word after it to be a claim.
WEAK_NUMERALS = frozenset(f for f, (c, v) in NUMERALS.items() if c == "u" and v == 1.0)

# Abbreviated scale words. The dot after "tys" belongs to the abbreviation; "mln", "mld",
# "bln" (like the currency "zł" and "gr") are written without one, so a dot after them
# ends the sentence and stays out of the span.
SCALE_RE = re.compile(
    r"\s?(?:(?P<k>tys\.|tys(?![\w.]))|(?P<m>mln(?!\w))|(?P<g>mld(?!\w))|(?P<t>bln(?!\w)))",
)
SCALE_ABBREV_VALUE = {"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}
GLUED_SCALES = {"tys": 1e3, "mln": 1e6, "mld": 1e9, "bln": 1e12}

# "i" between a scale word and the rest ("dwadzieścia jeden tysięcy i jedenaście").
CONNECTORS = frozenset({"i"})

# --- units -----------------------------------------------------------------------------
# Each alternative is a named group; UNITS maps the group name to (kind, unit, factor).
# Order matters: longer and more specific alternatives first.
_UNIT_PATTERNS: list[tuple[str, str, str | None, float, str]] = [
    # percentage points before percent
    (
        "pp",
        "percent",
        "pp",
        1.0,
        r"pkt\.?\s?proc\.?|punkt(?:y|ów|u|em|ami|ach|om)?\s+procentow\w*|p\.\s?p\.|pp\.?(?!\w)",
    ),
    ("pct", "percent", "percent", 1.0, r"%|proc\.|proc(?!\w)|procent(?:y|ów|u|a|om|ami|ach|owi)?(?!\w)"),
    # currencies
    ("gr", "money", "PLN", 0.01, r"gr(?!\w)|grosz(?:y|e|a|ach|ami)?(?!\w)"),
    ("pln", "money", "PLN", 1.0, r"zł(?:ot(?:y|ych|e|ego|ym|ymi|emu|ówk[aiueę]|ówek|ówkach))?(?!\w)|PLN(?!\w)"),
    ("usd_w", "money", "USD", 1.0, r"dolar(?:y|ów|a|ach|ami|om|em|owi|ze)?\s+amerykańsk\w*"),
    ("cad", "money", "CAD", 1.0, r"dolar\w*\s+kanadyjsk\w*|CAD(?!\w)"),
    ("aud", "money", "AUD", 1.0, r"dolar\w*\s+australijsk\w*|AUD(?!\w)"),
    ("usd", "money", "USD", 1.0, r"dolar(?:y|ów|a|ach|ami|om|em|owi|ze)?(?!\w)|USD(?!\w)|US\$|\$"),
    ("eur", "money", "EUR", 1.0, r"euro(?!\w)|EUR(?!\w)|€"),
    (
        "gbp",
        "money",
        "GBP",
        1.0,
        r"funt(?:y|ów|a|ach|ami|om|em)?(?:\s+(?:szterling\w*|brytyjsk\w*))?(?!\w)|GBP(?!\w)|£",
    ),
    ("uah", "money", "UAH", 1.0, r"hrywn(?:a|y|ę|ą|ie|om|ami|ach)?(?!\w)|hrywien(?!\w)|UAH(?!\w)|₴"),
    ("rub", "money", "RUB", 1.0, r"rubl(?:e|i|a|ach|ami|om|em)(?!\w)|rubel(?!\w)|RUB(?!\w)|₽"),
    ("chf", "money", "CHF", 1.0, r"frank(?:i|ów|a|ach|ami|om)?(?:\s+szwajcarsk\w*)?(?!\w)|CHF(?!\w)"),
    ("jpy", "money", "JPY", 1.0, r"jen(?:y|ów|a|ach|ami|om)?(?!\w)|JPY(?!\w)|¥"),
    ("cny", "money", "CNY", 1.0, r"juan(?:y|ów|a|ach|ami|om)?(?!\w)|CNY(?!\w)"),
    ("czk", "money", "CZK", 1.0, r"koron\w*\s+czesk\w*|CZK(?!\w)"),
    ("sek", "money", "SEK", 1.0, r"koron\w*\s+szwedzk\w*|SEK(?!\w)"),
    ("nok", "money", "NOK", 1.0, r"koron\w*\s+norwesk\w*|NOK(?!\w)"),
    ("dkk", "money", "DKK", 1.0, r"koron\w*\s+duńsk\w*|DKK(?!\w)"),
    ("huf", "money", "HUF", 1.0, r"forint(?:y|ów|a|ach|ami|om)?(?!\w)|HUF(?!\w)"),
    ("ron", "money", "RON", 1.0, r"RON(?!\w)"),
    ("try", "money", "TRY", 1.0, r"lir\w*\s+tureck\w*|TRY(?!\w)"),
    # durations ("r." and "roku" after a number are dates, handled elsewhere)
    ("year", "duration", "year", 1.0, r"lat(?:a|ach|ami)?(?!\w)|rok(?!\w)|rokiem(?!\w)"),
    ("decade", "duration", "year", 10.0, r"dekad(?:a|y|ę|zie|ą|om|ami|ach)?(?!\w)"),
    ("quarter", "duration", "month", 3.0, r"kwartał(?:y|ów|u|em|ach|ami|om)?(?!\w)"),
    ("month", "duration", "month", 1.0, r"miesi(?:ąc|ąca|ącu|ącem|ące|ęcy|ącach|ącami|ącom)(?!\w)|mies\.|mc\.?(?!\w)"),
    ("week", "duration", "week", 1.0, r"tydzień|tygodni(?:a|u|e|em|ach|ami|om)?(?!\w)|tyg\."),
    ("day", "duration", "day", 1.0, r"dzień|dni(?:a|u|ach|ami|om)?(?!\w)|dniem|dob(?:a|y|ę|ie|ą|ach|ami|om)(?!\w)|dób"),
    ("hour", "duration", "hour", 1.0, r"godzin(?:a|y|ę|ie|ą|om|ami|ach)?(?!\w)|godz\.|h(?![\w/])"),
    ("minute", "duration", "minute", 1.0, r"minut(?:a|y|ę|ą|om|ami|ach|cie)?(?!\w)|min\.?(?!\w)"),
    ("second", "duration", "second", 1.0, r"sekund(?:a|y|ę|ą|om|ami|ach|zie)?(?!\w)|sek\.|s(?![\w.])"),
    # measures; square units, speeds and energies other than TWh are not in the record
    (
        "unsupported",
        "count",
        None,
        1.0,
        r"km\s?/\s?h|km(?:2|²|\^2)|km\.?\s?kw\.?|kilometr\w*\s+(?:kwadratow\w*|na\s+godzinę)"
        r"|m(?:2|²|\^2)(?!\w)|m\.?\s?kw\.?|metr\w*\s+kwadratow\w*|kWh|MWh|GWh|kW(?!\w)",
    ),
    ("km", "measure", "km", 1.0, r"km(?!\w)|kilometr(?:y|ów|a|ach|ami|om|em|ze)?(?!\w)"),
    ("m3", "measure", "m3", 1.0, r"m(?:3|³|\^3)(?!\w)|m\.?\s?sześc\.?|metr\w*\s+sześcienn\w*"),
    ("m", "measure", "m", 1.0, r"m(?!\w|\.\w)|metr(?:y|ów|a|ach|ami|om|em|ze)?(?!\w)"),
    ("kg", "measure", "kg", 1.0, r"kg(?!\w)|kilogram(?:y|ów|a|ach|ami|om|em)?(?!\w)|kilo(?!\w)"),
    ("t", "measure", "t", 1.0, r"ton(?:a|y|ę|ą|ie|om|ami|ach)?(?!\w)|t(?!\w|\.\w)"),
    ("mw", "measure", "MW", 1.0, r"MW(?!\w)|megawat(?:y|ów|a|ach|ami|om|em)?(?!\w)"),
    ("gw", "measure", "GW", 1.0, r"GW(?!\w)|gigawat(?:y|ów|a|ach|ami|om|em)?(?!\w)"),
    ("twh", "measure", "TWh", 1.0, r"TWh(?!\w)|terawatogodzin\w*"),
    (
        "degc",
        "measure",
        "degC",
        1.0,
        r"°\s?C(?!\w)|℃|stopn(?:i|ie|ia|iach|iami)\s+(?:Celsjusza|C(?!\w))|st\.\s?C(?!\w)",
    ),
]
UNIT_RE = re.compile(r"\s?(?:" + "|".join(f"(?P<{name}>{pat})" for name, _, _, _, pat in _UNIT_PATTERNS) + ")")
UNITS: dict[str, tuple[str, str | None, float]] = {
    name: (kind, unit, factor) for name, kind, unit, factor, _ in _UNIT_PATTERNS
}
# Currency written before the number: "USD 5 mln", "$5", "€ 10".
PREFIX_CURRENCY_RE = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥|₴|₽|(?<!\w)(?:PLN|EUR|USD|GBP|CHF|UAH|RUB|JPY|CNY|CZK|SEK|NOK|DKK|HUF|CAD|AUD))\s?$"
)
PREFIX_CURRENCY = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₴": "UAH",
    "₽": "RUB",
}
# Letters that may be glued to a number without making it an identifier ("10km", "5zł").
GLUED_UNITS = _words("km m kg t mw gw twh h min s zł proc mln mld tys bln ha l ml g mg cm mm kw kwh mwh gwh")

# --- qualifiers (matched at the end of the text before the number) --------------------
_QUALIFIERS: list[tuple[str, str]] = [
    ("ge", r"co\s+najmniej|przynajmniej|minimum|min\.|nie\s+mniej\s+niż"),
    ("le", r"co\s+najwyżej|najwyżej|maksymalnie|maksimum|maks\.|max\.?|nie\s+więcej\s+niż|aż\s+do|nawet\s+do"),
    ("gt", r"(?:nieco\s+|grubo\s+|znacznie\s+)?ponad|powyżej|przeszło|(?:nieco\s+)?więcej\s+niż|z\s+górą"),
    ("lt", r"prawie|niemal(?:że)?|niespełna|poniżej|(?:nieco\s+)?mniej\s+niż|bez\s+mała|niecał\w+"),
    ("approx", r"około|ok\.|blisko|rzędu|mniej\s+więcej|circa|ca\.|szacunkowo|plus\s+minus|w\s+granicach"),
]
QUALIFIER_RE = re.compile(
    # a short preposition may stand between: "przynajmniej na 7 dni", "ponad o 5"
    r"(?<![\w.])(?:" + "|".join(f"(?P<{q}>{p})" for q, p in _QUALIFIERS) + r")(?:\s+(?:na|o|przez|za|po|w))?\s*$",
    re.IGNORECASE,
)
# "do N" is an upper bound ("kara do 5 lat") unless a verb or noun of change precedes
# it, in which case N is the new level ("wzrosła do 5 proc.").
CHANGE_STEM_RE = re.compile(
    r"(?<!\w)(?:wzr[oó]s|wzrost|rośnie|rosną|urós|urosł|spad|spadek|spadł|zwiększ|zmniejsz|obniż|podni[oeó]s|"
    r"podniesie|podwyż|zmal|skocz|zwyżk|zniżk|zredukow|ogranicz|dobi|podwoi|potroi|zmieni|wzrasta|"
    r"rozgrz|ogrz|podgrz|schłodz|ochłodz|przesun|przełoż)",
    re.IGNORECASE,
)
RANGE_OPEN = frozenset({"od"})  # "od 2 do 3"
BETWEEN_OPEN = frozenset({"między", "pomiędzy"})  # "między 2 a 3"
CHANGE_OPEN = frozenset({"z", "ze"})  # "z 2 do 3 proc." is a change, two values
RANGE_TO = frozenset({"do"})
BETWEEN_AND = frozenset({"a", "i"})
LIST_JOIN = frozenset({"lub", "albo", "czy", "i", "oraz"})
MINUS_WORDS = frozenset({"minus"})

# --- dates, times, references -----------------------------------------------------------
_MONTHS_GEN = (
    r"stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
    r"|styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień"
    r"|I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII"
)
_MONTHS_LOC = (
    r"styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|wrześniu|październiku|listopadzie|grudniu"
    r"|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia"
    r"|styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad|grudzień"
)
# Spans whose numbers are never claims: dates, times, references, phone numbers.
# Rather than one expression searched over every sentence (slow: Python's engine tries
# each alternative at each position), the patterns are anchored: EXCLUDE_AT_NUMBER is
# tried where a number starts, each EXCLUDE_AT_CUE entry where one of its cue words
# (lower-cased token) starts. A number starting inside a matched span is skipped.
EXCLUDE_AT_NUMBER = [
    # numeric dates: 2024-03-12, 12.03.2024, 12/03/24, 7.03.2010r
    r"\d{4}-\d{1,2}-\d{1,2}(?!\d)",
    r"(?<![\d,])\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)",
    # day (or day range) + month [+ year]: "12 marca 2024 r.", "3-8 sierpnia", "6 i 7 marca"
    r"(?<![\d,])\d{1,2}\.?(?:\s?(?:-|do|i|lub|na|,)\s?\d{1,2}\.?)*\s?(?:-go\s)?(?:" + _MONTHS_GEN + r")(?!\w)"
    r"(?:\s\d{4}(?!\d))?",
    # years: "2024 r.", "1990 roku", "450 r. p.n.e.", "w latach 2015-2019", "2013/14"
    r"(?<![\d,])\d{1,4}\s?(?:r\.|r(?!\w)|roku|rokiem|roczn\w+|p\.n\.e\.|n\.e\.)",
    r"(?<![\d,])(?:1[89]\d\d|20\d\d)\s?[-/]\s?(?:1[89]\d\d|20\d\d|\d\d)(?![\d,])",
    # phone numbers, postal codes, scores and ratios
    r"(?<![\d,])\d{2}\s\d{3}\s\d{2}\s\d{2}(?![\d,])",
    r"(?<![\d,])\d{3}-\d{3}-\d{3}(?![\d,])",
    r"(?<![\d,-])\d{2}-\d{3}(?=\s[A-ZŁŚŻŹĆ])",
    r"(?<![\d,])\d+:\d+(?![\d,])",
]
_REF_FORMS = (
    "artykuł artykułu artykule artykułem ustęp ustępu ustępie punkt punktu punkcie punktem paragraf "
    "paragrafu paragrafie numer numeru numerem numerze rozdział rozdziału rozdziale tom tomu tomie "
    "część części sezon sezonu sezonie odcinek odcinka odcinku linia linii kanał kanału kanale rysunek "
    "rysunku tabela tabeli wykres wykresie przepis przepisie przepisu"
)
EXCLUDE_AT_CUE: list[tuple[str, str]] = [
    ("http https www", r"(?:https?://|www\.)\S+"),
    # month + year: "w marcu 2024", "maja 2010"
    (_MONTHS_LOC.replace("|", " "), r"(?:" + _MONTHS_LOC + r")\s(?:\d{1,2}\.?\s?)?\d{4}(?!\d)"),
    # "rok 2075", "roku 1989", "w sezonie 2023/24", "latach 90.", "lat 2015-2019"
    (
        "rok roku rokiem r rocznik roczniku sezon sezonie sezonu",
        r"(?:rok(?:u|iem)?|r\.|roczniku?|sezon(?:ie|u)?)\s(?:1\d{3}|20\d\d)(?:\s?[-/]\s?\d{2,4})?(?!\d)",
    ),
    ("latach lat lata", r"(?:latach|lat|lata)\s(?:\d{2}(?=\.|-)|\d{4}(?:\s?[-/]\s?\d{2,4})?(?!\d))"),
    # clock times: "godz. 12.30", "godzinie 19", "o 17.00", "między 10.30 a 12.00"
    (
        "godz godzina godzinie godziny godziną godzinę",
        r"(?:godz\.?|godzin(?:a|ie|y|ą|ę))\s?(?:(?:od|do|około|ok\.|w|między|pomiędzy)\s)?"
        r"\d{1,2}(?:[.:]\d{2})?(?:\s?(?:-|do|a|i)\s?\d{1,2}(?:[.:]\d{2})?)?",
    ),
    (
        "o od do około ok przed po między pomiędzy",
        r"(?:o|od|do|około|ok\.|przed|po|między|pomiędzy)\s\d{1,2}[.:][0-5]\d(?![\d,])"
        r"(?:\s?(?:-|do|a)\s?\d{1,2}[.:][0-5]\d)?",
    ),
    # law, list and document references: "art. 7 ust. 2 pkt 3", "nr 5", "s. 45", "§ 2"
    ("art ust pkt nr no", r"(?:art|ust|pkt|nr|Nr|No)\.?\s?\d+[a-z]?(?:\s?(?:-|,|i|oraz|lub)\s?\d+[a-z]?)*"),
    (
        "par poz str s lit rozdz sygn t cz ul al pl os lok zał rys tab fot",
        r"[^\W\d_]+\.\s?\d+[a-z]?(?:\s?(?:-|,|i|oraz|lub)\s?\d+[a-z]?)*",
    ),
    (_REF_FORMS, r"[^\W\d_]+\s\d+[a-z]?(?:[-./]\d+[a-z]?)*"),  # "rysunku 23-1"
    ("§", r"§\s?\d+[a-z]?(?:\s?(?:-|,|i|oraz|lub)\s?\d+[a-z]?)*"),
    # phone numbers
    (
        "tel telefon telefonu telefonem telefonicznie fax faks infolinia infolinii komórka komórki sms",
        r"[^\W\d_]+\.?:?\s?(?:\+?\d[\d\s()-]{5,}\d)",
    ),
    ("+", r"\+\d{2,3}[\s-]?\d[\d\s-]{6,}\d"),
    ("(", r"\(\d{2,3}\)\s?\d{3}[\s-]?\d{2,3}[\s-]?\d{2,3}"),
]
# Words before a bare 4-digit number that make it a year ("w 2024", "od 2019").
YEAR_CUES = _words("w we od do z ze po przed sprzed na roku rok latach lat r około ok")
# Heads of Polish subordinate clauses and other clause breaks (for subject lookup).
CLAUSE_WORDS = _words(
    "że iż aby żeby by który która które którego której których którym którymi którą gdy kiedy "
    "ponieważ bo choć chociaż jeśli jeżeli ale lecz jednak a"
)
# Verbs of saying (Morfeusz lemmas): the verbs that report what a source said, wrote,
# announced, estimated or thinks ("powiedział", "szacuje", "zapowiedzieli", "uważa").
SAY_LEMMAS = _words(
    "powiedzieć mówić przyznać przyznawać zapewnić zapewniać dodać dodawać zauważyć zauważać "
    "podkreślić podkreślać stwierdzić stwierdzać ocenić oceniać zapowiedzieć zapowiadać oświadczyć "
    "zaznaczyć zaznaczać wskazać wskazywać przekonywać twierdzić uważać tłumaczyć wyjaśnić wyjaśniać "
    "poinformować informować przypomnieć przypominać ostrzec ostrzegać zwrócić zwracać "
    "relacjonować komentować skomentować napisać pisać oznajmić odpowiedzieć odpowiadać zaapelować "
    "apelować argumentować zadeklarować deklarować obiecać obiecywać przekazać przekazywać ujawnić "
    "zdradzić zaprzeczyć zaprzeczać potwierdzić potwierdzać dopowiedzieć "
    "wyliczyć wyliczać szacować oszacować podać podawać prognozować alarmować sądzić odeprzeć "
    "ogłosić ogłaszać donieść donosić opowiadać wspomnieć wspominać podsumować uznać uznawać "
    "wyliczać zastrzec zastrzegać ripostować sugerować zasugerować obliczyć obliczać "
    "rzec zeznać zeznawać uzasadniać uzasadnić nadmienić wyznać dementować zdementować"
)
# Verbs of saying that also mean something else ("przekazała Ukrainie 5 mld zł", "podał
# rękę", "dodał 2 proc."): they attribute only where speech is plain — after a dash or a
# comma ("– przekazał X"), after "jak" ("Jak podał X"), or before "że"/":" in the clause.
AMBIGUOUS_SAY_LEMMAS = _words(
    "przekazać przekazywać podać podawać dodać dodawać zwrócić zwracać wskazać wskazywać "
    "odpowiedzieć odpowiadać napisać pisać uznać uznawać ogłosić ogłaszać ocenić oceniać zauważyć zauważać"
)
# The source of data: "wynika z danych GUS", "Z sondażu CBOS wynika, że…".
RESULT_LEMMAS = _words("wynikać")
# Stems of those verbs' forms, a cheap filter before asking Morfeusz. Stems that common
# nouns share are cut longer ("podał", not "poda": "podatek"; "szacuj", not "szacu":
# "szacunek"; "prognozuj", not "prognoz": "prognoza").
SAY_STEMS = tuple(
    sorted(
        _words(
            "powie mówi przyzna zapewni zauważ podkreśl stwierdz oceni ocenia zapowi oświadcz zaznacz "
            "przekon twierdz uważa tłumacz wyjaśni informow informu poinform przypom ostrzeg zwróci "
            "zwraca relacjon komentow komentu skomentow napisa pisze oznajmi odpowi apeluj apelow zaapelow "
            "argumentuj argumentow deklaruj deklarow zadeklar obieca przekaza przekazu ujawni zdradzi "
            "zaprzecz potwierdz dopowie wylicz szacow szacuj oszacow oszacuj podał podała podali podało "
            "podaje podają podaw podać dodał dodała dodali dodało dodaje dodają dodaw dodać prognozuj "
            "prognozow alarmuj alarmow sądził sądzą odpar ogłosi ogłosz ogłasz donos donie opowiad wspomi "
            "wspomn podsumow uznał uznała uznali uznaje uznaw uznać zastrzeg ripost wynika wynikał sugeru "
            "zasugero sugerow oblicz rzekł rzekła zezna uzasadni nadmieni wyzna dementu zdementow wskazał "
            "wskazuj wskazyw wskazać wskazali wskazała"
        )
    )
)
# "według X", "zdaniem X", "wg X"; "jego zdaniem", "według niego" refer back to a source.
ACCORDING_WORDS = _words("według wg zdaniem")
ACCORDING_PRONOUNS = _words("niego niej nich jego jej ich")
# A noun before an organisation that names the organisation itself, not a person in it:
# "agencja Kyodo", "dziennik Die Welt", "spółka CPK" ("agencji AFP" is a recipient).
# With a verb of saying and no name ("– poinformowała spółka", "podał koncern") these
# nouns stand for the organisation named last before them.
ORGANISATION_NOUNS = _words(
    "agencja dziennik gazeta tygodnik portal telewizja stacja radio spółka koncern firma grupa "
    "przewoźnik operator producent bank resort ministerstwo urząd instytut fundusz ośrodek "
    "organizacja stowarzyszenie fundacja związek partia komisja rada sąd prokuratura policja"
)
# Nouns for the kind of place a name after them is: "w mieście Beitbridge", "w stanie Teksas".
PLACE_NOUNS = _words(
    "miasto gmina powiat województwo stan prowincja region obwód okręg kraj wieś miejscowość dzielnica "
    "stolica rejon departament kanton hrabstwo republika"
)
# Nouns (lemmas) for a body whose name follows them in the genitive: "władze powiatu opatowskiego".
BODY_NOUNS = ORGANISATION_NOUNS | _words("władza rząd zarząd samorząd mieszkaniec")
# Feminine forms of roles, mapped to the masculine so that "rzeczniczka" finds "rzecznik".
ROLE_FEMININE = {
    "rzeczniczka": "rzecznik",
    "ekonomistka": "ekonomista",
    "analityczka": "analityk",
    "prezeska": "prezes",
    "dyrektorka": "dyrektor",
    "przewodnicząca": "przewodniczący",
    "posłanka": "poseł",
    "ministra": "minister",
    "szefowa": "szef",
    "prezydentka": "prezydent",
    "burmistrzyni": "burmistrz",
    "ekspertka": "ekspert",
    "synoptyczka": "synoptyk",
}
# Titles before a name that are not roles ("prof. Ewa Kaczmarek", "podkom. Karolina Lis").
TITLES = _words("pan pani prof dr hab inż mgr red ks abp bp gen płk ppłk kpt mjr por podkom nadkom insp asp mec")
