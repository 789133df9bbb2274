"""Child processes that do not outlive this one.

A server or worker process started here must stop when this process stops, however it
stops — Ctrl-C, SIGTERM or SIGKILL. Children started in their own session (so that a
Ctrl-C in the terminal does not reach them before we are ready) are tied to this process
with Linux's ``PR_SET_PDEATHSIG``: the kernel sends them a signal when we die.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_PR_SET_PDEATHSIG = 1

# Runs a command so that it gets a signal when its parent dies, however it dies: set
# PR_SET_PDEATHSIG, check the parent is still there (it may have died before), then exec.
_TRAMPOLINE = """
import ctypes, os, sys
ctypes.CDLL(None, use_errno=True).prctl(1, int(sys.argv[2]))
if os.getppid() != int(sys.argv[1]):
    sys.exit(70)
os.execv(sys.argv[3], sys.argv[3:])
"""


def tied(command: list[str], on_parent_death: signal.Signals) -> list[str]:
    """``command``, run so that it receives ``on_parent_death`` when this process dies."""
    if not sys.platform.startswith("linux"):
        return command
    return [sys.executable, "-c", _TRAMPOLINE, str(os.getpid()), str(int(on_parent_death)), *command]


def die_with_parent(sig: signal.Signals = signal.SIGKILL) -> None:
    """Have the kernel send ``sig`` to this process when its parent dies (Linux; elsewhere nothing)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(sig))


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """Hold Ctrl-C back while the block runs (it is delivered when the block ends), and
    block it for good in the processes started meanwhile: a signal mask is inherited.

    Worker processes (a process pool's, a local Dask cluster's) are in the terminal's
    process group, so a Ctrl-C reaches them as well as the run; each would print a
    traceback and die while the run is still stopping them in order. Started inside this
    block, they never see it: the run alone handles Ctrl-C, and stops them.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
