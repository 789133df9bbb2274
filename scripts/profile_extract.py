"""CPU cost of the extract batch per component, next to bare Morfeusz on the same text.

``profile_extract.py [--words N] [--warmup-words N] [--repeat R] [--save DIR] [--cprofile FILE]``

Builds two corpora with ``bench_corpus.py`` (same generator as ``make bench``; nothing
committed): a *measured* one and a *warm-up* one (another seed, so other articles), and
ingests them into chunks as a run does. Then, each in a fresh child process:

* **cold** — load the models, then run the extract batch (:func:`newsetl.extract.batch.extracted`)
  over the measured chunks: every per-word cache starts empty;
* **warm** — load the models, run the batch over the warm-up chunks, then over the measured
  chunks: the steady state of a worker that has already seen other news.

Times are CPU seconds of the process (``time.process_time``), so other load on a shared
machine changes them little. Per component: language, segment, entities (split into
word descriptions — Morfeusz and feature strings per distinct word —, the main CRF, its
post-processing — span rules, the inner CRF, subtypes —, and mentions — base forms,
derived forms, linking), times, claims, write. ``words`` are whitespace-separated words
of the measured texts, as for the floor: bare ``morfeusz2`` ``analyse(text)`` of the same
texts on one core (best of three, measured in each child before it loads the models).
``× Morfeusz`` is a component's CPU time over the
floor's. ``gc`` is the part of the total spent in Python's cyclic garbage collector.
Peak memory is the child's maximum resident set. With ``--repeat R`` each mode runs R
times, alternating, and each component keeps its least time (as does the floor): on a
shared machine the least disturbed run is the closest to the code's own cost.

``--save DIR`` writes each table the measured pass produced (``DIR/<mode>/<table>.parquet``)
so that two versions of the code can be compared row for row (``--compare DIR_A DIR_B``).
``--cprofile FILE`` writes a cProfile of the measured pass of each mode (``FILE.cold``,
``FILE.warm``) and prints its top functions. Results go to ``data/bench/profile_extract.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import gc
import json
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import morfeusz2
import pyarrow as pa
import pyarrow.parquet as pq

from newsetl.config import load_settings, shared_data_dir
from newsetl.extract import batch, extractors
from newsetl.extract.entities.features import FeatureExtractor
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.extract.models import ModelSpec, shared_models
from newsetl.ingest.discover import input_files
from newsetl.ingest.documents import IngestTally, ingested_chunks
from newsetl.run.context import model_spec_of

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_corpus import sentence_pool, write_corpus

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "data" / "bench" / "profile_extract.json"
COMPONENTS = (
    "language",
    "segment",
    "entities",
    "  features",
    "  crf",
    "  post",
    "  mentions",
    "times",
    "claims",
    "write",
    "total",
    "  gc",
)
MEASURED_SEED = 101
WARMUP_SEED = 202


# --- corpora ---------------------------------------------------------------------------------


def build_corpora(root: Path, words: int, warmup_words: int) -> tuple[Path, Path]:
    pool = sentence_pool(shared_data_dir())
    measured, warmup = root / "measured", root / "warmup"
    write_corpus(pool, words, measured, seed=MEASURED_SEED)
    write_corpus(pool, warmup_words, warmup, seed=WARMUP_SEED)
    return measured, warmup


def chunks_of(corpus: Path) -> list[pa.Table]:
    settings = load_settings()
    files, _ = input_files([str(corpus)])
    return list(ingested_chunks(files, settings.ingest, set(), IngestTally()))


def words_of(chunks: list[pa.Table]) -> int:
    return sum(len(t.split()) for c in chunks for t in c.column("text").to_pylist())


def morfeusz_floor(chunks: list[pa.Table]) -> float:
    """CPU seconds of bare Morfeusz analysis of every text (best of three)."""
    texts = [t for c in chunks for t in c.column("text").to_pylist()]
    analyser = morfeusz2.Morfeusz(generate=False, expand_tags=False)
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for text in texts:
            analyser.analyse(text)
        best = min(best, time.process_time() - started)
    return best


# --- timing ----------------------------------------------------------------------------------


class Clock:
    """CPU seconds spent inside wrapped functions, by component (outermost call only)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._depth: dict[str, int] = {}

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            depth = self._depth.get(name, 0)
            self._depth[name] = depth + 1
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self._depth[name] = depth
                if depth == 0:
                    self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - started

        return timed


