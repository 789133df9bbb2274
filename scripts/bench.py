"""`make bench`: `newsetl run` in three modes at 4x and 16x of the benchmark corpus, next to
its floor measured in the same run.

Modes: ``default`` (`newsetl run` with no flags and the default settings: the runner chosen
by input size), ``process`` (`--runner process`), ``local`` (`--local`: no Prefect, one
process). The corpus (scripts/bench_corpus.py; nothing committed) is article-sized JSONL
built from NKJP and UD sentences; 1x is ~320k words. For each size:

* the floor: bare Morfeusz 2 analysis (``analyse`` of each document's text, one core,
  CPU seconds) of that size's text (its first ~1.3M words, ``--floor-words``);
* for each mode, into a fresh data directory: wall seconds, words/s, words/s ÷ floor,
  seconds per stage (the `runs` table: task time summed over workers), peak memory of the
  whole process tree (sum of Pss, sampled every 0.2 s; flow, workers, Prefect server) and of
  its largest process;

then the scaling ratio (time at the largest size ÷ time at the smallest) per mode, the fixed
cost of a default run on an empty input (best of three, after a first run that creates
Prefect's database), and a one-article default run into the data directory holding the
default mode's largest output against the same run into an empty directory (time and peak
memory; two of each, alternated, best taken). With the default modes it also times five
analytic queries over that output and `newsetl compact` after the one-article runs.

Settings come from their defaults: NEWSETL_CONFIG, NEWSETL_RUN__* and PREFECT_API_URL are
dropped from the environment, and Prefect's home is a new one under the work directory.
Results are printed (a Markdown table) and written to data/bench/bench.json.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsetl.config import load_settings, shared_data_dir
from newsetl.run.engine import Workload
from newsetl.run.parallelism import runner_for
from newsetl.tables.schemas import STAGES

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import sentence_pool, write_corpus

REPO = Path(__file__).resolve().parents[1]
NEWSETL = str(REPO / ".venv" / "bin" / "newsetl")
MODES = {"default": [], "process": ["--runner", "process"], "local": ["--local"]}


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


def _descendants(root: int) -> list[int]:
    """``root`` and every process below it (the temporary Prefect server included: it is a child)."""
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
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def _tree_memory_kb(root: int) -> dict[str, int]:
    """Sums of VmRSS and Pss over the tree, and its largest process by each, in kB."""
    total = {"rss": 0, "pss": 0, "largest_rss": 0, "largest_pss": 0}
    for pid in _descendants(root):
        try:
            rss, pss = _memory_kb(pid)
        except OSError:
            continue
        total["rss"] += rss
        total["pss"] += pss
        total["largest_rss"] = max(total["largest_rss"], rss)
        total["largest_pss"] = max(total["largest_pss"], pss)
    return total


def timed_run(args: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Run a command, sampling its process tree's memory every 0.2 s; wall seconds and peaks (MB)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    peak = {"rss": 0, "pss": 0, "largest_rss": 0, "largest_pss": 0}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for key, value in _tree_memory_kb(proc.pid).items():
                peak[key] = max(peak[key], value)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    wall = time.perf_counter() - started
    return {
        "returncode": proc.returncode,
        "wall_s": round(wall, 2),
        "peak_pss_mb": round(peak["pss"] / 1024),
        "peak_rss_mb": round(peak["rss"] / 1024),
        "largest_process_rss_mb": round(peak["largest_rss"] / 1024),
        "largest_process_pss_mb": round(peak["largest_pss"] / 1024),
        "stdout": out[-2000:],
        "stderr": err[-4000:],
    }


def checked(result: dict[str, Any], what: str, allowed: tuple[int, ...] = (0,)) -> dict[str, Any]:
    if result["returncode"] not in allowed:
        print(result["stderr"], file=sys.stderr)
        raise SystemExit(f"{what} failed (exit code {result['returncode']})")
    return result


def run_stats(data: Path) -> dict[str, Any]:
    """The last `runs` row of a data directory."""
    con = duckdb.connect()
    rows = con.sql(f"SELECT * FROM read_parquet('{data}/runs/**/*.parquet') ORDER BY run_id DESC LIMIT 1")
    names = rows.columns
    row = rows.fetchall()
    return dict(zip(names, row[0], strict=True)) if row else {}


def parquet_files(data: Path) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for table in ("documents", "sentences", "mentions", "claims", "extractions", "entities", "rejects", "runs"):
        files = list((data / table).resolve().rglob("*.parquet"))
        per_partition: dict[str, int] = {}
        for p in files:
            per_partition[str(p.parent)] = per_partition.get(str(p.parent), 0) + 1
        tables[table] = {
            "files": len(files),
            "mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
            "max_files_per_partition": max(per_partition.values(), default=0),
        }
    return tables


def morfeusz_floor(corpus: Path, most_words: int) -> dict[str, Any]:
    """Bare Morfeusz 2 analysis of the documents' texts, one core, in CPU seconds: every
    document, or the first ones up to ``most_words`` words (the rate does not depend on the
    corpus's size; a 16x corpus would take minutes)."""
    import morfeusz2

    texts: list[str] = []
    words = 0
    for f in sorted(corpus.glob("*.jsonl")):
        for line in f.open(encoding="utf-8"):
            if words >= most_words:
                break
            texts.append(json.loads(line)["text"])
            words += len(texts[-1].split())
    analyser = morfeusz2.Morfeusz(generate=False, expand_tags=False)
    started = time.process_time()
    for text in texts:
        analyser.analyse(text)
    seconds = time.process_time() - started
    return {"words": words, "cpu_s": round(seconds, 2), "words_per_s": round(words / seconds)}


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


def query_timings(data: Path) -> dict[str, Any]:
    from newsetl.query.sql import ReadOnlyQuery

    engine = ReadOnlyQuery(data)
    results: dict[str, Any] = {}
    for name, sql in QUERIES.items():
        engine.run(sql)  # warm the file metadata cache like a second query would
        started = time.perf_counter()
        table = engine.run(sql)
        results[name] = {"seconds": round(time.perf_counter() - started, 4), "rows": table.num_rows}
    return results


def expected_runner(corpus: Path) -> str:
    """What the default runner should choose for ``corpus`` here (the same rule, applied here)."""
    settings = load_settings()
    size = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file())
    batches = math.ceil(size / settings.ingest.batch_chars)
    choice = runner_for(settings.run, os.cpu_count() or 1, Workload(size, batches))
    return f"{choice.kind} ×{choice.workers}"


