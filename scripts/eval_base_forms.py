"""Evaluate name base forms (:func:`newsetl.extract.entities.base_form.base_form`) on NKJP.

Data: ``$NEWSETL_SHARED_DATA/ner/nkjp-nested-simplified-v2.iob.gz`` (token, lemma, tag,
label). Mentions are the gold top-level spans (:func:`ner_corpus.gold_spans`) labelled
persName, orgName, placeName or geogName (dates and times are not inflected and not
evaluated). The document split is the NER tagger's (:func:`ner_corpus.split_documents`:
ids sorted, shuffled with ``random.Random(13)``, 80/10/10); figures are reported on the
test 10% and on all documents.

NKJP gives token lemmas (from a tagger, so with some noise), not phrase base forms, so
the gold is defined token by token from the corpus's tags:

* **Inflected part.** For a person, every token up to the first function word
  (preposition, conjunction, verb, ...) inflects ("Jana Pawła" → "Jan Paweł").
  For other names, the inflected part is the head phrase: adjectives, the first noun,
  and further adjectives; it ends at a function word, at an abbreviation after the noun
  ("im.", "nr"), or at a second noun in the genitive or in another case than the first
  noun (a complement: "Ministerstwa | Spraw Zagranicznych"). "i"/"oraz" followed by a
  noun in the head's case continues it ("Bośni i Hercegowiny"). Punctuation, digits,
  initials, Roman numerals and abbreviations before the noun ("ul.", tagged ``brev``
  or a short lowercase word before a full stop) are neutral everywhere. After a street
  abbreviation (ul., al., pl., os.) a noun, or an adjective of another gender than the
  unwritten noun, is a complement ("ul. Kopernika" stays; "ul. Marszałkowskiej" →
  "ul. Marszałkowska").
* **Correct token.** Outside the inflected part and for neutral tokens, the output must
  equal the surface (NKJP lemmatises complements, but they stay as written in a base
  form). Inside it, a noun is right when the output is its NKJP lemma or a nominative
  plural of it (Morfeusz analysis of the output: "Kaczyńscy" for Kaczyński); an
  adjective or participle is right when the output analyses as a nominative of its
  NKJP lemma ("Północnej", lemma "północny" → "Północna" is right, whatever the gender);
  for an adjective Morfeusz does not know, the lemma with a nominative ending (-i/-y,
  -a, -e) is accepted. Hyphenated words compare part by part.
  Comparisons ignore letter case (NKJP lowercases lemmas of proper adjectives).
* **Inconsistent gold.** The corpus's lemmas and tags come from a tagger and contradict
  the annotation in two recognisable ways, and such mentions are counted apart: a
  forename tagged plural ("Józef" as the genitive plural of Józefa, lemma "Józefa"),
  and a person's name whose nouns are tagged in different cases.
* **Unknown words.** NKJP leaves words its tagger did not know (tag ``ign``) without a
  lemma. In a mention whose first case-bearing token is nominative, their gold is the
  surface; otherwise, if such a token falls in the inflected part, the mention has no
  gold and is counted apart ("no_gold"), not scored.

A mention is correct when all its tokens are. Reported: accuracy overall, per label,
on mentions with a word Morfeusz does not know (scored mentions only), and a sample
of errors; plus speed: base forms in mention words per second (cold caches, then warm),
and the whole mentions glue (base forms, document evidence, linking) in text words per
second over all documents starting from empty caches.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from newsetl.config import shared_data_dir
from newsetl.extract.entities.base_form import base_form_tokens_candidates, infer_spaces
from newsetl.extract.entities.mentions import mentions_in
from newsetl.extract.entities.ner_corpus import Document, gold_spans, parse_iob, split_documents
from newsetl.morph import Morphology
from newsetl.spans import Segmentation

NAME_LABELS = ("persName", "orgName", "placeName", "geogName")
NOUNS = {"subst", "depr", "ger"}
ADJS = {"adj", "ppas", "pact"}
ROMAN = set("IVXLCDM")


def shared_data() -> Path:
    return shared_data_dir()


def token_lemma_tag(doc: Document, sentence_idx: int) -> list[tuple[str, str, str]]:
    """(token, lemma, tag) of each token of one sentence (``doc`` parsed with ``keep_columns``)."""
    out = []
    for token, extra in zip(doc.sentences[sentence_idx], doc.columns[sentence_idx], strict=True):
        lemma, tag = [*extra, "", ""][:2]
        out.append((token, lemma, tag))
    return out


def _case(tag: str) -> str | None:
    parts = tag.split(":")
    if parts[0] in NOUNS | ADJS and len(parts) > 2:
        return parts[2]
    return None


def _neutral(token: str, tag: str, seen_noun: bool) -> bool:
    pos = tag.split(":")[0]
    if not any(ch.isalnum() for ch in token) or token.isdigit() or pos == "interp":
        return True
    if len(token) == 1 and token.isupper():
        return True  # an initial
    if set(token) <= ROMAN:
        return True
    return pos == "brev" and not seen_noun


def _abbreviation(tokens: Sequence[tuple[str, str, str]], i: int) -> bool:
    """A short lowercase word followed by a full stop ("ul .", "woj .")."""
    token = tokens[i][0]
    return token.isalpha() and token.islower() and len(token) <= 4 and i + 1 < len(tokens) and tokens[i + 1][0] == "."


# Street-type abbreviations and the gender of the noun they stand for.
IMPLIED_HEADS = {"ul": "f", "al": "f", "pl": "m3", "os": "n"}


def _gender(tag: str) -> str | None:
    parts = tag.split(":")
    return parts[3] if len(parts) > 3 else None


def inflected_part(tokens: Sequence[tuple[str, str, str]], label: str) -> list[str]:
    """Per token: ``neutral``, ``inflect`` or ``keep`` (see the module docstring)."""
    roles: list[str] = []
    head_case: str | None = None
    nouns = 0
    implied: str | None = None
    stopped = False
    after_coord = False
    for i, (token, _lemma, tag) in enumerate(tokens):
        pos = tag.split(":")[0]
        if stopped:
            roles.append("keep")
            continue
        if _abbreviation(tokens, i) and nouns == 0 and token in IMPLIED_HEADS and (label != "persName"):
            implied = IMPLIED_HEADS[token]
            roles.append("neutral")
            continue
        if _neutral(token, tag, nouns > 0) or (_abbreviation(tokens, i) and nouns == 0):
            roles.append("neutral")
            continue
        if implied is not None and (pos in NOUNS or _gender(tag) not in (None, implied)):
            stopped = True  # "ul. Kopernika": a complement of the unwritten "ulica"
            roles.append("keep")
            continue
        if pos == "ign":
            roles.append("inflect")
            continue
        if pos in ADJS:
            roles.append("inflect")
            continue
        if pos in NOUNS:
            case = _case(tag)
            if label != "persName" and nouns and not after_coord and (case == "gen" or case != head_case):
                stopped = True
                roles.append("keep")
                continue
            if label != "persName" and after_coord and case != head_case:
                stopped = True
                roles.append("keep")
                continue
            head_case = head_case or case
            nouns += 1
            after_coord = False
            roles.append("inflect")
            continue
        if label != "persName" and token in ("i", "oraz") and nouns and i + 1 < len(tokens):
            nxt = tokens[i + 1][2]
            if nxt.split(":")[0] in NOUNS | ADJS and _case(nxt) == head_case:
                after_coord = True
                roles.append("neutral")
                continue
        stopped = True
        roles.append("keep")
    return roles


def mention_case(tokens: Sequence[tuple[str, str, str]]) -> str | None:
    for _token, _lemma, tag in tokens:
        case = _case(tag)
        if case is not None:
            return case
    return None


def _is_nominative_of(word: str, lemma: str, poses: set[str], morph: Morphology) -> bool:
    target = lemma.casefold()
    for variant in {word, word.lower(), word[:1].upper() + word[1:].lower()}:
        for interp in morph.analyse(variant):
            parts = interp.tag.split(":")
            if (
                parts[0] in poses
                and len(parts) > 2
                and "nom" in parts[2].split(".")
                and interp.lemma.casefold() == target
            ):
                return True
    return False


def _same_compound(out: str, lemma: str, token: str, poses: set[str], morph: Morphology) -> bool:
    """Hyphenated words ("Bielsko-Biała"): earlier parts compare as strings, the last by
    analysis (Morfeusz analyses the parts separately)."""
    out_parts, lemma_parts, token_parts = out.split("-"), lemma.split("-"), token.split("-")
    if len(out_parts) != len(lemma_parts) or len(out_parts) < 2:
        return False
    for o, le, t in zip(out_parts[:-1], lemma_parts[:-1], token_parts[:-1], strict=False):
        if o.casefold() not in (le.casefold(), t.casefold()):
            return False
    last_out, last_lemma = out_parts[-1], lemma_parts[-1]
    return last_out.casefold() == last_lemma.casefold() or _is_nominative_of(last_out, last_lemma, poses, morph)


def token_correct(out: str, token: str, lemma: str, tag: str, role: str, nominative: bool, morph: Morphology) -> bool:
    pos = tag.split(":")[0]
    if role != "inflect":
        return out == token
    if pos == "ign":
        return out == token if nominative else False
    if pos in NOUNS:
        return (
            out.casefold() == lemma.casefold()
            or _is_nominative_of(out, lemma, NOUNS, morph)
            or _same_compound(out, lemma, token, NOUNS, morph)
        )
    if pos in ADJS:
        return (
            _is_nominative_of(out, lemma, ADJS, morph)
            or _same_compound(out, lemma, token, ADJS, morph)
            or _unknown_adjective_nominative(out, lemma, morph)
        )
    return out == token


def _unknown_adjective_nominative(out: str, lemma: str, morph: Morphology) -> bool:
    """For adjectives Morfeusz does not know ("Tepperowski"), accept the regular
    nominative endings of the lemma: -i/-y (masculine), -a, -e."""
    if not all(i.tag == "ign" for i in morph.analyse(out)):
        return False
    o, le = out.casefold(), lemma.casefold()
    return o in {le, le[:-1] + "a", le[:-1] + "e", le + "e"}


def merge_groups(
    tokens: Sequence[tuple[str, str, str]], out: Sequence[str], roles: Sequence[str]
) -> tuple[list[tuple[str, str, str]], list[str], list[str]]:
    """Join tokens written without spaces ("Błońską", "-", "Fajfrowską") into one, as the
    base-form code does; the joined token takes the tag and role of its last word."""
    spaces = infer_spaces([t for t, _, _ in tokens])
    m_toks: list[tuple[str, str, str]] = []
    m_out: list[str] = []
    m_roles: list[str] = []
    group: list[int] = []
    for i in range(len(tokens)):
        group.append(i)
        if not spaces[i] and i < len(tokens) - 1:
            continue  # the next token is written without a space: same group
        words = [j for j in group if any(ch.isalnum() for ch in tokens[j][0])]
        if len(words) > 1 and all(tokens[j][0] in "-'’" for j in group if j not in words):
            lo, hi = group[0], group[-1]
            m_toks.append(
                (
                    "".join(tokens[j][0] for j in range(lo, hi + 1)),
                    "".join(tokens[j][1] or tokens[j][0] for j in range(lo, hi + 1)),
                    tokens[words[-1]][2],
                )
            )
            m_out.append("".join(out[j] for j in range(lo, hi + 1)))
            m_roles.append(roles[words[-1]])
        else:
            for j in group:
                m_toks.append(tokens[j])
                m_out.append(out[j])
                m_roles.append(roles[j])
        group = []
    return m_toks, m_out, m_roles


def _inconsistent(tokens: Sequence[tuple[str, str, str]], raw_labels: Sequence[str], label: str) -> bool:
    """NKJP tags that contradict the annotation itself: a forename tagged plural
    ("Józef" as the genitive plural of Józefa, lemma "Józefa"), or the nouns of a
    person's name tagged in different cases ("Paweł Kukiz": gen + nom)."""
    for (_t, _l, tag), raw in zip(tokens, raw_labels, strict=True):
        if "persName-forename" in raw and tag.split(":")[0] in NOUNS and tag.split(":")[1] == "pl":
            return True
    if label == "persName":
        cases = {_case(tag) for _t, _l, tag in tokens if tag.split(":")[0] in NOUNS}
        if len(cases) > 1:
            return True
    return False


