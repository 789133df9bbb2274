"""Evaluate newsetl.segment: sentence-boundary precision/recall/F1 and speed.

Data (read from ``$NEWSETL_SHARED_DATA``, default ``/work/main/../shared/data``):

* ``ud/pl_lfg-ud-dev.conllu`` — the set the rules were tuned on;
* ``ud/pl_lfg-ud-test.conllu`` — held out (but note: LFG sentences are NKJP sentences,
  and the abbreviation lists were drawn up from NKJP, so it is not fully independent);
* ``ud/pl_pdb-ud-dev.conllu`` — CC BY-NC-SA, evaluation only: never tuned against;
* with ``--nkjp``: the NKJP 1M documents of ``ner/nkjp-nested-simplified-v2.iob.gz``,
  spacing reconstructed heuristically (real consecutive text with real sentence ends).

How documents are built. Each UD sentence's ``# text =`` line is normalized the way
``documents.text`` is (typographic quotes → ``"``/``'``, dashes → ``-``, runs of spaces
collapsed, stripped). Consecutive sentences are joined with one space into documents of
``--doc-size`` sentences (default 20; the last may be shorter) — one paragraph each —
and, as a second variant, all sentences of a file into one document.

How boundaries are counted. A boundary is the end offset of a sentence (the offset just
after its last character, closing quotes included). Only *internal* boundaries count:
the end of each document's last sentence is dropped from both gold and prediction,
since it is found trivially. Gold = ends of all UD sentences but the last of each
document; predicted = ``end`` of every sentence ``segment()`` returns but the last.
TP = |gold ∩ predicted| (exact offset match), precision = TP/|predicted|, recall =
TP/|gold|, F1 their harmonic mean, all micro-averaged over the file.

Speed: words per CPU second of ``segment()`` on one core (whitespace-separated words,
``time.process_time``), on all UD documents of the run: one pass with a fresh Morfeusz
cache (cold), then the best of five warm passes.

Usage::

    .venv/bin/python scripts/eval_segmentation.py [--nkjp] [--errors 15] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
from dataclasses import dataclass
from pathlib import Path

from newsetl.config import shared_data_dir
from newsetl.morph import Morphology
from newsetl.segment import segment

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()
UD_FILES = ("pl_lfg-ud-dev", "pl_lfg-ud-test", "pl_pdb-ud-dev")

_QUOTES = str.maketrans(
    {
        "„": '"',
        "”": '"',
        "“": '"',
        "«": '"',
        "»": '"',
        "‟": '"',
        "″": '"',
        "’": "'",
        "‘": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "‒": "-",
        "―": "-",
        "−": "-",
    }
)
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def normalize(sentence: str) -> str:
    """The subset of newsetl's normalization that matters for segmentation."""
    return _SPACES.sub(" ", sentence.translate(_QUOTES)).strip()


def ud_sentences(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as fh:
        texts = [line[len("# text = ") :].rstrip("\n") for line in fh if line.startswith("# text = ")]
    return [t for t in (normalize(x) for x in texts) if t]


@dataclass
class Doc:
    text: str
    gold: list[int]  # internal sentence ends


def join(sentences: list[str]) -> Doc:
    ends, pos = [], 0
    for s in sentences:
        pos += len(s)
        ends.append(pos)
        pos += 1
    return Doc(" ".join(sentences), ends[:-1])


def chunked(sentences: list[str], size: int) -> list[Doc]:
    return [join(sentences[i : i + size]) for i in range(0, len(sentences), size)]


_NKJP_NO_SPACE_BEFORE = set(".,;:?!)]}…%")
_NKJP_NO_SPACE_AFTER = set("([{")


def nkjp_docs(path: Path) -> list[Doc]:
    """NKJP documents with heuristic spacing (agglutinates glued, no space before
    closing punctuation, straight quotes alternate opening/closing)."""
    docs: list[Doc] = []
    words: list[str] = []
    ends: list[int] = []
    state = {"len": 0, "quote": False, "glue": True}

    def flush() -> None:
        if ends:
            docs.append(Doc("".join(words), ends[:-1]))
        words.clear()
        ends.clear()
        state.update(len=0, quote=False, glue=True)

    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART"):
                flush()
                continue
            if not line:
                if state["len"] and (not ends or ends[-1] != state["len"]):
                    ends.append(int(state["len"]))
                continue
            tok, _, tag, *_ = line.split("\t")
            tok = tok.translate(_QUOTES)
            space = not state["glue"]
            state["glue"] = False
            if tok in _NKJP_NO_SPACE_BEFORE or tag.startswith("aglt"):
                space = False
            if tok == '"':
                if state["quote"]:
                    space = False
                else:
                    state["glue"] = True
                state["quote"] = not state["quote"]
            if tok in _NKJP_NO_SPACE_AFTER:
                state["glue"] = True
            if space and state["len"]:
                words.append(" ")
                state["len"] += 1
            words.append(tok)
            state["len"] += len(tok)
    flush()
    return docs


@dataclass
class Score:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "tp": self.tp,
        }


