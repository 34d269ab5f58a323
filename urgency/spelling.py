"""Misspelling tolerance: a token close to one of the danger words is read as that word.

A writer in a hurry types "knive", "sucide", "stabbin" or "machette". Each unknown token is
compared with a short list of words that matter here, through the deletion neighbourhood of both
(a token and a word one or two edits apart share a deletion), and the candidate is confirmed by a
true edit distance. A token that is itself a common English word ("shouting", "kissing",
"blame") is never corrected: wordfreq says which words are common, and it is asked only about the
rare tokens that have a candidate at all.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

# The words worth correcting towards. Everything else is left as written.
DANGER_WORDS = [
    "knife",
    "knives",
    "blade",
    "blades",
    "machete",
    "machetes",
    "sword",
    "weapon",
    "weapons",
    "pistol",
    "firearm",
    "firearms",
    "shotgun",
    "rifle",
    "crossbow",
    "ammunition",
    "bullets",
    "revolver",
    "handgun",
    "stab",
    "stabbed",
    "stabbing",
    "shoot",
    "shooting",
    "shot",
    "kill",
    "killed",
    "killing",
    "murder",
    "murdered",
    "murdering",
    "strangle",
    "strangled",
    "threaten",
    "threatened",
    "threatening",
    "threats",
    "suicide",
    "suicidal",
    "overdose",
    "overdosed",
    "paracetamol",
    "tablets",
    "self",
    "harming",
    "hanging",
    "missing",
    "disappeared",
    "absconded",
    "whereabouts",
    "located",
    "tonight",
    "tomorrow",
    "currently",
    "immediately",
]

COMMON_WORD_ZIPF = 3.0  # about once in a million words of English: not a typo


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    for count in range(1, depth + 1):
        for places in combinations(range(len(word)), count):
            found.add("".join(ch for i, ch in enumerate(word) if i not in places))
    return found


def _allowed_edits(length: int) -> int:
    return 2 if length >= 8 else 1


_NEIGHBOURS: dict[str, set[str]] = {}
for _word in DANGER_WORDS:
    for _variant in _deletions(_word, _allowed_edits(len(_word))):
        _NEIGHBOURS.setdefault(_variant, set()).add(_word)


def edit_distance(first: str, second: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions, swaps."""
    previous_row = None
    row = list(range(len(second) + 1))
    for i, ch in enumerate(first, start=1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, other in enumerate(second, start=1):
            cost = ch != other
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if (
                before is not None
                and i > 1
                and j > 1
                and ch == second[j - 2]
                and first[i - 2] == other
            ):
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def _is_common_word(token: str) -> bool:
    from wordfreq import zipf_frequency  # loaded only when a rare token looks like a danger word

    return zipf_frequency(token, "en") >= COMMON_WORD_ZIPF


@lru_cache(maxsize=8192)
def restore_dropped_g(token: str) -> str:
    """'bleedin' is 'bleeding', 'wakin' is 'waking': a rare word that is a common one less its g."""
    if len(token) < 5 or not token.endswith("in") or not token.isalpha():
        return token
    if not _is_common_word(token) and _is_common_word(token + "g"):
        return token + "g"
    return token


@lru_cache(maxsize=8192)
def correct(token: str) -> str:
    """The danger word a rare token is a misspelling of, or the token itself."""
    if len(token) < 5 or (token in _NEIGHBOURS and token in DANGER_WORDS) or not token.isalpha():
        return token
    if token.endswith("s") and (token[:-1] in DANGER_WORDS or token[:-2] in DANGER_WORDS):
        return token  # a plural or an inflection ("overdoses") is its own word
    allowed = _allowed_edits(len(token))
    candidates: set[str] = set()
    for variant in _deletions(token, allowed):
        candidates |= _NEIGHBOURS.get(variant, set())
    scored = sorted(
        (edit_distance(token, word), word)
        for word in candidates
        if edit_distance(token, word) <= _allowed_edits(min(len(token), len(word)))
    )
    # "forearms" is no "firearms": a plural is as common as its singular, whatever wordfreq says.
    if (
        not scored
        or _is_common_word(token)
        or (token.endswith("s") and _is_common_word(token[:-1]))
    ):
        return token
    return scored[0][1]
