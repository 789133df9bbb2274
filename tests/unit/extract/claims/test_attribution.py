"""Who said it and what it is about, pattern by pattern (issue #16).

Mentions are placed by hand (``mentions_at``), so these tests check the claims step's
rules, not the NER tagger. Every text has one claim per sentence at most, with a
surface given to find it.
"""

from __future__ import annotations

import dataclasses

import pytest

from newsetl.extract.claims import claims_in_document
from newsetl.extract.claims.tokens import tokenize
from newsetl.morph import Morphology
from newsetl.segment import segment
from newsetl.spans import Claim, mentions_at

NAMES = [
    ("Jan Kowalski", "persName", "e:Kowalski"),
    ("Jana Kowalskiego", "persName", "e:Kowalski"),
    ("Kowalski", "persName", "e:Kowalski"),
    ("Kowalskiego", "persName", "e:Kowalski"),
    ("Anna Nowak", "persName", "e:Nowak"),
    ("Anny Nowak", "persName", "e:Nowak"),
    ("Nowak", "persName", "e:Nowak"),
    ("Piotr Zieliński", "persName", "e:Zieliński"),
    ("Reuterowi", "persName", "e:Reuter"),
    ("GUS", "orgName", "e:GUS"),
    ("Główny Urząd Statystyczny", "orgName", "e:GUS"),
    ("CBOS", "orgName", "e:CBOS"),
    ("MSZ", "orgName", "e:MSZ"),
    ("AFP", "orgName", "e:AFP"),
    ("PAP", "orgName", "e:PAP"),
    ("Reuters", "orgName", "e:Reuters"),
    ("Reutera", "orgName", "e:Reuters"),
    ("Orlen", "orgName", "e:Orlen"),
    ("Orlenu", "orgName", "e:Orlen"),
    ("NATO", "orgName", "e:NATO"),
    ("Niemcy", "placeName", "e:Niemcy"),
    ("Niemczech", "placeName", "e:Niemcy"),
    ("Polsce", "placeName", "e:Polska"),
    ("Ukrainie", "placeName", "e:Ukraina"),
    ("Polska", "placeName", "e:Polska"),
    ("Polski", "placeName", "e:Polska"),
    ("Poznań", "placeName", "e:Poznań"),
    ("Kijowie", "placeName", "e:Kijów"),
    ("Polaków", "placeName", "e:Polska"),
    ("niemieckich", "placeName", "e:Niemcy"),
    ("Krakowa", "placeName", "e:Kraków"),
]


def claims(text: str, morph: Morphology) -> list[tuple[str, Claim]]:
    seg = segment(text, "pl", morph=morph)
    found = claims_in_document(text, seg, "pl", mentions_at(text, seg, NAMES), morph)
    return [(text[c.start : c.end], c) for c in found]


def speaker(text: str, surface: str, morph: Morphology) -> str | None:
    return next(c for s, c in claims(text, morph) if s == surface).speaker_entity_id


def subject(text: str, surface: str, morph: Morphology) -> str | None:
    return next(c for s, c in claims(text, morph) if s == surface).subject_entity_id


# --- direct quotations ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        # speaker after the quotation, after a dash
        ("– Wydatki wzrosną o 5 proc. – powiedział Jan Kowalski.", "5 proc.", "e:Kowalski"),
        # speaker before, with a colon
        ("Jan Kowalski powiedział: „Wydatki wzrosną o 5 proc.”", "5 proc.", "e:Kowalski"),
        # speaker inside: the second part of the quotation keeps him
        ("– To dobry rok – mówi Jan Kowalski. – Zarobiliśmy 5 mln zł.", "5 mln zł", "e:Kowalski"),
        # a quotation of several sentences, the speaker named at its end
        ("– Zarobiliśmy 5 mln zł. To rekord. Jesteśmy zadowoleni – dodała Anna Nowak.", "5 mln zł", "e:Nowak"),
        # the quotation goes on into the next paragraph
        ("– To dobry rok – mówi Jan Kowalski.\n\n– Zarobiliśmy 5 mln zł.", "5 mln zł", "e:Kowalski"),
        # "– mówi." with no name: the speaker of the paragraph before
        (
            "Jan Kowalski jest prezesem spółki.\n\n– Zarobiliśmy 5 mln zł – mówi.",
            "5 mln zł",
            "e:Kowalski",
        ),
    ],
)
def test_quotations(text: str, surface: str, who: str, morph: Morphology) -> None:
    assert speaker(text, surface, morph) == who


