"""Find the stated quantities of one sentence: number, scale, unit, qualifier, range.

The scanner walks the sentence's tokens; at each token that can start a number it reads
the number (digits or words, with sign, currency sign and scale: :mod:`.reader`), the unit after it,
a second number if the two form a range, and the qualifier before it. It then drops
numbers that are not quantities: dates, times, references and other spans matched by
the language's ``EXCLUDE_AT_*`` patterns, years, ordinals, list numbers, parts of names
("Nord Stream 2"), a lone "jeden"/"one" used as a pronoun.

Morphology enters only through a :class:`WordTests` ("is this word a noun that a number
could count?", "does this word name something?"), so the scanner runs, less precisely,
without Morfeusz.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsetl.extract.claims.profile import Profile
from newsetl.extract.claims.reader import Num, Reader, Skip, Unit, WordTests
from newsetl.extract.claims.tokens import DASHES, Tok

__all__ = ["Quantity", "WordTests", "quantities_in"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One stated quantity, offsets absolute in the document text."""

    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    kind: str
    unit: str | None
    tail: int  # index (in the sentence's tokens) of the first token after the span
    unit_outside: str | None = None  # a unit the record has no code for ("km2", "kWh"): the object


def quantities_in(
    text: str,
    start: int,
    end: int,
    profile: Profile,
    words: WordTests | None = None,
    blocked: Sequence[tuple[int, int, bool]] = (),
) -> tuple[list[Quantity], list[Tok]]:
    """Quantities in ``text[start:end]`` (one sentence) and the tokens used.

    ``blocked``: spans (start, end, is_date) of named-entity mentions; numbers inside a
    name are skipped, numbers inside a date/time mention unless they carry a unit.
    """
    scanner = _Scanner(text, start, end, profile, words, blocked)
    return scanner.run(), scanner.toks


