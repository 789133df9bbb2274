"""What a run's steps share (:class:`RunContext`) and what they hand each other.

Everything here is small and picklable: contexts and reports travel to worker processes
and back. Bulk data never does: it stays in the run's staging folder.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsetl.config import Settings
from newsetl.extract.models import ModelSpec
from newsetl.ingest.discover import InputFile
from newsetl.ingest.records import Reject
from newsetl.tables.staging import Staging
from newsetl.tables.store import Store


def new_run_id(now: datetime) -> str:
    """Time-ordered and unique: ``r20261127T210512048213Z-3f9a1c`` (to the microsecond).

    Sorting run ids sorts runs by start time ("the last run" is ``max(run_id)``), so the
    time part goes to the microsecond: runs a second apart used to share it, and then the
    random suffix decided their order.
    """
    return f"r{now.strftime('%Y%m%dT%H%M%S%fZ')}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class RunContext:
    """Everything a step needs."""

    run_id: str
    flow: str  # what runs: "run" (the CLI), a deployment's name, "reprocess", "compact"
    data_dir: Path
    started_at: datetime
    parameters: dict[str, object]  # recorded in the `runs` row
    settings: Settings

    @property
    def store(self) -> Store:
        return Store(self.data_dir)

    @property
    def staging(self) -> Staging:
        return Staging(self.store.staging / self.run_id)

    @property
    def model_spec(self) -> ModelSpec:
        return model_spec_of(self.settings)


def model_spec_of(settings: Settings) -> ModelSpec:
    """Which models a run with ``settings`` loads (a process loads them once: ``shared_models``)."""
    return ModelSpec(
        settings.ner_model_dir,
        tuple(settings.language.candidates),
        settings.language.sample_chars,
        settings.language.min_letters,
        settings.entity_lexicon_dir,
    )


def new_context(
    flow: str, settings: Settings, parameters: dict[str, object], data_dir: Path | None = None
) -> RunContext:
    now = datetime.now(UTC)
    return RunContext(new_run_id(now), flow, Path(data_dir or settings.data_dir).absolute(), now, parameters, settings)


@dataclass(frozen=True)
class Plan:
    """The input files, in groups (one ingest batch each), and the inputs refused outright."""

    groups: list[list[InputFile]]
    rejects: list[Reject]

    def tally(self) -> dict[str, int]:
        """The run's total, for its progress (:mod:`newsetl.run.progress`)."""
        return {"files": sum(len(group) for group in self.groups)}


@dataclass(frozen=True)
class IngestReport:
    group: int
    chunks: list[str]  # staged chunk files
    files: int
    records: int
    duplicates: int
    bad_published: int
    rejects: list[Reject]
    seconds: dict[str, float]
    arrivals: list[str] = field(default_factory=list)  # staged pieces of `sources` rows

    def tally(self) -> dict[str, int]:
        return {"files": self.files}


@dataclass(frozen=True)
class ExtractReport:
    chunk: str
    rows: dict[str, int]
    words: int
    seconds: dict[str, float]

    def tally(self) -> dict[str, int]:
        return {"documents": self.rows.get("documents", 0), "words": self.words}
