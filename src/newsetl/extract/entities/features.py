"""Token features for the NER sequence model, from the token strings, Morfeusz, and the
model's own word lists (name lexicon, word clusters) and wordfreq's frequencies.

Features are computed once per distinct word (news vocabulary is Zipfian, so a bounded
cache removes most of the cost) and then combined per position with the neighbours'
features, with document-level evidence added per document. Gold lemmas and tags from the
training corpus are never used: at run time there are none.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from itertools import groupby
from typing import NamedTuple

from wordfreq import get_frequency_dict

from newsetl.cache import Generations
from newsetl.extract.entities.ner_lexicon import Clusters, Lexicon, cluster_key
from newsetl.morph import Interp, Morphology

# Morfeusz's qualifiers mark proper names by kind ("imię", "nazwa_geograficzna", ...);
# only these spellings mark a common noun.
_COMMON_QUALIFIERS = frozenset({"nazwa_pospolita", "nazwa pospolita", "pospolita"})
_CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_WINDOW = (-2, -1, 1, 2)
# Distinct tokens described per generation (~2 KB each; two generations kept).
_CACHE_LIMIT = 20_000


@cache
def _frequencies() -> dict[str, float]:
    """wordfreq's Polish word list (ships inside the package; ~50k words, 0.3 s to load)."""
    return dict(get_frequency_dict("pl", wordlist="small"))


def frequency_band(lower: str) -> int:
    """0–6: the Zipf frequency (log10 per billion words) of a lower-cased word form, cut to
    an integer; 0 when wordfreq does not list it. A plain look-up, ~40x cheaper than
    ``wordfreq.zipf_frequency``, which tokenizes its input."""
    freq = _frequencies().get(lower, 0.0)
    return min(max(int(math.log10(freq) + 9), 0), 6) if freq > 0 else 0


def _capitalised_tail(token: str) -> str:
    """The part after the last hyphen when it is capitalised ("Bielsko-Biała" → "Biała"), else ""."""
    head, _, tail = token.rpartition("-")
    return tail if head and tail[:1].isupper() else ""


def _shape(word: str) -> str:
    """Character classes with runs collapsed: "Kowalski" → "Xx", "PiS-u" → "XxX-x", "1,5" → "d,d"."""
    classes = _CHAR_CLASSES
    chars = "".join([classes.get(ch) or _char_class(ch) for ch in word])
    return "".join([ch for ch, _ in groupby(chars)])


# Character → its class in a shape ("X", "x", "d" or itself); filled as characters are seen.
_CHAR_CLASSES: dict[str, str] = {}


def _char_class(ch: str) -> str:
    if ch.isupper():
        cls = "X"
    elif ch.isalpha():
        cls = "x"
    elif ch.isdigit():
        cls = "d"
    else:
        cls = ch
    _CHAR_CLASSES[ch] = cls
    return cls


class _TagFacts(NamedTuple):
    pos: str
    cases: frozenset[str]


# Morfeusz tag → its part of speech and the cases it names (a closed set of a few thousand tags).
_TAG_FACTS: dict[str, _TagFacts] = {}


def _tag_facts(tag: str) -> _TagFacts:
    facts = _TAG_FACTS.get(tag)
    if facts is None:
        parts = tag.split(":")
        cases = frozenset(c for part in parts[1:] for c in part.split(".") if c in _CASES)
        facts = _TAG_FACTS[tag] = _TagFacts(parts[0], cases)
    return facts


class _MorphFacts(NamedTuple):
    """What a word's Morfeusz interpretations say, as features (interned strings)."""

    feats: tuple[str, ...]  # "p=<part of speech>" each, then "q=<qualifier>" each, sorted
    cases: tuple[str, ...]  # "c=<case>" each, sorted
    main: int  # the interpretation whose lemma is the word's: the first with a proper-name qualifier, else the first


# (tag, qualifiers) sets remembered by a FeatureExtractor; emptied when full (bounded).
_FACTS_KEPT = 50_000


def _morph_facts(interps: Sequence[Interp]) -> _MorphFacts:
    facts = [_tag_facts(i.tag) for i in interps]
    poses = sorted({f.pos for f in facts})
    quals = sorted({q for i in interps for q in i.qualifiers})
    cases = sorted(frozenset().union(*(f.cases for f in facts)))
    main = 0
    for n, i in enumerate(interps):
        if i.qualifiers and not _COMMON_QUALIFIERS.issuperset(i.qualifiers):
            main = n
            break
    intern = sys.intern
    feats = tuple([intern(f"p={p}") for p in poses] + [intern(f"q={q}") for q in quals])
    return _MorphFacts(feats, tuple([intern(f"c={c}") for c in cases]), main)


