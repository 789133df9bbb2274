"""English word lists for the claims extractor (same shape as :mod:`.lexicon_pl`)."""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


WordClass = tuple[str, float]

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
# Denominators of spoken fractions ("two thirds", "one-half"); only read after a numeral,
# where they cannot be ordinals ("the third").
_FRACTIONS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fourth": 4,
    "fourths": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}


def _build_numerals() -> dict[str, WordClass]:
    table: dict[str, WordClass] = {}
    for value, word in enumerate(_UNITS):
        table[word] = ("u", float(value))
    for value, word in enumerate(_TEENS, start=10):
        table[word] = ("n", float(value))
    for value, word in zip(range(20, 100, 10), _TENS, strict=True):
        table[word] = ("t", float(value))
    table["hundred"] = ("H", 100.0)  # multiplies: "two hundred"
    for word, scale in _SCALES.items():
        # English scale words need a number or an article before them ("a million",
        # "five thousand"); alone ("thousand", "millions of") they are vague.
        table[word] = ("sp", scale)
        table[word + "s"] = ("sp", scale)
    for word, denominator in _FRACTIONS.items():
        table[word] = ("frac", float(denominator))
    return table


NUMERALS: dict[str, WordClass] = _build_numerals()
FOLDED_NUMERALS: dict[str, WordClass] = {}
# "one" alone is usually a pronoun ("one of them", "the one who").
WEAK_NUMERALS = frozenset({"one"})
ARTICLES = frozenset({"a", "an"})  # "a hundred", "a million" = 1 × scale
CONNECTORS = frozenset({"and", "&"})

SCALE_RE = re.compile(r"\s?(?:(?P<k>k|K)|(?P<m>mn|MM)|(?P<g>bn)|(?P<t>tn))(?!\w)")
SCALE_ABBREV_VALUE = {"k": 1e3, "m": 1e6, "g": 1e9, "t": 1e12}
# Letters glued to a number that scale it ("$2.174T", "€10M", "0.5k"); "m" is a
# million only after a currency sign ("$5m"), otherwise metres.
GLUED_SCALES = {"k": 1e3, "K": 1e3, "M": 1e6, "MM": 1e6, "mn": 1e6, "B": 1e9, "bn": 1e9, "T": 1e12, "tn": 1e12}
GLUED_SCALES_AFTER_CURRENCY = {"m": 1e6}

