"""Matches that depend on context: a bare first name, a one-word role, a colleague, a contact
detail given next to the source.

A bare first name is the hard case: a child at risk may share it. It is removed only where the
text ties it to the source (a sign-off, "my name is", "I, Sarah", "Sarah here", next to the
source's organisation or role), never because it merely appears.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .fuzzy import within_distance
from .matching import (
    POST_NOMINAL_TAIL,
    TITLE,
    CompiledIdentity,
    next_word,
    previous_word,
)
from .patterns import WORD_START, alternation, insensitive, letters
from .phones import ANY_UK_PHONE
from .spans import Span
from .vocabulary import MARKER, PLACE_WORDS, TITLES, word_set

ANY_EMAIL = r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
_MARKER = re.compile(re.escape(MARKER))
_ANCHOR_KINDS = frozenset({"name", "organisation", "role", "email", "phone", "mailbox", "marker"})

_INTRODUCTION = (
    r"(?i:\b(?:my\s+name\s+is|my\s+name['\u2019]s|i\s+am|i['\u2019]m|this\s+is|signed|it['\u2019]?s|"
    r"regards|thanks|thank\s+you|cheers|wishes|sincerely|faithfully|love\s+from)[,.!:]*\s+"
    r"|\bI,[ \t]*)"
)
_TIGHT_GAP = re.compile(
    r"[ \t]*[(\[\-\u2013\u2014|/][ \t]*|[ \t]+(?i:from)[ \t]+(?:(?i:the)[ \t]+)?"
)
_LOOSE_GAP = re.compile(
    r"[ \t]*[,(\[\-\u2013\u2014|/:]?[ \t]*"
    r"(?:(?i:from|at|of|in|for|on|via)[ \t]+(?:(?i:the)[ \t]+)?)?"
)
_LOOSE_GAP_BEFORE = re.compile(r"[ \t]*[,)\]\-\u2013\u2014|/:]?[ \t]*")
_CONTACT_AFTER_SOURCE = re.compile(
    r"[ \t]*[,(:\-\u2013\u2014|]?[ \t]*(?:(?i:on|at|via|tel|telephone|phone|mob|mobile|direct"
    r"(?:[ \t]+line)?|email|e-mail|switchboard|reception|office|is|or|number)\b\.?[ \t]*[:\-]?"
    r"[ \t]*){0,3}(?P<contact>" + ANY_UK_PHONE + "|" + ANY_EMAIL + ")"
)
_LABELLED_SWITCHBOARD = re.compile(
    r"(?i:\b(?:switchboard|reception|main\s+office|school\s+office|front\s+desk|main\s+line|"
    r"office\s+(?:line|number|phone|tel)|surgery\s+(?:line|number)|practice\s+(?:line|number))"
    r"\b[^\n\d+]{0,20})(?P<contact>" + ANY_UK_PHONE + ")"
)
_HEADER_LINE = re.compile(
    r"(?im)^[ \t>]*(?:from|cc|bcc|reply-to|sent\s+by|sender)[ \t]*:[ \t]*(?P<value>\S[^\n]*)"
)
_PERSON = r"(?:" + TITLE + r"[ \t]+)?[A-Z][a-z'\u2019-]+(?:[ \t]+[A-Z][a-z'\u2019-]+)?"
_COLLEAGUE_INTRO = re.compile(
    r"(?i:\b(?:my|our)\s+(?:colleague|co-?worker|manager|line\s+manager|deputy|supervisor|"
    r"team\s+leader|head\s*teacher|practice\s+manager|boss|senior\s+partner|partner)s?[,:]?\s+)"
    r"(?P<person>" + _PERSON + ")"
)
_NOT_NAMES = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april may
    june july august september october november december i the and
    """
)
_JOINED_BEFORE = re.compile(r"(?P<person>" + _PERSON + r")[ \t]*(?:and|&)[ \t]*$")
_PAIR_HERE = re.compile(
    r"(?<![\w'\u2019])(?P<a>[A-Z][a-z'\u2019-]+)[ \t]+(?:and|&)[ \t]+(?P<b>[A-Z][a-z'\u2019-]+)"
    r"[ \t]+(?i:here)\b"
)
_JOINED_AFTER = re.compile(r"[ \t]*(?:and|&)[ \t]*(?P<person>" + _PERSON + ")")


@dataclass(frozen=True)
class ContextPatterns:
    introduced_first_name: re.Pattern[str] | None
    first_name_here: re.Pattern[str] | None
    first_name_line: re.Pattern[str] | None
    first_name_last: re.Pattern[str] | None
    role_in_context: re.Pattern[str] | None


