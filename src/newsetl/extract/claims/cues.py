"""What one sentence says about the source of its statements (an attribution *cue*).

The cues, tried in this order (the scope rules across sentences, paragraphs and the
article are in :mod:`.speakers`):

* **"X: …"** at the start of a sentence — a headline ("GUS: inflacja spadła…") or an
  interview answer ("Tadeusz Wójcik: Ok. 190 tys.", "T.W.: Szacujemy…"). X is a person or
  an organisation, possibly with a role ("Prezes Orlenu: …" is the person the article
  calls "prezes"); a place before the colon is a topic ("Niemcy: bezrobocie…"), not a source.
* **According to**: "według X", "zdaniem X", "wg X"; "według niego", "jego zdaniem" refer
  back to the last source. "według danych X", "według prognozy opracowanej przez X" reach
  the name over the words between; "zdaniem ekspertów" is an unnamed source.
* **A verb of saying** (:data:`~.lexicon_pl.SAY_LEMMAS`, any tense, gender and word
  order): the source is its subject — a name right before it ("Blinken przyznał") or after
  it ("– powiedział szef NATO Mark Rutte", "– poinformował w piątek Główny Urząd
  Statystyczny"). Names after a preposition ("z Blinkenem", "dla CNN", "przez agencję
  Reutera") or in the dative ("Reuterowi") are recipients and carriers, not sources; after
  the verb a person wins over an organisation ("mówił agencji AFP minister Kenji Sato",
  "powiedziała PAP Marta Zielińska"). A role instead of a name ("– dodał rzecznik",
  "Ekonomistka dodała") is resolved to the role's holder (:mod:`.roles`); a word for an
  organisation ("– poinformowała spółka") to the organisation named last; a role of a
  named organisation with no holder ("rzecznik MSZ") to the organisation. Another
  subject ("– twierdzą indyjscy dyplomaci") is an unnamed source; no subject at all
  ("Dodał, że…", "– zapowiedział.") continues the last source. Verbs of saying that have
  other senses ("przekazała Ukrainie 5 mld zł") count only where speech is plain (after a
  dash, a comma or "jak", or before "że" or ":"); first and second persons ("szacujemy")
  are the source speaking, inside a quotation, not an attribution.
* **"wynika z danych X"**, "Z sondażu X wynika": X is the source.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from newsetl.extract.claims import lexicon_en, lexicon_pl
from newsetl.extract.claims.tokens import DASHES, Tok
from newsetl.morph import Interp, Morphology
from newsetl.spans import Mention

NAMED = "named"  # a named person or organisation
UNNAMED = "unnamed"  # a source without a name ("zdaniem ekspertów"): no speaker
PRONOUN = "pronoun"  # a source referred back to ("Dodał, że…", "według niego")
NONE = "none"  # nothing said about a source

_SPEAKER_LABELS = frozenset({"persName", "orgName", "placeName", "geogName"})
_COLON_LABELS = frozenset({"persName", "orgName"})
_VERB_POS = frozenset({"fin", "praet", "impt", "inf", "pcon", "pant", "bedzie", "imps", "pred", "ppas"})
# Forms of a verb of saying that name a source; impersonal "stwierdzono" and passive
# "szacowany jest" have none, and leave the sentence to the paragraph's source.
_SAY_POS = frozenset({"fin", "praet", "pcon", "pant", "bedzie"})
_CLAUSE_STOP = frozenset(',;:!?"()[]') | DASHES
_WINDOW_AFTER = 10  # "– poinformowała w niedzielę rzeczniczka dolnośląskiej policji podkom. Karolina Lis"
_WINDOW_BEFORE = 6
_ACCORDING_WINDOW = 7  # "według prognozy opracowanej przez Główny Urząd Statystyczny"
_IN_VIEW_OF = frozenset({"ocenie", "opinii"})


class Cue(NamedTuple):
    kind: str  # NAMED | UNNAMED | PRONOUN | NONE
    entity_id: str | None
    trailing: bool  # the attribution closes the sentence ("… – przyznał Blinken.")
    plural: bool = False  # a pronoun cue with a plural verb ("zarzucają"): never one person named earlier


NO_CUE = Cue(NONE, None, False)


class Resolvers(NamedTuple):
    """Document-level lookups a cue may need (see :mod:`.speakers`)."""

    role_holder: Callable[[Sequence[str], int], str | None]  # role lemmas, position -> person id
    last_organisation: Callable[[int], str | None]  # position -> id of the organisation named last
    initials: Callable[[str], str | None]  # "TW" -> id of the person with those initials


class Sentence:
    """One sentence's words and mentions, with the word tests the cues need."""

    def __init__(self, words: Sequence[Tok], mentions: Sequence[Mention], morph: Morphology | None, lang: str):
        self.words = words
        self._starts = [w.start for w in words]
        self.morph = morph
        self.lang = lang
        lex = lexicon_pl if lang == "pl" else lexicon_en
        self.clause_words: frozenset[str] = lex.CLAUSE_WORDS
        self.according_words: frozenset[str] = lex.ACCORDING_WORDS
        self.according_pronouns: frozenset[str] = lex.ACCORDING_PRONOUNS
        self.mentions = [m for m in mentions if m.label in _SPEAKER_LABELS]
        self.starting = {m.start: m for m in self.mentions}
        self.ending = {m.end: m for m in mentions if m.label in _SPEAKER_LABELS}

    # --- word tests ---------------------------------------------------------------------
    def lower(self, k: int) -> str:
        return self.words[k].text.lower() if 0 <= k < len(self.words) else ""

    def interps(self, k: int) -> tuple[Interp, ...]:
        if self.morph is None or self.words[k].kind != "word":
            return ()
        return self.morph.analyse(self.words[k].text)

    def is_stop(self, k: int) -> bool:
        text = self.words[k].text
        if text in _CLAUSE_STOP or self.is_clause_word(k):
            return True
        return text == "." and k == len(self.words) - 1

    def is_clause_word(self, k: int) -> bool:
        """A word opening a clause ("że", "który", "a"), written apart ("A4" is no "a")."""
        if self.lower(k) not in self.clause_words:
            return False
        return k + 1 >= len(self.words) or self.words[k + 1].start > self.words[k].end

    def is_prep(self, k: int) -> bool:
        if k < 0 or self.words[k].kind != "word":
            return False
        if self.morph is None:
            return self.lower(k) in ("with", "to", "from", "by", "for", "at", "in", "on", "z", "ze", "dla", "do", "w")
        return any(it.pos == "prep" for it in self.interps(k))

    def is_noun(self, k: int) -> bool:
        return any(it.pos in ("subst", "depr") for it in self.interps(k))

    def is_nominative_noun(self, k: int) -> bool:
        return any(it.pos in ("subst", "depr") and "nom" in _case(it.tag) for it in self.interps(k))

    def is_adjective(self, k: int) -> bool:
        interps = self.interps(k)
        return any(it.pos in ("adj", "ppas", "pact") for it in interps) and not any(
            it.pos in ("subst", "depr") for it in interps
        )

    def noun_lemma(self, k: int) -> str | None:
        for it in self.interps(k):
            if it.pos in ("subst", "depr"):
                lemma = it.lemma.lower()
                return lexicon_pl.ROLE_FEMININE.get(lemma, lemma)
        return None

    def say_candidates(self) -> list[int]:
        """Indices of the words that may be verbs of saying (a prefix test; Morfeusz decides)."""
        if self.lang == "en":
            return [k for k, w in enumerate(self.words) if w.kind == "word" and w.text.lower() in lexicon_en.SAY_FORMS]
        stems = lexicon_pl.SAY_STEMS
        return [k for k, w in enumerate(self.words) if w.kind == "word" and w.text.lower().startswith(stems)]

    def say_lemma(self, k: int) -> str | None:
        """Lemma of the verb of saying at word ``k`` (third person), else None."""
        tok = self.words[k]
        if tok.kind != "word":
            return None
        lower = tok.text.lower()
        if self.lang == "en":
            return lower if lower in lexicon_en.SAY_FORMS else None
        if self.morph is None or not lower.startswith(lexicon_pl.SAY_STEMS):
            return None
        if self.lower(k + 1) == "się":
            return None  # "ocenia się": impersonal, no source
        for it in self.interps(k):
            if it.pos in _SAY_POS and (it.lemma in lexicon_pl.SAY_LEMMAS or it.lemma in lexicon_pl.RESULT_LEMMAS):
                if _first_or_second_person(it, tok.text, self.morph):
                    return None
                return it.lemma
        return None

    def is_plural_verb(self, k: int) -> bool:
        """The verb at word ``k`` is plural in every reading ("zarzucają", "dodali")."""
        verbs = [it for it in self.interps(k) if it.pos in _SAY_POS]
        return bool(verbs) and all(":pl:" in it.tag for it in verbs)

    def is_verb(self, k: int) -> bool:
        interps = self.interps(k)
        return any(it.pos in _VERB_POS for it in interps) and not any(it.pos in ("subst", "depr") for it in interps)

    def can_be_nominative(self, m: Mention) -> bool:
        """The first word of the mention may be a nominative, or is unknown to Morfeusz
        ("Reuterowi", "Bychowskiej", "Markiem" cannot: a recipient, not a source)."""
        interps = self.interps(self.index_at(m.start))
        return not interps or any(
            it.tag == "ign" or "nom" in _case(it.tag) or it.pos in ("brev", "xxx") for it in interps
        )

    def is_new_phrase(self, m: Mention) -> bool:
        """The mention's first word is a nominative that cannot be a genitive: it starts a
        noun phrase of its own rather than qualifying the noun before it."""
        interps = self.interps(self.index_at(m.start))
        cases = [_case(it.tag) for it in interps if it.pos in ("subst", "depr", "adj")]
        return bool(cases) and any("nom" in c for c in cases) and not any("gen" in c for c in cases)

    def is_role_noun(self, k: int) -> bool:
        """A nominative noun and nothing else ("rzecznik", "Ekonomistka"; not "Jak", "wysłanie")."""
        interps = self.interps(k)
        return (
            bool(interps)
            and all(it.pos in ("subst", "depr", "adj", "brev") for it in interps)
            and any(it.pos in ("subst", "depr") and "nom" in _case(it.tag) for it in interps)
        )

    def index_at(self, pos: int) -> int:
        """Index of the first word starting at or after ``pos``."""
        return bisect.bisect_left(self._starts, pos)