_P = r"(?:'s?)?(?!\w)"  # plural/possessive tail: "six weeks' time"
_UNIT_PATTERNS: list[tuple[str, str, str | None, float, str]] = [
    ("pp", "percent", "pp", 1.0, r"percentage[\s-]points?(?!\w)|pp(?!\w)|ppt(?!\w)|p\.p\.?"),
    ("pct", "percent", "percent", 1.0, r"%|per\s?cent(?!\w)|percent(?!\w)|pct(?!\w)"),
    ("usd", "money", "USD", 1.0, r"(?:US\s+|American\s+)?dollars?(?!\w)|USD(?!\w)|US\$|\$"),
    ("eur", "money", "EUR", 1.0, r"euros?(?!\w)|EUR(?!\w)|€"),
    ("gbp", "money", "GBP", 1.0, r"pounds?\s+sterling|pounds?(?!\w)|sterling(?!\w)|GBP(?!\w)|£"),
    ("jpy", "money", "JPY", 1.0, r"(?:Japanese\s+)?yens?(?!\w)|JPY(?!\w)|¥"),
    ("cny", "money", "CNY", 1.0, r"yuan(?!\w)|renminbi(?!\w)|CNY(?!\w)"),
    ("rub", "money", "RUB", 1.0, r"r[ou]bles?(?!\w)|RUB(?!\w)|₽"),
    ("uah", "money", "UAH", 1.0, r"hryvni(?:a|as|e)(?!\w)|UAH(?!\w)|₴"),
    ("chf", "money", "CHF", 1.0, r"(?:Swiss\s+)?francs?(?!\w)|CHF(?!\w)"),
    ("pln", "money", "PLN", 1.0, r"zlot(?:y|ys|ies)(?!\w)|PLN(?!\w)"),
    ("year", "duration", "year", 1.0, r"years?" + _P + r"|yrs?(?!\w)"),
    ("decade", "duration", "year", 10.0, r"decades?" + _P),
    ("month", "duration", "month", 1.0, r"months?" + _P),
    ("week", "duration", "week", 1.0, r"weeks?" + _P + r"|wks?(?!\w)"),
    ("day", "duration", "day", 1.0, r"days?" + _P),
    ("hour", "duration", "hour", 1.0, r"hours?" + _P + r"|hrs?(?!\w)|h(?![\w/])"),
    ("minute", "duration", "minute", 1.0, r"minutes?" + _P + r"|mins?(?!\w)"),
    ("second", "duration", "second", 1.0, r"seconds?" + _P + r"|secs?(?!\w)|s(?![\w-])"),
    # units outside the record: recognised so that they are not read as km, m, t…
    (
        "unsupported",
        "count",
        None,
        1.0,
        r"km\s?/\s?h|kph(?!\w)|mph(?!\w)|(?:km|m)(?:2|²|\^2|\^3)(?!\w)|(?:km|kilomet(?:er|re)s?|m)\s+(?:squared|cubed)"
        r"|(?:square|sq\.?)\s+[a-z]+|cubic\s+(?!met)[a-z]+|kilomet(?:er|re)s?\s+(?:per|an|a)\s+hour"
        r"|kWh|MWh|GWh|kW(?!\w)|m\s?/\s?s(?!\w)|metres?\s+per|meters?\s+per",
    ),
    ("km", "measure", "km", 1.0, r"km(?!\w)|kilomet(?:er|re)s?(?!\w)"),
    ("m3", "measure", "m3", 1.0, r"m(?:3|³)(?!\w)|cubic\s+met(?:er|re)s?(?!\w)"),
    ("m", "measure", "m", 1.0, r"m(?!\w|\.\w)|met(?:er|re)s?(?!\w)"),
    ("kg", "measure", "kg", 1.0, r"kg(?!\w)|kilo(?:gram)?s?(?!\w)"),
    ("t", "measure", "t", 1.0, r"(?:metric\s+)?tonnes?(?!\w)|tons?(?!\w)|t(?!\w|\.\w)"),
    ("mw", "measure", "MW", 1.0, r"MW(?!\w)|megawatts?(?!\w)"),
    ("gw", "measure", "GW", 1.0, r"GW(?!\w)|gigawatts?(?!\w)"),
    ("twh", "measure", "TWh", 1.0, r"TWh(?!\w)|terawatt[\s-]hours?(?!\w)"),
    ("degc", "measure", "degC", 1.0, r"°\s?C(?!\w)|℃|degrees?\s+(?:C(?!\w)|Celsius|centigrade)|Celsius"),
]
UNIT_RE = re.compile(r"\s?-?(?:" + "|".join(f"(?P<{name}>{pat})" for name, _, _, _, pat in _UNIT_PATTERNS) + ")")
UNITS: dict[str, tuple[str, str | None, float]] = {
    name: (kind, unit, factor) for name, kind, unit, factor, _ in _UNIT_PATTERNS
}
PREFIX_CURRENCY_RE = re.compile(r"(?P<cur>US\$|\$|€|£|¥|₴|₽|(?<!\w)(?:PLN|EUR|USD|GBP|CHF|UAH|RUB|JPY|CNY))\s?$")
PREFIX_CURRENCY = {
    "US$": "USD",
    "$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₴": "UAH",
    "₽": "RUB",
}
# Letters that may be glued to a number without making it an identifier: units of
# the record and common ones outside it ("25lbs", "100cl", "2pm" is excluded earlier).
GLUED_UNITS = _words(
    "km m kg t mw gw twh h hr hrs min s sec ms k m3 km2 km3 m2 cm mm nm g mg lb lbs oz ft mi "
    "l ml cl gb mb tb kb ghz mhz hz kw kwh mwh gwh ev kev mev tev w wh v"
)

