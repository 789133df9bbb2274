"""Evaluate the entity post-processing on the reference corpora: derived forms, entity
names, ids, speed. Prints the figures and writes ``data/eval/entities.json``.

Text: NKJP (all documents), the KPWr NER test split and the UD Polish treebanks, run
through the current NER tagger (:mod:`entity_corpora`; spans cached per tagger version)
and :func:`~newsetl.extract.entities.mentions.mentions_in` with the shipped lexicon.
Entities are formed as the ``entities`` table forms them: corpus-wide per ``entity_id``,
named by :func:`~newsetl.extract.entities.identity.canonical_name` over the mentions'
``entity_name`` spellings.

Figures:

* **derived forms** — ``tests/data/derived_gold.tsv`` (the 300 most frequent lower-case
  name mentions the tagger finds, annotated by hand): for every occurrence of a listed
  span, the mention(s) inside it must have the gold ``derived`` value and the gold base
  entity's id (``none``: no mention). A row is right when all its occurrences are;
  reported per row (target ≥ 95%) and per occurrence;
* **lower-case entity names** — share of name mentions whose entity's name starts with
  a lower-case letter (target ≤ 1%). Entity names are headwords, so this also reports,
  as a diagnostic, the share whose entity is only ever written in lower case (streets,
  voivodeships: "ul. Chopina", "województwo łódzkie") and the share whose entity is
  named by a relational adjective (should be 0);
* **split names** — share of entity names that appear under more than one
  ``entity_id`` (target ≤ 2%), and the share of mentions under such names;
* **speed** — words per second on one core of the tagger, of the glue (base forms,
  derived forms, linking) and of both, on the KPWr documents from cold caches.

    python scripts/eval_entities.py [--corpora nkjp kpwr ud] [--gold tests/data/derived_gold.tsv]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_corpora import CORPORA, as_text, corpus_documents, tagged_documents
from newsetl.config import REPO_ROOT, load_settings
from newsetl.extract.entities.identity import (
    NAME_LABELS,
    canonical_name,
    group_entity_id,
    headword,
    majority_label,
    normalise_name,
)
from newsetl.extract.entities.lexicon import EntityLexicon, load_entity_lexicon
from newsetl.extract.entities.mentions import mentions_in
from newsetl.extract.entities.tagger import EntityTagger
from newsetl.morph import Morphology
from newsetl.spans import Mention

GOLD = REPO_ROOT / "tests" / "data" / "derived_gold.tsv"
OUT = REPO_ROOT / "data" / "eval" / "entities.json"


def read_gold(path: Path) -> dict[str, tuple[str, str, str]]:
    """surface → (derived, base, group)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#") or line.startswith("surface\t"):
            continue
        surface, _count, derived, base, group = ([*line.split("\t"), "", "", ""])[:5]
        out[surface] = (derived, base, group)
    return out


def occurrence_right(inside: list[Mention], gold: tuple[str, str, str], lexicon: EntityLexicon) -> bool:
    derived, base, group = gold
    if derived == "none":
        return not inside
    if len(inside) != 1:
        return False
    m = inside[0]
    expected_id = group_entity_id(group or "name", headword(lexicon.canonical(base)))
    return (m.derived or "name") == derived and m.entity_id == expected_id


