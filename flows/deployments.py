"""The deployments, declared in one place, and the process that serves them.

``python -m flows.deployments`` registers the four deployments with the Prefect server named
by ``PREFECT_API_URL`` and runs their flow runs until interrupted (``make serve`` starts
a local server first: see ``flows.server``). On shutdown Prefect pauses the deployments'
schedules and deletes their scheduled runs; the next start resumes them.

Concurrency policy. Every deployment has a concurrency limit of 1 with the ENQUEUE
strategy: a second run of the same deployment waits in the state
``AwaitingConcurrencySlot`` (visible in the UI) and starts when the first one ends. Runs
of *different* deployments (an inbox tick during a long ``process-paths`` run), and CLI
runs, are kept apart by the data directory's lock: the later run waits for it (``Busy``
parameters: up to 60 minutes by default) and then fails with a message naming the
holder. Scheduled runs get an idempotency key per slot from Prefect's scheduler, so a
slot yields one run; an extra trigger of ``ingest-inbox`` finds nothing new and publishes
nothing.
"""

from __future__ import annotations

from typing import Any

from prefect import Flow, serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment
from prefect.types.entrypoint import EntrypointType

from flows.flows import compact_flow, ingest_inbox_flow, process_paths_flow, reprocess_flow
from flows.params import configured_options
from flows.server import DEPLOYMENTS
from newsetl.allocators import tune_allocators
from newsetl.config import Settings, load_settings

TAGS = ["newsetl"]


def one_at_a_time() -> ConcurrencyLimitConfig:
    return ConcurrencyLimitConfig(limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE)


def _deployment(
    flow: Flow[..., Any], name: str, description: str, parameters: dict[str, Any], **options: Any
) -> RunnerDeployment:
    made = flow.to_deployment(
        name,
        # Loaded as ``flows.flows.<flow>`` (an import), not as the file flows/flows.py: Prefect
        # would register that file as a module named "flows", in place of this package —
        # whose settings (flows/__init__.py) would then not apply, and whose functions a Dask
        # worker could not find when it unpickles a task.
        entrypoint_type=EntrypointType.MODULE_PATH,
        concurrency_limit=one_at_a_time(),
        parameters=parameters,
        description=description,
        tags=TAGS,
        **options,
    )
    # ``to_deployment`` is typed as "maybe a coroutine"; called outside an event loop it is not.
    assert isinstance(made, RunnerDeployment)
    return made


def deployments(settings: Settings) -> list[RunnerDeployment]:
    """The deployments, with defaults taken from ``settings`` so the UI's form shows them.

    No task runner is set here: a served flow is loaded again from its source file, so the
    flow builds the configured one when it runs (:class:`flows.executor.PrefectExecutor`).
    """
    data_dir: dict[str, Any] = {"data_dir": str(settings.data_dir)}
    return [
        _deployment(
            ingest_inbox_flow,
            "ingest-inbox",
            "Process the files in the inbox folder whose content is new (by SHA-256). Moves nothing.",
            {"inbox_dir": str(settings.inbox_dir), **data_dir},
            cron=settings.serve.inbox_cron,
        ),
        _deployment(
            process_paths_flow,
            "process-paths",
            "Process the given files and directories into the tables.",
            {**data_dir, "options": configured_options(settings)},
        ),
        _deployment(
            reprocess_flow,
            "reprocess",
            "Re-extract entities and claims from stored documents done by older extractor versions.",
            data_dir,
        ),
        _deployment(
            compact_flow,
            "compact",
            "Merge multi-file partitions into one file each, without changing a row.",
            data_dir,
        ),
    ]


def main() -> None:
    tune_allocators()
    settings = load_settings()
    # The inbox deployment runs on a schedule from the start; give it a folder to read.
    settings.inbox_dir.mkdir(parents=True, exist_ok=True)
    served = deployments(settings)
    assert tuple(d.name for d in served) == DEPLOYMENTS, "flows.server waits for these names"
    serve(*served, print_starting_message=False)


if __name__ == "__main__":
    main()
