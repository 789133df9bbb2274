"""Evaluate newsetl.stories: grouping quality on the syndication set, speed, memory, index size.

The set is rebuilt in memory by ``scripts/build_syndication_set.py`` (fixed seed) from
``shared/data``; doc ids are the first 16 hex digits of SHA-256 of each text, as in
``documents``. Quality is reported on the *test* half of the families; ``--tune`` also
scores a grid of thresholds and LSH shapes on the *tune* half (how the defaults in
``newsetl/stories/params.py`` were chosen).

What is counted (exact Jaccard of 5-word shingle sets, normalized as for signatures):

* recall: share of edited copies whose story is their original's, per edit kind; also
  restricted to copies that really overlap their original (J >= 0.5);
* violations: pairs of texts in one story whose shingles overlap (Jaccard) less than
  0.5 — split into *unrelated* (different families: look-alikes, other articles; the
  target is 0) and *siblings* (two copies, or copy and original, of one article);
* look-alikes joined to their source article, with their J;
* the same after feeding the texts as ``--runs`` runs (shuffled, random sizes), and
  whether the grouping and the story ids equal those of one run.

Speed and memory: the story step (signatures + lookups + decision + staging) on runs
of 1,000 benchmark-corpus articles (``scripts/bench_corpus.py``, the corpus ``make bench``
times the pipeline on) against an index of 10,000 of them; milliseconds per 1,000
documents, words per second, and peak Python memory (tracemalloc; DuckDB's own memory is
capped by ``StoryIndex(memory_limit=...)`` and reported as the process's peak RSS).

``--pipeline``: the test half also goes through the real pipeline (``run_locally``: ingest,
normalization, every extractor, publish with the story step), once as one run and once as
``--runs`` shuffled runs, and is scored the same way from the published tables (each
text's arrival in ``sources`` → its document → ``story_id``); the story step's share of
the runs' time is read from the ``runs`` table. Takes ~10 min of one core.

``--scale N``: N synthetic documents (random signatures: index cost does not depend on
the text) indexed in runs of 50,000, each run a month of a news stream; at five
checkpoints, the index's size on disk and the wall time of a 1,000-document run (300 of
them near-copies of recent documents) dated in the latest month (the day window limits
its lookup), before and after compacting, and the same run undated (the whole index is
read), fitted per million indexed documents. ``--no-quality`` skips the syndication set
(speed and scale only).

Usage::

    .venv/bin/python scripts/eval_stories.py [--tune] [--pipeline] [--runs 4] [--scale 200000]
        [--out data/eval/stories.json]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import resource
import shutil
import tempfile
import time
import tracemalloc
from collections import Counter, defaultdict
from dataclasses import asdict, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from bench_corpus import articles as bench_articles
from bench_corpus import sentence_pool
from build_syndication_set import Item, build
from newsetl.config import shared_data_dir
from newsetl.stories import (
    DEFAULT_PARAMS,
    Signatures,
    StoryParams,
    assign_stories,
    publish_local,
    shingles,
    story_signatures,
)
from newsetl.stories.index import compact_index
from newsetl.stories.lsh import band_buckets, estimated_jaccard, matches, min_matches, sketches

ROOT = Path(__file__).resolve().parents[1]
OVERLAP = 0.5
THRESHOLDS = (0.5, 0.55, 0.575, 0.6, 0.65)
# (num_perm, bands, rows)
SHAPES = ((128, 20, 3), (128, 32, 3), (128, 16, 4), (256, 20, 3), (256, 24, 3), (256, 32, 3))


def doc_id(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def edit_kind(item: Item) -> str:
    return "combo" if item.kind.startswith("combo") else item.kind


class Exact:
    """Exact shingle Jaccard from sorted hashed shingle sets (hashes: this process only)."""

    def __init__(self, texts: list[str]) -> None:
        self.sets = [np.unique(np.array([hash(s) for s in shingles(t)], dtype=np.int64)) for t in texts]

    def jaccard(self, a: int, b: int) -> float:
        x, y = self.sets[a], self.sets[b]
        if len(x) == 0 or len(y) == 0:
            return 0.0
        inter = len(np.intersect1d(x, y, assume_unique=True))
        return inter / (len(x) + len(y) - inter)


def run_stories(
    rows: list[int], ids: list[str], sig: Signatures, n_runs: int, seed: int, params: StoryParams
) -> dict[int, str]:
    """Story of each row after feeding ``rows`` as ``n_runs`` runs (shuffled when n_runs > 1)."""
    chunks = _run_chunks(rows, n_runs, seed)
    out: dict[int, str] = {}
    work = Path(tempfile.mkdtemp(prefix="eval-stories-"))
    try:
        for k, chunk in enumerate(chunks):
            stage = work / f"stage-{k}"
            result = assign_stories(
                [ids[i] for i in chunk], sig.take(np.array(chunk)), work / "index", stage, f"run{k}", params
            )
            publish_local(work / "index", stage, result.files)
            out.update(zip(chunk, result.story_ids, strict=True))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def score(items: list[Item], rows: list[int], story: dict[int, str], exact: Exact) -> dict[str, Any]:
    """Recall per edit kind, violations, look-alikes joined (see the module docstring)."""
    original = {items[i].family: i for i in rows if items[i].kind == "original"}
    hit: Counter[str] = Counter()
    total: Counter[str] = Counter()
    overlapping_hit = overlapping_total = 0
    lookalikes_joined: list[dict[str, Any]] = []
    for i in rows:
        item = items[i]
        if item.kind == "original":
            continue
        if item.kind.startswith("lookalike"):
            source = original.get(item.family.split("|", 1)[0])
            if source is not None and story[i] == story[source]:
                lookalikes_joined.append({"kind": item.kind, "jaccard": round(exact.jaccard(i, source), 3)})
            continue
        kind = edit_kind(item)
        same = story[i] == story[original[item.family]]
        total[kind] += 1
        hit[kind] += same
        if exact.jaccard(i, original[item.family]) >= OVERLAP:
            overlapping_total += 1
            overlapping_hit += same
    members: dict[str, list[int]] = defaultdict(list)
    for i in rows:
        members[story[i]].append(i)
    unrelated: list[dict[str, Any]] = []
    siblings = pairs_in_stories = 0
    for group in members.values():
        for a_pos, a in enumerate(group):
            for b in group[a_pos + 1 :]:
                pairs_in_stories += 1
                j = exact.jaccard(a, b)
                if j >= OVERLAP:
                    continue
                if items[a].family == items[b].family:
                    siblings += 1
                else:
                    unrelated.append({"a": items[a].key, "b": items[b].key, "jaccard": round(j, 3)})
    copies = sum(total.values())
    return {
        "copies": copies,
        "recall": round(sum(hit.values()) / copies, 4) if copies else None,
        "recall_by_kind": {k: round(hit[k] / total[k], 4) for k in sorted(total)},
        "copies_by_kind": dict(sorted(total.items())),
        "recall_overlapping": round(overlapping_hit / overlapping_total, 4) if overlapping_total else None,
        "copies_overlapping": overlapping_total,
        "stories": len(members),
        "pairs_in_stories": pairs_in_stories,
        "violations_unrelated": len(unrelated),
        "violations_unrelated_examples": unrelated[:5],
        "violations_siblings": siblings,
        "lookalikes": sum(1 for i in rows if items[i].kind.startswith("lookalike")),
        "lookalikes_joined": len(lookalikes_joined),
        "lookalikes_joined_examples": lookalikes_joined[:5],
    }


def pair_rates(
    items: list[Item], rows: list[int], sig: Signatures, exact: Exact, params: StoryParams
) -> dict[str, Any]:
    """Each original against its copies and look-alikes: estimate error, candidate and link rates."""
    original = {items[i].family: i for i in rows if items[i].kind == "original"}
    pairs = [(original[items[i].family.split("|", 1)[0]], i) for i in rows if items[i].kind != "original"]
    a = np.array([p[0] for p in pairs])
    b = np.array([p[1] for p in pairs])
    true_j = np.array([exact.jaccard(x, y) for x, y in pairs])
    sketch = sketches(sig.minhash)
    est = estimated_jaccard(matches(sketch[a], sketch[b]), params.num_perm)
    buckets = band_buckets(sig.minhash, params)
    candidate = (buckets[a] == buckets[b]).any(axis=1)
    linked = candidate & (matches(sketch[a], sketch[b]) >= min_matches(params))
    mid = (true_j > 0.3) & (true_j < 0.7)
    bins = (0.0, 0.3, 0.45, 0.5, 0.55, 0.6, 0.7, 1.01)
    by_bin = {}
    for lo, hi in itertools.pairwise(bins):
        m = (true_j >= lo) & (true_j < hi)
        if m.any():
            by_bin[f"{lo:.2f}-{min(hi, 1.0):.2f}"] = {
                "pairs": int(m.sum()),
                "candidate": round(float(candidate[m].mean()), 4),
                "linked": round(float(linked[m].mean()), 4),
            }
    return {
        "pairs": len(pairs),
        "estimate_bias_j_0.3_0.7": round(float((est - true_j)[mid].mean()), 4),
        "estimate_sd_j_0.3_0.7": round(float((est - true_j)[mid].std()), 4),
        "false_negative_rate_j_ge_0.6": round(float((~linked[true_j >= 0.6]).mean()), 5),
        "false_positive_rate_j_lt_0.5": round(float(linked[true_j < 0.5].mean()), 5),
        "by_jaccard": by_bin,
    }


def _run_chunks(rows: list[int], n_runs: int, seed: int) -> list[list[int]]:
    order = list(rows)
    if n_runs == 1:
        return [order]
    random.Random(seed).shuffle(order)
    cuts = sorted(random.Random(seed + 1).sample(range(1, len(order)), n_runs - 1))
    return [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]


def pipeline_stories(
    items: list[Item], rows: list[int], n_runs: int, seed: int
) -> tuple[dict[int, str], dict[str, Any]]:
    """Story of each row after ``n_runs`` real pipeline runs, and the runs' time figures."""
    import duckdb

    from newsetl.config import load_settings
    from newsetl.run.local import run_locally

    work = Path(tempfile.mkdtemp(prefix="eval-stories-pipeline-"))
    data = work / "data"
    settings = load_settings()
    try:
        for k, chunk in enumerate(_run_chunks(rows, n_runs, seed)):
            feed = work / f"in-{k}" / "feed.jsonl"
            feed.parent.mkdir(parents=True)
            with feed.open("w", encoding="utf-8") as out:
                for i in chunk:
                    out.write(json.dumps({"id": str(i), "text": items[i].text}, ensure_ascii=False) + "\n")
            summary = run_locally([feed], settings, data)
            print(f"    {summary.line()}")
        with duckdb.connect() as con:
            found = con.sql(
                f"SELECT s.ext_id, d.story_id FROM read_parquet('{data}/sources/**/*.parquet') s "
                f"JOIN read_parquet('{data}/documents/**/*.parquet', union_by_name = true) d USING (doc_id)"
            ).fetchall()
            [runs] = con.sql(
                f"SELECT sum(seconds_stories), sum(seconds_total), sum(words), sum(docs_new), sum(arrivals) "
                f"FROM read_parquet('{data}/runs/*.parquet')"
            ).fetchall()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    story = {int(ext): str(s) for ext, s in found}
    missing = [i for i in rows if i not in story]
    if missing:
        raise SystemExit(f"{len(missing)} texts have no arrival in sources (e.g. {missing[:3]})")
    stories_s, total_s, words, docs, arrivals = runs
    return story, {
        "runs": n_runs,
        "documents": int(docs),
        "arrivals": int(arrivals),
        "words": int(words),
        "seconds_total": round(float(total_s), 1),
        "seconds_stories": round(float(stories_s), 2),
        "stories_share_of_run_time": round(float(stories_s) / float(total_s), 4),
    }


