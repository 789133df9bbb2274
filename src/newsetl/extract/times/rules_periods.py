"""Rules for durations, sets, seasons, decades, centuries and quarters."""

from __future__ import annotations

import re

from newsetl.extract.claims.numbers import parse_words
from newsetl.extract.claims.profile import POLISH
from newsetl.extract.times import lexicon as lx
from newsetl.extract.times import patterns as px
from newsetl.extract.times.lexicon import words
from newsetl.extract.times.model import Parts
from newsetl.extract.times.rules_clock import minutes_past
from newsetl.extract.times.rules_numbers import (
    duration_value,
    found,
    from_today,
    offset_parts,
    with_year,
)
from newsetl.extract.times.scan import Doc, Found

# --- numbers in words: durations, offsets, frequencies -------------------------------------


def _words_from(doc: Doc, i: int, limit: int = 8) -> list[str]:
    said: list[str] = []
    j = i
    while doc.joined(i, j) and len(said) < limit and doc.low[j][0].isalpha():
        said.append(doc.tok(j))
        j += 1
    return said


def numeral_word_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "trzy dni temu", "przez cztery lata", "za dwa tygodnie", "pół roku", "kilka lat"."""
    key = doc.low[i]
    if key in lx.VAGUE_NUMBERS:
        n: float | None = None
        k = i + 1
    else:
        parsed = parse_words(_words_from(doc, i), POLISH)
        if parsed is None:
            return None
        n, k = parsed.value, i + parsed.consumed
    if n is not None and n == int(n):
        past = minutes_past(doc, i, doc.end(k - 1), int(n))  # "piętnaście po trzeciej"
        if past is not None:
            return past
    unit_word = doc.low[k] if doc.joined(i, k) else ""
    if unit_word in ("raz", "razy"):
        return _frequency(doc, i, k)
    unit = lx.DURATION_UNITS.get(unit_word)
    if unit is None:
        return None
    s, end = doc.start(i), doc.end(k)
    ago = doc.next_low(k) == "temu"
    later = from_today(doc, end, doc.limit(i))
    future = doc.prev_word(i) == "za" or later is not None
    end = later or end
    if n is None:
        if ago or future:
            return [
                found(
                    doc,
                    i,
                    s,
                    doc.end(k + 1) if ago else end,
                    Parts("date", literal="PAST_REF" if ago else "FUTURE_REF"),
                )
            ]
        return [found(doc, i, s, end, Parts("duration", literal=f"PX{unit[-1] if unit.startswith('T') else unit}"))]
    if ago or future:
        parts = offset_parts(n, unit, -1 if ago else 1)
        if parts is not None:
            return [found(doc, i, s, doc.end(k + 1) if ago else end, parts)]
    return [found(doc, i, s, end, Parts("duration", literal=duration_value(n, unit)))]


_PER = {"tydzień": "P1W", "tygodniu": "P1W", "miesiąc": "P1M", "miesiącu": "P1M", "rok": "P1Y", "roku": "P1Y"}
_PER.update({"kwartał": "P1Q", "kwartale": "P1Q", "dzień": "P1D", "dobę": "P1D", "godzinę": "PT1H", "dekadę": "P10Y"})


def _frequency(doc: Doc, i: int, k: int) -> list[Found] | None:
    """Reads "dwa razy w tygodniu", "raz na miesiąc", "raz do roku"."""
    if doc.next_low(k) not in ("w", "na", "do") or doc.next_low(k, 2) not in _PER:
        return None
    return [found(doc, i, doc.start(i), doc.end(k + 2), Parts("set", literal=_PER[doc.low[k + 2]]))]


def raz_at(doc: Doc, i: int) -> list[Found] | None:
    return _frequency(doc, i, i)


_ADJECTIVE_ENDINGS = ("owy", "owa", "owe", "ny", "na", "ne", "czny", "czna", "ski", "ska", "ki")
_SINGULAR_UNITS = frozenset(
    words(
        "rok roku tydzień tygodnia miesiąc miesiąca dzień dnia doba dobę kwartał kwartału godzinę godziny minutę "
        "dekadę dekady"
    )
)
_VAGUE_PLURALS = {"lat": "PXY", "laty": "PXY", "miesięcy": "PXM", "tygodni": "PXW", "dekad": "PXDE"}


def unit_word_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "rok temu", "za tydzień", "przez rok", "od lat", "przed laty"."""
    key = doc.low[i]
    prev = doc.prev_word(i)
    s, e = doc.start(i), doc.end(i)
    if key in _VAGUE_PLURALS:
        if prev in ("od", "przed", "przez") and doc.next_low(i) not in ("temu",):
            return [found(doc, i, s, e, Parts("duration", literal=_VAGUE_PLURALS[key]))]
        return None
    if key not in _SINGULAR_UNITS:
        return None
    unit = lx.DURATION_UNITS[key]
    if prev == "za" and doc.next_low(i).endswith(_ADJECTIVE_ENDINGS):
        return None  # "za miesiąc rozliczeniowy": for the month, not in a month
    later = from_today(doc, e, doc.limit(i))
    if doc.next_low(i) == "temu" or prev == "za" or later:
        parts = offset_parts(1, unit, -1 if doc.next_low(i) == "temu" else 1)
        if parts is not None:
            return [found(doc, i, s, doc.end(i + 1) if doc.next_low(i) == "temu" else (later or e), parts)]
    if prev in ("przez", "na", "ciągu", "przeciągu", "po"):
        return [found(doc, i, s, e, Parts("duration", literal=duration_value(1, unit)))]
    return None


