"""Finding temporal expressions: a walk over the tokens, rules tried at cue tokens.

Each token is looked up (lower-cased) in a table of cues; a cue's rules match anchored
expressions at that token, within its sentence, and say what they found as
:class:`~newsetl.extract.times.model.Parts`. Of the candidates at a token the longest
wins; the walk then continues after it, so expressions never overlap.

Rules live in the ``rules_*`` modules and :mod:`.holidays`; this module holds the walk and
the view of the document (:class:`Doc`) they share.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field

from newsetl.extract.times.model import Parts
from newsetl.spans import Segmentation


@dataclass(slots=True)
class Found:
    """One expression found by a rule: its span and what it says."""

    start: int
    end: int
    parts: Parts
    sentence_idx: int
    link: str | None = None  # "range" | "list": tied to the next Found by the same rule


@dataclass(slots=True)
class Doc:
    """The text, its tokens and their lower-cased forms, with helpers for rules."""

    text: str
    seg: Segmentation
    low: list[str]
    starts: list[int]
    paragraph_of: list[int]  # paragraph of each sentence
    cues: dict[str, tuple[Rule, ...]]
    number_rules: tuple[Rule, ...]
    last_end: int = 0  # end of the last accepted expression (rules may not reach before it)
    found: list[Found] = field(default_factory=list)

    @staticmethod
    def of(text: str, seg: Segmentation, cues: dict[str, tuple[Rule, ...]], number_rules: tuple[Rule, ...]) -> Doc:
        tokens = seg.tokens
        lowered = text.lower()  # one C-level pass; slicing it is cheaper than lower() per token
        if len(lowered) == len(text):
            low = [lowered[s:e] for s, e, _ in tokens]
        else:  # a character whose lower case is longer ("İ"): offsets would shift
            low = [text[s:e].lower() for s, e, _ in tokens]
        return Doc(
            text,
            seg,
            low,
            [s for s, _, _ in tokens],
            [p for _, _, p in seg.sentences],
            cues,
            number_rules,
        )

    def rules_for(self, i: int) -> tuple[Rule, ...] | None:
        key = self.low[i]
        return self.number_rules if key[0].isdigit() else self.cues.get(key)

    def best_at(self, i: int) -> list[Found] | None:
        """The longest expression any rule finds at token ``i`` (the first of equals)."""
        rules = self.rules_for(i)
        if rules is None:
            return None
        best: list[Found] | None = None
        for rule in rules:
            got = rule(self, i)
            if got and (best is None or got[-1].end > best[-1].end):
                best = got
        return best

    def tok(self, i: int) -> str:
        s, e, _ = self.seg.tokens[i]
        return self.text[s:e]

    def start(self, i: int) -> int:
        return self.seg.tokens[i][0]

    def end(self, i: int) -> int:
        return self.seg.tokens[i][1]

    def sentence(self, i: int) -> int:
        return self.seg.tokens[i][2]

    def block(self, i: int) -> int:
        """Paragraph of token ``i``."""
        return self.paragraph_of[self.seg.tokens[i][2]]

    def joined(self, i: int, j: int) -> bool:
        """Whether token ``j`` exists and is in token ``i``'s paragraph.

        Expressions may cross a sentence boundary inside a paragraph because sentence
        splitting errs around dates ("w dniach 3-10. sierpnia", "w dn. 6.03.2010 r.")."""
        tokens = self.seg.tokens
        return 0 <= j < len(tokens) and self.paragraph_of[tokens[i][2]] == self.paragraph_of[tokens[j][2]]

    def limit(self, i: int) -> int:
        """End of token ``i``'s paragraph: no expression crosses it."""
        return self.seg.paragraphs[self.block(i)][1]

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def next_low(self, i: int, k: int = 1) -> str:
        """Lower-cased token ``k`` places after ``i`` in the same sentence, else ""."""
        j = i + k
        return self.low[j] if self.joined(i, j) else ""

    def prev_index(self, i: int) -> int | None:
        """The token before ``i`` in the same sentence, not inside an accepted expression."""
        j = i - 1
        if not self.joined(i, j) or self.seg.tokens[j][0] < self.last_end:
            return None
        return j

    def prev_word(self, i: int) -> str:
        """The lower-cased word before token ``i`` ("" if none); an abbreviation keeps its
        dot ("ok.", "godz.") so that rules can tell it from the word."""
        j = i - 1
        if not self.joined(i, j):
            return ""
        if self.low[j] == "." and j > 0 and self.seg.tokens[j - 1][1] == self.seg.tokens[j][0]:
            return self.low[j - 1] + "."
        return self.low[j]

    def word_before(self, i: int) -> int | None:
        """Index where the word returned by :meth:`prev_word` starts."""
        j = i - 1
        if not self.joined(i, j):
            return None
        if self.low[j] == "." and j > 0 and self.seg.tokens[j - 1][1] == self.seg.tokens[j][0]:
            return j - 1
        return j

    def capitalized_inside(self, i: int) -> bool:
        """Token ``i`` is capitalized but not the first word of its sentence (a name?)."""
        if not self.text[self.start(i)].isupper():
            return False
        j = i - 1
        while j >= 0 and self.seg.tokens[j][2] == self.seg.tokens[i][2]:
            if self.low[j][0].isalnum():
                return True
            if self.low[j] in {"-", ":"}:  # a list item or a heading: "- Sobota", "Termin: Maj"
                return False
            j -= 1
        return False


Rule = Callable[["Doc", int], "list[Found] | None"]


def scan(doc: Doc) -> list[Found]:
    """All expressions of the document, in text order, without overlaps."""
    cues = doc.cues
    starts = doc.starts
    for i in [k for k, key in enumerate(doc.low) if key in cues or key[0].isdigit()]:
        if starts[i] < doc.last_end:
            continue  # inside the last expression
        best = doc.best_at(i)
        if best is not None:
            doc.found.extend(best)
            doc.last_end = best[-1].end
    return doc.found
