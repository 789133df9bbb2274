"""Who said it: the speaker of each sentence, from the cues (:mod:`.cues`) of its paragraph.

The speaker is the entity id of a person or organisation (the linking's id, so its name is
the full one). Within a paragraph:

* a sentence with a named source has it; an unnamed source ("zdaniem ekspertów") gives
  none and stops the previous source from going on;
* a pronoun cue ("Dodał, że…", "Jak podał, …", "według niej") is the paragraph's last
  speaker, else the last person named earlier in the paragraph, else the last speaker of
  the previous paragraph;
* a sentence with no cue is covered by an attribution that closes a later sentence of the
  paragraph ("A. B – przyznał Blinken." covers A), else goes on with the previous
  sentence's speaker (the next figures of a release, the rest of a quotation);
* "X: …" opening a paragraph makes X the speaker of the whole paragraph (an interview
  answer, a headline).

Across paragraphs only quotations go on: a paragraph that opens with a dash or a quote
mark and names no source continues the speaker of the paragraph before ("– Problemem są
raczej odejścia…" after "– … – mówi prof. Ewa Kaczmarek."). A headline (a first paragraph
of one sentence without final punctuation) has a speaker only through "X: …" and passes
none on. Everything else — the journalist's statements, bylines and credits such as
"(PAP)" or "mw/Reuters" — has no speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from newsetl.extract.claims import lexicon_en, lexicon_pl
from newsetl.extract.claims.cues import (
    NAMED,
    NO_CUE,
    PRONOUN,
    UNNAMED,
    Cue,
    Resolvers,
    Sentence,
    colon_cue,
    sentence_cue,
)
from newsetl.extract.claims.profile import Profile
from newsetl.extract.claims.roles import DocumentSources
from newsetl.extract.claims.tokens import DASHES, Tok
from newsetl.morph import Morphology
from newsetl.spans import Mention, Segmentation

_WORD = re.compile(r"[^\W\d_]+")
_QUOTE_OPENERS = frozenset('"') | DASHES
_MAX_CARRY = 3  # paragraphs a quotation may run on without naming its speaker again
_LONG_PARAGRAPH = 12  # sentences; longer paragraphs are read in windows
_BEFORE = 3  # sentences before a claim read in a long paragraph (the source said before it)
_AFTER = 2  # and after it (a closing attribution: "A. B. – powiedział X.")


def _prefixes(lang: str) -> tuple[frozenset[str], tuple[str, ...]]:
    if lang == "pl":
        stems = lexicon_pl.SAY_STEMS + tuple(lexicon_pl.ACCORDING_WORDS) + ("ocenie", "opinii", "wynik", "dane")
    else:
        stems = tuple(lexicon_en.SAY_FORMS | lexicon_en.ACCORDING_WORDS)
    return frozenset(stem[:4] for stem in stems), stems


_PREFIXES = {lang: _prefixes(lang) for lang in ("pl", "en")}


_LEAD_COLON = re.compile(r"[^\W\d_]\.?: ")  # "GUS: …", "T.W.: …" (not "12:30", "1. : ")


def may_attribute(text: str, start: int, end: int, lang: str) -> bool:
    """Cheap test: may the sentence hold a cue (a verb of saying, "według", "X: …")?"""
    colon = text.find(": ", start, min(end, start + 100))
    if colon > start and _LEAD_COLON.match(text, colon - 2 if text[colon - 1] == "." else colon - 1):
        return True
    prefixes, stems = _PREFIXES[lang]
    return any(w[:4] in prefixes and w.startswith(stems) for w in _WORD.findall(text[start:end].lower()))


def words_of(text: str, seg: Segmentation, s_idx: int) -> list[Tok]:
    """The segmentation's tokens of one sentence, as :class:`Tok` (binary search, no copy of all)."""
    start, end, _ = seg.sentences[s_idx]
    lo = bisect.bisect_left(seg.tokens, start, key=lambda t: t[0])
    hi = bisect.bisect_left(seg.tokens, end, lo=lo, key=lambda t: t[0])
    return [
        Tok(s, e, text[s:e], "word" if text[s].isalpha() else ("num" if text[s].isdecimal() else "sym"))
        for s, e, _ in seg.tokens[lo:hi]
    ]