def _case(tag: str) -> str:
    parts = tag.split(":")
    return parts[2] if len(parts) > 2 else ""


def _first_or_second_person(it: Interp, word: str, morph: Morphology) -> bool:
    if it.pos in ("fin", "bedzie", "impt") and (":pri" in it.tag or ":sec" in it.tag):
        return True
    if it.pos == "praet":  # "powiedziałem", "dostaliśmy": Morfeusz splits off the agglutinate
        return any(edge.interp.pos == "aglt" for edge in morph.graph(word))
    return False


def _capitalised(m: Mention, text: str) -> bool:
    return text[m.start : m.start + 1].isupper()


# --- the cues ---------------------------------------------------------------------------------
_INITIALS = re.compile(r"(?:[A-ZĄĆĘŁŃÓŚŹŻ]\.\s?){2,3}")


def colon_cue(s: Sentence, text: str, resolvers: Resolvers) -> Cue | None:
    """ "X: …" at the start of the sentence (headline, interview); None when absent."""
    words = s.words
    colon = next((k for k, w in enumerate(words[:12]) if w.text == ":"), None)
    if colon is None or colon == 0 or (colon + 1 < len(words) and words[colon + 1].start == words[colon].end):
        return None  # no "X:", or "2:1"
    lead = text[words[0].start : words[colon].start].strip()
    if _INITIALS.fullmatch(lead):
        found = resolvers.initials("".join(ch for ch in lead if ch.isalpha()))
        return Cue(NAMED, found, False) if found else None  # "T.W.: Szacujemy…"
    if any(s.is_verb(k) for k in range(colon)):
        return None  # "Anna Dąbrowska powiedziała: …" is a verb of saying
    head = [m for k in range(colon) if (m := s.starting.get(words[k].start)) is not None]
    if head and s.index_at(head[0].start) == 0:
        first = head[0]
        if first.label in _COLON_LABELS and _capitalised(first, text) and first.derived is None:
            return Cue(NAMED, first.entity_id, False)  # "GUS: …", "Tadeusz Wójcik: …"
        return None  # a place is a topic: "Niemcy: bezrobocie…"
    if not s.is_nominative_noun(0):
        return None
    holder = resolvers.role_holder(_role_lemmas(s, 0, colon), words[0].start)
    if holder is not None:
        return Cue(NAMED, holder, False)  # "Prezes Orlenu: …", "Minister zdrowia: …"
    org = next((m for m in head if m.label == "orgName"), None)
    return Cue(NAMED, org.entity_id, False) if org is not None else None  # "Sondaż CBOS: …"