class _TimedStage:
    """A ``pycrfsuite.Tagger`` whose ``tag`` calls are timed (its type cannot be patched)."""

    def __init__(self, clock: Clock, stage: Any) -> None:
        self.tag = clock.wrap("crf", stage.tag)


def instrument(clock: Clock, spec: ModelSpec) -> None:
    """Time the entity sub-steps; the batch's own stage timer reads CPU time instead of wall time.

    Also instruments the code before the id-based decoder (main before issue #17: word
    descriptions by ``FeatureExtractor.document``, every CRF stage by ``pycrfsuite``), so
    that the same script measures both versions."""
    batch.time = types.SimpleNamespace(perf_counter=time.process_time)
    try:
        from newsetl.extract.entities.first_pass import FirstPass
    except ImportError:
        FeatureExtractor.document = clock.wrap("features", FeatureExtractor.document)
        tagger: Any = shared_models(spec).tagger
        tagger._stages = [_TimedStage(clock, s) for s in tagger._stages]
    else:
        FeatureExtractor.infos = clock.wrap("features", FeatureExtractor.infos)
        FeatureExtractor.words = clock.wrap("features", FeatureExtractor.words)
        FirstPass.labels = clock.wrap("crf", FirstPass.labels)
    EntityTagger.spans_in = clock.wrap("tagger", EntityTagger.spans_in)
    extractors.mentions_in_documents = clock.wrap("mentions", extractors.mentions_in_documents)


def run_pass(chunks: list[pa.Table], spec: ModelSpec) -> Iterator[tuple[batch.Extracted, float]]:
    models = shared_models(spec)
    for chunk in chunks:
        started = time.process_time()
        result = batch.extracted(chunk, models, "profile")
        yield result, time.process_time() - started


def child(mode: str, root: Path, save: Path | None, profile: Path | None) -> dict[str, Any]:
    spec = model_spec_of(load_settings())
    measured = chunks_of(root / "measured")
    floor_s = morfeusz_floor(measured)
    started = time.process_time()
    shared_models(spec)
    load_s = time.process_time() - started
    if mode == "warm":
        for _ in run_pass(chunks_of(root / "warmup"), spec):
            pass
    clock = Clock()
    instrument(clock, spec)
    collecting = [0.0, 0.0]  # start of the running collection, seconds in collections

    def on_collection(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collecting[0] = time.process_time()
        else:
            collecting[1] += time.process_time() - collecting[0]

    gc.callbacks.append(on_collection)
    seconds: dict[str, float] = {}
    tables: dict[str, list[pa.Table]] = {}
    profiler = cProfile.Profile() if profile else None
    if profiler:
        profiler.enable()
    total = 0.0
    for result, spent in run_pass(measured, spec):
        total += spent
        for k, v in result.seconds.items():
            seconds[k] = seconds.get(k, 0.0) + v
        for name, table in result.tables.items():
            tables.setdefault(name, []).append(table)
    if profiler and profile:
        profiler.disable()
        profiler.dump_stats(str(profile) + f".{mode}")
    if save:
        (save / mode).mkdir(parents=True, exist_ok=True)
        for name, parts in tables.items():
            pq.write_table(pa.concat_tables(parts), save / mode / f"{name}.parquet")
    seconds["features"] = clock.seconds.get("features", 0.0)
    seconds["crf"] = clock.seconds.get("crf", 0.0)
    seconds["post"] = clock.seconds.get("tagger", 0.0) - seconds["features"] - seconds["crf"]
    seconds["mentions"] = clock.seconds.get("mentions", 0.0)
    seconds["total"] = total
    seconds["gc"] = collecting[1]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "load_s": load_s, "peak_mb": peak_mb, "floor_s": floor_s}


# --- report ----------------------------------------------------------------------------------


