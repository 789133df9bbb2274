"""Evaluate newsetl.extract.claims: number reading, recall, precision, negatives, speed.

Data (read from ``$NEWSETL_SHARED_DATA``, default ``/work/main/../shared/data``):

1. ``numerals/duckling_pl_examples.json`` (Numeral part): each phrase is read with
   ``value_of(phrase, "pl")`` and compared with Duckling's value. Phrases are split by a
   rule computed here, not by hand:

   * *English notation*: a comma before exactly three digits ("1,200,000"), a decimal
     point ("1.1", ".77"), an SI suffix glued to digits ("100K", "1.2M"), or a leading
     zero ("0033", "01.10"). Polish writes "1 200 000", "1,1" and "100 tys.".
   * *not a cardinal*: a word that Morfeusz knows but reads neither as a numeral
     (``num``) nor as "jeden", a scale noun or a connector: "nic", "para",
     "pojedynczy", "piętnasta".
   * *misspelt*: a word unknown to Morfeusz ("osiemdziesiat": diacritics dropped).

   The target (≥ 98 %) is on the remaining, standard phrases; the others are reported
   separately. As a second view every phrase is also run through ``claims_in`` (does
   the extractor emit exactly one claim with that value?).
2. ``quantities_en/quantities.json`` (Quantulum3's English test set): each sentence is
   normalized like ``documents.text`` (typographic dashes → "-") and run through
   the claims step as a run calls it on an English document (segmented; no names or times
   steps for English). A gold quantity is *found with the right value* when a
   claim overlaps its surface and the claim's value (for a range, the midpoint — the
   gold gives a midpoint and an uncertainty) equals the gold value (relative 1e-6).
   *Out of scope by contract* (reported, excluded from the in-scope figure): gold
   dimensionless integers 1000-2100 (years used as dates) and gold dimensionless
   integers right after a word (split on spaces and dashes) holding a capital letter or a
   digit, other than the sentence's first word (numbers inside names: "Voyager 2",
   "English 101", "Core i7 860", "Cannington-South 32 Ltd").
   *Supported unit*: the gold unit maps to a unit of our record (``UNIT_MAP``; gold
   "dimensionless" maps to ``None``); the unit figure is over found quantities with a
   supported gold unit.
3. The seed article ``seed/000_7ffdc9170aac84cf.txt`` with ``newsetl.segment``,
   hand-made mentions and the times step's dates: the exact expected claims of the task.
Sections 4-6 feed the claims step as a run does (``claims_pipeline.extracted``: the
registered entities and times steps first, then the claims step, with the shipped models).

4. Precision on real Polish text: every UD sentence (``ud/*.conllu`` ``# text``, NKJP
   sentences) that holds a digit or a numeral word, up to ``--precision-sentences``;
   a sample of 100 claims (the 100 smallest SHA-1 hashes of sentence id + surface) is
   judged by hand (``JUDGMENTS`` below, keyed by
   sentence id and claim surface) and precision is reported with its sample size.
5. ``timex/kpwr_timex_pl.json``: gold temporal expressions of type date or time that
   overlap an emitted claim are counted as wrongly emitted (and listed); also without
   any names or times given (what the number rules block by themselves).
6. Speed: words per CPU second of the claims step alone on NKJP 1M documents
   (``ner/nkjp-nested-simplified-v2.iob.gz``, spacing reconstructed, sentences and tokens
   taken from the corpus) given the times step's dates (found first, not timed) and no
   names, one pass with a fresh Morfeusz cache (cold) and one with it warm; then, on the
   first ``--speed-with-mentions`` documents, with the names of the entities step too
   (computed first, not timed), so that subjects and speakers have names to work on.

Usage::

    .venv/bin/python scripts/eval_claims.py [--out PATH] [--no-speed] [--show-sample]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
import sys
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from claims_pipeline import extracted, load_models
from newsetl.config import shared_data_dir
from newsetl.extract.claims import EXTRACTOR_VERSION, claims_in, claims_in_document, value_of
from newsetl.extract.claims.document import may_hold_number
from newsetl.extract.claims_in_time import claims_context, within_sentences
from newsetl.extract.extractors import EXTRACTORS
from newsetl.extract.models import Models
from newsetl.extract.registry import Document
from newsetl.extract.times import times_in
from newsetl.morph import Morphology
from newsetl.segment import segment
from newsetl.spans import Claim, Mention, Segmentation, mentions_at
from nkjp_documents import nkjp_token_documents

ROOT = Path(__file__).resolve().parents[1]
SHARED = shared_data_dir()

_NORMALIZE = str.maketrans(
    {"„": '"', "”": '"', "“": '"', "«": '"', "»": '"', "’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "}
)


def normalize(text: str) -> str:
    """The part of the pipeline's normalization that matters here (1:1 characters)."""
    return text.translate(_NORMALIZE)