def according_cue(s: Sentence, text: str) -> Cue | None:
    """ "według X", "zdaniem X", "jego zdaniem", "według niego"; None when absent."""
    words = s.words
    for k in range(len(words)):
        if s.lower(k) not in s.according_words and not (
            s.lower(k) in _IN_VIEW_OF and s.lower(k - 1) == "w"  # "w ocenie NBP", "w opinii ekspertów"
        ):
            continue
        if s.lower(k - 1) in s.according_pronouns or s.lower(k + 1) in s.according_pronouns:
            return Cue(PRONOUN, None, False)
        j = k + 1
        found: Mention | None = None
        while j < len(words) and j <= k + _ACCORDING_WINDOW and not s.is_stop(j):
            m = s.starting.get(words[j].start)
            if m is not None:
                direct = j == k + 1 or not s.is_prep(j - 1) or s.lower(j - 1) == "przez"
                if _capitalised(m, text) and direct and m.derived is None and (found is None or m.label == "persName"):
                    found = m  # "według rzecznika MSZ Pawła Wrońskiego": the person, not MSZ
                    if m.label == "persName" or not s.is_noun(j - 1):
                        break  # an organisation after a role ("rzecznika MSZ") may precede the person
                j = max(s.index_at(m.end), j + 1)
                continue
            if s.say_lemma(j) is not None:
                break
            j += 1
        return Cue(NAMED, found.entity_id, False) if found is not None else Cue(UNNAMED, None, False)
    return None


