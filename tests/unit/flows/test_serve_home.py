"""``make serve`` keeps its state where it is told: --home, else PREFECT_HOME, else serve.prefect_home."""

from __future__ import annotations

from pathlib import Path

from flows.server import prefect_env, prefect_home

from newsetl.config import REPO_ROOT, load_settings


def test_the_home_comes_from_the_option_the_environment_or_the_setting(tmp_path: Path) -> None:
    settings = load_settings(serve={"prefect_home": "data/prefect-x"})
    assert prefect_home(settings, None, {}) == REPO_ROOT / "data" / "prefect-x"
    assert prefect_home(settings, None, {"PREFECT_HOME": str(tmp_path / "b")}) == tmp_path / "b"
    assert prefect_home(settings, tmp_path / "c", {"PREFECT_HOME": str(tmp_path / "b")}) == tmp_path / "c"
    assert prefect_home(load_settings(), None, {}) == REPO_ROOT / "data" / "prefect"  # the default


def test_two_homes_two_databases(tmp_path: Path) -> None:
    a = prefect_env(tmp_path / "a", "127.0.0.1", 4200, {})
    b = prefect_env(tmp_path / "b", "127.0.0.1", 4300, {})
    assert a["PREFECT_API_DATABASE_CONNECTION_URL"] != b["PREFECT_API_DATABASE_CONNECTION_URL"]
    assert str(tmp_path / "b") in b["PREFECT_API_DATABASE_CONNECTION_URL"] and b["PREFECT_API_URL"].endswith(
        ":4300/api"
    )