# --- 1. Duckling ---------------------------------------------------------------------
_ENGLISH_NOTATION = re.compile(r"\d,\d{3}(?!\d)|\d\.\d|(?<!\d)\.\d|\d[KkMG]\b|(?<![\d,.])0\d")
_CARDINAL_LEMMAS = frozenset({"jeden", "tysiąc", "milion", "miliard", "bilion", "minus", "i"})


def duckling_category(phrase: str, morph: Morphology) -> str:
    if _ENGLISH_NOTATION.search(phrase):
        return "english_notation"
    for word in re.findall(r"[^\W\d_]+", phrase):
        interps = morph.analyse(word)
        if all(it.tag == "ign" for it in interps):
            return "misspelt"
        if not any(it.pos == "num" or it.lemma in _CARDINAL_LEMMAS for it in interps):
            return "not_cardinal"
    return "standard"


def eval_duckling(morph: Morphology) -> dict[str, Any]:
    data = json.loads((SHARED / "numerals" / "duckling_pl_examples.json").read_text())
    rows = []
    for group in data["files"]["Duckling/Numeral/PL/Corpus.hs"]:
        match = re.search(r"NumeralValue \(?(-?[\d.]+)\)?", group["expected"])
        assert match, group["expected"]
        expected = float(match.group(1))
        for phrase in group["phrases"]:
            got = value_of(phrase, "pl")
            claims = claims_in(phrase, "pl", morph)
            as_claim = len(claims) == 1 and claims[0].value is not None and math.isclose(claims[0].value, expected)
            rows.append(
                {
                    "phrase": phrase,
                    "expected": expected,
                    "value": got,
                    "ok": got is not None and math.isclose(got, expected, rel_tol=1e-9, abs_tol=1e-12),
                    "claim_ok": as_claim,
                    "category": duckling_category(phrase, morph),
                }
            )
    by_cat: dict[str, dict[str, Any]] = {}
    for cat in ("standard", "english_notation", "not_cardinal", "misspelt"):
        sel = [r for r in rows if r["category"] == cat]
        by_cat[cat] = {
            "phrases": len(sel),
            "value_ok": sum(r["ok"] for r in sel),
            "value_accuracy": round(sum(r["ok"] for r in sel) / len(sel), 4) if sel else None,
            "claim_ok": sum(r["claim_ok"] for r in sel),
            "failures": [{k: r[k] for k in ("phrase", "expected", "value")} for r in sel if not r["ok"]],
        }
    return {"phrases": len(rows), "value_ok_all": sum(r["ok"] for r in rows), "by_category": by_cat}


# --- 2. Quantulum3 ---------------------------------------------------------------------
UNIT_MAP: dict[str, str | None] = {
    "dimensionless": None,
    "percentage": "percent",
    "metre": "m",
    "kilometre": "km",
    "kilogram": "kg",
    "tonne": "t",
    "cubic metre": "m3",
    "megawatt": "MW",
    "gigawatt": "GW",
    "terawatt hour": "TWh",
    "degree Celsius": "degC",
    "year": "year",
    "month": "month",
    "week": "week",
    "day": "day",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
    "dollar": "USD",
    "euro": "EUR",
    "pound sterling": "GBP",
    "yen": "JPY",
    "swiss franc": "CHF",
    "ruble": "RUB",
}


