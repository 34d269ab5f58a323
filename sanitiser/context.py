"""Matches that depend on context: a bare first name, a one-word role, a colleague, a contact
detail given next to the source.

A bare first name is the hard case: a child at risk may share it. It is removed only where the
text ties it to the source (a sign-off, "my name is", "I, Sarah", "Sarah here", next to the
source's organisation or role), never because it merely appears.
"""

from __future__ import annotations

import re

from .compiled import (
    PHONE_CANDIDATE,
    POST_NOMINAL_TAIL,
    TITLE,
    CompiledIdentity,
    Hit,
    is_given_name_variant,
)
from .fuzzy import within_distance
from .spans import Span
from .tokens import TextIndex, matches_at, next_word, offsets_of, previous_word
from .vocabulary import MARKER, PLACE_WORDS, TITLES, word_set

ANY_EMAIL = r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
_MARKER = re.compile(re.escape(MARKER))
_ANCHOR_KINDS = frozenset({"name", "organisation", "role", "email", "phone", "mailbox", "marker"})

_INTRODUCED_BEFORE = re.compile(
    r"(?:(?i:\b(?:my\s+name\s+is|my\s+name['\u2019]s|i\s+am|i['\u2019]m|this\s+is|signed|"
    r"it['\u2019]?s|regards|thanks|thank\s+you|cheers|wishes|sincerely|faithfully|love\s+from)"
    r"[,.!:]*\s+)|\bI,[ \t]*)$"
)
# "Sarah here", "Sarah, here", and "Priya (pharmacist) here": a bracketed aside may come between.
_HERE_AFTER = re.compile(r",?[ \t]+(?:\([^()\n]{1,40}\)[ \t]*)?(?i:here)\b")
_HERE_BEFORE = re.compile(r"(?i:\bhere)[ \t,:\-]*\(?$")
_LINE_LEAD = re.compile(r"[ \t>*\-~]*")
_LINE_TAIL = re.compile(r"[ \t]*(?:x+)?[ \t.!,]*")
# Work the source owns: "Hamish's caseload", "Sarah's class" (not "Sarah's class teacher").
_WORKPLACE_AFTER = re.compile(
    r"[ \t]+(?i:caseload|case[ \t]?load|clinic|surgery|ward|list|register|rota|diary|office|desk|"
    r"patients|pupils|clients|tutor[ \t]+group|form[ \t]+group|class(?![ \t]*(?:teacher|mate|"
    r"-?mates?|friends?))|form(?![ \t]*(?:tutor|teacher)))\b"
)
_POSSESSIVE = ("'s", "\u2019s")
_LAST_LEAD = re.compile(r"[.!?][ \t]+$|\n[ \t]*$")
# What may follow a first name that signs off the text: kisses, punctuation, a bracketed aside
# such as a role ("Mark (attendant)").
_LAST_TAIL = re.compile(r"[ \t]*(?:x+)?[ \t.!]*(?:\([^()\n]{1,40}\)[ \t.!]*)?\s*")
_ROLE_INTRODUCED_BEFORE = re.compile(
    r"(?i:\b(?:i\s+am|i['\u2019]m|im|i\s+work\s+as|working\s+as|my\s+role\s+as|as)\s+"
    r"(?:(?:a|an|the|one\s+of\s+the|their|his|her|your)\s+)?)$"
)
_TIGHT_GAP = re.compile(
    r"[ \t]*[(\[\-\u2013\u2014|/][ \t]*|[ \t]+(?i:from)[ \t]+(?:(?i:the)[ \t]+)?"
)
# Also one word set off by punctuation between them: "Anna - reception, Hilltop Dental".
_LOOSE_GAP = re.compile(
    r"[ \t]*[,(\[\-\u2013\u2014|/:]?[ \t]*"
    r"(?:[A-Za-z][\w'\u2019]{0,20}[ \t]*[,\-\u2013\u2014|/:][ \t]*)?"
    r"(?:(?i:from|at|of|in|for|on|via)[ \t]+(?:(?i:the)[ \t]+)?)?"
)
_LOOSE_GAP_BEFORE = re.compile(r"[ \t]*[,)\]\-\u2013\u2014|/:]?[ \t]*")
_CONTACT_AFTER_SOURCE = re.compile(
    r"[ \t]*[,(:\-\u2013\u2014|]?[ \t]*(?:(?i:on|at|via|tel|telephone|phone|mob|mobile|direct"
    r"(?:[ \t]+line)?|email|e-mail|switchboard|reception|office|is|or|number)\b\.?[ \t]*[:\-]?"
    r"[ \t]*){0,3}(?P<contact>" + PHONE_CANDIDATE.pattern + "|" + ANY_EMAIL + ")"
)
# A second number or address given straight after one of the source's: "on 029 2049 6011 or
# the school mobile 07700 900214", "0117 496 0345 / 07700 900345".
_CONTACT_AFTER_CONTACT = re.compile(
    r"[ \t]*(?:,|/|;|(?i:or|and|&|also))[ \t]*(?:(?i:the|my|our|a|work|school|office|mobile|mob|"
    r"direct|dial|line|landline|personal|number|no|on|is|tel|email|e-mail|cell|phone|via|at|desk|"
    r"team|duty|"
    r"out[ \t]+of[ \t]+hours|ooh)\b\.?[ \t]*:?[ \t]*){0,4}(?P<contact>"
    + PHONE_CANDIDATE.pattern
    + "|"
    + ANY_EMAIL
    + ")"
)
# The name shown with an address: "Kasia Wisniewska <kasia.w@...>", '"Tom O" <tom@...>'.
_DISPLAY_NAME = re.compile(
    r"(?<![\w'\u2019.-])(?P<name>\"[^\"\n<>]{1,40}\""
    r"|[A-Z][\w'\u2019.-]*(?:[ \t]+[A-Z][\w'\u2019.-]*){0,3}"
    r"|[a-z][\w'\u2019.-]*(?:[ \t]+[a-z][\w'\u2019.-]*)?)[ \t]*<$"
)
_CONTACT_ON_LINE = re.compile(r"[^\n\d@+]*+[\d@+]")
_LABELLED_SWITCHBOARD = re.compile(
    r"(?i:\b(?:switchboard|reception|main\s+office|school\s+office|front\s+desk|main\s+line|"
    r"office\s+(?:line|number|phone|tel)|surgery\s+(?:line|number)|practice\s+(?:line|number))"
    r"\b[^\n\d+]{0,20})(?P<contact>" + PHONE_CANDIDATE.pattern + ")"
)
# Cheap substring checks on the lower-cased text that decide whether the patterns below run.
# Single words only: the patterns accept any spacing between words ("front  desk", "main\tline"),
# so a cue of two words would let an oddly spaced switchboard number skip the pattern entirely.
_SWITCHBOARD_GATE = ("switchboard", "reception", "office", "desk", "line", "surgery", "practice")
# The words a labelled switchboard can begin with (the lower case of _LABELLED_SWITCHBOARD's start).
_SWITCHBOARD_STARTS = ("switchboard", "reception", "main", "school", "front", "office", "surgery")
_SWITCHBOARD_STARTS += ("practice",)
# "Sarah and Tom here" needs "here" after a space or tab: "where" and "there" do not count.
_HERE = (" here", "\there")
# Characters that a case-insensitive pattern matches to an ASCII letter although their lower case
# is not that letter (dotted and dotless i, long s).
_UNLIKE_THEIR_LOWER_CASE = ("\u0130", "\u0131", "\u017f")
# Words, not "word:": the header pattern allows spaces and tabs before the colon.
_HEADER_CUES = ("from", "cc", "reply-to", "sent", "sender")
_COLLEAGUE_CUES = ("colleague", "worker", "manager", "deputy", "supervisor", "leader", "teacher")
_COLLEAGUE_CUES += ("boss", "partner")
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
# Words before an address that are not a name shown with it: header words, labels, joiners.
_NOT_DISPLAY_NAMES = word_set(
    "from to cc bcc sent wrote on date reply-to sender email e-mail mail contact address me us "
    "at via is or and write"
)
_JOINED_BEFORE = re.compile(r"(?P<person>" + _PERSON + r")[ \t]*(?:and|&)[ \t]*$")
_PAIR_HERE = re.compile(
    r"(?<![\w'\u2019])(?P<a>[A-Z][a-z'\u2019-]+)[ \t]+(?:and|&)[ \t]+(?P<b>[A-Z][a-z'\u2019-]+)"
    r"[ \t]+(?i:here)\b"
)
_JOINED_AFTER = re.compile(r"[ \t]*(?:and|&)[ \t]*(?P<person>" + _PERSON + ")")


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