def chosen_runner(prefect_home: Path) -> str | None:
    """What the last default run chose, as its flow logged it (Prefect's database)."""
    import sqlite3

    try:
        with closing(sqlite3.connect(f"file:{prefect_home / 'prefect.db'}?mode=ro", uri=True)) as db:
            row = db.execute(
                "SELECT message FROM log WHERE message LIKE 'task runner:%' ORDER BY timestamp DESC LIMIT 1"
            ).fetchone()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


def one_article(pool: list[str], out: Path, seed: int) -> Path:
    write_corpus(pool, 300, out, seed=seed)
    return out


def clean_environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSETL_RUN__")}
    for name in ("NEWSETL_CONFIG", "PREFECT_API_URL"):
        env.pop(name, None)
    env["PREFECT_HOME"] = str(work / "prefect")
    return env


def measure_size(
    scale: int, words_1x: int, pool: list[str], modes: list[str], work: Path, env: dict[str, str], floor_words: int
) -> dict[str, Any]:
    corpus = work / f"corpus-{scale}x"
    docs, words = write_corpus(pool, words_1x * scale, corpus, seed=scale)
    size_mb = sum(p.stat().st_size for p in corpus.rglob("*") if p.is_file()) / 1e6
    print(f"{scale}x: {docs:,} documents, {words:,} words, {size_mb:.1f} MB ...", flush=True)
    floor = morfeusz_floor(corpus, floor_words)
    print(
        f"  floor: bare Morfeusz 2, one core: {floor['words_per_s']:,} words/s ({floor['words']:,} words)", flush=True
    )
    entry: dict[str, Any] = {
        "scale": scale,
        "documents": docs,
        "words": words,
        "input_mb": round(size_mb, 1),
        "floor": floor,
        "default_runner": expected_runner(corpus),
        "modes": {},
    }
    for mode in modes:
        data = work / f"out-{mode}-{scale}x"
        result = checked(timed_run([NEWSETL, "run", *MODES[mode], str(corpus), "--data", str(data)], env), mode)
        stats = run_stats(data)
        measured = {k: v for k, v in result.items() if k not in ("stdout", "stderr", "returncode")}
        measured["words_per_s"] = round(words / result["wall_s"])
        measured["ratio_to_floor"] = round(measured["words_per_s"] / floor["words_per_s"], 2)
        measured["seconds_per_stage"] = {s: round(float(stats.get(f"seconds_{s}") or 0), 1) for s in STAGES}
        measured["rows"] = {k: stats.get(k) for k in ("docs_new", "sentences", "mentions", "claims")}
        if mode == "default":
            measured["runner_logged"] = chosen_runner(Path(env["PREFECT_HOME"]))
        entry["modes"][mode] = measured
        print(f"  {mode}: {json.dumps(measured, ensure_ascii=False)}", flush=True)
    return entry


