"""Name spans the tagger ran together, cut where the words say they are two things.

The CRF tags runs of capitalised words; where news writes a title, an organisation and a
person back to back it sometimes tags the run as one name. Three cuts, each made only
where the grammar leaves no doubt (the tagger's own split of an acronym and a person is
:func:`~.tagger.split_title_and_person`):

1. **A title before a person** — a person span opening with a title or its abbreviation
   ("Min. Żochowski", "Prezes Kowalski") loses the title: the person is "Żochowski".
   Titles are a closed list (:data:`TITLE_ABBREVIATIONS`, :data:`TITLE_WORDS` as Morfeusz
   lemmas); at least one capitalised word must remain.
2. **An organisation, then a person** — "[prezes] Związku Miast Polskich Beata Górecka":
   a span ending in two or three capitalised words of which the first is read only as a
   first name, in a case other than the genitive, is an organisation followed by a person. Names with a
   person inside them have the person in the genitive ("Fundacja Jana Pawła II",
   "Uniwersytet Adama Mickiewicza") and are left alone.
3. **A person's surname, then an organisation** — "Zdaniem Zielińskiej Rada Polityki
   Pieniężnej": a span not tagged as a person that opens with an inflected surname (a word
   read only as a surname, in no nominative) of a person the document names in full
   elsewhere ("Marta Zielińska"), followed by a capitalised word, is that person and a
   second name.

A title closing an organisation's span ("Komendy Głównej Policji insp.") belongs to the
person after it and is cut off too. And :func:`joined_adjectives` keeps the tagger's
one-word person spans out of the joining of relational adjectives to the name after them
("Zdaniem Kowalskiej | Narodowy Fundusz Zdrowia").

Spans are ``(sentence, first_token, end_token, label, subtype)`` over the sentence's
tokens (:meth:`~newsetl.spans.Segmentation.tokens_by_sentence`), as the tagger gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from newsetl.extract.entities.derived import attach_name_adjectives
from newsetl.extract.entities.lexicon import EntityLexicon
from newsetl.morph import Interp, Morphology
from newsetl.spans import TaggedSpan


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON = "persName"
ORGANISATION = "orgName"

# Abbreviated titles written before a name (without their full stop, lower-cased); they
# count only with their full stop ("Min. Żochowski", not the name "Sen Toju"), except the
# ones Polish writes without it (:data:`UNDOTTED_TITLES`).
TITLE_ABBREVIATIONS = _words(
    "min wicemin prof dr hab inż mgr gen płk ppłk mjr kpt por ks bp abp kard mec red pos sen dyr insp "
    "podinsp nadinsp kom podkom nadkom asp bryg nadbryg marsz prok"
)
UNDOTTED_TITLES = _words("dr mgr płk ppłk mjr bp abp")
# Titles and functions written out before a name (Morfeusz lemmas). Not "pan"/"pani":
# "Pan Bóg", "Pan Tadeusz" and stage names ("Pan Pierwszy") are names with them.
TITLE_WORDS = _words(
    "minister wiceminister premier wicepremier prezydent wiceprezydent prezes wiceprezes profesor doktor "
    "generał pułkownik senator poseł posłanka wojewoda burmistrz wójt ksiądz biskup arcybiskup kardynał "
    "mecenas redaktor dyrektor rzecznik rzeczniczka komendant kanclerz ambasador gubernator sekretarz "
    "szef szefowa przewodniczący przewodnicząca wiceprzewodniczący zastępca członek doradca"
)
_MAX_PERSON_WORDS = 3  # "Beata Górecka", "Juan Antonio Samaranch"
_ROLE_REACH = 3  # words before a span searched for the function it names: "wiceminister rolnictwa Ukrainy…"


def joined_adjectives(
    spans: Sequence[TaggedSpan], text: str, sentence_tokens: Sequence[Sequence[tuple[int, int]]], lexicon: EntityLexicon
) -> list[TaggedSpan]:
    """:func:`~.derived.attach_name_adjectives` with the tagger's one-word person spans kept
    apart: "Zdaniem Kowalskiej | Narodowy Fundusz Zdrowia" is a surname and a name, even
    where the lexicon lists a relational adjective spelled alike ("kowalski")."""
    people = [s for s in spans if s.label == PERSON and s.end_token - s.first_token == 1]
    others = [s for s in spans if not (s.label == PERSON and s.end_token - s.first_token == 1)]
    joined = [TaggedSpan(*s) for s in attach_name_adjectives([s[:5] for s in others], text, sentence_tokens, lexicon)]
    return sorted([*joined, *people], key=lambda s: (s.sentence_idx, s.first_token, s.end_token))


def split_spans(
    spans: Sequence[TaggedSpan], text: str, sentence_tokens: Sequence[Sequence[tuple[int, int]]], morph: Morphology
) -> list[TaggedSpan]:
    """``spans`` with the three cuts of the module applied, in the same order."""
    words = _SpanWords(text, sentence_tokens)
    surnames = _full_name_surnames(spans, words, morph)
    out: list[TaggedSpan] = []
    for span in spans:
        out += _split(span, words, morph, surnames)
    return out


class _SpanWords:
    def __init__(self, text: str, sentence_tokens: Sequence[Sequence[tuple[int, int]]]) -> None:
        self.text = text
        self.tokens = sentence_tokens

    def of(self, span: TaggedSpan) -> list[str]:
        toks = self.tokens[span.sentence_idx][span.first_token : span.end_token]
        return [self.text[s:e] for s, e in toks]

    def before(self, span: TaggedSpan, n: int) -> list[str]:
        toks = self.tokens[span.sentence_idx][max(0, span.first_token - n) : span.first_token]
        return [self.text[s:e] for s, e in toks]


def _split(span: TaggedSpan, words: _SpanWords, morph: Morphology, surnames: frozenset[str]) -> list[TaggedSpan]:
    ws = words.of(span)
    trailing = _trailing_title(ws)
    if trailing:  # "Komendy Głównej Policji insp. [Mariusz Ciarka]": the title is the next person's
        return _split(span._replace(end_token=span.end_token - trailing), words, morph, surnames)
    if span.label == PERSON:
        cut = _after_title(ws, morph)
        if cut:
            return _split(span._replace(first_token=span.first_token + cut), words, morph, surnames)
    k = _person_at_end(ws, morph, _after_role(words.before(span, _ROLE_REACH), morph))
    if k:
        head_label = ORGANISATION if span.label == PERSON else span.label
        return [
            TaggedSpan(span.sentence_idx, span.first_token, span.first_token + k, head_label, span.subtype),
            TaggedSpan(span.sentence_idx, span.first_token + k, span.end_token, PERSON, None),
        ]
    if span.label != PERSON and _surname_first(ws, morph, surnames):
        return [
            TaggedSpan(span.sentence_idx, span.first_token, span.first_token + 1, PERSON, None),
            TaggedSpan(span.sentence_idx, span.first_token + 1, span.end_token, span.label, span.subtype),
        ]
    return [span]


def _trailing_title(ws: Sequence[str]) -> int:
    """Number of closing tokens that are an abbreviated title in lower case ("insp", "."; not
    the "BP" of "PKO BP"), 0 if none or if nothing would remain."""
    n = 2 if len(ws) >= 2 and ws[-1] == "." else 1
    word = ws[-n] if len(ws) >= n else ""
    if word.islower() and word in TITLE_ABBREVIATIONS and (n == 2 or word in UNDOTTED_TITLES) and len(ws) > n:
        return n
    return 0


def _after_title(ws: Sequence[str], morph: Morphology) -> int:
    """Number of leading tokens that are titles ("Min", ".", "Prezes"), 0 if none or if
    nothing capitalised would remain."""
    k = 0
    while k < len(ws):
        word = ws[k]
        dotted = k + 1 < len(ws) and ws[k + 1] == "."
        if word.lower() in TITLE_ABBREVIATIONS and (dotted or word.lower() in UNDOTTED_TITLES):
            k += 2 if dotted else 1
        elif _is_title_word(word, morph):
            k += 1
        else:
            break
    if k == 0 or k >= len(ws) or not ws[k][:1].isupper():
        return 0
    return k


@lru_cache(maxsize=5_000)
def _is_title_word(word: str, morph: Morphology) -> bool:
    return any(i.pos == "subst" and i.lemma.lower() in TITLE_WORDS for i in morph.analyse(word))


def _after_role(before: Sequence[str], morph: Morphology) -> bool:
    """The span follows a function written in lower case ("wiceminister rolnictwa", "prezes")."""
    for word in reversed(before):
        if not word[:1].islower():
            return False
        if _is_title_word(word, morph):
            return True
    return False


def _person_at_end(ws: Sequence[str], morph: Morphology, after_role: bool = False) -> int:
    """Index where a trailing person starts (cut 2), 0 if none. The words before it must
    hold no first name ("Jan Maria Rokita" is one person) and a common noun, adjective or
    place in the genitive — the organisation of a function ("prezes Związku…",
    "wiceprezydent Krakowa"), not "Juan Antonio Samaranch"."""
    for k in range(max(1, len(ws) - _MAX_PERSON_WORDS), len(ws) - 1):
        tail, head = ws[k:], ws[:k]
        if (
            head[0][:1].isupper()
            and head[-1][:1].isalpha()
            and all(w[:1].isupper() and not w.isupper() for w in tail)
            and (
                _first_name_not_genitive(tail[0], morph) or (after_role and len(tail) == 2 and _unknown(tail[0], morph))
            )
            and not any(_is_first_name(w, morph) for w in head)
            and any(_genitive_word(w, morph) for w in head)
        ):
            return k
    return 0


@lru_cache(maxsize=5_000)
def _unknown(word: str, morph: Morphology) -> bool:
    """Morfeusz does not know the word (a foreign first name: "Ołena", "Jens")."""
    return all(i.tag == "ign" for i in morph.analyse(word))


@lru_cache(maxsize=5_000)
def _is_first_name(word: str, morph: Morphology) -> bool:
    return any("imię" in i.qualifiers for i in morph.analyse(word))


@lru_cache(maxsize=5_000)
def _genitive_word(word: str, morph: Morphology) -> bool:
    """A reading in the genitive that is no nominative too ("Związku", "Krakowa"; not the
    indeclinable "Sony"), and no person's name."""
    return any(
        "gen" in (c := _cases(i)) and "nom" not in c and not {"imię", "nazwisko"} & set(i.qualifiers)
        for i in morph.analyse(word)
    )


