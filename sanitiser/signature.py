"""Sign-offs and signature blocks.

A signature block carries the source's name, role, team, organisation, address and numbers, often
alongside colleagues; removing the block as a whole is safer than hoping each line matches. The
block ends where the lines stop looking like a signature, so information written after a sign-off
(a vehicle, a suspect's number) is not swallowed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate

from .compiled import POST_NOMINAL_TAIL
from .context import anchors
from .spans import Span
from .vocabulary import MARKER, ORG_GENERIC_WORDS, word_set

_SIGN_OFF = re.compile(
    r"(?i)^(?P<lead>[ \t>*]*(?:(?:kind(?:est)?|best|warm(?:est)?|many|with[ \t]+(?:best|kind|warm)"
    r"|all[ \t]+the|yours)[ \t]+)?(?:regards|wishes|thanks|thank[ \t]+you|cheers|sincerely|"
    r"faithfully|truly|best|thx|ta|speak[ \t]+soon|take[ \t]+care|respectfully|rgds|kr|love|"
    r"warmly)\b[ \t,.!:;\-]*)(?P<rest>.*)$"
)
_DELIMITER = re.compile(r"^[ \t]*(?:--|\u2014|__)[ \t]*$")
_STRONG_LINE = re.compile(
    r"(?i:^[ \t>*]*(?:t|tel|telephone|m|mob|mobile|p|ph|phone|e|email|e-mail|w|web|website|ext|"
    r"extn|direct(?:[ \t]+(?:line|dial))?|dd|switchboard|office|fax|address|pronouns|"
    r"working[ \t]+(?:days|hours)|hours)\b\.?[ \t]*[:|]"
    r"|www\.|https?://|\((?:she|he|they)/(?:her|him|them)\))"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b"
)
_STOP_LINE = re.compile(
    r"(?i)^[ \t>*]*(?:p\.?[ \t]?s\b|n\.?[ \t]?b\b|note\b|-{3,}|_{3,}|on[ \t].*wrote:|from:|sent:"
    r"|to:|subject:|original[ \t]+message)"
)
_CONNECTORS = frozenset({"of", "and", "the", "for", "&", "to", "at", "in", "on", "|", "-", "/"})
_FUNCTION_WORDS = word_set(
    """
    for the a an to you your he she they it was is of in on at with that this i we me my said had
    has have be will would can so but all again everyone very much lot lots reading time help
    anyway if when what who there here not
    """
)
_MAX_LINE = 100
# A sign-off line's rest this short that holds the source's details is a signature, whatever else.
_SHORT_REST = 80
# The word straight after a sign-off on a longer line: "cheers, sarah. picked up two girls..."
_LEADING_WORD = re.compile(r"[ \t]*(?P<word>[A-Za-z][\w'\u2019-]*)(?=[ \t]*[,.!;:\-]|[ \t]+\S|$)")
# Pronouns after a name in a signature: "(they/them)".
_PRONOUNS = re.compile(r"\((?i:she|he|they|ze|xe)/\w+(?:/\w+)?\)")
# How many capitalised words may follow the source's details on a signature line.
_MAX_TRAILING_WORDS = 4
# Where a signature line's pieces part, and the words that make a piece a team's name.
_PIECE_BREAK = re.compile(r"[|,;/()\[\]\u2013\u2014]|[ \t]-[ \t]")
_TEAM_WORDS = ORG_GENERIC_WORDS | word_set(
    """
    team patch locality north south east west central branch office site campus service unit
    ward department division directorate zone area region nursing safeguarding pastoral duty
    """
)
_TAIL_LINES = 8
# A line about the person the record is about, in a case-system print's top block ("Patient: Kyle
# Brannigan   DOB: 03/04/2009", "Woman: Esi Boateng", "Kyle Brannigan (DOB 03/04/2009)"): no
# line of the source's signature, so a block stops before it.
_SUBJECT_LINE = re.compile(
    r"(?i)^[ \t>*]*(?:patient|pt|client|child|young[ \t]+person|yp|pupil|student|learner|"
    r"service[ \t]+user|resident|tenant|customer|guest|subject|person|individual|woman|man|"
    r"mother|baby|infant|re|regarding|concerning)\b\.?[ \t]*[:\-]"
    r"|\b(?:dob|d\.o\.b\.?|date[ \t]+of[ \t]+birth|nhs[ \t]*(?:no|number)|age[ \t]*:|aged[ \t]+\d)"
)
# A line that holds a date or a time and little else, after a label or none.
_WHEN_LINE = re.compile(
    r"(?i)^[ \t>*]*(?:[a-z][a-z \t]{0,24}:[ \t]*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?[ \t]+)?"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?[ \t]+[a-z]{3,9}"
    r"\.?,?[ \t]+\d{4})(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?)?[ \t]*$"
)
_MARKERS = re.compile(re.escape(MARKER))
_THANKS_FOR = re.compile(r"(?i:for)\b")
# A label after the source's details ("Chance). Young person: Dylan"): the line goes on to
# someone else, so the block stops before it.
_LABEL = re.compile(r"[A-Za-z][A-Za-z ]{0,20}:[ \t]")


def signature_spans(text: str, spans: list[Span]) -> list[Span]:
    lines = _line_bounds(text)
    around = _Anchors(anchors(text, spans))
    non_blank = [index for index, (s, e) in enumerate(lines) if text[s:e].strip()]
    tail_from = non_blank[-_TAIL_LINES] if len(non_blank) >= _TAIL_LINES else 0
    found: list[Span] = []
    covered_until = -1
    for index, (line_start, line_end) in enumerate(lines):
        if line_start < covered_until:
            continue
        line = text[line_start:line_end]
        start: int | None = None
        reason = "signature block"
        sign_off = _SIGN_OFF.match(line)
        rest_start = line_start + sign_off.start("rest") if sign_off else line_start
        if sign_off and _rest_is_signature(text, sign_off["rest"], rest_start, line_end, around):
            if sign_off["rest"].strip():
                start = rest_start
            reason = "sign-off and signature"
        elif sign_off and _overlaps(around, rest_start, line_end):
            # A long line that opens with a sign-off and holds the source's details: the message
            # goes on, but a lone name straight after the sign-off is the source signing.
            word = _LEADING_WORD.match(sign_off["rest"])
            if word and word["word"].lower() not in _FUNCTION_WORDS:
                w_start = rest_start + word.start("word")
                w_end = rest_start + word.end("word")
                if not _overlaps(around, w_start, w_end):
                    found.append(
                        Span(w_start, w_end, "name", text[w_start:w_end], "name after a sign-off")
                    )
            continue
        elif _DELIMITER.match(line):
            pass
        elif index >= tail_from and _mostly_source(text, line_start, line_end, around):
            start = line_start + len(line) - len(line.lstrip())
        else:
            continue
        end = line_start + len(line.rstrip()) if start is not None else None
        start, end = _extend_block(text, lines, index + 1, around, start, end)
        if start is not None and end is not None and end > start:
            found.append(Span(start, end, "signature", text[start:end], reason))
            covered_until = end
    return found


def _extend_block(
    text: str,
    lines: list[tuple[int, int]],
    first_index: int,
    around: _Anchors,
    start: int | None,
    end: int | None,
) -> tuple[int | None, int | None]:
    after_blank = False
    for line_start, line_end in lines[first_index:]:
        line = text[line_start:line_end]
        if not line.strip():
            after_blank = True
            continue
        if len(line) > _MAX_LINE or _STOP_LINE.match(line):
            break
        if _SUBJECT_LINE.search(line) and not _overlaps(around, line_start, line_end):
            break
        if _WHEN_LINE.match(line) and not _overlaps(around, line_start, line_end):
            break  # "Created: 19/11/2026 11:03": when things happened, no line of a signature
        strong = _STRONG_LINE.search(line) or (
            _overlaps(around, line_start, line_end)
            and (":" not in line or not _label_after_source(text, line_start, line_end, around))
            and not _prose_beside_markers(text, line_start, line_end, around)
        )
        weak = _title_case_line(line)
        if not (strong or (weak and not after_blank)):
            break
        if start is None:
            start = line_start + len(line) - len(line.lstrip())
        end = line_start + len(line.rstrip())
        after_blank = False
    return start, end


def _label_after_source(text: str, line_start: int, line_end: int, around: _Anchors) -> bool:
    """ "Chance). Young person: Dylan": a label after the source's details starts someone else's;
    "Role: DSL" labels the source's own."""
    label = _LABEL.search(text, line_start, line_end)
    if label is None or _mostly_source(text, line_start, line_end, around):
        return False
    return _overlaps(around, line_start, label.start())