@lru_cache(maxsize=512)
def _context_patterns(first_names: tuple[str, ...], role: str) -> ContextPatterns:
    first = insensitive(alternation([letters(f) for f in first_names])) if first_names else ""
    end = r"(?![\w'\u2019])"
    role_in_context = None
    if role:
        role_in_context = re.compile(
            r"(?i:\b(?:i\s+am|i['\u2019]m|im|i\s+work\s+as|working\s+as|my\s+role\s+as|as)\s+"
            r"(?:a|an|the|one\s+of\s+the|their|his|her|your)?\s*)(?P<role>" + role + ")"
        )
    if not first:
        return ContextPatterns(None, None, None, None, role_in_context)
    return ContextPatterns(
        re.compile(_INTRODUCTION + "(?P<first>" + first + ")" + end),
        re.compile(
            WORD_START + "(?P<first>" + first + r"),?[ \t]+(?i:here)\b"
            r"|(?i:\bhere)[ \t,:\-]*\(?(?P<first2>" + first + ")" + end
        ),
        re.compile(r"(?m)^[ \t>*\-~]*(?P<first>" + first + r")[ \t]*(?:x+)?[ \t.!,]*$"),
        re.compile(r"(?:^|[.!?][ \t]+)(?P<first>" + first + r")[ \t]*(?:x+)?[ \t.!]*\Z"),
        role_in_context,
    )


def patterns_for(compiled: CompiledIdentity) -> ContextPatterns:
    role = compiled.single_word_roles.pattern if compiled.single_word_roles else ""
    return _context_patterns(compiled.first_names, role)


def anchors(text: str, spans: list[Span]) -> list[tuple[int, int, str]]:
    """Removed spans plus markers already in the text: what a first name may sit next to."""
    found = [(s.start, s.end, s.kind) for s in spans]
    found += [(m.start(), m.end(), "marker") for m in _MARKER.finditer(text)]
    return sorted(found)


