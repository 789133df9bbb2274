"""Evaluate who said it (speaker), what it is about (subject) and what is counted (object).

The development set is ``scripts/data/attribution/`` (guideline: ``GUIDELINE.md`` there):

* ``nkjp_passages.tsv`` / ``nkjp_claims.tsv``: passages of NKJP 1M press documents from the
  NER corpus's dev and test splits (documents the NER model never trained on). No corpus
  text is stored: a passage is a document id and a sentence range; the text is rebuilt
  here from the corpus tokens (``$NEWSETL_SHARED_DATA/ner/nkjp-nested-simplified-v2.iob.gz``)
  and every claim is located by sentence index and surface (a check that the pointer and
  the corpus agree).
* ``articles/*.txt`` / ``written_claims.tsv``: short news articles written for this set
  (invented people and figures) with the patterns the corpus has few of: headlines
  "X: …", bylines and credits, agencies, nested sources, roles, multi-paragraph quotes.
* ``nkjp_passages_2.tsv`` / ``nkjp_claims_2.tsv`` / ``written_claims_2.tsv``: round 2,
  the same formats, all held-out.

Each passage runs through what users get: normalization, ``newsetl.segment`` and the
registered extractors of :mod:`newsetl.extract.extractors` in their run order — entities
(the shipped NER tagger, base forms, derived forms and linking with the shipped entity
lexicon), times (dates and clock times, which the claims step blocks) and claims — called
exactly as a run calls them (no publication date: relative dates stay unresolved, which
changes no claim). A predicted claim matches a gold claim when their spans overlap.
Speakers and subjects are compared by the entity's name as the document resolves it
(``Mention.entity_name``: "Mark Rutte" for "Rutte", "Polska" for "Polaków"), case-folded,
without diacritics.

Figures, per part (``tune``: the rules may be tuned on it; ``heldout``: a fixed third of the
round-1 passages, chosen by a hash of the passage id, never looked at while tuning;
``heldout2``: the passages of round 2, ``*_2.tsv``, all held-out, annotated before the
extractor ran on them; ``held all``: both held-out parts):

* detection precision (predicted claims that match a gold claim) and recall;
* speaker precision, recall and F1 over claims whose gold speaker is a named person or
  organisation, and the share of the journalist's own claims that get a speaker anyway;
* subject precision, recall and F1;
* object accuracy over matched claims (no object on both sides counts as right);
* disagreements by kind (missed, wrong, spurious) and, where no entity of the passage
  carries the gold name, why (the name merged into a longer one, cut short, given another
  base form, or not found at all) — counts only, so held-out parts can show them.

Usage::

    .venv/bin/python scripts/eval_attribution.py [--out PATH] [--show PASSAGE_PREFIX] [--errors]

(``--errors`` and ``--show`` print tune passages only.)
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims_pipeline import extracted, load_models
from newsetl.config import shared_data_dir
from newsetl.extract.claims import EXTRACTOR_VERSION
from newsetl.extract.entities.lexicon import EntityLexicon
from newsetl.extract.entities.ner_corpus import parse_iob
from newsetl.extract.models import Models
from newsetl.normalize.text import normalized_text
from newsetl.segment import segment
from newsetl.spans import Claim, Mention

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "scripts" / "data" / "attribution"
NKJP = "ner/nkjp-nested-simplified-v2.iob.gz"
NAMED_PATTERNS_EXCLUDED = frozenset({"own", "unnamed", "skip"})


# --- rebuilding NKJP text ---------------------------------------------------------------
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}%…")
_NO_SPACE_AFTER = frozenset("([{„")


def _glued(tokens: Sequence[str], tags: Sequence[str], k: int, quote_open: bool) -> bool:
    """Whether token ``k`` is written without a space before it."""
    tok, prev, tag, prev_tag = tokens[k], tokens[k - 1], tags[k], tags[k - 1]
    return (
        tok in _NO_SPACE_BEFORE
        or prev in _NO_SPACE_AFTER
        or tok == "”"
        or tag.startswith("aglt")  # "podjęli" + "śmy"
        or (tok == "by" and prev_tag.startswith("praet"))  # "zmienił" + "by"
        or (quote_open and '"' in (prev, tok))  # inside „…”
        or (prev == "." and tok[:1].isdigit() and k >= 2 and tokens[k - 2][-1:].isdigit())  # "13 . 40"
        or (tok == "-" and prev_tag.startswith("adja"))  # "polsko - rosyjski"
        or (prev == "-" and k >= 2 and tags[k - 2].startswith("adja"))
    )


def sentence_text(tokens: Sequence[str], tags: Sequence[str]) -> str:
    """Running text of one NKJP sentence: spacing from punctuation rules, agglutinates
    and split adjectival compounds joined, straight double quotes alternating between
    opening and closing; normalized as ``documents.text``."""
    out: list[str] = []
    quote_open = False
    for k, tok in enumerate(tokens):
        if k and not _glued(tokens, tags, k, quote_open):
            out.append(" ")
        if tok == '"':
            quote_open = not quote_open
        out.append(tok)
    text: str = normalized_text("".join(out)).text
    return text


def nkjp_sentences(path: Path, wanted: set[str]) -> dict[str, list[str]]:
    """Sentences (rebuilt text) of the wanted NKJP documents, by document id."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = parse_iob(fh, keep_columns=True)
    found: dict[str, list[str]] = {}
    for doc in docs:
        doc_id = doc.doc_id.removeprefix("./")
        if doc_id in wanted:
            found[doc_id] = [
                sentence_text(words, [cols[1] for cols in columns])
                for words, columns in zip(doc.sentences, doc.columns, strict=True)
            ]
    return found


