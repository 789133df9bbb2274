"""The tense around an expression, for choosing the year of "27 maja" or the week of "we
wtorek": the verb nearest to it in its sentence, read with Morfeusz.

Only sentences holding such an underspecified expression are analysed (a few per cent),
so the analyser's cost stays small. A word counts as a verb when Morfeusz reads it as a
finite verb form of one tense and its other readings, if any, do not make it likely a
noun ("udział" — noun or past verb — does not count; "wzrosły" — adjective or past verb
— does: see :func:`word_tense`). A past form right after "będzie" is a compound future.
"""

from __future__ import annotations

from bisect import bisect_left

from newsetl.extract.times.lexicon import words
from newsetl.morph import Morphology
from newsetl.spans import Segmentation

# Frequent finite verbs that Morfeusz also reads as nouns or adjectives, read as verbs:
# in news they are nearly always the verb ("mają", "była", "ruszy"), except "była",
# "były", "byli" before a noun ("former": see ``_FORMER``).
_KNOWN = {
    **dict.fromkeys(("ma", "mają", "jest", "są", "rusza"), "present"),
    **dict.fromkeys(("była", "były", "byli", "miał", "miały", "mieli", "mogli", "zmarła"), "past"),
    **dict.fromkeys(("ruszy", "zajmie", "znajdzie", "uda"), "future"),
}
# "była", "były", "byli" before a noun mean "former" ("była minister", "byli pracownicy").
_FORMER = frozenset(("była", "były", "byli"))
# Past forms that are also common attributive adjectives ("przyszły rok", "stały klient",
# "zwykły dzień", "ubiegły tydzień"): with an adjective reading these are not taken as verbs.
_ADJECTIVES = frozenset(
    words(
        "przyszły przyszła przyszli stały stała stali zwykły zwykła dorosły dorosła dorośli "
        "śmiały śmiała czuły czuła biegły biegła dojrzały dojrzała wytrwały wytrwała zbiegły zbiegła "
        "zuchwały zuchwała zwykli ubiegły ubiegła zeszły zeszła przeszły przeszła wściekły wściekła zaległy "
        "zaległa podległy podległa"
    )
)
# Gerunds that are mostly nouns in news ("w stanie", "Powstanie Warszawskie").
_NOUNS = frozenset(("stanie", "powstanie"))
# The future auxiliary: "będzie gościł", "będą rozmawiali" are future.
_AUXILIARY = frozenset(("będzie", "będą", "będę", "będziemy", "będziesz", "będziecie"))


def word_tense(word: str, morph: Morphology) -> str | None:
    """The tense of a finite verb form ("past", "future" or "present"), else None.

    A word with readings other than verb forms counts only when those readings are an
    adjective beside a past form ("wzrosły", "wyniosła": the participle-like adjective is
    rare next to a date, the verb frequent), a gerund beside a perfective (future) form
    ("zostanie"; "do wybrania" is a gerund, not a present tense),
    or when it is listed in ``_KNOWN``.
    """
    low = word.lower()
    known = _KNOWN.get(low)
    if known is not None:
        return known
    tenses: set[str] = set()
    others: set[str] = set()
    for interp in morph.analyse(word):
        fields = interp.tag.split(":")
        pos = fields[0]
        if pos in ("praet", "imps"):
            tenses.add("past")
        elif pos == "bedzie":
            tenses.add("future")
        elif pos == "fin":
            tenses.add("future" if fields[-1] == "perf" else "present")
        elif pos in ("adj", "ger"):
            others.add(pos)
        else:
            return None
    if len(tenses) != 1:
        return None
    tense = tenses.pop()
    if "adj" in others and (tense != "past" or low in _ADJECTIVES):
        return None
    if "ger" in others and (tense != "future" or low in _NOUNS):
        return None
    return tense


class SentenceTenses:
    """Tense lookups for one document, each sentence analysed at most once."""

    def __init__(self, text: str, seg: Segmentation, morph: Morphology, starts: list[int]) -> None:
        self._text = text
        self._seg = seg
        self._morph = morph
        self._verbs: dict[int, list[tuple[int, str]]] = {}
        self._starts = starts  # token starts

    def _sentence_verbs(self, s_idx: int) -> list[tuple[int, str]]:
        verbs = self._verbs.get(s_idx)
        if verbs is None:
            verbs = []
            tokens = self._seg.tokens
            k = bisect_left(self._starts, self._seg.sentences[s_idx][0])
            auxiliary = -10  # token index of the last future auxiliary ("będzie")
            while k < len(tokens) and tokens[k][2] == s_idx:
                s, e, _ = tokens[k]
                word = self._text[s:e]
                if not word[0].isalnum():
                    auxiliary = -10  # "czy będzie kontynuowane - mówił": another clause
                elif word[0].isalpha() and len(word) > 1:
                    tense = word_tense(word, self._morph)
                    if tense is not None and word.lower() in _FORMER and self._title_after(k):
                        tense = None  # "były premier", "byli pracownicy": "former", not a verb
                    if word.lower() in _AUXILIARY:
                        auxiliary = k
                    elif tense == "past" and k - auxiliary <= 3:
                        tense = "future"  # "będzie w maju gościł": a compound future
                    if tense is not None:
                        verbs.append((s, tense))
                k += 1
            self._verbs[s_idx] = verbs
        return verbs

    def _title_after(self, k: int) -> bool:
        """Whether token ``k + 1`` is a lower-case noun (only a noun for Morfeusz)."""
        tokens = self._seg.tokens
        if k + 1 >= len(tokens) or tokens[k + 1][2] != tokens[k][2]:
            return False
        s, e, _ = tokens[k + 1]
        word = self._text[s:e]
        if not word[:1].islower():
            return False
        readings = self._morph.analyse(word)
        return bool(readings) and all(r.tag.startswith("subst") for r in readings)

    def at(self, s_idx: int, position: int) -> str:
        """Tense of the verb nearest to ``position`` in sentence ``s_idx``, or "none"."""
        verbs = self._sentence_verbs(s_idx)
        if not verbs:
            return "none"
        return min(verbs, key=lambda v: abs(v[0] - position))[1]