@dataclass(frozen=True, slots=True)
class WordInfo:
    """What the tagger needs to know about one distinct token string."""

    own: tuple[str, ...]  # features at the token's own position
    near_base: tuple[str, ...]  # features seen from every offset in _WINDOW (prefixed with it)
    near_close: tuple[str, ...]  # ...and these too from offsets -1 and +1
    key: str  # lower-cased main lemma: the unit of document-level evidence
    lower: str
    capitalised: bool

    def near(self, k: int) -> list[str]:
        """The features seen from offset ``_WINDOW[k]``: ``"-1w=kot"``."""
        off = _WINDOW[k]
        return [f"{off}{f}" for f in self.near_seen(k)]

    def near_seen(self, k: int) -> tuple[str, ...]:
        """The features seen from offset ``_WINDOW[k]``, without the offset prefix."""
        return self.near_base + self.near_close if abs(_WINDOW[k]) == 1 else self.near_base


class FeatureExtractor:
    """Turns documents (sentences of token strings) into CRF feature lists."""

    def __init__(
        self,
        morph: Morphology,
        lexicon: Lexicon | None = None,
        word_freq: bool = False,
        clusters: Clusters | None = None,
    ) -> None:
        """``lexicon``: name lists the word form is in; ``clusters``: its word clusters
        (``ner_lexicon.py``); ``word_freq``: add the word's frequency band in Polish (wordfreq's
        Zipf scale). All must be as at training time (``meta.json`` records them)."""
        self._morph = morph
        self._lexicon = lexicon
        self._word_freq = word_freq
        self._clusters = clusters
        self._cache: Generations[WordInfo] = Generations(_CACHE_LIMIT)
        self._facts: dict[tuple[tuple[str, tuple[str, ...]], ...], _MorphFacts] = {}

    def word(self, token: str) -> WordInfo:
        info = self._cache.get(token)
        if info is None:
            info = self._describe(token)
            self._cache.put(token, info)
        return info

    def _describe(self, token: str) -> WordInfo:
        morph = self._morph
        interps = morph.analyse(token)
        lower = token.lower()
        facts = self._morph_facts(interps)
        lemma = interps[facts.main].lemma.lower()
        capitalised = token[:1].isupper()
        shape = _shape(token)
        morph_feats = list(facts.feats)
        if any(i.lemma[:1].isupper() for i in interps):
            morph_feats.append("lemU")
        s3 = lower[-3:]
        own = [
            "b",
            f"w={lower}",
            f"l={lemma}",
            f"sh={shape}",
            f"s2={lower[-2:]}",
            f"s3={s3}",
            f"s4={lower[-4:]}",
            f"x2={lower[:2]}",
            f"x3={lower[:3]}",
            *morph_feats,
            *facts.cases,
        ]
        if capitalised:
            # A capitalised word that is also an ordinary lower-case word ("Dzisiaj", "Sejm")
            # is weak evidence of a name at a sentence start; one Morfeusz only knows
            # capitalised is strong evidence.
            low = morph.analyse(lower)
            if low[0].tag != "ign" and any(i.lemma[:1].islower() for i in low):
                own.append("lowknown")
        if len(token) == 1:
            own.append("len1")
        lex: list[str] = []
        if self._lexicon is not None:
            tags = self._lexicon.get(lower, ())
            if tags:
                lex = [f"lx={t}" for t in tags]
                own.extend(lex)
                if capitalised:
                    own.extend([f"lxU={t}" for t in tags])
        tail = _capitalised_tail(token)
        if tail:
            # "Indo-Pacyfik", "Bielsko-Biała", "Azja-Pacyfik": what is known of the last part.
            own.extend(sorted({f"ht:q={q}" for i in morph.analyse(tail) for q in i.qualifiers}))
            if self._lexicon is not None:
                own.extend([f"ht:lx={t}" for t in self._lexicon.get(tail.lower(), ())])
        if self._word_freq:
            own.append(f"zf={frequency_band(lower)}")
        if self._clusters is not None:
            cl = self._clusters.get(cluster_key(token), ("k=none",))
            own.extend(cl)
            lex.extend(cl[1:2])  # the neighbours see the middle granularity
        # Interned: most feature strings ("p=subst", "sh=Xx") recur across words, and a
        # cached description then costs ~half the memory (a worker keeps ~40k of them).
        # (Not the word form itself: "w=..." is one string per word.)
        intern = sys.intern
        own_t = ("b", own[1], *[intern(f) for f in own[2:]])
        near_base = (own_t[1], own_t[3], own_t[2], *own_t[9 : 9 + len(morph_feats)])  # w=, sh=, l=, morphology
        near_close = (own_t[5], *[intern(f) for f in lex])  # s3=, name lists
        return WordInfo(own_t, near_base, near_close, lemma, lower, capitalised)

    def _morph_facts(self, interps: tuple[Interp, ...]) -> _MorphFacts:
        """The features a word's Morfeusz interpretations give, computed once per set of
        (tag, qualifiers) pairs: far fewer than words, and most of a description's cost."""
        key = tuple([(i.tag, i.qualifiers) for i in interps])
        facts = self._facts.get(key)
        if facts is None:
            if len(self._facts) >= _FACTS_KEPT:
                self._facts.clear()
            facts = self._facts[key] = _morph_facts(interps)
        return facts

    def words(self, docs: Sequence[Sequence[Sequence[str]]]) -> dict[str, WordInfo]:
        """The description of every distinct token of the documents. Words not described
        before are analysed by Morfeusz together (:meth:`Morphology.analyse_all`, cheaper
        than one by one), with the other forms their descriptions ask for."""
        cached = self._cache.get
        found: dict[str, WordInfo | None] = {}
        for doc in docs:
            for sent in doc:
                for token in sent:
                    if token not in found:
                        found[token] = cached(token)
        new = [token for token, info in found.items() if info is None]
        if new:
            wanted = list(new)
            for token in new:
                if token[:1].isupper():
                    wanted.append(token.lower())
                tail = _capitalised_tail(token)
                if tail:
                    wanted.append(tail)
            self._morph.analyse_all(wanted)
            for token in new:
                found[token] = self.word(token)
        return found  # type: ignore[return-value]  # every None was replaced

    def sentence_features(self, doc: Sequence[Sequence[str]]) -> list[list[list[str]]]:
        """Feature lists for every token of one document, sentence by sentence."""
        return self.document(doc)[1]

    def document(self, doc: Sequence[Sequence[str]]) -> tuple[list[list[WordInfo]], list[list[list[str]]]]:
        """Word descriptions and first-pass feature lists of one document."""
        infos = self.infos(doc)
        out: list[list[list[str]]] = []
        for sent, context in zip(infos, document_context(infos), strict=True):
            n = len(sent)
            rows: list[list[str]] = []
            for i, info in enumerate(sent):
                feats = [*info.own, *context.before(i)]
                for k, off in enumerate(_WINDOW):
                    j = i + off
                    if 0 <= j < n:
                        feats.extend(sent[j].near(k))
                feats.extend(context.after(i))
                rows.append(feats)
            out.append(rows)
        return infos, out

    def infos(self, doc: Sequence[Sequence[str]], words: dict[str, WordInfo] | None = None) -> list[list[WordInfo]]:
        """The description of every token of one document, sentence by sentence
        (``words``: the descriptions :meth:`words` gave for a batch holding it)."""
        if words is None:
            words = self.words([doc])
        return [[words[t] for t in sent] for sent in doc]