# --- the development set ----------------------------------------------------------------
@dataclass
class Gold:
    passage: str
    start: int
    end: int
    surface: str
    obj: str | None
    subject: tuple[str, ...]  # acceptable canonical names; () = no subject
    speaker: tuple[str, ...]
    pattern: str


@dataclass
class Passage:
    pid: str
    source: str  # "nkjp" | "written"
    text: str
    round: int = 1  # the annotation round the passage was added in (see ROUNDS)
    gold: list[Gold] = field(default_factory=list)

    @property
    def split(self) -> str:
        """Round 1: a fixed third by hash is ``heldout``, the rest ``tune``. Round 2 was
        added as held-out as a whole (``heldout2``), annotated before the extractor ran on it."""
        if self.round == 2:
            return "heldout2"
        return "heldout" if int(hashlib.sha1(self.pid.encode()).hexdigest(), 16) % 3 == 0 else "tune"


# Files of each annotation round: NKJP passages, NKJP claims, claims of written articles.
ROUNDS = {
    1: ("nkjp_passages.tsv", "nkjp_claims.tsv", "written_claims.tsv"),
    2: ("nkjp_passages_2.tsv", "nkjp_claims_2.tsv", "written_claims_2.tsv"),
}
SPLITS = ("tune", "heldout", "heldout2")


def _rows(path: Path) -> Iterator[list[str]]:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _names(cell: str) -> tuple[str, ...]:
    return () if cell == "-" else tuple(cell.split("|"))


def with_canonical_names(passages: Sequence[Passage], lexicon: EntityLexicon) -> None:
    """Let each gold name also match the canonical name the shipped alias table gives it
    ("ZUS" -> Zakład Ubezpieczeń Społecznych): the pipeline names an entity by its
    canonical name, and that is the same entity, not an error."""

    def expand(names: tuple[str, ...]) -> tuple[str, ...]:
        extra = [c for n in names if (c := lexicon.canonical(n)) not in names]
        return (*names, *dict.fromkeys(extra))

    for p in passages:
        for g in p.gold:
            g.speaker, g.subject = expand(g.speaker), expand(g.subject)


def _locate(text: str, surface: str, lo: int, hi: int) -> tuple[int, int]:
    """Span of the n-th whole-word occurrence of ``surface`` ("23#2": the second) in text[lo:hi]."""
    base, _, nth = surface.partition("#")
    pattern = re.compile(r"(?<![\w,])" + re.escape(base) + r"(?!\w)")
    hits = [m.span() for m in pattern.finditer(text, lo, hi)]
    index = int(nth) - 1 if nth else 0
    if index >= len(hits):
        raise ValueError(f"{surface!r} not found in {text[lo:hi]!r}")
    return hits[index]


