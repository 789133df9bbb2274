"""Shared fixtures: where the reference corpora are, and the sample article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_data_dir() -> Path:
    """The reference corpora (never copied into the repository)."""
    candidates = [os.environ.get("NEWSETL_SHARED_DATA"), REPO.parent / "shared" / "data", "/work/shared/data"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "seed").is_dir():
            return Path(candidate)
    raise RuntimeError("reference data not found: set NEWSETL_SHARED_DATA to ../shared/data")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return shared_data_dir()


@pytest.fixture(scope="session")
def sample_article(shared_data: Path) -> Path:
    return shared_data / "seed" / "000_7ffdc9170aac84cf.txt"
