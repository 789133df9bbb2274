"""Fixtures shared by the entity tests: one Morfeusz and the shipped entity lexicon per module."""

from __future__ import annotations

import pytest

from newsetl.extract.entities.lexicon import EntityLexicon, load_entity_lexicon
from newsetl.morph import Morphology


@pytest.fixture(scope="module")
def morph() -> Morphology:
    return Morphology()


@pytest.fixture(scope="module")
def lexicon() -> EntityLexicon:
    return load_entity_lexicon()
