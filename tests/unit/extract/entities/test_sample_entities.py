"""The sample article through the shipped tagger and the entity post-processing: the
places analysts look for first come out right."""

from __future__ import annotations

from collections import Counter

import pytest

from newsetl.config import load_settings
from newsetl.extract.entities.identity import canonical_name, majority_label
from newsetl.extract.entities.lexicon import load_entity_lexicon
from newsetl.extract.entities.mentions import mentions_in
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.morph import Morphology
from newsetl.segment import segment
from newsetl.spans import Mention
from tests.integration.helpers import REPO

SAMPLE = REPO / "data" / "sample" / "000_7ffdc9170aac84cf.txt"


@pytest.fixture(scope="module")
def sample() -> tuple[str, list[Mention]]:
    text = SAMPLE.read_text(encoding="utf-8")
    morph = Morphology()
    tagger = EntityTagger.load(load_settings().ner_model_dir, morph)
    seg = segment(text, "pl", morph=morph)
    sentences: list[list[str]] = [[] for _ in seg.sentences]
    for start, end, s_idx in seg.tokens:
        sentences[s_idx].append(text[start:end])
    (spans,) = tagger.spans_in([sentences])
    return text, mentions_in(text, seg, spans, morph, load_entity_lexicon())


def _by_surface(text: str, mentions: list[Mention]) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in mentions:
        out.setdefault(text[m.start : m.end], []).append(m)
    return out


def test_places_have_their_base_forms_whatever_the_label(sample: tuple[str, list[Mention]]) -> None:
    text, mentions = sample
    surf = _by_surface(text, mentions)
    for surface, base in (("Europy", "Europa"), ("Europa", "Europa"), ("Moskwę", "Moskwa"), ("Kijowa", "Kijów")):
        assert {(m.lemma, m.entity_name) for m in surf[surface]} == {(base, base)}, surface
    assert len({m.entity_id for s in ("Europy", "Europa") for m in surf[s]}) == 1


def test_american_is_the_usa(sample: tuple[str, list[Mention]]) -> None:
    text, mentions = sample
    surf = _by_surface(text, mentions)
    usa = {m.entity_id for s in ("USA", "Stany Zjednoczone") for m in surf[s]}
    assert len(usa) == 1
    american = surf["amerykańskiej"]
    assert american  # the article says "amerykańskiej" four times
    assert {(m.derived, m.lemma, m.entity_name) for m in american} == {
        ("adjective", "amerykański", "Stany Zjednoczone")
    }
    assert {m.entity_id for m in american} == usa
    # the run report's "top places": entities by mentions, named as the entities table names them
    names: dict[str, Counter[str]] = {}
    labels: dict[str, Counter[str]] = {}
    for m in mentions:
        names.setdefault(m.entity_id, Counter())[m.entity_name] += 1
        labels.setdefault(m.entity_id, Counter())[m.label] += 1
    places = Counter(
        {canonical_name(names[e]): sum(labels[e].values()) for e in names if majority_label(labels[e]) == "placeName"}
    )
    top = [name for name, _ in places.most_common(5)]
    assert "Stany Zjednoczone" in top
    entity_names = [canonical_name(c) for c in names.values()]
    assert all(name[:1].isupper() for name in entity_names)
    assert not any(name.lower().startswith("amerykańsk") for name in entity_names)


def test_no_dates_or_times_among_mentions(sample: tuple[str, list[Mention]]) -> None:
    _text, mentions = sample
    assert {m.label for m in mentions} <= {"persName", "orgName", "placeName", "geogName"}


def test_rosyjskiej_and_unijnej(sample: tuple[str, list[Mention]]) -> None:
    text, mentions = sample
    surf = _by_surface(text, mentions)
    assert {(m.derived, m.entity_name) for m in surf["rosyjskiej"]} == {("adjective", "Rosja")}
    assert {(m.derived, m.entity_name) for m in surf["unijnej"]} == {("adjective", "Unia Europejska")}
    rosja = {m.entity_id for m in surf["Rosja"]}
    assert {m.entity_id for m in surf["rosyjskiej"]} == rosja
