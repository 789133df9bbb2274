"""The README's test command sets up everything it needs on a fresh machine."""

from __future__ import annotations

import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _dry_run(*args: str) -> str:
    done = subprocess.run(["make", "-n", *args], cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout


def test_make_test_installs_chromium_when_missing() -> None:
    # A machine without the browser: `make test` must install it before running pytest.
    plan = _dry_run("test", "CHROMIUM=/nonexistent/chromium")
    install = plan.find("scripts/install_chromium.sh")
    assert install >= 0, plan
    assert install < plan.find("pytest")


def test_ci_calls_only_the_readme_test_command() -> None:
    # Anything CI installs besides `make test` would hide a missing set-up step.
    script = (REPO / ".ci" / "run").read_text()
    assert "make test" in script
    assert "apt-get" not in script