def _claim_value(claim: Claim) -> float | None:
    if claim.value is not None:
        return claim.value
    if claim.low is not None and claim.high is not None:
        return (claim.low + claim.high) / 2
    return None


def _out_of_scope(text: str, start: int, gold: dict[str, Any]) -> str | None:
    value = gold["value"]
    if gold["unit"] != "dimensionless" or not float(value).is_integer():
        return None
    if 1000 <= value <= 2100:
        return "year"
    words = re.split(r"[\s\-\u2013\u2014]+", text[:start].strip())
    if len(words) > 1 and re.search(r"[A-Z0-9]", words[-1]):
        return "name"
    return None


def eval_quantulum(models: Models) -> dict[str, Any]:
    data = json.loads((SHARED / "quantities_en" / "quantities.json").read_text())
    total = found = in_scope = found_in_scope = 0
    unit_supported = unit_ok = unsupported = 0
    misses, unit_errors, extras = [], [], []
    scope_counts: dict[str, int] = {}
    for item in data:
        text = normalize(item["req"])
        claims = extracted(text, segment(text, "en", morph=models.morph), models, lang="en").claims
        used: set[int] = set()
        pos = 0
        for gold in item["res"]:
            surface = normalize(gold["surface"])
            start = text.find(surface, pos)
            if start < 0:
                start = text.find(surface)
            end = start + len(surface)
            pos = end
            total += 1
            scope = _out_of_scope(text, start, gold)
            if scope:
                scope_counts[scope] = scope_counts.get(scope, 0) + 1
            else:
                in_scope += 1
            hit = None
            for k, c in enumerate(claims):
                v = _claim_value(c)
                if (
                    c.start < end
                    and start < c.end
                    and v is not None
                    and math.isclose(v, float(gold["value"]), rel_tol=1e-6, abs_tol=1e-12)
                ):
                    hit = k
                    break
            supported = gold["unit"] in UNIT_MAP
            if not supported:
                unsupported += 1
            if hit is None:
                misses.append({"sentence": text, "surface": surface, "value": gold["value"], "scope": scope})
                continue
            used.add(hit)
            found += 1
            found_in_scope += scope is None
            if supported:
                unit_supported += 1
                if claims[hit].unit == UNIT_MAP[gold["unit"]]:
                    unit_ok += 1
                else:
                    unit_errors.append({"surface": surface, "gold": gold["unit"], "ours": claims[hit].unit})
        extras += [text[c.start : c.end] for k, c in enumerate(claims) if k not in used]
    return {
        "quantities": total,
        "found_right_value": found,
        "recall_all": round(found / total, 4),
        "out_of_scope": scope_counts,
        "in_scope": in_scope,
        "found_in_scope": found_in_scope,
        "recall_in_scope": round(found_in_scope / in_scope, 4),
        "unit_supported_found": unit_supported,
        "unit_right": unit_ok,
        "unit_accuracy_supported": round(unit_ok / unit_supported, 4) if unit_supported else None,
        "gold_units_not_supported": unsupported,
        "gold_units_supported": total - unsupported,
        "unit_right_of_supported_gold": round(unit_ok / (total - unsupported), 4),
        "misses": misses,
        "unit_errors": unit_errors,
        "claims_not_in_gold": extras,
    }


# --- 3. Seed article -------------------------------------------------------------------
SEED_NAMES = [
    ("Antony Blinken", "persName", "e:Antony Blinken"),
    ("Antonym Blinkenem", "persName", "e:Antony Blinken"),
    ("Blinkenem", "persName", "e:Antony Blinken"),
    ("Blinkena", "persName", "e:Antony Blinken"),
    ("Blinken", "persName", "e:Antony Blinken"),
    ("Mark Rutte", "persName", "e:Mark Rutte"),
    ("Markiem Rutte", "persName", "e:Mark Rutte"),
    ("Donalda Trumpa", "persName", "e:Donald Trump"),
    ("Josepem Borrellem", "persName", "e:Josep Borrell"),
    ("Kają Kallas", "persName", "e:Kaja Kallas"),
    ("Putina", "persName", "e:Władimir Putin"),
    ("NATO", "orgName", "e:NATO"),
    ("USA", "placeName", "e:USA"),
    ("Ukrainie", "placeName", "e:Ukraina"),
    ("Ukrainy", "placeName", "e:Ukraina"),
    ("Brukseli", "placeName", "e:Bruksela"),
    ("Rosji", "placeName", "e:Rosja"),
]