# --- verbs of saying: tenses, genders, word order -------------------------------------------
@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Jan Kowalski powiedział, że wydatki wzrosną o 5 proc.", "e:Kowalski"),
        ("Anna Nowak podkreśliła, że wydatki wzrosną o 5 proc.", "e:Nowak"),
        ("Eksperci GUS zapowiedzieli, że wydatki wzrosną o 5 proc.", "e:GUS"),
        ("Jak poinformowało MSZ, wydatki wzrosły o 5 proc.", "e:MSZ"),
        ("Jan Kowalski ocenia, że wydatki wzrosną o 5 proc.", "e:Kowalski"),
        ("Wydatki wzrosną o 5 proc. – dodał Jan Kowalski.", "e:Kowalski"),
        ("Anna Nowak szacuje, że wydatki wzrosną o 5 proc.", "e:Nowak"),
        ("Wydatki wzrosną o 5 proc. – przekazał Jan Kowalski.", "e:Kowalski"),
        ("Wydatki wzrosną o 5 proc., szacuje Jan Kowalski.", "e:Kowalski"),
        ("Jak przekazała Anna Nowak, wydatki wzrosną o 5 proc.", "e:Nowak"),
        ("Wydatki wzrosną o 5 proc. – mówi Anna Nowak.", "e:Nowak"),
        ("Wydatki wzrosły o 5 proc. – informuje GUS.", "e:GUS"),
    ],
)
def test_verbs_of_saying(text: str, who: str, morph: Morphology) -> None:
    assert speaker(text, "5 proc.", morph) == who


def test_a_verb_with_another_sense_is_no_attribution(morph: Morphology) -> None:
    assert speaker("Polska przekazała Ukrainie 5 mld zł.", "5 mld zł", morph) is None
    assert speaker("Stwierdzono, że 5 osób zostało rannych.", "5", morph) is None  # impersonal


def test_first_person_is_the_quotation_not_an_attribution(morph: Morphology) -> None:
    text = "– Szacujemy, że zysk wyniesie 5 mln zł – powiedział Jan Kowalski."
    assert speaker(text, "5 mln zł", morph) == "e:Kowalski"


# --- according to ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Według Jana Kowalskiego wydatki wzrosną o 5 proc.", "e:Kowalski"),
        ("Zdaniem Anny Nowak wydatki wzrosną o 5 proc.", "e:Nowak"),
        ("Jak podał GUS, wydatki wzrosły o 5 proc.", "e:GUS"),
        ("Wydatki wzrosły o 5 proc. – wynika z danych GUS.", "e:GUS"),
        ("Z sondażu CBOS wynika, że poparcie wynosi 5 proc.", "e:CBOS"),
        ("Według prognozy opracowanej przez Główny Urząd Statystyczny wydatki wzrosną o 5 proc.", "e:GUS"),
        ("Według rzecznika MSZ Jana Kowalskiego wydatki wzrosną o 5 proc.", "e:Kowalski"),
        ("W ocenie Jana Kowalskiego wydatki wzrosną o 5 proc.", "e:Kowalski"),
    ],
)
def test_according_to(text: str, who: str, morph: Morphology) -> None:
    assert speaker(text, "5 proc.", morph) == who


def test_according_to_a_pronoun_refers_back(morph: Morphology) -> None:
    text = "Anna Nowak wystąpiła na konferencji. Według niej wydatki wzrosną o 5 proc."
    assert speaker(text, "5 proc.", morph) == "e:Nowak"


# --- headlines and interviews --------------------------------------------------------------------
def test_headline_with_a_colon(morph: Morphology) -> None:
    text = "GUS: inflacja spadła do 4 proc.\n\nCeny rosną wolniej."
    assert speaker(text, "4 proc.", morph) == "e:GUS"


