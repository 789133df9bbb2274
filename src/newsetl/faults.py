"""Crash points for the crash-safety tests: ``checkpoint(name)``.

The tests prove that a run killed at any moment leaves the published tables intact and
that a rerun completes them. To kill a run *exactly* at a given step (during ingest,
extraction, writing, publishing — including the instants around the atomic switch), the
run calls ``checkpoint`` at each such step; when the environment variable
``NEWSETL_KILL_AT`` names that point (``name`` or ``name#N`` for its N-th passage), the
process sends itself SIGKILL — the same signal an operator or the OOM killer would. In
normal operation the variable is unset and a checkpoint costs one dictionary lookup.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

_PASSED: Counter[str] = Counter()


def checkpoint(name: str) -> None:
    target = os.environ.get("NEWSETL_KILL_AT")
    if not target:
        return
    _PASSED[name] += 1
    point, _, nth = target.partition("#")
    if point == name and (not nth or int(nth) == _PASSED[name]):
        os.kill(os.getpid(), signal.SIGKILL)
