"""Claims of a whole document: quantities per sentence, then object, subject and speaker."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from newsetl.extract.claims import lexicon_en, lexicon_pl
from newsetl.extract.claims.context import EnglishWords, PolishWords, object_en, object_pl
from newsetl.extract.claims.profile import PROFILES
from newsetl.extract.claims.scan import Quantity, WordTests, quantities_in
from newsetl.extract.claims.speakers import speaker_of_sentence, speakers_in_document
from newsetl.extract.claims.subjects import subject_of
from newsetl.extract.claims.tokens import VULGAR_FRACTIONS
from newsetl.morph import Morphology
from newsetl.spans import Claim, Mention, Segmentation

_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = {"pl": re.compile(r"\d"), "en": re.compile(r"[\d" + "".join(VULGAR_FRACTIONS) + "]")}


def _any_case(words: Sequence[str]) -> frozenset[str]:
    return frozenset(f for w in words for f in (w, w.capitalize(), w.upper()))


# Numeral word forms as they may be written (lower case, sentence-initial, all capitals).
_NUMBER_WORDS = {
    "pl": _any_case([*lexicon_pl.NUMERALS, *lexicon_pl.FOLDED_NUMERALS]),
    "en": _any_case([*lexicon_en.NUMERALS, *lexicon_en.ARTICLES]) - {"a", "an", "A", "An", "AN"},
}


def may_hold_number(text: str, start: int, end: int, lang: str) -> bool:
    """Cheap test that ``text[start:end]`` may hold a quantity: a digit or a numeral word.

    Two C-level scans and a set test; a regex alternation of all numeral forms was
    measured ~15 times slower.
    """
    if _DIGIT[lang].search(text, start, end):
        return True
    return not _NUMBER_WORDS[lang].isdisjoint(_WORD.findall(text, start, end))


_DATE_LABELS = frozenset({"date", "time"})
_NAME_LABELS = frozenset({"persName", "orgName"})  # never the counted noun: "700 tys. zł PKO wydało"


def claims_in_document(
    text: str,
    seg: Segmentation,
    lang: str | None,
    mentions: Sequence[Mention],
    morph: Morphology,
) -> list[Claim]:
    """All claims of one normalized document, sorted by start.

    Only Polish and English are read; for any other language (or an unknown one) the
    result is empty, because the number words, units and date rules are per language.
    """
    profile = PROFILES.get(lang or "")
    if profile is None or not text or not seg.sentences:
        return []
    words: WordTests = PolishWords(morph) if profile.lang == "pl" else EnglishWords()
    by_sentence = _mentions_by_sentence(seg, mentions)
    found: list[tuple[int, Quantity, str | None, str | None]] = []
    for s_idx, (start, end, _) in enumerate(seg.sentences):
        if not may_hold_number(text, start, end, profile.lang):
            continue
        sentence_mentions = by_sentence.get(s_idx, [])
        blocked = [(m.start, m.end, m.label in _DATE_LABELS) for m in sentence_mentions]
        quantities, toks = quantities_in(text, start, end, profile, words, blocked)
        names = frozenset(m.start for m in sentence_mentions if m.label in _NAME_LABELS)
        for q in quantities:
            obj, obj_idx = object_pl(toks, q, morph, names) if profile.lang == "pl" else object_en(toks, q)
            subject = subject_of(toks, q, obj_idx, sentence_mentions, profile, morph)
            found.append((s_idx, q, obj, subject))
    if not found:
        return []
    wanted = {s for s, _, _, _ in found}
    speakers = speakers_in_document(text, seg, wanted, by_sentence, mentions, morph, profile)
    claims = [
        Claim(
            s_idx,
            q.start,
            q.end,
            q.value,
            q.low,
            q.high,
            q.qualifier,
            q.kind,
            q.unit,
            obj,
            subject,
            speakers.get(s_idx),
        )
        for s_idx, q, obj, subject in found
    ]
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


def claims_in(
    sentence_text: str,
    lang: str,
    morph: Morphology | None = None,
    mentions: Sequence[Mention] = (),
) -> list[Claim]:
    """Claims of one sentence (offsets into ``sentence_text``, ``sentence_idx`` 0).

    Without ``morph`` the rules that need Morfeusz fall back to cruder tests and
    ``object`` stays ``None`` for Polish; the speaker is read from this sentence only.
    """
    profile = PROFILES.get(lang)
    if profile is None or not sentence_text:
        return []
    words: WordTests | None = EnglishWords()
    if profile.lang == "pl":
        words = PolishWords(morph) if morph is not None else None
    blocked = [(m.start, m.end, m.label in _DATE_LABELS) for m in mentions]
    quantities, toks = quantities_in(sentence_text, 0, len(sentence_text), profile, words, blocked)
    speaker = speaker_of_sentence(toks, sentence_text, mentions, morph, profile) if quantities else None
    claims = []
    for q in quantities:
        if profile.lang == "en":
            obj, obj_idx = object_en(toks, q)
        elif morph is not None:
            names = frozenset(m.start for m in mentions if m.label in _NAME_LABELS)
            obj, obj_idx = object_pl(toks, q, morph, names)
        else:
            obj, obj_idx = None, -1
        subject = subject_of(toks, q, obj_idx, mentions, profile, morph)
        claims.append(
            Claim(0, q.start, q.end, q.value, q.low, q.high, q.qualifier, q.kind, q.unit, obj, subject, speaker)
        )
    return claims


def _mentions_by_sentence(seg: Segmentation, mentions: Sequence[Mention]) -> dict[int, list[Mention]]:
    """Mentions grouped by the sentence that contains their start (offsets are the authority)."""
    starts = [s for s, _, _ in seg.sentences]
    grouped: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        idx = bisect.bisect_right(starts, m.start) - 1
        if idx >= 0:
            grouped[idx].append(m)
    return grouped
