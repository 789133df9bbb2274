"""Reading one number at a token of a sentence: digits or words, sign, currency, scale, unit.

:class:`Reader` holds one sentence's tokens and answers "is there a number starting
here, and what is it?" (:meth:`Reader.number_at`) and "what unit follows it?"
(:meth:`Reader.unit_after`). Deciding whether the number is a claim, and ranges, are
:mod:`.scan`'s job.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple, Protocol

from newsetl.extract.claims.numbers import digits_value, parse_words
from newsetl.extract.claims.profile import Profile
from newsetl.extract.claims.tokens import DASHES, SPACES, VULGAR_FRACTIONS, tokenize


class WordTests(Protocol):
    """Questions about single words that need a lexicon (Morfeusz for Polish)."""

    def counted_noun(self, word: str, value: float) -> bool:
        """A noun that ``value`` could count ("23 państwa", "2000 osób")."""
        ...

    def name_like(self, word: str) -> bool:
        """A capitalised sentence-initial word that starts a name, not a function word
        ("Voyager 2", "Typ 17" vs "W 2024", "Aż 23")."""
        ...


_GROUP = {"pl": re.compile(r"\d{3}(?:,\d+)?"), "en": re.compile(r"\d{3}(?:\.\d+)?")}
_FIRST_GROUP = re.compile(r"\d{1,3}")
_MIXED_FRACTION = re.compile(r"[1-9]\d?/[1-9]\d?")
_TIMES_TEN = re.compile(r"\s?[×x]\s?10\^?([-\u2212]?\d+)")
_CURRENCY_SIGNS = frozenset("$€£¥₴₽")
_HALF_YEAR = re.compile(r"\s?roku(?!\w)")
_RATE = re.compile(r"\s?/\s?[^\W\d_]+\d?")
# Glued to the left of a number these make it part of a code ("A4", "J1149.5+6663").
_GLUED_LEFT_CODE = frozenset("+/.#_@&*^")


class Num(NamedTuple):
    value: float
    first: int  # first token (sign or currency sign included)
    digit: int  # token of the number itself
    next: int  # token after number and scale
    end: int  # character end of number and scale
    scale: float  # the scale word's value ("mln" → 1e6); 0.0 when there is none
    notation: str
    weak: bool
    half: bool
    currency: str | None  # written before the number ("$5")
    start: int  # character start (sign / currency sign included)


class Unit(NamedTuple):
    kind: str
    unit: str | None
    factor: float
    end: int
    outside: str | None = None  # surface of a unit outside the record; the span ends before it


class Skip(NamedTuple):
    next: int


class Reader:
    """One sentence's tokens and the number reading over them."""

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        profile: Profile,
        words: WordTests | None,
        blocked: Sequence[tuple[int, int, bool]],
    ) -> None:
        self.text, self.start, self.end, self.p = text, start, end, profile
        self.toks = tokenize(text, start, end, profile.lang)
        self.starts = [t.start for t in self.toks]
        self._excluded: list[tuple[int, int]] | None = None
        self.blocked = blocked
        self.words = words

    # --- helpers ---------------------------------------------------------------------
    def idx_at(self, pos: int) -> int:
        """Index of the first token starting at or after ``pos``."""
        return bisect.bisect_left(self.starts, pos)

    def is_excluded(self, pos: int) -> bool:
        if self._excluded is None:
            self._excluded = self.excluded_spans()
        return any(s <= pos < e for s, e in self._excluded)

    def excluded_spans(self) -> list[tuple[int, int]]:
        """Dates, times, references… of this sentence (patterns anchored at numbers and cues)."""
        spans: list[tuple[int, int]] = []
        at_number, at_cue = self.p.exclude_at_number, self.p.exclude_at_cue
        for tok in self.toks:
            pattern = at_number if tok.kind == "num" else at_cue.get(tok.text.lower())
            if pattern is not None:
                match = pattern.match(self.text, tok.start, self.end)
                if match and match.end() > match.start():
                    spans.append(match.span())
        return spans

    def word(self, i: int) -> str:
        return self.toks[i].text.lower() if 0 <= i < len(self.toks) else ""

    def counted_noun_at(self, i: int, value: float) -> bool:
        """Whether token ``i`` is a noun the number could count ("23 państwa")."""
        if i >= len(self.toks) or self.toks[i].kind != "word":
            return False
        tok = self.toks[i].text
        if tok.lower() in self.p.glued_units:
            return True
        if tok[0].isupper():
            return False  # a name goes on: "VIS 2007 Skierniewice", "Boeing 737 Max"
        if self.words is not None:
            return self.words.counted_noun(tok, value)
        return tok.islower()

    # --- main loop -------------------------------------------------------------------

    # --- numbers ---------------------------------------------------------------------
    def number_at(self, i: int) -> Num | Skip | None:
        toks, n = self.toks, len(self.toks)
        if toks[i].text in _CURRENCY_SIGNS and i + 1 < n and toks[i + 1].start - toks[i].end <= 1:
            i += 1  # "$ 5", "$-99.99": the currency is read back from the text in finish()
        j = i
        sign = 1.0
        tok = toks[j]
        if tok.text in DASHES and j + 1 < n and toks[j + 1].kind == "num" and toks[j + 1].start == tok.end:
            prev = toks[j - 1] if j > 0 else None
            if prev is None or prev.end < tok.start or prev.text in "(" or prev.text in _CURRENCY_SIGNS:
                sign, j = -1.0, j + 1
            else:
                return None
        elif (
            tok.kind == "word"
            and tok.text.lower() in self.p.minus_words
            and j + 1 < n
            and (toks[j + 1].kind == "num" or self.p.numeral(toks[j + 1].text))
        ):
            sign, j = -1.0, j + 1
        tok = toks[j]
        if tok.kind == "num":
            return self.digits_at(i, j, sign)
        if tok.kind == "word" and (
            self.p.numeral(tok.text) is not None
            or (tok.text.lower() in self.p.articles and j + 1 < n and self.p.numeral(toks[j + 1].text))
        ):
            return self.words_at(i, j, sign)
        if tok.text in VULGAR_FRACTIONS and self.p.lang == "en":
            return self.finish(i, j, j + 1, sign * VULGAR_FRACTIONS[tok.text], "fraction")
        return None

    def digits_at(self, i: int, j: int, sign: float) -> Num | Skip | None:
        toks, text, n = self.toks, self.text, len(self.toks)
        tok = toks[j]
        if j > 0 and toks[j - 1].end == tok.start:
            left = toks[j - 1]
            if left.kind in ("word", "num") or left.text in _GLUED_LEFT_CODE:
                return Skip(j + 1)  # "G7", "TVN24", "A4"
            if (
                sign > 0
                and left.text in DASHES
                and j >= 2
                and toks[j - 2].end == left.start
                and toks[j - 2].kind == "word"
            ):
                return Skip(j + 1)  # "F-16", "Covid-19"
        surface = tok.text
        k = j + 1
        if _FIRST_GROUP.fullmatch(surface):  # "20 000", "1 500,5"
            group = _GROUP[self.p.lang]
            while (
                k < n
                and toks[k].kind == "num"
                and toks[k].start == toks[k - 1].end + 1
                and text[toks[k - 1].end] in SPACES
                and group.fullmatch(toks[k].text)
            ):
                surface += toks[k].text
                k += 1
                if not toks[k - 1].text.isdigit():
                    break  # a decimal part ends the number
        parsed = digits_value(surface, self.p.lang)
        if parsed is None:
            return Skip(k)
        value, notation = parsed
        if (
            self.p.lang == "en"
            and notation == "int"
            and k < n
            and toks[k].kind == "num"
            and toks[k].start == toks[k - 1].end + 1
            and _MIXED_FRACTION.fullmatch(toks[k].text)
        ):
            a, b = toks[k].text.split("/")
            value, k = value + int(a) / int(b), k + 1  # "2 1/2"
        times_ten = _TIMES_TEN.match(text, toks[k - 1].end, self.end)
        if times_ten and self.p.lang == "en":
            value *= 10.0 ** int(times_ten.group(1).replace("\u2212", "-"))
            k = self.idx_at(times_ten.end())
        return self.finish(i, j, k, sign * value, notation)

    def words_at(self, i: int, j: int, sign: float) -> Num | Skip | None:
        toks = self.toks
        first = toks[j]
        if first.text[0].isupper() and j > 0 and toks[j - 1].kind == "word":
            return Skip(j + 1)  # a capitalised numeral inside a name: "Trzej Królowie"
        words: list[str] = []
        k = j
        while k < len(toks) and len(words) < 24:
            tok = toks[k]
            if tok.kind == "word" or (tok.kind == "sym" and (tok.text in DASHES or tok.text in ",&")):
                words.append(tok.text)
                k += 1
            else:
                break
        parsed = parse_words(words, self.p)
        if parsed is None:
            return None
        num = self.finish(i, j, j + parsed.consumed, sign * parsed.value, "words", scaled_by=parsed.scale)
        if isinstance(num, Num):
            num = num._replace(weak=parsed.weak, half=parsed.half)
        return num

    def finish(self, i: int, j: int, k: int, value: float, notation: str, scaled_by: float = 0.0) -> Num | Skip:
        """Read what follows the number proper (glued letters, scale word) and the currency before it.

        ``i``: first token (a sign or the number), ``j``: the number, ``k``: the token
        after it; ``scaled_by``: a scale already inside ``value`` ("pięć tysięcy").
        """
        toks, text, n = self.toks, self.text, len(self.toks)
        start = toks[i].start
        currency = None
        prefix = self.p.prefix_currency_re.search(text, max(self.start, start - 5), start)
        if prefix:
            cur = prefix.group("cur")
            currency = self.p.prefix_currency.get(cur, cur)
            start = prefix.start()
            i = self.idx_at(start)
        scale = 1.0
        scaled = bool(scaled_by)
        if k < n and toks[k].text == "+" and toks[k].start == toks[k - 1].end:
            return Skip(k + 1)  # "2+" (a grade), "18+" (a rating)
        if k < n and toks[k].start == toks[k - 1].end and toks[k].kind == "word" and notation != "words":
            suffix = toks[k].text
            glued = self.p.glued_scales.get(suffix) or (
                self.p.glued_scales_after_currency.get(suffix) if currency else None
            )
            if glued:
                scale, k = glued, k + 1
            elif self.p.lang == "en" and suffix == "s" and value % 10 == 0 and value >= 10:
                return Skip(k + 1)  # "1960s", "90s"
            elif suffix.lower() not in self.p.glued_units:
                return Skip(k + 1)  # "5G", "21st", "3D"
        if (
            self.p.lang == "pl"
            and k + 1 < n
            and toks[k].text in DASHES
            and toks[k].start == toks[k - 1].end
            and toks[k + 1].kind == "word"
            and toks[k + 1].start == toks[k].end
            and self.p.numeral(toks[k + 1].text) is None
        ):
            return Skip(k + 2)  # "5-letni", "90-tych", "20-procentowy": adjectives, like "jednodniowa"
        if scale == 1.0 and not scaled and k < n and toks[k].kind == "word" and toks[k].start - toks[k - 1].end <= 1:
            found = self.p.numeral(toks[k].text)
            if found is not None and found[0] in ("s1", "sp"):
                scale, k = found[1], k + 1  # "5 tysięcy", "2,5 miliona", "5 million"
                rest, k = self.lower_scale_part(k, scale)
                value += rest / scale  # "2 miliony 700 tysięcy"
        if scale == 1.0 and not scaled:
            abbrev = self.p.scale_re.match(text, toks[k - 1].end, self.end)
            if abbrev and abbrev.lastgroup:
                scale = self.p.scale_abbrev[abbrev.lastgroup]
                k = self.idx_at(abbrev.end())
        end = toks[k - 1].end
        applied = scale if scale != 1.0 else scaled_by  # 0.0: no scale word at all
        return Num(value * scale, i, j, k, end, applied, notation, False, False, currency, start)

    def lower_scale_part(self, k: int, scale: float) -> tuple[float, int]:
        """ "700 tysięcy" after "2 miliony": digits below 1000 with a smaller scale word."""
        toks, n = self.toks, len(self.toks)
        if (
            k + 1 < n
            and toks[k].kind == "num"
            and toks[k].text.isdigit()
            and int(toks[k].text) < 1000
            and toks[k].start - toks[k - 1].end <= 1
            and toks[k + 1].start - toks[k].end <= 1
        ):
            found = self.p.numeral(toks[k + 1].text)
            if found is not None and found[0] in ("s1", "sp") and found[1] < scale:
                return int(toks[k].text) * found[1], k + 2
        return 0.0, k

    def unit_after(self, num: Num) -> Unit | None:
        if num.currency:
            return Unit("money", num.currency, 1.0, num.end)
        match = self.p.unit_re.match(self.text, num.end, self.end)
        if match is None and self.p.lang == "pl" and not num.value.is_integer():
            # after a fraction "roku" is a length of time, not a date: "pół roku", "2,5 roku"
            half_year = _HALF_YEAR.match(self.text, num.end, self.end)
            if half_year:
                return Unit("duration", "year", 1.0, half_year.end())
        if match is None or match.lastgroup is None:
            return None
        kind, unit, factor = self.p.units[match.lastgroup]
        rate = _RATE.match(self.text, match.end(), self.end)
        if rate:  # "kg/Mg", "zł/m2": a rate, outside the record
            return Unit("count", None, 1.0, num.end, " ".join(self.text[match.start() : rate.end()].split()))
        if kind == "count":  # a unit outside the record: the number stays a count of it
            return Unit(kind, None, 1.0, num.end, " ".join(match.group().split()))
        return Unit(kind, unit, factor, match.end())
