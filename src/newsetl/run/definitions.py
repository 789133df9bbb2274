"""The project, wired in one place: every step, and the order of a run.

    plan ──► ingest (a batch per group of files) ──► extract (a batch per staged chunk) ──► publish

Every runner executes :data:`RUN` through :func:`newsetl.run.engine.execute`: the local
runner (:mod:`newsetl.run.local`) calls the steps in this process; the Prefect flows
(``flows/``) run them as tasks on the configured task runner. Neither writes the order again.
"""

from __future__ import annotations

from newsetl.ingest import inbox
from newsetl.query.report import report_of
from newsetl.run import steps
from newsetl.run.engine import RunDefinition, Stage, Step

# --- the run ------------------------------------------------------------------------------
PLAN = Step("plan", steps.plan_run, retry_io=True)
INGEST = Step("ingest", steps.ingest_group, retry_io=True, run_name="ingest-g{group}")
EXTRACT = Step("extract", steps.extract_chunk, retry_io=True)
PUBLISH = Step("publish", steps.publish_run, retry_io=False)

RUN = RunDefinition(
    plan=PLAN,
    stages=(
        Stage(INGEST, batches=steps.ingest_batches),
        Stage(EXTRACT, batches=steps.extract_batches),
    ),
    publish=PUBLISH,
    workload=steps.workload_of,
)

# --- maintenance: each is one step, run holding the lock like a run -------------------------
REPROCESS = Step("reprocess", steps.reprocess_stale, retry_io=False)
COMPACTION = Step("compaction", steps.run_compaction, retry_io=False)

# --- around a run: what the deployments add -------------------------------------------------
REPORT = Step("report", report_of, retry_io=True)
INBOX_SCAN = Step("inbox-scan", inbox.pending, retry_io=True)
INBOX_REMEMBER = Step("inbox-remember", inbox.remember, retry_io=True)

STEPS = (PLAN, INGEST, EXTRACT, PUBLISH, REPROCESS, COMPACTION, REPORT, INBOX_SCAN, INBOX_REMEMBER)