def load_nkjp(shared: Path, round_: int = 1) -> list[Passage]:
    passages_file, claims_file, _ = ROUNDS[round_]
    specs = list(_rows(DATA / passages_file))
    sentences = nkjp_sentences(shared / NKJP, {row[1] for row in specs})
    passages: dict[str, Passage] = {}
    offsets: dict[str, dict[int, tuple[int, int]]] = {}
    for pid, doc, first, last, breaks in specs:
        starts = set() if breaks == "-" else {int(x) for x in breaks.split(",")}
        parts: list[str] = []
        spans: dict[int, tuple[int, int]] = {}
        pos = 0
        for idx in range(int(first), int(last) + 1):
            if parts:
                sep = "\n\n" if idx in starts else " "
                parts.append(sep)
                pos += len(sep)
            sent = sentences[doc][idx]
            spans[idx] = (pos, pos + len(sent))
            parts.append(sent)
            pos += len(sent)
        passages[pid] = Passage(pid, "nkjp", "".join(parts), round_)
        offsets[pid] = spans
    for pid, sent, surface, obj, subject, speaker, pattern in _rows(DATA / claims_file):
        p = passages[pid]
        start, end = _locate(p.text, surface, *offsets[pid][int(sent)])
        p.gold.append(
            Gold(pid, start, end, surface, None if obj == "-" else obj, _names(subject), _names(speaker), pattern)
        )
    return list(passages.values())


def load_written(round_: int = 1) -> list[Passage]:
    """The articles whose claims the round's file lists."""
    rows = list(_rows(DATA / ROUNDS[round_][2]))
    passages: dict[str, Passage] = {}
    for pid in dict.fromkeys(row[0] for row in rows):
        text = normalized_text((DATA / "articles" / f"{pid}.txt").read_text(encoding="utf-8")).text
        passages[pid] = Passage(pid, "written", text, round_)
    for pid, _, surface, obj, subject, speaker, pattern in rows:
        p = passages[pid]
        start, end = _locate(p.text, surface, 0, len(p.text))
        p.gold.append(
            Gold(pid, start, end, surface, None if obj == "-" else obj, _names(subject), _names(speaker), pattern)
        )
    return list(passages.values())


# --- running the pipeline ----------------------------------------------------------------
@dataclass
class Run:
    claims: list[Claim]
    names: dict[str, str]  # entity id -> canonical name
    mentions: list[Mention]
    paragraphs: int
    words: int


def entity_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """Entity id -> the entity's name as the document resolves it (derived forms carry
    their base entity's: "Polaków" -> Polska)."""
    return {m.entity_id: m.entity_name or m.lemma for m in mentions}


def run_passage(text: str, models: Models) -> tuple[Run, float]:
    """The registered extractors over one Polish document, in run order; CPU seconds of
    the claims step alone."""
    seg = segment(text, "pl", morph=models.morph)
    found = extracted(text, seg, models)
    run = Run(found.claims, entity_names(found.mentions), found.mentions, len(seg.paragraphs), len(seg.tokens))
    return run, found.claims_seconds


# --- scoring --------------------------------------------------------------------------------
def fold_name(name: str) -> str:
    """Names compared case-folded, without diacritics or quotes, spaces collapsed."""
    decomposed = unicodedata.normalize("NFD", name.replace("ł", "l").replace("Ł", "L"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace('"', " ").split()).casefold()


@dataclass
class Row:
    gold: Gold
    split: str
    source: str
    found: bool
    speaker: str | None
    subject: str | None
    obj: str | None
    names: frozenset[str]  # canonical names of the passage's entities, folded


def score_passage(p: Passage, run: Run) -> tuple[list[Row], list[dict[str, Any]]]:
    """Gold rows with the matched prediction, and predicted claims that match no gold claim."""
    rows: list[Row] = []
    used: set[int] = set()
    names = frozenset(fold_name(n) for n in run.names.values())
    for g in sorted(p.gold, key=lambda g: g.start):
        hit = next(
            (k for k, c in enumerate(run.claims) if k not in used and c.start < g.end and g.start < c.end),
            None,
        )
        if hit is not None:
            used.add(hit)
        c = run.claims[hit] if hit is not None else None
        rows.append(
            Row(
                g,
                p.split,
                p.source,
                c is not None,
                run.names.get(c.speaker_entity_id or "") if c else None,
                run.names.get(c.subject_entity_id or "") if c else None,
                c.object if c else None,
                names,
            )
        )
    extra = [
        {"passage": p.pid, "surface": p.text[c.start : c.end], "context": _context(p.text, c.start, c.end)}
        for k, c in enumerate(run.claims)
        if k not in used
    ]
    return rows, extra


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 60) : start] + "[[" + text[start:end] + "]]" + text[end : end + 40]


