"""`make bench`: the whole main flow on real Polish text at 1x, 4x and 16x, next to its floor.

For each size it builds a corpus (scripts/bench_corpus.py; nothing committed), runs
`newsetl run` — the Prefect flow, ephemeral server, process-pool task runner on all cores —
into a fresh data directory, and records: documents, words, wall seconds, words/s end to
end, seconds per stage (from the `runs` table, summed over workers), peak resident memory
of the whole process tree (flow, workers, Prefect server; sampled every 0.2 s), and the
number and size of Parquet files. It also measures:

* Prefect's fixed start-up cost: the same command on an empty input folder;
* the floor: bare Morfeusz 2 analysis of the 1x corpus's text on one core, and the ratio
  of the pipeline's end-to-end rate on the largest size to it;
* five analytic DuckDB queries over the largest output, and EXPLAIN ANALYZE of a
  date-filtered query to show partition pruning;
* files per partition before and after `newsetl compact`.

Results are printed and written to data/bench/bench.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsetl.config import shared_data_dir

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import sentence_pool, write_corpus

REPO = Path(__file__).resolve().parents[1]
NEWSETL = str(REPO / ".venv" / "bin" / "newsetl")


def shared_data() -> Path:
    try:
        return shared_data_dir()
    except FileNotFoundError as exc:
        raise SystemExit(str(exc)) from None


def _memory_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, Pss) of one process in kB. Pss splits pages shared between processes (shared
    libraries, the mapped dictionary) among them, so a tree's Pss sum is memory actually used."""
    rss = pss = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
                break
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    pss = int(line.split()[1])
                    break
    except OSError:
        pss = rss
    return rss, pss


