"""Typed settings: defaults in ``config/newsetl.toml``, overrides from the environment.

Precedence (highest first): explicit keyword arguments, ``NEWSETL_<SECTION>__<KEY>``
environment variables, the TOML file (``NEWSETL_CONFIG`` or ``config/newsetl.toml``).
The TOML file documents every default; the models below only give types and bounds.
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


class PathSettings(BaseModel):
    data_dir: Path = Path("data/out")
    inbox_dir: Path = Path("data/inbox")
    ner_model_dir: Path = Path("models/ner")


class IngestSettings(BaseModel):
    max_file_bytes: int = Field(200_000_000, gt=0)
    max_decompressed_bytes: int = Field(500_000_000, gt=0)
    max_doc_chars: int = Field(5_000_000, gt=0)
    max_record_bytes: int = Field(25_000_000, gt=0)
    max_rejects_per_file: int = Field(1000, ge=1)
    follow_symlinks_inside: bool = True
    batch_docs: int = Field(400, ge=1)
    batch_chars: int = Field(2_000_000, ge=1000)


class LanguageSettings(BaseModel):
    candidates: list[str] = Field(default_factory=lambda: ["pl", "en"])
    sample_chars: int = Field(200, ge=50)
    min_letters: int = Field(20, ge=1)


class RunSettings(BaseModel):
    task_runner: Literal["inline", "process", "dask"] = "inline"
    workers: int = Field(0, ge=0)
    dask_address: str = ""
    lock_wait_seconds: float = Field(0, ge=0)
    keep_versions_minutes: float = Field(60, ge=0)
    task_timeout_seconds: float = Field(3600, gt=0)
    io_retries: int = Field(2, ge=0)
    io_retry_delay_seconds: float = Field(2, ge=0)


class TableSettings(BaseModel):
    writer_buffer_bytes: int = Field(256 * 1024 * 1024, ge=1024 * 1024)
    compression_level: int = Field(3, ge=1, le=22)


class QuerySettings(BaseModel):
    timeout_seconds: float = Field(300, gt=0)
    memory_limit: str = Field("2GB", pattern=r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")
    temp_limit: str = Field("10GB", pattern=r"^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$")


class ServeSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(4200, ge=1, le=65535)
    inbox_cron: str = "*/15 * * * *"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NEWSETL_", env_nested_delimiter="__", extra="ignore")

    paths: PathSettings = PathSettings()
    ingest: IngestSettings = IngestSettings()
    language: LanguageSettings = LanguageSettings()
    run: RunSettings = RunSettings()
    tables: TableSettings = TableSettings()
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
    def ner_model_dir(self) -> Path:
        return self.resolve(self.paths.ner_model_dir)


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
