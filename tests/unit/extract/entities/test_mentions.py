"""The mentions glue: spans → Mention rows, on the sample article and invented text."""

from __future__ import annotations

import re

import pytest

from newsetl.config import shared_data_dir
from newsetl.extract.entities.lexicon import EntityLexicon, default_entity_lexicon
from newsetl.extract.entities.linking import entity_id
from newsetl.extract.entities.mentions import TaggedSpan, mentions_in, mentions_in_documents, name_spans, time_spans
from newsetl.morph import Morphology
from newsetl.spans import Mention, Segmentation

SAMPLE = "seed/000_7ffdc9170aac84cf.txt"

# The names of the sample article with their NKJP labels; every occurrence is tagged.
SAMPLE_NAMES: list[tuple[str, str, str | None]] = [
    ("Mark Rutte", "persName", None),
    ("Markiem Rutte", "persName", None),
    ("Antonym Blinkenem", "persName", None),
    ("Antony Blinken", "persName", None),
    ("Blinkena", "persName", None),
    ("Blinkenem", "persName", None),
    ("Blinken", "persName", None),
    ("Donalda Trumpa", "persName", None),
    ("Josepem Borrellem", "persName", None),
    ("Kają Kallas", "persName", None),
    ("Putin", "persName", None),
    ("Putina", "persName", None),
    ("NATO", "orgName", None),
    ("Sojuszu", "orgName", None),
    ("Ukrainie", "placeName", "country"),
    ("Ukrainy", "placeName", "country"),
    ("Ukraina", "placeName", "country"),
    ("Ukrainą", "placeName", "country"),
    ("Brukseli", "placeName", "settlement"),
    ("Kijowa", "placeName", "settlement"),
    ("USA", "placeName", "country"),
    ("Stany Zjednoczone", "placeName", "country"),
    ("Europy", "placeName", None),
    ("Europa", "placeName", None),
    ("Rosja", "placeName", "country"),
    ("Rosji", "placeName", "country"),
    ("Rosję", "placeName", "country"),
    ("Koreą Północną", "placeName", "country"),
    ("Korea Północna", "placeName", "country"),
    ("Korea Południowa", "placeName", "country"),
    ("Korea", "placeName", "country"),
    ("Chiny", "placeName", "country"),
    ("Moskwę", "placeName", "settlement"),
    ("Iran", "placeName", "country"),
    ("Japonia", "placeName", "country"),
    ("Indo-Pacyfik", "geogName", None),
    ("Bliski Wschód", "geogName", None),
]

# The base forms the brief lists for the article, plus the bare "Korea" of "odkąd Korea
# wysłała tam swoich żołnierzy", which the brief's list leaves out.
EXPECTED_LEMMAS = {
    "Mark Rutte",
    "Antony Blinken",
    "Donald Trump",
    "Josep Borrell",
    "Kaja Kallas",
    "Putin",
    "NATO",
    "Sojusz",
    "Ukraina",
    "Bruksela",
    "USA",
    "Stany Zjednoczone",
    "Europa",
    "Korea Północna",
    "Rosja",
    "Chiny",
    "Moskwa",
    "Iran",
    "Kijów",
    "Japonia",
    "Korea Południowa",
    "Indo-Pacyfik",
    "Bliski Wschód",
    "Blinken",
    "Korea",
}

_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")


Names = list[tuple[str, str, str | None]]


def regex_segmentation(text: str) -> Segmentation:
    """A stand-in for the real segmenter: paragraphs on blank lines, sentences after
    . ! ? before a capital or quote, tokens by a regex (hyphenated words stay whole)."""
    paragraphs, sentences, tokens = [], [], []
    for pm in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        p_idx = len(paragraphs)
        paragraphs.append((pm.start(), pm.end()))
        start = pm.start()
        bounds = [m.end() for m in re.finditer(r"[.!?](?=\s+[\"A-ZĄĆĘŁŃÓŚŹŻ])", pm.group())]
        for end in [pm.start() + b for b in bounds] + [pm.end()]:
            while start < end and text[start].isspace():
                start += 1
            if start >= end:
                continue
            s_idx = len(sentences)
            sentences.append((start, end, p_idx))
            for tm in _TOKEN.finditer(text, start, end):
                tokens.append((tm.start(), tm.end(), s_idx))
            start = end
    return Segmentation(paragraphs, sentences, tokens)


