"""Who said it: attribution of reported speech, resolved per paragraph.

A sentence can attribute itself ("Blinken powiedział, że …", "… - przyznał Blinken."),
name a speaker who is not a person ("- zapewnił szef dyplomacji"), continue the previous
speaker ("Dodał także, że …"), or say nothing. Within a paragraph a sentence that says
nothing takes the speaker of a closing attribution that follows it ("A. B - przyznał
Blinken." covers A), else the speaker of the sentences before it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from newsetl.extract.claims import lexicon_en, lexicon_pl
from newsetl.extract.claims.profile import Profile
from newsetl.extract.claims.tokens import DASHES, Tok
from newsetl.morph import Morphology
from newsetl.spans import Mention

_VERB_POS = frozenset({"fin", "praet", "impt", "inf", "pcon", "pant", "bedzie", "imps", "pred"})
_STOP = frozenset(',;:.!?()"') | DASHES
_WINDOW_AFTER = 6  # "- powiedział szef NATO Mark Rutte": titles may stand between
_WINDOW_BEFORE = 5


class Attribution(NamedTuple):
    kind: str  # "person" | "other" (a speaker who is not a named person) | "continue" | "none"
    entity_id: str | None
    trailing: bool  # closes the sentence after a dash or comma: "… - przyznał Blinken."


NONE = Attribution("none", None, False)
_WORD = re.compile(r"[^\W\d_]+")
# First four letters of every Polish stem of a verb of saying, and the English forms:
# a sentence with none of them cannot attribute (checked before tokenizing it).
_SAY_PREFIXES = {
    "pl": frozenset(stem[:4] for stem in lexicon_pl.SAY_STEMS),
    "en": frozenset(form[:4] for form in lexicon_en.SAY_FORMS),
}


def may_attribute(text: str, start: int, end: int, profile: Profile) -> bool:
    """Cheap test: does the sentence hold a word that may be a verb of saying?"""
    prefixes = _SAY_PREFIXES[profile.lang]
    stems = lexicon_pl.SAY_STEMS if profile.lang == "pl" else tuple(lexicon_en.SAY_FORMS)
    return any(
        word[:4].lower() in prefixes and word.lower().startswith(stems) for word in _WORD.findall(text, start, end)
    )


def according_to(text: str, persons: Sequence[Mention], profile: Profile) -> Attribution:
    """ "według Blinkena", "zdaniem Blinkena", "according to Smith"."""
    for m in persons:
        if profile.according_re.search(text, max(0, m.start - 20), m.start):
            return Attribution("person", m.entity_id, False)
    return NONE


def _is_say(tok: Tok, profile: Profile, morph: Morphology | None) -> bool:
    if tok.kind != "word":
        return False
    lower = tok.text.lower()
    if profile.lang == "en":
        return lower in lexicon_en.SAY_FORMS
    if morph is None or not lower.startswith(lexicon_pl.SAY_STEMS):
        return False
    return any(it.lemma in lexicon_pl.SAY_LEMMAS and it.pos in _VERB_POS for it in morph.analyse(tok.text))


def _is_prep(tok: Tok, profile: Profile, morph: Morphology | None) -> bool:
    if tok.kind != "word":
        return False
    if profile.lang == "en" or morph is None:
        return tok.text.lower() in ("with", "to", "from", "by", "about", "z", "ze", "o", "do", "od", "dla")
    return any(it.pos == "prep" for it in morph.analyse(tok.text))


def _is_nominative_noun(tok: Tok, profile: Profile, morph: Morphology | None) -> bool:
    if tok.kind != "word":
        return False
    if profile.lang == "en" or morph is None:
        return tok.text.lower() not in lexicon_en.STOPWORDS and tok.text.lower() not in profile.clause_words
    for it in morph.analyse(tok.text):
        parts = it.tag.split(":")
        if it.pos in ("subst", "depr", "ppron3") and len(parts) > 2 and "nom" in parts[2]:
            return True
    return False


def attribution_of(
    toks: Sequence[Tok],
    text: str,
    persons: Sequence[Mention],
    profile: Profile,
    morph: Morphology | None,
) -> Attribution:
    """How one sentence attributes what it says (``persons``: its persName mentions)."""
    starts = {m.start: m for m in persons}
    ends = {m.end: m for m in persons}
    according = according_to(text, persons, profile)
    if according is not NONE:
        return according
    found: Attribution | None = None
    for v, tok in enumerate(toks):
        if not _is_say(tok, profile, morph):
            continue
        trailing = v > 0 and (toks[v - 1].text in DASHES or toks[v - 1].text == ",")
        person = _person_near(toks, v, starts, ends, profile, morph)
        if person is not None:
            return Attribution("person", person, trailing)
        if found is None:
            kind = "other" if _explicit_subject(toks, v, profile, morph) else "continue"
            found = Attribution(kind, None, trailing)
    return found or NONE


def _person_near(
    toks: Sequence[Tok],
    v: int,
    starts: dict[int, Mention],
    ends: dict[int, Mention],
    profile: Profile,
    morph: Morphology | None,
) -> str | None:
    for k in range(v + 1, min(len(toks), v + 1 + _WINDOW_AFTER)):
        tok = toks[k]
        if tok.text in _STOP or tok.text.lower() in profile.clause_words:
            break
        mention = starts.get(tok.start)
        if mention is not None and not _is_prep(toks[k - 1], profile, morph):
            return mention.entity_id
    for k in range(v - 1, max(-1, v - 1 - _WINDOW_BEFORE), -1):
        tok = toks[k]
        if tok.text in _STOP or tok.text.lower() in profile.clause_words:
            break
        mention = ends.get(tok.end)
        if mention is not None:
            first = next((i for i in range(k, -1, -1) if toks[i].start <= mention.start), k)
            if first == 0 or not _is_prep(toks[first - 1], profile, morph):
                return mention.entity_id  # "Blinken przyznał", not "Wraz z Blinkenem przyznali"
    return None


def _explicit_subject(toks: Sequence[Tok], v: int, profile: Profile, morph: Morphology | None) -> bool:
    """A subject that is not a named person: "- zapewnił szef dyplomacji", "Szef … przyznał"."""
    for k in range(v + 1, min(len(toks), v + 3)):
        if toks[k].text in _STOP or toks[k].text.lower() in profile.clause_words:
            break
        if _is_nominative_noun(toks[k], profile, morph):
            return True
    for k in range(v - 1, max(-1, v - 1 - _WINDOW_BEFORE), -1):
        if toks[k].text in _STOP or toks[k].text.lower() in profile.clause_words:
            break
        if _is_nominative_noun(toks[k], profile, morph):
            return True
    return False


def speakers_of_paragraph(attributions: Sequence[Attribution]) -> list[str | None]:
    """Speaker entity id per sentence of one paragraph."""
    out: list[str | None] = []
    previous: str | None = None
    for i, own in enumerate(attributions):
        if own.kind in ("person", "other"):
            speaker = own.entity_id
        elif own.kind == "continue":
            speaker = previous
        else:
            later = next((a for a in attributions[i + 1 :] if a.kind != "none"), None)
            if later is not None and later.trailing:
                speaker = later.entity_id if later.kind != "continue" else previous
            else:
                speaker = previous
        out.append(speaker)
        previous = speaker
    return out