class _Document:
    """Cues and speakers of the paragraphs of one document, computed on demand."""

    def __init__(
        self,
        text: str,
        seg: Segmentation,
        by_sentence: dict[int, list[Mention]],
        mentions: Sequence[Mention],
        morph: Morphology | None,
        profile: Profile,
    ) -> None:
        self.text = text
        self.seg = seg
        self.by_sentence = by_sentence
        self.morph = morph
        self.lang = profile.lang
        self.sources = DocumentSources(text, mentions, self.words, morph, profile.lang)
        self.resolvers = Resolvers(self.sources.role_holder, self.sources.last_organisation, self.sources.initials)
        self.members: dict[int, list[int]] = {}
        for s_idx, (_, _, p_idx) in enumerate(seg.sentences):
            self.members.setdefault(p_idx, []).append(s_idx)
        self._resolved: dict[tuple[int, int, int], list[str | None]] = {}
        self._cues: dict[int, Cue] = {}
        self._words: dict[int, list[Tok]] = {}

    def words(self, s_idx: int) -> list[Tok]:
        found = self._words.get(s_idx)
        if found is None:
            found = self._words[s_idx] = words_of(self.text, self.seg, s_idx)
        return found

    def sentence(self, s_idx: int) -> Sentence:
        return Sentence(self.words(s_idx), self.by_sentence.get(s_idx, []), self.morph, self.lang)

    def is_headline(self, p_idx: int) -> bool:
        members = self.members[p_idx]
        end = self.seg.paragraphs[p_idx][1]
        return p_idx == 0 and len(members) == 1 and self.text[end - 1] not in '.!?"' and len(self.seg.paragraphs) > 1

    def cue(self, s_idx: int) -> Cue:
        found = self._cues.get(s_idx)
        if found is None:
            start, end, _ = self.seg.sentences[s_idx]
            found = NO_CUE
            if may_attribute(self.text, start, end, self.lang):
                found = sentence_cue(self.sentence(s_idx), self.text, self.resolvers)
            self._cues[s_idx] = found
        return found

    def speakers(self, p_idx: int, wanted: Sequence[int], depth: int = 0) -> dict[int, str | None]:
        """Speaker of the ``wanted`` sentences of paragraph ``p_idx``.

        A long paragraph (text without blank lines) is read in windows of a few sentences
        around each wanted one, so the work per claim stays bounded.
        """
        members = self.members[p_idx]
        if self.is_headline(p_idx):
            s_idx = members[0]
            start, end, _ = self.seg.sentences[s_idx]
            cue = colon_cue(self.sentence(s_idx), self.text, self.resolvers) if ":" in self.text[start:end] else None
            return {s_idx: cue.entity_id if cue is not None and cue.kind == NAMED else None}
        if len(members) <= _LONG_PARAGRAPH:
            windows = [(0, len(members))]
        else:
            position = {s_idx: i for i, s_idx in enumerate(members)}
            windows = sorted(
                {(max(0, position[s] - _BEFORE), min(len(members), position[s] + _AFTER + 1)) for s in wanted}
            )
        out: dict[int, str | None] = {}
        for lo, hi in windows:
            key = (p_idx, lo, hi)
            found = self._resolved.get(key)
            if found is None:
                found = self._resolved[key] = self._resolve(p_idx, members[lo:hi], lo == 0, depth)
            out.update(zip(members[lo:hi], found, strict=True))
        return out

    def _carried(self, p_idx: int, depth: int) -> str | None:
        """The speaker the previous paragraph ends with (for quotations and pronouns)."""
        if p_idx == 0 or depth >= _MAX_CARRY:
            return None
        last = self.members[p_idx - 1][-1]
        return self.speakers(p_idx - 1, [last], depth + 1)[last]

    def _resolve(self, p_idx: int, members: Sequence[int], at_start: bool, depth: int) -> list[str | None]:
        cues = [self.cue(s_idx) for s_idx in members]
        first = cues[0]
        if at_start and first.kind == NAMED and not first.trailing and self._opens_with_colon(members[0]):
            return [c.entity_id if c.kind == NAMED else first.entity_id for c in cues]  # an interview answer
        start, _ = self.seg.paragraphs[p_idx]
        previous: str | None = None
        if at_start and self.text[start] in _QUOTE_OPENERS and all(c.kind == "none" for c in cues):
            previous = self._carried(p_idx, depth)  # a quotation running on into this paragraph
        following: list[int | None] = [None] * len(cues)  # index of the next sentence with a cue
        for i in range(len(cues) - 2, -1, -1):
            following[i] = i + 1 if cues[i + 1].kind != "none" else following[i + 1]
        out: list[str | None] = []
        for i, cue in enumerate(cues):
            j = following[i]
            if (
                cue.kind == "none"
                and j is not None
                and cues[j].trailing
                and not any(self._opens_quote(s) for s in members[i + 1 : j + 1])
            ):
                cue = cues[j]  # covered by a later closing attribution of the same quotation
            if cue.kind == NAMED:
                speaker = cue.entity_id
            elif cue.kind == UNNAMED:
                speaker = None
            elif cue.kind == PRONOUN:
                # A plural verb ("zarzucają") has a plural subject: never one person named earlier.
                speaker = previous or (None if cue.plural else self._last_person(members[:i]))
                if speaker is None and i == 0 and at_start and p_idx > 0:
                    speaker = self._carried(p_idx, depth) or (
                        None if cue.plural else self._last_person(self.members[p_idx - 1])
                    )
            else:
                speaker = previous
            out.append(speaker)
            previous = speaker
        return out

    def _opens_quote(self, s_idx: int) -> bool:
        """A sentence opening a quotation ("– Apelujemy…"), not an attribution split off the
        sentence before it ("– podkreśliła rzeczniczka." after "…o 40 proc.")."""
        start, end, _ = self.seg.sentences[s_idx]
        if self.text[start] not in _QUOTE_OPENERS:
            return False
        rest = self.text[start + 1 : min(end, start + 4)].lstrip()
        return not rest[:1].islower()

    def _opens_with_colon(self, s_idx: int) -> bool:
        words = self.words(s_idx)
        return any(w.text == ":" for w in words[:12])

    def _last_person(self, sentences: Sequence[int]) -> str | None:
        for s_idx in reversed(sentences):
            people = [m for m in self.by_sentence.get(s_idx, []) if m.label == "persName"]
            if people:
                return people[-1].entity_id
        return None


