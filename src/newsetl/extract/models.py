"""The models a worker process needs, loaded once per process and reused by every batch.

Loading is the expensive part (Morfeusz dictionaries, lingua's language models, the NER
model), and a worker handles many batches, so bundles are cached per process keyed by
what they were built from. This is a resource cache, not state: batches never see each
other's data through it (the Morfeusz cache holds dictionary lookups only).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsetl.extract.entities.lexicon import EntityLexicon, load_entity_lexicon
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.extract.language import LanguageDetector
from newsetl.morph import Morphology


@dataclass(frozen=True)
class ModelSpec:
    """What a model bundle is built from (hashable: the cache key)."""

    ner_model_dir: Path
    language_candidates: tuple[str, ...]
    language_sample_chars: int
    language_min_letters: int
    entity_lexicon_dir: Path


@dataclass(frozen=True)
class Models:
    morph: Morphology
    language: LanguageDetector
    tagger: EntityTagger
    entity_lexicon: EntityLexicon


class MissingModel(RuntimeError):
    pass


_LOADED: dict[ModelSpec, Models] = {}


def shared_models(spec: ModelSpec) -> Models:
    """The process's model bundle for ``spec``, loading it on first use."""
    models = _LOADED.get(spec)
    if models is None:
        if not spec.ner_model_dir.is_dir():
            raise MissingModel(
                f"no NER model in {spec.ner_model_dir}; it ships with the repository (rebuild it with `make train-ner`)"
            )
        morph = Morphology()
        models = Models(
            morph=morph,
            language=LanguageDetector(spec.language_candidates, spec.language_sample_chars, spec.language_min_letters),
            tagger=EntityTagger.load(spec.ner_model_dir, morph),
            entity_lexicon=load_entity_lexicon(spec.entity_lexicon_dir),
        )
        _LOADED[spec] = models
    return models
