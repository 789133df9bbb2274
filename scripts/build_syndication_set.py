"""Build the syndication set: real articles, edited copies of each kind, and look-alikes.

Everything is rebuilt from ``shared/data`` (never committed: licences) with a fixed seed,
so the same command gives the same set byte for byte.

Originals ("articles"), each a list of paragraphs of sentences:

* NKJP 1M press documents (``ner/nkjp-nested-simplified-v2.iob.gz``; NKJP, CC BY for the
  1M subcorpus, PolDeepNer conversion GPL-3.0): dailies, magazines and newspaper samples
  (books, transcripts and forums left out); text rebuilt from tokens with heuristic
  spacing; sentences grouped into paragraphs of 2-5; documents longer than ~900 words
  (whole newspaper issues in the 1M sample) cut into consecutive articles of 250-800
  words at paragraph boundaries — neighbours from one issue are natural same-source
  look-alikes.
* KPWr documents with their own paragraphs (``timex/kpwr_timex_pl.json``; CC BY / CC BY-SA).
* UD sentences (``ud/*.conllu``; LFG GPL-3.0, PDB CC BY-NC-SA, evaluation only), 10-20
  consecutive sentences a document, 3-4 a paragraph.
* The seed article (``seed/``).

Articles under ``MIN_WORDS`` words are left out (a wire story is rarely shorter); each
article is a *family* with a ``split`` (``tune`` or ``test``, by a seeded draw), so
thresholds are chosen on one half and reported on the other.

Edited copies (``kind``), each derived from the original and sharing its family:

* ``lead`` — a new first line (a sentence of another article) before the text;
* ``credits`` — one or two of: a dateline ``WARSZAWA (PAP) -``, a ``(PAP)`` or
  ``Źródło: …`` line, an author line, a photo credit, a "read also" line;
* ``whitespace`` — doubled spaces, CRLF, lines wrapped inside paragraphs, NBSP, tabs,
  typographic quotes and dashes;
* ``drop_paragraph`` — one paragraph removed (one sentence if the article has two or fewer);
* ``add_paragraph`` — a paragraph of 2-4 sentences of another article inserted;
* ``changed_words`` — 1-5 % of the words replaced, deleted or doubled by another word;
* ``combo`` — two or three of the kinds above, words changed 1-3 %.

Look-alikes (``lookalike:*``): articles *on the same topic* that are not copies — they
belong to their own family and must not join the original's story unless they really
overlap (the evaluation judges by measured shingle overlap, not by the label):

* ``lookalike:followup`` — the original's first paragraph, then 2-5 paragraphs of other
  articles of the same source (a follow-up quoting the first report);
* ``lookalike:template`` — the same text with every name and number swapped and 10 % of
  the other words changed (templated reports: results, prices, weather);
* ``lookalike:excerpt`` — two sentences of the original quoted inside another article.

Usage::

    .venv/bin/python scripts/build_syndication_set.py [--out data/eval/syndication.jsonl] [--seed 15]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from newsetl.config import shared_data_dir
from newsetl.extract.entities.ner_corpus import parse_iob

SEED = 15
MIN_WORDS = 80
LONG_DOC_WORDS = 900
EDIT_KINDS = ("lead", "credits", "whitespace", "drop_paragraph", "add_paragraph", "changed_words")

Article = list[list[str]]  # paragraphs of sentences


@dataclass(frozen=True)
class Item:
    key: str  # unique name of this text in the set
    family: str  # key of the original it was made from (its own key for originals)
    kind: str  # "original", an edit kind, "combo:<kinds>" or "lookalike:<how>"
    split: str  # "tune" or "test", the family's
    source: str  # corpus and subcorpus, e.g. "nkjp:130"
    text: str


# -- originals -------------------------------------------------------------------------

_NO_SPACE_BEFORE = set(".,;:?!)]}…%")
# NKJP's press: dailies (1xx), magazines (3xx) and the named newspaper samples; books,
# spoken transcripts and forums are left out.
_PRESS = re.compile(
    r"1\d\d|3\d\d|DP\d+|Gazeta\w+|Glos\w+|Kurier\w+|Ekspress\w+|NIE|NowaTrybunaOpolska|Rzeczpospolita"
    r"|SlowoPowszechne|SuperExpress|Sztafeta|TrybunaLudu|TrybunaSlaska|ZycieWarszawy"
)
_NO_SPACE_AFTER = set("([{")


def detokenized(tokens: list[str], tags: list[str]) -> str:
    """A sentence from NKJP tokens: no space before closing punctuation or agglutinates."""
    out: list[str] = []
    glue = True
    quote_open = False
    for tok, tag in zip(tokens, tags, strict=True):
        space = not glue
        glue = False
        if tok in _NO_SPACE_BEFORE or tag.startswith("aglt"):
            space = False
        if tok == '"':
            if quote_open:
                space = False
            else:
                glue = True
            quote_open = not quote_open
        if tok in _NO_SPACE_AFTER:
            glue = True
        if space and out:
            out.append(" ")
        out.append(tok)
    return "".join(out)


def paragraphs_of(sentences: list[str], rng: random.Random, low: int, high: int) -> Article:
    paragraphs: Article = []
    i = 0
    while i < len(sentences):
        n = rng.randint(low, high)
        paragraphs.append(sentences[i : i + n])
        i += n
    return paragraphs


def words_in(article: Article) -> int:
    return sum(len(s.split()) for p in article for s in p)


def cut_long(article: Article, rng: random.Random) -> list[Article]:
    """Consecutive articles of 250-800 words from one long document (paragraph boundaries)."""
    if words_in(article) <= LONG_DOC_WORDS:
        return [article]
    parts: list[Article] = []
    current: Article = []
    target = rng.randint(250, 800)
    for paragraph in article:
        current.append(paragraph)
        if words_in(current) >= target:
            parts.append(current)
            current = []
            target = rng.randint(250, 800)
    if current:
        parts.append(current)
    return parts


def nkjp_articles(path: Path, rng: random.Random) -> Iterator[tuple[str, str, Article, list[set[str]]]]:
    """(name, source, article, names per paragraph) of the NKJP documents."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = parse_iob(fh, keep_columns=True)
    for doc in docs:
        sentences: list[str] = []
        names: list[set[str]] = []
        for tokens, labels, columns in zip(doc.sentences, doc.labels, doc.columns, strict=True):
            tags = [c[1] if len(c) > 1 else "" for c in columns]
            sentences.append(detokenized(tokens, tags))
            names.append({t for t, lab in zip(tokens, labels, strict=True) if lab != "O" and t[:1].isalpha()})
        base = doc.doc_id.rsplit("/", 1)[-1]
        prefix = re.split(r"[-_]", base)[0]
        if not _PRESS.fullmatch(prefix):
            continue
        article = paragraphs_of(sentences, rng, 2, 5)
        # names travel with their sentences, so keep them aligned with the paragraphs
        flat_names = iter(names)
        para_names = [set().union(*(next(flat_names) for _ in p)) for p in article]
        offset = 0
        for i, part in enumerate(cut_long(article, rng)):
            yield f"nkjp:{base}#{i}", f"nkjp:{prefix}", part, para_names[offset : offset + len(part)]
            offset += len(part)