def _prf(correct: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"correct": correct, "predicted": predicted, "gold": gold, "precision": p, "recall": r, "f1": f}


def _agrees(predicted: str | None, gold: tuple[str, ...]) -> bool:
    return predicted is not None and fold_name(predicted) in {fold_name(n) for n in gold}


def summary(rows: Sequence[Row], extra: int) -> dict[str, Any]:
    claims = [r for r in rows if r.gold.pattern != "skip"]
    found = [r for r in claims if r.found]
    own = [r for r in claims if r.gold.pattern == "own"]
    named = [r for r in claims if r.gold.pattern not in NAMED_PATTERNS_EXCLUDED]
    objects_right = sum((r.obj or "").casefold() == (r.gold.obj or "").casefold() for r in found)
    return {
        "claims": len(claims),
        "journalist_own": len(own),
        "unnamed_source": sum(r.gold.pattern == "unnamed" for r in claims),
        "named_speaker": len(named),
        "with_subject": sum(bool(r.gold.subject) for r in claims),
        "detection": {
            "matched": len(found),
            "precision": len(found) / (len(found) + extra) if found or extra else 0.0,
            "recall": len(found) / len(claims) if claims else 0.0,
            "not_claims_emitted": extra,
        },
        "speaker": _prf(
            sum(_agrees(r.speaker, r.gold.speaker) for r in claims),
            sum(r.speaker is not None for r in claims),
            sum(bool(r.gold.speaker) for r in claims),
        ),
        "own_given_speaker": sum(r.speaker is not None for r in own) / len(own) if own else 0.0,
        "subject": _prf(
            sum(_agrees(r.subject, r.gold.subject) for r in claims),
            sum(r.subject is not None for r in claims),
            sum(bool(r.gold.subject) for r in claims),
        ),
        "object_accuracy": objects_right / len(found) if found else 0.0,
        # The same figures over the claims whose gold name (if any) some entity of the
        # passage carries: what the claims rules achieve when the entity stage is right.
        "speaker_where_entity": _prf(
            sum(_agrees(r.speaker, r.gold.speaker) for r in claims if _fair(r.gold.speaker, r)),
            sum(r.speaker is not None for r in claims if _fair(r.gold.speaker, r)),
            sum(bool(r.gold.speaker) for r in claims if _fair(r.gold.speaker, r)),
        ),
        "subject_where_entity": _prf(
            sum(_agrees(r.subject, r.gold.subject) for r in claims if _fair(r.gold.subject, r)),
            sum(r.subject is not None for r in claims if _fair(r.gold.subject, r)),
            sum(bool(r.gold.subject) for r in claims if _fair(r.gold.subject, r)),
        ),
        # Gold names the entity stage gave no mention in the passage (the tagger missed the
        # name or its base form differs: "Kenja Sato"): no claims rule can reach these.
        "speaker_gold_without_entity": sum(bool(r.gold.speaker) and not _reachable(r.gold.speaker, r) for r in claims),
        "subject_gold_without_entity": sum(bool(r.gold.subject) and not _reachable(r.gold.subject, r) for r in claims),
        "speaker_errors": _error_kinds([(r.speaker, r.gold.speaker, r) for r in found]),
        "subject_errors": _error_kinds([(r.subject, r.gold.subject, r) for r in found]),
    }


