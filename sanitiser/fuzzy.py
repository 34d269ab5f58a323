"""Bounded edit distance, for catching a misspelt surname without eating ordinary words."""

from __future__ import annotations

from functools import lru_cache

from .vocabulary import COMMON_FIRST_NAMES, COMMON_WORDS

MIN_FUZZY_LENGTH = 5
_VERB_ENDINGS = ("ed", "ing", "ly", "ness")


def allowed_distance(target: str) -> int:
    """One typo for short names, two for long ones, none under five letters."""
    if len(target) < MIN_FUZZY_LENGTH:
        return 0
    return 1 if len(target) <= 7 else 2


def within_distance(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most ``limit`` (banded, stops early)."""
    if abs(len(a) - len(b)) > limit:
        return False
    if a == b:
        return True
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        row_best = current[0]
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            row_best = min(row_best, current[j])
        if row_best > limit:
            return False
        previous = current
    return previous[-1] <= limit


@lru_cache(maxsize=65536)
def is_plausible_misspelling(token: str, target: str) -> bool:
    """``token`` reads as a typo of ``target`` rather than another word or another person.

    It must start with the same letter, not be a common first name or word, and not look like an
    inflected English word that the target is not ("Walked" is not "Walker").
    """
    lowered, wanted = token.lower(), target.lower()
    limit = allowed_distance(wanted)
    if not limit or lowered == wanted or lowered[:1] != wanted[:1]:
        return False
    if lowered in COMMON_FIRST_NAMES or lowered in COMMON_WORDS:
        return False
    if any(lowered.endswith(e) and not wanted.endswith(e) for e in _VERB_ENDINGS):
        return False
    return within_distance(lowered, wanted, limit)
