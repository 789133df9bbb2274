"""List the most frequent lower-case name mentions the tagger finds, for hand review.

Runs the current tagger over NKJP, KPWr and UD text (:mod:`entity_corpora`), counts the
tagger's name spans whose text starts with a lower-case letter, and writes the top N
(default 300) as a TSV with what the entity post-processing currently makes of each:
``surface, count, labels, derived, base`` — ``derived`` is ``adjective``,
``inhabitant``, ``name`` (a name, not derived) or ``none`` (not a mention), ``base``
the entity's name. The annotator corrects the last two columns by hand and saves the
result as ``tests/data/derived_gold.tsv`` (see ``scripts/eval_entities.py``); the
suggestions are only a starting point, every row is reviewed.

    python scripts/derived_candidates.py --top 300 > /tmp/derived_candidates.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_corpora import as_text, tagged_documents
from newsetl.extract.entities.identity import NAME_LABELS
from newsetl.extract.entities.lexicon import load_entity_lexicon
from newsetl.extract.entities.mentions import mentions_in
from newsetl.morph import Morphology


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--top", type=int, default=300)
    args = parser.parse_args(argv)
    morph = Morphology()
    lexicon = load_entity_lexicon()
    counts: Counter[str] = Counter()
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    outputs: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for doc, spans in tagged_documents(morph):
        text, seg = as_text(doc)
        mentions = mentions_in(text, seg, spans, morph, lexicon)
        starts = [s for s, _, _ in seg.tokens]
        sent_first = {}
        for i, (_, _, s_idx) in enumerate(seg.tokens):
            sent_first.setdefault(s_idx, i)
        for span in spans:
            if span.label not in NAME_LABELS:
                continue
            first = sent_first[span.sentence_idx] + span.first_token
            last = sent_first[span.sentence_idx] + span.end_token - 1
            start, end = starts[first], seg.tokens[last][1]
            surface = text[start:end]
            if not surface[:1].islower():
                continue
            counts[surface] += 1
            labels[surface][span.label] += 1
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if not inside:
                outputs[surface][("none", "")] += 1
            for m in inside:
                outputs[surface][(m.derived or "name", m.entity_name)] += 1
    print("surface\tcount\tlabels\tderived\tbase")
    for surface, n in counts.most_common(args.top):
        (derived, base), _ = outputs[surface].most_common(1)[0]
        label_text = ",".join(f"{k}:{v}" for k, v in sorted(labels[surface].items()))
        print(surface, n, label_text, derived, base, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
