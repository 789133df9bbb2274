"""The Prefect adapter: flows, tasks and deployments that execute the steps the library
declares (``newsetl.run.definitions``), and the ``newsetl`` console script (``flows.cli``).

Prefect settings that suit a batch job on a small offline machine
(:data:`flows.environment.PREFECT_DEFAULTS`) are defaulted here, before Prefect is
imported; anything set in the environment wins.
"""

import os

from flows.environment import with_prefect_defaults

with_prefect_defaults(os.environ)