def _tree_memory_kb(root: int) -> tuple[int, int, int]:
    """(sum of VmRSS, sum of Pss, largest single VmRSS) over the process tree, in kB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total_rss = total_pss = biggest = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        try:
            rss, pss = _memory_kb(pid)
        except OSError:
            rss = pss = 0
        total_rss += rss
        total_pss += pss
        biggest = max(biggest, rss)
        stack.extend(children.get(pid, []))
    return total_rss, total_pss, biggest


def timed_run(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    peak = [0, 0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for i, value in enumerate(_tree_memory_kb(proc.pid)):
                peak[i] = max(peak[i], value)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    return {
        "returncode": proc.returncode,
        "wall_s": wall,
        "peak_rss_mb": peak[0] / 1024,
        "peak_pss_mb": peak[1] / 1024,
        "peak_rss_largest_process_mb": peak[2] / 1024,
        "stdout": out[-2000:],
        "stderr": err[-4000:],
    }


def parquet_files(data: Path) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in ("documents", "sentences", "mentions", "claims", "extractions", "entities", "rejects", "runs"):
        files = [p for p in (data / table).resolve().rglob("*.parquet")]
        per_partition: dict[str, int] = {}
        for p in files:
            per_partition[str(p.parent)] = per_partition.get(str(p.parent), 0) + 1
        tables[table] = {
            "files": len(files),
            "mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
            "max_files_per_partition": max(per_partition.values(), default=0),
        }
    return tables


def run_stats(data: Path) -> dict[str, Any]:
    con = duckdb.connect()
    row = con.sql(f"SELECT * FROM read_parquet('{data}/runs/*.parquet') ORDER BY run_id DESC LIMIT 1").fetchall()
    names = con.sql(f"SELECT * FROM read_parquet('{data}/runs/*.parquet') LIMIT 0").columns
    return dict(zip(names, row[0], strict=True)) if row else {}


def morfeusz_floor(corpus: Path) -> dict[str, Any]:
    import morfeusz2

    texts = [json.loads(line)["text"] for f in sorted(corpus.glob("*.jsonl")) for line in f.open(encoding="utf-8")]
    analyser = morfeusz2.Morfeusz(generate=False, expand_tags=False)
    words = sum(len(t.split()) for t in texts)
    # Best of three: the machine is shared, and the floor should be the bare cost.
    times = []
    for _ in range(3):
        started = time.process_time()
        for text in texts:
            analyser.analyse(text)
        times.append(time.process_time() - started)
    seconds = min(times)
    return {"words": words, "cpu_s": seconds, "cpu_s_all": times, "words_per_s": words / seconds}


QUERIES = {
    "top entities per day": """
        SELECT day, name, n FROM (
            SELECT m.day, e.name, count(*) AS n, row_number() OVER (PARTITION BY m.day ORDER BY count(*) DESC) AS r
            FROM mentions m JOIN entities e USING (entity_id) GROUP BY m.day, e.name)
        WHERE r <= 5 ORDER BY day, n DESC""",
    "co-occurring entities of the top person": """
        WITH top AS (SELECT entity_id FROM entities WHERE label = 'persName' ORDER BY mention_count DESC LIMIT 1)
        SELECT e.name, count(DISTINCT m.doc_id) AS docs FROM mentions m JOIN entities e USING (entity_id)
        WHERE m.doc_id IN (SELECT doc_id FROM mentions WHERE entity_id IN (SELECT entity_id FROM top))
          AND m.entity_id NOT IN (SELECT entity_id FROM top)
        GROUP BY e.name ORDER BY docs DESC LIMIT 20""",
    "percentages about an entity": """
        SELECT e.name, c.text, c.value, c.object FROM claims c JOIN entities e ON c.subject_entity_id = e.entity_id
        WHERE c.kind = 'percent' ORDER BY e.mention_count DESC, c.value DESC LIMIT 50""",
    "claims by speaker": """
        SELECT e.name AS speaker, count(*) AS claims, count(DISTINCT c.doc_id) AS docs
        FROM claims c JOIN entities e ON c.speaker_entity_id = e.entity_id
        GROUP BY e.name ORDER BY claims DESC LIMIT 20""",
    "mentions of one entity over time": """
        WITH top AS (SELECT entity_id FROM entities ORDER BY mention_count DESC LIMIT 1)
        SELECT day, count(*) AS mentions FROM mentions WHERE entity_id IN (SELECT entity_id FROM top)
        GROUP BY day ORDER BY day""",
}
PRUNED = "SELECT count(*) FROM mentions WHERE day BETWEEN DATE '2024-03-10' AND DATE '2024-03-12'"


def query_timings(data: Path) -> dict[str, Any]:
    from newsetl.query.sql import ReadOnlyQuery

    engine = ReadOnlyQuery(data)
    results: dict[str, Any] = {}
    for name, sql in QUERIES.items():
        engine.run(sql)  # warm the file metadata cache like a second query would
        started = time.perf_counter()
        table = engine.run(sql)
        results[name] = {"seconds": round(time.perf_counter() - started, 4), "rows": table.num_rows}
    plan = engine.run("EXPLAIN ANALYZE " + PRUNED).to_pylist()
    text = "\n".join(str(v) for row in plan for v in row.values())
    scanning = [line.strip(" │") for line in text.splitlines() if "Scanning Files" in line or "File Filters" in line]
    results["pruning"] = {"query": PRUNED, "explain": scanning}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-words", type=int, default=320_000, help="words at 1x (16x must be >= 5M)")
    parser.add_argument("--scales", default="1,4,16")
    parser.add_argument("--workdir", type=Path, default=REPO / "data" / "bench")
    parser.add_argument("--runner", default="process", choices=["inline", "process", "dask"])
    parser.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    args = parser.parse_args()
    work = args.workdir
    shutil.rmtree(work / "runs", ignore_errors=True)
    (work / "runs").mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, PREFECT_HOME=str(work / "runs" / "prefect"), NEWSETL_RUN__TASK_RUNNER=args.runner)
    env.pop("PREFECT_API_URL", None)
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_avg_at_start": os.getloadavg(),
        },
        "runner": args.runner,
        "sizes": [],
    }
    print(f"building corpora from {shared_data()} ...", flush=True)
    pool = sentence_pool(shared_data())
    empty = work / "runs" / "empty-input"
    empty.mkdir()
    first = timed_run(
        [NEWSETL, "run", str(empty), "--data", str(work / "runs" / "warmup")], env
    )  # migrates Prefect's DB
    startup = timed_run([NEWSETL, "run", str(empty), "--data", str(work / "runs" / "startup")], env)
    local = timed_run([NEWSETL, "run", str(empty), "--data", str(work / "runs" / "startup-local"), "--local"], env)
    report["prefect_startup_s"] = round(startup["wall_s"] - local["wall_s"], 2)
    report["prefect_first_start_s"] = round(first["wall_s"], 2)
    print(
        f"Prefect fixed start-up cost: {report['prefect_startup_s']} s "
        f"(first start on a new database {first['wall_s']:.1f} s)"
    )
    for scale in (int(s) for s in args.scales.split(",")):
        corpus = work / "runs" / f"corpus-{scale}x"
        docs, words = write_corpus(pool, args.base_words * scale, corpus, seed=scale)
        data = work / "runs" / f"out-{scale}x"
        print(f"{scale}x: {docs} documents, {words} words ...", flush=True)
        result = timed_run([NEWSETL, "run", str(corpus), "--data", str(data)], env)
        if result["returncode"] != 0:
            print(result["stderr"], file=sys.stderr)
            raise SystemExit(f"run failed at {scale}x")
        stats = run_stats(data)
        entry = {
            "scale": scale,
            "documents": docs,
            "words": words,
            "wall_s": round(result["wall_s"], 2),
            "words_per_s": round(words / result["wall_s"]),
            "peak_rss_mb": round(result["peak_rss_mb"]),
            "peak_pss_mb": round(result["peak_pss_mb"]),
            "peak_rss_largest_process_mb": round(result["peak_rss_largest_process_mb"]),
            "seconds_per_stage": {
                k.removeprefix("seconds_"): round(float(v), 2) for k, v in stats.items() if k.startswith("seconds_")
            },
            "rows": {k: stats.get(k) for k in ("docs_new", "sentences", "mentions", "claims", "words")},
            "parquet": parquet_files(data),
        }
        report["sizes"].append(entry)
        print(json.dumps({k: v for k, v in entry.items() if k != "parquet"}, ensure_ascii=False), flush=True)
    base = report["sizes"][0]
    largest = report["sizes"][-1]
    floor = morfeusz_floor(work / "runs" / f"corpus-{base['scale']}x")
    report["morfeusz_floor"] = floor
    report["ratio_to_morfeusz"] = round(largest["words_per_s"] / floor["words_per_s"], 3)
    report["time_ratio_largest_to_1x"] = round(largest["wall_s"] / base["wall_s"], 2)
    report["size_ratio_largest_to_1x"] = round(largest["words"] / base["words"], 2)
    largest_out = work / "runs" / f"out-{largest['scale']}x"
    report["queries"] = query_timings(largest_out)
    # A second, small run into the same output adds a file per partition; compact merges them.
    extra = work / "runs" / "corpus-extra"
    write_corpus(pool, args.base_words // 4, extra, seed=999)
    second = timed_run([NEWSETL, "run", str(extra), "--data", str(largest_out)], env)
    before = parquet_files(largest_out)
    compacted = timed_run([NEWSETL, "compact", "--data", str(largest_out)], env)
    report["compact"] = {
        "second_run_wall_s": round(second["wall_s"], 2),
        "before": before,
        "seconds": round(compacted["wall_s"], 2),
        "stdout": compacted["stdout"].strip(),
        "after": parquet_files(largest_out),
    }
    shutil.rmtree(extra, ignore_errors=True)
    out = work / "bench.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(
        json.dumps(
            {
                k: report[k]
                for k in (
                    "prefect_startup_s",
                    "morfeusz_floor",
                    "ratio_to_morfeusz",
                    "time_ratio_largest_to_1x",
                    "size_ratio_largest_to_1x",
                    "queries",
                )
            },
            indent=2,
            ensure_ascii=False,
            default=str,
        )
    )
    print(f"written {out}")
    if not args.keep:
        for scale_entry in report["sizes"]:
            shutil.rmtree(work / "runs" / f"corpus-{scale_entry['scale']}x", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
