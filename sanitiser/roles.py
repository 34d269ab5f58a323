"""Compile a job title into the matchers that find it: the title and the other names it goes by,
its short forms ('Snr', 'Y4'), its acronyms, and the one word it is cut to.

The matchers depend on the title alone, and titles repeat from source to source ("School
Nurse", "DSL"), so each title is compiled once.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import rules
from .compiled import ONE_WORD_ROLE
from .identity import split_roles
from .tokens import keys_for
from .vocabulary import COMMON_WORDS, ORG_GENERIC_WORDS, ROLE_SYNONYMS

Entry = tuple[frozenset[str], rules.Matcher, str, str]
_TRAILING_NUMBER = re.compile(r"\s*\d+\w*$")
_YEAR_NUMBER = re.compile(r"(?i)\b(?:year|yr)\s*(\d{1,2})\b")
_ROLE_SMALL = frozenset({"of", "the", "and", "for", "to"})
_GENERIC_ROLE_TAILS = frozenset(
    {"worker", "officer", "assistant", "practitioner", "adviser", "advisor", "manager", "lead"}
    | {"leader", "coordinator", "administrator", "director", "partner", "supervisor", "head"}
)


@lru_cache(maxsize=1024)
def role_matchers(role: str) -> tuple[tuple[Entry, ...], frozenset[str]]:
    """The matchers for one job title, and its one-word forms. They depend on the title alone,
    and titles repeat from source to source ("School Nurse", "DSL"), so they are built once."""
    entries: list[Entry] = []
    single: set[str] = set()
    for part in _role_parts(role):
        words = part.split()
        if len(words) == 1 and not any(ch.isdigit() for ch in part):
            if part.isupper() and len(part) >= 2:
                entries.append((keys_for(part), rules.exact_word(part), "role", "source's role"))
            else:
                single |= keys_for(part)
            continue
        for variant in _role_variants(part):
            positions = rules.role_positions(variant)
            matcher = rules.phrase(positions, rules.ROLE_GAP)
            entries.append((positions[0], matcher, "role", "source's role"))
        for forms in _role_acronyms(words):
            keys = frozenset(f.lower() for f in forms)
            entries.append((keys, rules.exact_word(*forms), "role", "source's role (acronym)"))
            # "hoy 9", "HoY 9", "dsl": typed apart or in lower case it may be a word, so only
            # beside the source.
            letters, digits = _split_digits(forms[0])
            lowered = frozenset({letters.lower()})
            if digits:
                positions = [lowered, frozenset({digits})]
                matcher = rules.phrase(positions, rules.SPACE)
                entries.append((lowered, matcher, ONE_WORD_ROLE, "source's role (acronym)"))
            entries.append(
                (lowered, rules.exact_word(letters.lower()), ONE_WORD_ROLE, "source's role")
            )
        for acronym in _short_role_acronyms(words):
            # "SW", "DM", "HT": two letters mean many things, so only beside the source.
            keys = frozenset({acronym.lower()})
            entries.append((keys, rules.exact_word(acronym), ONE_WORD_ROLE, "source's role"))
        head = _role_head(words)
        if head:
            single |= keys_for(head)
    if single:
        plural = frozenset(single | {k + "s" for k in single})
        entries.append((plural, rules.whole_word, ONE_WORD_ROLE, "source's role"))
    return tuple(entries), frozenset(single)


def _role_parts(role: str) -> list[str]:
    """Each role the source holds, and the other names the same role goes by."""
    parts = split_roles(role)
    for part in list(parts):
        parts += [p for p in ROLE_SYNONYMS.get(part.lower(), ()) if p not in parts]
    return parts


def _role_variants(part: str) -> list[str]:
    """'Head of Year 9' is also 'Head of Year', 'Year 4 Teacher' also 'Y4 Teacher' and 'Yr4
    Teacher', and 'Senior Social Worker' also 'Senior SW'."""
    variants = [part]
    without_number = _TRAILING_NUMBER.sub("", part)
    if without_number != part and len(without_number.split()) >= 2:
        variants.append(without_number)
    year = _YEAR_NUMBER.search(part)
    if year:
        for short in ("Y", "Yr"):
            variants.append(part[: year.start()] + short + year[1] + part[year.end() :])
    words = part.split()
    if len(words) >= 3 and all(w[:1].isalpha() for w in words[-2:]):
        variants.append(" ".join([*words[:-2], words[-2][0] + words[-1][0]]))
    return [v for v in dict.fromkeys(variants) if v.split()]


def _split_digits(acronym: str) -> tuple[str, str]:
    """'HoY9' -> ('HoY', '9')."""
    letters = acronym.rstrip("0123456789")
    return letters, acronym[len(letters) :]


def _short_role_acronyms(words: list[str]) -> list[str]:
    """Two-letter acronyms of the role and of its last two words: 'Social Worker' -> SW."""
    letters = [w[0].upper() for w in words if w[:1].isalpha() and w.lower() not in _ROLE_SMALL]
    found = []
    if len(letters) == 2:
        found.append("".join(letters))
    if len(letters) > 2:
        found.append("".join(letters[-2:]))
    return [a for a in found if a.lower() not in ("it", "in", "on", "at", "as", "is", "or", "us")]


def _role_head(words: list[str]) -> str:
    """The one word a two-word role is cut to: "Outreach Worker" is signed "Outreach", "Ward
    Sister" and "Taxi Marshal" are "sister" and "marshal". The word before a generic last word,
    or else the last word, when it says something on its own."""
    if len(words) != 2:
        return ""
    word = words[0] if words[1].lower() in _GENERIC_ROLE_TAILS else words[1]
    lowered = word.lower()
    if not lowered.isalpha() or len(lowered) < 5 or lowered in _GENERIC_ROLE_TAILS:
        return ""
    if lowered in ORG_GENERIC_WORDS or lowered in COMMON_WORDS:
        return ""
    return word


def _role_acronyms(words: list[str]) -> list[list[str]]:
    """'Head of Year 9' -> HoY9, HOY9, HoY, HOY; 'Designated Safeguarding Lead' -> DSL."""
    mixed, upper, digits = "", "", ""
    for word in words:
        if word.isdigit():
            digits = word
        elif word.lower() in ("of", "the", "and", "for"):
            mixed += word[0].lower()
            upper += word[0].upper()
        elif word[:1].isalpha():
            mixed += word[0].upper()
            upper += word[0].upper()
    letters_only = sum(ch.isalpha() for ch in upper)
    if letters_only < 3 and not (letters_only >= 2 and digits):
        return []
    forms = {mixed + digits, upper + digits}
    return [sorted(forms)]