def verb_cue(s: Sentence, text: str, resolvers: Resolvers) -> Cue | None:
    """The source of the first verb of saying that has one; None when there is no such verb."""
    found: Cue | None = None
    for v in s.say_candidates():
        lemma = s.say_lemma(v)
        if lemma is None:
            continue
        trailing = v > 0 and (s.words[v - 1].text in DASHES or s.words[v - 1].text == ",")
        if lemma in lexicon_pl.RESULT_LEMMAS:
            source = _result_source(s, v, text)
            if source is not None:
                return Cue(NAMED, source, trailing)
            continue
        if lemma in lexicon_pl.AMBIGUOUS_SAY_LEMMAS and not _plain_speech(s, v, trailing):
            continue
        cue = _subject_of_saying(s, v, text, resolvers, trailing)
        if cue.kind == NAMED:
            return cue
        found = found or cue
    return found


def _plain_speech(s: Sentence, v: int, trailing: bool) -> bool:
    """An ambiguous verb of saying used as one: after a dash, a comma or "jak", or before "że" or ":"."""
    if trailing or s.lower(v - 1) in ("jak", "as"):
        return True
    for k in range(v + 1, min(len(s.words), v + 1 + _WINDOW_AFTER)):
        if s.words[k].text == ":" or s.lower(k) in ("że", "iż", "that"):
            return True
        if s.words[k].text != "," and s.is_stop(k):
            return False
    return False


def _result_source(s: Sentence, v: int, text: str) -> str | None:
    """ "wynika z danych X", "Z sondażu … X wynika": a person or organisation in the clause."""
    lo = v
    while lo > 0 and not s.is_stop(lo - 1):
        lo -= 1
    hi = v + 1
    while hi < len(s.words) and not s.is_stop(hi):
        hi += 1
    begin, end = s.words[lo].start, s.words[hi - 1].end
    for m in s.mentions:
        if m.start < end and begin < m.end and m.label in _COLON_LABELS and _capitalised(m, text) and m.derived is None:
            k = s.index_at(m.start)
            if not s.is_prep(k - 1) or s.lower(k - 1) == "przez":
                return m.entity_id
    return None