def kpwr_articles(path: Path) -> Iterator[tuple[str, str, Article]]:
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    for doc in docs:
        paragraphs = [re.split(r"(?<=[.!?])\s+", p.strip()) for p in doc["text"].split("\n\n") if p.strip()]
        yield f"kpwr:{doc['id']}", f"kpwr:{doc.get('subcorpus') or 'other'}", paragraphs


def ud_articles(folder: Path, rng: random.Random) -> Iterator[tuple[str, str, Article]]:
    for path in sorted(folder.glob("*.conllu")):
        texts = [
            line[9:].strip() for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")
        ]
        i = 0
        n = 0
        while i < len(texts):
            size = rng.randint(10, 20)
            chunk = texts[i : i + size]
            i += size
            yield f"ud:{path.stem}#{n}", f"ud:{path.stem}", paragraphs_of(chunk, rng, 3, 4)
            n += 1


def seed_article(folder: Path) -> Iterator[tuple[str, str, Article]]:
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs = [re.split(r"(?<=[.!?])\s+", p.strip()) for p in text.split("\n\n") if p.strip()]
        yield f"seed:{path.stem}", "seed", paragraphs


# -- edits -----------------------------------------------------------------------------


def render(article: Article) -> str:
    return "\n\n".join(" ".join(p) for p in article if p)


