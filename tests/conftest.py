"""Shared fixtures: where the reference corpora are, and the sample article."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsetl.config import shared_data_dir

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_data_dir()


@pytest.fixture(scope="session")
def sample_article(shared_data: Path) -> Path:
    return shared_data / "seed" / "000_7ffdc9170aac84cf.txt"
