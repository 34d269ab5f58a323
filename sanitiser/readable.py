"""The text as the detectors should read it, character for character the same length.

Some texts hide a name from a word-by-word reading although a person reads it at once: a form
letter's blanks glue underscores to the name ("___Gareth Lloyd-Evans___"), a child's message
forwarded as typed writes "mr h@ll" or "m1ss k", a number is typed with letters O for noughts
("O77OO 9OO435"), and a PDF breaks a surname over two lines ("Mac-\\nNamara"). The readable view
undoes each where it spells one of the source's words, keeping every offset, so a span found in
the view is a span of the original. A rejoined word moves its hyphen and line break after it:
spans touching it are widened to the whole of the original stretch.
"""

from __future__ import annotations

import re

from .tokens import key_of

_BLANKS = re.compile(r"_{2,}")
# Letters read as "a", digits and the signs leetspeak puts for letters as "0": a letter beside
# one of them is found with bytes.find, far faster than a pattern over the whole text.
_GATE_TABLE = bytes.maketrans(
    b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$", b"a" * 52 + b"0" * 12
)
_LEET_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@$")
_NOT_BEFORE = frozenset("_.-/\\")
_NOT_AFTER = frozenset("_-/\\")
_LEET_I = str.maketrans("4@310$57", "aaeiosst")
_LEET_L = str.maketrans("4@310$57", "aaeloost")
# A number with letters O among its digits.
_O_NUMBER = re.compile(r"[0-9Oo]*\d[0-9Oo]*")
_O_TO_NOUGHT = str.maketrans("Oo", "00")
# A word broken with a hyphen at the end of a line, its rest on the next.
_BROKEN = re.compile(r"([A-Za-z]+)-[ \t]*\n[ \t]*([A-Za-z]+)")

_BROKEN_ADDRESS = re.compile(r"@([\w.-]+)[ \t]*\n[ \t]*([\w-]+(?:\.[\w-]+)+)")

Region = tuple[int, int]


def readable_view(text: str, words: frozenset[str]) -> tuple[str, list[Region]]:
    """The view of ``text`` and the stretches whose characters moved. ``words`` are the keys the
    source's name is written in (names, titles, particles glued or not)."""
    mixed = _mixed_positions(text)
    if (
        not mixed
        and "__" not in text
        and "-\n" not in text
        and "- \n" not in text
        and ("@" not in text or "\n" not in text)
    ):
        return text, []
    chars: list[str] | None = None
    regions: list[Region] = []
    if "__" in text:
        chars = list(text)
        for match in _BLANKS.finditer(text):
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    # Only the words around a letter beside a digit or sign, not every word.
    done = -1
    for position in mixed:
        if position < done:
            continue
        start, end = _word_around(text, position)
        done = end
        word = text[start:end]
        if _O_NUMBER.fullmatch(word):
            chars = chars if chars is not None else list(text)
            chars[start:end] = word.translate(_O_TO_NOUGHT)
            continue
        if start > 0 and text[start - 1] in _NOT_BEFORE:
            continue  # the tail of an address or handle
        if end < len(text) and (
            text[end] in _NOT_AFTER or (text[end] == "." and text[end + 1 : end + 2].isalnum())
        ):
            continue
        for table in (_LEET_I, _LEET_L):
            decoded = word.translate(table)
            if decoded.isalpha() and key_of(decoded) in words:
                chars = chars if chars is not None else list(text)
                chars[start:end] = decoded
                break
    if "@" in text and "\n" in text:
        # An address broken at the end of a line: "nicola.jarvis@fair\nfurlong.example".
        for match in _BROKEN_ADDRESS.finditer(text):
            joined = match[1] + match[2]
            if joined.lower().rstrip(".") not in words:
                continue
            chars = chars if chars is not None else list(text)
            filler = match.end() - match.start(1) - len(joined)
            chars[match.start(1) : match.end()] = joined + " " * filler
            regions.append((match.start(1), match.end()))
    if "-\n" in text or "- \n" in text:
        for match in _BROKEN.finditer(text):
            joined = match[1] + match[2]
            if key_of(joined) not in words:
                continue
            chars = chars if chars is not None else list(text)
            filler = match.end() - match.start() - len(joined)
            chars[match.start() : match.end()] = joined + " " * filler
            regions.append((match.start(), match.end()))
    return ("".join(chars) if chars is not None else text), regions


def _mixed_positions(text: str) -> list[int]:
    """Where a letter stands beside a digit or sign, in order. Encoding keeps offsets: a character
    Latin-1 cannot hold becomes one "?"."""
    mapped = text.encode("latin-1", "replace").translate(_GATE_TABLE)
    positions: list[int] = []
    for pair in (b"a0", b"0a"):
        at = mapped.find(pair)
        while at != -1:
            positions.append(at)
            at = mapped.find(pair, at + 1)
    return sorted(positions)


def _word_around(text: str, position: int) -> tuple[int, int]:
    start = position
    while start > 0 and text[start - 1] in _LEET_CHARS:
        start -= 1
    end = position + 1
    while end < len(text) and text[end] in _LEET_CHARS:
        end += 1
    return start, end