def gold_status(
    tokens: Sequence[tuple[str, str, str]], label: str, raw_labels: Sequence[str] = ()
) -> tuple[str, list[str]]:
    roles = inflected_part(tokens, label)
    if raw_labels and _inconsistent(tokens, raw_labels, label):
        return "inconsistent", roles
    nominative = mention_case(tokens) == "nom"
    if not nominative and any(
        r == "inflect" and tag.startswith("ign") for r, (_t, _l, tag) in zip(roles, tokens, strict=True)
    ):
        return "no_gold", roles
    return "scored", roles


def _as_text(doc: Document) -> tuple[str, Segmentation]:
    """The document's tokens joined by single spaces, one paragraph per sentence."""
    parts: list[str] = []
    paragraphs, sentences, tokens = [], [], []
    pos = 0
    for s_idx, sent in enumerate(doc.sentences):
        start = pos
        for tok in sent:
            tokens.append((pos, pos + len(tok), s_idx))
            parts.append(tok)
            pos += len(tok) + 1
        paragraphs.append((start, pos - 1))
        sentences.append((start, pos - 1, s_idx))
        parts[-1] += "\n"
    text = " ".join(parts).replace("\n ", "\n")
    return text, Segmentation(paragraphs, sentences, tokens)


def glue_speed(docs: Sequence[Document]) -> dict[str, float]:
    """Text words per second of :func:`mentions_in` (base forms, document evidence,
    linking; all gold spans, dates included) with a fresh Morphology."""
    prepared = [
        (*_as_text(d), [(s.sentence_idx, s.first_token, s.end_token, s.label, s.subtype) for s in gold_spans(d)])
        for d in docs
    ]
    words = sum(len(sent) for d in docs for sent in d.sentences)
    mention_words = sum(e - f for _, _, spans in prepared for _, f, e, _, _ in spans)
    morph = Morphology()
    t0 = time.perf_counter()
    for text, seg, spans in prepared:
        mentions_in(text, seg, spans, morph)
    elapsed = time.perf_counter() - t0
    return {
        "documents": len(docs),
        "text_words": words,
        "mention_words": mention_words,
        "text_words_per_s": round(words / elapsed),
        "seconds": round(elapsed, 2),
    }


