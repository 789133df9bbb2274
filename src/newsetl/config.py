"""Typed settings, each default stated once: here, with the line that documents it.

One class per section of ``config/newsetl.toml``. That file is generated from these classes
(``make config-toml``; a test fails when it is stale), so it shows every default with its
documentation and can be copied as the start of a deployment's own file.

Precedence (highest first): explicit keyword arguments, ``NEWSETL_<SECTION>__<KEY>``
environment variables, the TOML file (``NEWSETL_CONFIG`` or ``config/newsetl.toml``).
Reading the environment happens here and only here (and in the CLI/flows that call
:func:`load_settings`), never inside transforms.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIG = REPO_ROOT / "config" / "newsetl.toml"

# The languages lingua may answer (ISO 639-1): European languages and those of the larger
# diasporas and neighbours that appear in Polish news feeds.
# fmt: off
LANGUAGE_CANDIDATES = (
    "pl", "en", "de", "fr", "es", "it", "pt", "nl", "cs", "sk", "uk", "ru", "be", "lt", "lv", "et", "fi",
    "sv", "da", "nb", "hu", "ro", "bg", "hr", "sr", "sl", "el", "tr", "ar", "he", "zh", "ja", "ko",
)
# fmt: on


class PathSettings(BaseModel):
    """Where things are. Relative paths are relative to the repository root."""

    data_dir: Path = Field(
        Path("data/out"), description="Where the tables live (Hive-partitioned Parquet, one folder per table)."
    )
    inbox_dir: Path = Field(
        Path("data/inbox"),
        description="Folder the scheduled `ingest-inbox` deployment reads new files from (it never moves them).",
    )
    ner_model_dir: Path = Field(Path("models/ner"), description="The NER model shipped with the repository.")
    entity_lexicon_dir: Path = Field(
        Path("models/entities"),
        description="Derived forms, aliases and place names used to link mentions to entities (shipped).",
    )


class IngestSettings(BaseModel):
    """Reading input: the bounds on every read, and how documents are batched."""

    max_file_bytes: int = Field(
        200_000_000, gt=0, description="Files larger than this are rejected unread (reason: file_too_large)."
    )
    max_decompressed_bytes: int = Field(
        500_000_000,
        gt=0,
        description="A compressed file may expand to at most this many bytes (gzip bombs: reason gzip_too_large).",
    )
    max_doc_chars: int = Field(
        5_000_000,
        gt=0,
        description="Longest article kept (characters after decoding); longer ones are rejected (doc_too_large).",
    )
    max_record_bytes: int = Field(
        25_000_000,
        gt=0,
        description="Longest JSONL line / CSV record read (bytes); longer lines are rejected (record_too_large).",
    )
    max_rejects_per_file: int = Field(
        1000,
        ge=1,
        description="Record-level rejects listed one by one per file; the rest are counted in one "
        "`too_many_rejects` row (a file of a million broken lines must not fill memory).",
    )
    follow_symlinks_inside: bool = Field(
        True, description="Follow symbolic links found inside an input directory only when they stay inside it."
    )
    batch_docs: int = Field(
        400,
        ge=1,
        description="Documents per extraction batch: large enough to amortise task overhead "
        "(a Prefect server records only ~45 task runs/s), small enough to bound memory.",
    )
    batch_chars: int = Field(2_000_000, ge=1000, description="...and at most this many characters per batch.")


class LanguageSettings(BaseModel):
    """Language detection (lingua, offline)."""

    candidates: list[str] = Field(
        default_factory=lambda: list(LANGUAGE_CANDIDATES),
        description="Candidate languages for detection (ISO 639-1). Fewer candidates = faster detection.",
    )
    sample_chars: int = Field(
        200,
        ge=50,
        description="Characters of each document the detector looks at (its cost grows with this: ~0.9 ms per "
        "document at 200 with 33 candidates, 1.7 ms at 400; 200 characters settle European languages).",
    )
    min_letters: int = Field(
        20, ge=1, description="Below this many letters the language is recorded as null (too little evidence)."
    )


class RunSettings(BaseModel):
    """How runs execute: task runner, the data directory's lock, retention, timeouts, retries."""

    task_runner: Literal["inline", "process", "dask"] = Field(
        "inline",
        description='Task runner for the flows: "inline" (one process), "process" (a local process pool), '
        '"dask" (a temporary local Dask cluster, or dask_address when set).',
    )
    workers: int = Field(
        0, ge=0, description='Worker processes for "process" and local "dask"; 0 = number of CPU cores.'
    )
    dask_address: str = Field(
        "", description='Address of an existing Dask scheduler, e.g. "tcp://10.0.0.5:8786" (task_runner = "dask").'
    )
    lock_wait_seconds: float = Field(
        0, ge=0, description="Seconds a run waits for another run's lock on the data directory before giving up."
    )
    keep_versions_minutes: float = Field(
        60, ge=0, description="Old table versions stay on disk this long so that readers who opened them can finish."
    )
    task_timeout_seconds: float = Field(
        3600,
        gt=0,
        description="Timeout for one task (seconds). On Dask it interrupts the task's Python code at its next "
        "step: a call blocked in C (e.g. a read from a hung network share) returns first.",
    )
    dask_no_worker_seconds: float = Field(
        120,
        gt=0,
        description="On Dask, a run whose cluster has had no worker for this long (every worker lost, or none "
        "started) fails, releasing the data directory, instead of waiting for one.",
    )
    progress_seconds: float = Field(
        10,
        ge=0,
        description="`newsetl run`: seconds between progress lines when the output is not a terminal "
        "(on a terminal: a progress bar); 0 = a line per batch.",
    )
    io_retries: int = Field(
        2, ge=0, description="Retries of a task that only reads its inputs or writes files it owns, on I/O errors."
    )
    io_retry_delay_seconds: float = Field(
        2, ge=0, description="First delay between those retries (exponential backoff with jitter)."
    )


