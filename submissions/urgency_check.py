"""Wording of danger now in a professional's answers: the interruption page and the flag.

`urgency.detect` runs here, in the process, on the answers as the session holds them: nothing is
sent anywhere. The words it matched are quoted back to the writer only (the interruption page);
the submission keeps the kinds, and the session keeps only fingerprints of wording already shown.
"""

import hashlib
import re
from dataclasses import dataclass, field

import urgency

# The lists whose items have a free-text description, and what one item is called.
DESCRIBED_LISTS = (
    ("subjects", "person at risk"),
    ("persons", "person of concern"),
    ("places", "place"),
    ("vehicles", "vehicle"),
)
FIELD_NAMES = {"information": "The information", "when": "When it happened"}


# A sentence longer than this is cut around the worrying words (with an ellipsis).
CONTEXT_CHARACTERS = 80
SENTENCE_END = re.compile(r"[.!?\n]")


def fingerprint(words: str) -> str:
    # Case and spacing do not make wording new; a hash keeps the words out of the session.
    normal = " ".join(words.lower().split())
    return hashlib.sha256(normal.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class Quote:
    """A sentence the writer typed, in parts: (text, True) for the words that worry us."""

    where: str
    parts: tuple[tuple[str, bool], ...]
    # Where to change it: a page of the form, and the item's index on a list page.
    step_name: str = "information"
    index: int | None = None

    @property
    def matched(self) -> list[str]:
        return [text for text, worrying in self.parts if worrying]


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in SENTENCE_END.finditer(text, 0, start)]
    first = max(before[-1] if before else 0, start - CONTEXT_CHARACTERS)
    after = SENTENCE_END.search(text, end)
    last = min(after.end() if after else len(text), end + CONTEXT_CHARACTERS)
    return first, last


def _quotes(
    where: str, text: str, spans: list[tuple[int, int]], step_name: str, index: int | None
) -> list[Quote]:
    """Each worrying sentence of one answer once, its worrying words marked."""
    sentences: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in _merged(spans):
        first, last = _sentence_around(text, start, end)
        if sentences and first < sentences[-1][1]:
            previous = sentences[-1]
            sentences[-1] = (previous[0], max(last, previous[1]), [*previous[2], (start, end)])
        else:
            sentences.append((first, last, [(start, end)]))
    quotes = []
    for first, last, inside in sentences:
        parts: list[tuple[str, bool]] = []
        position = first
        if first > 0 and text[first - 1] not in ".!?\n":
            parts.append(("…", False))
        for start, end in inside:
            parts += [(text[position:start], False), (text[start:end], True)]
            position = end
        parts.append((text[position:last], False))
        if last < len(text) and text[last - 1] not in ".!?\n":
            parts.append(("…", False))
        cleaned = [(part, worrying) for part, worrying in parts if part]
        if cleaned:
            cleaned[0] = (cleaned[0][0].lstrip(), cleaned[0][1])
            cleaned[-1] = (cleaned[-1][0].rstrip(), cleaned[-1][1])
        quotes.append(Quote(where, tuple(cleaned), step_name, index))
    return quotes


@dataclass(frozen=True)
class UrgencyFound:
    kinds: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = field(default=())

    @property
    def urgent(self) -> bool:
        return bool(self.kinds)

    def fingerprints(self) -> list[str]:
        found = {fingerprint(words) for quote in self.quotes for words in quote.matched}
        if self.urgent and not found:  # kinds with nothing to quote: still shown once
            found.add(fingerprint(" ".join(self.kinds)))
        return sorted(found)

    def unseen(self, seen: list[str]) -> bool:
        """Whether this holds wording the writer has not been shown yet."""
        return self.urgent and not set(self.fingerprints()) <= set(seen)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def urgency_find(answers: dict) -> UrgencyFound:
    """Danger-now wording in answers shaped as wizard.Answers.for_submission() gives them."""
    information = _text((answers.get("information") or {}).get("information"))
    when = _text((answers.get("when") or {}).get("when_description"))
    descriptions: list[str] = []
    places: list[tuple[str, str, int]] = []
    for name, noun in DESCRIBED_LISTS:
        for position, item in enumerate(answers.get(name) or []):
            descriptions.append(_text((item or {}).get("description")))
            places.append((f"Description of {noun} {position + 1}", name, position))
    result = urgency.detect(information=information, when=when, descriptions=descriptions)
    if not result.urgent:
        return UrgencyFound()
    # Written order: the information, then when, then each description.
    answers_in_order = [
        ("information", None, (FIELD_NAMES["information"], "information", None), information),
        ("when", None, (FIELD_NAMES["when"], "when", None), when),
        *(("descriptions", i, places[i], text) for i, text in enumerate(descriptions)),
    ]
    quotes: list[Quote] = []
    for field_name, index, (where, step_name, position), text in answers_in_order:
        spans = [
            (span.start, span.end)
            for span in result.spans
            if span.field == field_name and span.index == index and span.end > span.start
        ]
        if spans:
            quotes += _quotes(where, text, spans, step_name, position)
    return UrgencyFound(kinds=result.kinds, quotes=tuple(quotes))
