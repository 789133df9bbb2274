"""Word lists and patterns shared by more than one module, stated once.

Stage-specific lists stay with their stage (abbreviations in :mod:`newsetl.segment.lexicon`,
number words in :mod:`newsetl.extract.claims`); what two modules must agree on lives here.
"""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of ``text`` (keeps long lists readable)."""
    return frozenset(text.split())


# Top-level web domains common in Polish news. A word ending in one after a dot is a domain
# name ("onet.pl", "tokfm.fm"): the tokenizer keeps it whole and the sentence splitter does
# not take its final period for an abbreviation's.
WEB_DOMAIN_ENDINGS = ("pl", "com", "org", "net", "eu", "gov", "edu", "info", "de", "uk", "ru", "ua", "io", "fm", "tv")

# The same as a regular-expression group: ``(?:pl|com|…)``.
WEB_DOMAIN_ENDING = "(?:" + "|".join(WEB_DOMAIN_ENDINGS) + ")"
