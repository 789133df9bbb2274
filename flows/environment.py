"""The Prefect environment, built in one place for every process that runs Prefect: the
``newsetl`` command, the flows, ``make serve``'s server and serve process, and the workers
of the process pool and of a local Dask cluster (they inherit it).

This module does not import Prefect: Prefect reads some of these when it is imported.
Anything already set in the environment wins.
"""

from __future__ import annotations

from collections.abc import MutableMapping

PREFECT_DEFAULTS: dict[str, str] = {
    # A first start migrates a new SQLite database; on a busy two-core machine that can
    # take longer than Prefect's 20 s default.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    # No network here, and nothing to report to anyone: no server analytics, no client
    # telemetry (and so no first-run telemetry notice on a terminal), no promotions in the UI.
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
}


DASK_DEFAULTS: dict[str, str] = {
    # Dask's own log lines (a local cluster's start and stop, ~30 lines a run) only when
    # something is wrong.
    "DASK_LOGGING__DISTRIBUTED": "warning",
}


def with_prefect_defaults(environ: MutableMapping[str, str]) -> MutableMapping[str, str]:
    """``environ`` with :data:`PREFECT_DEFAULTS` and :data:`DASK_DEFAULTS` for whatever it does not set."""
    for name, value in {**PREFECT_DEFAULTS, **DASK_DEFAULTS}.items():
        environ.setdefault(name, value)
    return environ
