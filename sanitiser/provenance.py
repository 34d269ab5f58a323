"""Flag sentences that reveal how the source came to know something.

"In my Year 9 class", "told me at the surgery where I work": these point back at the source even
with every name removed. Rewording them needs judgement, so they are flagged for the handler to put
into the third person, not rewritten.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .spans import Span
from .tokens import TextIndex, key_of, matches_at, offsets_of
from .vocabulary import word_set

_FIRST_PERSON_AS_TYPED = frozenset(
    ["I"] + [f"I{a}{e}" for a in "'\u2019" for e in ("m", "ve", "d", "ll")]
)
_FIRST_PERSON_ANY_CASE = frozenset(
    ["me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves"]
    + [f"we{a}{e}" for a in "'\u2019" for e in ("re", "ve", "d", "ll")]
)
# Words a setting phrase starts with: the phrase regex is tried only at these.
_SETTING_STARTS = word_set("in at my our told disclosed said showed where during on i came picked")
_CUE_KEYS = frozenset(
    {key_of(word) for word in _FIRST_PERSON_AS_TYPED | _FIRST_PERSON_ANY_CASE} | _SETTING_STARTS
)
_SETTING = re.compile(
    r"(?i)(?:in\s+(?:my|our|the)\s+(?:class|classroom|lesson|form(?:\s+group)?|tutor\s+group|"
    r"surgery|clinic|pharmacy|shop|store|hotel|taxi|cab|office|ward|caseload)"
    r"|at\s+(?:my|our|the)\s+(?:surgery|practice|clinic|pharmacy|school|hotel|reception|counter|"
    r"front\s+desk|till|store|shop|club|centre|office|rank)"
    r"|(?:my|our)\s+(?:pupils?|students?|patients?|clients?|customers?|guests?|service\s+users?|"
    r"tenants?|residents?|caseload|class|school|surgery|practice|pharmacy|hotel|staff|team|"
    r"colleagues?|manager|passengers?|fares?|young\s+people)"
    r"|told\s+(?:me|us)|disclosed\s+to\s+(?:me|us)|said\s+to\s+(?:me|us)|showed\s+(?:me|us)"
    r"|where\s+(?:I|we)\s+work|during\s+(?:a|the|her|his|their)\s+(?:consultation|appointment|"
    r"home\s+visit|lesson|registration|session|shift|check-?in|fitting)"
    r"|on\s+(?:a|my|our)\s+home\s+visit|I\s+(?:saw|heard|noticed|overheard|witnessed)|"
    r"came\s+(?:in|into\s+(?:the|our|my)\s+\w+)\s+(?:to|for)|picked\s+(?:her|him|them)\s+up)\b"
)
# The only words _SETTING lets follow these common starts (its other starts are rarer words):
# where the next word is none of them, the pattern is not tried.
_SETTING_NEXT = {
    "in": frozenset({"my", "our", "the"}),
    "at": frozenset({"my", "our", "the"}),
    "on": frozenset({"a", "my", "our"}),
}
_LEADING = re.compile(r"\w+")
_BOUNDARY = re.compile(r"[.!?]+(?=\s|$)|\n")
_LAST_WORD = re.compile(r"([\w.]+)$")
_ABBREVIATIONS = word_set("mr mrs ms dr st no approx e.g i.e etc prof rev ext tel jr sr vs mt ft")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: split at . ! ? and line breaks, not after 'Mrs.' or 'St.'."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in matches_at(_BOUNDARY, text, offsets_of(text, ".!?\n")):
        if match[0] != "\n":
            word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start())
            if word and word[1].lower().rstrip(".") in _ABBREVIATIONS:
                continue
        end = match.end() if match[0] != "\n" else match.start()
        bounds.append((start, end))
        start = match.end()
    bounds.append((start, len(text)))
    trimmed: list[tuple[int, int]] = []
    for s, e in bounds:
        segment = text[s:e]
        left = len(segment) - len(segment.lstrip())
        right = len(segment.rstrip())
        if right > left:
            trimmed.append((s + left, s + right))
    return trimmed


def flag_provenance(text: str, index: TextIndex | None = None) -> list[Span]:
    """One span per sentence that carries a provenance cue, found word by word."""
    index = index or TextIndex(text)
    found: list[tuple[int, str]] = []
    count = len(index.raws)
    for i in index.positions(_CUE_KEYS & index.key_set):
        raw = index.raws[i]
        lowered = raw.lower()
        start = index.starts[i]
        follows = _SETTING_NEXT.get(lowered)
        if lowered in _SETTING_STARTS and (
            follows is None
            or (i + 1 < count and _LEADING.match(index.raws[i + 1]).group().lower() in follows)
        ):
            setting = _SETTING.match(text, start)
            if setting:
                found.append((start, setting[0]))
        if raw in _FIRST_PERSON_AS_TYPED or (lowered in _FIRST_PERSON_ANY_CASE and raw != "US"):
            found.append((start, raw))
    if not found:
        return []
    bounds = sentences(text)
    sentence_starts = [start for start, _ in bounds]
    cues_by_sentence: dict[int, list[str]] = {}
    for position, cue in found:
        index = bisect_right(sentence_starts, position) - 1
        if index >= 0 and position < bounds[index][1]:
            cues_by_sentence.setdefault(index, []).append(cue)
    flagged: list[Span] = []
    for index in sorted(cues_by_sentence):
        start, end = bounds[index]
        sentence = text[start:end]
        cues = cues_by_sentence[index]
        unique = list(dict.fromkeys(cue.strip() for cue in cues))
        shown = ", ".join(f'"{cue}"' for cue in unique[:4])
        reason = f"reveals provenance ({shown}): reword in the third person"
        flagged.append(Span(start, end, "provenance", sentence, reason))
    return flagged
