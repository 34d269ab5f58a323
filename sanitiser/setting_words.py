"""The writer's kind of workplace told by its own words: "seen at poolside", "came in for his
supervised dose", "it's on the defect sheet", "I'm on nights".

No name, role or organisation is in them, yet a reader who sees "at poolside" in a log knows
the pool's staff shared it. Each sector's own words (rooms, routines, processes, documents,
slang) are listed in `setting_words.tsv`: written for this project from knowledge of the
settings, by a writer who had read neither the sanitiser's rules nor any annotated text, with
each phrase marked **strong** (almost only that sector's staff say it: "dispensary") or **weak**
(the public and other settings say it too: "reception", "training").

The source's sectors are read from their organisation and role (`_SECTOR_CUES`); when those
say nothing, from the strong words the text itself uses. Then:

- a phrase of the source's own sector is an unknown the machine removes, and so is one listed
  for two sectors or more ("reception", "handover", "home visit"): a word of any workplace's
  running, so of the writer's, who writes from work;
- the kind of place the source's organisation is, said as a noun phrase ("the club" of Eastgate
  Boxing Club, "the shop" of Mill Road Stores), is the source's own sector's word too;
- a weak word alone counts only as a noun phrase ("on the till", "in class"; not "out till 1");
- a strong phrase of another sector is an unknown the machine keeps (it more often tells where
  a subject was: "he gets his supervised dose at Boots"), listed for the handler.

What the professional entered, and what is already decided, is never taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from .lexicon import ORG_NOUNS

KIND = "setting-word"

_TABLE = Path(__file__).with_name("setting_words.tsv")
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_WORD_SPLIT = re.compile("(" + _WORD.pattern + ")")
_LONGEST = 8

# Words in an organisation's name or a role that say which sector it is. Matched as whole words
# (a cue ending in "*" as a word's start), case aside.
_SECTOR_CUES: dict[str, str] = {
    "school": (
        "school|academy|primary|secondary|ysgol|teacher|headteacher|head of year|dsl|"
        "senco|teaching|pastoral|form tutor|year|lunchtime|midday|pupil|infant*|junior|"
        "grammar"
    ),
    "college_university": (
        "college|university|uni|campus|lecturer|halls|student*|apprentice*|sixth form"
    ),
    "nursery_childcare": "nursery|preschool|pre-school|creche|early years|kids club",
    "pharmacy": "pharmacy|pharmacist|chemist|dispenser|dispensary",
    "gp_primary_care": "surgery|medical centre|health centre|practice nurse|gp|receptionist",
    "hospital_ward": "hospital|ward|nhs|a&e|emergency department|hca|nurse",
    "ambulance": "ambulance|paramedic|ecp|111",
    "midwifery_health_visiting": "midwife|midwifery|maternity|health visit*|0-19",
    "mental_health": "camhs|mental health|wellbeing|counselling|therapist|iapt",
    "dental": "dental|dentist|orthodont*",
    "optician": "optician*|optometrist|eye care|specsavers",
    "vet": "vet|vets|veterinary|animal",
    "social_care": "social work*|children's services|family support|early help",
    "residential_care": "care home|nursing home|residential|carer|care assistant",
    "housing": "housing|tenancy|lettings|letting|landlord|estate agent*",
    "council_services": "council|warden|enforcement|borough|parking",
    "refuse_and_streets": "refuse|waste|recycling|bin|bins|binmen|binman|street clean*|cleansing",
    "youth_work": "youth|detached|outreach|young people",
    "sport_club": "fc|rfc|afc|rugby|cricket|football|hockey|coach|netball",
    "gym_boxing": "gym|boxing|abc|fitness|martial|judo|karate",
    "swimming_leisure": "leisure|swim*|pool|lifeguard|baths|aquatic*",
    "faith": (
        "church|mosque|masjid|gurdwara|temple|mandir|synagogue|chapel|parish|vicar|imam|"
        "pastor|priest|rabbi|granthi|diocese"
    ),
    "hospitality_hotel": "hotel|inn|guest house|guesthouse|b&b|hostel|lodge",
    "pub_bar_door": "pub|bar|tavern|arms|door supervisor|doorman|nightclub|club",
    "restaurant_takeaway": "restaurant|takeaway|cafe|café|kebab|pizza|chippy",
    "retail_shop": "shop|store|stores|retail|boutique|newsagent*|off licence",
    "supermarket": "supermarket|tesco|asda|sainsbury*|aldi|lidl|co-op|morrisons",
    "petrol_station": "petrol|garage|forecourt|service station|fuel",
    "bank_post_office": "bank|building society|post office|branch",
    "taxi_private_hire": "taxi*|cab|cabs|cabbie|private hire|minicab*|hackney",
    "bus_rail": "bus|buses|rail|railway|station|coach*|transport|metro|tram|trams|tramway",
    "delivery_courier": "courier*|delivery|deliveroo|parcel*|logistics|postman|postie",
    "security_cctv": "security|cctv|steward*|guard",
    "library": "library|librarian|libraries",
    "advice_legal": "advice|solicitor*|legal|law|citizens",
    "drug_alcohol_service": "drug|alcohol|substance|recovery|needle exchange",
    "refuge_domestic_abuse": "refuge|domestic abuse|idva|women's aid",
    "charity_food_bank": "food bank|foodbank|charity|pantry|soup kitchen",
    "hair_beauty": (
        "hairdresser*|hair salon|hairdressing|barber*|salon|beauty|nails|nail bar|stylist"
    ),
    "tattoo": "tattoo*|piercing*|ink",
    "construction_trades": "construction|builder*|building|site manager|plumb*|electric*",
    "cleaning": "cleaning|cleaner*|janitor*|caretaker",
    "childminder": "childminder|childminding|childcare",
    "tutoring": "tutor*|tuition",
    "scouting_guiding": "scout*|guides|guiding|guide|brownies|cubs|beavers|rainbows",
    "entertainment_venue": "cinema|bowling|theatre|arcade|venue|museum|zoo",
    "holiday_park": "holiday park|caravan|campsite|camping|chalet*",
    "funeral": "funeral|undertaker*|crematorium",
    "prison_probation": "prison|probation|hmp|offender|yot|youth justice",
    "court": "court|usher|tribunal|magistrates",
}


# fmt: off
_NOUN_PHRASE_OPENERS = frozenset((
    "the", "my", "our", "his", "her", "their", "your", "its", "at", "on", "in", "into", "from",
    "to", "after", "before", "during", "for", "behind", "off", "by", "via", "per", "with", "this",
    "that",
))
# fmt: on


_OWN_KIND = "the source's organisation's kind"
# Nouns of an organisation's name too general to name it: a place's kind ("club", "nursery").
_GENERAL = frozenset(
    {
        "ltd",
        "limited",
        "plc",
        "llp",
        "cic",
        "co",
        "company",
        "group",
        "trust",
        "services",
        "service",
        "partners",
        "partnership",
        "solutions",
        "ventures",
        "nhs",
        "ft",
        "local",
        "express",
        "metro",
        "police",
        "constabulary",
        "borough",
    }
)
# The same kind in other words: "the shop" of Mill Road Stores.
_KIND_SAME = {
    "store": "shop",
    "stores": "shop",
    "shops": "shop",
    "centre": "center",
    "surgery": "practice",
    "practice": "surgery",
    "chemist": "pharmacy",
    "pharmacy": "chemist",
    "barbers": "barber",
    "supermarket": "store",
    "superstore": "store",
    "taxis": "cab",
    "cabs": "cab",
    "cars": "cab",
}


@lru_cache(maxsize=256)
def _kind_nouns(organisation: str) -> frozenset[str]:
    nouns = {
        w for w in (t.casefold() for t in _WORD.findall(organisation)) if w in ORG_NOUNS
    } - _GENERAL
    return frozenset(nouns | {_KIND_SAME[n] for n in nouns if n in _KIND_SAME})


@dataclass(frozen=True)
class SettingWord:
    start: int
    end: int
    text: str
    sector: str
    own_sector: bool


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    sector: str
    strong: bool
    # Listed for two sectors or more ("reception", "handover", "home visit"): a word of any
    # workplace's running, so of the writer's, who writes from work.
    shared: bool = False


@lru_cache(maxsize=1)
def _phrases() -> dict[str, tuple[_Phrase, ...]]:
    """Every phrase by its first word, or its first two words joined by a space when it has
    more than one ("defect sheet"); the last word also in its plural."""
    by_first: dict[str, list[_Phrase]] = {}
    with _TABLE.open(encoding="utf-8") as rows:
        next(rows)  # the header
        for row in rows:
            parts = row.rstrip("\n").split("\t")
            if len(parts) != 3:
                continue
            sector, phrase, strength = parts
            words = tuple(w.casefold() for w in _WORD.findall(phrase))
            if not words or len(words) > _LONGEST or not any(c.isalpha() for c in phrase):
                continue  # "11+" is a number to a reader, not a word of the setting
            for form in _with_plurals(words):
                key = " ".join(form[:2])
                by_first.setdefault(key, []).append(_Phrase(form, sector, strength == "strong"))
    sectors: dict[tuple[str, ...], set[str]] = {}
    for found in by_first.values():
        for phrase in found:
            sectors.setdefault(phrase.words, set()).add(phrase.sector)
    return {
        first: tuple(replace(p, shared=len(sectors[p.words]) >= 2) for p in found)
        for first, found in by_first.items()
    }


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    return frozenset(key.split(" ", 1)[0] for key in _phrases())


def _with_plurals(words: tuple[str, ...]) -> Iterable[tuple[str, ...]]:
    yield words
    last = words[-1]
    if len(last) > 2 and not last.endswith("s"):
        yield (*words[:-1], last + "s")
        if last.endswith(("sh", "ch", "x")):
            yield (*words[:-1], last + "es")


@lru_cache(maxsize=1)
def _cue_pattern() -> re.Pattern[str]:
    alternatives = []
    for sector, cues in _SECTOR_CUES.items():
        spelled = "|".join(
            re.escape(cue[:-1]) + r"[\w'-]*" if cue.endswith("*") else re.escape(cue)
            for cue in sorted(cues.split("|"), key=len, reverse=True)
        )
        alternatives.append(rf"(?P<{sector}>(?<![\w&])(?:{spelled})(?![\w&]))")
    return re.compile("|".join(alternatives), re.IGNORECASE)


@lru_cache(maxsize=512)
def sectors_of(organisation: str, role: str) -> frozenset[str]:
    """The sectors the source's organisation and role name ("Riverside Leisure Centre",
    "lifeguard": swimming_leisure)."""
    found = set()
    for match in _cue_pattern().finditer(f"{organisation}\n{role}"):
        found.add(match.lastgroup)
    return frozenset(found)


def setting_words(text: str, organisation: str, role: str) -> list[SettingWord]:
    """Each phrase of a sector's own words in ``text``, longest first where they overlap, marked
    when the sector is the source's own."""
    phrases = _phrases()
    # The kind of place the source's organisation is, said with "the": "the club" of Eastgate
    # Boxing Club, "the nursery" of Acorns Nursery.
    kinds = _kind_nouns(organisation)
    # Split in C (gap, word, gap, ...), and look at the few words that open a phrase: most words
    # open none. Where lower-casing keeps the text's length, it maps each character to one, and
    # a letter or digit to a letter or digit (every code point checked): the lower-cased text's
    # words are the text's, where they stand.
    lower = text.lower()
    if len(lower) == len(text):
        pieces = _WORD_SPLIT.split(lower)
        tokens = pieces[1::2]
    else:
        pieces = _WORD_SPLIT.split(text)
        tokens = [w.casefold() for w in pieces[1::2]]
    # The words of the text that open a phrase, found by a set intersection in C first.
    present = _opening_words().intersection(tokens)
    if kinds:
        present |= kinds.intersection(tokens)
    if not present:
        return []
    opening = [i for i, word in enumerate(tokens) if word in present]
    # Where each word stands: sums of the pieces' lengths.
    ends = list(accumulate(map(len, pieces)))
    spans = list(zip(ends[0:-1:2], ends[1::2], strict=True))
    matches: list[tuple[int, int, _Phrase]] = []
    for i in opening:
        word = tokens[i]
        if word in kinds:
            matches.append((i, i + 1, _Phrase((word,), _OWN_KIND, False)))
        found = phrases.get(word, ())
        if i + 1 < len(tokens):
            found += phrases.get(f"{word} {tokens[i + 1]}", ())
        for phrase in found:
            n = len(phrase.words)
            if n <= 2 or (
                i + n <= len(tokens) and all(tokens[i + k] == phrase.words[k] for k in range(2, n))
            ):
                matches.append((i, i + n, phrase))
    if not matches:
        return []
    own = sectors_of(organisation, role)
    if not own:
        # Nothing in the organisation or role says the sector: the text's own strong words do.
        own = frozenset(p.sector for _, _, p in matches if p.strong)
    own |= {_OWN_KIND}
    found: list[SettingWord] = []
    taken_to = -1
    # Longest first at each start, then left to right without overlap.
    matches.sort(key=lambda m: (m[0], -(m[1] - m[0]), m[2].sector not in own))
    for first, last, phrase in matches:
        if first < taken_to:
            continue
        mine = phrase.sector in own or phrase.shared
        if not (mine or phrase.strong):
            continue
        if not phrase.strong and len(phrase.words) == 1 and not _opens_noun_phrase(tokens, first):
            # A weak word alone is the workplace's only as a noun phrase ("on the till", "in
            # class"): not "out till 1", "a Mercedes C class", "9 lessons since".
            continue
        start, end = spans[first][0], spans[last - 1][1]
        found.append(SettingWord(start, end, text[start:end], phrase.sector, mine))
        taken_to = last
    return found


def _opens_noun_phrase(tokens: list[str], at: int) -> bool:
    """The word before opens a noun phrase: "on the till", "in class", "our depot"."""
    return at > 0 and tokens[at - 1] in _NOUN_PHRASE_OPENERS
