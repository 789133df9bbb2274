"""Evaluate newsetl.extract.times: spans and values on KPWr, Duckling's Polish Time corpus, speed.

Data (read from ``$NEWSETL_SHARED_DATA``, default ``../shared/data``):

1. ``timex/kpwr_timex_pl.json``: 252 KPWr documents with 604 TIMEX3 expressions. The
   documents are split into two halves by a fixed seed (``SPLIT_SEED``): *tune* (rules
   were adjusted looking at its errors) and *held-out* (only its figures are looked at).
   Each text goes through the pipeline's normalization (``normalized_text``) and
   segmentation; predicted spans are mapped back to the original offsets; the reference
   time is the document's ``date`` at 12:00 UTC (none for the 19 documents without one).

   * Target set: gold expressions of type date or time; predictions of type date or time.
   * *Exact* match: same start and end. *Overlap* match: at least one character in common,
     one-to-one (gold in text order, each taking the first unmatched overlapping prediction).
   * A predicted date/time that overlaps a gold duration or set ("dwa lata temu" is a
     date for us, the duration "dwa lata" in KPWr) is a type disagreement, not a false
     positive; such predictions are counted and left out of precision ("strict" counts
     them as false positives).
   * Value accuracy: on overlap-matched pairs whose gold has a value, our value equals the
     gold's after normalisation (upper case; KPWr's "T18:00" and "xxxx-xx-xxT18:00" both
     mean a clock time with no day: ``XXXX-XX-XXT18:00``). In documents with a date the
     gold is ``val`` (resolved against the document date by the annotators). In documents
     without a date relative gold values cannot be reproduced: pairs whose ``lval`` holds a
     relative marker (``+``, ``-``, ``<``, ``>``, ``x``) are reported apart, the others
     compared with ``val``. Two figures:

     - *strict*: our value equals the gold's;
     - *convention-aware* (the target): KPWr's annotators left some values open that the
       text leaves open ("XXXX-09-11", "T07:00") and resolved others; we always resolve
       them. Our value is compared with the parts we filled from an anchor (the document
       date, an earlier day of the text) masked back to ``X`` where the gold has ``X`` —
       only where the value as written (``times_in(..., anchored=False)``) is open too,
       so what the text states must still match (see ``_convention_ok``).

     *Compatible* (reported, an older looser score): every ``X`` of the gold is a wildcard.
     Errors are counted by kind (``value_errors_by_kind``, and
     ``convention_aware_errors_by_kind`` by the expression's written form), so the
     held-out half can be summarised without reading its examples.

2. ``numerals/duckling_pl_examples.json`` (Time part), reference 2013-02-12T04:30 UTC-2.
   Each phrase is normalized, segmented and read with ``times_in``; the expression
   covering the most of the phrase is compared with Duckling's value at Duckling's grain
   (Day ``2013-02-12``, Hour ``2013-02-12T15:00``, Week ``2013-W07``, …). Categories, by
   rule (the first that applies):

   * *interval_or_second*: Duckling expects an interval, an open interval, or a value at
     second grain (periods such as "ostatnie 2 dni" and offsets like "za minutę" are
     durations or ranges in TIMEX3, not points);
   * *narrative*: "później", "potem", "wcześniej" — relative to another event, not to the
     reference time;
   * *within*: "w godzinę", "w 7 dni", "w przeciągu godziny" — in Polish a span ("within
     an hour"), a duration, where Duckling reads a point after the reference;
   * *english_notation*: English word order (a month name followed by a day or a two-digit
     year: "Luty 15", "marzec pierwszy", "14 Kwietnia 15"), US numeric dates ("2/15",
     "10-31-74"), or a 12-hour clock ("3:20" meaning 15:20);
   * *abbreviation*: a weekday or month shortened ("pon.", "czw", "Sie 8");
   * *misspelt*: a word Morfeusz does not know ("nastepny", "piatek", "14kwiecien");
   * *clock_only*: a time with no day in the phrase ("o trzeciej", "15:30"): we do not
     give a day to a clock time the text gives none, so only the clock is compared;
   * *standard*: everything else. The target (≥ 0.90) is on standard + clock_only.

3. Speed: words per CPU second of ``times_in`` alone on NKJP 1M documents (spacing
   reconstructed, ``segment`` run beforehand, reference 2024-01-15), a cold pass (fresh
   Morfeusz cache, used for verb tenses) and a warm one.

Usage::

    .venv/bin/python scripts/eval_times.py [--out PATH] [--no-speed] [--errors tune]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from newsetl.config import shared_data_dir
from newsetl.extract.times import EXTRACTOR_VERSION, TimeExpr, times_in
from newsetl.morph import Morphology
from newsetl.normalize.text import normalized_text
from newsetl.segment import segment
from nkjp_documents import nkjp_token_documents

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()
SPLIT_SEED = 14


# --- 1. KPWr ------------------------------------------------------------------------------


def kpwr_split(docs: list[dict[str, Any]]) -> dict[str, str]:
    """Document id → "tune" | "held_out": a seeded shuffle of the sorted ids, halved."""
    ids = sorted(d["id"] for d in docs)
    random.Random(SPLIT_SEED).shuffle(ids)
    half = len(ids) // 2
    return {doc_id: ("tune" if k < half else "held_out") for k, doc_id in enumerate(ids)}


def _norm_value(value: str | None) -> str | None:
    if value is None:
        return None
    v = value.upper()
    if v.startswith("T"):
        v = "XXXX-XX-XX" + v
    return v


_RELATIVE_LVAL = re.compile(r"[+<>$-]|X", re.IGNORECASE)


def predict(doc: dict[str, Any], morph: Morphology) -> tuple[list[tuple[int, int, TimeExpr]], dict[int, str]]:
    """Our expressions (raw offsets) and, by raw start, each one's value as written (nothing
    taken from the document date or from an earlier day of the text)."""
    norm = normalized_text(doc["text"])
    seg = segment(norm.text, "pl", morph=morph)
    published = datetime.fromisoformat(doc["date"]).replace(hour=12, tzinfo=UTC) if doc["date"] else None
    out = []
    for t in times_in(norm.text, seg, "pl", published, morph=morph):
        raw_start, raw_end = norm.offsets.raw_span(t.start, t.end)
        out.append((raw_start, raw_end, t))
    written = times_in(norm.text, seg, "pl", published, morph=morph, anchored=False)
    assert [(t.start, t.end) for _, _, t in out] == [(t.start, t.end) for t in written]
    return out, {raw_start: w.value for (raw_start, _, _), w in zip(out, written, strict=True)}


def _match(gold: list[dict[str, Any]], pred: list[tuple[int, int, TimeExpr]], exact: bool) -> dict[int, int]:
    """Gold index → prediction index, one-to-one."""
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for pi, (ps, pe, _) in enumerate(pred):
            if pi in taken:
                continue
            if (ps == g["start"] and pe == g["end"]) if exact else (ps < g["end"] and g["start"] < pe):
                pairs[gi] = pi
                taken.add(pi)
                break
    return pairs


def eval_kpwr(morph: Morphology, show_errors: str | None) -> dict[str, Any]:
    docs = json.loads((SHARED / "timex" / "kpwr_timex_pl.json").read_text())["docs"]
    split = kpwr_split(docs)
    tallies: dict[str, Counter[str]] = {"tune": Counter(), "held_out": Counter(), "all": Counter()}
    errors: list[str] = []
    for doc in docs:
        part = split[doc["id"]]
        pred_all, written_at = predict(doc, morph)
        gold_all = doc["timexes"]
        gold = [g for g in gold_all if g["type"] in ("date", "time")]
        other = [g for g in gold_all if g["type"] not in ("date", "time")]
        pred = [p for p in pred_all if p[2].type in ("date", "time")]
        crossing = [
            p
            for p in pred
            if any(p[0] < g["end"] and g["start"] < p[1] for g in other)
            and not any(p[0] < g["end"] and g["start"] < p[1] for g in gold)
        ]
        pred_scored = [p for p in pred if p not in crossing]
        exact = _match(gold, pred_scored, exact=True)
        overlap = _match(gold, pred_scored, exact=False)
        c = Counter(
            gold=len(gold),
            pred=len(pred_scored),
            type_disagreement=len(crossing),
            exact=len(exact),
            overlap=len(overlap),
        )
        for gi, pi in overlap.items():
            g, t = gold[gi], pred_scored[pi][2]
            if g.get("val") is None:
                continue
            if not doc["date"] and _RELATIVE_LVAL.search(g.get("lval") or ""):
                c["value_relative_undated"] += 1
                continue
            c["value_pairs"] += 1
            gold_v, ours_v = _norm_value(g["val"]) or "", _norm_value(t.value) or ""
            written_v = _norm_value(written_at[pred_scored[pi][0]]) or ""
            ok = gold_v == ours_v
            ok_convention = _convention_ok(gold_v, ours_v, written_v)
            c["value_ok"] += ok
            c["value_ok_convention"] += ok_convention
            if not ok:
                c["value_error_" + _disagreement(gold_v, ours_v)] += 1
            if not ok_convention:
                c["convention_error_" + _family(written_v) + "/" + _disagreement(gold_v, ours_v)] += 1
            c["value_compatible"] += _compatible(gold_v, ours_v)
            c["type_ok"] += g["type"] == t.type
            if gi in exact:
                c["value_pairs_exact"] += 1
                c["value_ok_exact"] += ok
            if not ok and show_errors == part:
                errors.append(
                    f"VALUE {doc['id']} {doc['date']} {g['text']!r} gold={g['val']} ours={t.value} ({t.text!r})"
                    + (" [convention]" if ok_convention else "")
                )
        for key in (part, "all"):
            tallies[key].update(c)
        if show_errors == part:
            text = doc["text"]
            for gi, g in enumerate(gold):
                if gi not in overlap:
                    ctx = text[max(0, g["start"] - 50) : g["end"] + 30].replace("\n", " ")
                    errors.append(f"MISS  {doc['id']} {g['type']} {g['text']!r} {g.get('val')} | {ctx}")
                elif gi not in exact:
                    t = pred_scored[overlap[gi]][2]
                    errors.append(f"SPAN  {doc['id']} gold={g['text']!r} ours={t.text!r}")
            matched = set(overlap.values())
            for pi, (ps, pe, t) in enumerate(pred_scored):
                if pi not in matched:
                    ctx = text[max(0, ps - 50) : pe + 30].replace("\n", " ")
                    errors.append(f"EXTRA {doc['id']} {t.type} {t.text!r} {t.value} | {ctx}")
    if errors:
        print("\n".join(errors))
    return {name: _kpwr_figures(c) for name, c in tallies.items()} | {
        "split": {"seed": SPLIT_SEED, "documents": Counter(split.values())}
    }


def _compatible(gold: str, ours: str) -> bool:
    """Our value says what the gold says, perhaps more: each X of the gold is a wildcard
    ("XXXX-09-11" ~ "2007-09-11"), a gold weekday of an unknown week matches a date on
    that weekday ("XXXX-WXX-1" ~ "2009-07-06")."""
    if gold == ours:
        return True
    week = re.fullmatch(r"XXXX-WXX-(\d)(.*)", gold)
    if week and re.fullmatch(r"\d{4}-\d\d-\d\d.*", ours):
        day = date.fromisoformat(ours[:10])
        return day.isoweekday() == int(week.group(1)) and ours[10:] == week.group(2)
    return len(gold) == len(ours) and all(g in ("X", o) for g, o in zip(gold, ours, strict=True))


def _convention_ok(gold: str, ours: str, written: str) -> bool:
    """Right under KPWr's convention for what the text leaves open.

    KPWr's annotators resolved some expressions whose text leaves parts open ("11
    września" → ``2007-09-11``) and left others open (``XXXX-09-11``, a clock time with
    no day ``T07:00``, a weekday ``XXXX-WXX-1``). We always resolve them (against the
    publication date, or an earlier day of the text). Where the gold keeps an ``X`` in a
    position that the expression as written (``written``: our value with nothing filled
    from an anchor) also leaves open, our filled-in part is masked back to ``X`` before
    comparing; everything the text states, and every part the gold resolved, must still
    match (a weekday we resolved to a date is compared in week form: "2009-07-06" is
    "2009-W28-1" against a gold "2009-WXX-1"). A gold value equal to the written form as a
    whole (``XXXX-WXX-1`` for "w poniedziałek") also counts: the annotator left open
    exactly what the text does."""
    if gold == ours:
        return True
    if "X" not in gold or "X" not in written:
        return False
    if gold == written:
        return True
    ours = _in_form_of(ours, written)
    if not len(gold) == len(ours) == len(written):
        return False
    masked = "".join("X" if g == "X" and w == "X" else o for g, o, w in zip(gold, ours, written, strict=True))
    return masked == gold


def _in_form_of(ours: str, written: str) -> str:
    """Our value in the form of the value as written, where the two differ in form: a
    weekday of an unknown week ("XXXX-WXX-1") that we resolved to a date is compared as
    the ISO week date of that day ("2009-07-06" → "2009-W28-1")."""
    weekday = re.fullmatch(r"XXXX-WXX-\d(.*)", written)
    day = re.fullmatch(r"(\d{4}-\d\d-\d\d)(.*)", ours)
    if weekday and day:
        iso = date.fromisoformat(day.group(1)).isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}-{iso[2]}{day.group(2)}"
    return ours


def _family(written: str) -> str:
    """What kind of expression a value came from, by its form as written (for error counts)."""
    if "X" not in written:
        return "stated"
    if re.fullmatch(r"XXXX-XX-XXT.*", written):
        return "clock_without_day"
    if re.fullmatch(r"XXXX-WXX-\d.*", written):
        return "weekday"
    if re.fullmatch(r"XXXX-\d\d(-\d\d)?(T.*)?", written):
        return "day_or_month_without_year"
    if written.startswith("XXXX-XX-XX"):
        return "relative_day"
    return "other_open"


def _disagreement(gold: str, ours: str) -> str:
    """Kind of a value error, for an overview that needs no reading of examples."""
    if "X" in gold and "X" not in ours:
        return "gold_open_ours_filled"
    if "X" in ours and "X" not in gold:
        return "ours_open_gold_filled"
    if gold[:10] == ours[:10] and "T" in gold + ours:
        return "same_day_other_clock"
    if len(gold) != len(ours):
        return "other_granularity"
    return "other_value"


def _kpwr_figures(c: Counter[str]) -> dict[str, Any]:
    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    def f1(tp: int, pred: int, gold: int) -> float | None:
        p, r = ratio(tp, pred), ratio(tp, gold)
        return round(2 * p * r / (p + r), 4) if p and r else None

    return {
        "gold": c["gold"],
        "predicted": c["pred"],
        "type_disagreements": c["type_disagreement"],
        "exact": {
            "tp": c["exact"],
            "precision": ratio(c["exact"], c["pred"]),
            "recall": ratio(c["exact"], c["gold"]),
            "f1": f1(c["exact"], c["pred"], c["gold"]),
        },
        "overlap": {
            "tp": c["overlap"],
            "precision": ratio(c["overlap"], c["pred"]),
            "recall": ratio(c["overlap"], c["gold"]),
            "f1": f1(c["overlap"], c["pred"], c["gold"]),
            "f1_strict": f1(c["overlap"], c["pred"] + c["type_disagreement"], c["gold"]),
        },
        "value": {
            "pairs": c["value_pairs"],
            "ok": c["value_ok"],
            "accuracy": ratio(c["value_ok"], c["value_pairs"]),
            "accuracy_convention_aware": ratio(c["value_ok_convention"], c["value_pairs"]),
            "ok_convention_aware": c["value_ok_convention"],
            "accuracy_exact_spans": ratio(c["value_ok_exact"], c["value_pairs_exact"]),
            "compatible": ratio(c["value_compatible"], c["value_pairs"]),
            "relative_in_undated_docs": c["value_relative_undated"],
        },
        "type_accuracy": ratio(c["type_ok"], c["value_pairs"]),
        "value_errors_by_kind": {
            k[len("value_error_") :]: v for k, v in sorted(c.items()) if k.startswith("value_error_")
        },
        "convention_aware_errors_by_kind": {
            k[len("convention_error_") :]: v for k, v in sorted(c.items()) if k.startswith("convention_error_")
        },
    }


# --- 2. Duckling --------------------------------------------------------------------------

DUCKLING_REF = datetime(2013, 2, 12, 4, 30, tzinfo=timezone(timedelta(hours=-2)))
_POINT = re.compile(r"^datetime(?:Holiday)? \((\d+), (\d+), (\d+), (\d+), (\d+), (\d+)\) (\w+)")
_MONTH_WORD = (
    r"(?:stycz\w*|lut\w*|mar[cz]\w*|kwie\w*|maj\w*|czerw\w*|lip\w*|sierp?\w*|wrze\w*|pa[zź]dz\w*|listopad\w*|grud\w*)"
)
# A month name before a day or a two-digit year ("Luty 15", "marzec pierwszy", "Kwietnia
# 15"), US numeric dates ("2/15", "10-31-74").
_ENGLISH = re.compile(
    rf"(?i)\b{_MONTH_WORD}\.?\s?(?:\d{{1,2}}(?!\d)|pierwsz\w*|drug\w*|trzec\w*|czwart\w*|piąt\w*|piętnast\w*|"
    r"ósm\w*|osm\w*|czternast\w*)|\d/\d|\b\d{1,2}-(?:1[3-9]|[23]\d)-\d{2,4}\b"
)
# "w godzinę", "w 7 dni", "w przeciągu godziny": within a span (a duration in Polish).
_WITHIN = re.compile(r"(?i)^(?:w\s+(?:\d|jed|kilk|godzin|tydz|przeciągu|ciągu)|za\s+(?:około|jakieś))")
_CLOCK_12 = re.compile(r"(?<![\d.])(\d{1,2}):(\d\d)")
_ABBREVIATION = re.compile(
    r"(?i)(?<!\w)(?:pon|wt|wtr|śr|śro|sr|czw|pia|pt|sob|niedz|ndz|nd|sty|lut|mar|kwi|cze|lip|sie|sier|sierp|wrz|paź|lis|gru)"
    r"(?:\.|(?!\w))"
)
_DAY_WORDS = re.compile(
    r"(?i)dzi[sś]|wczoraj|jutr|poniedzia|wtor|[sś]rod|czwart|pi[aą]t|sobot|niedziel|\d+[./-]\d+|"
    r"stycz|lut|marc|marz|kwie|maj|czerw|lip|sierp|wrze|pa[zź]dz|listopad|grud|tydz|tyg"
)


def duckling_category(phrase: str, expected: str, morph: Morphology) -> str:
    if not _POINT.match(expected) or expected.endswith("Second"):
        return "interval_or_second"
    if re.search(r"(?i)później|pozniej|potem|wcześniej", phrase):
        return "narrative"
    if _WITHIN.search(phrase):
        return "within"
    m = _POINT.match(expected)
    assert m is not None
    clock = _CLOCK_12.search(phrase)
    if _ENGLISH.search(phrase) or (clock and int(clock.group(1)) != int(m.group(4)) and int(clock.group(1)) <= 12):
        return "english_notation"
    if _ABBREVIATION.search(phrase):
        return "abbreviation"
    for word in re.findall(r"[^\W_]+", phrase):
        if word.isdigit():
            continue
        if all(it.tag == "ign" for it in morph.analyse(word)):
            return "misspelt"
    if m.group(7) in ("Hour", "Minute") and not _DAY_WORDS.search(phrase) and not re.search(r"temu|od dzi", phrase):
        return "clock_only"
    return "standard"


def _expected_value(expected: str) -> str:
    m = _POINT.match(expected)
    assert m is not None
    y, mo, d, h, mi, _, grain = m.groups()
    if grain == "Year":
        return y
    if grain == "Month":
        return f"{y}-{int(mo):02d}"
    if grain == "Quarter":
        return f"{y}-Q{(int(mo) - 1) // 3 + 1}"
    day = date(int(y), int(mo), int(d))
    if grain == "Week":
        iso = day.isocalendar()
        return f"{iso[0]}-W{iso[1]:02d}"
    if grain == "Day":
        return day.isoformat()
    return f"{day.isoformat()}T{int(h):02d}:{int(mi):02d}"


def eval_duckling(morph: Morphology) -> dict[str, Any]:
    data = json.loads((SHARED / "numerals" / "duckling_pl_examples.json").read_text())
    rows = []
    for group in data["files"]["Duckling/Time/PL/Corpus.hs"]:
        for phrase in group["phrases"]:
            category = duckling_category(phrase, group["expected"], morph)
            text = normalized_text(phrase).text
            found = times_in(text, segment(text, "pl", morph=morph), "pl", DUCKLING_REF, morph=morph)
            best = max(found, key=lambda t: t.end - t.start, default=None)
            ours = best.value if best else None
            ok = False
            want = None
            if category not in ("interval_or_second",):
                want = _expected_value(group["expected"])
                if ours is not None and category == "clock_only":
                    ok = ours.endswith(want[10:])
                elif ours is not None and re.search(r"temu|za\s|od dzi", phrase) and len(ours) < len(want):
                    ok = want.startswith(ours)  # "dwa lata temu": compared at the grain of the unit
                else:
                    ok = ours == want
            rows.append({"phrase": phrase, "category": category, "expected": want, "ours": ours, "ok": ok})
    by_cat: dict[str, Any] = {}
    categories = ("standard", "clock_only", "narrative", "within", "english_notation", "abbreviation", "misspelt")
    for cat in (*categories, "interval_or_second"):
        sel = [r for r in rows if r["category"] == cat]
        by_cat[cat] = {
            "phrases": len(sel),
            "ok": sum(r["ok"] for r in sel),
            "failures": [{k: r[k] for k in ("phrase", "expected", "ours")} for r in sel if not r["ok"]],
        }
    scope = [r for r in rows if r["category"] in ("standard", "clock_only")]
    return {
        "phrases": len(rows),
        "in_scope": len(scope),
        "in_scope_ok": sum(r["ok"] for r in scope),
        "in_scope_accuracy": round(sum(r["ok"] for r in scope) / len(scope), 4),
        "by_category": by_cat,
    }


# --- 3. Speed -----------------------------------------------------------------------------

_NO_SPACE_BEFORE = frozenset(".,;:!?)]}%")
_NO_SPACE_AFTER = frozenset("([{")


def nkjp_texts() -> Iterator[tuple[str, int]]:
    """NKJP documents as text with heuristic spacing, one sentence a line, and word counts."""
    for sentences in nkjp_token_documents(SHARED):
        lines, words = [], 0
        for sent in sentences:
            parts: list[str] = []
            for k, tok in enumerate(sent):
                if k and tok not in _NO_SPACE_BEFORE and sent[k - 1] not in _NO_SPACE_AFTER:
                    parts.append(" ")
                parts.append(tok)
                words += any(ch.isalnum() for ch in tok)
            lines.append("".join(parts))
        yield "\n".join(lines), words


def eval_speed() -> dict[str, Any]:
    seg_morph = Morphology()
    docs = [(text, segment(text, "pl", morph=seg_morph), words) for text, words in nkjp_texts()]
    words = sum(w for _, _, w in docs)
    published = datetime(2024, 1, 15, 12, tzinfo=UTC)
    result: dict[str, Any] = {"documents": len(docs), "words": words}
    morph = Morphology()
    for label in ("cold", "warm"):
        n = 0
        t0 = time.process_time()
        for text, seg, _ in docs:
            n += len(times_in(text, seg, "pl", published, morph=morph))
        elapsed = time.process_time() - t0
        result[label] = {"cpu_seconds": round(elapsed, 3), "words_per_second": round(words / elapsed)}
        result["expressions"] = n
    result["expressions_per_1000_words"] = round(1000 * result["expressions"] / words, 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "eval" / "times.json")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--errors", choices=("tune", "held_out"), help="list KPWr errors of one half")
    args = parser.parse_args()

    morph = Morphology()
    result: dict[str, Any] = {"extractor_version": EXTRACTOR_VERSION}
    result["kpwr"] = kpwr = eval_kpwr(morph, args.errors)
    for half in ("tune", "held_out", "all"):
        k = kpwr[half]
        print(
            f"KPWr {half:8} dates+times: gold {k['gold']}, predicted {k['predicted']} "
            f"(+{k['type_disagreements']} typed otherwise in KPWr); span F1 exact {k['exact']['f1']}, "
            f"overlap {k['overlap']['f1']} (P {k['overlap']['precision']}, R {k['overlap']['recall']}, "
            f"strict {k['overlap']['f1_strict']}); value accuracy strict {k['value']['accuracy']} "
            f"({k['value']['ok']}/{k['value']['pairs']}), convention-aware {k['value']['accuracy_convention_aware']} "
            f"({k['value']['ok_convention_aware']}/{k['value']['pairs']}; "
            f"exact spans {k['value']['accuracy_exact_spans']}; "
            f"compatible {k['value']['compatible']}; "
            f"{k['value']['relative_in_undated_docs']} relative in undated docs not scored); "
            f"type accuracy {k['type_accuracy']}"
        )
    result["duckling"] = duck = eval_duckling(morph)
    print(
        f"Duckling PL Time: in scope {duck['in_scope_ok']}/{duck['in_scope']} = {duck['in_scope_accuracy']:.2%} "
        + ", ".join(f"{c} {v['ok']}/{v['phrases']}" for c, v in duck["by_category"].items())
    )
    if not args.no_speed:
        result["speed"] = sp = eval_speed()
        print(
            f"Speed (times_in, NKJP {sp['words']} words, {sp['documents']} docs): cold "
            f"{sp['cold']['words_per_second']:,} words/s, warm {sp['warm']['words_per_second']:,} words/s; "
            f"{sp['expressions_per_1000_words']} expressions per 1000 words"
        )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