def _line_bounds(text: str) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    position = 0
    for line in text.split("\n"):
        bounds.append((position, position + len(line)))
        position += len(line) + 1
    return bounds


class _Anchors:
    """The removed stretches and markers of a text, sorted by start, asked line by line whether
    any of them falls on the line."""

    def __init__(self, items: list[tuple[int, int, str]]) -> None:
        self.items = items
        self.starts = [start for start, _, _ in items]
        # reach[i]: the furthest end of items[0..i]; with starts sorted, whether any item that
        # starts before a line's end reaches into the line is one look-up.
        self.reach = list(accumulate((end for _, end, _ in items), max))

    def before(self, end: int) -> int:
        """How many items start before ``end``."""
        return bisect_left(self.starts, end)


def _overlaps(around: _Anchors, start: int, end: int) -> bool:
    count = around.before(end)
    return count > 0 and around.reach[count - 1] > start


def _rest_is_signature(text: str, rest: str, start: int, end: int, around: _Anchors) -> bool:
    """'kind regards, sarah' signs off; 'Thanks for the lift, Kyle said' does not.

    A line holding the source's details signs off only if it is little more than those details:
    "cheers, this is tom from blue line. picked up two girls..." opens a message, and removing
    the rest of that line would remove the intelligence (the details themselves go anyway).
    """
    stripped = rest.strip()
    if not stripped:
        return True
    if _THANKS_FOR.match(stripped):
        return False  # "Thank you for your referral regarding ...": a letter's first line
    if _overlaps(around, start, end) and (
        len(stripped) <= _SHORT_REST or _mostly_source(text, start, end, around)
    ):
        return True
    words = re.findall(r"[\w'\u2019.&-]+", stripped)
    if len(stripped) > 60 or len(words) > 6:
        return False
    return not any(word.lower().strip(".") in _FUNCTION_WORDS for word in words)