def _error_kinds(pairs: Sequence[tuple[str | None, tuple[str, ...], Row]]) -> dict[str, int]:
    """Disagreements by kind (counts only: what a held-out part may show): ``missed`` (gold
    name, none predicted; ``missed_no_entity`` of those had no entity with the gold name),
    ``wrong`` (another name), ``spurious`` (a name where the gold has none)."""
    kinds = dict.fromkeys(("missed", "missed_no_entity", "wrong", "wrong_no_entity", "spurious"), 0)
    for predicted, gold, row in pairs:
        if predicted is None and gold:
            kinds["missed"] += 1
            kinds["missed_no_entity"] += not _reachable(gold, row)
        elif predicted is not None and not gold:
            kinds["spurious"] += 1
        elif predicted is not None and not _agrees(predicted, gold):
            kinds["wrong"] += 1
            kinds["wrong_no_entity"] += not _reachable(gold, row)
        if gold and not _reachable(gold, row) and (predicted is None or not _agrees(predicted, gold)):
            cause = f"no_entity_{_entity_gap(gold, row)}"
            kinds[cause] = kinds.get(cause, 0) + 1
    return kinds


def _entity_gap(gold: tuple[str, ...], row: Row) -> str:
    """Why no entity carries a gold name: ``merged`` (an entity name holds it and more:
    "Związek Miast Polskich Beata Górecka"), ``partial`` (an entity name is part of it),
    ``base_form`` (an entity name has the same words up to their endings: "Kenja Sato"),
    ``missing`` (none of these: the tagger found no such name)."""
    golds = [fold_name(n).split() for n in gold]
    names = [n.split() for n in row.names]
    if any(_inside(g, n) and len(n) > len(g) for g in golds for n in names):
        return "merged"
    if any(_inside(n, g) and len(g) > len(n) for g in golds for n in names):
        return "partial"

    def stems(words: list[str]) -> list[str]:
        return [w[:4] for w in words]

    if any(stems(g) == stems(n) for g in golds for n in names):
        return "base_form"
    return "missing"


def _fair(gold: tuple[str, ...], row: Row) -> bool:
    """No gold name, or one that an entity of the passage carries."""
    return not gold or _reachable(gold, row)


def _inside(part: list[str], whole: list[str]) -> bool:
    """``part`` is a run of consecutive words of ``whole``."""
    return any(whole[i : i + len(part)] == part for i in range(len(whole) - len(part) + 1))


def _reachable(gold: tuple[str, ...], row: Row) -> bool:
    return any(fold_name(n) in row.names for n in gold)


def _line(name: str, s: dict[str, Any]) -> str:
    d, sp, su = s["detection"], s["speaker"], s["subject"]
    return (
        f"{name:<8} claims {s['claims']:>3} (own {s['journalist_own']}, unnamed {s['unnamed_source']}, "
        f"named {s['named_speaker']}, subject {s['with_subject']}) | detection P {d['precision']:.3f} "
        f"R {d['recall']:.3f} | speaker P {sp['precision']:.3f} R {sp['recall']:.3f} F1 {sp['f1']:.3f}, "
        f"own with speaker {s['own_given_speaker']:.1%} | subject P {su['precision']:.3f} R {su['recall']:.3f} "
        f"F1 {su['f1']:.3f} | object {s['object_accuracy']:.3f} | gold names with no entity: speaker "
        f"{s['speaker_gold_without_entity']}, subject {s['subject_gold_without_entity']}"
        f"\n{'':<9}where an entity carries the gold name: speaker F1 {s['speaker_where_entity']['f1']:.3f}, "
        f"subject F1 {s['subject_where_entity']['f1']:.3f}"
        f"\n{'':<9}errors by kind: speaker {_kinds(s['speaker_errors'])}; subject {_kinds(s['subject_errors'])}"
    )


def _kinds(k: dict[str, int]) -> str:
    gaps = ", ".join(
        f"{key.removeprefix('no_entity_')} {n}" for key, n in sorted(k.items()) if key.startswith("no_entity_")
    )
    return (
        f"missed {k['missed']} ({k['missed_no_entity']} no entity), wrong {k['wrong']} "
        f"({k['wrong_no_entity']} no entity), spurious {k['spurious']}" + (f" [no entity: {gaps}]" if gaps else "")
    )


