"""Words of a text with their offsets, and the helpers that read around a word.

Matching works on words rather than on per-identity regular expressions: compiling a regex costs
far more than sanitising a record, and every record has a different source. A text is split into
words once; each word is looked up in the identity's sets and only a hit is examined further.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import strip_accents
from .vocabulary import PLACE_WORDS

# A word: letters and digits, with inner apostrophes or hyphens (O'Brien, Ellie-Mae) and a
# possessive ending (Hughes's, Hughes').
WORD = re.compile(r"\w+(?:['\u2019\-]\w+)*['\u2019]?")
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z][\w'\u2019.-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"(]\s*|\n)$")
_DIGIT_RUNS = re.compile(r"\d+")
_NOT_BEFORE_A_WORD = set("_@#/.\\-")
_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "'", "\u2019")


@lru_cache(maxsize=65536)
def key_of(word: str) -> str:
    """How a word is compared: lower case, no possessive, no inner apostrophes or hyphens."""
    low = word.lower()
    for ending in _POSSESSIVE_ENDINGS:
        if low.endswith(ending) and len(low) > len(ending):
            low = low[: -len(ending)]
            break
    if "'" in low or "\u2019" in low or "-" in low:
        low = low.replace("'", "").replace("\u2019", "").replace("-", "")
    return low


def keys_for(word: str) -> set[str]:
    """Keys an identity word may take in text: as typed, and without accents."""
    key = key_of(word.strip(".").strip())
    return {key, strip_accents(key)} if key else set()


def base_of(word: str) -> str:
    """The word without a possessive ending, case kept."""
    for ending in _POSSESSIVE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


class TextIndex:
    """A text split into words once, for every matcher to share."""

    __slots__ = ("_digits", "ends", "keys", "lowered", "raws", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = text.lower()
        spans = [m.span() for m in WORD.finditer(text)]
        self.starts, self.ends = (
            (list(column) for column in zip(*spans, strict=True)) if spans else ([], [])
        )
        self.raws = WORD.findall(text)
        self.keys = list(map(key_of, self.raws))
        self._digits: str | None = None

    @property
    def digits(self) -> str:
        if self._digits is None:
            self._digits = "".join(_DIGIT_RUNS.findall(self.text))
        return self._digits

    def starts_word(self, i: int) -> bool:
        """The word is not the tail of a handle, a path, an address or an underscore name."""
        start = self.starts[i]
        return start == 0 or self.text[start - 1] not in _NOT_BEFORE_A_WORD

    def ends_word(self, i: int) -> bool:
        end = self.ends[i]
        return end >= len(self.text) or self.text[end] not in "_@"

    def gap(self, pattern: re.Pattern[str], i: int) -> bool:
        """The text between word i and word i + 1 matches ``pattern``."""
        return i + 1 < len(self.starts) and bool(
            pattern.fullmatch(self.text, self.ends[i], self.starts[i + 1])
        )


def next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match[1] if match else ""


def run_start(text: str, end: int, also: str, limit: int) -> int:
    """Where the run of letters, digits and ``also`` characters that ends at ``end`` begins."""
    position = end
    floor = max(0, end - limit)
    while position > floor and (text[position - 1].isalnum() or text[position - 1] in also):
        position -= 1
    return position


def previous_word(text: str, start: int) -> tuple[str, int]:
    """The word right before ``start`` on the same line, and where it starts."""
    end = start
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    if end == start:
        return "", start
    begin = run_start(text, end, "_'\u2019.-", 40)
    while begin < end and not ("a" <= text[begin].lower() <= "z"):
        begin += 1
    if begin >= end:
        return "", start
    return text[begin:end], begin


def is_sentence_start(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, position - 3) : position]))


def is_place(text: str, end: int) -> bool:
    """'Hughes Road', 'Kingsweston Park': a street or place named like the source."""
    return next_word(text, end).lower().rstrip(".") in PLACE_WORDS