def evaluate(path: Path, sample_errors: int, out_path: Path) -> dict[str, Any]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = parse_iob(fh, keep_columns=True)
    split = split_documents(docs)
    test_ids = {d.doc_id for d in split["test"]}
    morph = Morphology()

    mentions: list[dict[str, Any]] = []
    for doc in docs:
        for span in gold_spans(doc):
            if span.label not in NAME_LABELS:
                continue
            sent = token_lemma_tag(doc, span.sentence_idx)
            toks = sent[span.first_token : span.end_token]
            raw = doc.labels[span.sentence_idx][span.first_token : span.end_token]
            mentions.append(
                {"doc": doc.doc_id, "label": span.label, "tokens": toks, "raw": raw, "test": doc.doc_id in test_ids}
            )

    # speed: cold (fresh Morphology, so every cache is empty), then warm
    words_total = sum(len(m["tokens"]) for m in mentions)
    t0 = time.perf_counter()
    outputs = [base_form_tokens_candidates([t for t, _, _ in m["tokens"]], m["label"], morph)[0] for m in mentions]
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for m in mentions:
        base_form_tokens_candidates([t for t, _, _ in m["tokens"]], m["label"], morph)
    warm = time.perf_counter() - t0

    stats: dict[str, Counter[str]] = {"all": Counter(), "test": Counter()}
    errors: list[dict[str, Any]] = []
    for m, out in zip(mentions, outputs, strict=True):
        toks = m["tokens"]
        status, roles = gold_status(toks, m["label"], m["raw"])
        unknown = any(
            all(i.tag == "ign" for i in morph.analyse(t)) for t, _, _ in toks if any(ch.isalpha() for ch in t)
        )
        keys = ["all", m["label"]] + (["unknown"] if unknown else [])
        scopes = ["all"] + (["test"] if m["test"] else [])
        if status != "scored":
            for scope in scopes:
                for k in keys:
                    stats[scope][k + ":" + status] += 1
            continue
        nominative = mention_case(toks) == "nom"
        g_toks, g_out, g_roles = merge_groups(toks, out, roles)
        ok = all(
            token_correct(o, t, lemma, tag, role, nominative, morph)
            for o, (t, lemma, tag), role in zip(g_out, g_toks, g_roles, strict=True)
        )
        for scope in scopes:
            for k in keys:
                stats[scope][k + ":n"] += 1
                stats[scope][k + ":ok"] += ok
        if not ok:
            errors.append(
                {
                    "test": m["test"],
                    "label": m["label"],
                    "surface": " ".join(t for t, _, _ in toks),
                    "output": " ".join(o for o in out if o),
                    "gold_lemmas": " ".join(lemma or "?" for _, lemma, _ in toks),
                    "tags": " ".join(tag for _, _, tag in toks),
                    "roles": " ".join(roles),
                }
            )

    def summary(scope: str) -> dict[str, Any]:
        c = stats[scope]
        res: dict[str, Any] = {}
        for k in ("all", *NAME_LABELS, "unknown"):
            n = c[k + ":n"]
            res[k] = {
                "n": n,
                "correct": c[k + ":ok"],
                "accuracy": round(c[k + ":ok"] / n, 4) if n else None,
                "no_gold": c[k + ":no_gold"],
                "inconsistent": c[k + ":inconsistent"],
            }
        return res

    rng = random.Random(0)
    sample = rng.sample(errors, min(sample_errors, len(errors)))
    frequent = Counter((e["label"], e["surface"], e["output"], e["gold_lemmas"]) for e in errors)
    result = {
        "data": str(path),
        "mentions": len(mentions),
        "test": summary("test"),
        "all": summary("all"),
        "speed": {
            "mention_words": words_total,
            "cold_words_per_s": round(words_total / cold),
            "warm_words_per_s": round(words_total / warm),
            "mentions_glue_on_all_documents_cold": glue_speed(docs),
        },
        "error_sample": sample,
        "frequent_errors": [
            {"label": k[0], "surface": k[1], "output": k[2], "gold_lemmas": k[3], "count": n}
            for k, n in frequent.most_common(60)
        ],
    }
    out_path.parent.mkdir(parents=True, exist_ok=True)
    out_path.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=shared_data() / "ner" / "nkjp-nested-simplified-v2.iob.gz")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "data" / "eval" / "base_forms.json"
    )
    parser.add_argument("--errors", type=int, default=40, help="size of the error sample")
    args = parser.parse_args(argv)
    res = evaluate(args.data, args.errors, args.out)
    for scope in ("test", "all"):
        print(f"== {scope} ==")
        for k, v in res[scope].items():
            acc = "-" if v["accuracy"] is None else f"{v['accuracy']:.4f}"
            print(
                f"  {k:10s} n={v['n']:6d} accuracy={acc}  (not scored: no gold {v['no_gold']}, "
                f"inconsistent gold {v['inconsistent']})"
            )
    sp = res["speed"]
    print(
        f"speed: {sp['mention_words']} mention words; cold {sp['cold_words_per_s']}/s, warm {sp['warm_words_per_s']}/s"
    )
    g = sp["mentions_glue_on_all_documents_cold"]
    print(
        f"mentions glue (cold cache, {g['documents']} documents, {g['text_words']} text words, "
        f"{g['mention_words']} mention words): {g['text_words_per_s']} text words/s"
    )
    print("error sample:")
    for e in res["error_sample"]:
        print(f"  [{e['label']}] {e['surface']} -> {e['output']}   (lemmas: {e['gold_lemmas']}; {e['roles']})")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