def gold_spans(text: str, seg: Segmentation, names: list[tuple[str, str, str | None]]) -> list[TaggedSpan]:
    """Every occurrence of every name (longest first, no overlaps) as token spans."""
    per_sentence: dict[int, list[str]] = {}
    for s, e, s_idx in seg.tokens:
        per_sentence.setdefault(s_idx, []).append(text[s:e])
    spans: list[TaggedSpan] = []
    taken: set[tuple[int, int]] = set()
    for name, label, sub in sorted(names, key=lambda n: -len(_TOKEN.findall(n[0]))):
        pattern = _TOKEN.findall(name)
        for s_idx, words in per_sentence.items():
            for i in range(len(words) - len(pattern) + 1):
                cells = {(s_idx, j) for j in range(i, i + len(pattern))}
                if words[i : i + len(pattern)] == pattern and not cells & taken:
                    taken |= cells
                    spans.append(TaggedSpan(s_idx, i, i + len(pattern), label, sub))
    return spans


def mentions_by_text(
    text: str, names: list[tuple[str, str, str | None]], morph: Morphology, lexicon: EntityLexicon
) -> dict[str, list[Mention]]:
    """The mentions of ``names`` (tagged as given) in ``text``, keyed by their surface."""
    seg = regex_segmentation(text)
    out: dict[str, list[Mention]] = {}
    for m in mentions_in(text, seg, gold_spans(text, seg, names), morph, lexicon):
        out.setdefault(text[m.start : m.end], []).append(m)
    return out


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


@pytest.fixture(scope="module")
def sample_text() -> str:
    data = shared_data_dir()
    path = data / SAMPLE
    if not path.is_file():
        pytest.skip(f"sample article not found at {path}")
    return path.read_text(encoding="utf-8")


