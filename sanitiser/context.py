"""Matches that depend on context: a bare first name, a one-word role, a colleague.

A bare first name is the hard case: a child at risk may share it. It is removed only where the
text ties it to the source (a sign-off, "my name is", "I, Sarah", "Sarah here", next to the
source's organisation or role), never because it merely appears.
"""

from __future__ import annotations

import re

from .compiled import (
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
# A chat export's speaker label: "[12/06/2024, 19:05:40] Daz: ...", "19:05 - Daz: ...".
_SPEAKER_BEFORE = re.compile(
    r"(?:^|\n)[ \t]*(?:\[[^\]\n]{4,30}\]|[\d/.,: ]{4,25}[ \t]*[-\u2013])[ \t]*$"
)
_SPEAKER_AFTER = re.compile(r"[ \t]*:")
_LINE_LEAD = re.compile(r"[ \t>*\-~]*")
_LINE_TAIL = re.compile(r"[ \t]*(?:x+)?[ \t.!,]*")
# Work the source owns: "Hamish's caseload", "Sarah's class" (not "Sarah's class teacher").
_WORKPLACE_AFTER = re.compile(
    r"[ \t]+(?i:caseload|case[ \t]?load|clinic|surgery|ward|list|register|rota|diary|office|desk|"
    r"patients|pupils|clients|tutor[ \t]+group|form[ \t]+group|class(?![ \t]*(?:teacher|mate|"
    r"-?mates?|friends?))|form(?![ \t]*(?:tutor|teacher)))\b"
)
_POSSESSIVE = ("'s", "\u2019s")
# A child quoted as saying the source sent them: "Tash said I should tell someone".
_SENT_TO_TELL_AFTER = re.compile(
    r"[ \t]+(?i:said|says|told[ \t]+me)[ \t]+(?:(?i:that)[ \t]+)?(?:I|i|me)[ \t]+"
    r"(?i:could|can|should|must|ought[ \t]+to|to|had[ \t]+to)[ \t]+(?i:tell|talk|speak|report)\b"
)
# A form's field for the given name: it is the source's where their surname is in the next field.
_FORENAME_LABEL = re.compile(
    r"(?i:fore[ \t-]?names?|first[ \t]+names?|given[ \t]+names?|christian[ \t]+name)[ \t]*[:|\t]"
    r"[ \t]*$"
)
# The opening clause of a short answer that the source's role or organisation starts: a first
# name closing it is theirs ("caretaker for the block, Gail.").
_CLOSES_OPENING_CLAUSE = re.compile(r"\)?[ \t]*(?:[.;:\n]|$)")
_LAST_LEAD = re.compile(r"[.!?][ \t]+$|\n[ \t]*$")
# What may follow a first name that signs off the text: kisses, punctuation, a bracketed aside
# such as a role ("Mark (attendant)").
_LAST_TAIL = re.compile(r"[ \t]*(?:x+)?[ \t.!]*(?:\([^()\n]{1,40}\)[ \t.!]*)?\s*")
_ROLE_INTRODUCED_BEFORE = re.compile(
    r"(?i:\b(?:i\s+am|i['\u2019]m|im|i\s+work\s+as|working\s+as|my\s+role\s+as|as)\s+"
    r"(?:(?:a|an|the|one\s+of\s+the|their|his|her|your)\s+)?"
    # "declan here, churchwarden at ...": the writer's self-introduction.
    r"|\bhere\s*[,(\-\u2013]\s*(?:(?:a|an|the|one\s+of\s+the)\s+)?)$"
)
_TIGHT_GAP = re.compile(
    r"[ \t]*[(\[\-\u2013\u2014|/][ \t]*|[ \t]+(?i:from)[ \t]+(?:(?i:the)[ \t]+)?"
)
# Also one word set off by punctuation between them: "Anna - reception, Hilltop Dental",
# "Lee (Mgr) - FF Filton".
_LOOSE_GAP = re.compile(
    r"[ \t]*[,(\[\-\u2013\u2014|/:]?[ \t]*"
    r"(?:[A-Za-z][\w'\u2019.]{0,20}\)?[ \t]*[,\-\u2013\u2014|/:][ \t]*)?"
    r"(?:(?i:from|at|of|in|for|on|via)[ \t]+(?:(?i:the)[ \t]+)?)?"
)
_LOOSE_GAP_BEFORE = re.compile(r"[ \t]*[,)\]\-\u2013\u2014|/:]?[ \t]*")
# "Sarah and Tom here" needs "here" after a space or tab: "where" and "there" do not count.
_HERE = (" here", "\there")
# Characters that a case-insensitive pattern matches to an ASCII letter although their lower case
# is not that letter (dotted and dotless i, long s).
_UNLIKE_THEIR_LOWER_CASE = ("\u0130", "\u0131", "\u017f")
_COLLEAGUE_CUES = ("colleague", "worker", "manager", "deputy", "supervisor", "leader", "teacher")
_COLLEAGUE_CUES += ("boss", "partner", "my ta", "our ta", "assistant", "receptionist", "senco")
# A name word whole, with the capital after a prefix ("O'Neill", "McAllister", "DaSilva"): never
# its tail alone, which would leave "O'" or "Mc" behind.
_NAME_WORD_PATTERN = r"(?<![\w'\u2019-])[A-Z](?:[a-z]{0,2}['\u2019]?[A-Z])?[a-z'\u2019-]+"
_PERSON = (
    r"(?:" + TITLE + r"[ \t]+)?" + _NAME_WORD_PATTERN + r"(?:[ \t]+" + _NAME_WORD_PATTERN + r")?"
)
_COLLEAGUE_INTRO = re.compile(
    r"(?i:\b(?:my|our)\s+(?:colleague|co-?worker|manager|line\s+manager|deputy|supervisor|"
    r"team\s+leader|head\s*teacher|practice\s+manager|boss|senior\s+partner|partner|ta|"
    r"teaching\s+assistant|receptionist|senco)s?[,:]?\s+)"
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
        if not reason and _in_forename_field(text, start, end, around):
            reason = "source's first name in a form's field beside their surname"
        if not reason and _closes_opening_clause(text, start, end, around):
            reason = "source's first name closing their opening self-description"
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
    if _SPEAKER_AFTER.match(text, end) and _SPEAKER_BEFORE.search(before):
        return "source's first name labelling their messages"
    if _LINE_LEAD.fullmatch(text, line_start, start) and _LINE_TAIL.fullmatch(text, end, line_end):
        return "source's first name on a line of its own"
    if _LAST_TAIL.fullmatch(text, end) and (start == 0 or _LAST_LEAD.search(before)):
        return "source's first name signing off the text"
    if _SENT_TO_TELL_AFTER.match(text, end):
        return "source's first name where the child says they sent them to tell"
    return ""


def _in_forename_field(text: str, start: int, end: int, around: list[tuple[int, int, str]]) -> bool:
    if not _FORENAME_LABEL.search(text, max(0, start - 20), start):
        return False
    # The surname's field next, or just before: not a child's details further down the form.
    return any(
        kind == "name" and (0 < a_start - end <= 40 or 0 <= start - a_end <= 15)
        for a_start, a_end, kind in around
    )


def _closes_opening_clause(
    text: str, start: int, end: int, around: list[tuple[int, int, str]]
) -> bool:
    opened = text[:start].rstrip(" \t")
    if not opened.endswith((",", "(")) or not _CLOSES_OPENING_CLAUSE.match(text, end):
        return False
    if opened.endswith("(") != (text[end : end + 1] == ")"):
        return False
    opening = text[:start]
    if any(mark in opening for mark in ".!?\n"):
        return False
    return any(a_end <= start and kind in _ANCHOR_KINDS for _, a_end, kind in around)


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
        if not text[:start].strip():
            found.append(Span(start, end, "role", word, "source's role opening the answer"))
        elif _ROLE_INTRODUCED_BEFORE.search(text[max(0, start - 40) : start]):
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


def colleague_spans(index: TextIndex, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """Colleagues: 'my colleague Tom Barker', or 'Sarah and Tom' in the greeting."""
    text = index.text
    found: list[Span] = []
    introduced = contains_any(index.lowered, _COLLEAGUE_CUES)
    for match in cue_matches(_COLLEAGUE_INTRO, index, ("my", "our")) if introduced else ():
        person = match["person"]
        if person.split()[0].lower() in _NOT_NAMES:
            continue
        start, end = match.span("person")
        found.append(Span(start, end, "colleague", person, "colleague named by the source"))
    firsts = {f.lower() for f in compiled.first_names}
    for match in _PAIR_HERE.finditer(text) if contains_any(index.lowered, _HERE) else ():
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


def cue_matches(
    pattern: re.Pattern[str], index: TextIndex, starts: tuple[str, ...]
) -> list[re.Match[str]]:
    """``pattern.finditer(text)`` for a case-insensitive pattern whose every match begins with
    one of ``starts``: only the offsets where one of them occurs in the lower-cased text (whose
    offsets are the text's own) are tried. Where a character matches unlike its lower case, the
    whole text is scanned."""
    text, lowered = index.text, index.lowered
    if not text.isascii() and contains_any(text, _UNLIKE_THEIR_LOWER_CASE):
        return list(pattern.finditer(text))
    return matches_at(pattern, text, offsets_of(lowered, starts))


def contains_any(lowered: str, cues: tuple[str, ...]) -> bool:
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


# What the source says they are called: "the young men call me Abu Yasin", "the kids know me
# as Miss B", "I go by Shiv". Whatever name follows is theirs, derived from their name or not.
_SELF_NAMED = re.compile(
    r"(?i:\b(?:(?:call|calls|called|know|knows)[ \t]+me(?:[ \t]+as)?|i[ \t]+go[ \t]+by|"
    r"i(?:['\u2019]m|[ \t]+am)[ \t]+known[ \t]+as)[ \t]+)"
    r"(?P<name>[A-Z][\w'\u2019-]*(?:[ \t]+[A-Z][\w'\u2019-]*){0,2})"
)
# A quotation opened before the phrase on its line and not closed.
_OPEN_QUOTE = re.compile(r"(?:[\"\u201c\u2018]|(?<![\w])')[^\"\u201d\u2019'\n]*$")
_SELF_NAMED_STARTS = ("call", "know", "i go", "i'm", "i\u2019m", "i am")


def self_named_spans(index: TextIndex) -> list[Span]:
    keys = index.key_set
    known = "known" in keys and ("m known" in index.lowered or "am known" in index.lowered)
    if "me" not in keys and not known and not {"go", "by"} <= keys:
        return []
    found: list[Span] = []
    for match in cue_matches(_SELF_NAMED, index, _SELF_NAMED_STARTS):
        line_start = index.text.rfind("\n", 0, match.start()) + 1
        if _OPEN_QUOTE.search(index.text, line_start, match.start()):
            continue  # "he told her 'call me Daddy'": someone else speaking
        start, end = match.span("name")
        found.append(Span(start, end, "name", match["name"], "a name the source says is theirs"))
    return found


_NAME_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def learned_initials_spans(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """The form recorded no middle name, but the text signs with one ('K.A. Osei'): then the
    bare initials with it ('KAO 14/10') are the source's too."""
    person = compiled.person
    if not person or not person.first or not person.last or person.middles:
        return []
    surnames = {s.lower() for s in compiled.surnames}
    learned: set[str] = set()
    for span in spans:
        if span.kind != "name" or span.text.count(" ") + span.text.count(".") < 2:
            continue
        words = [w for w in _NAME_WORD.findall(span.text) if w.lower().rstrip(".") not in TITLES]
        if len(words) != 3 or words[-1].lower() not in surnames:
            continue
        if words[0][0].upper() == person.first[0].upper() and words[1][0].isupper():
            learned.add(person.first[0].upper() + words[1][0] + person.last[0].upper())
    found: list[Span] = []
    for initials in learned:
        for match in re.finditer(r"(?<![\w.])" + initials + r"(?![\w])", text):
            found.append(Span(match.start(), match.end(), "name", initials, "source's initials"))
    return found
