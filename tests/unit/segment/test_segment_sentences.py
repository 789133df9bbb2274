"""Sentence boundaries: abbreviations, numbers, punctuation, quotes, headlines, languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsetl.segment import segment


def sentences(text: str, lang: str | None = "pl") -> list[str]:
    return [text[s:e] for s, e, _ in segment(text, lang).sentences]


# Each text is ONE sentence: the period after the abbreviation must not end it.
NO_BREAK = [
    "Jesteśmy teraz w takiej sytuacji, że 23 państwa NATO przeznaczają co najmniej 2 proc. swojego PKB na obronność.",
    "Koszt wyniósł ok. 3 tys. euro w ciągu roku.",
    "Na spotkaniu byli m.in. ministrowie finansów.",
    "Weźmy np. Polskę i Czechy.",
    "Zmiany obejmą trzy regiony, tj. Mazowsze, Śląsk i Pomorze.",
    "Spotkanie rozpocznie się o godz. 12.30 w ratuszu.",
    "Umowę podpisano w dn. 4 listopada 1998 r. w Warszawie.",
    "Dowodził nim bryg. Jan Nowak.",
    "Siedziba mieści się przy ul. Marszałkowskiej 10.",
    "Wykład wygłosi dr hab. Anna Nowak z Uniwersytetu Warszawskiego.",
    "Rozmawialiśmy z prof. Janem Kowalskim.",
    "Uczniowie Szkoły Podstawowej im. Jana Pawła II wygrali konkurs.",
    "Wg danych GUS inflacja spadła.",
    "Tzw. tarcza antykryzysowa pomogła firmom.",
    "Dowódcą został płk. Adam Nowak, a jego zastępcą gen. Tadeusz Wilecki.",
    "Książkę napisał J. Kowalski w zeszłym roku.",
    "Kościół św. Anny stoi w centrum.",
    "W 2024 r. Polska przeznaczyła na obronność 4 proc. PKB.",
    "Od 1 stycznia 2025 r. Ministerstwo Finansów wprowadzi nowe przepisy.",
    "Plany zakładają, że w 2030 r. Rosja będzie słabsza.",
    "W latach 90. Tadeusz Nowak kupił działkę.",
    "Wartość spadła o 1,5 proc. PKB.",
    "Firma Kowalski sp. z o.o. z siedzibą w Krakowie ogłosiła upadłość.",
    "To było w XX w. i nikt tego nie pamięta.",
    "Sprawę opisał Krzysztof W. z Gdańska.",
    "Na 300-lecie miasta przyjechał ks. bp Jan Nowak.",
    "Temperatura wyniesie ok. 20 st. C w ciągu dnia.",
    "Zgodnie z art. 5 ust. 2 pkt 3 ustawy nie trzeba nic płacić.",
    "Obchodzimy 23. rocznicę wstąpienia do NATO.",
    "Sytuację opisał K. I. Gałczyński w wierszu.",
    '"Sytuacja w Ukrainie ma konsekwencje globalne" - powiedział szef NATO Mark Rutte.',
    '"Czy to koniec?" - zapytał dziennikarz.',
    '"To koniec!" - krzyknął ktoś z tłumu.',
    '"Wracamy do domu." - powiedział kapitan.',
    'Zapytał: "Dokąd idziesz?" i wyszedł.',
    "Premier powiedział (sic!) że nic nie wie.",
    "Czekałem… i czekałem na odpowiedź.",
    "Wybory wygrał kandydat PiS-u w Bielsku-Białej.",
]


@pytest.mark.parametrize("text", NO_BREAK)
def test_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


# Each case: the text and the sentences it must give.
BREAK = [
    (
        "Umowę podpisano w 2024 r. Potem zaczęły się problemy.",
        ["Umowę podpisano w 2024 r.", "Potem zaczęły się problemy."],
    ),
    ("Rekord padł w 1998 r. Nikt go dotąd nie pobił.", ["Rekord padł w 1998 r.", "Nikt go dotąd nie pobił."]),
    (
        "Jacek Kuroń zmarł w 2004 r. Henryk Wujec był jego przyjacielem.",
        ["Jacek Kuroń zmarł w 2004 r.", "Henryk Wujec był jego przyjacielem."],
    ),
    (
        "Na wiec przyszło 5 tys. Ale organizatorzy liczyli na więcej.",
        ["Na wiec przyszło 5 tys.", "Ale organizatorzy liczyli na więcej."],
    ),
    ("Deficyt wyniósł 23. Potem spadł.", ["Deficyt wyniósł 23.", "Potem spadł."]),
    (
        "Kupiliśmy jabłka, gruszki itd. Potem poszliśmy do domu.",
        ["Kupiliśmy jabłka, gruszki itd.", "Potem poszliśmy do domu."],
    ),
    (
        "Zatrzymano Krzysztofa W. Mężczyzna usłyszał zarzuty.",
        ["Zatrzymano Krzysztofa W.", "Mężczyzna usłyszał zarzuty."],
    ),
    ("Czy to prawda? Nie wiem. Wszystko jest możliwe!", ["Czy to prawda?", "Nie wiem.", "Wszystko jest możliwe!"]),
    ("Czekałem… Nikt nie przyszedł.", ["Czekałem…", "Nikt nie przyszedł."]),
    ("Czekałem... Nikt nie przyszedł.", ["Czekałem...", "Nikt nie przyszedł."]),
    ("Co?! Niemożliwe.", ["Co?!", "Niemożliwe."]),
    ('Powiedział: "Idę do domu." Potem wyszedł.', ['Powiedział: "Idę do domu."', "Potem wyszedł."]),
    ('"Czy to koniec?" Tego nikt nie wiedział.', ['"Czy to koniec?"', "Tego nikt nie wiedział."]),
    ("(Debiutowałem wierszem.) Potem pisałem prozę.", ["(Debiutowałem wierszem.)", "Potem pisałem prozę."]),
    ("Zobacz www.onet.pl. Tam są informacje.", ["Zobacz www.onet.pl.", "Tam są informacje."]),
    ("- Idziesz? - Tak. - To chodź.", ["- Idziesz?", "- Tak.", "- To chodź."]),
    ("Wymagania: 1. Dowód osobisty. 2. Zdjęcie.", ["Wymagania: 1. Dowód osobisty.", "2. Zdjęcie."]),
    ("Wzrost wyniósł 2 proc. To dużo.", ["Wzrost wyniósł 2 proc.", "To dużo."]),
    ("Świetnie się bawiłem :) Jutro znowu.", ["Świetnie się bawiłem :)", "Jutro znowu."]),
    ("Pierwsze zdanie.   Drugie zdanie.  ", ["Pierwsze zdanie.", "Drugie zdanie."]),
]


@pytest.mark.parametrize(("text", "expected"), BREAK)
def test_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


LINES = [
    # A headline line without final punctuation is its own sentence.
    (
        'Putin "płaci" reżimom wspierającym agresję w Ukrainie\nOboje przyznali, że to groźne.',
        ['Putin "płaci" reżimom wspierającym agresję w Ukrainie', "Oboje przyznali, że to groźne."],
    ),
    (
        "Wybory 2025\nKandydaci\nW niedzielę Polacy wybiorą prezydenta.",
        ["Wybory 2025", "Kandydaci", "W niedzielę Polacy wybiorą prezydenta."],
    ),
    # A wrapped line (the next one goes on in lower case) is not.
    (
        "To jest akapit, który został złamany\nw połowie zdania przez edytor.",
        ["To jest akapit, który został złamany\nw połowie zdania przez edytor."],
    ),
    ("Spotkał się z\nDonaldem Tuskiem w Brukseli.", ["Spotkał się z\nDonaldem Tuskiem w Brukseli."]),
    ("Na liście są:\n- jabłka,\n- gruszki.", ["Na liście są:", "- jabłka,", "- gruszki."]),
    ("Koniec zdania.\nNowe zdanie.", ["Koniec zdania.", "Nowe zdanie."]),
]


@pytest.mark.parametrize(("text", "expected"), LINES)
def test_line_breaks(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_hard_wrapped_paragraph_keeps_sentences_whole() -> None:
    text = (
        "Minister finansów przedstawił wczoraj projekt budżetu na przyszły\n"
        "rok. Zakłada on deficyt na poziomie trzech procent PKB, co według\n"
        "Ekonomistów Banku Światowego jest poziomem bezpiecznym dla kraju\n"
        "i jego gospodarki w czasie spowolnienia."
    )
    got = sentences(text)
    assert len(got) == 2
    assert got[1].startswith("Zakłada on deficyt")


def test_paragraphs_and_sentence_paragraph_index() -> None:
    text = "\n\nPierwszy akapit. Drugie zdanie.\n\n \n\nDrugi akapit!\nNagłówek bez kropki\n"
    seg = segment(text, "pl")
    assert [text[s:e] for s, e in seg.paragraphs] == [
        "Pierwszy akapit. Drugie zdanie.",
        "Drugi akapit!\nNagłówek bez kropki",
    ]
    assert [(text[s:e], p) for s, e, p in seg.sentences] == [
        ("Pierwszy akapit.", 0),
        ("Drugie zdanie.", 0),
        ("Drugi akapit!", 1),
        ("Nagłówek bez kropki", 1),
    ]


def test_sentence_never_crosses_a_paragraph() -> None:
    text = "Zdanie bez kropki\n\nale to jest nowy akapit"
    assert sentences(text) == ["Zdanie bez kropki", "ale to jest nowy akapit"]


OTHER_LANGUAGES = [
    (
        "en",
        "Mr. Smith went to Washington. He met Dr. Jones at 10 a.m. The meeting was short.",
        ["Mr. Smith went to Washington.", "He met Dr. Jones at 10 a.m.", "The meeting was short."],
    ),
    (
        "en",
        "The U.S. economy grew by 2.5% in 2023. Prices rose, e.g. for food.",
        ["The U.S. economy grew by 2.5% in 2023.", "Prices rose, e.g. for food."],
    ),
    (
        "en",
        "She lives in the U.S. Her brother lives in Canada.",
        ["She lives in the U.S.", "Her brother lives in Canada."],
    ),
    ("en", '"Are you coming?" she asked. "No."', ['"Are you coming?" she asked.', '"No."']),
    (
        "de",
        "Am 3. Oktober feiern wir. Das ist z.B. ein Feiertag, bzw. ein Festtag. Dr. Müller kommt.",
        ["Am 3. Oktober feiern wir.", "Das ist z.B. ein Feiertag, bzw. ein Festtag.", "Dr. Müller kommt."],
    ),
    (
        "ru",
        "Встреча прошла в Москве. Её провёл проф. Иванов. В. В. Путин не пришёл.",
        ["Встреча прошла в Москве.", "Её провёл проф. Иванов.", "В. В. Путин не пришёл."],
    ),
    (
        "fr",
        "Il est arrivé hier. Nous sommes partis ensemble ! Pourquoi ?",
        ["Il est arrivé hier.", "Nous sommes partis ensemble !", "Pourquoi ?"],
    ),
    ("xx", "First. Second? Third!", ["First.", "Second?", "Third!"]),
    (None, "Mr. Smith met prof. Nowak. They talked.", ["Mr. Smith met prof. Nowak.", "They talked."]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), OTHER_LANGUAGES)
def test_other_languages(lang: str | None, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_seed_article(shared_data: Path) -> None:
    text = (shared_data / "seed" / "000_7ffdc9170aac84cf.txt").read_text(encoding="utf-8")
    got = sentences(text)
    assert (
        "Jesteśmy teraz w takiej sytuacji, że 23 państwa NATO przeznaczają co najmniej 2 proc. "
        "swojego PKB na obronność." in got
    )
    assert 'Putin "płaci" reżimom wspierającym agresję w Ukrainie' in got
    assert got[0].startswith('"Sytuacja w Ukrainie ma konsekwencje globalne" - powiedział szef NATO')
    assert len(got) == 25