def fixed_cost(work: Path, env: dict[str, str]) -> dict[str, Any]:
    empty = work / "empty-input"
    empty.mkdir(exist_ok=True)
    walls = []
    for i in range(3):
        result = checked(timed_run([NEWSETL, "run", str(empty), "--data", str(work / f"empty-{i}")], env), "", (0, 1))
        walls.append(result["wall_s"])
    return {"wall_s": min(walls), "wall_s_all": walls, "said": result["stderr"].strip().splitlines()[:1]}


def into_archive(pool: list[str], archive: Path, work: Path, env: dict[str, str]) -> dict[str, Any]:
    """A one-article default run into ``archive`` and the same into an empty directory,
    alternated, best of two. Each pair has an article of its own (the archive has seen
    neither: a text it holds would be a duplicate, and cost less)."""
    runs: dict[str, list[dict[str, Any]]] = {"empty": [], "archive": []}
    for i in range(2):
        article = one_article(pool, work / f"one-article-{i}", seed=5000 + i)
        empty = work / f"one-article-empty-{i}"
        runs["empty"].append(checked(timed_run([NEWSETL, "run", str(article), "--data", str(empty)], env), "1-article"))
        runs["archive"].append(
            checked(timed_run([NEWSETL, "run", str(article), "--data", str(archive)], env), "archive")
        )
    best = {
        where: {
            "wall_s": min(r["wall_s"] for r in rs),
            "peak_pss_mb": min(r["peak_pss_mb"] for r in rs),
            "largest_process_rss_mb": min(r["largest_process_rss_mb"] for r in rs),
            "wall_s_all": [r["wall_s"] for r in rs],
            "peak_pss_mb_all": [r["peak_pss_mb"] for r in rs],
        }
        for where, rs in runs.items()
    }
    best["time_ratio"] = round(best["archive"]["wall_s"] / best["empty"]["wall_s"], 2)
    best["extra_pss_mb"] = best["archive"]["peak_pss_mb"] - best["empty"]["peak_pss_mb"]
    return best


def table(report: dict[str, Any]) -> str:
    lines = [
        "| mode | size | words | wall s | words/s | ÷ floor | floor words/s | peak Pss, tree | largest process (RSS) | "
        + " | ".join(STAGES)
        + " |",
        "|---|---|---|---|---|---|---|---|---|" + "---|" * len(STAGES),
    ]
    for mode in report["modes"]:
        for size in report["sizes"]:
            m = size["modes"].get(mode)
            if m is None:
                continue
            label = mode
            if mode == "default":
                logged = m.get("runner_logged") or ""
                label = f"default ({logged.removeprefix('task runner: ').split(' (')[0] or size['default_runner']})"
            stages = " | ".join(f"{m['seconds_per_stage'][s]:.1f}" for s in STAGES)
            lines.append(
                f"| {label} | {size['scale']}x | {size['words']:,} | {m['wall_s']:.1f} | {m['words_per_s']:,} | "
                f"{m['ratio_to_floor']:.2f} | {size['floor']['words_per_s']:,} | {m['peak_pss_mb']:,} MB | "
                f"{m['largest_process_rss_mb']:,} MB | {stages} |"
            )
    return "\n".join(lines)


