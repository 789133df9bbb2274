"""Which named entity a quantity is about (``subject``): the rule, applied within one sentence.

**The subject is the named entity the quantity belongs to or describes, named in the same
sentence.** The first rule that applies wins (the guideline with examples is
``scripts/data/attribution/GUIDELINE.md``):

1. **Owner or group of the counted things** — a name attached to the counted noun: after
   it in the genitive ("23 państwa NATO", "pięcioro pasażerów PKS"), with "z" for an
   origin ("80 firm z całej Polski"), as an adjective before it ("214 niemieckich
   rodzin"), or the counted noun itself when it is an inhabitant name ("46 proc.
   Polaków").
2. **The actor** — the subject of the clause that holds the quantity: a name before the
   number that heads its own phrase ("Poznań wydał 9 mln zł") or is attached to the
   clause's subject ("23 państwa NATO przeznaczają 2 proc. PKB", "rosyjski produkt
   krajowy brutto zmalał o 17 proc."); else a name after it in the nominative
   ("217 posiedzeń odbyła Rada Ministrów", "odbył premier Jerzy Buzek"); in a relative
   clause the name the pronoun refers to ("Czesław Anikiej, który uzbierał 19,5 kg").
3. **The place whose statistics they are** — a place after "w", "we", "na" or "pod" in
   the clause ("W Polsce brakuje 20 tys. lekarzy").

Names in another clause (after "że", a comma, a dash), names after other prepositions
(recipients, companions, reference points: "przekazała Ukrainie", "od Białegostoku"), the
source of an attribution ("według GUS", "zdaniem NRL") and dates are never subjects.
Only the words around one quantity are analysed, so Morfeusz sees a handful of words per
claim.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsetl.extract.claims import lexicon_pl
from newsetl.extract.claims.cues import Sentence
from newsetl.extract.claims.profile import Profile
from newsetl.extract.claims.scan import Quantity
from newsetl.extract.claims.tokens import DASHES, Tok
from newsetl.morph import Morphology
from newsetl.spans import Mention

_BOUNDARY_SYMS = frozenset(',;:()"[]!?') | DASHES
_PLACE_PREPOSITIONS = frozenset({"w", "we", "na", "pod", "in", "at"})
_ORIGIN_PREPOSITIONS = frozenset({"z", "ze", "from"})
_RELATIVE = frozenset(
    {"który", "która", "które", "którzy", "którego", "której", "którym", "którą", "których", "którymi", "gdzie"}
    | {"who", "which", "where"}
)
_PLACE_LABELS = frozenset({"placeName", "geogName"})
_COORDINATORS = frozenset({"a", "i", "oraz", "ale", "and", "but"})
_EXTEND = 2  # clauses before the quantity's own that may lend it their subject


def _clause(s: Sentence, index: int) -> tuple[int, int]:
    """Word range of the clause around word ``index`` (punctuation and clause words end it)."""
    lo = index
    while lo > 0 and not _breaks(s, lo - 1):
        lo -= 1
    hi = index
    while hi < len(s.words) and not _breaks(s, hi):
        hi += 1
    return lo, hi


def _breaks(s: Sentence, k: int) -> bool:
    tok = s.words[k]
    if tok.text == '"' and ((k > 0 and s.words[k - 1].end in s.ending) or _starts_name(s, k) or _starts_name(s, k + 1)):
        return False  # quote marks around a name: grupa „Stare Dobre Małżeństwo”
    return (tok.kind == "sym" and tok.text in _BOUNDARY_SYMS) or s.is_clause_word(k)


def _starts_name(s: Sentence, k: int) -> bool:
    return k < len(s.words) and s.words[k].start in s.starting


def _joins(s: Sentence, k: int) -> bool:
    """Word ``k`` ends a clause that the next one continues without a new subject: a comma
    or a coordinating word ("…o 26 tys., do 2,81 mln", "…cztery osoby, a 17 zostało rannych")."""
    return s.words[k].text == "," or s.lower(k) in _COORDINATORS


def subject_of(
    toks: Sequence[Tok],
    quantity: Quantity,
    object_index: int,
    mentions: Sequence[Mention],
    profile: Profile,
    morph: Morphology | None,
) -> str | None:
    """Entity id of the quantity's subject in its sentence (``toks``: the claim tokens)."""
    if not mentions:
        return None
    s = Sentence(toks, mentions, morph, profile.lang)
    if not s.mentions:
        return None
    first = s.index_at(quantity.start)
    aside = _bracketed_name(s, first, quantity.tail)
    if aside is not None:
        return aside.entity_id  # "Klaudia G. (19 lat)"
    owner = _owner(s, quantity, first, object_index)
    if owner is not None:
        return owner.entity_id
    lo, hi = _clause(s, first)
    clauses = [(lo, hi)]
    while len(clauses) <= _EXTEND and lo > 1 and _joins(s, lo - 1):
        lo, _ = _clause(s, lo - 2)  # an elliptic clause takes the subject of the one before
        clauses.append((lo, clauses[-1][0] - 1))
    own = clauses[0][0]
    clauses = [c for c in clauses if c[0] == own or not _reports(s, *c)]
    for c_lo, c_hi in clauses:
        start = first if c_lo == own else c_hi
        actor = _actor_before(s, c_lo, start) or _antecedent(s, c_lo)
        if actor is None and c_lo == own:
            actor = _actor_after(s, quantity.tail, c_hi)
        if actor is not None:
            return actor.entity_id
    for c_lo, c_hi in clauses:
        place = _place(s, c_lo, c_hi, first)
        if place is not None:
            return place.entity_id
    topic = _topic(s)
    return topic.entity_id if topic is not None else None


