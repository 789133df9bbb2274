"""A deployment run's parameters are checked before anything runs (flows.checks): allowed
roots for inputs and data directories, paths judged by where they really lead, one-line
refusals that say what to do."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flows.checks import Refused

from flows import checks
from newsetl.config import REPO_ROOT, Settings, load_settings


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Settings, Path, Path]:
    inputs, data = tmp_path / "in", tmp_path / "data"
    (inputs / "feed").mkdir(parents=True)
    (inputs / "feed" / "a.txt").write_text("Tekst.")
    data.mkdir()
    settings = load_settings(
        serve={"input_roots": [str(inputs)], "data_roots": [str(data)]},
        paths={"data_dir": str(data / "out"), "inbox_dir": str(tmp_path / "inbox")},
    )
    return settings, inputs, data


def test_defaults_cover_the_repository_data_folder_and_the_inbox() -> None:
    settings = load_settings()
    assert REPO_ROOT / "data" in settings.input_roots and settings.inbox_dir in settings.input_roots
    assert REPO_ROOT / "data" in settings.data_roots and settings.data_dir in settings.data_roots
    assert checks.input_path("data/sample", settings) == REPO_ROOT / "data" / "sample"  # relative: to the repository


def test_inputs_under_an_allowed_root_are_accepted(roots: tuple[Settings, Path, Path]) -> None:
    settings, inputs, data = roots
    assert checks.input_paths([str(inputs / "feed"), str(inputs / "feed" / "a.txt")], settings) == [
        inputs / "feed",
        inputs / "feed" / "a.txt",
    ]
    assert checks.data_dir(str(data / "tables"), settings) == data / "tables"
    assert checks.data_dir(None, settings) == data / "out"  # paths.data_dir


@pytest.mark.parametrize("value", ["/etc", "/etc/passwd", "/", "../../etc", "data/../../etc", str(Path.home())])
def test_inputs_outside_the_roots_are_refused_before_anything_is_read(
    roots: tuple[Settings, Path, Path], value: str
) -> None:
    settings, _, _ = roots
    with pytest.raises(
        Refused, match=r"is outside the folders runs may read \(.*\); add its folder to serve.input_roots"
    ):
        checks.input_path(value, settings)


def test_a_link_out_of_a_root_is_judged_by_where_it_leads(roots: tuple[Settings, Path, Path]) -> None:
    settings, inputs, data = roots
    os.symlink("/etc", inputs / "etc")
    os.symlink("/tmp", data / "elsewhere")
    with pytest.raises(Refused, match="outside the folders runs may read"):
        checks.input_path(str(inputs / "etc"), settings)
    with pytest.raises(Refused, match="outside the folders runs may write"):
        checks.data_dir(str(data / "elsewhere" / "x"), settings)
    with pytest.raises(Refused, match="outside the folders runs may read"):
        checks.input_path(str(inputs / ".." / "data"), settings)


def test_a_missing_input_is_one_line_and_says_what_relative_means(roots: tuple[Settings, Path, Path]) -> None:
    settings, inputs, _ = roots
    with pytest.raises(Refused) as info:
        checks.input_path(str(inputs / "no-such-file.txt"), settings)
    message = str(info.value)
    assert message.startswith("no such file or directory: ") and "relative to the repository" in message
    assert "\n" not in message


@pytest.mark.parametrize("value", ["", "   ", "a\x00b"])
def test_empty_and_nul_paths_are_refused(roots: tuple[Settings, Path, Path], value: str) -> None:
    settings, _, _ = roots
    with pytest.raises(Refused, match="is not a path"):
        checks.input_path(value, settings)
    with pytest.raises(Refused, match="is not a path"):
        checks.data_dir(value or " ", settings)


def test_a_name_too_long_is_refused_in_one_line(roots: tuple[Settings, Path, Path]) -> None:
    settings, inputs, _ = roots
    with pytest.raises(Refused, match="cannot use input path"):
        checks.input_path(str(inputs / ("x" * 5000)), settings)


def test_data_directory_problems_are_refusals(roots: tuple[Settings, Path, Path]) -> None:
    settings, _, data = roots
    (data / "file").write_text("not a folder")
    with pytest.raises(Refused, match=r"not a directory|not a folder|is a file"):
        checks.data_dir(str(data / "file"), settings)
    with pytest.raises(Refused, match="outside the folders runs may write"):
        checks.data_dir("/var/tmp/newsetl", settings)


def test_the_inbox_must_be_an_existing_folder_under_a_root(roots: tuple[Settings, Path, Path]) -> None:
    settings, inputs, _ = roots
    with pytest.raises(Refused, match=r"inbox folder .* does not exist"):
        checks.inbox_dir(None, settings)  # paths.inbox_dir, not created
    assert checks.inbox_dir(str(inputs / "feed"), settings) == inputs / "feed"
    with pytest.raises(Refused, match="is not a folder"):
        checks.inbox_dir(str(inputs / "feed" / "a.txt"), settings)
    with pytest.raises(Refused, match="outside the folders runs may read"):
        checks.inbox_dir("/etc", settings)
