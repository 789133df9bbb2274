"""Where a process pool starts to pay (`run.parallel_min_bytes`): `newsetl run --runner inline`
against `--runner process` on bench corpora of a few sizes (scripts/bench_corpus.py).

One temporary Prefect server is kept up for every run, so that only the runner differs.
For each size and runner it prints the input's bytes, the wall seconds and the CPU seconds
of the command's process tree (workers included, the server not), one JSON line each.

    .venv/bin/python scripts/bench_runner_threshold.py 40000 120000 250000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsetl.config import shared_data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import sentence_pool, write_corpus

REPO = Path(__file__).resolve().parents[1]
NEWSETL = str(REPO / ".venv" / "bin" / "newsetl")


def children_cpu_s() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("words", type=int, nargs="+", help="corpus sizes in words")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsetl-threshold-"))
    os.environ["PREFECT_HOME"] = str(work / "prefect")
    from flows.api import TemporaryServer

    pool = sentence_pool(shared_data_dir())
    server = TemporaryServer()
    server.start(timeout=180)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSETL_RUN__")}
    env["PREFECT_API_URL"] = server.api_url
    try:
        for words in args.words:
            corpus = work / f"corpus-{words}"
            write_corpus(pool, words, corpus, seed=words)
            size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
            for runner in ("inline", "process"):
                data = work / f"out-{words}-{runner}"
                started, cpu = time.perf_counter(), children_cpu_s()
                done = subprocess.run(
                    [NEWSETL, "run", str(corpus), "--data", str(data), "--runner", runner],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=False,
                )
                line = {
                    "words": words,
                    "bytes": size,
                    "runner": runner,
                    "wall_s": round(time.perf_counter() - started, 2),
                    "cpu_s": round(children_cpu_s() - cpu, 2),
                    "returncode": done.returncode,
                    "load": round(os.getloadavg()[0], 1),
                }
                print(json.dumps(line), flush=True)
                shutil.rmtree(data, ignore_errors=True)
    finally:
        server.stop(grace=5)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