def test_a_place_before_the_colon_is_a_topic(morph: Morphology) -> None:
    text = "Niemcy: bezrobocie wzrosło o 5 proc.\n\nTak wynika z danych."
    got = dict(claims(text, morph))["5 proc."]
    assert got.speaker_entity_id is None
    assert got.subject_entity_id == "e:Niemcy"


def test_interview_answers(morph: Morphology) -> None:
    text = (
        "PAP: Ile kredytów udzielono?\n\nJan Kowalski: Ok. 190 tys. To dużo.\n\n"
        "PAP: A w tym roku?\n\nJ.K.: Szacujemy, że 230 tys."
    )
    got = dict(claims(text, morph))
    assert got["Ok. 190 tys."].speaker_entity_id == "e:Kowalski"
    assert got["230 tys."].speaker_entity_id == "e:Kowalski"  # initials


# --- roles ---------------------------------------------------------------------------------------
def test_a_role_names_its_holder_elsewhere(morph: Morphology) -> None:
    text = (
        "Rzecznik ministerstwa Jan Kowalski poinformował o planach.\n\nNowa linia kosztuje 5 mln zł – dodał rzecznik."
    )
    assert speaker(text, "5 mln zł", morph) == "e:Kowalski"


def test_a_feminine_role(morph: Morphology) -> None:
    text = (
        "Anna Nowak, główna ekonomistka banku, była na konferencji.\n\n"
        "Ekonomistka dodała, że stopy spadną o 1 pkt proc."
    )
    assert speaker(text, "1 pkt proc.", morph) == "e:Nowak"


def test_a_role_in_a_headline(morph: Morphology) -> None:
    text = "Prezes Orlenu: zainwestujemy 35 mld zł\n\nOrlen ma plany – zapowiedział prezes koncernu Jan Kowalski."
    assert speaker(text, "35 mld zł", morph) == "e:Kowalski"


def test_roles_of_two_people_are_told_apart(morph: Morphology) -> None:
    text = (
        "Szef NATO Anna Nowak spotkała się z szefem dyplomacji Janem Kowalskim.\n\n"
        "Wydatki wzrosną o 5 proc. – podkreślił szef NATO."
    )
    names = [*NAMES, ("Janem Kowalskim", "persName", "e:Kowalski")]
    seg = segment(text, "pl", morph=morph)
    found = claims_in_document(text, seg, "pl", mentions_at(text, seg, names), morph)
    assert [c.speaker_entity_id for c in found] == ["e:Nowak"]


def test_a_spokesman_of_a_named_organisation_without_a_name(morph: Morphology) -> None:
    assert speaker("Wydatki wzrosną o 5 proc. – poinformował rzecznik MSZ.", "5 proc.", morph) == "e:MSZ"


def test_a_word_for_an_organisation_stands_for_the_one_named_last(morph: Morphology) -> None:
    text = "Orlen opublikował raport.\n\nZysk spadł o 21 proc. – podał koncern."
    assert speaker(text, "21 proc.", morph) == "e:Orlen"


def test_an_unnamed_role_is_no_speaker(morph: Morphology) -> None:
    assert speaker("Szef dyplomacji przyznał, że wydatki wzrosły o 5 proc.", "5 proc.", morph) is None


# --- nested sources: the original source, not the outlet carrying it ------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "– Wydatki wzrosną o 5 proc. – mówił agencji AFP Jan Kowalski.",
        "– Wydatki wzrosną o 5 proc. – powiedział Reuterowi Jan Kowalski.",
        "– Wydatki wzrosną o 5 proc. – powiedział PAP Jan Kowalski.",
        "Cytowany przez agencję Reutera ekspert Jan Kowalski ocenił, że wydatki wzrosną o 5 proc.",
        "Jan Kowalski powiedział w rozmowie z PAP, że wydatki wzrosną o 5 proc.",
    ],
)
def test_nested_sources(text: str, morph: Morphology) -> None:
    assert speaker(text, "5 proc.", morph) == "e:Kowalski"