def _subject_of_saying(s: Sentence, v: int, text: str, resolvers: Resolvers, trailing: bool) -> Cue:
    words = s.words
    name_after: Mention | None = None
    org_after: Mention | None = None
    role_after: int | None = None
    k = v + 1
    while k < len(words) and k <= v + _WINDOW_AFTER:
        if words[k].text == '"' and (
            s.starting.get(words[min(k + 1, len(words) - 1)].start) or s.ending.get(words[k - 1].end)
        ):
            k += 1  # a quoted name: dziennik „Die Welt”
            continue
        if s.is_stop(k):
            break
        m = s.starting.get(words[k].start)
        if m is not None and m.derived is not None:
            if m.derived == "inhabitant" and _capitalised(m, text) and s.can_be_nominative(m) and not s.is_prep(k - 1):
                return Cue(UNNAMED, None, trailing)  # "– twierdzą Holendrzy": people, no named source
            k = max(s.index_at(m.end), k + 1)  # "brytyjski minister obrony John Healey": a modifier
            continue
        if m is not None:
            if _capitalised(m, text) and not s.is_prep(k - 1):
                nominative = s.can_be_nominative(m)
                if nominative and (m.label == "persName" or (role_after is not None and m.label != "orgName")):
                    name_after = m  # "szef NATO Mark Rutte", "mer miasta Witalij Kłyczko"
                    break
                of_role = role_after is not None and k - role_after <= 3  # "rzecznik MSZ", "dowództwo Sił…"
                plain = nominative and (k == v + 1 or not s.is_noun(k - 1) or s.is_nominative_noun(k - 1))
                if org_after is None and (of_role or plain):
                    org_after = m
            k = max(s.index_at(m.end), k + 1)
            continue
        if role_after is None and org_after is None and k <= v + 4 and s.is_role_noun(k) and not s.is_prep(k - 1):
            role_after = k
        k += 1
    if name_after is not None:
        return Cue(NAMED, name_after.entity_id, trailing)
    before = _name_before(s, v, text)
    if before is not None:  # the subject before the verb: the attribution opens the sentence
        return Cue(NAMED, before.entity_id, False)
    if name_after is None and org_after is None and _quantity_at(s, v + 1) and _role_before(s, v) is None:
        return NO_CUE  # "– uważa 57 proc. społeczeństwa": a survey's share; the survey is the source
    if role_after is not None:
        return _role_cue(s, role_after, org_after, resolvers, trailing)
    if org_after is not None:
        return Cue(NAMED, org_after.entity_id, trailing)
    role_before = _role_before(s, v)
    if role_before is not None:
        return _role_cue(s, role_before, None, resolvers, trailing and s.words[v - 1].text in DASHES)
    opening = _opening_person(s, v, text)
    if opening is not None:
        return Cue(NAMED, opening.entity_id, False)
    return Cue(PRONOUN, None, trailing, s.is_plural_verb(v))


def _quantity_at(s: Sentence, k: int) -> bool:
    """Word ``k`` opens a quantity: digits or a numeral ("57 proc.", "dwie trzecie")."""
    if k >= len(s.words):
        return False
    if s.words[k].kind == "num":
        return True
    return any(it.pos == "num" for it in s.interps(k))


def _opening_person(s: Sentence, v: int, text: str) -> Mention | None:
    """The person the sentence opens with, subject of a verb further on:
    "Prezes NBP Adam Glapiński, pytany o inflację, powiedział, że…"."""
    for k in range(min(v, 6)):
        if s.is_stop(k) or s.is_verb(k):
            return None
        m = s.starting.get(s.words[k].start)
        if m is not None and m.label == "persName":
            if _capitalised(m, text) and s.can_be_nominative(m) and not s.is_prep(k - 1):
                after = s.index_at(m.end)
                return m if after < len(s.words) and s.words[after].text == "," else None
            return None
    return None


def _name_before(s: Sentence, v: int, text: str) -> Mention | None:
    """The name that is the subject right before the verb: "Blinken przyznał", "Teresa Liszcz (PC)
    powiedziała", "Andrzej Żelazowski z SLD mówi". Names after a preposition ("Wraz z Blinkenem
    przyznali") and attributes of a noun ("Premier Malezji zapowiedział") are not subjects."""
    k = v - 1
    while k >= 0 and v - k <= _WINDOW_BEFORE + 4:
        if s.words[k].text == ")":  # a parenthesis between name and verb: "(PC)"
            while k >= 0 and s.words[k].text != "(":
                k -= 1
            k -= 1
            continue
        if s.is_stop(k):
            return None
        m = s.ending.get(s.words[k].end)
        if m is not None:
            first = s.index_at(m.start)
            if s.is_prep(first - 1):
                k = first - 2  # "z SLD": a complement of the name before it
                continue
            if m.derived is not None or not _capitalised(m, text) or not s.can_be_nominative(m):
                return None
            if m.label != "persName" and first > 0 and s.is_noun(first - 1) and not s.is_prep(first - 2):
                return None  # "Premier Malezji", "Analitycy Domu Maklerskiego BOŚ": the noun is the subject
            return m
        if s.is_noun(k) and not s.is_prep(k - 1):
            return None  # another noun stands between: "Rada podkreśliła" has its own subject
        k -= 1
    return None