@dataclass
class Pool:
    """What edits draw from: sentences and paragraphs of other articles, a vocabulary."""

    sentences: list[tuple[str, str]]  # (family, sentence)
    paragraphs_by_source: dict[str, list[tuple[str, list[str]]]]
    vocabulary: list[str]
    names: list[str]

    def sentence(self, rng: random.Random, not_family: str) -> str:
        while True:
            family, sentence = rng.choice(self.sentences)
            if family != not_family and len(sentence.split()) >= 8:
                return sentence

    def paragraph(self, rng: random.Random, source: str, not_family: str) -> list[str]:
        candidates = self.paragraphs_by_source.get(source) or []
        for _ in range(20):
            if not candidates:
                break
            family, paragraph = rng.choice(candidates)
            if family != not_family and len(paragraph) >= 2:
                return paragraph[:4]
        return [self.sentence(rng, not_family) for _ in range(rng.randint(2, 4))]


def edit_lead(article: Article, rng: random.Random, pool: Pool, family: str) -> Article:
    return [[pool.sentence(rng, family)], *article]


_CREDITS = (
    "(PAP)",
    "Źródło: PAP",
    "Źródło: IAR, oprac. ms",
    "(mn/PAP)",
    "Autor: Anna Nowak",
    "Fot. Shutterstock",
    "Opracowanie: Redakcja",
    "Źródło: Polska Agencja Prasowa",
)
_DATELINES = ("WARSZAWA (PAP) -", "Kraków (PAP) -", "(PAP) -", "BRUKSELA (IAR) -", "Gdańsk, 12 marca (PAP) -")


def edit_credits(article: Article, rng: random.Random, pool: Pool, family: str) -> Article:
    out = [list(p) for p in article]
    choices = rng.sample(["dateline", "line", "read_also"], k=rng.randint(1, 2))
    if "dateline" in choices:
        out[0][0] = f"{rng.choice(_DATELINES)} {out[0][0]}"
    if "line" in choices:
        out.append([rng.choice(_CREDITS)])
    if "read_also" in choices:
        out.append([f"Czytaj także: {' '.join(pool.sentence(rng, family).split()[:8])}"])
    return out


_TYPO = {'"': ("„", "”"), " - ": (" – ", " — ")}


def whitespace_text(text: str, rng: random.Random) -> str:
    """Only whitespace and typography change (what normalization and shingling ignore)."""
    out: list[str] = []
    quote_open = False
    for ch in text:
        if ch == " ":
            r = rng.random()
            out.append("  " if r < 0.05 else "\u00a0" if r < 0.07 else "\t" if r < 0.08 else " ")
        elif ch == '"' and rng.random() < 0.7:
            out.append(_TYPO['"'][0] if not quote_open else _TYPO['"'][1])
            quote_open = not quote_open
        else:
            if ch == '"':
                quote_open = not quote_open
            out.append(ch)
    text = "".join(out).replace(" - ", rng.choice(_TYPO[" - "]))
    lines = []
    for paragraph in text.split("\n\n"):
        words = paragraph.split(" ")
        wrapped, width = [], 0
        for w in words:
            if width > 70 and rng.random() < 0.5:
                wrapped.append("\n")
                width = 0
            elif wrapped:
                wrapped.append(" ")
            wrapped.append(w)
            width += len(w) + 1
        lines.append("".join(wrapped))
    sep = rng.choice(["\n\n", "\r\n\r\n", "\n \n", "\n\n\n"])
    return sep.join(lines) + rng.choice(["", "\n", "  \n"])