@lru_cache(maxsize=5_000)
def _first_name_not_genitive(word: str, morph: Morphology) -> bool:
    """Morfeusz reads the word only as a first name, in no genitive ("Beata", "Andrzej";
    not "Jana", nor "Pola", "Kasie", "Przemysł", "Wodzisław", which are also common words
    or places)."""
    interps = morph.analyse(word)
    names = [i for i in interps if "imię" in i.qualifiers]
    return bool(names) and len(names) == len(interps) and not any("gen" in _cases(i) for i in names)


def _surname_first(ws: Sequence[str], morph: Morphology, surnames: frozenset[str]) -> bool:
    """Cut 3: the span opens with an inflected surname of a person named in full elsewhere:
    a word Morfeusz reads only as a surname, in no nominative ("Zielińskiej"; not
    "Starego", "Warszawskiego", "Kaczorze", which are also adjectives or common nouns)."""
    if len(ws) < 2 or not ws[1][:1].isupper() or not ws[0][:1].isupper():
        return False
    interps = morph.analyse(ws[0])
    if not interps or any("nazwisko" not in i.qualifiers or "nom" in _cases(i) for i in interps):
        return False
    return any(i.lemma.lower() in surnames for i in interps)


def _full_name_surnames(spans: Sequence[TaggedSpan], words: _SpanWords, morph: Morphology) -> frozenset[str]:
    """Surname lemmas (lower case) of the people the document names with two or more words."""
    out: set[str] = set()
    for span in spans:
        if span.label != PERSON or span.end_token - span.first_token < 2:
            continue
        last = words.of(span)[-1]
        out.update(i.lemma.lower() for i in morph.analyse(last) if "nazwisko" in i.qualifiers)
    return frozenset(out)


def _cases(interp: Interp) -> str:
    parts = interp.tag.split(":")
    return parts[2] if len(parts) > 2 and interp.pos in ("subst", "depr", "adj") else ""
