"""Token conventions (NKJP-compatible, see the newsetl.segment docstring)."""

from __future__ import annotations

import pytest

from newsetl.segment import segment
from newsetl.segment.tokens import PLAIN, TOKEN, pattern_for


def tokens(text: str, lang: str | None = "pl") -> list[str]:
    return [text[s:e] for s, e, _ in segment(text, lang).tokens]


CASES = [
    # Internal hyphens between letters (or letter and digit) keep one token.
    ("Bielsku-Białej", ["Bielsku-Białej"]),
    ("PiS-u", ["PiS-u"]),
    ("Indo-Pacyfik", ["Indo-Pacyfik"]),
    ("F-16", ["F-16"]),
    ("Covid-19", ["Covid-19"]),
    ("33-letni", ["33-letni"]),
    ("XIX-wieczny e-mail", ["XIX-wieczny", "e-mail"]),
    # ...but a dash between two numbers is a range, and a spaced dash is punctuation.
    ("2-3", ["2", "-", "3"]),
    ("Polska - Niemcy", ["Polska", "-", "Niemcy"]),
    ("kot-", ["kot", "-"]),
    # Decimal numbers and thousands groups are one token; dates and spaced groups are not.
    ("1,5", ["1,5"]),
    ("12.30", ["12.30"]),
    ("o godz. 12.30.", ["o", "godz", ".", "12.30", "."]),
    ("5.000.000", ["5.000.000"]),
    ("10.000 zł", ["10.000", "zł"]),
    ("20.10.2005", ["20", ".", "10", ".", "2005"]),
    ("20 000", ["20", "000"]),
    ("1,5-procentowy", ["1,5-procentowy"]),
    ("12:30", ["12", ":", "30"]),
    ("50%", ["50", "%"]),
    # Abbreviations: the period is its own token.
    ("proc.", ["proc", "."]),
    ("m.in.", ["m", ".", "in", "."]),
    ("tys.", ["tys", "."]),
    ("U.S.", ["U", ".", "S", "."]),
    # Agglutinates are not split.
    ("zrobiłem", ["zrobiłem"]),
    ("zrobilibyśmy", ["zrobilibyśmy"]),
    # Apostrophes between letters keep one token.
    ("McDonald's George'a", ["McDonald's", "George'a"]),
    # Every other non-space character is its own token.
    ('"Tak"', ['"', "Tak", '"']),
    ("(np.)", ["(", "np", ".", ")"]),
    ("...", [".", ".", "."]),
    ("?!", ["?", "!"]),
    ("x_y", ["x", "_", "y"]),
    ("#wybory2025", ["#", "wybory2025"]),
    # URLs, e-mail addresses and domain names are one token, without final punctuation.
    ("http://www.li.net/~george/pavilion.html,", ["http://www.li.net/~george/pavilion.html", ","]),
    ("(https://example.com/a?b=1)", ["(", "https://example.com/a?b=1", ")"]),
    ("www.msz.gov.pl.", ["www.msz.gov.pl", "."]),
    ("jan.kowalski@onet.pl;", ["jan.kowalski@onet.pl", ";"]),
    ("Onet.pl", ["Onet.pl"]),
    # Emoticons between spaces are one token (as in NKJP).
    ("fajnie :-) naprawdę", ["fajnie", ":-)", "naprawdę"]),
    ("godz.:(", ["godz", ".", ":", "("]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_token_conventions(text: str, expected: list[str]) -> None:
    assert tokens(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_fast_and_full_expressions_agree(text: str, expected: list[str]) -> None:
    """PLAIN is used only where TOKEN's URL alternatives cannot match."""
    full = [m.group() for m in TOKEN.finditer(text)]
    assert full == expected
    if pattern_for(text) is PLAIN:
        assert [m.group() for m in PLAIN.finditer(text)] == full


def test_other_scripts() -> None:
    assert tokens("Путин заявил, что 1,5 млн.", "ru") == ["Путин", "заявил", ",", "что", "1,5", "млн", "."]
    assert tokens("Müller-Lüdenscheidt sagte: „Nein“.", "de")[:3] == ["Müller-Lüdenscheidt", "sagte", ":"]
