"""Fixtures for the segmenter tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared reference corpora (``$NEWSETL_SHARED_DATA``, default ``../shared/data``)."""
    root = Path(__file__).resolve().parents[3]
    path = Path(os.environ.get("NEWSETL_SHARED_DATA", root.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path}")
    return path


# Keep hypothesis from writing an example database into the work tree.
settings.register_profile("newsetl-segment", database=None)
settings.load_profile("newsetl-segment")