def edit_drop_paragraph(article: Article, rng: random.Random, pool: Pool, family: str) -> Article:
    out = [list(p) for p in article]
    if len(out) > 2:
        del out[rng.randrange(len(out))]
    else:
        longest = max(range(len(out)), key=lambda i: len(out[i]))
        if len(out[longest]) > 1:
            del out[longest][rng.randrange(1, len(out[longest]))]
    return out


def edit_add_paragraph(article: Article, rng: random.Random, pool: Pool, family: str, source: str = "") -> Article:
    out = [list(p) for p in article]
    at = len(out) if rng.random() < 0.5 else rng.randint(1, len(out))
    out.insert(at, pool.paragraph(rng, source, family))
    return out


def changed_words(article: Article, rng: random.Random, pool: Pool, fraction: float) -> Article:
    out: Article = []
    for paragraph in article:
        new_p = []
        for sentence in paragraph:
            words = sentence.split(" ")
            new_w: list[str] = []
            for w in words:
                if rng.random() < fraction:
                    r = rng.random()
                    if r < 0.6:
                        new_w.append(rng.choice(pool.vocabulary))
                    elif r < 0.8:
                        continue  # deleted
                    else:
                        new_w.extend([w, rng.choice(pool.vocabulary)])
                else:
                    new_w.append(w)
            new_p.append(" ".join(new_w) or sentence)
        out.append(new_p)
    return out


def combo(article: Article, rng: random.Random, pool: Pool, family: str, source: str) -> tuple[str, str]:
    kinds = sorted(rng.sample(EDIT_KINDS, k=rng.randint(2, 3)))
    out = article
    for kind in kinds:
        if kind == "lead":
            out = edit_lead(out, rng, pool, family)
        elif kind == "credits":
            out = edit_credits(out, rng, pool, family)
        elif kind == "drop_paragraph":
            out = edit_drop_paragraph(out, rng, pool, family)
        elif kind == "add_paragraph":
            out = edit_add_paragraph(out, rng, pool, family, source)
        elif kind == "changed_words":
            out = changed_words(out, rng, pool, rng.choice([0.01, 0.02, 0.03]))
    text = render(out)
    if "whitespace" in kinds:
        text = whitespace_text(text, rng)
    return "combo:" + "+".join(kinds), text


# -- look-alikes -------------------------------------------------------------------------

_NUMBER = re.compile(r"\d+")


def lookalike_template(article: Article, names: set[str], rng: random.Random, pool: Pool) -> str:
    """Names and numbers swapped, 10 % of the other words changed."""
    out: Article = []
    for paragraph in article:
        new_p = []
        for sentence in paragraph:
            words = []
            for i, w in enumerate(sentence.split(" ")):
                core = w.strip('.,;:!?"()')
                if _NUMBER.fullmatch(core):
                    words.append(w.replace(core, str(rng.randint(2, 999))))
                elif core in names or (i > 0 and core[:1].isupper()):
                    words.append(w.replace(core, rng.choice(pool.names)) if core else w)
                elif rng.random() < 0.10:
                    words.append(rng.choice(pool.vocabulary))
                else:
                    words.append(w)
            new_p.append(" ".join(words))
        out.append(new_p)
    return render(out)


def lookalike_followup(article: Article, rng: random.Random, pool: Pool, family: str, source: str) -> str:
    out = [list(article[0])]
    for _ in range(rng.randint(2, 5)):
        out.append(pool.paragraph(rng, source, family))
    return render(out)


def lookalike_excerpt(article: Article, rng: random.Random, pool: Pool, family: str, source: str) -> str:
    sentences = [s for p in article for s in p]
    start = rng.randrange(max(1, len(sentences) - 1))
    quote = '"' + " ".join(sentences[start : start + 2]) + '"'
    out = [pool.paragraph(rng, source, family), [quote], pool.paragraph(rng, source, family)]
    return render(out)


# -- the set -----------------------------------------------------------------------------