def _by_surface(text: str, mentions: list[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(text[m.start : m.end], []).append(m)
    return out


def test_sample_article_base_forms_and_links(morph: Morphology, sample_text: str) -> None:
    seg = regex_segmentation(sample_text)
    spans = gold_spans(sample_text, seg, SAMPLE_NAMES)
    mentions = mentions_in(sample_text, seg, spans, morph)
    assert len(mentions) == len(spans) > 60
    assert {m.lemma for m in mentions} == EXPECTED_LEMMAS

    surf = _by_surface(sample_text, mentions)
    lemma_of = {s: {m.lemma for m in ms} for s, ms in surf.items()}
    assert lemma_of["Markiem Rutte"] == {"Mark Rutte"}
    assert lemma_of["Antonym Blinkenem"] == {"Antony Blinken"}
    assert lemma_of["Josepem Borrellem"] == {"Josep Borrell"}
    assert lemma_of["Kają Kallas"] == {"Kaja Kallas"}
    assert lemma_of["Koreą Północną"] == {"Korea Północna"}
    assert lemma_of["Blinkena"] == lemma_of["Blinkenem"] == {"Blinken"}
    assert lemma_of["Putina"] == {"Putin"}

    # short mentions share the full name's id; full names in any case share one id
    ids = {s: {m.entity_id for m in ms} for s, ms in surf.items()}
    blinken = entity_id("persName", "Antony Blinken")
    for s in ("Antony Blinken", "Antonym Blinkenem", "Blinken", "Blinkena", "Blinkenem"):
        assert ids[s] == {blinken}, s
    assert ids["Markiem Rutte"] == ids["Mark Rutte"] == {entity_id("persName", "Mark Rutte")}
    assert ids["Koreą Północną"] == ids["Korea Północna"]
    # "Korea" alone: both Koreas are named, so it is not linked to either
    assert ids["Korea"] == {entity_id("placeName", "Korea")}
    # offsets cover the surface exactly and the list is sorted
    assert all(sample_text[m.start : m.end].strip() == sample_text[m.start : m.end] for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_bare_surnames_link_to_full_names(morph: Morphology, sample_text: str) -> None:
    # the article names Rutte and Trump only in full; an invented closing line adds the
    # bare surnames
    text = sample_text.rstrip() + "\n\nPóźniej Rutte rozmawiał o planach Trumpa z Blinkenem.\n"
    seg = regex_segmentation(text)
    names = [*SAMPLE_NAMES, ("Rutte", "persName", None), ("Trumpa", "persName", None)]
    mentions = mentions_in(text, seg, gold_spans(text, seg, names), morph)
    surf = _by_surface(text, mentions)
    assert {m.lemma for m in surf["Rutte"]} == {"Rutte"}
    assert {m.lemma for m in surf["Trumpa"]} == {"Trump"}
    assert {m.entity_id for m in surf["Rutte"]} == {entity_id("persName", "Mark Rutte")}
    assert {m.entity_id for m in surf["Trumpa"]} == {entity_id("persName", "Donald Trump")}


def test_document_evidence_chooses_among_readings(morph: Morphology) -> None:
    text = "Obama przyjechał wczoraj. Wizyta Obamy trwała dzień. Rozmawiano z Obamą."
    seg = regex_segmentation(text)
    spans = gold_spans(
        text, seg, [("Obama", "persName", None), ("Obamy", "persName", None), ("Obamą", "persName", None)]
    )
    mentions = mentions_in(text, seg, spans, morph)
    assert [m.lemma for m in mentions] == ["Obama", "Obama", "Obama"]
    assert len({m.entity_id for m in mentions}) == 1

    text = "Blinkena nie było. Antony Blinken przyjechał później."
    seg = regex_segmentation(text)
    spans = gold_spans(text, seg, [("Blinkena", "persName", None), ("Antony Blinken", "persName", None)])
    assert [m.lemma for m in mentions_in(text, seg, spans, morph)] == ["Blinken", "Antony Blinken"]


def test_evidence_under_another_label_speaks_where_the_own_label_is_silent(morph: Morphology) -> None:
    # The tagger labels one name differently within a document; the genitive "Alibaby"
    # still shows that "Alibaba" is an -a noun, not the genitive of an "Alibab".
    text = "Alibaba ogłosiła wyniki. Akcje Alibaby wzrosły."
    names: Names = [("Alibaba", "orgName", None), ("Alibaby", "persName", None)]
    by_text = mentions_by_text(text, names, morph, default_entity_lexicon())
    assert [m.lemma for m in by_text["Alibaba"]] == ["Alibaba"]
    assert by_text["Alibaba"][0].entity_id == by_text["Alibaby"][0].entity_id
    # Evidence under the mention's own label is not overridden: "Obamy" (persName) settles
    # "Obama"; an organisation "Obam" elsewhere is not asked.
    text = "Obama przyjechał. Wizyta Obamy trwała dzień. Firma Obam upadła."
    names = [("Obama", "persName", None), ("Obamy", "persName", None), ("Obam", "orgName", None)]
    by_text = mentions_by_text(text, names, morph, default_entity_lexicon())
    assert [m.lemma for m in by_text["Obama"]] == ["Obama"]


def test_two_people_with_one_surname(morph: Morphology) -> None:
    text = (
        "Jarosław Kaczyński i Lech Kaczyński spotkali się w Warszawie. Kaczyński powiedział, że Warszawa jest piękna."
    )
    seg = regex_segmentation(text)
    spans = gold_spans(
        text,
        seg,
        [
            ("Jarosław Kaczyński", "persName", None),
            ("Lech Kaczyński", "persName", None),
            ("Kaczyński", "persName", None),
            ("Warszawie", "placeName", "settlement"),
            ("Warszawa", "placeName", "settlement"),
        ],
    )
    mentions = mentions_in(text, seg, spans, morph)
    assert [(text[m.start : m.end], m.lemma) for m in mentions] == [
        ("Jarosław Kaczyński", "Jarosław Kaczyński"),
        ("Lech Kaczyński", "Lech Kaczyński"),
        ("Warszawie", "Warszawa"),
        ("Kaczyński", "Kaczyński"),
        ("Warszawa", "Warszawa"),
    ]
    ids = [m.entity_id for m in mentions]
    assert len(set(ids)) == 4  # two Kaczyńskis, a bare Kaczyński, one Warszawa
    assert ids[2] == ids[4] == entity_id("placeName", "Warszawa")
    assert mentions[2].subtype == "settlement"


def test_dates_and_times_are_not_mentions(morph: Morphology) -> None:
    # the times table is the one home of temporal expressions: the tagger's date and
    # time spans are dropped here, names around them are kept with their offsets
    text = "Spotkanie odbędzie się 15 września 2024 r. o godz. 10 w Brukseli."
    seg = regex_segmentation(text)
    words = [text[s:e] for s, e, _ in seg.tokens]
    i = words.index("15")
    j = words.index("godz")
    k = words.index("Brukseli")
    spans = [(0, i, i + 5, "date", None), (0, j, j + 3, "time", None), (0, k, k + 1, "placeName", "settlement")]
    assert name_spans(spans) == [TaggedSpan(0, k, k + 1, "placeName", "settlement")]
    (place,) = mentions_in(text, seg, spans, morph)
    assert place.lemma == "Bruksela" and place.label == "placeName" and place.sentence_idx == 0
    assert text[place.start : place.end] == "Brukseli"
    assert mentions_in(text, seg, spans[:2], morph) == []


def test_many_documents_empty_and_errors(morph: Morphology) -> None:
    texts = ["Donalda Trumpa nie było.", "", "Nic tu nie ma."]
    segs = [regex_segmentation(t) for t in texts]
    out = mentions_in_documents(texts, segs, [[(0, 0, 2, "persName", None)], [], []], morph)
    assert [[m.lemma for m in doc] for doc in out] == [["Donald Trump"], [], []]
    assert out[0][0].start == 0 and out[0][0].end == len("Donalda Trumpa")
    with pytest.raises(ValueError):
        mentions_in(texts[0], segs[0], [(0, 3, 9, "persName", None)], morph)
    with pytest.raises(ValueError):
        mentions_in_documents(texts, segs, [[]], morph)


def test_deterministic(morph: Morphology, sample_text: str) -> None:
    seg = regex_segmentation(sample_text)
    spans = gold_spans(sample_text, seg, SAMPLE_NAMES)
    first = mentions_in(sample_text, seg, spans, morph)
    again = mentions_in(sample_text, seg, list(reversed(spans)), Morphology())
    assert first == again


def test_with_the_real_segmenter(morph: Morphology, sample_text: str) -> None:
    segment_mod = pytest.importorskip("newsetl.segment")
    segment = getattr(segment_mod, "segment", None)
    if segment is None:
        pytest.skip("newsetl.segment.segment not available yet")
    seg = segment(sample_text, "pl", morph=morph)
    spans = gold_spans(sample_text, seg, SAMPLE_NAMES)
    mentions = mentions_in(sample_text, seg, spans, morph)
    assert {m.lemma for m in mentions} == EXPECTED_LEMMAS


def test_time_spans_for_the_claims_step(morph: Morphology) -> None:
    text = "Spotkanie odbędzie się 15 września 2024 r. w Brukseli."
    seg = regex_segmentation(text)
    words = [text[s:e] for s, e, _ in seg.tokens]
    i = words.index("15")
    spans = [(0, i + 6, i + 7, "placeName", "settlement"), (0, i, i + 5, "date", None)]
    (date,) = time_spans(text, seg, spans)
    assert (date.label, date.lemma, date.entity_id) == ("date", "15 września 2024 r.", "")
    assert text[date.start : date.end] == "15 września 2024 r."


def test_glue_version_follows_the_lexicon() -> None:
    from newsetl.extract.entities.lexicon import EMPTY_LEXICON, load_entity_lexicon
    from newsetl.extract.entities.mentions import GLUE_VERSION, glue_version

    shipped = glue_version(load_entity_lexicon())
    assert shipped.startswith(GLUE_VERSION + ".") and shipped != glue_version(EMPTY_LEXICON)