class _Scanner(Reader):
    """Turns the numbers of one sentence into quantities (ranges, qualifiers, filters)."""

    def run(self) -> list[Quantity]:
        out: list[Quantity] = []
        i = 0
        n = len(self.toks)
        while i < n:
            found, nxt = self.quantity_at(i)
            if found is not None:
                out.append(found)
            i = max(nxt, i + 1)
        return out

    def quantity_at(self, i: int) -> tuple[Quantity | None, int]:
        num = self.number_at(i)
        if num is None:
            return None, i + 1
        if isinstance(num, Skip):
            return None, num.next
        if self.is_excluded(self.toks[num.digit].start):
            return None, num.next
        unit = self.unit_after(num)
        after = self.idx_at(unit.end if unit else num.end)
        ranged = self.range_after(num, unit, after)
        if ranged is not None:
            return ranged
        return self.single(num, unit, after), max(after, num.next)

    # --- units, ranges ---------------------------------------------------------------
    def range_after(self, num: Num, unit: Unit | None, after: int) -> tuple[Quantity | None, int] | None:
        toks, n = self.toks, len(self.toks)
        if after >= n:
            return None
        opener = self.word(num.first - 1)
        # words repeated after both numbers stand for a unit we do not know ("44 mg to 50 mg")
        same = 0
        while (
            same < 2
            and after + same < n
            and toks[after + same].kind == "word"
            and self.word(after + same) not in self.p.range_to | self.p.between_and
        ):
            same += 1
        conn = after + same
        if conn >= n:
            return None
        word = self.word(conn)
        nxt = conn + 1
        is_dash = toks[conn].text in DASHES
        if is_dash and self.word(nxt) in self.p.range_to:  # "8- to 16-meter"
            nxt += 1
            is_dash = False
            word = self.word(conn + 1)
        if is_dash:
            if (
                toks[conn].start == toks[conn - 1].end
                and nxt < n
                and toks[nxt].kind != "num"
                and self.p.numeral(toks[nxt].text) is None
            ):
                return None  # "-" glued before a word is no range ("dwa-trzy" is)
        elif word in self.p.range_to:
            if opener in self.p.change_open:
                return None  # "z 2 do 3 proc.": two values, read one by one
        elif not (word in self.p.between_and and opener in self.p.between_open):
            return None
        if nxt >= n:
            return None
        second = self.number_at(nxt)
        if isinstance(second, Skip) and is_dash and self.p.lang == "pl":
            return None, second.next  # "6-9-letni": the whole compound is an adjective
        if not isinstance(second, Num) or self.is_excluded(toks[second.digit].start):
            return None
        unit2 = self.unit_after(second)
        if same:
            tail = [self.word(second.next + x) for x in range(same)]
            if tail != [self.word(after + x) for x in range(same)]:
                return None
        if unit and unit2 and (unit.unit, unit.kind, unit.outside) != (unit2.unit, unit2.kind, unit2.outside):
            return None
        low, high = num.value, second.value
        if num.scale == 0.0 and second.scale:
            low *= second.scale  # "2-3 mld": the scale belongs to both
        bare = unit is None and unit2 is None and not num.scale and not second.scale and not same
        end_tok = self.idx_at(unit2.end) if unit2 else second.next + same
        if bare and is_dash and (low >= high or not self.counted_noun_at(end_tok, high)):
            return None, end_tok  # "3-1", "0-3" with nothing counted: a score, not a range
        if bare and self.p.lang == "pl" and not self.counted_noun_at(end_tok, high):
            return None, end_tok  # "od 10 do 12 w gimnazjum": opening hours, not a quantity
        if low > high:
            low, high = high, low
        the_unit = unit2 or unit
        factor = the_unit.factor if the_unit else 1.0
        start = self.toks[num.first - 1].start if opener in self.p.range_open | self.p.between_open else num.start
        end = unit2.end if unit2 else toks[end_tok - 1].end
        kind = the_unit.kind if the_unit else "count"
        if self.blocked_at(toks[num.digit].start, kind):
            return None, end_tok
        return (
            Quantity(
                start,
                end,
                None,
                low * factor,
                high * factor,
                "range",
                kind,
                the_unit.unit if the_unit else None,
                end_tok,
                the_unit.outside if the_unit else None,
            ),
            end_tok,
        )

    def blocked_at(self, pos: int, kind: str) -> bool:
        return any(s <= pos < e and (not is_date or kind == "count") for s, e, is_date in self.blocked)

    # --- a single number -------------------------------------------------------------
    def single(self, num: Num, unit: Unit | None, after: int) -> Quantity | None:
        toks, n = self.toks, len(self.toks)
        if unit is None:
            unit = self.inherited_unit(num, after)
        has_unit = unit is not None
        bare = not has_unit and not num.scale
        if self.blocked_at(toks[num.digit].start, unit.kind if unit else "count"):
            return None
        if bare and (num.weak or (num.notation in ("lead0", "point") and self.p.lang == "pl")):
            return None  # "jeden z nich", "0033", "12.30"
        if num.half and not has_unit:
            return None  # "pół Polski"
        if num.notation == "fraction" and self.p.lang == "pl":
            return None  # "5/2023" is a reference, "24/7" an idiom
        if bare and self.not_a_count(num, after):
            return None
        qualifier, start = self.qualifier(num)
        end = unit.end if unit else num.end
        factor = unit.factor if unit else 1.0
        kind = unit.kind if unit else "count"
        if (
            self.p.lang == "en"
            and unit
            and unit.kind == "money"
            and num.currency
            and self.text[start - 1 : start] == "("
            and self.text[end : end + 1] == ")"
            and num.value > 0
        ):
            num = num._replace(value=-num.value)  # "($99.99)": accounting negative
        tail = self.idx_at(end)
        return Quantity(
            start,
            end,
            num.value * factor,
            None,
            None,
            qualifier,
            kind,
            unit.unit if unit else None,
            min(tail, n),
            unit.outside if unit else None,
        )

    def inherited_unit(self, num: Num, after: int) -> Unit | None:
        """The unit of the next number in "2 lub 3 proc.", "z 2 do 3 proc.", "45 and 50 mg"."""
        joiner = self.word(after)
        if not joiner or not (joiner in self.p.list_join or joiner in self.p.range_to):
            return None
        second = self.number_at(after + 1) if after + 1 < len(self.toks) else None
        if not isinstance(second, Num):
            return None
        unit = self.unit_after(second)
        if unit is None:
            return None
        return unit._replace(end=num.end)

    def not_a_count(self, num: Num, after: int) -> bool:
        """Years, ordinals, list numbers and names among bare numbers."""
        toks, n = self.toks, len(self.toks)
        value = num.value
        prev = self.word(num.first - 1)
        if (
            num.notation == "int"
            and 1000 <= value <= 2100
            and len(toks[num.digit].text) == 4
            and (prev in self.p.year_cues or not self.counted_noun_at(after, value))
        ):
            return True  # "w 2024", "in 1979"; "2000 osób" stays
        nxt = toks[after] if after < n else None
        if nxt is not None and nxt.start == toks[num.next - 1].end:
            if nxt.text == "." and self.p.lang == "pl" and after + 1 < n and toks[after + 1].text[:1].islower():
                return True  # "3. miejsce"
            if nxt.text == ")" and self.unclosed_parentheses(num.first) <= 0:
                return True  # "1)", "…, 2) ma": a list marker, not a parenthesis closing
            if nxt.text == '"' and self.word(num.first - 1) == '"' and num.notation != "words":
                return True  # 'znakiem "0"': a label in digits (words in quotes are speech)
            if nxt.text == "]" or self.word(num.first - 1) == "[":
                return True  # "[159]": a citation
        if nxt is not None and nxt.text in ".)" and (num.first == 0 or self.word(num.first - 1) in (":", ";")):
            return True  # list numbering: "1. Do wsi", "WYCIECZKI: 1. Na Marszałek"
        if (
            num.first == 0
            and nxt is not None
            and nxt.kind == "word"
            and nxt.text[0].isupper()
            and not (self.words is not None and self.words.counted_noun(nxt.text, value))
            and not self.counted_noun_at(after + 1, value)
        ):
            return True  # a paragraph number: "191 Jungbunzlauer podnosi"; "5 Polaków", "23 NATO countries" stay
        if num.first > 0 and not self.qualifier_match(num):
            before = toks[num.first - 1]
            if before.kind == "word" and before.text[0].isupper():
                # at the start of a sentence a capital means a name only for an acronym or a
                # word the lexicon says is not a function word ("Voyager 2" vs "W 2024")
                initial = num.first - 1 == 0 and not (before.text.isupper() and len(before.text) > 1)
                if initial and self.words is not None and self.words.name_like(before.text):
                    initial = False
                if not initial and not self.counted_noun_at(after, value):
                    return True  # "Nord Stream 2", "Windows 11", "English 101"
        return False

    def unclosed_parentheses(self, before: int) -> int:
        depth = 0
        for tok in self.toks[:before]:
            depth += (tok.text == "(") - (tok.text == ")")
        return depth

    def qualifier_match(self, num: Num) -> re.Match[str] | None:
        return self.p.qualifier_re.search(self.text, max(self.start, num.start - 40), num.start)

    def qualifier(self, num: Num) -> tuple[str, int]:
        match = self.qualifier_match(num)
        if match and match.lastgroup:
            return match.lastgroup, match.start()
        before = num.first - 1
        if self.word(before) in self.p.range_to and self.p.lang == "pl":
            # "do 5 lat" is an upper bound; "z 2 do 3", "wzrosła do 3 proc." name a level
            near = self.toks[max(0, before - 6) : before]
            if any(
                t.text.lower() in self.p.change_open and k + 1 < len(near) and near[k + 1].kind == "num"
                for k, t in enumerate(near)
            ):
                return "eq", num.start  # "z 2 proc. do 3 proc."
            window_start = max(self.start, self.toks[before].start - 80)
            if self.p.change_re.search(self.text, window_start, self.toks[before].start):
                return "eq", num.start
            return "le", self.toks[before].start
        return "eq", num.start
