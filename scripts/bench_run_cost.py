"""A run's cost follows the run, not the archive: one article into a big archive vs into nothing.

Issue 17's target: a one-article ``newsetl run --local`` into a data directory that already
holds the 16x benchmark corpus takes <= 1.2x the time and <= 50 MB more peak memory than
the same run into an empty directory.

The archive is a data directory (``--archive``), or is built here (``--scale``: the corpus
``make bench`` calls Nx, ``scripts/bench_corpus.py`` seed N, run into ``--work``/archive by
the first command). The article is a benchmark-corpus article (seed 4242) that the archive
does not hold. Then, ``--repeat`` times and alternating, for this checkout's ``newsetl``
(and ``--baseline CMD``, e.g. a wrapper running another checkout):

* **empty**: the article into a fresh empty directory;
* **archive**: a hard-link copy of the archive (versions are immutable, so the copy shares
  the files safely), first brought to the command's own layout by a priming run of another
  article (not measured: a newsetl whose tables changed upgrades them once), then the
  article.

Recorded per run: wall seconds and the process's peak RSS (``wait4``). Medians are printed
and written, with every run, to ``data/bench/run_cost.json``.

Usage::

    .venv/bin/python scripts/bench_run_cost.py --scale 16 --work /tmp/cost [--baseline CMD] [--repeat 3]
    .venv/bin/python scripts/bench_run_cost.py --archive /tmp/cost/archive --work /tmp/cost
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsetl.config import shared_data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import articles, sentence_pool, write_corpus

REPO = Path(__file__).resolve().parents[1]
NEWSETL = str(REPO / ".venv" / "bin" / "newsetl")
OUT = REPO / "data" / "bench" / "run_cost.json"


def timed_run(command: str, inputs: Path, data: Path) -> dict[str, float]:
    """One ``run --local``: wall seconds and peak RSS (MB) of the process."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSETL_KILL_AT", "PREFECT_API_URL")}
    log = data.parent / f"{data.name}.log"
    started = time.perf_counter()
    with log.open("a") as out:
        proc = subprocess.Popen(
            [command, "run", str(inputs), "--local", "--data", str(data)], stdout=out, stderr=out, env=env
        )
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} run {inputs} into {data} failed; see {log}")
    return {"seconds": round(wall, 3), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def article_file(pool: list[str], folder: Path, seed: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"article-{seed}.jsonl"
    path.write_text(json.dumps(next(articles(pool, 400, seed)), ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def archive_copy(archive: Path, target: Path) -> Path:
    """A copy of ``archive`` sharing its (immutable) files; the lock files are its own."""
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["cp", "-al", str(archive), str(target)], check=True)
    for name in ("lock", "lock.info"):
        (target / ".newsetl" / name).unlink(missing_ok=True)
    return target


def mentions_in(archive: Path) -> int:
    import duckdb

    with duckdb.connect() as con:
        row = con.execute(f"SELECT count(*) FROM read_parquet('{archive}/mentions/**/*.parquet')").fetchone()
    return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--archive", type=Path, help="a data directory holding the archive")
    parser.add_argument("--scale", type=int, default=16, help="build the Nx benchmark corpus archive (no --archive)")
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (corpus, copies, logs)")
    parser.add_argument("--baseline", help="another newsetl command to measure the same way")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pool = sentence_pool(shared_data_dir())
    work = args.work.absolute()
    work.mkdir(parents=True, exist_ok=True)
    archive = args.archive
    if archive is None:
        archive = work / "archive"
        if not (archive / ".newsetl" / "current").exists():
            corpus = work / f"corpus-{args.scale}x"
            write_corpus(pool, 320_000 * args.scale, corpus, seed=args.scale)
            print(f"archive: {args.scale}x corpus into {archive}: {timed_run(NEWSETL, corpus, archive)}", flush=True)
    article = article_file(pool, work / "article", 4242)
    priming = article_file(pool, work / "priming", 4243)
    commands = {"this": NEWSETL, **({"baseline": args.baseline} if args.baseline else {})}
    runs: dict[str, dict[str, list[dict[str, float]]]] = {name: {"empty": [], "archive": []} for name in commands}
    for n in range(args.repeat):
        for name, command in commands.items():
            empty = work / f"{name}-empty"
            shutil.rmtree(empty, ignore_errors=True)
            runs[name]["empty"].append(timed_run(command, article, empty))
            copy = archive_copy(archive, work / f"{name}-archive")
            timed_run(command, priming, copy)
            runs[name]["archive"].append(timed_run(command, article, copy))
            print(
                f"repeat {n + 1} {name}: empty {runs[name]['empty'][-1]}, archive {runs[name]['archive'][-1]}",
                flush=True,
            )
    summary: dict[str, Any] = {}
    print(f"\none article into an empty directory vs into {archive} ({mentions_in(archive):,} mentions), medians:")
    print("| newsetl | empty s | archive s | ratio | empty MB | archive MB | +MB |")
    print("|---|---|---|---|---|---|---|")
    for name, by_dir in runs.items():
        med = {d: {k: statistics.median(r[k] for r in rs) for k in ("seconds", "peak_mb")} for d, rs in by_dir.items()}
        ratio = med["archive"]["seconds"] / med["empty"]["seconds"]
        extra = med["archive"]["peak_mb"] - med["empty"]["peak_mb"]
        summary[name] = {"median": med, "time_ratio": round(ratio, 3), "extra_peak_mb": round(extra, 1)}
        print(
            f"| {name} | {med['empty']['seconds']:.2f} | {med['archive']['seconds']:.2f} | {ratio:.2f} | "
            f"{med['empty']['peak_mb']:.0f} | {med['archive']['peak_mb']:.0f} | {extra:+.0f} |"
        )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "archive": str(archive),
        "archive_mentions": mentions_in(archive),
        "targets": {"time_ratio": 1.2, "extra_peak_mb": 50},
        "summary": summary,
        "runs": runs,
    }
    OUT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"written {OUT}")


if __name__ == "__main__":
    main()
