"""Who holds which role in one article, for attributions that name a role instead of a person.

News introduces a person with a role once — before the name ("rzecznik prezydenta miasta
Tomasz Nowicki", "szef NATO Mark Rutte") or after it ("Marta Zielińska, główna
ekonomistka Banku Pekao") — and later writes only the role: "– dodał rzecznik",
"Ekonomistka dodała", "Prezes Orlenu: …". A role is kept as the lemmas of its nouns and
names; its *head* is the first noun ("rzecznik"), feminine forms mapped to the masculine
("rzeczniczka" → rzecznik). A reference finds the holders with the same head and prefers
the one sharing most other words ("szef NATO" is Mark Rutte, not the "szef amerykańskiej
dyplomacji" Antony Blinken), then the nearest introduced before it.

The index is built on first use only, since most articles never need it.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import NamedTuple

from newsetl.extract.claims import lexicon_pl
from newsetl.extract.claims.cues import Sentence
from newsetl.extract.claims.tokens import Tok
from newsetl.morph import Morphology
from newsetl.spans import Mention

_PHRASE_STOP = frozenset(',;:!?()[]"-–—')
_MAX_PHRASE = 7
_REACH_BEFORE = 5000  # characters: roles are introduced in the same article, not pages before
_REACH_AFTER = 3000
_NEAR = 80  # characters around a person's name where its role is written


class _Role(NamedTuple):
    head: str
    lemmas: frozenset[str]
    position: int  # start of the holder's mention
    entity_id: str


class DocumentSources:
    """Role holders, the organisations named so far, and initials of the people of one article."""

    def __init__(
        self,
        text: str,
        mentions: Sequence[Mention],
        sentence_words: Callable[[int], Sequence[Tok]],
        morph: Morphology | None,
        lang: str,
    ) -> None:
        self.text = text
        self.mentions = mentions
        self.sentence_words = sentence_words
        self.morph = morph
        self.lang = lang
        self._roles: dict[int, list[_Role]] = {}
        self._lower: str | None = None
        self._starts = [m.start for m in mentions]  # mentions come sorted by start
        self._by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            self._by_sentence.setdefault(m.sentence_idx, []).append(m)

    # --- roles ----------------------------------------------------------------------------
    def role_holder(self, lemmas: Sequence[str], position: int) -> str | None:
        """Id of the person the role ``lemmas`` (head first) refers to, near ``position``."""
        if not lemmas or self.morph is None:
            return None
        head = lemmas[0]
        stem = head[: max(4, len(head) - 3)]  # "rzecznik" and "rzeczniczka" share "rzecz"
        if not self._written_near(stem, position):
            return None  # the role word is nowhere else near: no holder to find, nothing to read
        candidates = [r for r in self._roles_near(position, stem) if r.head == head]
        if not candidates:
            return None
        wanted = set(lemmas[1:])

        def rank(r: _Role) -> tuple[int, int, int]:
            before = r.position < position
            return (len(wanted & r.lemmas), before, r.position if before else -r.position)

        return max(candidates, key=rank).entity_id

    def _written_near(self, stem: str, position: int) -> bool:
        """Whether the role's stem occurs near ``position`` other than at it (a cheap first test)."""
        if self._lower is None:
            self._lower = self.text.lower()
        lo, hi = max(0, position - _REACH_BEFORE), position + _REACH_AFTER
        first = self._lower.find(stem, lo, hi)
        return first != -1 and (first != position or self._lower.find(stem, position + 1, hi) != -1)

    def _roles_near(self, position: int, stem: str) -> list[_Role]:
        """Roles introduced within :data:`_REACH_BEFORE` characters before ``position`` and
        :data:`_REACH_AFTER` after it (a headline's role is introduced in the lead), next to a
        person whose neighbourhood holds the role's stem; a sentence's roles are read once."""
        lo = bisect.bisect_left(self._starts, position - _REACH_BEFORE)
        hi = bisect.bisect_right(self._starts, position + _REACH_AFTER)
        lower = self._lower or ""
        sentences = {
            m.sentence_idx
            for m in self.mentions[lo:hi]
            if self._person_like(m) and lower.find(stem, max(0, m.start - _NEAR), m.end + _NEAR) != -1
        }
        out: list[_Role] = []
        for s_idx in sorted(sentences):
            found = self._roles.get(s_idx)
            if found is None:
                found = self._roles[s_idx] = self._roles_in(s_idx)
            out += found
        return out

    def _roles_in(self, s_idx: int) -> list[_Role]:
        mentions = self._by_sentence.get(s_idx, [])
        sentence = Sentence(self.sentence_words(s_idx), mentions, self.morph, self.lang)
        return [r for m in mentions if self._person_like(m) for r in self._roles_of(sentence, m)]

    def _person_like(self, m: Mention) -> bool:
        """A person, or a two-word name the tagger took for a place ("Witalij Kłyczko")."""
        if not self.text[m.start : m.start + 1].isupper():
            return False
        return m.label == "persName" or (m.label in ("placeName", "geogName") and " " in self.text[m.start : m.end])

    def _roles_of(self, s: Sentence, m: Mention) -> list[_Role]:
        out = []
        first = s.index_at(m.start)
        k = first - 1
        while k >= 0 and first - k <= _MAX_PHRASE and self._in_phrase(s, k):
            k -= 1
        before = self._role(s, k + 1, first, m)
        if before is not None:
            out.append(before)
        last = s.index_at(m.end)
        if last < len(s.words) and s.words[last].text == ",":
            end = last + 1
            while end < len(s.words) and end - last <= _MAX_PHRASE and s.words[end].text not in _PHRASE_STOP:
                if s.is_verb(end) or s.say_lemma(end) is not None:
                    break
                end += 1
            after = self._role(s, last + 1, end, m)
            if after is not None:
                out.append(after)
        return out

    def _in_phrase(self, s: Sentence, k: int) -> bool:
        tok = s.words[k]
        if tok.text == ".":
            return k > 0 and s.words[k - 1].kind == "word" and s.words[k - 1].end == tok.start  # "podkom."
        if tok.kind != "word" or tok.text in _PHRASE_STOP or s.is_verb(k) or s.say_lemma(k) is not None:
            return False
        if s.is_prep(k):  # "dyrektor szpitala w Radomiu", but not "z sekretarzem"
            return k + 1 < len(s.words) and s.words[k + 1].text[:1].isupper()
        if s.is_prep(k - 1) and not tok.text[:1].isupper():
            return False  # "we wtorek prezes koncernu": the role starts after the adverbial
        return s.lower(k) not in s.clause_words

    def _role(self, s: Sentence, start: int, end: int, m: Mention) -> _Role | None:
        lemmas: list[str] = []
        head: str | None = None
        k = start
        while k < end:
            inner = s.starting.get(s.words[k].start)
            if inner is not None and inner is not m:
                lemmas.append(inner.lemma.lower())
                k = max(s.index_at(inner.end), k + 1)
                continue
            lemma = s.noun_lemma(k)
            if lemma is not None and lemma not in lexicon_pl.TITLES and s.words[k].kind == "word":
                if head is None and not s.words[k].text.isupper() and s.is_role_noun(k):
                    head = lemma
                lemmas.append(lemma)
            k += 1
        if head is None:
            return None
        return _Role(head, frozenset(lemmas), m.start, m.entity_id)

    # --- organisations and initials ----------------------------------------------------------
    def last_organisation(self, position: int) -> str | None:
        """Id of the organisation named last before ``position`` ("– poinformowała spółka")."""
        found = None
        for m in self.mentions:
            if m.start >= position:
                break
            if m.label == "orgName" and self.text[m.start : m.start + 1].isupper():
                found = m.entity_id
        return found

    def initials(self, letters: str) -> str | None:
        """Id of the one person whose name has these initials ("TW" → Tadeusz Wójcik)."""
        found = {
            m.entity_id
            for m in self.mentions
            if m.label == "persName"
            and len(m.lemma.split()) == len(letters)
            and "".join(w[:1] for w in m.lemma.split()).upper() == letters.upper()
        }
        return found.pop() if len(found) == 1 else None