# --- sets ---------------------------------------------------------------------------------

_EVERY_PART = {"wieczór": "EV", "rano": "MO", "noc": "NI", "ranek": "MO", "południe": "MI"}


def every_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "co roku", "co dwa lata", "co 5 minut", "co niedzielę", "co wieczór"."""
    nxt = doc.next_low(i)
    s = doc.start(i)
    if nxt in lx.WEEKDAYS:
        return [found(doc, i, s, doc.end(i + 1), Parts("set", literal=f"XXXX-WXX-{lx.WEEKDAYS[nxt]}"))]
    if nxt in _EVERY_PART:
        return [found(doc, i, s, doc.end(i + 1), Parts("set", literal=f"XXXX-XX-XXT{_EVERY_PART[nxt]}"))]
    if nxt in ("roku", "rok", "miesiąc", "tydzień", "dzień", "dnia", "kwartał", "godzinę", "weekend", "sezon"):
        period = lx.DURATION_UNITS.get(nxt, "Y")
        literal = "XXXX-WXX-WE" if nxt == "weekend" else duration_value(1, period)
        return [found(doc, i, s, doc.end(i + 1), Parts("set", literal=literal))]
    if not nxt or not (nxt[0].isdigit() or POLISH.numeral(nxt)):
        return None
    if nxt[0].isdigit():
        n: float = float(nxt) if nxt.isdigit() else 0.0
        k = i + 2
    else:
        parsed = parse_words(_words_from(doc, i + 1), POLISH)
        if parsed is None:
            return None
        n, k = parsed.value, i + 1 + parsed.consumed
    unit = lx.DURATION_UNITS.get(doc.low[k]) if doc.joined(i, k) else None
    if unit is None or not n:
        return None
    return [found(doc, i, s, doc.end(k), Parts("set", literal=duration_value(n, unit)))]


def set_word_at(doc: Doc, i: int) -> list[Found] | None:
    return [found(doc, i, doc.start(i), doc.end(i), Parts("set", literal=lx.SET_ADVERBS[doc.low[i]]))]


# --- seasons, decades, centuries, quarters --------------------------------------------------


def season_at(doc: Doc, i: int) -> list[Found] | None:
    key = doc.low[i]
    if key == "lecie" and doc.prev_word(i) != "w":
        return None
    m = px.YEAR_TAIL_RX.match(doc.text, doc.end(i), doc.limit(i))
    parts = Parts("date", season=lx.SEASONS[key])
    end = doc.end(i)
    if m is not None and m.end() > end:
        with_year(parts, m)
        end = m.end()
    elif doc.capitalized_inside(i):
        return None
    return [found(doc, i, doc.start(i), end, parts)]


# Nouns a season adjective describes without dating anything ("opony zimowe", "czas
# letni", "igrzyska zimowe", "letnia woda").
_SEASONLESS = (
    "opon",
    "igrzysk",
    "olimpi",
    "kurtk",
    "płaszcz",
    "but",
    "ubra",
    "odzież",
    "strój",
    "stroj",
    "czas",
    "sport",
    "dyscyplin",
    "kolekcj",
    "wod",
    "napęd",
    "sprzęt",
    "ogród",
    "ogrod",
    "pałac",
    "rezydencj",
    "dom",
    "kuchni",
    "paraolimpi",
    "paralimpi",
    "krajobraz",
    "pejzaż",
    "płaszcz",
    "mundur",
    "liśc",
    "kwiat",
    "okres",
)


def season_adjective_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "jesienne wybory", "w przerwie zimowej", "letni obóz" (lower case only)."""
    if doc.capitalized_inside(i) or doc.prev_word(i) in ("-", "–") or (i and doc.low[i - 1][0].isdigit()):
        return None
    neighbours = (doc.next_low(i), doc.low[i - 1] if i and doc.joined(i, i - 1) else "")
    if any(w.startswith(_SEASONLESS) for w in neighbours if w):
        return None
    if doc.low[i].startswith("letn") and not doc.next_low(i)[:1].isalpha():
        return None  # "najlepiej letnia." (lukewarm)
    return [found(doc, i, doc.start(i), doc.end(i), Parts("date", season=lx.SEASON_ADJECTIVES[doc.low[i]]))]


