"""process-paths options: a field left out takes the configured value; the form shows the configured values."""

from __future__ import annotations

import pytest
from flows.params import ProcessOptions, configured_options, with_options
from pydantic import ValidationError

from newsetl.config import load_settings


def test_left_out_means_configured_and_given_means_given() -> None:
    settings = load_settings(ingest={"batch_docs": 77, "max_file_bytes": 1_234_567})
    assert with_options(settings, ProcessOptions()) is settings
    changed = with_options(settings, ProcessOptions(batch_docs=5, max_file_mb=1.5))
    assert (changed.ingest.batch_docs, changed.ingest.max_file_bytes) == (5, 1_500_000)
    assert with_options(settings, ProcessOptions(max_file_mb=1e-9)).ingest.max_file_bytes == 1  # never 0
    # The form's values are the configured ones, exactly.
    shown = with_options(settings, ProcessOptions.model_validate(configured_options(settings)))
    assert (shown.ingest.batch_docs, shown.ingest.max_file_bytes) == (77, 1_234_567)


@pytest.mark.parametrize("bad", [{"batch_docs": 0}, {"batch_docs": 100_001}, {"max_file_mb": 0}, {"if_busy": "maybe"}])
def test_out_of_bounds_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        ProcessOptions.model_validate(bad)
