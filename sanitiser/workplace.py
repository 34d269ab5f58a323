"""The writer's workplace in the words people use for it rather than its name.

- Its name cut to a generic phrase: two words in a row of the organisation's name, however
  generic ("the leisure centre" of Kirkgate Leisure Centre, "city council", "food bank" of a
  Foodbank), or one word of its name or of the role before a word for a part of a workplace
  ("the parish office", "the trust office", "the 0-19 team", "the seacroft depot").
- Its premises beside it: a street said straight after the organisation's name or a removal of
  it ("St Aidan's (the one on Cardigan Rd)", "Guru Nanak Gurdwara, Tong Street", "the Seacroft
  site on York Road"), and a work place on a street ("the yard on Kirkstall Road", "the hall on
  kirkstall lane", "the Stanningley Road hut") in a text written in the first person.

What the professional entered as a subject's place or setting is never taken.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from .identity import SourceIdentity
from .lexicon import ORG_NOUNS
from .spans import Span
from .vocabulary import MARKER, PLACE_WORDS

# A part of a workplace, or its unit: what "the ... office" names.
_WORKPLACE_PARTS = (
    "office|offices|team|centre|center|depot|branch|site|ward|hub|unit|base|reception|desk|"
    "hall|yard|hut|kiosk|stall|store|premises|staffroom|staff\\s+room|inbox"
)
_STREET_WORDS = "|".join(
    sorted(
        (w for w in PLACE_WORDS if w not in {"hall", "yard", "gate", "end", "bridge", "leisure"}),
        key=len,
        reverse=True,
    )
)
# A street: one to three words then a street word ("Tong Street", "cardigan road", "York Rd").
_STREET = rf"(?:[^\W\d_][\w'\u2019-]*[ \t]+){{1,3}}(?i:{_STREET_WORDS})\b\.?"
# After the organisation (or its removal): a comma, a bracket or a dash, perhaps "the one" or
# "the <part>", then "on", "in", "off", "near" or "at".
_AFTER_ORGANISATION = re.compile(
    r"[ \t]*(?:[,(\-\u2013][ \t]*)?(?:(?i:the)[ \t]+(?:(?i:one)|[\w-]+)[ \t]+)?"
    r"(?:(?i:" + _WORKPLACE_PARTS + r"|shop)[ \t]+)?"
    r"(?:(?i:on|in|off|near|at|by|of)[ \t]+)?(?P<street>" + _STREET + r")"
)
# "the yard on Kirkstall Road", "our hall on kirkstall lane", "the Stanningley Road hut".
# The look-ahead for the letters a match may start with lets the engine skip every other place.
_WORK_PLACE_ON_STREET = re.compile(
    r"(?i)(?=[mot])(?:\b(?:the|our|my)[ \t]+(?:[\w-]+[ \t]+)?(?:"
    r"office|offices|depot|branch|site|ward|hub|base|hall|yard|hut|kiosk|stall|premises"
    r")[ \t]+(?:on|off|in)[ \t]+(?-i:(?P<street>"
    + _STREET
    + r"))"
    + r"|\b(?:the|our)[ \t]+(?P<named>"
    + _STREET
    + r"[ \t]+(?:hut|hall|depot|yard|site|branch|office|unit))\b)"
)
# Every match of _WORK_PLACE_ON_STREET holds one of these, in some case: most texts hold none,
# and are not read with it.
_WORK_PLACE_WORDS = (
    "office", "depot", "branch", "site", "ward", "hub", "base", "hall", "yard", "hut", "kiosk",
    "stall", "premises", "unit",
)  # fmt: skip


def _may_hold(text: str, words: Iterable[str]) -> bool:
    """Whether a case-blind pattern may find one of ``words`` (ASCII, lower case) in ``text``:
    looked for in the text lower-cased, with the letters such a pattern takes for ASCII ones made
    them (capital I with a dot, dotless i, long s; the Kelvin sign lower-cases to "k")."""
    folded = text.lower().replace("i\u0307", "i").replace("\u0131", "i").replace("\u017f", "s")
    return any(word in folded for word in words)


# The look-ahead for the letters a match may start with skips every other place at once.
_FIRST_PERSON = re.compile(r"(?i)(?=[imwo])\b(?:i|i'm|im|my|we|our|me)\b")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
# Words of a name too plain to mark a workplace on their own before a part of one.
_PLAIN = frozenset(
    [
        "the",
        "of",
        "and",
        "for",
        "at",
        "in",
        "on",
        "a",
        "an",
        "st",
        "saint",
        "ltd",
        "limited",
        "plc",
        "llp",
        "cic",
        "co",
        "company",
        "group",
        "services",
        "service",
        "care",
        "health",
        "new",
        "old",
        "north",
        "south",
        "east",
        "west",
        "upper",
        "lower",
        "great",
        "little",
        "city",
        "town",
        "county",
        "borough",
        "district",
        "community",
        "central",
        "royal",
        "national",
    ]
)
# What the second word of a generic phrase of the name must be: a kind of organisation.
_KIND_WORDS = (
    ORG_NOUNS | {"bank", "council", "office", "centre", "services", "ward"}
) - PLACE_WORDS
# A compound's last part, split off: "Foodbank" is also "food bank".
_COMPOUND_TAILS = ("bank", "hall", "house", "care", "works", "point", "hub", "side")


@lru_cache(maxsize=512)
def _workplace_patterns(organisation: str, role: str) -> tuple[re.Pattern | None, ...]:
    words = [w.lower() for w in _WORD.findall(organisation or "")]
    split: list[str] = []
    for word in words:
        for tail in _COMPOUND_TAILS:
            if word.endswith(tail) and len(word) - len(tail) >= 3:
                split += [word[: -len(tail)], tail]
                break
        else:
            split.append(word)
    pairs = set()
    pair_heads: set[str] = set()  # the first letters of the pairs, for a look-ahead
    for sequence in (words, split):
        for a, b in itertools.pairwise(sequence):
            # "leisure centre", "city council", "food bank": the second word names the kind of
            # place; a street in the name ("Stapleton Road Pharmacy") is no pair of it.
            if a in _PLAIN or a in PLACE_WORDS or len(a) < 2 or b not in _KIND_WORDS:
                continue
            pairs.add(rf"{re.escape(a)}[ \t-]*{re.escape(b)}")
            pair_heads.add(a[0])
    singles = {w for w in split if w not in _PLAIN and len(w) > 1}
    singles |= {
        w.lower()
        for w in re.findall(r"\d+(?:-\d+)?|[^\W\d_]{3,}", role or "")
        if w.lower() not in _PLAIN
    }
    # Each opens with a look-ahead for the letters its matches may start with: the engine then
    # skips every other place of the text at once.
    pair_pattern = (
        re.compile(
            rf"(?i)(?={_one_of(pair_heads)})(?<![\w-])(?:"
            + "|".join(sorted(pairs, key=len, reverse=True))
            + r")s?\b"
        )
        if pairs
        else None
    )
    # Only the words are compiled for each source; the part of a workplace after them is
    # matched with _PART_AFTER (compiled once), see _parts_of_workplace.
    part_pattern = (
        re.compile(
            rf"(?i)(?={_one_of(w[0] for w in singles)})(?<![\w-])(?:"
            + "|".join(re.escape(w) for w in sorted(singles, key=len, reverse=True))
            + r")"
        )
        if singles
        else None
    )
    return pair_pattern, part_pattern


# What follows a word of the name or the role in "the parish office", "the 0-19 team".
_PART_AFTER = re.compile(r"(?i)[ \t]+(?:" + _WORKPLACE_PARTS + r")\b")


def _parts_of_workplace(words: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    """What ``words`` followed by _PART_AFTER finds in ``text``, match by match, as one pattern
    of the two would (compiling the parts of a workplace for every source cost more than
    reading a text). A word that matches and is not followed by a part leaves no other word
    that could be: any shorter word matching there ends inside it, where no blank is."""
    at = 0
    while (word := words.search(text, at)) is not None:
        part = _PART_AFTER.match(text, word.end())
        if part is None:
            at = word.start() + 1
            continue
        yield word.start(), part.end()
        at = part.end()


def _one_of(characters: Iterable[str]) -> str:
    return "[" + "".join(sorted({re.escape(c) for c in characters})) + "]"


def workplace_spans(
    text: str, identity: SourceIdentity, source: list[Span], protected: tuple[str, ...]
) -> list[Span]:
    """The workplace's generic names and its premises; ``protected`` are the places and
    settings the professional entered (lower case), never taken."""
    found: list[Span] = []
    pair_pattern, part_pattern = _workplace_patterns(
        identity.organisation or "", identity.role or ""
    )
    if pair_pattern is not None:
        reason = "the source's organisation by a generic phrase of its name"
        for match in pair_pattern.finditer(text):
            found.append(Span(match.start(), match.end(), "organisation", match[0], reason))
    if part_pattern is not None:
        reason = "a part of the source's workplace"
        for start, end in _parts_of_workplace(part_pattern, text):
            found.append(Span(start, end, "organisation", text[start:end], reason))
    # Premises straight after the organisation or a removal of it.
    for span in source:
        if span.kind not in ("organisation", "org", "signature", "letterhead") and (
            "organisation" not in span.reason
        ):
            continue
        after = _AFTER_ORGANISATION.match(text, span.end)
        if after and "\n" not in after[0]:
            start, end = after.span("street")
            found.append(Span(start, end, "address", text[start:end], "the source's premises"))
    if _may_hold(text, _WORK_PLACE_WORDS) and _FIRST_PERSON.search(text):
        for match in _WORK_PLACE_ON_STREET.finditer(text):
            group = "street" if match["street"] else "named"
            start, end = match.span(group)
            found.append(
                Span(start, end, "address", text[start:end], "the writer's work place on a street")
            )
    entered = [f" {' '.join(_WORD.findall(place))} " for place in protected]
    kept = []
    for span in found:
        words = " ".join(_WORD.findall(span.text.lower()))
        if MARKER in span.text or not words or any(f" {words} " in p for p in entered):
            continue
        kept.append(span)
    return kept