def _inside(position: int, spans: list[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)


def _names_someone_else(text: str, end: int, compiled: CompiledIdentity) -> bool:
    """'Sarah Jones': the first name is followed by a surname that is not the source's."""
    following = next_word(text, end)
    if not following or not following[0].isupper() or following.isupper():
        return False
    lowered = following.lower().rstrip(".,")
    return (
        lowered not in {s.lower() for s in compiled.surnames}
        and lowered not in PLACE_WORDS
        and lowered not in TITLES
        and lowered != "here"
    )


def first_name_spans(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    if not compiled.first_name:
        return []
    patterns = patterns_for(compiled)
    found: list[Span] = []

    def add(start: int, end: int, reason: str) -> None:
        if not _inside(start, spans) and not _names_someone_else(text, end, compiled):
            found.append(Span(start, end, "name", text[start:end], reason))

    for pattern, reason in (
        (patterns.introduced_first_name, "source's first name where they introduce or sign"),
        (patterns.first_name_here, "source's first name ('... here')"),
        (patterns.first_name_line, "source's first name on a line of its own"),
        (patterns.first_name_last, "source's first name signing off the text"),
    ):
        if pattern:
            for match in pattern.finditer(text):
                group = "first" if match["first"] is not None else "first2"
                add(match.start(group), match.end(group), reason)

    occurrences = list(compiled.first_name.finditer(text))
    shared = any(
        _names_someone_else(text, m.end(), compiled) and not _inside(m.start(), spans)
        for m in occurrences
    )
    around = anchors(text, spans)
    for match in occurrences:
        if _beside_anchor(text, match.start(), match.end(), around, strict=shared):
            add(match.start(), match.end(), "source's first name beside their other details")
    return found


def _beside_anchor(
    text: str, start: int, end: int, around: list[tuple[int, int, str]], strict: bool
) -> bool:
    for a_start, a_end, kind in around:
        if kind not in _ANCHOR_KINDS:
            continue
        if 0 <= a_start - end <= 24:
            gap = text[end:a_start]
            tight = _TIGHT_GAP.fullmatch(gap) is not None or gap in (" ", "\t")
            if tight and kind == "name":
                return True
            if kind != "name" and (tight if strict else _LOOSE_GAP.fullmatch(gap)):
                return True
        if 0 <= start - a_end <= 24:
            gap = text[a_end:start]
            if kind == "name" and re.fullmatch(r"[ \t]*[(\[][ \t]*|[ \t]", gap):
                return True
            if kind != "name" and not strict and _LOOSE_GAP_BEFORE.fullmatch(gap):
                return True
    return False


def role_spans(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """A one-word role ("teacher", "pharmacist") is removed only where it points at the source."""
    if not compiled.single_word_roles:
        return []
    found: list[Span] = []
    patterns = patterns_for(compiled)
    if patterns.role_in_context:
        for match in patterns.role_in_context.finditer(text):
            start, end = match.span("role")
            found.append(Span(start, end, "role", text[start:end], "source's role, self-described"))
    around = anchors(text, spans)
    for match in compiled.single_word_roles.finditer(text):
        if _beside_anchor(text, match.start(), match.end(), around, strict=False):
            start, end = match.span()
            found.append(Span(start, end, "role", text[start:end], "source's role beside them"))
    return found


def name_extensions(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """Grow name spans over a misspelt first name before them and post-nominals after them."""
    found: list[Span] = []
    firsts = [f.lower() for f in compiled.first_names]
    for span in spans:
        if span.kind not in ("name", "colleague"):
            continue
        word, word_start = previous_word(text, span.start)
        lowered = word.lower().rstrip(".")
        if word and lowered in TITLES:
            found.append(
                Span(word_start, span.start, "name", word, "title before the source's name")
            )
        elif word and lowered in firsts:
            found.append(Span(word_start, span.start, "name", word, "source's first name"))
        elif word and word[0].isupper() and firsts:
            matches_first = any(
                lowered == f
                or (len(lowered) in (1, 3, 4) and f.startswith(lowered))
                or (len(f) >= 4 and within_distance(lowered, f, 1) and lowered[:1] == f[:1])
                for f in firsts
            )
            if matches_first:
                found.append(
                    Span(word_start, span.start, "name", word, "source's first name, misspelt")
                )
        tail = POST_NOMINAL_TAIL.match(text, span.end)
        if tail and tail.end() > span.end:
            found.append(
                Span(span.end, tail.end(), "name", tail[0], "post-nominals after the source")
            )
    return found


def contact_spans(text: str, spans: list[Span]) -> list[Span]:
    """Phones and emails given straight after the source, labelled switchboards, mail headers."""
    found: list[Span] = []
    for _start, end, kind in anchors(text, spans):
        if kind in ("phone", "email", "mailbox", "website"):
            continue
        match = _CONTACT_AFTER_SOURCE.match(text, end)
        if match:
            c_start, c_end = match.span("contact")
            found.append(
                Span(
                    c_start,
                    c_end,
                    "phone" if "@" not in match["contact"] else "email",
                    match["contact"],
                    "contact detail given next to the source",
                )
            )
    for match in _LABELLED_SWITCHBOARD.finditer(text):
        c_start, c_end = match.span("contact")
        found.append(
            Span(c_start, c_end, "phone", match["contact"], "organisation's switchboard or office")
        )
    for match in _HEADER_LINE.finditer(text):
        v_start, v_end = match.span("value")
        value = match["value"]
        if "@" in value or any(s.start < v_end and s.end > v_start for s in spans):
            found.append(Span(v_start, v_end, "mailbox", value, "email header naming the sender"))
    return found


def colleague_spans(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """Colleagues: 'my colleague Tom Barker', or 'Sarah and Tom' in the greeting."""
    found: list[Span] = []
    for match in _COLLEAGUE_INTRO.finditer(text):
        person = match["person"]
        if person.split()[0].lower() in _NOT_NAMES:
            continue
        start, end = match.span("person")
        found.append(Span(start, end, "colleague", person, "colleague named by the source"))
    firsts = {f.lower() for f in compiled.first_names}
    for match in _PAIR_HERE.finditer(text):
        if {match["a"].lower(), match["b"].lower()} & firsts:
            for group in ("a", "b"):
                kind = "name" if match[group].lower() in firsts else "colleague"
                start, end = match.span(group)
                found.append(Span(start, end, kind, match[group], "names in the greeting"))
    greeting_end = _end_of_greeting(text)
    for start, end, kind in anchors(text, spans):
        if kind != "name" or start > greeting_end:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        before = _JOINED_BEFORE.search(text, line_start, start)
        if before and before["person"].split()[0].lower() not in _NOT_NAMES:
            found.append(
                Span(
                    before.start("person"),
                    before.end("person"),
                    "colleague",
                    before["person"],
                    "colleague named beside the source",
                )
            )
        after = _JOINED_AFTER.match(text, end)
        if after and after["person"].split()[0].lower() not in _NOT_NAMES:
            found.append(
                Span(
                    after.start("person"),
                    after.end("person"),
                    "colleague",
                    after["person"],
                    "colleague named beside the source",
                )
            )
    return found


def _end_of_greeting(text: str) -> int:
    """Offset of the end of the first two non-blank lines."""
    seen = 0
    position = 0
    for line in text.splitlines(keepends=True):
        position += len(line)
        if line.strip():
            seen += 1
            if seen == 2:
                break
    return position
