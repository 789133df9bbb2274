"""Paragraphs, sentences and tokens of normalized text: ``segment(text, lang)``.

Input is ``documents.text`` after normalization (NFC, ASCII quotes and dashes, single
spaces, ``\n`` line ends, paragraphs separated by blank lines). Output offsets are
``str`` indices into it (:class:`newsetl.spans.Segmentation`). The function is pure and
deterministic; the only state is Morfeusz's cache (pass the process's
:class:`~newsetl.morph.Morphology` as ``morph``, or a shared one is created lazily).

Paragraphs
    Split on blank lines; each span is stripped of surrounding whitespace.

Sentences (:mod:`.sentences`)
    One compiled expression finds every *candidate* end — a run of ``. ? ! …`` plus the
    closing quotes/brackets glued to it, followed by whitespace, or a line break — so
    the text between candidates is never visited in Python. Each candidate is judged by
    rules that look at the word before it and the one or two words after:

    * ``?``/``!``/``…`` end a sentence unless a lower-case word follows (``"Co dalej?"
      pozostaje``, ``"Tak?" - zapytał``: a quote or attribution goes on).
    * After a single period the word before it is classified: a number, an initial, or
      an abbreviation of one of four kinds (:mod:`.lexicon`): *prefix* ("prof.", "ul.",
      "np.", "m.in.": never ends), *weak prefix* ("im.", "św.", "ok.": ends only before
      a clear sentence start), *suffix* ("r.", "tys.", "proc.", "itd.": ends before a
      capitalised word) and *unit* ("godz.", "min.": prefix, but suffix after a number).
      Unlisted words end the sentence; before a lower-case word Polish asks Morfeusz
      whether ``word.`` is an abbreviation.
    * "A clear sentence start" is a capitalised function word or verb — Morfeusz's
      analysis for Polish, small word lists for English, German and Russian — never a
      name or an ordinary noun ("im. Jana" goes on, "im. Mogą" ends).
    * The hard Polish case "r." + capitalised word: "W 2024 r. Polska przeznaczyła…"
      goes on, "…zmarł w 2004 r. Henryk Wujec…" ends. The evidence that separates them
      in NKJP is the clause before the date: a fronted time adverbial has no verb yet
      and opens with a preposition or conjunction ("W", "Od", "że w").
    * Numbers: "23. rocznica" (ordinal, lower case next) goes on, "…wyniósł 23. Potem"
      ends; a number opening a sentence or following ":" is a list marker; a month after
      it makes a date ("3. Oktober", "11. X.").
    * Initials: "J. Kowalski" goes on; after a first name the letter abbreviates a
      surname ("zatrzymano Krzysztofa W. Mężczyzna…") and the sentence may end.
    * Dashes: after ``?"`` or ``!`` a dash and a lower-case word is an attribution
      (same sentence); after a bare period it opens a new line of dialogue, since Polish
      puts no period before an attribution dash.
    * Line breaks inside a paragraph end a sentence when the line has no terminal
      punctuation and the next starts like a sentence (a headline or subheading) or is
      a bullet; lines of a hard-wrapped paragraph (≥ 3 lines of similar length), lines
      ending in "," or a preposition, and lines followed by lower case are joined.

    Why rules and not a library or a trained model: the pipeline needs ≥ 300k words/s
    for this step, exact offsets and Polish abbreviations. pySBD (which has a Polish
    list) runs many regex passes per text in pure Python and NLTK's Punkt loops over
    tokens in Python (its Polish model is a download); spaCy's sentencizer knows no
    abbreviations. A statistical classifier for the ambiguous periods was considered,
    but they are a few per thousand words and the rules above already give F1 0.997 on
    UD LFG dev and 0.987 on PDB dev (``scripts/eval_segmentation.py``); most remaining
    misses are sentences with no terminal punctuation at all.

Tokens (:mod:`.tokens`)
    Following the NKJP 1M corpus the NER model is trained on (checked on
    ``ner/nkjp-nested-simplified-v2.iob.gz``):

    * runs of letters/digits are words; an apostrophe between letters stays inside
      ("McDonald's", "George'a", as in NKJP);
    * internal hyphens keep one token ("Bielsku-Białej", "PiS-u", "F-16", "Covid-19",
      "33-letni"), except between two numbers ("2-3" is a range: three tokens, as NKJP);
    * decimals and thousands groups are one token ("1,5", "12.30", "5.000.000",
      "10.000"); dates split like NKJP ("20.10.2005" → 20 . 10 . 2005); "20 000" is two
      tokens (NKJP tokens never contain spaces);
    * URLs, e-mail addresses and domain names ("onet.pl") are one token, final
      punctuation excluded (NKJP does the same); emoticons between spaces (":-)") too;
    * every other non-space character is its own token: "proc." → proc + ".",
      "m.in." → m . in ., "..." → three periods.

    Two deliberate departures from NKJP, per the project's contract: NKJP splits
    hyphenated compounds that are not in its dictionary ("polsko - rosyjski",
    "Gronkiewicz - Waltz": 7.7k split vs 0.5k joined in NKJP 1M) while we keep them
    whole, and NKJP splits Morfeusz agglutinates ("zrobił" + "em") while we do not.
    NKJP is also inconsistent on times (mostly "16 . 00"); we keep "16.00" whole.

Languages
    ``lang`` is an ISO 639-1 code. ``pl`` and ``None`` get the Polish rules with
    Morfeusz evidence (plus the generic list); ``en``, ``de`` and Cyrillic-script
    languages get their own abbreviation and sentence-starter lists; anything else gets
    language-neutral rules (punctuation, numbers, initials, "Dr.", "etc.").
"""

from __future__ import annotations

import re

from newsetl.morph import Morphology
from newsetl.segment.rules import default_morphology, rules_for
from newsetl.segment.sentences import sentence_ends
from newsetl.segment.tokens import pattern_for
from newsetl.spans import Segmentation

__all__ = ["segment"]

# Paragraphs are separated by a blank line (possibly holding spaces).
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_NON_SPACE = re.compile(r"\S")


def segment(text: str, lang: str | None = None, *, morph: Morphology | None = None) -> Segmentation:
    """Split normalized ``text`` into paragraphs, sentences and tokens (char offsets).

    ``lang`` is an ISO 639-1 code or None (treated as Polish, the corpus's main
    language). ``morph`` is the process's Morfeusz wrapper; when omitted a shared one is
    created on first need (Polish only, and only for ambiguous periods).
    """
    rules = rules_for(lang)
    token_rx = pattern_for(text)
    analyser = (morph or default_morphology()) if rules.polish else None
    paragraphs: list[tuple[int, int]] = []
    sentences: list[tuple[int, int, int]] = []
    tokens: list[tuple[int, int, int]] = []
    pos = 0
    for block_end in [m.start() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text)]:
        first = _NON_SPACE.search(text, pos, block_end)
        if first is not None:
            start, end = first.start(), pos + len(text[pos:block_end].rstrip())
            p_idx = len(paragraphs)
            paragraphs.append((start, end))
            s_start = start
            for s_end in sentence_ends(text, start, end, rules, analyser):
                s_first = _NON_SPACE.search(text, s_start, s_end)
                if s_first is not None:
                    s_idx = len(sentences)
                    sentences.append((s_first.start(), s_end, p_idx))
                    tokens += [(t.start(), t.end(), s_idx) for t in token_rx.finditer(text, s_first.start(), s_end)]
                s_start = s_end
        m = _PARAGRAPH_BREAK.match(text, block_end)
        pos = m.end() if m else block_end
    return Segmentation(paragraphs, sentences, tokens)
