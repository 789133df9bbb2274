"""Build the NER tagger's lexicon feature file, models/ner/lexicon.tsv, from name lists.

    make build-ner-lexicon      # = uv run --group ner-build python scripts/build_ner_lexicon.py

Sources (read here only; the tagger reads the derived file):

* ``$NEWSETL_SHARED_DATA/lexicons/named-sjp.txt`` — SJP.PL named entities via
  sdadas/polish-nlp-resources, LGPL-3.0: inflected forms of cities, countries, regions,
  continents, their relational adjectives and inhabitant names, organisations and their
  acronyms. Tag ``s:<type>`` (e.g. ``s:country_adj``); each word of a multi-word name
  gets ``s:<type>+`` (the tagger looks words up one at a time).
* The PyPI package ``zxcvbn-pl`` (dependency group ``lexicons``): first names and surnames
  from the PESEL registry (CC0 1.0) and Polish place names from the official TERYT list
  (CC0 1.0, ordered by GUS population data, CC BY 4.0), with inflected forms from SGJP
  (BSD-2-Clause). Tags ``fn``/``sn``/``pl`` plus a frequency band (``sn1`` = among the
  most frequent surnames). The package also lists each word without its diacritics; such
  a variant is dropped when the spelled word is in the same list.

Output: one line per lower-cased word, ``word<TAB>tag,tag``, sorted; ``#`` lines name the
sources and licences. Deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from newsetl.config import shared_data_dir

REPO = Path(__file__).resolve().parent.parent

# (list name, tag, [(max rank, band)]): ranks are the package's (1 = most frequent; an
# inflected form has twice its base form's rank). Beyond the last band a word is left out:
# the long tail of village names is mostly ordinary words ("dom", "las").
ZXCVBN_LISTS = (
    ("pl_first_names", "fn", ((400, "1"), (10**9, "2"))),
    ("pl_last_names", "sn", ((2_000, "1"), (10_000, "2"), (10**9, "3"))),
    ("pl_places", "pl", ((2_000, "1"), (20_000, "2"), (60_000, "3"))),
)

HEADER = """\
# newsetl NER lexicon: lower-cased word<TAB>comma-separated tags. Built by scripts/build_ner_lexicon.py.
# s:<type>  SJP.PL named entities (sdadas/polish-nlp-resources lexicons/named-sjp), LGPL-3.0; "+": in a multi-word name
# fn*, sn*  first names / surnames of the PESEL registry (dane.gov.pl 1667, 1681), CC0 1.0, via PyPI zxcvbn-pl 0.3.0
# pl*       Polish place names, TERYT official list (dane.gov.pl 188), CC0 1.0; ordered by GUS BDL population
#           (CC BY 4.0: Główny Urząd Statystyczny, Bank Danych Lokalnych); via PyPI zxcvbn-pl 0.3.0
# Inflected forms of fn/sn/pl: SGJP (Woliński et al., sgjp.pl), BSD-2-Clause, via zxcvbn-pl.
# The band digit after fn/sn/pl: 1 = most frequent names.
"""


def _fold(word: str) -> str:
    """The word without diacritics ("łódź" → "lodz"), as zxcvbn-pl writes its variants."""
    word = word.replace("ł", "l")
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def named_sjp(lines: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for raw in lines:
        line = raw.strip()
        if not line or ":" not in line:
            continue
        forms, _, kind = line.rpartition(":")
        for form in forms.split(","):
            form = form.strip()
            words = form.split()
            # A word of a multi-word name ("Korea Północna") gets the type with "+";
            # lower-case words inside such names ("per capita", "z warszawska") are not names.
            tag = f"s:{kind}" if len(words) == 1 else f"s:{kind}+"
            for word in words:
                if len(words) == 1 or word[:1].isupper():
                    out.setdefault(word.lower(), set()).add(tag)
    return out


def ranked_list(items: Iterable[tuple[str, int]], tag: str, bands: tuple[tuple[int, str], ...]) -> dict[str, str]:
    ranks = dict(items)
    spelled = {_fold(w) for w in ranks if _fold(w) != w}
    out: dict[str, str] = {}
    for word, rank in ranks.items():
        if word in spelled:  # a diacritics-free variant of a listed word
            continue
        for limit, band in bands:
            if rank <= limit:
                out[word] = tag + band
                break
    return out


def zxcvbn_lists() -> dict[str, set[str]]:
    import marisa_trie
    import zxcvbn_pl

    out: dict[str, set[str]] = {}
    for name, tag, bands in ZXCVBN_LISTS:
        trie = marisa_trie.RecordTrie("<I").mmap(str(zxcvbn_pl.DATA_DIR / f"{name}.marisa"))
        for word, band in ranked_list(((w, r[0]) for w, r in trie.items()), tag, bands).items():
            out.setdefault(word, set()).add(band)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--named-sjp", type=Path, default=shared_data_dir() / "lexicons" / "named-sjp.txt")
    ap.add_argument("--out", type=Path, default=REPO / "models" / "ner" / "lexicon.tsv")
    args = ap.parse_args()
    merged = named_sjp(args.named_sjp.read_text(encoding="utf-8").splitlines())
    for word, tags in zxcvbn_lists().items():
        merged.setdefault(word, set()).update(tags)
    body = "".join(f"{w}\t{','.join(sorted(t))}\n" for w, t in sorted(merged.items()))
    args.out.write_text(HEADER + body, encoding="utf-8")
    print(f"wrote {args.out}: {len(merged)} words, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
