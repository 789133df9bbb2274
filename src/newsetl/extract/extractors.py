"""The registered extractors, in the order they run: entities, then claims (which read the
entities of their sentences for subjects and speakers).

To add one, register it here (see :mod:`newsetl.extract.registry`) and declare its table
in :mod:`newsetl.tables.schemas`.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsetl.extract.claims import EXTRACTOR_NAME as CLAIMS_NAME
from newsetl.extract.claims import EXTRACTOR_VERSION as CLAIMS_VERSION
from newsetl.extract.claims import claims_in_document
from newsetl.extract.claims_in_time import claims_context, claims_placed_in_time, within_sentences
from newsetl.extract.entities.mentions import glue_version, mentions_in_documents
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.extract.models import Models
from newsetl.extract.registry import Document, Registry
from newsetl.extract.times import EXTRACTOR_NAME as TIMES_NAME
from newsetl.extract.times import EXTRACTOR_VERSION as TIMES_VERSION
from newsetl.extract.times import TimeExpr, times_in
from newsetl.spans import Claim, Mention

EXTRACTORS = Registry()


@EXTRACTORS.register(
    stage="entities",
    table="mentions",
    index_column="mention_idx",
    fields=("label", "subtype", "lemma", "derived", "entity_id", "entity_name", "parts"),
    languages={"pl"},
    name=EntityTagger.name,
    # The tagger's version (the model files' digest) and the code and lexicon turning its
    # spans into mentions (base forms, derived forms, aliases, linking): GLUE_VERSION in
    # mentions.py, bumped when that code changes output, plus the lexicon files' digest.
    version=lambda models: f"{models.tagger.version}+{glue_version(models.entity_lexicon)}",
)
def entities(docs: Sequence[Document], models: Models) -> list[list[Mention]]:
    """Name mentions: the CRF tagger over whole documents, then base forms, derived forms and links."""
    spans = models.tagger.spans_in([d.seg.words_by_sentence(d.text) for d in docs])
    return mentions_in_documents(
        [d.text for d in docs], [d.seg for d in docs], spans, models.morph, models.entity_lexicon
    )


@EXTRACTORS.register(
    stage="times",
    table="times",
    index_column="time_idx",
    fields=("type", "value", "resolved", "anchor", "mod", "end_value", "range_part"),
    languages={"pl"},
    name=TIMES_NAME,
    version=lambda models: TIMES_VERSION,
)
def times(docs: Sequence[Document], models: Models) -> list[list[TimeExpr]]:
    """Dates, times, durations and sets with TIMEX3 values, resolved against `published`."""
    return [within_sentences(times_in(d.text, d.seg, d.lang, d.published, morph=models.morph), d.seg) for d in docs]


@EXTRACTORS.register(
    stage="claims",
    table="claims",
    index_column="claim_idx",
    fields=(
        "value",
        "low",
        "high",
        "qualifier",
        "kind",
        "unit",
        "object",
        "subject_entity_id",
        "speaker_entity_id",
        "as_of",
    ),
    languages={"pl", "en"},
    name=CLAIMS_NAME,
    version=lambda models: f"{CLAIMS_VERSION}+{TIMES_VERSION}",
    needs=("entities", "times"),
)
def claims(docs: Sequence[Document], models: Models) -> list[list[Claim]]:
    """Stated quantities, with the entities they are about, who said them and when they hold."""
    out = []
    for d in docs:
        times: Sequence[TimeExpr] = d.found.get("times", ())
        found = claims_in_document(d.text, d.seg, d.lang, claims_context(d.found["entities"], times), models.morph)
        out.append(claims_placed_in_time(found, times, d.text))
    return out
