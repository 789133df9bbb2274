"""The claims step fed as a run feeds it, for the evaluation scripts.

A run calls the registered extractors of :mod:`newsetl.extract.extractors` in order on
each document: entities (the NER tagger, base forms, derived forms and linking with the
entity lexicon), times (dates and clock times, which the claims step blocks, and the
expressions ``as_of`` is read from), then claims. :func:`extracted` does the same on one
document with the same model bundle a run loads (:func:`load_models`), and times the
claims step alone.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsetl.config import load_settings
from newsetl.extract.extractors import EXTRACTORS
from newsetl.extract.models import Models, ModelSpec, shared_models
from newsetl.extract.registry import Document
from newsetl.spans import Claim, Mention, Segmentation


def load_models() -> Models:
    """The model bundle a run loads (same settings, same files)."""
    s = load_settings()
    return shared_models(
        ModelSpec(
            s.ner_model_dir,
            tuple(s.language.candidates),
            s.language.sample_chars,
            s.language.min_letters,
            s.entity_lexicon_dir,
        )
    )


@dataclass
class Extracted:
    mentions: list[Mention]
    times: list[Any]  # newsetl.extract.times.TimeExpr
    claims: list[Claim]
    claims_seconds: float  # CPU seconds of the claims step alone


def extracted(
    text: str,
    seg: Segmentation,
    models: Models,
    *,
    lang: str = "pl",
    published: datetime | None = None,
    with_entities: bool = True,
) -> Extracted:
    """Entities, times and claims of one normalized document, as a run computes them.

    ``with_entities=False`` gives the claims step no names (dates and times only): the
    number rules alone, for figures that must not depend on the tagger.
    """
    doc = Document(text, seg, lang, published)
    doc.found["entities"] = EXTRACTORS["entities"].find([doc], models)[0] if with_entities and lang == "pl" else []
    doc.found["times"] = EXTRACTORS["times"].find([doc], models)[0] if lang == "pl" else []
    started = time.process_time()
    claims = list(EXTRACTORS["claims"].find([doc], models)[0])
    seconds = time.process_time() - started
    return Extracted(list(doc.found["entities"]), list(doc.found["times"]), claims, seconds)
