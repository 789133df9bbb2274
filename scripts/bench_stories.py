"""The story step's cost in a whole run: ``newsetl run --local`` on the 1x benchmark corpus.

Builds the corpus ``make bench`` calls 1x (``scripts/bench_corpus.py``: seed 1, 320,000
words; nothing committed) and a second one like it (seed 2). Then, ``--repeat`` times,
alternating so that the shared machine's load falls on both alike:

* this checkout: ``newsetl run --local`` of the 1x corpus into a fresh data directory,
  then of the second corpus into the same directory (a run against a non-empty index);
* with ``--baseline CMD`` (a ``newsetl`` without stories, e.g. the main checkout's
  ``.venv/bin/newsetl`` before the merge): the same two runs.

Recorded per run: wall seconds, the process's peak RSS (``wait4``), and from the ``runs``
table ``seconds_stories`` (signatures in extract + the story step at publish) and
``seconds_total``; after the last pair, the size on disk of ``documents``, ``sources``
and the story index. With ``--baseline``, the baseline's last data directory (written
without stories: no ``story_id``, no ``sources``) is then brought up to date by this
checkout's ``newsetl reprocess`` — the backfill, timed the same way. Results are printed
and written to ``data/bench/stories.json``.

Usage::

    .venv/bin/python scripts/bench_stories.py [--baseline /path/to/newsetl] [--repeat 2]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import duckdb

from newsetl.config import shared_data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import sentence_pool, write_corpus

REPO = Path(__file__).resolve().parents[1]
NEWSETL = str(REPO / ".venv" / "bin" / "newsetl")


def timed_run(command: str, corpus: Path | None, data: Path) -> dict[str, Any]:
    """One ``run --local`` (``reprocess`` when ``corpus`` is None): wall seconds, peak RSS,
    and the run's row of the runs table."""
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSETL_KILL_AT", "PREFECT_API_URL")}
    logs = data.parent / f"{data.name}.log"
    args = ["reprocess"] if corpus is None else ["run", str(corpus), "--local"]
    started = time.perf_counter()
    with logs.open("w") as log:
        proc = subprocess.Popen([command, *args, "--data", str(data)], stdout=log, stderr=log, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    out = err = logs.read_text()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{command} failed: {err[-2000:]}")
    with duckdb.connect() as con:
        result = con.sql(
            f"SELECT * FROM read_parquet('{data}/runs/*.parquet', union_by_name = true) ORDER BY run_id DESC LIMIT 1"
        )
        row = dict(zip(result.columns, result.fetchall()[0], strict=True))
    return {
        "wall_s": round(wall, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "seconds_total": round(float(row["seconds_total"]), 2),
        "seconds_stories": round(float(row.get("seconds_stories") or 0.0), 3),
        "stages": {k[8:]: round(float(v), 3) for k, v in row.items() if k.startswith("seconds_") and v is not None},
        "arrivals": int(row.get("arrivals") or 0),
        "new_stories": int(row.get("new_stories") or 0),
        "docs_new": int(row["docs_new"]),
        "words": int(row["words"]),
        "line": out.strip().splitlines()[-1] if out.strip() else "",
    }


SIZED = ("documents", "sources", "story_docs", "story_bands")


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.parquet"))


def main() -> int:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--baseline", help="a newsetl command without stories, to compare with")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--out", type=Path, default=REPO / "data" / "bench" / "stories.json")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-stories-"))
    try:
        pool = sentence_pool(shared_data_dir())
        corpora = [work / "corpus-1x", work / "corpus-1x-b"]
        for seed, corpus in enumerate(corpora, start=1):
            docs, words = write_corpus(pool, 320_000, corpus, seed=seed)
            print(f"corpus seed {seed}: {docs} documents, {words} words", flush=True)
        commands = {"stories": NEWSETL, **({"baseline": args.baseline} if args.baseline else {})}
        results: dict[str, list[list[dict[str, Any]]]] = {name: [] for name in commands}
        sizes: dict[str, int] = {}
        backfill: dict[str, Any] = {}
        for k in range(args.repeat):
            for name, command in commands.items():
                data = work / f"data-{name}-{k}"
                pair = [timed_run(command, corpus, data) for corpus in corpora]
                results[name].append(pair)
                if k == args.repeat - 1 and name == "stories":
                    sizes = {t: folder_bytes(data / ".newsetl" / "current" / t) for t in SIZED}
                    sizes["documents_rows"] = sum(p["docs_new"] for p in pair)
                    sizes["sources_rows"] = sum(p["arrivals"] for p in pair)
                if k == args.repeat - 1 and name == "baseline":
                    backfill = timed_run(NEWSETL, None, data)
                    print(
                        f"  backfill (reprocess of the baseline's data): wall {backfill['wall_s']:.2f} s, "
                        f"stories {backfill['seconds_stories']:.2f} s, {backfill['new_stories']} stories, "
                        f"{backfill['arrivals']} arrivals, peak RSS {backfill['peak_rss_mb']:.0f} MB",
                        flush=True,
                    )
                shutil.rmtree(data, ignore_errors=True)
                for which, r in zip(("first", "second"), pair, strict=True):
                    share = 100 * r["seconds_stories"] / r["seconds_total"]
                    print(
                        f"  {name:8s} #{k} {which:6s}: wall {r['wall_s']:6.2f} s, "
                        f"stories {r['seconds_stories']:5.2f} s of {r['seconds_total']:6.2f} s ({share:.1f}%), "
                        f"peak RSS {r['peak_rss_mb']:.0f} MB",
                        flush=True,
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    def median(name: str, position: int, key: str) -> float:
        return round(float(statistics.median(pair[position][key] for pair in results[name])), 3)

    summary: dict[str, Any] = {}
    for name in results:
        for position, label in ((0, "first"), (1, "second")):
            summary[f"{name}_{label}"] = {
                key: median(name, position, key)
                for key in ("wall_s", "seconds_total", "seconds_stories", "peak_rss_mb")
            }
            s = summary[f"{name}_{label}"]
            s["stories_share"] = round(s["seconds_stories"] / s["seconds_total"], 4)
    print("\nmedians:")
    for key, m in summary.items():
        print(
            f"  {key:16s} wall {m['wall_s']:6.2f} s, run {m['seconds_total']:6.2f} s, "
            f"stories {m['seconds_stories']:5.2f} s ({100 * m['stories_share']:.1f}%), "
            f"peak RSS {m['peak_rss_mb']:.0f} MB"
        )
    stages = sorted({k for runs in results.values() for pair in runs for r in pair for k in r["stages"]})
    for name in results:
        for position, label in ((0, "first"), (1, "second")):
            medians = {
                k: statistics.median(pair[position]["stages"].get(k, 0.0) for pair in results[name]) for k in stages
            }
            summary[f"{name}_{label}"]["stages"] = medians
            print(f"  {name}_{label} stages: " + ", ".join(f"{k} {v:.2f}" for k, v in medians.items()))
    if args.baseline:
        for label in ("first", "second"):
            with_, without = summary[f"stories_{label}"], summary[f"baseline_{label}"]
            print(
                f"  {label} run: with stories {with_['wall_s']:.2f} s vs without {without['wall_s']:.2f} s "
                f"({100 * (with_['wall_s'] / without['wall_s'] - 1):+.1f}%); peak RSS "
                f"{with_['peak_rss_mb'] - without['peak_rss_mb']:+.0f} MB"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    print(
        "  sizes after two runs: "
        + ", ".join(f"{t} {sizes[t] / 1e6:.2f} MB" for t in SIZED)
        + f"; sources {sizes['sources'] / sizes['sources_rows']:.0f} B per arrival, story index "
        f"{(sizes['story_docs'] + sizes['story_bands']) / sizes['documents_rows']:.0f} B per document"
    )
    report = {"runs": results, "medians": summary, "sizes": sizes, "backfill": backfill}
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"-> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
