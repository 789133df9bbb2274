"""The normaliser's output record, and the parts an expression is built from before its
value is known.

Value conventions (TIMEX3, ISO 8601 based; ``X`` marks an unknown digit):

* dates ``2024-05-05``, months ``2024-05``, years ``2024``, ISO weeks ``2024-W11``,
  weekdays of an unknown week ``XXXX-WXX-1`` (1 = Monday), weekends ``2024-W11-WE``,
  quarters ``2024-Q1``, half-years ``2024-H1``, seasons ``2024-SU`` (SP SU FA WI),
  decades ``199`` (the 1990s), centuries ``19`` (the 20th century), years BC ``BC0450``;
* times ``2024-03-14T12:30``, parts of a day ``2024-03-14TEV`` (MO MI AF EV NI);
  midnight as the end of a day ``T24:00``;
* durations ``P4Y``, ``P0.5Y``, ``P2W``, ``P3D``, ``PT2H``, ``PT30M``, ``P2DE`` (decades),
  ``P1CE`` (centuries); vague amounts ``PXY`` ("kilka lat");
* sets: the period of the repetition ``P1Y`` ("co roku"), ``P1D`` ("codziennie"), or a
  date pattern ``XXXX-WXX-1`` ("w poniedziałki");
* ``PAST_REF`` / ``FUTURE_REF`` for "w ostatnich latach", "w najbliższych dniach".

Unknown parts stay ``X``: "27 maja" without a publication date is ``XXXX-05-27``,
"wczoraj" is ``XXXX-XX-XX``, "w tym roku" ``XXXX``; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One temporal expression in a normalized text.

    Ranges ("od 1 do 5 lipca", "w latach 2020-2022", "10.30-13.30") are two expressions,
    each with its own value: the first has ``range_part="start"`` and ``end_value`` (the
    second's value), the second ``range_part="end"``. A missing part of the first member
    is taken from the second ("1" in "1-5 lipca 2024" → ``2024-07-01``).
    """

    sentence_idx: int
    start: int  # offsets into the normalized text, end-exclusive
    end: int
    text: str
    type: str  # date | time | duration | set
    value: str  # TIMEX3 value (see the module docstring)
    resolved: bool  # the value was computed from the publication date
    anchor: str | None  # what filled the value's missing parts: "published" | "text" | None
    mod: str | None  # TIMEX3 mod: BEFORE AFTER ON_OR_BEFORE ON_OR_AFTER START MID END APPROX
    end_value: str | None  # value of the range's last member (on its first member only)
    range_part: str | None  # "start" | "end" for members of a range, else None


@dataclass(slots=True)
class Parts:
    """What an expression says, before it is resolved against a reference date.

    Absolute fields hold what the text states; relative fields say how to compute the
    rest from the reference (the publication date) or from another expression.
    """

    kind: str  # date | time | duration | set
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    weekday: int | None = None  # 1 = Monday
    nth: int | None = None  # with weekday and month: 1..5, or -1 for the last ("ostatnia niedziela września")
    month_week: int | None = None  # n-th whole week of the month, -1 the last ("pierwszy tydzień października")
    last_day: bool = False  # "ostatni dzień października"
    week: bool = False  # a whole ISO week ("w tym tygodniu")
    weekend: bool = False
    easter: int | None = None  # days after Easter Sunday (movable feasts)
    feast: bool = False  # a holiday's name (resolved to the next one when no verb says otherwise)
    quarter: int | None = None
    half: int | None = None
    season: str | None = None  # SP SU FA WI
    part: str | None = None  # part of day: MO MI AF EV NI
    decade: int | None = None  # 199 for the 1990s
    century: int | None = None  # 19 for the 20th century
    bc: bool = False
    two_digit_year: bool = False  # "2005-06": the "06" takes its century from the range start
    # Relative to the reference date:
    shift: tuple[str, int] | None = None  # (unit, n): ("D", -1) yesterday, ("Y", 1) next year
    year_shift: int | None = None  # "br." 0, "ub.r." -1, "przyszłego roku" 1 (year of a day/month)
    pick: str | None = None  # weekday choice: past | this | next | next_week | tense
    week_shift: int | None = None  # "wtorek w przyszłym tygodniu": the week of the weekday
    from_text: int | None = None  # "tego dnia" 0, "następnego dnia" 1: day of the previous date
    literal: str | None = None  # a value needing no resolution (durations, sets, PAST_REF)
    mod: str | None = None  # part mod said inside the span ("końca marca" → END)
    new_year: bool = False  # "w nowym roku", "Szczęśliwego Nowego Roku": the coming (or just begun) year
    habitual: bool = False  # a clock time of every day ("czynne w godzinach 9-17"): no day is given to it
    notes: list[str] = field(default_factory=list)  # for debugging rules

    def has_date(self) -> bool:
        """Whether the expression names a day (absolutely or relatively)."""
        return (
            self.day is not None
            or self.weekday is not None
            or (self.shift is not None and self.shift[0] == "D")
            or self.from_text is not None
        )

    def needs_date(self) -> bool:
        """A clock time or part of day with no day of its own ("o godz. 15", "rano")."""
        return self.kind == "time" and not self.has_date()
