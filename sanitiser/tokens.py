"""Words of a text with their offsets, and the helpers that read around a word.

Matching works on words rather than on per-identity regular expressions: compiling a regex costs
far more than sanitising a record, and every record has a different source. A text is split into
words once; each word is looked up in the identity's sets and only a hit is examined further.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate

from .patterns import strip_accents
from .vocabulary import PLACE_WORDS

# A word: letters and digits, with inner apostrophes or hyphens (O'Brien, Ellie-Mae) and a
# possessive ending (Hughes's, Hughes'). The quantifiers are possessive: what follows each part
# cannot be a word character, so giving any back could never change the match, and not keeping
# track of how to is faster.
WORD = re.compile(r"\w++(?:['\u2019\-]\w++)*+['\u2019]?+")
# The same words as a capturing split: text between words and the words alternate, so every
# offset comes from summing lengths in C rather than asking each match for its span.
_WORD_SPLIT = re.compile("(" + WORD.pattern + ")")
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z][\w'\u2019.-]*)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"(]\s*|\n)$")
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


@lru_cache(maxsize=16384)
def keys_for(word: str) -> frozenset[str]:
    """Keys an identity word may take in text: as typed, and without accents."""
    key = key_of(word.strip(".").strip())
    return frozenset((key, strip_accents(key))) if key else frozenset()


def base_of(word: str) -> str:
    """The word without a possessive ending, case kept."""
    for ending in _POSSESSIVE_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            return word[: -len(ending)]
    return word


class TextIndex:
    """A text split into words once, for every matcher to share."""

    __slots__ = (
        "ends",
        "key_set",
        "keys",
        "lowered",
        "raws",
        "starts",
        "text",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = lower_in_place(text)
        pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
        offsets = list(accumulate(map(len, pieces), initial=0))
        self.starts = offsets[1:-1:2]
        self.ends = offsets[2::2]
        self.raws = pieces[1::2]
        self.keys = list(map(key_of, self.raws))
        self.key_set = frozenset(self.keys)

    @classmethod
    def from_words(
        cls, text: str, starts: list[int], ends: list[int], raws: list[str], keys: list[str]
    ) -> TextIndex:
        """An index of ``text`` whose words are already known."""
        index = cls.__new__(cls)
        index.text = text
        index.lowered = lower_in_place(text)
        index.starts, index.ends, index.raws, index.keys = starts, ends, raws, keys
        index.key_set = frozenset(keys)
        return index

    def positions(self, keys: frozenset[str] | set[str]) -> list[int]:
        """Indices of the words whose key is one of ``keys``, in text order."""
        return _indices(self.keys, keys)

    def words_starting_with(self, prefix: str) -> list[int]:
        """Indices of the words typed with this prefix (a capital letter, say), found from where
        the prefix occurs in the text rather than by looking at every word."""
        found: list[int] = []
        starts, raws = self.starts, self.raws
        for position in offsets_of(self.text, [prefix]):
            i = bisect_left(starts, position)
            if i < len(starts) and starts[i] == position and raws[i].startswith(prefix):
                found.append(i)
        return found

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


# A replacement: (start, end) in the old text and (start, end) of what replaced it in the new.
Segment = tuple[int, int, int, int]


def lower_in_place(text: str) -> str:
    """The text in lower case, one character for each of the text's, so an offset found in it
    is an offset in the text. ("\u0130", capital I with a dot, lowers to two characters: it
    becomes a plain "i" here.)"""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower()[0] for char in text)


def spliced_index(before: TextIndex, text: str, segments: Sequence[Segment]) -> TextIndex:
    """The index of ``text``, which is ``before.text`` with each segment's old stretch replaced
    by its new one (segments in order, not overlapping); equal to ``TextIndex(text)``.

    sanitise() re-reads its own output, which differs from its input only where markers went in.
    Words clear of a replacement are the old words, shifted; around each replacement the new
    text is split again, word by word, until a word lands exactly where an old word was, after
    which the old words are copied again.
    """
    old_starts, old_ends, old_raws, old_keys = before.starts, before.ends, before.raws, before.keys
    count, total = len(old_starts), len(segments)
    starts: list[int] = []
    ends: list[int] = []
    raws: list[str] = []
    keys: list[str] = []
    k = 0  # the first old word not yet copied or passed
    delta = 0  # new offset minus old offset after the replacements passed so far
    upcoming = 0  # the first replacement not yet passed
    position = 0  # where splitting the new text would carry on
    in_step = True
    while True:
        if in_step:
            # A word's match reads at most two characters past its end, so an old word that
            # ends two characters before the next replacement is unchanged.
            limit = segments[upcoming][0] - 1 if upcoming < total else None
            j = count if limit is None else bisect_left(old_ends, limit, k)
            if j > k:
                starts += [start + delta for start in old_starts[k:j]]
                ends += [end + delta for end in old_ends[k:j]]
                raws += old_raws[k:j]
                keys += old_keys[k:j]
                position = ends[-1]
                k = j
            if upcoming == total:
                break
            in_step = False
        match = WORD.search(text, position)
        if match is None:
            break
        start, end = match.span()
        while upcoming < total and start >= segments[upcoming][3]:
            delta = segments[upcoming][3] - segments[upcoming][1]
            upcoming += 1
        raw = match[0]
        starts.append(start)
        ends.append(end)
        raws.append(raw)
        keys.append(key_of(raw))
        position = end
        if upcoming == total or end <= segments[upcoming][2]:
            old = bisect_left(old_starts, start - delta, k)
            if old < count and old_starts[old] == start - delta and old_ends[old] == end - delta:
                k = old + 1
                in_step = True
    return TextIndex.from_words(text, starts, ends, raws, keys)


def _indices(items: list[str], wanted: frozenset[str] | set[str]) -> list[int]:
    return [i for i, item in enumerate(items) if item in wanted] if wanted else []


def offsets_of(text: str, needles: Iterable[str]) -> list[int]:
    """Every offset at which any of ``needles`` occurs in ``text``, in order, each once."""
    found: set[int] = set()
    for needle in needles:
        position = text.find(needle)
        while position != -1:
            found.add(position)
            position = text.find(needle, position + 1)
    return sorted(found)


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern whose every (non-empty) match begins
    at one of ``starts`` (sorted): trying only those offsets skips the scan of every other
    position, which for a pattern led by a lookbehind or an alternation is most of the cost."""
    found: list[re.Match[str]] = []
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match:
            found.append(match)
            end = match.end()
    return found


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
