"""Numeric claims: one record per stated quantity (Polish first, English second).

Rules, not a model: numbers in digits or words are found with their scale, unit,
qualifier and range (:mod:`.scan`, on the number grain of :mod:`newsetl.segment.tokens`),
dates, times, ordinals, references and names are dropped, and each quantity gets the noun
it counts (:mod:`.context`), the named entity it is about (:mod:`.subjects`: the owner or
group of the counted things, else the actor, else the place) and the person or
organisation it is attributed to (:mod:`.cues` reads one sentence, :mod:`.roles` finds the
holder of a role, :mod:`.speakers` carries sources across a paragraph and quotations).
Languages other than Polish and English give no claims. The rules are measured on a
hand-annotated development set (``scripts/eval_attribution.py``; guideline in
``scripts/data/attribution/GUIDELINE.md``).

Decisions worth knowing:

* A lone "jeden"/"one" is a pronoun or an article ("jeden z nich", "one of them") and
  gives no claim; with a unit or a scale word it does ("jeden procent", "one million").
* Adjectives built on numbers ("jednodniowa", "5-letni", "20-procentowy") give none.
* Polish "z 2 do 3 proc." is a change (two claims, eq); "od 2 do 3 proc." a range.
  English "from X to Y" is a range, as in Quantulum's convention.
* Units outside the record (litres, miles, hectares, km/h…) keep the number as a
  ``count``; the unit then becomes the ``object`` in its base form ("hektar", "m2").
* The speaker is a person or an organisation, the original source of the statement
  ("– mówił agencji AFP Jan Kowalski" is Kowalski's); the journalist's own statements,
  credits such as "(PAP)" and unnamed sources ("zdaniem ekspertów", "Holendrzy
  oszacowali") have none: derived forms (inhabitant nouns, relational adjectives) are
  never speakers. As subjects they stand for their place where attached to the counted
  noun or the clause's subject ("polskie firmy zainwestowały" → Polska), not where an
  inhabitant noun is itself the actor.
"""

from newsetl.extract.claims.document import claims_in, claims_in_document
from newsetl.extract.claims.numbers import digits_value, value_of, value_of_words

EXTRACTOR_NAME = "newsetl.claims.rules"
EXTRACTOR_VERSION = "2.1.0"

__all__ = [
    "EXTRACTOR_NAME",
    "EXTRACTOR_VERSION",
    "claims_in",
    "claims_in_document",
    "digits_value",
    "value_of",
    "value_of_words",
]