def _role_before(s: Sentence, v: int) -> int | None:
    """First word of a nominative noun phrase right before the verb ("Ekonomistka dodała")."""
    k = v - 1
    while k >= 0 and not s.is_stop(k) and (s.is_noun(k) or s.is_adjective(k)):
        k -= 1
    first = k + 1
    while first < v and not s.is_role_noun(first) and s.is_adjective(first):
        first += 1  # "główna ekonomistka"
    if first < v and s.is_role_noun(first) and not s.is_prep(first - 1):
        return first
    return None


def _role_lemmas(s: Sentence, start: int, end: int) -> list[str]:
    """Nouns of a role phrase as lemmas, names as their base form ("szef", "nato")."""
    out: list[str] = []
    k = start
    while k < end:
        m = s.starting.get(s.words[k].start)
        if m is not None:
            out.append(m.lemma.lower())
            k = max(s.index_at(m.end), k + 1)
            continue
        lemma = s.noun_lemma(k)
        if lemma is not None and lemma not in lexicon_pl.TITLES:
            out.append(lemma)
        k += 1
    return out


def _role_cue(s: Sentence, k: int, org: Mention | None, resolvers: Resolvers, trailing: bool) -> Cue:
    """A role or a word for an organisation as the subject of saying."""
    end = k + 1
    while end < len(s.words) and end < k + 5 and not s.is_stop(end) and s.say_lemma(end) is None:
        end += 1
    lemmas = _role_lemmas(s, k, end)
    if not lemmas:
        return Cue(UNNAMED, None, trailing)
    if org is None:  # "Eksperci GUS zapowiedzieli"
        org = next((m for j in range(k, end) if (m := s.starting.get(s.words[j].start)) is not None), None)
    holder = resolvers.role_holder(lemmas, s.words[k].start)
    if holder is not None:
        return Cue(NAMED, holder, trailing)
    if org is not None and org.label == "orgName":
        return Cue(NAMED, org.entity_id, trailing)  # "rzecznik MSZ", "analitycy DM BOŚ"
    if org is None and lemmas[0] in lexicon_pl.ORGANISATION_NOUNS:
        found = resolvers.last_organisation(s.words[k].start)
        if found is not None:
            return Cue(NAMED, found, trailing)  # "– poinformowała spółka"
    return Cue(UNNAMED, None, trailing)


_RESULT_NOUNS = frozenset({"wynik", "wyniki", "dane"})
_COPULAS = frozenset({"jest", "są", "był", "była", "było", "były"})
_RESULT_WINDOW = 6  # "To wynik kwietniowego sondażu CBOS", "To dane Głównego Urzędu Statystycznego"


def result_noun_cue(s: Sentence, text: str) -> Cue | None:
    """ "To wynik sondażu X." after the figures: X is their source, and the cue closes what
    comes before it in the paragraph (``trailing``); None when absent."""
    if s.lower(0) != "to":
        return None
    k = 2 if s.lower(1) in _COPULAS else 1
    if s.lower(k) not in _RESULT_NOUNS:
        return None
    for j in range(k + 1, min(len(s.words), k + 1 + _RESULT_WINDOW)):
        if s.is_stop(j):
            break
        m = s.starting.get(s.words[j].start)
        direct = not s.is_prep(j - 1) or s.lower(j - 1) == "przez"
        if m is not None and m.label in _COLON_LABELS and m.derived is None and _capitalised(m, text) and direct:
            return Cue(NAMED, m.entity_id, True)
    return None


def sentence_cue(s: Sentence, text: str, resolvers: Resolvers) -> Cue:
    """The cue of one sentence (colon, according-to, verb of saying, "To wynik…", in that order)."""
    return (
        colon_cue(s, text, resolvers)
        or according_cue(s, text)
        or verb_cue(s, text, resolvers)
        or result_noun_cue(s, text)
        or NO_CUE
    )