def _bracketed_name(s: Sentence, first: int, tail: int) -> Mention | None:
    """A quantity alone in brackets after a name is about it: "Klaudia G. (19 lat)"."""
    if first < 2 or tail >= len(s.words) or s.words[first - 1].text != "(" or s.words[tail].text != ")":
        return None
    before = first - 2
    if s.words[before].text == ".":
        before -= 1  # "Klaudia G."
    return s.ending.get(s.words[before].end) or s.ending.get(s.words[first - 2].end)


def _topic(s: Sentence) -> Mention | None:
    """A place before a colon opening the sentence is its topic: "Niemcy: bezrobocie najwyższe od trzech lat"."""
    if len(s.words) > 1 and s.words[0].start in s.starting:
        m = s.starting[s.words[0].start]
        after = s.index_at(m.end)
        if m.label in _PLACE_LABELS and after < len(s.words) and s.words[after].text == ":":
            return m
    return None


def _reports(s: Sentence, lo: int, hi: int) -> bool:
    """The clause is an attribution ("Jak podał GUS", "Jak przekazała Lis"): its names are sources."""
    return any(s.say_lemma(k) is not None for k in range(lo, hi))


def _owner(s: Sentence, quantity: Quantity, first: int, object_index: int) -> Mention | None:
    """Rule 1: a name attached to the counted noun."""
    for k in range(quantity.tail, object_index + 1 if object_index >= 0 else quantity.tail):
        m = s.starting.get(s.words[k].start)
        if m is not None:
            return m  # "214 niemieckich rodzin", "46 proc. Polaków"
    after = object_index + 1 if object_index >= 0 else quantity.tail
    if after >= len(s.words):
        return None
    m = s.starting.get(s.words[after].start)
    named = m is not None and not any(ch.isdigit() for ch in m.lemma)  # not a product: "czołgów Leopard 2A8"
    if (
        m is not None
        and named
        and (s.words[after].text[:1].isupper() or (object_index >= 0 and m.label in _PLACE_LABELS))
    ):
        return m  # "23 państwa NATO", "separatyści kaszmirscy"
    if object_index >= 0 and s.lower(after) in _ORIGIN_PREPOSITIONS:
        k = after + 1
        while k < len(s.words) and k <= after + 3:
            m = s.starting.get(s.words[k].start)
            if m is not None:
                return m  # "80 firm z całej Polski"
            if not s.is_adjective(k):
                break
            k += 1
    return None


def _actor_before(s: Sentence, lo: int, first: int) -> Mention | None:
    """Rule 2, before the number: the nearest name that is the clause's subject or attached to it.
    A name right after a verb is its object ("Rosja zaatakowała Ukrainę 40 rakietami",
    "połączy Bronowice z Górką Narodową i będzie miała 4,5 km")."""
    k = first - 1
    while k >= lo:
        m = s.ending.get(s.words[k].end)
        if m is None:
            k -= 1
            continue
        start = s.index_at(m.start)
        after_verb = start > 0 and s.is_verb(start - 1) and not _only_nominative(s, m)
        acting = m.derived != "inhabitant"  # "Holendrzy oszacowali straty": people, not a country
        if start >= lo and not after_verb and acting and _heads_or_joins_subject(s, m, start, lo):
            return m
        k = start - 1
    return None


def _only_nominative(s: Sentence, m: Mention) -> bool:
    """The name's first word reads only as a nominative (surname readings of a place or an
    organisation aside): "odbyła Rada Ministrów" is the subject after its verb, "zaatakowała
    Ukrainę" and "połączy Bronowice" are (or may be) objects."""
    person = m.label == "persName"
    cases = [
        _case_of(it.tag)
        for it in s.interps(s.index_at(m.start))
        if it.pos in ("subst", "depr", "adj") and (person or not {"imię", "nazwisko"} & set(it.qualifiers))
    ]
    return bool(cases) and all(c == "nom" for c in cases)


def _case_of(tag: str) -> str:
    parts = tag.split(":")
    return parts[2] if len(parts) > 2 else ""