SEED_EXPECTED = [
    {
        "surface": "23",
        "kind": "count",
        "value": 23.0,
        "qualifier": "eq",
        "unit": None,
        "object": "państwo",
        "subject_entity_id": "e:NATO",
        "speaker_entity_id": "e:Antony Blinken",
    },
    {
        "surface": "co najmniej 2 proc.",
        "kind": "percent",
        "value": 2.0,
        "qualifier": "ge",
        "unit": "percent",
        "object": "PKB",
        "speaker_entity_id": "e:Antony Blinken",
    },
    {"surface": "czterech lat", "kind": "duration", "value": 4.0, "qualifier": "eq", "unit": "year"},
]


def eval_seed(morph: Morphology) -> dict[str, Any]:
    text = (SHARED / "seed" / "000_7ffdc9170aac84cf.txt").read_text()
    seg = segment(text, "pl", morph=morph)
    times = within_sentences(times_in(text, seg, "pl", None, morph=morph), seg)
    claims = claims_in_document(text, seg, "pl", claims_context(mentions_at(text, seg, SEED_NAMES), times), morph)
    got = [
        {
            "surface": text[c.start : c.end],
            **{
                k: getattr(c, k)
                for k in (
                    "kind",
                    "value",
                    "low",
                    "high",
                    "qualifier",
                    "unit",
                    "object",
                    "subject_entity_id",
                    "speaker_entity_id",
                )
            },
        }
        for c in claims
    ]
    checks = []
    for exp in SEED_EXPECTED:
        match = next((g for g in got if g["surface"] == exp["surface"]), None)
        checks.append({"expected": exp, "ok": match is not None and all(match[k] == v for k, v in exp.items())})
    return {
        "claims": got,
        "all_expected_found": all(c["ok"] for c in checks),
        "exact_count": len(got) == len(SEED_EXPECTED),
        "checks": checks,
    }


