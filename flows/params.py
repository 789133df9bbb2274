"""Typed parameters of the deployments.

Prefect turns these models into the JSON schema behind the UI's run form, and the server
checks a new run's parameters against it (``enforce_parameter_schema``), so a value out of
bounds or outside an enum is refused before the run starts.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema

from newsetl.config import Settings
from newsetl.query.report import REPORT_TOP


class IfBusy(StrEnum):
    """What a run does when another run is writing to the same data directory."""

    wait = "wait"
    fail = "fail"


class Scope(StrEnum):
    """Which stored documents ``reprocess`` extracts again."""

    stale = "stale"
    all = "all"


class TableName(StrEnum):
    """The tables (a test keeps this list equal to ``newsetl.tables.schemas.TABLES``)."""

    documents = "documents"
    sources = "sources"
    sentences = "sentences"
    mentions = "mentions"
    times = "times"
    claims = "claims"
    extractions = "extractions"
    entities = "entities"
    rejects = "rejects"
    runs = "runs"
    story_docs = "story_docs"  # the story index (hidden tables; compacted by newsetl.stories.compact_index)
    story_bands = "story_bands"
    entity_terms = "entity_terms"  # the entity totals (hidden; merged by entity_totals.compact_totals)
    entity_stories = "entity_stories"


class Busy(BaseModel):
    """Waiting for the data directory (one writing run at a time)."""

    model_config = ConfigDict(extra="forbid")

    if_busy: IfBusy = Field(
        IfBusy.wait,
        description="If another run is writing to the data directory: wait for it to finish, or fail at once.",
    )
    wait_minutes: float = Field(
        60, ge=0, le=24 * 60, description="Longest wait for the other run (minutes) before failing."
    )

    def lock_wait_seconds(self) -> float:
        return 0.0 if self.if_busy is IfBusy.fail else self.wait_minutes * 60


class ProcessOptions(Busy):
    """Options of a ``process-paths`` run (a field left out takes the configured value).

    The two limits have no "null" in the form's schema (``SkipJsonSchema``): the UI shows
    an optional number as a choice between a number and "None", and under "None" the words
    'Property is type "None"'. The deployment fills them with the configured values instead
    (:func:`configured_options`); a run that leaves them out gets the configured values too.
    """

    batch_docs: Annotated[int, Field(ge=1, le=100_000)] | SkipJsonSchema[None] = Field(
        None, description="Documents per extraction task (configured: ingest.batch_docs)."
    )
    max_file_mb: Annotated[float, Field(gt=0, le=100_000)] | SkipJsonSchema[None] = Field(
        None, description="Larger input files are rejected unread, in MB (configured: ingest.max_file_bytes)."
    )
    report_top: int = Field(REPORT_TOP, ge=1, le=100, description="Entities listed in the run report.")


def configured_options(settings: Settings) -> dict[str, object]:
    """The ``process-paths`` options the form shows: the configured values."""
    return {"batch_docs": settings.ingest.batch_docs, "max_file_mb": settings.ingest.max_file_bytes / 1_000_000}


class InboxOptions(Busy):
    """Options of an ``ingest-inbox`` run."""

    report_top: int = Field(REPORT_TOP, ge=1, le=100, description="Entities listed in the run report.")


def with_options(settings: Settings, options: ProcessOptions) -> Settings:
    """``settings`` with the run's overrides applied (the rest unchanged)."""
    ingest = settings.ingest
    updates: dict[str, object] = {}
    if options.batch_docs is not None:
        updates["batch_docs"] = options.batch_docs
    if options.max_file_mb is not None:
        updates["max_file_bytes"] = max(1, round(options.max_file_mb * 1_000_000))
    if not updates:
        return settings
    return settings.model_copy(update={"ingest": ingest.model_copy(update=updates)})
