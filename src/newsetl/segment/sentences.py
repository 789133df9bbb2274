"""Sentence boundaries inside one paragraph.

Candidates are found with one compiled expression (a run of ``. ? ! …`` with the closing
quotes/brackets glued to it, followed by whitespace; or a line break), so the text
between candidates is never visited in Python. Each candidate is then judged by
:func:`_ends` from the word before it, the next one or two words and, for the few
ambiguous Polish cases, Morfeusz's analyses.
"""

from __future__ import annotations

import re

from newsetl.morph import Morphology
from newsetl.segment import lexicon as lx
from newsetl.segment.rules import PL_CLAUSE_OPENERS, PREFIX, SUFFIX, UNIT, WEAK, Rules
from newsetl.words import WEB_DOMAIN_ENDING, words

_CANDIDATE = re.compile(r"""(?P<p>[.?!…]+|(?<!\S)[:;]-?[()DP]+)(?P<c>["'”’»)\]}]*)(?=\s)|(?P<nl>\n)""")
# How far back to look for the word before a period (longer chunks are URLs and the
# like, decided by their end anyway); bounds the work per candidate.
_LOOKBACK = 80
_NON_SPACE = re.compile(r"\S")
_HIT = re.compile(r"[.?!…:;\n]")
# The next one or two whitespace-separated chunks after a candidate.
_NEXT = re.compile(r"\s+(\S+)(?:\s+(\S+))?")
_OPENERS = "\"'„«“([{"
_DASHES = frozenset(["-", "--", "–", "—"])
_BULLETS = frozenset("-–—•*·▪►")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DOMAIN = re.compile(rf"(?:^(?:https?|ftp)://|^www\.|@|\.{WEB_DOMAIN_ENDING}$)")
_DOTTED = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})+")
_WORD = re.compile(r"[^\W_]+")
_CLAUSE_BREAK = re.compile(r"[,;:]| - ")
_LIST_MARKER = re.compile(r"\d{1,3}[a-z]?\.")
_INITIAL = re.compile(r"[^\W\d_]\.[:,]?")
# What may number a list item at the start of a sentence: "1.", "2a.", "IV.", "b.".
_ITEM = re.compile(r"\d{1,3}[a-z]?|[IVXLC]{1,6}|[a-z]")
# Suffix abbreviations that close a list: a capital after them always starts a sentence.
_LIST_ENDERS = words("itd itp etc jw cdn")
# Suffix abbreviations of dates, after which a capital may continue a fronted adverbial.
_DATE_UNITS = words("r rr w br")
# Quantities that take a genitive complement ("0,5 proc. PKB").
_QUANTITIES = words("tys mln mld bln proc")
_NUMBERISH = words("mln mld tys bln ° / % proc")
# Day-month-year at the very start of a sentence: "12 stycznia 1945 r. Armia ...".
_DATE_START = re.compile(r"\d{1,2} [^\W\d_]+ \d{4}$")
# Words whose line may end without being a headline (the line was wrapped after them).
_CONTINUES = frozenset(
    [
        "w",
        "we",
        "z",
        "ze",
        "i",
        "a",
        "o",
        "u",
        "na",
        "do",
        "od",
        "po",
        "za",
        "że",
        "iż",
        "oraz",
        "lub",
        "albo",
        "czy",
        "to",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
    ]
)


def sentence_ends(text: str, start: int, end: int, rules: Rules, morph: Morphology | None) -> list[int]:
    """End offsets (exclusive, before trailing space) of the sentences of the paragraph
    ``text[start:end]``; the last one is always ``end``."""
    ends: list[int] = []
    sent_start = start
    last_cand = -1
    wrapped: bool | None = None
    skip = start
    # A one-character-class scan finds the few places worth a full match (~10x faster
    # than finditer with the full expression, which tries its alternatives everywhere).
    for hit in _HIT.finditer(text, start, end):
        pos = hit.start()
        if pos < skip:
            continue  # inside a candidate already judged ("?!", "...")
        m = _CANDIDATE.match(text, pos, end)
        if m is None:
            continue
        skip = m.end()
        if m.group("nl"):
            pos = m.start()
            if _prev_nonspace(text, start, pos) == last_cand:
                continue  # the line ends with punctuation: already judged
            if wrapped is None:
                wrapped = _is_wrapped(text[start:end])
            if _line_break_ends(text, start, end, pos, wrapped):
                ends.append(_rstrip(text, sent_start, pos))
                sent_start = pos + 1
            continue
        last_cand = m.end()
        if _ends(text, start, end, sent_start, m, rules, morph):
            ends.append(m.end())
            sent_start = m.end()
    ends.append(end)
    return ends


def _prev_nonspace(text: str, floor: int, pos: int) -> int:
    while pos > floor and text[pos - 1] in " \t":
        pos -= 1
    return pos


def _rstrip(text: str, floor: int, pos: int) -> int:
    while pos > floor and text[pos - 1].isspace():
        pos -= 1
    return pos