def test_an_outlet_that_is_the_source(morph: Morphology) -> None:
    assert speaker("Według agencji Reuters wydatki wzrosną o 5 proc.", "5 proc.", morph) == "e:Reuters"


# --- the journalist's own statements, bylines and credits ------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Wydatki wzrosły o 5 proc. (PAP)",
        "Wydatki wzrosły o 5 proc.\n\n(PAP)",
        "Wydatki wzrosły o 5 proc.\n\nmw/Reuters",
        "Wydatki wzrosły o 5 proc.\n\nFot. Jan Kowalski/PAP",
        "Ekonomiści ankietowani przez agencję Reuters spodziewali się wzrostu o 5 proc.",
        # a quotation in the paragraph before does not reach a plain paragraph
        "– To dobry rok – mówi Jan Kowalski.\n\nWydatki wzrosły o 5 proc.",
    ],
)
def test_no_speaker_for_the_journalist(text: str, morph: Morphology) -> None:
    assert speaker(text, "5 proc.", morph) is None


@pytest.mark.parametrize(
    "text",
    [
        "Zdaniem ekspertów wydatki wzrosną o 5 proc.",
        "Wydatki wzrosną o 5 proc. – twierdzą dyplomaci.",
        # an unnamed source stops the named one from going on
        "Jan Kowalski powiedział, że to dobry rok. Zdaniem ekspertów wydatki wzrosną o 5 proc.",
    ],
)
def test_an_unnamed_source_gives_no_speaker(text: str, morph: Morphology) -> None:
    assert speaker(text, "5 proc.", morph) is None


def test_a_source_goes_on_through_its_release(morph: Morphology) -> None:
    text = "Inflacja wyniosła 4 proc. – poinformował GUS. Ceny żywności wzrosły o 3 proc."
    assert speaker(text, "3 proc.", morph) == "e:GUS"


# --- subject ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        ("Obecnie 23 państwa NATO wydają dużo.", "23", "e:NATO"),  # owner: genitive after the counted noun
        ("Zatrudnia je 214 niemieckich rodzin.", "214", "e:Niemcy"),  # owner: an adjective
        ("Przyjechało 80 firm z całej Polski.", "80", "e:Polska"),  # owner: an origin
        ("Sklepy odwiedza 46 proc. Polaków.", "46 proc.", "e:Polska"),  # the counted noun is the name
        ("Poznań wydał na budowę 9 mln zł.", "9 mln zł", "e:Poznań"),  # actor before
        ("Na budowę 9 mln zł wydał Poznań.", "9 mln zł", "e:Poznań"),  # actor after
        ("Budżet Krakowa wynosi 8 mld zł.", "8 mld zł", "e:Kraków"),  # owner of what is measured
        ("Spotkał się z Janem Kowalskim, który zarobił 5 mln zł.", "5 mln zł", "e:Kowalski"),  # relative clause
        ("W Polsce brakuje 20 tys. lekarzy.", "20 tys.", "e:Polska"),  # place
        ("W Kijowie zginęły cztery osoby, a 17 zostało rannych.", "17", "e:Kijów"),  # an elliptic clause
        ("Przed sądem stanął Jan Kowalski (42 lata).", "42 lata", "e:Kowalski"),  # an aside in brackets
        ("Jan Kowalski powiedział, że wydatki wzrosły o 5 proc.", "5 proc.", None),  # the speaker is no subject
        ("Jak podał GUS, paliwa potaniały o 6 proc.", "6 proc.", None),  # the source is no subject
        ("Polska przekazała Ukrainie 5 mld zł.", "5 mld zł", "e:Polska"),  # the payer, not the recipient
        ("Rosja zaatakowała Ukrainie 40 rakietami.", "40", None),  # objects and recipients are no subjects
    ],
)
def test_subject(text: str, surface: str, about: str | None, morph: Morphology) -> None:
    names = [*NAMES, ("Janem Kowalskim", "persName", "e:Kowalski")]
    seg = segment(text, "pl", morph=morph)
    found = claims_in_document(text, seg, "pl", mentions_at(text, seg, names), morph)
    got = next(c for c in found if text[c.start : c.end] == surface)
    assert got.subject_entity_id == about