def summary_lines(report: dict[str, Any]) -> list[str]:
    lines = []
    for mode, ratio in report.get("scaling", {}).items():
        lines.append(f"scaling, {mode}: time {ratio['largest']}x ÷ time {ratio['smallest']}x = {ratio['ratio']}")
    if "fixed_cost" in report:
        f = report["fixed_cost"]
        lines.append(f"fixed cost, default run on an empty input: {f['wall_s']} s (best of {f['wall_s_all']})")
    if "one_article" in report:
        o = report["one_article"]
        lines.append(
            f"one article into the {o['archive_scale']}x archive: {o['archive']['wall_s']} s, "
            f"{o['archive']['peak_pss_mb']} MB Pss; into an empty directory: {o['empty']['wall_s']} s, "
            f"{o['empty']['peak_pss_mb']} MB; time ratio {o['time_ratio']}, extra memory {o['extra_pss_mb']} MB"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="4,16", help="multiples of the 1x corpus, comma-separated (default 4,16)")
    parser.add_argument("--modes", default=",".join(MODES), help="any of default,process,local (default: all)")
    parser.add_argument("--base-words", type=int, default=320_000, help="words at 1x")
    parser.add_argument("--floor-words", type=int, default=1_300_000, help="words of each size's text for its floor")
    parser.add_argument("--workdir", type=Path, default=REPO / "data" / "bench")
    parser.add_argument("--skip-extras", action="store_true", help="no fixed cost, one-article runs, queries")
    parser.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    modes = [m for m in args.modes.split(",") if m]
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        parser.error(f"unknown modes: {', '.join(unknown)} (known: {', '.join(MODES)})")
    work = args.workdir / "runs"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    env = clean_environment(work)
    started = time.perf_counter()
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
            "load_avg_at_start": os.getloadavg(),
        },
        "base_words": args.base_words,
        "modes": modes,
        "sizes": [],
    }
    print(f"building corpora from {shared_data()} ...", flush=True)
    pool = sentence_pool(shared_data())
    article = one_article(pool, work / "one-article", seed=4242)
    # The first Prefect start creates its database (~2x a later start): not part of any figure.
    first = checked(timed_run([NEWSETL, "run", str(article), "--data", str(work / "warm-up")], env), "warm-up")
    report["first_start_one_article_s"] = first["wall_s"]
    for scale in sizes:
        report["sizes"].append(measure_size(scale, args.base_words, pool, modes, work, env, args.floor_words))
        if not args.keep:
            shutil.rmtree(work / f"corpus-{scale}x", ignore_errors=True)
            for mode in modes:
                if not (mode == "default" and scale == sizes[-1]):
                    shutil.rmtree(work / f"out-{mode}-{scale}x", ignore_errors=True)
    if len(sizes) > 1:
        report["scaling"] = {
            mode: {
                "smallest": sizes[0],
                "largest": sizes[-1],
                "ratio": round(
                    report["sizes"][-1]["modes"][mode]["wall_s"] / report["sizes"][0]["modes"][mode]["wall_s"], 2
                ),
            }
            for mode in modes
        }
    if not args.skip_extras:
        report["fixed_cost"] = fixed_cost(work, env)
        if "default" in modes:
            archive = work / f"out-default-{sizes[-1]}x"
            report["queries"] = query_timings(archive)
            report["one_article"] = {"archive_scale": sizes[-1], **into_archive(pool, archive, work, env)}
            compacted = checked(timed_run([NEWSETL, "compact", "--data", str(archive)], env), "compact")
            report["compact"] = {"seconds": compacted["wall_s"], "after": parquet_files(archive)}
    report["bench_seconds"] = round(time.perf_counter() - started)
    out = args.workdir / "bench.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print()
    print(table(report))
    print()
    for line in summary_lines(report):
        print(line)
    print(f"written {out} ({report['bench_seconds']} s)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