_CENTURY_TAIL = re.compile(
    r"\s(?:(?P<c>(?-i:XXI|XX|XIX))\s?(?:w\.|wieku|wiek)|(?P<prev>ubiegłego|zeszłego|poprzedniego)\s+(?:wieku|stulecia)"
    r"|(?P<this>tego|obecnego|bieżącego|naszego)\s+(?:wieku|stulecia))(?!\w)",
    re.IGNORECASE,
)


def decade_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "w latach 90.", "lata siedemdziesiąte", "latach 90-tych XX w."."""
    j = i + 1
    if not doc.joined(i, j):
        return None
    if doc.low[j] in lx.DECADE_WORDS:
        tens, end = lx.DECADE_WORDS[doc.low[j]], doc.end(j)
    else:
        m = px.DECADE_DIGITS.match(doc.text, doc.start(j), doc.limit(i))
        if m is None:
            return None
        tens, end = int(m["dec"]) // 10, m.end()
    century = 19
    tail = _CENTURY_TAIL.match(doc.text, end, doc.limit(i))
    if tail is not None:
        century = lx.ROMAN_CENTURIES[tail["c"]] - 1 if tail["c"] else (19 if tail["prev"] else 20)
        end = tail.end()
    return [found(doc, i, doc.start(i), end, Parts("date", decade=century * 10 + tens))]


def century_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "XX w.", "w XIX wieku" (uppercase Roman numerals only)."""
    if not doc.text[doc.start(i)].isupper():
        return None
    m = px.CENTURY.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    return [found(doc, i, m.start(), m.end(), Parts("date", century=lx.ROMAN_CENTURIES[m["c"]] - 1))]


def century_adjective_at(doc: Doc, i: int) -> list[Found] | None:
    parts = Parts("date", century=lx.CENTURY_ADJECTIVES[doc.low[i]] - 1)
    return [found(doc, i, doc.start(i), doc.end(i), parts)]


def roman_quarter_at(doc: Doc, i: int) -> list[Found] | None:
    """Reads "I kwartał 2024", "w II kw. br.", "w I półroczu"."""
    if not doc.text[doc.start(i)].isupper():
        return None
    m = px.ROMAN_QUARTER.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    n = lx.ROMAN_CENTURIES[m["q"]]
    if m["h"] and n > 2:
        return None
    parts = Parts("date", half=n) if m["h"] else Parts("date", quarter=n)
    return [found(doc, i, m.start(), m.end(), with_year(parts, m))]


def q_quarter_at(doc: Doc, i: int) -> list[Found] | None:
    m = px.Q_QUARTER.match(doc.text, doc.start(i), doc.limit(i))
    if m is None:
        return None
    parts = Parts("date", quarter=int(m["q"]))
    if m["y"]:
        parts.year = int(m["y"]) if len(m["y"]) == 4 else 2000 + int(m["y"])
    return [found(doc, i, m.start(), m.end(), parts)]