def predicted_ends(text: str, morph: Morphology) -> list[int]:
    return [end for _, end, _ in segment(text, "pl", morph=morph).sentences[:-1]]


def score(docs: list[Doc], morph: Morphology, errors: list[str] | None = None) -> Score:
    sc = Score()
    for doc in docs:
        pred = set(predicted_ends(doc.text, morph))
        gold = set(doc.gold)
        sc.tp += len(pred & gold)
        sc.n_pred += len(pred)
        sc.n_gold += len(gold)
        if errors is not None:
            for kind, offs in (("FP", pred - gold), ("FN", gold - pred)):
                for off in sorted(offs):
                    left = doc.text[max(0, off - 60) : off].replace("\n", " ")
                    right = doc.text[off : off + 40].replace("\n", " ")
                    errors.append(f"{kind}  …{left}‖{right}…")
    return sc


def words_per_second(texts: list[str], morph: Morphology, repeat: int = 1) -> float:
    """Words per CPU second of this process (one core; immune to other processes' load),
    best of ``repeat`` passes."""
    n_words = sum(len(t.split()) for t in texts)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for t in texts:
            segment(t, "pl", morph=morph)
        best = min(best, time.process_time() - t0)
    return n_words / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--doc-size", type=int, default=20)
    ap.add_argument("--errors", type=int, default=15, help="errors to print per file")
    ap.add_argument("--nkjp", action="store_true", help="also score NKJP 1M documents")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "eval" / "segmentation.json")
    args = ap.parse_args()

    morph = Morphology()
    results: dict[str, object] = {"doc_size": args.doc_size, "files": {}}
    all_texts: list[str] = []
    sets: list[tuple[str, list[Doc], list[Doc]]] = []
    for name in UD_FILES:
        sents = ud_sentences(SHARED / "ud" / f"{name}.conllu")
        docs = chunked(sents, args.doc_size)
        all_texts.extend(d.text for d in docs)
        sets.append((name, docs, [join(sents)]))
    if args.nkjp:
        docs = nkjp_docs(SHARED / "ner" / "nkjp-nested-simplified-v2.iob.gz")
        sets.append(("nkjp-1m (reconstructed)", docs, []))

    rng = random.Random(0)
    print(f"{'file':28} {'variant':10} {'P':>7} {'R':>7} {'F1':>7} {'gold':>6}")
    for name, docs, whole in sets:
        errors: list[str] = []
        chunk_score = score(docs, morph, errors)
        entry: dict[str, object] = {f"docs_of_{args.doc_size}": chunk_score.as_dict()}
        rows = [(f"by {args.doc_size}", chunk_score)]
        if whole:
            whole_score = score(whole, morph)
            entry["all_in_one"] = whole_score.as_dict()
            rows.append(("all-in-one", whole_score))
        for variant, sc in rows:
            print(f"{name:28} {variant:10} {sc.precision:7.4f} {sc.recall:7.4f} {sc.f1:7.4f} {sc.n_gold:6d}")
        sample = rng.sample(errors, min(args.errors, len(errors)))
        entry["error_sample"] = sample
        results["files"][name] = entry  # type: ignore[index]
        for e in sample:
            print("    " + e)

    cold = words_per_second(all_texts, Morphology())
    warm = words_per_second(all_texts, morph, repeat=5)
    n_words = sum(len(t.split()) for t in all_texts)
    results["speed"] = {"words": n_words, "words_per_s_cold": round(cold), "words_per_s_warm": round(warm)}
    print(f"speed: {n_words} words, {cold:,.0f} words/s (cold Morfeusz cache), {warm:,.0f} words/s (warm)")

    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
