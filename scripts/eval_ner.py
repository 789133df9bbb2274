"""Evaluate the shipped NER model: NKJP test split, KPWr test file, speed and size.

    .venv/bin/python scripts/eval_ner.py [--model models/ner] [--out data/eval/ner.json]

Scores are exact-match spans (same sentence, same first and last token, same top-level
type), micro-averaged over the six NKJP types, with per-type precision/recall/F1.

KPWr uses 82 fine categories; ``KPWR_TO_NKJP`` maps those with an NKJP counterpart to the
six types, following NKJP's own conventions (NKJP annotates demonyms and relational
adjectives such as "Polaków", "polskiego" as placeName, streets, buildings and
continents as geogName, newspapers and TV stations as orgName). Categories mapped to
``None`` (products, events, other) have no NKJP counterpart: their gold spans are dropped,
and so is every predicted span that overlaps one of them (it is neither a hit nor a false
alarm). KPWr n82 has no temporal categories, so predicted date/time spans are dropped too.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path

from newsetl.config import shared_data_dir
from newsetl.extract.entities.mentions import mentions_in_documents
from newsetl.extract.entities.ner_corpus import (
    TYPES,
    Document,
    all_category_spans,
    gold_spans,
    parse_iob,
    split_documents,
)
from newsetl.extract.entities.ner_scores import Span, by_type, poleval
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.morph import Morphology
from newsetl.segment import segment
from newsetl.spans import Segmentation

REPO = Path(__file__).resolve().parent.parent
SHARED = shared_data_dir()

KPWR_TO_NKJP: dict[str, str | None] = {
    # people (NKJP annotates deities, e.g. "Boga", as persName)
    "nam_liv_person": "persName",
    "nam_liv_god": "persName",
    "nam_adj_person": "persName",
    "nam_liv_animal": None,
    # organisations; media titles are orgName in NKJP ("Polsatu", "Gazety Wyborczej")
    "nam_org_institution": "orgName",
    "nam_org_organization": "orgName",
    "nam_org_organization_sub": "orgName",
    "nam_org_group_team": "orgName",
    "nam_org_group_band": "orgName",
    "nam_org_group": "orgName",
    "nam_org_political_party": "orgName",
    "nam_org_company": "orgName",
    "nam_pro_media_periodic": "orgName",
    "nam_pro_media_tv": "orgName",
    "nam_pro_media_radio": "orgName",
    # places; NKJP tags demonyms and relational adjectives as placeName
    "nam_org_nation": "placeName",
    "nam_liv_habitant": "placeName",
    "nam_adj_country": "placeName",
    "nam_adj_city": "placeName",
    "nam_loc_gpe_city": "placeName",
    "nam_loc_gpe_country": "placeName",
    "nam_loc_gpe_admin1": "placeName",
    "nam_loc_gpe_admin2": "placeName",
    "nam_loc_gpe_admin3": "placeName",
    "nam_loc_gpe_subdivision": "placeName",
    "nam_loc_gpe_district": "placeName",
    "nam_loc_historical_region": "placeName",
    "nam_loc_country_region": "placeName",
    # geographical names: landforms, waters, streets, squares, parks, bridges, buildings
    "nam_loc_hydronym": "geogName",
    "nam_loc_hydronym_river": "geogName",
    "nam_loc_hydronym_sea": "geogName",
    "nam_loc_hydronym_lake": "geogName",
    "nam_loc_hydronym_ocean": "geogName",
    "nam_loc_land": "geogName",
    "nam_loc_land_continent": "geogName",
    "nam_loc_land_island": "geogName",
    "nam_loc_land_mountain": "geogName",
    "nam_loc_land_region": "geogName",
    "nam_fac_road": "geogName",
    "nam_fac_square": "geogName",
    "nam_fac_park": "geogName",
    "nam_fac_bridge": "geogName",
    "nam_fac_goe": "geogName",
    "nam_fac_goe_stop": "geogName",
}
# Everything else (nam_pro_* other than the media above, nam_eve_*, nam_oth_*, nam_num_*,
# nam_adj, nam_loc, nam_fac_system, nam_pro_media_web, ...) has no NKJP counterpart.


def scores(gold: set[Span], pred: set[Span]) -> dict[str, dict[str, float]]:
    return by_type(gold, pred, TYPES)


def category(label: str, subtype: str | None) -> str:
    """PolEval 2018 category of a span or part: ``placeName_country``, ``persName_forename``."""
    return f"{label}_{subtype}" if subtype else label


def predict(tagger: EntityTagger, docs: Sequence[Document]) -> tuple[set[Span], float, int, set[Span]]:
    """Predicted top-level spans, CPU seconds spent tagging, the number of tokens, and the
    predicted annotations of all PolEval categories (spans with subtypes, and their parts).

    CPU time of this (single-threaded) process, not wall time: the machine is shared,
    and wall time would measure the neighbours' load as much as the tagger.
    """
    texts = [d.sentences for d in docs]
    n_tokens = sum(len(s) for d in texts for s in d)
    start = time.process_time()
    batches = tagger.spans_in(texts)
    elapsed = time.process_time() - start
    pred = {
        (di, s.sentence_idx, s.first_token, s.end_token, s.label) for di, spans in enumerate(batches) for s in spans
    }
    fine: set[Span] = set()
    for di, spans in enumerate(batches):
        for s in spans:
            fine.add((di, s.sentence_idx, s.first_token, s.end_token, category(s.label, s.subtype)))
            for p in s.parts:
                fine.add((di, s.sentence_idx, p.first_token, p.end_token, category(p.label, p.subtype)))
    return pred, elapsed, n_tokens, fine


def entity_step_speed(model: Path, docs: Sequence[Document], other: Sequence[Document]) -> dict[str, int]:
    """Words per CPU-second of the pipeline's whole entities step: tagging, then mentions
    (base forms and linking, ``mentions_in_documents``), on the split's text re-segmented by
    our own segmenter (one paragraph per corpus sentence). Cold: fresh Morphology and
    tagger, only segmentation done before (as in a fresh pipeline worker); then after the
    other split (a worker that has seen earlier news); then a second pass."""
    morph = Morphology()
    tagger = EntityTagger.load(model, morph)

    def prepared(ds: Sequence[Document]) -> tuple[list[str], list[Segmentation], list[list[list[str]]]]:
        texts = ["\n\n".join(" ".join(sent) for sent in d.sentences) for d in ds]
        segs = [segment(t, "pl", morph=morph) for t in texts]
        token_docs: list[list[list[str]]] = []
        for text, seg in zip(texts, segs, strict=True):
            sents: list[list[str]] = [[] for _ in seg.sentences]
            for a, b, s_idx in seg.tokens:
                sents[s_idx].append(text[a:b])
            token_docs.append(sents)
        return texts, segs, token_docs

    def run(texts: list[str], segs: list[Segmentation], token_docs: list[list[list[str]]]) -> float:
        start = time.process_time()
        mentions_in_documents(texts, segs, tagger.spans_in(token_docs), morph)
        return time.process_time() - start

    mine, theirs = prepared(docs), prepared(other)
    words = sum(len(seg.tokens) for seg in mine[1])
    cold = run(*mine)
    run(*theirs)
    after_other = run(*mine)
    warm = run(*mine)
    return {
        "words": words,
        "words_per_s_cold": round(words / cold),
        "words_per_s_after_other_split": round(words / after_other),
        "words_per_s_warm": round(words / warm),
    }


def nkjp_gold(docs: Iterable[Document]) -> set[Span]:
    return {
        (di, g.sentence_idx, g.first_token, g.end_token, g.label) for di, d in enumerate(docs) for g in gold_spans(d)
    }


def nkjp_all_categories(docs: Iterable[Document]) -> set[Span]:
    return {
        (di, g.sentence_idx, g.first_token, g.end_token, g.label)
        for di, d in enumerate(docs)
        for g in all_category_spans(d)
    }


def kpwr_gold_and_ignored(docs: Sequence[Document]) -> tuple[set[Span], set[Span]]:
    gold: set[Span] = set()
    ignored: set[Span] = set()
    for di, d in enumerate(docs):
        for g in gold_spans(d):
            mapped = KPWR_TO_NKJP.get(g.label)
            span = (di, g.sentence_idx, g.first_token, g.end_token, mapped or g.label)
            (gold if mapped else ignored).add(span)
    return gold, ignored


def drop_unscorable(pred: set[Span], ignored: set[Span]) -> set[Span]:
    def overlaps_ignored(p: Span) -> bool:
        return any(i[0] == p[0] and i[1] == p[1] and i[2] < p[3] and p[2] < i[3] for i in ignored)

    return {p for p in pred if p[4] not in ("date", "time") and not overlaps_ignored(p)}


def table(title: str, result: dict[str, dict[str, float]]) -> str:
    rows = [f"{title}", f"{'type':<22} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6} {'pred':>6}"]
    for name, r in result.items():
        rows.append(
            f"{name:<22} {r['precision']:7.4f} {r['recall']:7.4f} {r['f1']:7.4f} "
            f"{int(r['gold']):6d} {int(r['predicted']):6d}"
        )
    return "\n".join(rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", type=Path, default=REPO / "models" / "ner")
    ap.add_argument("--nkjp", type=Path, default=SHARED / "ner" / "nkjp-nested-simplified-v2.iob.gz")
    ap.add_argument("--kpwr", type=Path, default=SHARED / "ner" / "kpwr-ner-n82-test.iob")
    ap.add_argument("--split", default="test", choices=["dev", "test"], help="NKJP split to score (tune on dev only)")
    ap.add_argument("--stages", type=int, default=None, help="1: stage 1 only (ablation)")
    ap.add_argument("--no-speed", action="store_true", help="skip the warm-cache speed passes (quick comparisons)")
    ap.add_argument("--out", type=Path, default=REPO / "data" / "eval" / "ner.json")
    args = ap.parse_args()

    with gzip.open(args.nkjp, "rt", encoding="utf-8") as fh:
        split = split_documents(parse_iob(fh))
    with args.kpwr.open(encoding="utf-8") as fh:
        kpwr_docs = parse_iob(fh)

    # Speed, cold: a fresh Morphology and tagger, so every Morfeusz look-up and word
    # description of the split is paid for. Then steady state: the same tagger after
    # it has seen the other split (as a long-running worker has seen earlier news), and
    # fully warm (second pass over the same documents).
    tagger = EntityTagger.load(args.model, Morphology(), args.stages)
    docs = split[args.split]
    pred, cold_s, n_tokens, fine = predict(tagger, docs)
    other = "dev" if args.split == "test" else "test"
    warm_s = hot_s = float("nan")
    if not args.no_speed:
        predict(tagger, split[other])
        _, warm_s, _, _ = predict(tagger, docs)
        _, hot_s, _, _ = predict(tagger, docs)
    nkjp = scores(nkjp_gold(docs), pred)
    fine_gold = nkjp_all_categories(docs)
    all_categories = poleval(fine_gold, fine)
    fine_by_category = by_type(fine_gold, fine, sorted({s[4] for s in fine_gold}))

    kpwr_gold, ignored = kpwr_gold_and_ignored(kpwr_docs)
    kpwr_pred, _, _, _ = predict(tagger, kpwr_docs)
    kpwr = scores(kpwr_gold, drop_unscorable(kpwr_pred, ignored))

    step = None if args.no_speed else entity_step_speed(args.model, docs, split[other])
    size = sum(p.stat().st_size for p in args.model.iterdir() if p.is_file())
    result = {
        "model": {
            "name": tagger.name,
            "version": tagger.version,
            "dir": str(args.model),
            "bytes": size,
            "stages_used": args.stages or "all",
        },
        f"nkjp_{args.split}": nkjp,
        f"nkjp_{args.split}_poleval_all_categories": {**all_categories, "exact_by_category": fine_by_category},
        "kpwr_test": kpwr,
        "kpwr_ignored_gold_spans": len(ignored),
        "speed": {
            "tokens": n_tokens,
            "words_per_s_cold": round(n_tokens / cold_s),
            "words_per_s_after_other_split": None if args.no_speed else round(n_tokens / warm_s),
            "words_per_s_warm": None if args.no_speed else round(n_tokens / hot_s),
        },
        "speed_entities_step": step,
    }
    print(table(f"NKJP {args.split} ({len(docs)} documents, {n_tokens} tokens)", nkjp))
    print()
    ov, ex = all_categories["overlap"], all_categories["exact"]
    print(
        f"NKJP {args.split}, PolEval 2018 over all categories (nested parts and place subtypes included): "
        f"overlap F1 {ov['f1']:.4f} (P {ov['precision']:.4f} R {ov['recall']:.4f}), "
        f"exact F1 {ex['f1']:.4f}, final 0.8*overlap+0.2*exact = {all_categories['final']:.4f}"
    )
    print(table("exact match per category", fine_by_category))
    print()
    print(
        table(f"KPWr test mapped to NKJP types ({len(kpwr_docs)} documents, {len(ignored)} gold spans ignored)", kpwr)
    )
    print()
    print(f"speed, tagging alone, words per CPU-second on one core: {json.dumps(result['speed'])}")
    print(f"speed, whole entities step (tagging + base forms + linking): {json.dumps(step)}")
    print(f"model: {result['model']}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
