"""Whether two index entries point to the same thing, how strongly, and in what words.

Exact keys (a plate, a phone, a handle, an email, a postcode, a place, a nickname) match when
equal. People match with care: the same normalised name with no clash of birth years is a link;
a close name (a short form of the given name, one letter, another transliteration) with no clash
is only "possible", with the reason, until a handler decides."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from links import normalise
from links.nicknames import nickname_of

# How much each shared identifier says that two submissions are about the same people.
WEIGHTS = {
    "person": 100,
    "registration": 90,
    "phone": 90,
    "email": 90,
    "handle": 80,
    "nickname": 25,
    "postcode": 30,
    "place": 20,
}
# Shared on their own they are coincidence as often as not: they only add to a link.
WEAK_KINDS = frozenset({"nickname", "postcode", "place"})
# A person without a year on either side is a weaker link than one whose year agrees.
PERSON_NO_YEAR = 60
POSSIBLE = 25
# Mentioned in free text, not entered: less sure it is the subjects' at all.
MENTIONED_FACTOR = 0.6
MAX_STRENGTH = 1000
# Below this, shared details are coincidence more often than not (one nickname, one busy place):
# no link unless a person's name is close, which a handler then decides.
MIN_STRENGTH = 50

# An identifier held by more than this many other submissions is *common* (a venue's phone, a
# common name with its year of birth): it says little about any two of them, so it links nobody
# one by one. The panel names it with a search for everything holding it (the index is complete).
# It is also the most rows one identifier adds to an extraction's read.
COMMON_AT = 50
# Close names read per person: each is a possible link, a handler's decision.
CLOSE_NAME_CANDIDATES = 100
# Links one submission's indexing writes, strongest first (the panel shows 50). The rest of what
# it found is counted, not written: both ends are marked *capped* (the queue shows "50+").
LINKS_KEPT = 50


# How a close name match's reason opens: the panel finds them by it.
POSSIBLE_PREFIX = "possible: "

LABELS = {
    "registration": "same registration {}",
    "phone": "same phone {}",
    "email": "same email {}",
    "handle": "same handle {}",
    "nickname": "same nickname “{}”",
    "postcode": "same postcode {}",
    "place": "same place: {}",
}


@dataclass(frozen=True)
class Reason:
    text: str
    weight: int
    possible: bool = False
    # The same reason as read on the other submission's panel, where it differs.
    back: str = ""

    def mirrored(self) -> Reason:
        return Reason(self.back or self.text, self.weight, self.possible, self.text)


def years_agree(a_year, a_exact, b_year, b_exact) -> bool:
    """Unknown agrees with anything; an age is a guess to within two years either way."""
    if a_year is None or b_year is None:
        return True
    slack = 0 if (a_exact and b_exact) else 2
    return abs(a_year - b_year) <= slack


def born(year, exact) -> str:
    """', born 2011', ', born about 2011' or ''."""
    if year is None:
        return ""
    return f", born {year}" if exact else f", born about {year}"


def _close_word(a: str, b: str) -> str:
    """Why two words of a name may be one: '' when they are not close."""
    if a == b:
        return "same"
    if nickname_of(a, b):
        return "a short form of the name"
    if Levenshtein.distance(a, b) == 1 and min(len(a), len(b)) >= 3:
        return "one letter different"
    if normalise.soundex(a) == normalise.soundex(b) and fuzz.ratio(a, b) >= 70:
        return "spelt another way"
    return ""


@lru_cache(maxsize=65536)
def close_name(a: str, b: str) -> str:
    """Why two different normalised names may be one person ('' when they are not close).

    Given name and surname are compared each on its own, so a sibling ('Jordan Mendes') is not
    close to 'Kyle Mendes'; middle names are ignored."""
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2 or a == b:
        return ""
    first = _close_word(ta[0], tb[0])
    last = _close_word(ta[-1], tb[-1])
    if not first or not last:
        return ""
    if first == "same" and last == "same":
        return "middle name differs"
    if first != "same" and last != "same":
        return ""  # two differences at once is another person more often than not
    return first if first != "same" else last


def person_reason(mine, theirs) -> Reason | None:
    """Two person entries (with .value, .shown, .birth_year, .birth_year_exact, .origin)."""
    if not years_agree(
        mine.birth_year, mine.birth_year_exact, theirs.birth_year, theirs.birth_year_exact
    ):
        return None
    year, exact = theirs.birth_year, theirs.birth_year_exact
    if year is None or (mine.birth_year_exact and not exact):
        year, exact = (mine.birth_year, mine.birth_year_exact) if mine.birth_year else (year, exact)
    when = born(year, exact)
    if mine.value == theirs.value:
        weight = WEIGHTS["person"] if year is not None else PERSON_NO_YEAR
        return Reason(f"person: {theirs.shown}{when}", weight, back=f"person: {mine.shown}{when}")
    why = close_name(mine.value, theirs.value)
    if not why:
        return None
    return Reason(
        f"{POSSIBLE_PREFIX}{theirs.shown}{when} ({why} from {mine.shown})",
        POSSIBLE,
        possible=True,
        back=f"{POSSIBLE_PREFIX}{mine.shown}{when} ({why} from {theirs.shown})",
    )


def key_reason(mine, theirs) -> Reason:
    """Two equal entries of a kind other than person."""
    text = LABELS[mine.kind].format(theirs.shown)
    weight = WEIGHTS[mine.kind]
    if "mentioned" in (mine.origin, theirs.origin):
        text += " (mentioned in the text, not entered)"
        weight = int(weight * MENTIONED_FACTOR)
    return Reason(text, weight)


def is_link(reasons: list[Reason]) -> bool:
    return any(r.possible for r in reasons) or sum(r.weight for r in reasons) >= MIN_STRENGTH


@dataclass(frozen=True)
class Combined:
    strength: int
    sure: bool  # what is certain is enough to link them without the close name
    possible: bool  # at least one reason is a close name, for a handler to decide
    texts: list[str]


def combined(reasons: list[Reason]) -> Combined:
    """One pair of submissions: its strength, and its reasons strongest first."""
    ordered = sorted(reasons, key=lambda r: (r.possible, -r.weight, r.text))
    return Combined(
        strength=min(sum(r.weight for r in reasons), MAX_STRENGTH),
        sure=sum(r.weight for r in reasons if not r.possible) >= MIN_STRENGTH,
        possible=any(r.possible for r in reasons),
        texts=list(dict.fromkeys(r.text for r in ordered)),
    )


def rank(reasons: list[Reason]) -> tuple[bool, int]:
    """Where a pair stands in the panel's order, first first: sure before possible, then the
    stronger (a handler's decision, made later, is not known here)."""
    pair = combined(reasons)
    return (not pair.sure, -pair.strength)