def first_name_spans(
    text: str, compiled: CompiledIdentity, spans: list[Span], occurrences: list[Hit]
) -> list[Span]:
    """A bare first name, removed only where the text ties it to the source."""
    found: list[Span] = []
    candidates = [hit for hit in occurrences if not _inside(hit[0], spans)]
    shared = any(_names_someone_else(text, end, compiled) for _, end, _ in candidates)
    around = anchors(text, spans) if candidates else []
    for start, end, word in candidates:
        if _names_someone_else(text, end, compiled):
            continue
        reason = _first_name_context(text, start, end)
        if not reason and _WORKPLACE_AFTER.match(text, end) and word.endswith(_POSSESSIVE):
            reason = "source's first name owning their work ('Hamish's caseload')"
        if not reason and _signs_before_signature(text, start, end, around):
            reason = "source's first name signing off above their signature"
        if not reason and _beside_anchor(text, start, end, around, strict=shared):
            reason = "source's first name beside their other details"
        if reason:
            found.append(Span(start, end, "name", word, reason))
    return found


def _first_name_context(text: str, start: int, end: int) -> str:
    """Why this first name is the source's: how they introduce or sign themselves."""
    before = text[max(0, start - 40) : start]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    if _INTRODUCED_BEFORE.search(before):
        return "source's first name where they introduce or sign"
    if _HERE_AFTER.match(text, end) or _HERE_BEFORE.search(before):
        return "source's first name ('... here')"
    if _LINE_LEAD.fullmatch(text, line_start, start) and _LINE_TAIL.fullmatch(text, end, line_end):
        return "source's first name on a line of its own"
    if _LAST_TAIL.fullmatch(text, end) and (start == 0 or _LAST_LEAD.search(before)):
        return "source's first name signing off the text"
    return ""