_QUALIFIERS: list[tuple[str, str]] = [
    ("ge", r"at\s+least|no\s+(?:less|fewer)\s+than|a\s+minimum\s+of|minimum(?:\s+of)?"),
    ("le", r"up\s+to|at\s+most|no\s+more\s+than|a\s+maximum\s+of|maximum(?:\s+of)?|as\s+(?:many|much)\s+as"),
    ("gt", r"more\s+than|over|above|in\s+excess\s+of|upwards\s+of|exceeding|greater\s+than|higher\s+than"),
    ("lt", r"less\s+than|fewer\s+than|under|below|nearly|almost|just\s+(?:under|below|shy\s+of)|lower\s+than"),
    (
        "approx",
        r"about|around|approximately|approx\.|roughly|some|circa|c\.|an\s+estimated|estimated|close\s+to"
        r"|somewhere\s+around|near",
    ),
]
QUALIFIER_RE = re.compile(
    r"(?<![\w.])(?:" + "|".join(f"(?P<{q}>{p})" for q, p in _QUALIFIERS) + r")(?:\s+(?:of|for|by))?\s*$",
    re.IGNORECASE,
)
CHANGE_STEM_RE = re.compile(r"(?!x)x")  # English "to" is never an upper bound; "up to" is
RANGE_OPEN = frozenset({"from"})
BETWEEN_OPEN = frozenset({"between"})
CHANGE_OPEN: frozenset[str] = frozenset()
RANGE_TO = frozenset({"to"})
BETWEEN_AND = frozenset({"and"})
LIST_JOIN = frozenset({"and", "or"})
MINUS_WORDS = frozenset({"minus"})

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_MONTH_WORDS = (
    "jan january feb february mar march apr april may jun june jul july aug august sep sept september "
    "oct october nov november dec december"
)
# Anchored like the Polish lists (see lexicon_pl.EXCLUDE_AT_NUMBER).
EXCLUDE_AT_NUMBER = [
    r"\d{4}-\d{1,2}-\d{1,2}(?!\d)",
    r"(?<![\d,.])\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?!\d)",
    r"(?<![\d,.])\d{1,2}(?:st|nd|rd|th)?(?:\s?-\s?\d{1,2}(?:st|nd|rd|th)?)?\s(?:of\s)?"
    + _MONTH
    + r"(?!\w)(?:,?\s\d{4})?",
    # clock times: "2 pm", "2.17pm", "10:30", "5 o'clock"
    r"(?<![\d.,])\d{1,2}(?:[:.][0-5]\d)?\s?(?:[ap]\.?m\.?)(?!\w)",
    r"(?<![\d,.])\d{1,2}\so'clock",
    r"(?<![\d,])\d+:\d+(?![\d,])",
    # year ranges: "2013-14", "2019/2020"
    r"(?<![\d,])(?:1[89]\d\d|20\d\d)\s?[-/]\s?(?:1[89]\d\d|20\d\d|\d\d)(?![\d,])",
    r"(?<![\d,])\d{3}-\d{3}-\d{4}(?![\d,])",
]
EXCLUDE_AT_CUE: list[tuple[str, str]] = [
    ("http https www", r"(?:https?://|www\.)\S+"),
    (
        _MONTH_WORDS,
        _MONTH + r"\s\d{1,2}(?:st|nd|rd|th)?(?:(?:\s?-\s?|\sto\s)\d{1,2}(?:st|nd|rd|th)?)?(?:,?\s\d{4})?(?!\d)",
    ),
    (_MONTH_WORDS, _MONTH + r"\s\d{4}(?!\d)"),
    ("'", r"'\d\d(?!\w)"),  # "the '90s"
    # references: "No. 5", "#5", "Article 5", "page 45", "p. 45"
    (
        "no nos # article section chapter page p pp room route flight vol volume episode season level part "
        "phase grade number",
        r"(?:No\.|no\.|nos\.|Nos\.|#|[Aa]rticle|[Ss]ection|[Cc]hapter|[Pp]age|pp?\.|[Rr]oom|[Rr]oute|[Ff]light|"
        r"[Vv]ol\.|[Vv]olume|[Ee]pisode|[Ss]eason|[Ll]evel|[Pp]art|[Pp]hase|[Gg]rade|[Nn]umber)\s?\d+[a-z]?",
    ),
    ("tel phone fax call", r"[^\W\d_]+\.?:?\s?(?:\+?\d[\d\s()-]{5,}\d)"),
    ("+", r"\+\d{1,3}[\s-]?\d[\d\s-]{6,}\d"),
    ("(", r"\(\d{3}\)\s?\d{3}[\s-]\d{4}"),
]
YEAR_CUES = _words(
    "in since by from until till of during before after circa c year the early late mid to and or summer "
    "winter spring autumn fall"
)
CLAUSE_WORDS = _words("that which who whom whose because although though while but when if")
# Forms of verbs of saying (no lemmatiser for English here).
SAY_FORMS = _words(
    "said says say saying told tells tell added adds noted notes stated states explained explains "
    "warned warns argued argues claimed claims insisted insists announced announces estimated "
    "estimates wrote writes"
)
# "according to X" (the word after "according" is skipped like Polish "według danych").
ACCORDING_WORDS = _words("according")
ACCORDING_PRONOUNS = _words("him her them")
# Words that end an English noun phrase when looking for the counted noun.
STOPWORDS = _words(
    "a an the of in on at to for from by with and or but is are was were be been being has have had "
    "do does did will would can could should may might must that which who this these those it its "
    "their his her our your my than then as per into onto over under about after before since until "
    "while when where what why how not no nor so such only also just very more most less least each "
    "every all some any other another there here they we he she you i them us him me again"
)