def partition(story: dict[int, str]) -> set[frozenset[int]]:
    groups: dict[str, set[int]] = defaultdict(set)
    for i, s in story.items():
        groups[s].add(i)
    return {frozenset(g) for g in groups.values()}


def split_check(
    rows: list[int], ids: list[str], sig: Signatures, params: StoryParams, runs: int, one: dict[int, str]
) -> dict[str, Any]:
    """Shuffled multi-run feeds against one run: same groups? same ids?"""
    shuffled = run_stories(rows, ids, sig, 1, 0, params)
    shuffled_rows = list(reversed(rows))
    reversed_one = run_stories(shuffled_rows, ids, sig, 1, 0, params)
    multi = run_stories(rows, ids, sig, runs, 7, params)
    one_groups, multi_groups = partition(one), partition(multi)
    return {
        "one_run_order_independent": shuffled == one and reversed_one == one,
        "runs": runs,
        "groups_identical_to_one_run": round(len(one_groups & multi_groups) / len(one_groups), 4),
        "docs_with_same_story_id": round(sum(multi[i] == one[i] for i in rows) / len(rows), 4),
        "multi_run_story_ids": multi,
    }


def speed(params: StoryParams, indexed: int = 10_000) -> dict[str, Any]:
    """The story step on benchmark-corpus runs of 1,000 documents, ``indexed`` already indexed."""
    pool = sentence_pool(shared_data_dir())
    texts = [str(a["text"]) for a in itertools.islice(bench_articles(pool, 10**12, seed=15), indexed + 3000)]
    ids = [doc_id(t) for t in texts]
    words = sum(len(t.split()) for t in texts)
    cut = indexed
    work = Path(tempfile.mkdtemp(prefix="eval-stories-speed-"))
    try:
        base = story_signatures(texts[:cut], params)
        first = assign_stories(ids[:cut], base, work / "index", work / "s0", "base", params)
        publish_local(work / "index", work / "s0", first.files)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        timings = []
        walls = []
        for k in range(3):
            chunk = slice(cut + 1000 * k, cut + 1000 * (k + 1))
            w0, t0 = time.perf_counter(), time.process_time()
            sig = story_signatures(texts[chunk], params)
            t1 = time.process_time()
            result = assign_stories(ids[chunk], sig, work / "index", work / f"s{k + 1}", f"r{k}", params)
            t2 = time.process_time()
            walls.append(time.perf_counter() - w0)
            timings.append((t1 - t0, t2 - t1))
            if k < 2:
                publish_local(work / "index", work / f"s{k + 1}", result.files)
        # memory: the last run once more, traced (tracemalloc slows Python, so not timed)
        tracemalloc.start()
        sig = story_signatures(texts[chunk], params)
        assign_stories(ids[chunk], sig, work / "index", work / "traced", "traced", params)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        publish_local(work / "index", work / "s3", result.files)
        index_bytes = sum(p.stat().st_size for p in (work / "index").rglob("*.parquet"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sig_s = float(np.median([t[0] for t in timings]))
    assign_s = float(np.median([t[1] for t in timings]))
    run_words = words / len(texts) * 1000
    return {
        "corpus": "scripts/bench_corpus.py articles, seed 15",
        "docs_per_run": 1000,
        "indexed_docs_before_the_runs": cut,
        "mean_words_per_doc": round(words / len(texts), 1),
        "signatures_ms_per_1000_docs": round(sig_s * 1000, 1),
        "lookup_assign_stage_ms_per_1000_docs": round(assign_s * 1000, 1),
        "total_ms_per_1000_docs": round((sig_s + assign_s) * 1000, 1),
        "wall_ms_per_1000_docs": round(float(np.median(walls)) * 1000, 1),
        "words_per_cpu_second": round(run_words / (sig_s + assign_s)),
        "share_of_run_at_30k_words_per_s": round(30_000 / (run_words / (sig_s + assign_s)), 4),
        "peak_python_mb_per_1000_docs": round(peak / 1e6, 1),
        "process_peak_rss_mb": round(max(rss_before, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024, 1),
        "index_bytes_per_doc": round(index_bytes / (cut + 3000), 1),
    }


def _synthetic(rng: np.random.Generator, n: int, params: StoryParams) -> tuple[list[str], Signatures]:
    ids = [f"{x:016x}" for x in rng.integers(0, 2**63, size=n, dtype=np.int64)]
    minhash = rng.integers(0, 2**32, size=(n, params.num_perm), dtype=np.uint32)
    return ids, Signatures(minhash, np.full(n, 300, dtype=np.int32))


def _compact(index: Path, work: Path, stem: str) -> None:
    added, removed = compact_index(index, work / f"compact-{stem}", stem)
    for table, gone in removed.items():
        for rel in gone:
            (index / table / rel).unlink()
    publish_local(index, work / f"compact-{stem}", added)


def scale(n_docs: int, params: StoryParams, run_size: int = 50_000, checkpoints: int = 5) -> dict[str, Any]:
    """Index growth with synthetic signatures: size and lookup time per million documents.

    Indexing run k holds documents dated in "month" k (30 days from 2024-01-01 on), as a
    news stream would. At each checkpoint a probe run of 1,000 documents dated in the
    latest month, 300 of them near-copies (15 % of slots replaced, J ~ 0.74) of documents
    of the latest two months, is timed (wall clock): dated (the day window limits the
    lookup to the months near its days), before and after compacting the index, and the
    same probe undated (the whole index is read, as without a window).
    """
    rng = np.random.default_rng(15)
    work = Path(tempfile.mkdtemp(prefix="eval-stories-scale-"))
    index = work / "index"
    start = date(2024, 1, 1)
    points = []
    recent: list[npt.NDArray[np.uint32]] = []
    try:
        for k in range(n_docs // run_size):
            ids, sig = _synthetic(rng, run_size, params)
            days = [start + timedelta(days=30 * k + int(d)) for d in rng.integers(0, 30, size=run_size)]
            recent = [*recent[-1:], sig.minhash[:1000]]
            result = assign_stories(ids, sig, index, work / f"s{k}", f"r{k:04d}", params, days=days)
            publish_local(index, work / f"s{k}", result.files)
            indexed = (k + 1) * run_size
            if (k + 1) % max(1, (n_docs // run_size) // checkpoints) and indexed != n_docs:
                continue
            probe_ids, probe = _synthetic(rng, 1000, params)
            pool = np.concatenate(recent)
            copies = pool[rng.choice(len(pool), 300, replace=False)].copy()
            changed = rng.random(copies.shape) < 0.15
            copies[changed] = rng.integers(0, 2**32, size=int(changed.sum()), dtype=np.uint32)
            probe.minhash[:300] = copies
            probe_days: list[date | None] = [start + timedelta(days=30 * k + 15)] * 1000
            timing = {}
            for state in ("uncompacted", "compacted", "undated"):
                if state == "compacted":
                    _compact(index, work, f"{k}")
                files = sum(1 for _ in index.rglob("*.parquet"))
                t0 = time.perf_counter()
                found = assign_stories(
                    probe_ids,
                    probe,
                    index,
                    work / f"probe-{k}-{state}",
                    "probe",
                    params,
                    days=[None] * 1000 if state == "undated" else probe_days,
                )
                timing[state] = (round(time.perf_counter() - t0, 3), files)
                if state != "undated":
                    joined = sum(s != d for s, d in zip(found.story_ids, probe_ids, strict=True))
            size = sum(p.stat().st_size for p in index.rglob("*.parquet"))
            points.append(
                {
                    "indexed_docs": indexed,
                    "index_bytes": size,
                    "probe_s_uncompacted": timing["uncompacted"][0],
                    "files_uncompacted": timing["uncompacted"][1],
                    "probe_s_compacted": timing["compacted"][0],
                    "files_compacted": timing["compacted"][1],
                    "probe_s_undated_compacted": timing["undated"][0],
                    "probe_near_copies_joined": joined,
                }
            )
            print(
                f"  {indexed:>9,} docs  {size / 1e6:8.1f} MB  1k-doc dated run: {timing['uncompacted'][0]:.2f} s "
                f"({timing['uncompacted'][1]} files), compacted {timing['compacted'][0]:.2f} s "
                f"({timing['compacted'][1]} files); undated (whole index) {timing['undated'][0]:.2f} s; "
                f"near-copies joined {joined}/300"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    last = points[-1]
    xs = np.array([p["indexed_docs"] for p in points], dtype=float)

    def fit(key: str) -> tuple[float, float]:
        ys = np.array([p[key] for p in points])
        if len(points) < 2:
            return float(ys[0] / xs[0]), 0.0
        slope, intercept = np.polyfit(xs, ys, 1)
        return float(slope), float(intercept)

    dated, undated = fit("probe_s_compacted"), fit("probe_s_undated_compacted")
    return {
        "synthetic_docs": n_docs,
        "run_size": run_size,
        "window_days": params.window_days,
        "points": points,
        "index_mb_per_million_docs": round(last["index_bytes"] / last["indexed_docs"], 1),
        "probe_s_per_million_indexed_compacted": round(dated[0] * 1e6, 3),
        "probe_s_fixed": round(dated[1], 3),
        "probe_s_per_million_indexed_undated": round(undated[0] * 1e6, 3),
        "probe_s_fixed_undated": round(undated[1], 3),
    }


def jaccard_buckets(items: list[Item], rows: list[int], story: dict[int, str], exact: Exact) -> dict[str, Any]:
    """Recall of edited copies by their exact Jaccard with the original."""
    original = {items[i].family: i for i in rows if items[i].kind == "original"}
    edges = (0.0, 0.5, 0.55, 0.6, 0.7, 1.01)
    hit = [0] * (len(edges) - 1)
    total = [0] * (len(edges) - 1)
    for i in rows:
        item = items[i]
        if item.kind == "original" or item.kind.startswith("lookalike"):
            continue
        j = exact.jaccard(i, original[item.family])
        b = next(k for k in range(len(edges) - 1) if edges[k] <= j < edges[k + 1])
        total[b] += 1
        hit[b] += story[i] == story[original[item.family]]
    return {
        f"{edges[k]:.2f}-{min(edges[k + 1], 1.0):.2f}": {"copies": total[k], "recall": round(hit[k] / total[k], 4)}
        for k in range(len(total))
        if total[k]
    }


def tune(items: list[Item], rows: list[int], ids: list[str], texts: list[str], exact: Exact, runs: int) -> list[Any]:
    results = []
    signatures: dict[int, Signatures] = {}
    for num_perm, bands, rows_per_band in SHAPES:
        base = replace(DEFAULT_PARAMS, num_perm=num_perm, bands=bands, rows=rows_per_band)
        if num_perm not in signatures:  # slots do not depend on the band shape
            signatures[num_perm] = story_signatures(texts, base)
        for threshold in THRESHOLDS:
            params = replace(base, threshold=threshold)
            one = score(items, rows, run_stories(rows, ids, signatures[num_perm], 1, 0, params), exact)
            multi = score(items, rows, run_stories(rows, ids, signatures[num_perm], runs, 3, params), exact)
            line = {
                "num_perm": num_perm,
                "bands": bands,
                "rows": rows_per_band,
                "threshold": threshold,
                "recall": one["recall"],
                "recall_runs": multi["recall"],
                "recall_by_kind": one["recall_by_kind"],
                "violations_unrelated": one["violations_unrelated"],
                "violations_unrelated_runs": multi["violations_unrelated"],
                "violations_siblings": one["violations_siblings"],
                "lookalikes_joined": one["lookalikes_joined"],
            }
            worst = min(one["recall_by_kind"].items(), key=lambda kv: kv[1])
            print(
                f"  k={num_perm} b={bands:2d} r={rows_per_band} t={threshold:.3f}  recall {one['recall']:.4f} "
                f"({runs} runs {multi['recall']:.4f}, worst {worst[0]} {worst[1]:.3f})  "
                f"unrelated<0.5 {one['violations_unrelated']}/{multi['violations_unrelated']}  "
                f"siblings<0.5 {one['violations_siblings']}  look-alikes joined {one['lookalikes_joined']}"
            )
            results.append(line)
    return results


def quality(args: argparse.Namespace, params: StoryParams) -> dict[str, Any]:
    """Tuning grid (with --tune) and the test half's figures, printed and returned."""
    report: dict[str, Any] = {}
    t0 = time.perf_counter()
    items = build()
    texts = [it.text for it in items]
    ids = [doc_id(t) for t in texts]
    exact = Exact(texts)
    print(f"syndication set: {len(items)} texts, built in {time.perf_counter() - t0:.0f} s")
    if args.tune:
        tune_rows = [i for i, it in enumerate(items) if it.split == "tune"]
        print(f"tuning on {len(tune_rows)} texts (tune half)")
        report["tuning"] = tune(items, tune_rows, ids, texts, exact, args.runs)

    test_rows = [i for i, it in enumerate(items) if it.split == "test"]
    sig = story_signatures(texts, params)
    one = run_stories(test_rows, ids, sig, 1, 0, params)
    quality = score(items, test_rows, one, exact)
    split = split_check(test_rows, ids, sig, params, args.runs, one)
    multi = score(items, test_rows, split.pop("multi_run_story_ids"), exact)
    by_jaccard = jaccard_buckets(items, test_rows, one, exact)
    rates = pair_rates(items, test_rows, sig, exact, params)
    report["test"] = {
        "texts": len(test_rows),
        "one_run": quality,
        f"{args.runs}_runs": multi,
        "recall_by_jaccard": by_jaccard,
        "pairs": rates,
        "split": split,
    }
    print(
        f"\ntest half: {len(test_rows)} texts, {quality['copies']} edited copies, {quality['lookalikes']} look-alikes"
    )
    print(f"  params: {params.scheme}, threshold {params.threshold}")
    for name, q in (("one run", quality), (f"{args.runs} shuffled runs", multi)):
        print(
            f"  {name}: copies with their original {q['recall']:.4f} "
            f"(copies with J >= 0.5: {q['recall_overlapping']:.4f}); "
            f"unrelated pairs < 0.5 sharing a story: {q['violations_unrelated']}; "
            f"sibling pairs < 0.5: {q['violations_siblings']}; look-alikes joined: {q['lookalikes_joined']}"
        )
    for kind, r in quality["recall_by_kind"].items():
        n, r_multi = quality["copies_by_kind"][kind], multi["recall_by_kind"][kind]
        print(f"    {kind:16s} {r:.4f}  ({n} copies; {args.runs} runs {r_multi:.4f})")
    print(
        "  recall by exact Jaccard with the original: "
        + ", ".join(f"{k}: {v['recall']:.3f} (n={v['copies']})" for k, v in by_jaccard.items())
    )
    print(
        f"  pairs (original vs copy or look-alike, n={rates['pairs']}): estimate sd {rates['estimate_sd_j_0.3_0.7']} "
        f"(bias {rates['estimate_bias_j_0.3_0.7']}) at J 0.3-0.7; not linked though J >= 0.6: "
        f"{rates['false_negative_rate_j_ge_0.6']:.4%}; "
        f"linked though J < 0.5: {rates['false_positive_rate_j_lt_0.5']:.4%}"
    )
    print(
        "  linked share by exact J: "
        + ", ".join(f"{k}: {v['linked']:.3f} (n={v['pairs']})" for k, v in rates["by_jaccard"].items())
    )
    print(
        f"  order independence within a run: {split['one_run_order_independent']}; "
        f"{args.runs} runs: groups identical {split['groups_identical_to_one_run']:.4f}, "
        f"same story id {split['docs_with_same_story_id']:.4f}"
    )

    if args.pipeline:
        print("\nthrough the pipeline (run_locally, every stage):")
        report["test"]["pipeline"] = {}
        for n_runs in (1, args.runs):
            story, timing = pipeline_stories(items, test_rows, n_runs, seed=7)
            q = score(items, test_rows, story, exact)
            report["test"]["pipeline"][f"{n_runs}_runs"] = {**q, "timing": timing}
            worst, worst_recall = min(q["recall_by_kind"].items(), key=lambda kv: kv[1])
            print(
                f"  {n_runs} run(s): copies with their original {q['recall']:.4f} "
                f"(J >= 0.5: {q['recall_overlapping']:.4f}); unrelated pairs < 0.5 sharing a story: "
                f"{q['violations_unrelated']}; worst kind {worst} {worst_recall:.4f}; "
                f"story step {timing['seconds_stories']} s of {timing['seconds_total']} s "
                f"({100 * timing['stories_share_of_run_time']:.1f}%), {timing['documents']} documents "
                f"from {timing['arrivals']} arrivals"
            )
    return report


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--tune", action="store_true", help="score the grid of thresholds and LSH shapes on the tune half")
    ap.add_argument("--runs", type=int, default=4, help="runs to split the input into for the split check")
    ap.add_argument("--scale", type=int, default=0, help="synthetic documents for the index growth test")
    ap.add_argument("--no-quality", action="store_true", help="only speed (and --scale)")
    ap.add_argument("--pipeline", action="store_true", help="also run the test half through the real pipeline")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "eval" / "stories.json")
    args = ap.parse_args()
    params = DEFAULT_PARAMS
    report: dict[str, Any] = {"params": {**asdict(params), "scheme": params.scheme}}
    if not args.no_quality:
        report.update(quality(args, params))

    report["speed"] = speed(params)
    s = report["speed"]
    print(
        f"\nspeed (benchmark corpus, runs of 1,000 docs of {s['mean_words_per_doc']} words, "
        f"index of {s['indexed_docs_before_the_runs']:,}): "
        f"signatures {s['signatures_ms_per_1000_docs']} ms + lookups/assign/stage "
        f"{s['lookup_assign_stage_ms_per_1000_docs']} ms per 1,000 docs = {s['words_per_cpu_second']:,} words/s, "
        f"{100 * s['share_of_run_at_30k_words_per_s']:.1f}% of a 30k words/s run; "
        f"peak Python memory {s['peak_python_mb_per_1000_docs']} MB, process RSS {s['process_peak_rss_mb']} MB; "
        f"index {s['index_bytes_per_doc']} bytes/doc"
    )
    if args.scale:
        print(f"\nindex growth, {args.scale:,} synthetic documents:")
        report["scale"] = scale(args.scale, params)
        g = report["scale"]
        print(
            f"  index {g['index_mb_per_million_docs']} MB per million docs; a 1,000-doc run (compacted index): "
            f"dated {g['probe_s_fixed']} s + {g['probe_s_per_million_indexed_compacted']} s per million indexed "
            f"(window {g['window_days']} days); undated {g['probe_s_fixed_undated']} s + "
            f"{g['probe_s_per_million_indexed_undated']} s per million indexed"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\n-> {args.out}")


if __name__ == "__main__":
    main()