class TableSettings(BaseModel):
    """Writing the published Parquet files."""

    writer_buffer_bytes: int = Field(
        268_435_456,
        ge=1024 * 1024,
        description="Budget for rows buffered before they are flushed as a Parquet row group.",
    )
    compression_level: int = Field(3, ge=1, le=22, description="zstd compression level for Parquet files.")


_SIZE = r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$"


class StorySettings(BaseModel):
    """Stories (near-duplicate groups) and their index. The grouping parameters themselves
    (shingles, MinHash slots, bands, threshold) define the index and live with it, in
    `newsetl.stories.params`; changing them means rebuilding it."""

    index_memory_limit: str = Field(
        "1GB",
        pattern=_SIZE,
        description="Memory DuckDB may use for one story-index lookup or one de-duplication of arrivals at publish.",
    )
    window_days: int = Field(
        60,
        ge=0,
        description="Documents published more than this many days apart never share a story (undated ones may); "
        "a run looks up only the index's months near its documents' days. 0: no window, the whole index.",
    )
    backfill_batch_docs: int = Field(
        20_000,
        ge=1,
        description="`reprocess` gives stored documents without a story their stories this many at a time "
        "(oldest first): larger batches look the index up fewer times.",
    )


class QuerySettings(BaseModel):
    """`newsetl sql`: limits of one query."""

    timeout_seconds: float = Field(300, gt=0, description="A query running longer than this (seconds) is stopped.")
    memory_limit: str = Field(
        "2GB",
        pattern=_SIZE,
        description="A query needing more memory than this is stopped (DuckDB first spills to a private folder).",
    )
    temp_limit: str = Field("10GB", pattern=_SIZE, description="At most this much is spilled to disk by one query.")


class ServeSettings(BaseModel):
    """`make serve`: the local Prefect server, the deployments' schedule, and what the deployments may touch."""

    host: str = Field(
        "127.0.0.1", description="Prefect server address for `make serve` (loopback only unless you change host)."
    )
    port: int = Field(4200, ge=1, le=65535, description="Its port.")
    inbox_cron: str = Field("*/15 * * * *", description="Cron schedule of the ingest-inbox deployment.")
    prefect_home: Path = Field(
        Path("data/prefect"),
        description="The server's state (SQLite database, log) for `make serve`; the PREFECT_HOME environment "
        "variable, when set, wins. Give each server its own (with its own port) to run two.",
    )
    input_roots: list[Path] = Field(
        default_factory=lambda: [Path("data")],
        description="Folders the deployments may read (process-paths' paths, ingest-inbox's inbox_dir); "
        "anything else is refused. paths.inbox_dir is always allowed.",
    )
    data_roots: list[Path] = Field(
        default_factory=lambda: [Path("data")],
        description="Folders under which the deployments may use a data directory; anything else is refused. "
        "paths.data_dir is always allowed.",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSETL_", env_nested_delimiter="__", extra="ignore")

    paths: PathSettings = PathSettings()
    ingest: IngestSettings = IngestSettings()
    language: LanguageSettings = LanguageSettings()
    run: RunSettings = RunSettings()
    tables: TableSettings = TableSettings()
    stories: StorySettings = StorySettings()
    query: QuerySettings = QuerySettings()
    serve: ServeSettings = ServeSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("NEWSETL_CONFIG", DEFAULT_CONFIG))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file))

    def resolve(self, path: Path) -> Path:
        """A configured path, made absolute relative to the repository root."""
        return path if path.is_absolute() else (REPO_ROOT / path)

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.paths.data_dir)

    @property
    def inbox_dir(self) -> Path:
        return self.resolve(self.paths.inbox_dir)

    @property
    def input_roots(self) -> list[Path]:
        """Where the deployments may read: ``serve.input_roots`` and the inbox."""
        return [*(self.resolve(p) for p in self.serve.input_roots), self.inbox_dir]

    @property
    def data_roots(self) -> list[Path]:
        """Where the deployments may keep a data directory: ``serve.data_roots`` and ``paths.data_dir``."""
        return [*(self.resolve(p) for p in self.serve.data_roots), self.data_dir]

    @property
    def ner_model_dir(self) -> Path:
        return self.resolve(self.paths.ner_model_dir)

    @property
    def entity_lexicon_dir(self) -> Path:
        return self.resolve(self.paths.entity_lexicon_dir)


def load_settings(**overrides: object) -> Settings:
    """Settings from the TOML defaults, the environment and ``overrides``."""
    return Settings(**overrides)  # type: ignore[arg-type]


def shared_data_dir() -> Path:
    """The reference corpora for evaluation, training and tests (never copied into the repo).

    ``$NEWSETL_SHARED_DATA`` if set, else ``../shared/data`` beside the repository, else
    ``/work/shared/data`` (where CI's clones of this repository find it).
    """
    for candidate in (os.environ.get("NEWSETL_SHARED_DATA"), REPO_ROOT.parent / "shared" / "data", "/work/shared/data"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise FileNotFoundError("reference data not found: set NEWSETL_SHARED_DATA to the shared/data folder")
