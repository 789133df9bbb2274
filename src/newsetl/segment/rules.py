"""Per-language knowledge used by the sentence splitter: abbreviation classes and the
test "does this capitalised word start a sentence?" (see :mod:`.lexicon` for the lists).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from newsetl.morph import Morphology
from newsetl.segment import lexicon as lx
from newsetl.words import words

# Abbreviation classes (see lexicon.py).
PREFIX, WEAK, SUFFIX, UNIT = "prefix", "weak", "suffix", "unit"

# Morfeusz parts of speech that make a capitalised word a sentence start when seen
# right after an ambiguous period: function words (always), verbs (when the word has no
# noun reading, so "Piła" the town is not taken for "piła" the verb).
_FUNCTION_POS = frozenset(["adv", "conj", "comp", "prep", "part", "qub", "ppron12", "ppron3", "siebie", "interj"])
VERB_POS = words("fin praet impt imps inf bedzie winien pred aglt")
NOUN_POS = words("subst depr ger")

# Capitalised words that start Polish sentences often enough to skip Morfeusz for them.
_PL_STARTERS = words(
    """
    a ale aby bo by choć chociaż co czy dla dlatego do dopiero dziś dzisiaj gdy gdzie i
    ich ile jak jako jednak jego jej jest jeśli jeżeli już kiedy mimo my na nad nie
    niestety o od on ona oni one oraz oto po pod podczas potem ponadto poza przed przy
    skoro są ta tak także tam te teraz to tu tutaj tym tymczasem u w we według wówczas
    wszystko wtedy z za zaś zatem ze że żeby również było był była byli były
    """
)

_DE_STARTERS = words(
    """
    der die das den dem des ein eine einer er sie es ich wir ihr man und aber doch dann
    als wenn nach vor bei zu von im in am auf mit für nicht auch so da dort hier heute
    jetzt nun dies diese dieser dieses wie was wer warum wo"""
)

_RU_STARTERS = words(
    """
    он она оно они мы вы я ты это этот эта эти в во на но и а по с со к о об от до из
    за при для как что кто где когда если так тогда сейчас теперь там тут здесь уже
    ещё еще не нет да его её ее их"""
)

# Words that open a fronted adverbial ("W 2024 r. Polska ...", "Od 1 stycznia 2025 r.
# Ministerstwo ..."): a clause that starts with one and has no verb yet is not over.
PL_CLAUSE_OPENERS = words(
    """
    w we od do na po przed za z ze u przy pod nad o około podczas według wraz między
    pomiędzy jesienią latem zimą wiosną kiedy gdy że iż jeśli jeżeli aż dopiero już
    jeszcze jednak a ale i oraz natomiast zaś poza dzięki wśród dnia
    """
)


@lru_cache(maxsize=1)
def default_morphology() -> Morphology:
    """The process-wide analyser used when the caller does not pass one."""
    return Morphology()


@dataclass(frozen=True)
class Rules:
    """Abbreviation classes and sentence-start evidence for one language."""

    lang: str | None
    classes: dict[str, str]
    starters: frozenset[str]
    polish: bool  # use Morfeusz evidence and the Polish date rule
    months: frozenset[str] = field(default=lx.MONTHS)

    def abbreviation(self, core: str) -> str | None:
        """Class of ``core`` (the word before a period, without it), or None."""
        cls = self.classes.get(core)
        if cls is None and not core.islower() and not (len(core) > 1 and core.isupper()):
            # "Prof." and "Np." are listed as "prof", "np"; "ASP." or "POZ." are
            # acronyms, not "asp." (aspirant) or "poz." (pozycja).
            cls = self.classes.get(core.lower())
        return cls

    def starts_sentence(self, word: str, morph: Morphology | None) -> bool:
        """True when a capitalised ``word`` after a period is strong evidence of a new
        sentence: a function word or a verb, never a name or an ordinary noun."""
        low = word.lower()
        if low in self.starters:
            return True
        if not self.polish or morph is None or not word[:1].isupper():
            return False
        interps = morph.analyse(low)
        pos = {i.pos for i in interps}
        if pos & _FUNCTION_POS:
            return True
        return bool(pos & VERB_POS) and not pos & NOUN_POS

    def is_verb(self, word: str, morph: Morphology) -> bool:
        """True when ``word`` can only be read as a verb form (no noun reading)."""
        pos = {i.pos for i in morph.analyse(word.lower())}
        return bool(pos & VERB_POS) and not pos & NOUN_POS


def _classes(*groups: tuple[frozenset[str], str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for members, cls in groups:
        for w in members:
            out.setdefault(w, cls)
    return out


_GENERIC = ((lx.GENERIC_PREFIX, PREFIX), (lx.GENERIC_SUFFIX, SUFFIX))
_POLISH = (
    (lx.PL_PREFIX, PREFIX),
    (lx.PL_PREFIX_WEAK, WEAK),
    (lx.PL_SUFFIX, SUFFIX),
    (lx.PL_UNIT, UNIT),
)
_ENGLISH = (
    (lx.EN_PREFIX_WEAK, WEAK),
    (lx.EN_PREFIX, PREFIX),
    (lx.EN_SUFFIX, SUFFIX),
    (lx.EN_UNIT, UNIT),
)
_GERMAN = ((lx.DE_PREFIX_WEAK, WEAK), (lx.DE_PREFIX, PREFIX), (lx.DE_SUFFIX, SUFFIX))
_RUSSIAN = ((lx.RU_PREFIX, PREFIX), (lx.RU_SUFFIX, SUFFIX))
_CYRILLIC = words("ru uk be bg sr mk kk")


@lru_cache(maxsize=64)
def rules_for(lang: str | None) -> Rules:
    """Rules for an ISO 639-1 code; ``None`` (unknown) gets Polish plus generic rules,
    the corpus being mostly Polish; an unlisted language gets the generic rules only."""
    code = (lang or "").lower()[:2] or None
    if code in (None, "pl"):
        return Rules(code, _classes(*_POLISH, *_GENERIC), _PL_STARTERS | lx.EN_STARTERS, True)
    if code == "en":
        return Rules(code, _classes(*_ENGLISH, *_GENERIC), lx.EN_STARTERS, False)
    if code == "de":
        return Rules(code, _classes(*_GERMAN, *_GENERIC), _DE_STARTERS, False)
    if code in _CYRILLIC:
        return Rules(code, _classes(*_RUSSIAN, *_GENERIC), _RU_STARTERS, False)
    return Rules(code, _classes(*_GENERIC), lx.EN_STARTERS, False)