# --- objects and the number grain ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "surface", "obj"),
    [
        ("W sumie spłonęło około 12 ha zboża.", "około 12", "hektar"),
        ("Zbudowano ją na 2200 metrach kwadratowych.", "2200", "m2"),
        ("Nie powstanie sklep większy niż 300 m kw.", "300", "m2"),
        ("Lekarze zgłosili ponad 1,2 mln zachorowań na grypę.", "ponad 1,2 mln", "zachorowanie"),
        ("W referendum 54 proc. głosujących odrzuciło umowę.", "54 proc.", "głosujący"),
        ("Firma ma dwadzieścia łączy światłowodowych.", "dwadzieścia", "łącze"),
        ("Przyszli dwaj inni młodzi mężczyźni.", "dwaj", "mężczyzna"),
        ("Firma posiada 10 statków.", "10", "statek"),
        ("Prawie 700 tysięcy złotych Orlen wydał na premie.", "Prawie 700 tysięcy złotych", None),
    ],
)
def test_objects(text: str, surface: str, obj: str | None, morph: Morphology) -> None:
    got = dict(claims(text, morph))
    assert got[surface].object == obj


def test_compound_scale_words(morph: Morphology) -> None:
    got = claims("Powiat przeznaczy 2 miliony 700 tysięcy złotych na drogi.", morph)
    assert [(s, c.value) for s, c in got] == [("2 miliony 700 tysięcy złotych", 2_700_000.0)]


def test_a_year_after_roku_is_a_year_only_when_it_looks_like_one(morph: Morphology) -> None:
    assert [s for s, _ in claims("Zgłosiło się w tym roku 2450 kandydatów.", morph)] == ["2450"]
    assert claims("Zmarł w roku 1999 w Krakowie.", morph) == []


@pytest.mark.parametrize(
    ("text", "grain"),
    [
        ("12.03.2024", ["12.03.2024"]),  # a date is read whole (NKJP splits it)
        ("2:1", ["2:1"]),
        ("10km", ["10", "km"]),  # a number and its unit apart (NKJP keeps them whole)
        ("F-16", ["F", "-", "16"]),
        ("33-letni", ["33", "-", "letni"]),
    ],
)
def test_number_grain(text: str, grain: list[str]) -> None:
    assert [t.text for t in tokenize(text, 0, len(text), "pl")] == grain


# --- round 2: derived forms, plural pronouns, survey results, more subject shapes -----------------
# Derived forms as the entities step marks them (``Mention.derived``): an inhabitant noun or a
# relational adjective is a mention of the place it derives from.
DERIVED = {"Holendrzy": "inhabitant", "holenderski": "adjective", "polskie": "adjective", "Polaków": "inhabitant"}
MORE_NAMES = [
    ("Holendrzy", "placeName", "e:Holandia"),
    ("holenderski", "placeName", "e:Holandia"),
    ("polskie", "placeName", "e:Polska"),
    ("Hsinchu Science Park", "geogName", "e:HSP"),
    ("Tajwanie", "placeName", "e:Tajwan"),
    ("Jerozolimy", "placeName", "e:Jerozolima"),
    ("Beitbridge", "placeName", "e:Beitbridge"),
    ("Rada Ministrów", "orgName", "e:RM"),
    ("Rada Polityki Pieniężnej", "orgName", "e:RPP"),
    ("Opolszczyźnie", "geogName", "e:Opolszczyzna"),
    ('"Stare Dobre Małżeństwo"', "orgName", "e:SDM"),
    ("powiatu opatowskiego", "placeName", "e:powiat opatowski"),
]


def found_with_derived(text: str, morph: Morphology) -> list[tuple[str, Claim]]:
    seg = segment(text, "pl", morph=morph)
    mentions = [
        dataclasses.replace(m, derived=DERIVED.get(text[m.start : m.end]))
        for m in mentions_at(text, seg, [*NAMES, *MORE_NAMES])
    ]
    return [(text[c.start : c.end], c) for c in claims_in_document(text, seg, "pl", mentions, morph)]