def _prose_beside_markers(text: str, start: int, end: int, around: _Anchors) -> bool:
    """A sentence whose only removals are markers an earlier reading put in ("Jade got into US49
    YCW. Call me on [source removed]."): that reading judged it and found no signature there,
    so a re-read does not take it into a block for its marker."""
    fresh = any(
        kind != "marker" and a_start < end and start < a_end
        for a_start, a_end, kind in around.items[: around.before(end)]
    )
    if fresh:
        return False
    leftover = _MARKERS.sub(" ", text[start:end]).strip()
    words = [word for word in leftover.split() if any(ch.isalpha() for ch in word)]
    return len(words) >= 4 and (leftover.endswith((".", "!", "?")) or ". " in leftover)


def _mostly_source(text: str, start: int, end: int, around: _Anchors) -> bool:
    """A line that is little more than the source's name, role or organisation."""
    if end - start > _MAX_LINE or not _overlaps(around, start, end):
        return False
    remaining = list(text[start:end])
    for a_start, a_end, _ in around.items[: around.before(end)]:
        for position in range(max(a_start, start), min(a_end, end)):
            remaining[position - start] = " "
    leftover = "".join(remaining)
    line = text[start:end]
    lead = len(line) - len(line.lstrip(" \t>*-"))
    opens_with_source = lead < len(line) and leftover[lead] == " "
    leftover = POST_NOMINAL_TAIL.sub(" ", leftover)
    if sum(ch.isalpha() for ch in leftover) <= 3:
        return True
    if not opens_with_source:
        return False
    return _only_team_or_branch(leftover)


def _only_team_or_branch(leftover: str) -> bool:
    """What is left of a line that opens with the source's details is their team, branch or
    pronouns: "Seun Adebayo-Williams | Housing Officer (North Patch) | BHP", "Grant H, CSA,
    Severn BS Kingswood". Each piece is one capitalised word (a branch) or a few capitalised
    words naming a team; "KWA: Tyler Grant (Year 10)" is a label and a pupil, not a signature."""
    leftover = _PRONOUNS.sub(" ", leftover)
    if ":" in leftover or not _title_case_line(leftover):
        return False
    words = [word for word in leftover.split() if any(ch.isalpha() for ch in word)]
    if len(words) > _MAX_TRAILING_WORDS:
        return False
    for piece in _PIECE_BREAK.split(leftover):
        named = [w.strip("()[]").lower() for w in piece.split() if any(c.isalpha() for c in w)]
        if len(named) > 1 and not any(word in _TEAM_WORDS for word in named):
            return False
    return True


def _title_case_line(line: str) -> bool:
    """'Pastoral Team', '12 Kingsweston Lane', 'Kingsweston Academy | Safeguarding'."""
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or stripped.endswith(":"):
        return False
    words = stripped.replace("|", " | ").split()
    if len(words) > 8 or not any(ch.isalpha() for ch in stripped):
        return False
    return all(
        word[0].isupper()
        or word[0].isdigit()
        or word.lower() in _CONNECTORS
        or not word[0].isalnum()
        for word in words
    )