def _heads_or_joins_subject(s: Sentence, m: Mention, start: int, lo: int) -> bool:
    before = start - 1
    if before >= lo and s.lower(before) in s.according_words:
        return False  # "według GUS": a source
    source = s.ending.get(s.words[before].end) if before >= lo else None
    if source is not None and s.lower(s.index_at(source.start) - 1) in s.according_words:
        return s.can_be_nominative(m)  # "Zdaniem Zielińskiej Rada Polityki Pieniężnej może obniżyć"
    if before >= lo and s.is_prep(before):
        return False  # a place ("w Polsce") is rule 3; other prepositions never
    if not s.words[start].text[:1].isupper():  # an adjective: "rosyjski produkt krajowy brutto zmalał"
        after = s.index_at(m.end)
        if after < len(s.words) and s.is_nominative_noun(after):
            return True
        return before >= lo and s.is_nominative_noun(before) and not s.is_prep(before - 1)  # "rząd brytyjski"
    if s.is_noun(before) and s.is_new_phrase(m) and s.noun_lemma(before) not in lexicon_pl.ORGANISATION_NOUNS:
        return True  # "We wtorek Królewskie Narodowe Towarzystwo Różane wypuściło": not a genitive
    k = before
    while k >= lo and (s.is_noun(k) or s.is_adjective(k) or s.words[k].kind == "num"):
        k -= 1  # back over the noun phrase the name is attached to: "23 państwa NATO"
    if k == before:
        return s.can_be_nominative(m)  # heads its own phrase: "Poznań wydał" ("Romualda Szeremietiewa" does not)
    if k >= lo and s.is_prep(k):
        return False  # "mimo wzmocnienia partnerstwa NATO"
    head = k + 1
    while head < start and not s.is_noun(head):
        head += 1
    return head < start and s.is_nominative_noun(head)


def _actor_after(s: Sentence, start: int, hi: int) -> Mention | None:
    """Rule 2, after the number: a name in the nominative ("odbyła Rada Ministrów")."""
    k = start
    while k < hi:
        m = s.starting.get(s.words[k].start)
        if m is None:
            k += 1
            continue
        name_word = k + 1 if s.words[k].text == '"' and k + 1 < hi else k  # the mention may hold its quote mark
        j = k - 1
        quoted = name_word > k or (j >= start and s.words[j].text == '"')
        if j >= start and s.words[j].text == '"':
            j -= 1  # sklepu „Zosia”: the quote mark is not what the name follows
        while j >= start and s.is_adjective(j):
            j -= 1  # "dolnośląskie PKO wydało" (a modifier), "wniosków legislacyjnych NIK" (an attribute)
        attribute = j >= start and s.is_noun(j)
        role = k > 0 and s.is_role_noun(k - 1) and m.label == "persName"  # "odbył premier Jerzy Buzek"
        apposition = quoted and attribute and s.is_nominative_noun(j)  # "zagra grupa „Stare Dobre Małżeństwo”"
        if (
            s.words[name_word].text[:1].isupper()
            and not s.is_prep(k - 1)
            and s.can_be_nominative(m)
            and (role or apposition or not attribute)
            and m.derived != "inhabitant"
        ):
            return m
        body = attribute and j == k - 1 and s.noun_lemma(j) in lexicon_pl.BODY_NOUNS and s.is_nominative_noun(j)
        if body and (j == start or s.is_verb(j - 1)):
            return m  # "przeznaczą władze powiatu opatowskiego": the body's name
        k = max(s.index_at(m.end), k + 1)
    return None


def _antecedent(s: Sentence, lo: int) -> Mention | None:
    """In a relative clause, the name the pronoun refers to: "Czesław Anikiej z Białegostoku,
    który uzbierał", "Hsinchu Science Park, w którym pracuje"."""
    k = lo if s.lower(lo) in _RELATIVE else lo - 1  # the clause starts at or after its relative word
    if k < 0 or s.lower(k) not in _RELATIVE:
        return None
    k -= 1
    if k >= 0 and s.is_prep(k):
        k -= 1  # "…, w którym"
    if k < 1 or s.words[k].text != ",":
        return None
    m = s.ending.get(s.words[k - 1].end)
    if m is not None and s.is_prep(s.index_at(m.start) - 1):
        inner = s.index_at(m.start) - 2  # "Czesław Anikiej z Białegostoku": the person, not the place
        m = (s.ending.get(s.words[inner].end) if inner >= 0 else None) or m
    return m


def _after_place_noun(s: Sentence, k: int, lo: int, m: Mention) -> bool:
    """ "w mieście Beitbridge", "w stanie Teksas": a place noun between the preposition and the place."""
    return (
        m.label in _PLACE_LABELS
        and k - 2 >= lo
        and s.lower(k - 2) in _PLACE_PREPOSITIONS
        and s.noun_lemma(k - 1) in lexicon_pl.PLACE_NOUNS
    )


def _place(s: Sentence, lo: int, hi: int, first: int) -> Mention | None:
    """Rule 3: a place after "w", "na", "pod" in the clause, the one nearest the number."""
    places = [
        (not s.words[k].text[:1].isupper(), m.label not in _PLACE_LABELS, abs(k - first), m)
        for k in range(max(lo, 1), hi)
        if (m := s.starting.get(s.words[k].start)) is not None
        and m.derived != "inhabitant"
        and (m.label in _PLACE_LABELS or s.words[k].text[:1].isupper())
        and (s.lower(k - 1) in _PLACE_PREPOSITIONS or _after_place_noun(s, k, lo, m))
    ]
    return min(places, key=lambda p: p[:3])[3] if places else None