def test_an_inhabitant_noun_is_neither_a_source_nor_an_acting_subject(morph: Morphology) -> None:
    got = dict(found_with_derived("Holendrzy oszacowali swoje straty na 48 tys. zł.", morph))
    assert (got["48 tys. zł"].speaker_entity_id, got["48 tys. zł"].subject_entity_id) == (None, None)
    got = dict(found_with_derived("– Straty sięgają 48 tys. zł – twierdzą Holendrzy.", morph))
    assert got["48 tys. zł"].speaker_entity_id is None
    # ... while a relational adjective attached to the subject names it, and an inhabitant
    # noun that is what is counted stands for its country
    got = dict(found_with_derived("Rząd holenderski wydał na ten cel 48 tys. zł.", morph))
    assert got["48 tys. zł"].subject_entity_id == "e:Holandia"
    got = dict(found_with_derived("Podatki obniżyłoby 46 proc. Polaków.", morph))
    assert got["46 proc."].subject_entity_id == "e:Polska"


def test_polish_firms_are_about_poland(morph: Morphology) -> None:
    got = dict(found_with_derived("W ubiegłym roku polskie firmy zainwestowały 5 mld zł.", morph))
    assert got["5 mld zł"].subject_entity_id == "e:Polska"


def test_a_plural_pronoun_cue_is_not_the_person_named_before(morph: Morphology) -> None:
    plural = "Posłowie opozycji krytykują Jana Kowalskiego. Twierdzą, że resort wydał 5 mln zł."
    assert speaker(plural, "5 mln zł", morph) is None
    singular = "Jan Kowalski był na miejscu. Twierdzi, że resort wydał 5 mln zł."
    assert speaker(singular, "5 mln zł", morph) == "e:Kowalski"


def test_a_verb_of_noticing_is_no_attribution(morph: Morphology) -> None:
    text = "Jan Kowalski był wtedy ministrem. Wojewodowie przez dwa lata niczego nie zauważyli."
    assert speaker(text, "dwa lata", morph) is None
    said = "Jan Kowalski był wtedy ministrem. Zauważył, że resort wydał 5 mln zł."
    assert speaker(said, "5 mln zł", morph) == "e:Kowalski"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Rząd źle ocenia 46 proc. badanych. To wynik marcowego sondażu CBOS.", "46 proc."),
        ("Podatki są za wysokie – uważa 57 proc. społeczeństwa. To wynik sondażu CBOS.", "57 proc."),
        ("Podatki są za wysokie – uważa 57 proc. społeczeństwa. To wynik sondażu CBOS. Rok temu 51 proc.", "51 proc."),
    ],
)
def test_a_survey_named_after_its_figures_is_their_source(text: str, surface: str, morph: Morphology) -> None:
    assert speaker(text, surface, morph) == "e:CBOS"


@pytest.mark.parametrize(
    ("text", "surface", "about"),
    [
        ("Na Tajwanie istnieje Hsinchu Science Park, w którym pracuje 50 tys. ludzi.", "50 tys.", "e:HSP"),
        ("Śnieg pokrył ulice Jerozolimy, gdzie spadło ok. 50 cm puchu.", "ok. 50", "e:Jerozolima"),
        ("Pytony pięć razy spowodowały przerwy w dostawie prądu w mieście Beitbridge.", "pięć", "e:Beitbridge"),
        ("217 posiedzeń odbyła Rada Ministrów w ciągu czterech lat.", "czterech lat", "e:RM"),
        ("Zdaniem Kowalskiego Rada Polityki Pieniężnej obniży stopy o 0,25 pkt proc.", "0,25 pkt proc.", "e:RPP"),
        ('Cztery koncerty zagra na Opolszczyźnie grupa "Stare Dobre Małżeństwo".', "Cztery", "e:SDM"),
        ("2 mln zł przeznaczą władze powiatu opatowskiego na drogi.", "2 mln zł", "e:powiat opatowski"),
    ],
)
def test_subject_shapes_of_round_2(text: str, surface: str, about: str, morph: Morphology) -> None:
    got = dict(found_with_derived(text, morph))
    assert got[surface].subject_entity_id == about
