"""Settings are stated once (src/newsetl/config.py); config/newsetl.toml is generated from them."""

from __future__ import annotations

import importlib.util
import os
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from newsetl.config import DEFAULT_CONFIG, LANGUAGE_CANDIDATES, LanguageSettings, Settings, load_settings

REPO = Path(__file__).resolve().parents[2]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("config_toml", REPO / "scripts" / "config_toml.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_config_file_is_generated_from_the_settings_classes() -> None:
    assert DEFAULT_CONFIG.read_text(encoding="utf-8") == load_script().rendered(), (
        "config/newsetl.toml is stale: run `make config-toml`"
    )


def test_config_file_states_every_default_and_nothing_else(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in [k for k in os.environ if k.startswith("NEWSETL_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("NEWSETL_CONFIG", str(REPO / "no-such-file.toml"))
    defaults = load_settings().model_dump()
    monkeypatch.setenv("NEWSETL_CONFIG", str(DEFAULT_CONFIG))
    assert load_settings().model_dump() == defaults
    written = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    assert {section: set(keys) for section, keys in written.items()} == {
        name: set(field.annotation.model_fields)
        for name, field in Settings.model_fields.items()  # type: ignore[union-attr]
    }


def test_every_setting_is_documented() -> None:
    for name, field in Settings.model_fields.items():
        for key, setting in field.annotation.model_fields.items():  # type: ignore[union-attr]
            assert setting.description, f"{name}.{key} has no description"


def test_language_candidates_are_the_33_that_run_and_lingua_knows_them() -> None:
    from newsetl.extract.language import LanguageDetector

    assert load_settings().language.candidates == list(LANGUAGE_CANDIDATES) and len(LANGUAGE_CANDIDATES) == 33
    s = LanguageSettings()
    detector = LanguageDetector(s.candidates, s.sample_chars, s.min_letters)
    assert detector.language_of("To jest zdanie po polsku, całkiem zwyczajne.") == "pl"