def speakers_in_document(
    text: str,
    seg: Segmentation,
    wanted: set[int],
    by_sentence: dict[int, list[Mention]],
    mentions: Sequence[Mention],
    morph: Morphology | None,
    profile: Profile,
) -> dict[int, str | None]:
    """Speaker entity id of each wanted sentence (None: the journalist, or an unnamed source)."""
    doc = _Document(text, seg, by_sentence, mentions, morph, profile)
    out: dict[int, str | None] = {}
    by_paragraph: dict[int, list[int]] = {}
    for s_idx in sorted(wanted):
        by_paragraph.setdefault(seg.sentences[s_idx][2], []).append(s_idx)
    for p_idx, sentences in by_paragraph.items():
        found = doc.speakers(p_idx, sentences)
        out.update((s_idx, found[s_idx]) for s_idx in sentences)
    return out


def speaker_of_sentence(
    toks: Sequence[Tok], text: str, mentions: Sequence[Mention], morph: Morphology | None, profile: Profile
) -> str | None:
    """Speaker of a lone sentence (its own cue only; pronouns and roles find no one)."""
    sources = DocumentSources(text, mentions, lambda _: toks, morph, profile.lang)
    resolvers = Resolvers(sources.role_holder, sources.last_organisation, sources.initials)
    cue = sentence_cue(Sentence(toks, mentions, morph, profile.lang), text, resolvers)
    return cue.entity_id if cue.kind == NAMED else None