def _errors(rows: Sequence[Row]) -> Iterator[str]:
    for r in rows:
        g = r.gold
        if g.pattern == "skip":
            continue
        problems = []
        if not r.found:
            problems.append("MISSED")
        else:
            if (r.speaker is not None or g.speaker) and not _agrees(r.speaker, g.speaker):
                problems.append(f"speaker {r.speaker!r} != {g.speaker[:1]}")
            if (r.subject is not None or g.subject) and not _agrees(r.subject, g.subject):
                problems.append(f"subject {r.subject!r} != {g.subject[:1]}")
            if (r.obj or "").casefold() != (g.obj or "").casefold():
                problems.append(f"object {r.obj!r} != {g.obj!r}")
        if problems:
            yield f"{g.passage} {g.surface!r} [{g.pattern}] " + "; ".join(problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "eval" / "attribution.json")
    parser.add_argument("--errors", action="store_true", help="print every disagreement (tune part only)")
    parser.add_argument(
        "--show", help="print tune passages whose id starts with this, with mentions and claims (never held-out ones)"
    )
    args = parser.parse_args()

    models = load_models()
    shared = shared_data_dir()
    passages = [p for round_ in ROUNDS for p in (*load_nkjp(shared, round_), *load_written(round_))]
    with_canonical_names(passages, models.entity_lexicon)
    rows: list[Row] = []
    extras: list[dict[str, Any]] = []
    extra_by_split: dict[str, int] = dict.fromkeys(SPLITS, 0)
    words = 0
    seconds = 0.0
    for p in passages:
        run, spent = run_passage(p.text, models)
        words += run.words
        seconds += spent
        got, extra = score_passage(p, run)
        rows += got
        extras += [{**e, "split": p.split} for e in extra]
        extra_by_split[p.split] += len(extra)
        if args.show and p.pid.startswith(args.show) and p.split == "tune":
            print(f"=== {p.pid} ({p.split})\n{p.text}")
            for m in run.mentions:
                print(f"  M {m.label} {p.text[m.start : m.end]!r} -> {run.names.get(m.entity_id)}")
            for c in run.claims:
                print(
                    f"  C {p.text[c.start : c.end]!r} obj={c.object} subj={run.names.get(c.subject_entity_id or '')}"
                    f" spk={run.names.get(c.speaker_entity_id or '')}"
                )
    result: dict[str, Any] = {"extractor_version": EXTRACTOR_VERSION, "passages": len(passages)}
    for split in SPLITS:
        result[split] = summary([r for r in rows if r.split == split], extra_by_split[split])
        print(_line(split, result[split]))
    held = [r for r in rows if r.split != "tune"]
    result["heldout_all"] = summary(held, extra_by_split["heldout"] + extra_by_split["heldout2"])
    print(_line("held all", result["heldout_all"]))
    result["all"] = summary(rows, sum(extra_by_split.values()))
    print(_line("all", result["all"]))
    for source in ("nkjp", "written"):
        part = [r for r in rows if r.source == source]
        n_extra = sum(1 for e in extras if e["passage"] in {r.gold.passage for r in part})
        result[source] = summary(part, n_extra)
        print(_line(source, result[source]))
    speed = round(words / seconds) if seconds else 0
    result["claims_step_words_per_cpu_second"] = speed
    print(f"claims step on the dev set, with mentions: {words} words, {speed:,} words/s")
    result["not_claims_emitted"] = extras
    result["rows"] = [
        {
            "passage": r.gold.passage,
            "split": r.split,
            "surface": r.gold.surface,
            "pattern": r.gold.pattern,
            "found": r.found,
            "speaker": [r.speaker, list(r.gold.speaker)],
            "subject": [r.subject, list(r.gold.subject)],
            "object": [r.obj, r.gold.obj],
        }
        for r in rows
    ]
    if args.errors:
        for line in _errors([r for r in rows if r.split == "tune"]):
            print(line)
        for e in extras:
            if e["split"] == "tune":
                print(f"{e['passage']} NOT A CLAIM {e['context']!r}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
