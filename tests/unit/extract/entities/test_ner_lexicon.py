"""The compact NER lexicon answers as the plain dict of the same file does."""

from __future__ import annotations

from pathlib import Path

from newsetl.extract.entities.ner_lexicon import CompactLexicon, load_lexicon, parse_lexicon

REPO = Path(__file__).resolve().parents[4]
LEXICON = REPO / "models" / "ner" / "lexicon.tsv"


def test_compact_lexicon_equals_the_dict() -> None:
    plain = parse_lexicon(LEXICON.read_text(encoding="utf-8").splitlines())
    compact = load_lexicon(LEXICON)
    assert isinstance(compact, CompactLexicon)
    assert len(compact) == len(plain) > 400_000
    assert all(compact.get(word) == tags for word, tags in plain.items())
    assert set(compact) == set(plain)
    for missing in ("krakow", "", "kijow", "x" * 50, "KIJOWA", "kijowa "):
        assert missing not in plain
        assert compact.get(missing) is None and compact.get(missing, ()) == ()
        assert missing not in compact


def test_small_and_empty() -> None:
    lex = CompactLexicon([("żółw", ("a",)), ("b", ("a",)), ("ć", ("c", "d"))])
    assert dict(lex) == {"żółw": ("a",), "b": ("a",), "ć": ("c", "d")}
    assert lex["b"] is lex["żółw"]  # tag sets are shared
    assert lex.get(3) is None  # type: ignore[call-overload]
    empty = CompactLexicon([])
    assert len(empty) == 0 and empty.get("a") is None and list(empty) == []
