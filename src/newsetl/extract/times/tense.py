"""The tense around an expression, for choosing the year of "27 maja" or the week of "we
wtorek": the verb nearest to it in its sentence, read with Morfeusz.

Only sentences holding such an underspecified expression are analysed (a few per cent),
so the analyser's cost stays small. A word counts as a verb only when every reading
Morfeusz gives is a finite verb form of one tense ("udział" — noun or past verb — does
not count).
"""

from __future__ import annotations

from bisect import bisect_left

from newsetl.morph import Morphology
from newsetl.spans import Segmentation

# Present-tense forms that Morfeusz also reads as rare nouns or adjectives.
_PRESENT = frozenset({"ma", "mają", "jest", "są"})


def word_tense(word: str, morph: Morphology) -> str | None:
    """The tense of a finite verb form ("past", "future" or "present"), else None."""
    if word.lower() in _PRESENT:
        return "present"
    tenses: set[str] = set()
    for interp in morph.analyse(word):
        fields = interp.tag.split(":")
        pos = fields[0]
        if pos in ("praet", "imps"):
            tenses.add("past")
        elif pos == "bedzie":
            tenses.add("future")
        elif pos == "fin":
            tenses.add("future" if fields[-1] == "perf" else "present")
        else:
            return None
    return tenses.pop() if len(tenses) == 1 else None


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
            while k < len(tokens) and tokens[k][2] == s_idx:
                s, e, _ = tokens[k]
                word = self._text[s:e]
                if word[0].isalpha() and len(word) > 1:
                    tense = word_tense(word, self._morph)
                    if tense is not None:
                        verbs.append((s, tense))
                k += 1
            self._verbs[s_idx] = verbs
        return verbs

    def at(self, s_idx: int, position: int) -> str:
        """Tense of the verb nearest to ``position`` in sentence ``s_idx``, or "none"."""
        verbs = self._sentence_verbs(s_idx)
        if not verbs:
            return "none"
        return min(verbs, key=lambda v: abs(v[0] - position))[1]