def _signs_before_signature(
    text: str, start: int, end: int, around: list[tuple[int, int, str]]
) -> bool:
    """ "... happy to discuss. Will" with the signature on the next line: the name closes the
    message although the text goes on below it."""
    line_end = text.find("\n", end)
    if line_end == -1 or not _LINE_TAIL.fullmatch(text, end, line_end):
        return False
    if not (start == 0 or _LAST_LEAD.search(text, max(0, start - 3), start)):
        return False
    next_start = line_end + 1
    while text.startswith("\n", next_start):
        next_start += 1
    next_end = text.find("\n", next_start)
    next_end = len(text) if next_end == -1 else next_end
    return any(a_start < next_end and a_end > next_start for a_start, a_end, _ in around)


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


def role_spans(text: str, spans: list[Span], occurrences: list[Hit]) -> list[Span]:
    """A one-word role ("teacher", "pharmacist") is removed only where it points at the source."""
    found: list[Span] = []
    around = anchors(text, spans) if occurrences else []
    for start, end, word in occurrences:
        if _ROLE_INTRODUCED_BEFORE.search(text[max(0, start - 40) : start]):
            found.append(Span(start, end, "role", word, "source's role, self-described"))
        elif _beside_anchor(text, start, end, around, strict=False):
            found.append(Span(start, end, "role", word, "source's role beside them"))
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
            matches_first = is_given_name_variant(lowered, compiled.first_names) or any(
                (len(lowered) == 1 and f.startswith(lowered))
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


def contact_spans(index: TextIndex, spans: list[Span]) -> list[Span]:
    """Phones and emails given straight after the source, labelled switchboards, mail headers."""
    text = index.text
    found: list[Span] = []
    for start, end, kind in anchors(text, spans):
        if kind in ("phone", "email", "mailbox", "website"):
            found += _beside_contact(text, start, end, kind)
            continue
        # A contact starts on the same line, with a digit, "+" or "@" before the line ends.
        match = _CONTACT_ON_LINE.match(text, end) and _CONTACT_AFTER_SOURCE.match(text, end)
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
    labelled = _contains_any(index.lowered, _SWITCHBOARD_GATE)
    for match in (
        _cue_matches(_LABELLED_SWITCHBOARD, index, _SWITCHBOARD_STARTS) if labelled else ()
    ):
        c_start, c_end = match.span("contact")
        found.append(
            Span(c_start, c_end, "phone", match["contact"], "organisation's switchboard or office")
        )
    headers = ":" in text and _contains_any(index.lowered, _HEADER_CUES)
    for match in _HEADER_LINE.finditer(text) if headers else ():
        v_start, v_end = match.span("value")
        value = match["value"]
        if "@" in value or any(s.start < v_end and s.end > v_start for s in spans):
            found.append(Span(v_start, v_end, "mailbox", value, "email header naming the sender"))
    return found


def _beside_contact(text: str, start: int, end: int, kind: str) -> list[Span]:
    """Another number after the source's, and the name shown with their address."""
    found: list[Span] = []
    match = _CONTACT_ON_LINE.match(text, end) and _CONTACT_AFTER_CONTACT.match(text, end)
    if match:
        c_start, c_end = match.span("contact")
        contact = match["contact"]
        found.append(
            Span(
                c_start,
                c_end,
                "phone" if "@" not in contact else "email",
                contact,
                "another contact detail given with the source's",
            )
        )
    if kind in ("email", "mailbox") and text[start - 1 : start] == "<":
        shown = _DISPLAY_NAME.search(text, max(0, start - 60), start)
        if shown and shown["name"].strip('"').split()[0].lower() not in _NOT_DISPLAY_NAMES:
            n_start, n_end = shown.span("name")
            found.append(
                Span(n_start, n_end, "name", shown["name"], "name shown with the source's address")
            )
    return found


def colleague_spans(index: TextIndex, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """Colleagues: 'my colleague Tom Barker', or 'Sarah and Tom' in the greeting."""
    text = index.text
    found: list[Span] = []
    introduced = _contains_any(index.lowered, _COLLEAGUE_CUES)
    for match in _cue_matches(_COLLEAGUE_INTRO, index, ("my", "our")) if introduced else ():
        person = match["person"]
        if person.split()[0].lower() in _NOT_NAMES:
            continue
        start, end = match.span("person")
        found.append(Span(start, end, "colleague", person, "colleague named by the source"))
    firsts = {f.lower() for f in compiled.first_names}
    for match in _PAIR_HERE.finditer(text) if _contains_any(index.lowered, _HERE) else ():
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
        window_start = max(line_start, start - 60)
        # The pattern ends in "and" or "&" before the name: without them it cannot match.
        joined = text[window_start:start].rstrip(" \t").endswith(("and", "&"))
        before = _JOINED_BEFORE.search(text, window_start, start) if joined else None
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


def _cue_matches(
    pattern: re.Pattern[str], index: TextIndex, starts: tuple[str, ...]
) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a case-insensitive pattern whose every match begins with
    one of ``starts``: only the offsets where one of them occurs in the lower-cased text (whose
    offsets are the text's own) are tried. Where a character matches unlike its lower case, the
    whole text is scanned."""
    text, lowered = index.text, index.lowered
    if not text.isascii() and _contains_any(text, _UNLIKE_THEIR_LOWER_CASE):
        return list(pattern.finditer(text))
    return matches_at(pattern, text, offsets_of(lowered, starts))


def _contains_any(lowered: str, cues: tuple[str, ...]) -> bool:
    return any(cue in lowered for cue in cues)


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