def _strip_openers(chunk: str) -> str:
    return chunk.lstrip(_OPENERS)


def _ends(
    text: str,
    pstart: int,
    pend: int,
    sent_start: int,
    m: re.Match[str],
    rules: Rules,
    morph: Morphology | None,
) -> bool:
    punct, close = m.group("p"), m.group("c")
    nm = _NEXT.match(text, m.end(), pend)
    if nm is None:
        return True
    nxt, nxt2 = nm.group(1), nm.group(2)
    if nxt in _DASHES:
        # `"Tak?" - zapytał` and `"Tak." - powiedział` continue (the attribution);
        # `- Idę. - Dokąd?` is a new line of dialogue. Polish puts no period before an
        # attribution dash, so after a bare period a dash always opens a new sentence.
        after = _strip_openers(nxt2 or "")
        if not after[:1].islower():
            return True
        return punct in (".", "..") and not close
    word = _strip_openers(nxt)
    first = word[:1]
    lower_next = first.islower()
    upper_next = first.isupper()

    if "?" in punct or "!" in punct or punct[0] in ":;":  # ":;" is an emoticon
        # A lower-case word after "?" ends the sentence unless the "?" closed a quote or
        # bracket inside it: `pytanie "Co dalej?" pozostaje`, "(sic!) jest".
        return not (lower_next and close)
    if punct == "..":
        return True  # NKJP's spoken-transcript convention; never inside a sentence
    if len(punct) > 1 or punct == "…":
        return upper_next  # "Czekał… i czekał" goes on; so does "(Zarządzenie... 1992)"
    if close:
        return not lower_next

    # A single period: look at the word before it.
    ws = _chunk_start(text, max(pstart, m.start() - _LOOKBACK), m.start())
    core = _strip_openers(text[ws : m.start()])
    if not core or not core[-1].isalnum() or _DOMAIN.search(core):
        return not lower_next  # "(PAP).", "20%.", "onet.pl."
    # "… ust. 3. 6. Minister …": the next chunk is the list number of a new sentence.
    marker_next = _LIST_MARKER.fullmatch(nxt) is not None and (nxt2 or "")[:1].isupper()

    if _ITEM.fullmatch(core) and _NON_SPACE.search(text, sent_start, ws) is None:
        return False  # a list item's number: "1. Ustawa", "2a. Minister"
    if _NUMBER.fullmatch(core):
        if marker_next:
            return True
        return _number_ends(text, sent_start, ws, word, lower_next, upper_next, rules, morph)

    if len(core) == 1 and core.isupper():
        return _initial_ends(text, sent_start, ws, nxt, word, upper_next, rules, morph)
    cls = rules.abbreviation(core)
    if cls is None and _DOTTED.fullmatch(core):
        cls = WEAK  # unknown dotted abbreviation: "K.I.G.", "A.D."
    if cls == UNIT:
        cls = SUFFIX if _after_number(text, sent_start, ws) else PREFIX

    if cls == PREFIX:
        return False
    if cls == WEAK:
        return upper_next and rules.starts_sentence(_lead_word(word), morph)
    if cls == SUFFIX:
        if marker_next:
            return True
        if not upper_next:
            return False
        lead = _lead_word(word)
        low = core.lower()
        if low in _LIST_ENDERS or rules.starts_sentence(lead, morph):
            return True
        if rules.polish and morph is not None and low in _DATE_UNITS:
            return not _fronted_date(text, sent_start, ws, rules, morph)
        # A quantity's complement continues the sentence: "0,5 proc. PKB", "30 tys. Albańczyków".
        complement = (len(lead) > 1 and lead.isupper()) or (morph is not None and _genitive_only(lead, morph))
        return not (low in _QUANTITIES and complement)
    # An ordinary word.
    if lower_next:
        if rules.polish and morph is not None:
            return not _morfeusz_abbreviation(core, morph)
        return False
    return True


def _genitive_only(word: str, morph: Morphology) -> bool:
    """True when every reading of ``word`` is a noun in the genitive (or gen./acc.)."""
    interps = morph.analyse(word)
    return all(i.pos == "subst" and "gen" in i.tag and "nom" not in i.tag for i in interps)


def _initial_ends(
    text: str,
    sent_start: int,
    ws: int,
    nxt: str,
    word: str,
    upper_next: bool,
    rules: Rules,
    morph: Morphology | None,
) -> bool:
    """A single capital letter before the period.

    Before a name it is an initial ("J. Kowalski", "K. I. Gałczyński"); after a first
    name it abbreviates a surname ("Krzysztof W.", common in crime news) and the sentence
    may end there; after a number it is a unit ("1,55 V.", "20 ° C.").
    """
    if not upper_next or _INITIAL.fullmatch(nxt):
        return False
    if _after_number(text, sent_start, ws) or rules.starts_sentence(_lead_word(word), morph):
        return True
    prev = _prev_word(text, sent_start, ws)
    if rules.polish and morph is not None and prev[:1].isupper():
        return any("imię" in i.qualifiers for i in morph.analyse(prev))
    return False