def evaluate(corpora: list[str], gold_path: Path) -> dict[str, Any]:
    morph = Morphology()
    lexicon = load_entity_lexicon()
    gold = read_gold(gold_path)
    rows_ok: dict[str, bool] = {}
    occ = Counter[str]()
    wrong_examples: dict[str, list[str]] = defaultdict(list)
    by_entity_names: dict[str, Counter[str]] = defaultdict(Counter)
    by_entity_labels: dict[str, Counter[str]] = defaultdict(Counter)
    by_entity_lemmas: dict[str, Counter[str]] = defaultdict(Counter)
    mention_entities: list[str] = []
    per_corpus = Counter[str]()
    for doc, spans in tagged_documents(morph, corpora):
        text, seg = as_text(doc)
        mentions = mentions_in(text, seg, spans, morph, lexicon)
        per_corpus[doc.corpus] += len(mentions)
        for m in mentions:
            by_entity_names[m.entity_id][m.entity_name] += 1
            mention_entities.append(m.entity_id)
            if m.derived is None:
                by_entity_labels[m.entity_id][m.label] += 1
                by_entity_lemmas[m.entity_id][m.lemma] += 1
        sent_first: dict[int, int] = {}
        for i, (_, _, s_idx) in enumerate(seg.tokens):
            sent_first.setdefault(s_idx, i)
        for span in spans:
            if span.label not in NAME_LABELS:
                continue
            start = seg.tokens[sent_first[span.sentence_idx] + span.first_token][0]
            end = seg.tokens[sent_first[span.sentence_idx] + span.end_token - 1][1]
            surface = text[start:end]
            if surface not in gold:
                continue
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            ok = occurrence_right(inside, gold[surface], lexicon)
            occ["n"] += 1
            occ["ok"] += ok
            rows_ok[surface] = rows_ok.get(surface, True) and ok
            if not ok and len(wrong_examples[surface]) < 2:
                wrong_examples[surface].append(
                    " | ".join(f"{m.derived or 'name'}:{m.entity_name}" for m in inside) or "(no mention)"
                )

    names = {e: canonical_name(c) for e, c in by_entity_names.items()}
    weight = Counter(mention_entities)
    total = sum(weight.values())
    lower = sum(n for e, n in weight.items() if names[e][:1].islower())
    only_lower = sum(
        n for e, n in weight.items() if by_entity_lemmas[e] and all(lm[:1].islower() for lm in by_entity_lemmas[e])
    )
    # an entity named by an adjective: its usual base form is a lower-case relational adjective
    adjective_named = sum(
        n
        for e, n in weight.items()
        if by_entity_lemmas[e]
        and (top := by_entity_lemmas[e].most_common(1)[0][0])[:1].islower()
        and (w := lexicon.derived.get(top.lower())) is not None
        and w.kind == "adjective"
    )
    ids_per_name: dict[str, set[str]] = defaultdict(set)
    for e, name in names.items():
        ids_per_name[normalise_name(name)].add(e)
    split = {k for k, ids in ids_per_name.items() if len(ids) > 1}
    split_mentions = sum(n for e, n in weight.items() if normalise_name(names[e]) in split)
    labels = {e: majority_label(c) for e, c in by_entity_labels.items() if c}
    split_examples = sorted(split, key=lambda k: -sum(weight[e] for e in ids_per_name[k]))[:10]

    n_rows = len(gold)
    rows_seen = len(rows_ok)
    result: dict[str, Any] = {
        "corpora": corpora,
        "mentions": total,
        "mentions_per_corpus": dict(per_corpus),
        "entities": len(names),
        "derived_gold": {
            "rows": n_rows,
            "rows_seen": rows_seen,
            "rows_right": sum(rows_ok.values()),
            "row_accuracy": round(sum(rows_ok.values()) / rows_seen, 4) if rows_seen else None,
            "occurrences": occ["n"],
            "occurrence_accuracy": round(occ["ok"] / occ["n"], 4) if occ["n"] else None,
            "wrong": {k: v for k, v in wrong_examples.items() if not rows_ok.get(k, True)},
        },
        "lowercase_entity_name_share": round(lower / total, 4) if total else None,
        "only_lowercase_spelled_share": round(only_lower / total, 4) if total else None,
        "adjective_named_share": round(adjective_named / total, 4) if total else None,
        "split_name_share": round(len(split) / len(ids_per_name), 4) if ids_per_name else None,
        "split_name_mention_share": round(split_mentions / total, 4) if total else None,
        "split_name_examples": [
            {"name": k, "ids": sorted(ids_per_name[k]), "labels": sorted(labels.get(e, "?") for e in ids_per_name[k])}
            for k in split_examples
        ],
    }
    return result


def speed() -> dict[str, Any]:
    """Words per second of tagger, glue and both on KPWr, one process, cold caches, in
    CPU time of this process (the machine is shared: wall time says more about the
    neighbours than about the code)."""
    docs = corpus_documents(("kpwr",))
    words = sum(len(s) for d in docs for s in d.sentences)
    prepared = [(d, *as_text(d)) for d in docs]
    morph = Morphology()
    lexicon = load_entity_lexicon()
    tagger = EntityTagger.load(load_settings().ner_model_dir, morph)
    t0 = time.process_time()
    spans = [tagger.spans_in([d.sentences])[0] for d in docs]
    t1 = time.process_time()
    for (_d, text, seg), doc_spans in zip(prepared, spans, strict=True):
        mentions_in(text, seg, doc_spans, morph, lexicon)
    t2 = time.process_time()
    return {
        "documents": len(docs),
        "words": words,
        "tagger_words_per_s": round(words / (t1 - t0)),
        "glue_words_per_s": round(words / (t2 - t1)),
        "ner_and_glue_words_per_s": round(words / (t2 - t0)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", nargs="+", default=list(CORPORA), choices=CORPORA)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    result = evaluate(args.corpora, args.gold)
    if not args.no_speed:
        result["speed"] = speed()
    g = result["derived_gold"]
    print(f"corpora {', '.join(result['corpora'])}: {result['mentions']} name mentions, {result['entities']} entities")
    print(
        f"derived forms (gold {g['rows']} rows, {g['rows_seen']} seen, {g['occurrences']} occurrences): "
        f"rows right {g['row_accuracy']:.1%} (target >= 95%), occurrences right {g['occurrence_accuracy']:.1%}"
    )
    for surface, examples in list(g["wrong"].items())[:20]:
        print(f"  wrong: {surface!r}: {examples}")
    print(
        f"mentions under a lower-case entity name: {result['lowercase_entity_name_share']:.2%} (target <= 1%); "
        f"entity only ever written in lower case: {result['only_lowercase_spelled_share']:.2%}; "
        f"entity named by an adjective: {result['adjective_named_share']:.2%}"
    )
    print(
        f"entity names under more than one id: {result['split_name_share']:.2%} of names (target <= 2%), "
        f"{result['split_name_mention_share']:.2%} of mentions; e.g. "
        + ", ".join(f"{x['name']} {x['labels']}" for x in result["split_name_examples"][:5])
    )
    if "speed" in result:
        s = result["speed"]
        print(
            f"speed on KPWr ({s['words']} words, CPU time, cold caches): tagger {s['tagger_words_per_s']} w/s, "
            f"base forms + derived + linking {s['glue_words_per_s']} w/s, both {s['ner_and_glue_words_per_s']} w/s"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
