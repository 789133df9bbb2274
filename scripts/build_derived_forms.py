"""Build ``models/entities/derived_forms.tsv`` and ``models/entities/place_names.txt``.

Input: ``$NEWSETL_SHARED_DATA/lexicons/named-sjp.txt`` (SJP.PL named entities via
sdadas/polish-nlp-resources, LGPL-3.0), which lists relational adjectives ("brytyjski")
and inhabitant nouns ("Irakijczyk", "warszawiak") with all their forms but not the name
they derive from, and ``models/entities/derived_reviewed.tsv``, our hand-reviewed links
(which win over the rules, add words SJP lacks — "unijny", "natowski" — and exclude
words that are not derived names: "lesbijka").

Each adjective or inhabitant lemma of named-sjp is linked to a base name of named-sjp
(country, continent, region or city) by its stem: the base's stem (the name without
its final vowel, written without diacritics) must begin the derived word, or all but its
last one or two letters must, when those are letters that alternate or drop before a
derivational suffix ("Praga" → "praski", "Kielce" → "kielecki", "Sanniki" →
"sanniczanin"); what follows must be short (a suffix, not another word). Countries are
tried first for country words, cities for city words. A word with two equally good bases
of the same rank is left out rather than guessed. Words the rules cannot link are given to
:func:`~newsetl.extract.entities.derivation.guessed_base`, which asks Morfeusz (SGJP)
which place names the stripped stem can end in. Forms are named-sjp's plus Morfeusz's;
forms of reviewed words SJP lacks come from Morfeusz.

Output rows: ``lemma, kind, base, group, source, forms``. ``make build-derived-forms``
rebuilds; the result is deterministic (sorted).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from newsetl.config import REPO_ROOT, shared_data_dir
from newsetl.extract.entities.derivation import guessed_base
from newsetl.morph import Morphology

OUT_DIR = REPO_ROOT / "models" / "entities"
REVIEWED = OUT_DIR / "derived_reviewed.tsv"

ADJ_TYPES = {"country_adj": "country", "city_adj": "city", "region_adj": "region", "continent_adj": "continent"}
INHABITANT_TYPES = {
    "country_inhabitant": "country",
    "city_inhabitant": "city",
    "region_inhabitant": "region",
    "continent_inhabitant": "continent",
}
BASE_TYPES = {"country_base": "country", "city_base": "city", "region_base": "region", "continent_base": "continent"}
# Which kinds of base a word of each scope may derive from, best first.
SCOPE_ORDER = {
    "country": ("country", "continent", "region"),
    "continent": ("continent", "country", "region"),
    "region": ("region", "country", "city"),
    "city": ("city", "region"),
}
# Letters at the end of a base's stem that alternate or drop before a suffix.
DROPPABLE_1 = frozenset("gkhcdtzjie")
DROPPABLE_2 = frozenset({"ch", "sk", "ck", "st", "dz", "rz", "ij", "ia"})
# What may follow the shared stem: a derivational suffix, not another word ("Tyrolczyk"
# does not come from "Tyr", nor "muranowski" from "Murcja").
ADJ_REST = re.compile(r"[aeiouy]?j?(?:an|en|in|yn|ow|ew|ij|yj|ej)?(?:s|c|dz|z)?ki|i")
INHABITANT_REST = re.compile(
    r"[aeiouy]?j?(?:anin|anie|anka|czyk|czycy|czka|aczka|ak|iak|iaczka|ec|ka|in|inka|ita|itka|ik|yk|owiec"
    r"|nczyk|nka|an|zanin|zanka|czanin|czanka|ianin|ianka|ijczyk|yjczyk|ijka|yjka)"
)
SHORT_AFTER_DROP = 4  # a dropped letter must be followed by a bare suffix ("Praga" → "pra|ski")


@dataclass
class Word:
    lemma: str
    kind: str  # adjective | inhabitant
    scope: str
    forms: list[str]


# Letters that alternate in derivation ("Kraków" → "krakowski", "Łódź" → "łódzki",
# "Poznań" → "poznaniak") are folded; ą, ę and ł, which do not, are kept ("Kąty" is not
# the base of "Katalończyk").
_FOLD = str.maketrans("óźżńść", "ozznsc")


def fold(text: str) -> str:
    """Lower case with alternating letters folded ("Łódź" → "łodz")."""
    return text.lower().translate(_FOLD)


def stem(name: str) -> str:
    folded = fold(name).replace(" ", "").replace("-", "")
    for ending in ("ia", "ja", "ie", "a", "o", "e", "y", "i"):
        if folded.endswith(ending) and len(folded) - len(ending) >= 3:
            return folded[: -len(ending)]
    return folded


def read_named_sjp(path: Path) -> tuple[list[Word], dict[str, str]]:
    words: list[Word] = []
    bases: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        forms_text, _, typ = line.rpartition(":")
        forms = [f.strip() for f in forms_text.split(",") if f.strip()]
        if not forms:
            continue
        lemma = forms[0]
        if typ in BASE_TYPES:
            bases.setdefault(lemma, BASE_TYPES[typ])
        elif typ in ADJ_TYPES or typ in INHABITANT_TYPES:
            if len(forms) < 3 or (lemma, typ) in seen:
                continue  # single-form lines repeat a form of a full entry
            seen.add((lemma, typ))
            kind = "adjective" if typ in ADJ_TYPES else "inhabitant"
            scope = ADJ_TYPES.get(typ) or INHABITANT_TYPES[typ]
            words.append(Word(lemma, kind, scope, _positive(lemma, forms)))
    return words, bases


def _positive(lemma: str, forms: list[str]) -> list[str]:
    """Forms without the negated ones ("niepolski" is not a form of "polski")."""
    if lemma.lower().startswith("nie"):
        return sorted(set(forms))
    return sorted({f for f in forms if not f.lower().startswith("nie")})


def _lcp(a: str, b: str) -> int:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return i


def base_keys(bases: dict[str, str], morph: Morphology) -> list[tuple[str, str, str]]:
    """(stem key, base name, base kind): the whole name, and each of its words that is
    not an adjective ("Brytania" of "Wielka Brytania", not "Łódzki" of "Konstantynów
    Łódzki")."""
    keys = []
    for name, kind in sorted(bases.items()):
        keys.append((stem(name), name, kind))
        words = name.replace("-", " ").split()
        if len(words) > 1:
            for w in words:
                adjective = any(i.pos == "adj" for i in morph.analyse(w))
                if len(w) >= 4 and w[0].isupper() and not adjective:
                    keys.append((stem(w), name, kind))
    return keys


def _match(derived: str, key: str, kind: str, base_kind: str) -> int:
    """Length of the shared stem when ``derived`` can come from ``key``, else 0."""
    n = _lcp(derived, key)
    rest = derived[n:]
    pattern = ADJ_REST if kind == "adjective" else INHABITANT_REST
    if not pattern.fullmatch(rest):
        return 0
    missing = key[n:]
    if not missing:
        return n if n >= 4 or (n == 3 and base_kind == "country") else 0
    if kind == "adjective" and len(rest) > SHORT_AFTER_DROP:
        return 0
    if len(missing) == 1 and missing in DROPPABLE_1 and n >= 3:
        return n
    if len(missing) == 2 and missing in DROPPABLE_2 and n >= 4:
        return n
    return 0


def rule_base(word: Word, keys: list[tuple[str, str, str]]) -> str | None:
    folded = fold(word.lemma)
    order = SCOPE_ORDER[word.scope]
    found: dict[tuple[int, int], set[str]] = defaultdict(set)
    for key, name, kind in keys:
        if kind not in order:
            continue
        n = _match(folded, key, word.kind, kind)
        if n:
            found[(n, -order.index(kind))].add(name)
    if not found:
        return None
    best = found[max(found)]
    return next(iter(best)) if len(best) == 1 else None


@dataclass
class Reviewed:
    lemma: str
    kind: str
    base: str  # "-": not a derived name
    group: str


def read_reviewed(path: Path) -> list[Reviewed]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ValueError(f"{path}: need lemma, kind, base: {line!r}")
        group = cols[3] if len(cols) > 3 and cols[3] else "name"
        out.append(Reviewed(cols[0], cols[1], cols[2], group))
    return out


def morfeusz_forms(lemma: str, kind: str, morph: Morphology) -> list[str]:
    pos = ("adj", "adja", "adjp") if kind == "adjective" else ("subst",)
    forms = set()
    for form in morph.forms(lemma):
        parts = form.tag.split(":")
        if parts[0] not in pos or (parts[0] == "adj" and parts[-1] not in ("pos",)):
            continue
        forms.add(form.orth)
    return _positive(lemma, sorted(forms | {lemma}))


def build(named_sjp: Path, reviewed_path: Path, morph: Morphology) -> tuple[list[list[str]], list[str], dict[str, int]]:
    words, bases = read_named_sjp(named_sjp)
    keys = base_keys(bases, morph)
    known = frozenset(b.lower() for b in bases)
    reviewed = {(r.lemma, r.kind): r for r in read_reviewed(reviewed_path)}
    rows: dict[tuple[str, str], list[str]] = {}
    stats: dict[str, int] = defaultdict(int)
    rank = {"country": 0, "continent": 1, "region": 2, "city": 3}
    for w in sorted(words, key=lambda w: (rank[w.scope], w.lemma, w.kind)):
        key = (w.lemma, w.kind)
        if key in rows:
            continue  # listed under two scopes: the broader one was linked first
        forms = ",".join(sorted(set(w.forms) | set(morfeusz_forms(w.lemma, w.kind, morph))))
        rev = reviewed.get(key)
        if rev is not None:
            if rev.base != "-":
                rows[key] = [w.lemma, w.kind, rev.base, rev.group, "reviewed", forms]
            stats["reviewed"] += 1
            continue
        base = rule_base(w, keys)
        source = "rule"
        if base is None:
            base = guessed_base(w.lemma, w.kind, morph, known)
            source = "morfeusz"
        if base is None:
            stats["unlinked"] += 1
            continue
        stats[source] += 1
        rows[key] = [w.lemma, w.kind, base, "name", source, forms]
    listed = {(w.lemma, w.kind) for w in words}
    for (lemma, kind), rev in sorted(reviewed.items()):
        if (lemma, kind) in rows or rev.base == "-" or (lemma, kind) in listed:
            continue
        forms = ",".join(morfeusz_forms(lemma, kind, morph))
        rows[(lemma, kind)] = [lemma, kind, rev.base, rev.group, "reviewed+morfeusz", forms]
        stats["reviewed_not_in_sjp"] += 1
    places = sorted(set(bases) | {r[2] for r in rows.values() if r[3] == "name"})
    return [rows[k] for k in sorted(rows)], places, dict(stats)


HEADER = """\
# Derived forms of names: relational adjectives and inhabitant nouns, with the name they derive from.
# Built by scripts/build_derived_forms.py from named-sjp (SJP.PL via sdadas/polish-nlp-resources,
# LGPL-3.0) and models/entities/derived_reviewed.tsv (ours); forms of words SJP lacks from Morfeusz/SGJP.
# Licence of this file: LGPL-3.0 (derived from named-sjp). See models/entities/README.md.
# Columns: lemma, kind (adjective|inhabitant), base name, base group (name|person), source, forms (comma-separated).
"""

PLACES_HEADER = """\
# Place names (countries, continents, regions, cities) of named-sjp (SJP.PL via sdadas/polish-nlp-resources,
# LGPL-3.0) plus the bases of derived forms; built by scripts/build_derived_forms.py. One name a line.
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    parser.add_argument("--unlinked", action="store_true", help="print the words left without a base")
    args = parser.parse_args(argv)
    named = shared_data_dir() / "lexicons" / "named-sjp.txt"
    if not named.is_file():
        print(f"named-sjp not found at {named}", file=sys.stderr)
        return 2
    morph = Morphology()
    rows, places, stats = build(named, REVIEWED, morph)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "derived_forms.tsv").write_text(HEADER + "".join("\t".join(r) + "\n" for r in rows), encoding="utf-8")
    (args.out / "place_names.txt").write_text(PLACES_HEADER + "".join(p + "\n" for p in places), encoding="utf-8")
    print(f"{len(rows)} derived words ({stats}); {len(places)} place names")
    if args.unlinked:
        words, _ = read_named_sjp(named)
        linked = {(r[0], r[1]) for r in rows}
        for w in words:
            if (w.lemma, w.kind) not in linked:
                print("unlinked", w.scope, w.kind, w.lemma, sep="\t")
    return 0


if __name__ == "__main__":
    sys.exit(main())