def _lead_word(chunk: str) -> str:
    wm = _WORD.match(chunk)
    return wm.group() if wm else chunk


def _chunk_start(text: str, floor: int, pos: int) -> int:
    """Start of the whitespace-free chunk ending at ``pos`` (not before ``floor``)."""
    return max(text.rfind(" ", floor, pos), text.rfind("\n", floor, pos), floor - 1) + 1


def _prev_word(text: str, sent_start: int, ws: int) -> str:
    """The whitespace-separated chunk before offset ``ws`` in the sentence, or ""."""
    end = _rstrip(text, sent_start, ws)
    return text[_chunk_start(text, max(sent_start, end - _LOOKBACK), end) : end].strip(_OPENERS)


def _after_number(text: str, sent_start: int, ws: int) -> bool:
    """True when the previous chunk is a number or a quantity ("5 mln t.", "20 ° C.")."""
    prev = _prev_word(text, sent_start, ws)
    return _NUMBER.fullmatch(prev) is not None or prev.rstrip(".") in _NUMBERISH


def _number_ends(
    text: str,
    sent_start: int,
    ws: int,
    word: str,
    lower_next: bool,
    upper_next: bool,
    rules: Rules,
    morph: Morphology | None,
) -> bool:
    if lower_next:
        return False  # an ordinal: "23. rocznica"
    # Only the end of the sentence so far matters; a window keeps this O(1).
    before = text[max(sent_start, ws - _LOOKBACK) : ws].rstrip()
    if not before or (before[-1] in ":;" and not before[-2:-1].isdigit()):
        return False  # a list marker: "1. Ustawa", "Uwagi: 1. W odniesieniu"
    lead = _lead_word(word)
    if lead in lx.ROMAN_MONTHS or lead.lower() in rules.months:
        return False  # a date: "11. X. 2001", "3. Oktober"
    if (
        before.endswith("latach")
        and morph is not None
        and not rules.starts_sentence(lead, morph)
        and _fronted_date(text, sent_start, ws, rules, morph)
    ):
        return False  # a decade: "Gdy w latach 80. Tadeusz Nawrocki kupował"
    return upper_next or not word[:1].isdigit()


def _fronted_date(text: str, sent_start: int, ws: int, rules: Rules, morph: Morphology) -> bool:
    """True when "… r." closes a fronted time adverbial rather than a sentence.

    "W 2002 r. Jerzy Szczepanik wygrał", "Plany zakładają, że w 2000 r. Rosja będzie":
    the clause so far has no verb and opens with a preposition or conjunction. A clause
    with a verb ("zmarł w 2004 r.") or a dateline ("Warszawa, 29 września 1976 r.")
    is over.
    """
    window = max(sent_start, ws - 4 * _LOOKBACK)  # a clause is rarely longer
    parts = _CLAUSE_BREAK.split(text[window:ws])
    clause = parts[-1]
    words = _WORD.findall(clause)
    if not words:
        return False
    if any(not w.isdigit() and rules.is_verb(w, morph) for w in words):
        return False
    if words[0].lower() in PL_CLAUSE_OPENERS:
        return True
    return len(parts) == 1 and window == sent_start and _DATE_START.match(clause.strip()) is not None


def _morfeusz_abbreviation(core: str, morph: Morphology) -> bool:
    """True when Morfeusz knows ``core.`` as an abbreviation that needs its period, or
    does not know ``core`` at all (an unlisted abbreviation is likelier than a sentence
    starting in lower case)."""
    interps = morph.analyse(core)
    if all(i.tag == "ign" for i in interps):
        return True
    return any(s.start == 0 and s.interp.tag.startswith("brev:pun") for s in morph.graph(core + "."))


def _is_wrapped(par: str) -> bool:
    """True when the paragraph's lines look hard-wrapped (≥ 3 lines of similar length)."""
    lines = par.split("\n")
    if len(lines) < 3:
        return False
    lens = [len(x) for x in lines[:-1]]
    longest = max(lens)
    return longest >= 40 and sum(n >= 0.75 * longest for n in lens) >= 0.8 * len(lens)


def _line_break_ends(text: str, pstart: int, pend: int, pos: int, wrapped: bool) -> bool:
    """Does the line break at ``pos`` (not after terminal punctuation) end a sentence?"""
    nm = _NEXT.match(text, pos, pend)
    if nm is None:
        return False
    nxt = nm.group(1)
    if nxt[0] in _BULLETS:
        return True  # a list item on its own line
    if wrapped:
        return False
    line_start = text.rfind("\n", pstart, pos) + 1 or pstart
    line = text[max(line_start, pstart) : pos].rstrip()
    if not line or line[-1] in ",;-(":
        return False
    first = _strip_openers(nxt)[:1]
    if not (first.isupper() or first.isdigit() or nxt[0] in _OPENERS):
        return False
    last = line.rsplit(None, 1)[-1]
    return last.lower() not in _CONTINUES