def build(shared: Path | None = None, seed: int = SEED, max_originals: int = 1500) -> list[Item]:
    """The whole set, deterministic for a given seed and shared data."""
    shared = shared or shared_data_dir()
    rng = random.Random(seed)
    raw: list[tuple[str, str, Article, set[str]]] = []
    for name, source, article, para_names in nkjp_articles(shared / "ner" / "nkjp-nested-simplified-v2.iob.gz", rng):
        raw.append((name, source, article, set().union(*para_names) if para_names else set()))
    for name, source, article in kpwr_articles(shared / "timex" / "kpwr_timex_pl.json"):
        raw.append((name, source, article, set()))
    for name, source, article in ud_articles(shared / "ud", rng):
        raw.append((name, source, article, set()))
    for name, source, article in seed_article(shared / "seed"):
        raw.append((name, source, article, set()))
    raw = [r for r in raw if words_in(r[2]) >= MIN_WORDS]

    sentences = [(name, s) for name, _, article, _ in raw for p in article for s in p]
    by_source: dict[str, list[tuple[str, list[str]]]] = {}
    for name, source, article, _ in raw:
        for p in article:
            by_source.setdefault(source, []).append((name, p))
    vocab = sorted({w for _, s in sentences[::7] for w in s.split() if w.isalpha()})
    names = sorted({n for *_, ns in raw for n in ns if n.isalpha() and n[:1].isupper()}) or ["Kowalski"]
    pool = Pool(sentences, by_source, vocab, names)

    chosen = sorted(rng.sample(range(len(raw)), k=min(max_originals, len(raw))))
    seeds = [i for i, r in enumerate(raw) if r[1] == "seed"]
    chosen = sorted(set(chosen) | set(seeds))
    items: list[Item] = []
    for i in chosen:
        items.extend(family_items(*raw[i], pool, seed))
    return items


def family_items(name: str, source: str, article: Article, names: set[str], pool: Pool, seed: int) -> list[Item]:
    """The original, its edited copies, and (each with probability 1/2) its look-alikes."""
    # a per-family generator: adding a kind later does not reshuffle the other families
    rng = random.Random(zlib.crc32(f"{seed}:{name}".encode()))
    split = "tune" if rng.random() < 0.5 else "test"
    texts: list[tuple[str, str]] = [
        ("original", render(article)),
        ("lead", render(edit_lead(article, rng, pool, name))),
        ("credits", render(edit_credits(article, rng, pool, name))),
        ("drop_paragraph", render(edit_drop_paragraph(article, rng, pool, name))),
        ("add_paragraph", render(edit_add_paragraph(article, rng, pool, name, source))),
    ]
    fraction = rng.choice([0.01, 0.02, 0.03, 0.05])
    texts.append(("changed_words", render(changed_words(article, rng, pool, fraction))))
    texts.append(("whitespace", whitespace_text(render(article), rng)))
    items = [Item(f"{name}|{kind}", name, kind, split, source, text) for kind, text in texts]
    for n in range(2):
        kind, text = combo(article, rng, pool, name, source)
        items.append(Item(f"{name}|{kind}#{n}", name, kind, split, source, text))
    # look-alikes are their own families (same split, so tuning never sees test pairs)
    look = {
        "lookalike:followup": lookalike_followup(article, rng, pool, name, source),
        "lookalike:template": lookalike_template(article, names, rng, pool),
        "lookalike:excerpt": lookalike_excerpt(article, rng, pool, name, source),
    }
    for kind, text in look.items():
        if rng.random() < 0.5:
            items.append(Item(f"{name}|{kind}", f"{name}|{kind}", kind, split, source, text))
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--out", type=Path, default=Path("data/eval/syndication.jsonl"))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--max-originals", type=int, default=1500)
    args = ap.parse_args()
    items = build(seed=args.seed, max_originals=args.max_originals)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")
    kinds: dict[str, int] = {}
    for item in items:
        k = item.kind.split(":")[0] if item.kind.startswith("combo") else item.kind
        kinds[k] = kinds.get(k, 0) + 1
    originals = [i for i in items if i.kind == "original"]
    print(f"{len(items)} texts, {len(originals)} originals -> {args.out}")
    for k, n in sorted(kinds.items()):
        print(f"  {k:24s} {n}")


if __name__ == "__main__":
    main()
