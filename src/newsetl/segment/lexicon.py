"""Word lists that decide whether a period ends a sentence.

Abbreviations are stored without their final period, lower-cased unless case matters
(single letters are handled by rule, not listed). They come in three kinds, because the
question "can this abbreviation end a sentence?" has three answers:

* ``PREFIX`` — stands *before* what it qualifies ("prof. Nowak", "ul. Długa",
  "np. Polska", "m.in. w"): a period after it never ends a sentence.
* ``PREFIX_WEAK`` — a prefix abbreviation that is also an ordinary word or often closes a
  phrase ("im." = *imienia* / pronoun *im*; "św." also closes "Komunię św."; "ok." /
  "OK."): it ends a sentence only when the next word clearly starts one (a capitalised
  function word or verb, see :mod:`newsetl.segment.sentences`).
* ``SUFFIX`` — stands *after* its head ("2024 r.", "3 tys.", "itd.", "sp. z o.o."):
  it ends a sentence when the next word starts one.
* ``UNIT`` — a prefix that becomes a suffix after a number ("o godz. 12" but "1 godz.
  15 min."; "min. Sikorski" but "5 min.").

The Polish lists were drawn up from the words that precede a sentence-internal period in
NKJP (reconstructed from the NER corpus, CC BY) and checked against Morfeusz's
``brev:pun`` analyses; rare abbreviations not listed here are still caught at run time
by asking Morfeusz (see ``sentences._morfeusz_abbreviation``).
"""

from __future__ import annotations

from newsetl.words import words

# --- Polish --------------------------------------------------------------------------

PL_PREFIX = words(
    """
    abp adm adw al ang arch art asp b bp bryg cz d dn doc dot dr dyr dypl ds dz dł franc gł głęb
    dyw gm hab hiszp inż insp j jez k kard kl kmdr kom kpr kpt ks lek lic łac m.in mec mgr mjr
    mł n nacz nadinsp nadkom niem np nr nt ob oprac par pd pl płd płk płn pn poch
    kasz podkom poł pocz podinsp pon post pp pow poz ppłk ppor prał pref proj prok prof przebud
    przyp ps pt PS rozbud pw red ref reż ros rozdz rz
    rys ryc sekr sierż sob str sygn szer śp śr tab tel tj tzn tzw ub ul ur ust wg wicemin
    wiceprez woj wsch wt wyd wys wyst zach zam zm zob zw czw niedz
    """
)

PL_PREFIX_WEAK = words("gen im kol o ok p por s st św tow ż")

PL_SUFFIX = words(
    """
    bln bm br cdn egz etc itd itp jw kw mies mld mln n.e n.p.m o.o p.n.e proc r
    rr s.a s.c sp.j szt tys ub.r w zł
    """
)

PL_UNIT = words("dol g godz gr h l m min os pkt sek t")

# --- English -------------------------------------------------------------------------

EN_PREFIX = words(
    """
    adm approx ave blvd capt cf cmdr col dept dr e.g est fig figs ft gen gov hon i.e lt
    maj messrs mr mrs ms mt nos pp prof rep rev sen sgt univ vol vols
    jan feb mar apr jun jul aug sep sept oct nov dec
    """
)

EN_PREFIX_WEAK = words("no st")

EN_SUFFIX = words(
    """
    a.d a.m b.a b.c bros co corp d.c etc inc jr l.a llc ltd m.a m.d p.m ph.d plc sr
    u.k u.n u.s vs
    """
)

EN_UNIT = words("p lb lbs oz")

# --- German --------------------------------------------------------------------------

DE_PREFIX = words(
    """
    bspw bzw ca d.h dr evtl exkl fr frl geb gegr gest ggf hr inkl insb nr o.ä prof s
    sog st str tel u.a u.u vgl z.b zzgl
    """
)

DE_PREFIX_WEAK = words("st")

DE_SUFFIX = words("ag e.v etc gmbh jh mio mrd tsd u.ä usw")

# --- Russian (and other Cyrillic-script languages sharing the conventions) ------------

RU_PREFIX = words(
    """
    акад г-жа г-н ген д доц им напр ок пл полк пр проф просп рис св см ср стр т.е т.к
    тел ул
    """
)

RU_SUFFIX = words("в вв г гг долл др коп млн млрд н.э руб т.д т.п тыс")

# --- Shared --------------------------------------------------------------------------

# Abbreviations common enough in any Latin-script text to be recognised for every
# language (loanwords in news: "Dr.", "Prof.", "etc.", "vs.").
GENERIC_PREFIX = words("ca cf dr e.g i.e mr mrs ms nr prof z.b")
GENERIC_SUFFIX = words("a.m etc p.m u.s vs")

# Month names after an ordinal number ("3. Oktober", "11. X. 2001") keep the number's
# period inside the sentence.
MONTHS = words(
    """
    stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października
    listopada grudnia styczeń luty marzec kwiecień maj czerwiec lipiec sierpień wrzesień
    październik listopad grudzień
    januar februar märz april mai juni juli august september oktober november dezember
    jänner
    """
)

ROMAN_MONTHS = words("I II III IV V VI VII VIII IX X XI XII")

# Capitalised English function words that, after an ambiguous period, start a sentence.
EN_STARTERS = words(
    """
    the a an this that these those it its he she they we i you his her their our my
    your there here but and or so yet if when while after before as since because
    although though however meanwhile in on at for from with by to of about during
    under over into not no yes what who why how where which then now today also still
    many most some all each every one two three is are was were has have had do does
    did will would can could should may might must
    """
)
