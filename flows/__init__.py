"""The Prefect adapter: flows, tasks and deployments that execute the steps the library
declares (``newsetl.run.definitions``), and the ``newsetl`` console script (``flows.cli``).

Prefect settings that suit a batch job on a small offline machine are defaulted here,
before Prefect is imported; anything set in the environment wins.
"""

import os

# A first ephemeral start migrates a new SQLite database; on a busy two-core machine
# that can take longer than Prefect's 20 s default.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
# No network here: don't try to send telemetry.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
