"""Flag sentences that reveal how the source came to know something.

"In my Year 9 class", "told me at the surgery where I work": these point back at the source even
with every name removed. Rewording them needs judgement, so they are flagged for the handler to put
into the third person, not rewritten.
"""

from __future__ import annotations

import re

from .spans import Span
from .vocabulary import word_set

_FIRST_PERSON = re.compile(
    r"(?<![\w'\u2019])(?:I(?:['\u2019](?:m|ve|d|ll))?|(?i:me|my|mine|myself|we(?:['\u2019](?:re|ve|d|ll))?"
    r"|us|our|ours|ourselves))(?![\w'\u2019])"
)
_SETTING = re.compile(
    r"(?i)\b(?:in\s+(?:my|our|the)\s+(?:class|classroom|lesson|form(?:\s+group)?|tutor\s+group|"
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
_ABBREVIATIONS = word_set("mr mrs ms dr st no approx e.g i.e etc prof rev ext tel jr sr vs mt ft")


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: split at . ! ? and line breaks, not after 'Mrs.' or 'St.'."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in re.finditer(r"[.!?]+(?=\s|$)|\n", text):
        if match[0] != "\n":
            word = re.search(r"([\w.]+)$", text[max(0, match.start() - 12) : match.start()])
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


def flag_provenance(text: str) -> list[Span]:
    flagged: list[Span] = []
    for start, end in sentences(text):
        sentence = text[start:end]
        cues = [m[0] for m in _SETTING.finditer(sentence)]
        cues += [m[0] for m in _FIRST_PERSON.finditer(sentence)]
        if not cues:
            continue
        unique = list(dict.fromkeys(cue.strip() for cue in cues))
        shown = ", ".join(f'"{cue}"' for cue in unique[:4])
        reason = f"reveals provenance ({shown}): reword in the third person"
        flagged.append(Span(start, end, "provenance", sentence, reason))
    return flagged