# --- 4. Precision on UD (NKJP) sentences ---------------------------------------------
# Hand judgments of the seeded sample: (sent_id, claim surface) -> (correct?, note).
# A claim is correct when it is a stated quantity (not a date, time, ordinal, name or
# reference) and its value, kind, unit and qualifier are right; object/subject/speaker
# are not judged here.
JUDGMENTS: dict[tuple[str, str], tuple[bool, str]] = {
    ("pl_pdb-ud-dev:dev-s1562", "40"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1605", "70 proc."): (True, ""),
    ("pl_pdb-ud-dev:dev-s1808", "60 tysięcy metrów sześciennych"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1725", "trzy"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1151", "dwie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s263", "trzy"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1978", "29"): (False, 'a reference: recital ("Motyw") 29 of a directive'),
    ("pl_pdb-ud-dev:dev-s1554", "dwustu kilometrów"): (True, ""),
    ("pl_pdb-ud-dev:dev-s914", "Trzy miesiące"): (True, ""),
    ("pl_pdb-ud-dev:dev-s49", "Trzy"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1201", "przeszło dwudziestu"): (True, ""),
    ("pl_pdb-ud-dev:dev-s68", "dwie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s870", "51 lat"): (True, "age in years"),
    ("pl_pdb-ud-dev:dev-s1484", "45 stopni Celsjusza"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2045", "12 godzin"): (
        True,
        'mixed-unit range "od 12 godzin do 14 dni": the lower end is read as a plain value',
    ),
    ("pl_pdb-ud-dev:dev-s1463", "5,6 miliona złotych"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1527", "przynajmniej na 7 dni"): (True, ""),
    ("pl_pdb-ud-dev:dev-s311", "siedem lat"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2180", "2"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1201", "dwóch lat"): (True, ""),
    ("pl_lfg-ud-dev:dev-25", "dwóch"): (True, ""),
    ("pl_pdb-ud-dev:dev-s937", "dwa"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1977", "45 dni"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2110", "dwa"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1194", "Sto pięćdziesiąt"): (True, "spoken number in dialogue"),
    ("pl_pdb-ud-dev:dev-s934", "dwu"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1918", "dwoma"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2070", "35"): (False, "a footnote number at the start of the sentence"),
    ("pl_pdb-ud-dev:dev-s2048", "powyżej 10 ton"): (True, ""),
    ("pl_pdb-ud-dev:dev-s121", "cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2100", "Cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s153", "Cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1986", "21"): (False, 'ordinal use: "moich 21 urodzin" (21st birthday)'),
    ("pl_pdb-ud-dev:dev-s870", "dwaj"): (True, ""),
    ("pl_lfg-ud-dev:dev-283", "Dwa"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2209", "pięć"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1734", "pół godzinie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1904", "6,4 mld euro"): (True, ""),
    ("pl_pdb-ud-dev:dev-s865", "2.777"): (
        True,
        '"2.777 pkt.": read with the Polish thousands dot; could be a decimal score',
    ),
    ("pl_pdb-ud-dev:dev-s1257", "16,5%"): (True, ""),
    ("pl_pdb-ud-dev:dev-s994", "do 64 lat"): (True, ""),
    ("pl_lfg-ud-dev:dev-526", "cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1302", "pół godziny"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2127", "dziewięcioma"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1805", "jednego kilometra"): (True, ""),
    ("pl_pdb-ud-dev:dev-s107", "Czworo"): (True, ""),
    ("pl_lfg-ud-dev:dev-194", "cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s142", "Dwóch"): (True, ""),
    ("pl_pdb-ud-dev:dev-s46", "Dwoje"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1280", "1,7 proc."): (True, ""),
    ("pl_pdb-ud-dev:dev-s1284", "8%"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1527", "przynajmniej na 3 dni"): (True, ""),
    ("pl_pdb-ud-dev:dev-s959", "2-3 lata"): (True, ""),
    ("pl_pdb-ud-dev:dev-s193", "Dwoje"): (True, ""),
    ("pl_pdb-ud-dev:dev-s927", "pół miliarda"): (True, '"pół miliarda" (money implied, not written): a count'),
    ("pl_pdb-ud-dev:dev-s1118", "10-11 mld zł"): (True, ""),
    ("pl_pdb-ud-dev:dev-s121", "dwie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s200", "Cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1929", "3"): (True, '"3 mm": a unit outside the record, kept as a count of mm'),
    ("pl_pdb-ud-dev:dev-s1789", "19 minutach"): (True, ""),
    ("pl_lfg-ud-dev:dev-438", "8"): (False, 'a reference: amendment ("poprawki") 8'),
    ("pl_pdb-ud-dev:dev-s1985", "80%"): (True, ""),
    ("pl_pdb-ud-dev:dev-s297", "cztery"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1180", "39"): (True, ""),
    ("pl_pdb-ud-dev:dev-s186", "Trzy"): (True, ""),
    ("pl_lfg-ud-dev:dev-255", "231"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2042", "4 miliony"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1605", "nie więcej niż 1467,10 zł"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1422", "dwie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2180", "10%"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1171", "dwa"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1451", "63 proc."): (True, ""),
    ("pl_pdb-ud-dev:dev-s1642", "prawie 20 proc."): (True, ""),
    ("pl_pdb-ud-dev:dev-s774", "4 milionów dolarów"): (True, ""),
    ("pl_pdb-ud-dev:dev-s785", "czterysta"): (True, '"czterysta peso": no ISO code for a bare peso, kept as a count'),
    ("pl_pdb-ud-dev:dev-s793", "48,8 proc."): (True, ""),
    ("pl_pdb-ud-dev:dev-s9", "Dwie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1246", "7"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1629", "2,6 proc."): (True, ""),
    ("pl_pdb-ud-dev:dev-s900", "prawie 4,5 tys."): (True, ""),
    ("pl_pdb-ud-dev:dev-s1280", "2.198,6"): (True, ""),
    ("pl_pdb-ud-dev:dev-s865", "6"): (False, 'ordinal use: "na 6 miejscu" (6th place)'),
    ("pl_pdb-ud-dev:dev-s1678", "pół roku"): (True, ""),
    ("pl_pdb-ud-dev:dev-s657", "3"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1726", "dwaj"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1056", "dziesięciu latach"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1550", "95 procent"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1674", "jedenaście"): (True, ""),
    ("pl_pdb-ud-dev:dev-s656", "4"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1246", "dwa dni"): (True, ""),
    ("pl_lfg-ud-dev:dev-331", "trzy"): (True, ""),
    ("pl_pdb-ud-dev:dev-s330", "trzy"): (True, ""),
    ("pl_pdb-ud-dev:dev-s865", "2.812"): (
        True,
        '"2.812 pkt.": read with the Polish thousands dot; could be a decimal score',
    ),
    ("pl_pdb-ud-dev:dev-s2070", "21"): (False, 'a reference: footnote ("przypisie") 21'),
    ("pl_pdb-ud-dev:dev-s2005", "przynajmniej 50%"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2203", "trzech"): (True, ""),
    ("pl_pdb-ud-dev:dev-s176", "Dwie"): (True, ""),
    ("pl_pdb-ud-dev:dev-s258", "18 lat"): (True, ""),
    ("pl_pdb-ud-dev:dev-s2103", "6,1 mln euro"): (True, ""),
    ("pl_pdb-ud-dev:dev-s1575", "czternastu"): (True, ""),
}


def ud_sentences() -> Iterator[tuple[str, str]]:
    for name in ("pl_pdb-ud-dev", "pl_lfg-ud-dev", "pl_lfg-ud-test"):
        sent_id = ""
        with (SHARED / "ud" / f"{name}.conllu").open(encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("# sent_id = "):
                    sent_id = f"{name}:{line[12:].strip()}"
                elif line.startswith("# text = "):
                    yield sent_id, normalize(line[9:].strip())


def eval_precision(models: Models, max_sentences: int, show: bool) -> dict[str, Any]:
    candidates = [(sid, t) for sid, t in ud_sentences() if may_hold_number(t, 0, len(t), "pl")]
    candidates = candidates[:max_sentences]
    found = []
    for sid, text in candidates:
        for c in extracted(text, segment(text, "pl", morph=models.morph), models).claims:
            found.append(
                {
                    "sent_id": sid,
                    "surface": text[c.start : c.end],
                    "kind": c.kind,
                    "value": c.value,
                    "low": c.low,
                    "high": c.high,
                    "qualifier": c.qualifier,
                    "unit": c.unit,
                    "object": c.object,
                    "sentence": text,
                }
            )

    # A bottom-k sample by hash: stable when the rules change a few claims (an added or
    # removed claim moves one item in or out instead of reshuffling the whole sample).
    def key(row: dict[str, Any]) -> str:
        return hashlib.sha1(f"{row['sent_id']}|{row['surface']}".encode()).hexdigest()

    sample = sorted(found, key=key)[:100]
    judged = []
    for row in sample:
        verdict = JUDGMENTS.get((str(row["sent_id"]), str(row["surface"])))
        judged.append(
            {**row, "correct": None if verdict is None else verdict[0], "note": None if verdict is None else verdict[1]}
        )
        if show:
            print(
                f"{row['sent_id']!r}, {row['surface']!r}: {row['kind']} {row['value']} {row['low']}-{row['high']} "
                f"{row['qualifier']} {row['unit']} obj={row['object']}\n    {row['sentence']}"
            )
    done = [j for j in judged if j["correct"] is not None]
    correct = sum(bool(j["correct"]) for j in done)
    return {
        "sentences_scanned": len(candidates),
        "claims_extracted": len(found),
        "sample_size": len(sample),
        "judged": len(done),
        "correct": correct,
        "precision": round(correct / len(done), 4) if done else None,
        "sample": judged,
    }


# --- 5. KPWr timex negatives ---------------------------------------------------------------
def eval_timex(models: Models, fed: bool) -> dict[str, Any]:
    """``fed``: the claims step gets the entities and times a run gives it; else no
    spans at all (what the number rules block by themselves)."""
    data = json.loads((SHARED / "timex" / "kpwr_timex_pl.json").read_text())
    dates = wrong = durations = durations_hit = 0
    wrong_list = []
    for doc in data["docs"]:
        text = normalize(doc["text"])
        seg = segment(text, "pl", morph=models.morph)
        claims = extracted(text, seg, models).claims if fed else claims_in_document(text, seg, "pl", [], models.morph)
        for t in doc["timexes"]:
            hit = [c for c in claims if c.start < t["end"] and t["start"] < c.end]
            if t["type"] in ("date", "time"):
                dates += 1
                if hit:
                    wrong += 1
                    wrong_list.append(
                        {
                            "timex": t["text"],
                            "type": t["type"],
                            "claims": [text[c.start : c.end] for c in hit],
                            "context": text[max(0, t["start"] - 40) : t["end"] + 40],
                        }
                    )
            elif t["type"] == "duration" and re.search(r"\d", t["text"] + str(t.get("val"))):
                durations += 1
                durations_hit += bool(hit)
    return {
        "date_time_timexes": dates,
        "wrongly_emitted": wrong,
        "wrong_rate": round(wrong / dates, 4),
        "numeric_durations": durations,
        "numeric_durations_with_claim": durations_hit,
        "wrong": wrong_list,
    }


# --- 6. Speed ------------------------------------------------------------------------------
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}%")
_NO_SPACE_AFTER = frozenset("([{")


def nkjp_documents() -> Iterator[tuple[str, Segmentation, int]]:
    """NKJP documents with heuristic spacing, one paragraph each, corpus sentences."""

    def build(sentences: list[list[str]]) -> tuple[str, Segmentation, int]:
        parts: list[str] = []
        spans: list[tuple[int, int, int]] = []
        tokens: list[tuple[int, int, int]] = []
        pos = 0
        words = 0
        for sent in sentences:
            if parts:
                parts.append(" ")
                pos += 1
            s_start = pos
            for k, tok in enumerate(sent):
                if k and tok not in _NO_SPACE_BEFORE and sent[k - 1] not in _NO_SPACE_AFTER:
                    parts.append(" ")
                    pos += 1
                parts.append(tok)
                tokens.append((pos, pos + len(tok), len(spans)))
                pos += len(tok)
                words += any(ch.isalnum() for ch in tok)
            spans.append((s_start, pos, 0))
        text = "".join(parts)
        return text, Segmentation([(0, len(text))], spans, tokens), words

    for sentences in nkjp_token_documents(SHARED):
        yield build(sentences)


def _claims_step(docs: Sequence[Document], models: Models) -> tuple[int, float]:
    """Claims and CPU seconds of the registered claims step over ``docs`` (spans found before)."""
    step = EXTRACTORS["claims"].find
    claims = 0
    t0 = time.process_time()
    for doc in docs:
        claims += len(step([doc], models)[0])
    return claims, time.process_time() - t0


def eval_speed(with_mentions: int, models: Models) -> dict[str, Any]:
    """Words per CPU second of the claims step as a run calls it, given the dates and
    times of the times step (found first, untimed) and no names; cold is a fresh Morfeusz
    cache. Then, on the first ``with_mentions`` documents, with the names too."""
    docs = [Document(text, seg, "pl", None) for text, seg, _ in nkjp_documents()]
    counts = [w for _, _, w in nkjp_documents()]
    words = sum(counts)
    for doc in docs:
        doc.found["entities"] = []
        doc.found["times"] = EXTRACTORS["times"].find([doc], models)[0]
    result: dict[str, Any] = {"documents": len(docs), "words": words}
    fresh = Models(Morphology(), models.language, models.tagger, models.entity_lexicon)
    for label in ("cold", "warm"):
        claims, elapsed = _claims_step(docs, fresh)
        result[label] = {"cpu_seconds": round(elapsed, 3), "words_per_second": round(words / elapsed)}
        result["claims"] = claims
    result["claims_per_1000_words"] = round(1000 * result["claims"] / words, 2)
    if with_mentions:
        result["with_mentions"] = speed_with_mentions(docs[:with_mentions], sum(counts[:with_mentions]), models)
    return result


def speed_with_mentions(docs: list[Document], words: int, models: Models) -> dict[str, Any]:
    """The claims step with the names the entities step gives it (found first, untimed):
    subjects and speakers then have names to work with, as in a real run."""
    mentions: list[Sequence[Mention]] = []
    for doc in docs:
        doc.found["entities"] = EXTRACTORS["entities"].find([doc], models)[0]
        mentions.append(doc.found["entities"])
    _, elapsed = _claims_step(docs, models)
    return {
        "documents": len(docs),
        "words": words,
        "mentions": sum(map(len, mentions)),
        "cpu_seconds": round(elapsed, 3),
        "words_per_second": round(words / elapsed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "eval" / "claims.json")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--precision-sentences", type=int, default=400)
    parser.add_argument(
        "--speed-with-mentions", type=int, default=600, help="documents tagged for the speed with mentions (0: skip)"
    )
    parser.add_argument("--show-sample", action="store_true", help="print the precision sample for judging")
    args = parser.parse_args()

    models = load_models()
    morph = models.morph
    result: dict[str, Any] = {"extractor_version": EXTRACTOR_VERSION}
    result["duckling"] = duck = eval_duckling(morph)
    std = duck["by_category"]["standard"]
    print(
        f"Duckling PL numerals: standard {std['value_ok']}/{std['phrases']} = {std['value_accuracy']:.2%}; "
        f"all {duck['value_ok_all']}/{duck['phrases']}"
    )
    for cat, row in duck["by_category"].items():
        if cat != "standard":
            print(
                f"  {cat}: {row['value_ok']}/{row['phrases']} right, failures {[f['phrase'] for f in row['failures']]}"
            )
    result["quantulum"] = q = eval_quantulum(models)
    print(
        f"Quantulum3 EN: right value {q['found_right_value']}/{q['quantities']} = {q['recall_all']:.2%} "
        f"(in scope {q['found_in_scope']}/{q['in_scope']} = {q['recall_in_scope']:.2%}; out of scope "
        f"{q['out_of_scope']}); unit right {q['unit_right']}/{q['unit_supported_found']} = "
        f"{q['unit_accuracy_supported']:.2%} of found with supported unit ({q['unit_right']}/"
        f"{q['gold_units_supported']} = {q['unit_right_of_supported_gold']:.2%} of all gold with a supported unit); "
        f"{q['gold_units_not_supported']} gold quantities have units outside the record"
    )
    result["seed"] = seed = eval_seed(morph)
    print(f"Seed article: expected claims found {seed['all_expected_found']}, exactly 3 claims {seed['exact_count']}")
    result["precision_pl"] = prec = eval_precision(models, args.precision_sentences, args.show_sample)
    print(
        f"Polish precision: {prec['correct']}/{prec['judged']} judged = {prec['precision']} "
        f"(sample {prec['sample_size']} of {prec['claims_extracted']} claims "
        f"from {prec['sentences_scanned']} sentences)"
    )
    result["timex"] = tx = eval_timex(models, fed=True)
    result["timex_rules_alone"] = alone = eval_timex(models, fed=False)
    print(
        f"KPWr timex: {tx['wrongly_emitted']}/{tx['date_time_timexes']} date/time expressions emitted as claims "
        f"({tx['wrong_rate']:.2%}; number rules alone, no times step: {alone['wrongly_emitted']}); "
        f"numeric durations with a claim {tx['numeric_durations_with_claim']}/{tx['numeric_durations']}"
    )
    if not args.no_speed:
        result["speed"] = sp = eval_speed(args.speed_with_mentions, models)
        print(
            f"Speed (claims step, NKJP {sp['words']} words, {sp['documents']} docs): cold "
            f"{sp['cold']['words_per_second']:,} words/s, warm {sp['warm']['words_per_second']:,} words/s; "
            f"{sp['claims_per_1000_words']} claims per 1000 words"
        )
        if "with_mentions" in sp:
            wm = sp["with_mentions"]
            print(
                f"Speed with NER mentions (first {wm['documents']} docs, {wm['words']} words, {wm['mentions']} "
                f"mentions): {wm['words_per_second']:,} words/s"
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