# The place features, in the order they follow a token's own features (BEFORE) and its
# neighbours' (AFTER); first_pass.py keeps one column per name, in this order.
IN_QUOTES, SENTENCE_START, SECOND, SENTENCE_END = "inq", "BOS", "pos1", "EOS"
CAPITALISED_ELSEWHERE, LOWER_ELSEWHERE = "d:capmid", "d:low"


class SentenceContext(NamedTuple):
    """The features of a sentence's tokens that depend on their place, not on their
    word, one entry per token. A token's feature list is: its word's ``own``,
    :meth:`before`, the ``near`` features of the words at offsets -2, -1, +1, +2 that
    exist, :meth:`after`."""

    bigrams: list[str]  # "bw=<previous word>|<word>" (lower-cased; "<s>" at the start)
    quoted: list[bool]  # between quotation marks
    runs: list[str]  # "run<length 1-3><b|m|e>" in a run of capitalised words, else ""
    capitalised_elsewhere: list[bool]  # capitalised, and so is its lemma away from a sentence start elsewhere
    lower_elsewhere: list[bool]  # capitalised, and its lemma is written lower-case elsewhere

    def before(self, i: int) -> list[str]:
        out = [self.bigrams[i]]
        if self.quoted[i]:
            out.append(IN_QUOTES)
        if self.runs[i]:
            out.append(self.runs[i])
        if i == 0:
            out.append(SENTENCE_START)
        elif i == 1:
            out.append(SECOND)
        if i == len(self.bigrams) - 1:
            out.append(SENTENCE_END)
        return out

    def after(self, i: int) -> list[str]:
        out = []
        if self.capitalised_elsewhere[i]:
            out.append(CAPITALISED_ELSEWHERE)
        if self.lower_elsewhere[i]:
            out.append(LOWER_ELSEWHERE)
        return out


