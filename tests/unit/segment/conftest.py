"""Fixtures for the segmenter tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from newsetl.config import shared_data_dir


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The shared reference corpora (``$NEWSETL_SHARED_DATA``, default ``../shared/data``)."""
    return shared_data_dir()


# Keep hypothesis from writing an example database into the work tree.
settings.register_profile("newsetl-segment", database=None)
settings.load_profile("newsetl-segment")
