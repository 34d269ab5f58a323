"""The source's name inside a web address, a social media handle or another mailbox:
'instagram.com/jordanhope_youthwork', 'linkedin.com/in/jordan-hope-kwyc', 'j.hope@gmail.com'.

Words are split at '/', '_', '.' and '@', so the name never stands as a word of its own there.
Each place the surname is glued to other characters is looked at: where the first name, a short
form of it or the initial is glued to the surname, the whole address or handle goes.
"""

from __future__ import annotations

from .spans import Span
from .tokens import TextIndex

_SEPARATORS = "._-"
# What ends an address or handle on either side.
_RUN_ENDS = " \t\n\r<>()[]{}\"'`,;|"
_TRAILING = ".,;:!?"


def name_handle_spans(
    index: TextIndex, surnames: tuple[str, ...], firsts: frozenset[str], initial: str
) -> list[Span]:
    text, lowered = index.text, index.lowered
    found: list[Span] = []
    for surname in surnames:
        position = lowered.find(surname)
        while position != -1:
            end = position + len(surname)
            before = lowered[position - 1] if position else " "
            after = lowered[end] if end < len(lowered) else " "
            glued_before = before.isalnum() or before in _SEPARATORS
            glued_after = after.isalnum() or after in _SEPARATORS
            if glued_before or glued_after:
                start, stop = _run(lowered, position, end)
                if _names_the_source(lowered, start, position, end, stop, firsts, initial):
                    found.append(
                        Span(start, stop, "handle", text[start:stop], "source's name in an address")
                    )
                    position = lowered.find(surname, stop)
                    continue
            position = lowered.find(surname, end)
    return found


def _run(lowered: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and lowered[start - 1] not in _RUN_ENDS:
        start -= 1
    while end < len(lowered) and lowered[end] not in _RUN_ENDS:
        end += 1
    while end > start and lowered[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _names_the_source(
    lowered: str,
    start: int,
    position: int,
    end: int,
    stop: int,
    firsts: frozenset[str],
    initial: str,
) -> bool:
    """The first name or initial sits against the surname, before or after it."""
    head = lowered[start:position]
    if head[-1:] and head[-1] in _SEPARATORS:
        head = head[:-1]
    tail = lowered[end:stop]
    if tail[:1] and tail[0] in _SEPARATORS:
        tail = tail[1:]
    for first in (*firsts, initial):
        if not first:
            continue
        if head.endswith(first) and not head[-len(first) - 1 : -len(first)].isalpha():
            return True
        if first != initial and tail.startswith(first):
            follows = tail[len(first) : len(first) + 1]
            if not follows.isalpha():
                return True
    return False