def document_context(infos: Sequence[Sequence[WordInfo]]) -> list[SentenceContext]:
    """The place features of every sentence of one document (:class:`SentenceContext`)."""
    # Document-level evidence (Ratinov & Roth style): is the same lemma written
    # capitalised away from a sentence start, or lower-case, elsewhere in the document?
    cap_mid: dict[str, int] = {}
    low_any: dict[str, int] = {}
    for sent in infos:
        for i, info in enumerate(sent):
            if info.capitalised:
                if i > 0:
                    cap_mid[info.key] = cap_mid.get(info.key, 0) + 1
            else:
                low_any[info.key] = low_any.get(info.key, 0) + 1
    out: list[SentenceContext] = []
    for sent in infos:
        lowers = [info.lower for info in sent]
        bigrams = [f"bw={prev}|{cur}" for prev, cur in zip(["<s>", *lowers], lowers, strict=False)]
        elsewhere_cap = [False] * len(sent)
        elsewhere_low = [False] * len(sent)
        for i, info in enumerate(sent):
            if info.capitalised:
                elsewhere_cap[i] = cap_mid.get(info.key, 0) - (1 if i > 0 else 0) > 0
                elsewhere_low[i] = low_any.get(info.key, 0) > 0
        quoted, runs = _inside_quotes(sent), _capitalised_runs(sent)
        out.append(SentenceContext(bigrams, quoted, runs, elsewhere_cap, elsewhere_low))
    return out


_OPEN_QUOTES = frozenset("„«‚")
_CLOSE_QUOTES = frozenset("”»’")
_EITHER_QUOTES = frozenset("\"“'")


def _inside_quotes(sent: Sequence[WordInfo]) -> list[bool]:
    """Which tokens stand between quotation marks (titles and names of organisations often do)."""
    inside = False
    out = []
    for info in sent:
        tok = info.lower
        if tok in _OPEN_QUOTES:
            inside = True
            out.append(False)
        elif tok in _CLOSE_QUOTES or (tok in _EITHER_QUOTES and inside):
            inside = False
            out.append(False)
        elif tok in _EITHER_QUOTES:
            inside = True
            out.append(False)
        else:
            out.append(inside)
    return out


def _capitalised_runs(sent: Sequence[WordInfo]) -> list[str]:
    """Length class and position of each token's run of consecutive capitalised words."""
    out = [""] * len(sent)
    i = 0
    while i < len(sent):
        if not sent[i].capitalised:
            i += 1
            continue
        j = i
        while j < len(sent) and sent[j].capitalised:
            j += 1
        size = min(j - i, 3)
        for k in range(i, j):
            where = "b" if k == i else ("e" if k == j - 1 else "m")
            out[k] = f"run{size}{where}"
        i = j
    return out


def second_pass_features(
    infos: Sequence[Sequence[WordInfo]],
    feats: Sequence[Sequence[Sequence[str]]],
    first: Sequence[Sequence[str]],
) -> list[list[list[str]]]:
    """First-pass features plus the first pass's labels, locally and across the document.

    The document-level part says which entity types the first pass gave to other
    occurrences of the same lemma in the document, so a surname tagged correctly once
    ("Mark Rutte") supports the bare, harder mentions ("Rutte powiedział"). Only models
    trained with a stage 2 (``train_ner.py --folds K``) use it.
    """
    by_key: dict[str, dict[str, int]] = {}
    for sent_infos, labels in zip(infos, first, strict=True):
        for info, label in zip(sent_infos, labels, strict=True):
            if info.capitalised or label != "O":
                kind = label[2:].split(".", 1)[0] if label != "O" else "O"
                counts = by_key.setdefault(info.key, {})
                counts[kind] = counts.get(kind, 0) + 1
    out: list[list[list[str]]] = []
    for sent_infos, sent_feats, labels in zip(infos, feats, first, strict=True):
        n = len(labels)
        rows: list[list[str]] = []
        for i, (info, base, label) in enumerate(zip(sent_infos, sent_feats, labels, strict=True)):
            row = list(base)
            row.append(f"y0={label}")
            row.append(f"y-1={labels[i - 1] if i > 0 else 'BOS'}")
            row.append(f"y+1={labels[i + 1] if i + 1 < n else 'EOS'}")
            seen = by_key.get(info.key)
            if seen:
                own = label[2:].split(".", 1)[0] if label != "O" else "O"
                for kind, count in seen.items():
                    others = count - (1 if kind == own else 0)
                    if others > 0:
                        row.append(f"dk={kind}")
                        if others > 1:
                            row.append(f"dk2={kind}")
            rows.append(row)
        out.append(rows)
    return out