def table(words: int, floor_s: float, results: dict[str, dict[str, Any]]) -> list[str]:
    modes = list(results)
    head = f"{'component':12}" + "".join(f" | {m + ' s':>8} {'words/s':>9} {'×Morf':>6}" for m in modes)
    lines = [head, "-" * len(head)]
    for comp in COMPONENTS:
        key = comp.strip()
        cells = ""
        for m in modes:
            s = results[m]["seconds"].get(key, 0.0)
            rate = words / s if s > 0 else float("inf")
            cells += f" | {s:8.2f} {rate:9,.0f} {s / floor_s:6.2f}"
        lines.append(f"{comp:12}{cells}")
    lines.append(f"{'Morfeusz':12} | {floor_s:8.2f} {words / floor_s:9,.0f}   1.00   (bare analyse(text), best of 3)")
    for m in modes:
        lines.append(f"{m}: models loaded in {results[m]['load_s']:.1f} CPU s; peak RSS {results[m]['peak_mb']:.0f} MB")
    return lines


def _least(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Per component, the lesser CPU time of two runs (the one least disturbed by other load)."""
    seconds = {k: min(v, b["seconds"].get(k, v)) for k, v in a["seconds"].items()}
    return {
        "seconds": seconds,
        "load_s": min(a["load_s"], b["load_s"]),
        "peak_mb": max(a["peak_mb"], b["peak_mb"]),
        "floor_s": min(a["floor_s"], b["floor_s"]),
    }


def compare(a: Path, b: Path) -> int:
    different = 0
    for mode_dir in sorted(p for p in a.iterdir() if p.is_dir()):
        for file in sorted(mode_dir.glob("*.parquet")):
            other = b / mode_dir.name / file.name
            # source_uri names the temporary corpus folder, which differs between runs.
            ta, tb = (
                pq.read_table(f).drop_columns(["source_uri"]) if file.stem == "documents" else pq.read_table(f)
                for f in (file, other)
            )
            same = ta.equals(tb)
            different += not same
            verdict = "identical" if same else "DIFFERENT"
            print(f"{mode_dir.name}/{file.stem:12} {verdict}: {ta.num_rows} vs {tb.num_rows} rows")
    return 1 if different else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000, help="words of the measured corpus")
    parser.add_argument("--warmup-words", type=int, default=100_000, help="words seen before the warm pass")
    parser.add_argument("--modes", default="cold,warm")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each mode (alternating); the least CPU time is kept"
    )
    parser.add_argument("--save", type=Path, help="write the measured pass's tables here")
    parser.add_argument("--cprofile", type=Path, help="write cProfile stats to FILE.<mode>")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("DIR_A", "DIR_B"))
    parser.add_argument("--child", nargs=2, metavar=("MODE", "ROOT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.compare:
        return compare(*args.compare)
    if args.child:
        mode, root = args.child
        print(json.dumps(child(mode, Path(root), args.save, args.cprofile)))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build_corpora(root, args.words, args.warmup_words)
        measured = chunks_of(root / "measured")
        words = words_of(measured)
        print(f"measured: {sum(c.num_rows for c in measured)} documents, {words:,} words", flush=True)
        results: dict[str, dict[str, Any]] = {}
        for _ in range(args.repeat):
            for mode in args.modes.split(","):
                cmd = [sys.executable, __file__, "--child", mode, str(root)]
                if args.save:
                    cmd += ["--save", str(args.save)]
                if args.cprofile:
                    cmd += ["--cprofile", str(args.cprofile)]
                out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
                found = json.loads(out.strip().splitlines()[-1])
                print(f"{mode}: {found['seconds']['total']:.1f} CPU s", flush=True)
                results[mode] = _least(results[mode], found) if mode in results else found
    floor_s = min(r["floor_s"] for r in results.values())
    print("\n".join(table(words, floor_s, results)))
    if args.cprofile:
        for mode in results:
            print(f"\n--- cProfile, {mode} (top 25 by own time) ---")
            pstats.Stats(str(args.cprofile) + f".{mode}").sort_stats("tottime").print_stats(25)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"words": words, "morfeusz_s": floor_s, "modes": results}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
