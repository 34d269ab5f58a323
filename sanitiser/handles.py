"""The source's name where it is not a word of its own: inside a web address, a social media
handle or another mailbox ('instagram.com/jordanhope_youthwork', '@MissKhanWPS',
'j.hope@gmail.com'), and spelt out letter by letter ("that's p u g h").

Words are split at '/', '_', '.' and '@', so the name never stands as a word of its own there.
Each place the surname is glued to other characters is looked at: where the first name, a short
form of it, the initial or a title is glued to the surname, the whole address or handle goes.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .spans import Span
from .tokens import TextIndex
from .vocabulary import TITLES

_SEPARATORS = "._-"
# What ends an address or handle on either side.
_RUN_ENDS = " \t\n\r<>()[]{}\"'`,;|"
_TRAILING = ".,;:!?"
# "@MissKhan", "@mr_bell_senco": a title glued to the surname names the source as well.
_GLUED_TITLES = tuple(title for title in TITLES if len(title) >= 2)


def name_handle_spans(
    index: TextIndex,
    surnames: tuple[str, ...],
    firsts: frozenset[str],
    initial: str,
    known: list[Span],
) -> list[Span]:
    """Addresses and handles with the source's name glued into them, outside ``known`` spans."""
    text, lowered = index.text, index.lowered
    found: list[Span] = []
    for surname in surnames:
        position = lowered.find(surname)
        while position != -1:
            end = position + len(surname)
            inside = next((s.end for s in known if s.start <= position < s.end), None)
            if inside is not None:
                position = lowered.find(surname, inside)
                continue
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
    for first in (*firsts, initial, *_GLUED_TITLES):
        if not first:
            continue
        if head.endswith(first) and not head[-len(first) - 1 : -len(first)].isalpha():
            return True
        if len(first) > 1 and first in firsts and tail.startswith(first):
            follows = tail[len(first) : len(first) + 1]
            if not follows.isalpha():
                return True
    # A title glued before the initial: "DrPNair", "mrs.j.khan".
    glued = head.replace(".", "").replace("_", "").replace("-", "")
    if initial and glued.endswith(initial):
        titled = glued[: -len(initial)]
        for title in _GLUED_TITLES:
            if titled.endswith(title) and not titled[-len(title) - 1 : -len(title)].isalpha():
                return True
    # A username with the initial after the surname, ending it: "llewellyn.g", "LLEWELLYNG".
    return bool(initial and tail == initial and (not head or head[-1:] in "@/"))


def spelt_out_spans(index: TextIndex, surnames: tuple[str, ...]) -> list[Span]:
    """The surname spelt letter by letter: "p u g h", "P-U-G-H", "P. U. G. H."."""
    found: list[Span] = []
    for surname in surnames:
        if len(surname) < 3 or not surname.isalpha():
            continue
        # Spelt out, each letter is a word of its own: all of them must be among the words.
        if not index.key_set.issuperset(surname):
            continue
        for match in _spelling(surname).finditer(index.text):
            found.append(Span(match.start(), match.end(), "name", match[0], "surname spelt out"))
    return found


@lru_cache(maxsize=1024)
def _spelling(surname: str) -> re.Pattern[str]:
    # At least a space, dot or hyphen between letters: "pugh" itself is the surname's own rule.
    # A doubled letter may be read "double r".
    gap = r"(?:[ \t]+|[ \t]*[.\-][ \t]*)"
    pieces: list[str] = []
    position = 0
    while position < len(surname):
        letter = re.escape(surname[position])
        if surname[position + 1 : position + 2] == surname[position]:
            pieces.append(f"(?:{letter}{gap}{letter}|double[ \\t]+{letter})")
            position += 2
        else:
            pieces.append(letter)
            position += 1
    return re.compile(r"(?i)(?<![\w.])" + gap.join(pieces) + r"\.?(?![\w])")


def titled_first_name_handle_spans(
    index: TextIndex, firsts: frozenset[str], known: list[Span]
) -> list[Span]:
    """A handle that is a title glued to the first name: '@coachtyronec', '@misssarah_kwa',
    '@mrs.fiona'. The title opens the handle, straight after its '@'."""
    text, lowered = index.text, index.lowered
    found: list[Span] = []
    at = lowered.find("@")
    while at != -1:
        if not lowered.startswith(_GLUED_TITLES, at + 1):
            at = lowered.find("@", at + 1)
            continue
        start, stop = _run(lowered, at, at + 1)
        handle = lowered[at + 1 : stop]
        inside = any(s.start <= at < s.end for s in known)
        if start == at and not inside:
            for title in _GLUED_TITLES:
                if handle.startswith(title):
                    rest = handle[len(title) :].lstrip(_SEPARATORS)
                    if any(rest.startswith(f) for f in firsts if len(f) >= 4):
                        found.append(
                            Span(
                                at,
                                stop,
                                "handle",
                                text[at:stop],
                                "title and first name in a handle",
                            )
                        )
                        break
        at = lowered.find("@", max(stop, at + 1))
    return found


def organisation_glued_spans(
    index: TextIndex,
    glued: tuple[str, ...],
    words: frozenset[str],
    glue: frozenset[str],
    known: list[Span],
) -> list[Span]:
    """An address or handle built from the organisation's name: 'safeguarding@greenbankprimary
    .example', 'instagram.com/lionheartboxingbristol', '@GreenbankPS', '#TeamGreenbank'. Its
    distinctive word must be glued to another word of the name, to the initials of the name or
    a word such as 'team' (``glue``), or stand in an email's domain."""
    text, lowered = index.text, index.lowered
    found: list[Span] = []
    for word in glued:
        position = lowered.find(word)
        while position != -1:
            end = position + len(word)
            before = lowered[position - 1] if position else " "
            after = lowered[end] if end < len(lowered) else " "
            inside = any(s.start <= position < s.end for s in known)
            if not inside and (before.isalnum() or after.isalnum()):
                start, stop = _run(lowered, position, end)
                run = lowered[start:stop]
                at = run.find("@")
                in_domain = at > 0 and start + at < position  # an email, not "@handle"
                rest = lowered[start:position] + " " + lowered[end:stop]
                bare = re.sub(r"[\W_\d]+", "", rest)
                if (
                    in_domain
                    or bare in glue
                    or any(other in rest for other in words if other != word)
                ):
                    found.append(
                        Span(
                            start, stop, "mailbox", text[start:stop], "named after the organisation"
                        )
                    )
                    position = lowered.find(word, stop)
                    continue
            position = lowered.find(word, end)
    return found


# How a dictated address reads its symbols and letters: "jay dot o brien at ntl world dot com".
_SPOKEN_SYMBOLS = {"dot": ".", "underscore": "_", "dash": "-", "hyphen": "-", "point": "."}
_LETTER_NAMES = {
    "ay": "a", "bee": "b", "see": "c", "cee": "c", "dee": "d", "ee": "e", "ef": "f", "gee": "g",
    "aitch": "h", "eye": "i", "jay": "j", "kay": "k", "el": "l", "em": "m", "en": "n",
    "oh": "o", "pee": "p", "cue": "q", "ar": "r", "es": "s", "tee": "t", "you": "u", "vee": "v",
    "ex": "x", "why": "y", "zed": "z", "zee": "z",
}  # fmt: skip
_SPOKEN_TOKEN = re.compile(r"[^\s,;:()]+")
_SPOKEN_WORDS = 8


def spoken_email_spans(index: TextIndex, email: str) -> list[Span]:
    """The source's address read out, as dictation software types it: 'jo pilkington 82 at
    gmail dot com', 'jay dot o brien at ntl world dot example'. The words before 'at' must
    spell the whole local part and the words after it the whole domain."""
    local, _, host = email.lower().rpartition("@")
    if not local or not host:
        return []
    text, lowered = index.text, index.lowered
    found: list[Span] = []
    position = lowered.find(" at ")
    while position != -1:
        end = _spoken_end(lowered, position + 4, host)
        start = _spoken_start(lowered, position, local) if end is not None else None
        if start is not None and end is not None:
            found.append(Span(start, end, "email", text[start:end], "source's email read out"))
        position = lowered.find(" at ", position + 4)
    return found


def _spoken_end(lowered: str, start: int, host: str) -> int | None:
    built = ""
    for count, token in enumerate(_SPOKEN_TOKEN.finditer(lowered, start)):
        if count >= _SPOKEN_WORDS:
            return None
        word = token[0].rstrip(".!?")
        if count == 0 and word in ("symbol", "sign"):
            continue  # "at symbol", "at sign"
        built += _SPOKEN_SYMBOLS.get(word, word)
        if built == host:
            return token.start() + len(word)
        if not host.startswith(built):
            return None
    return None


def _spoken_start(lowered: str, at: int, local: str) -> int | None:
    """Walk back from ' at ' over words, each read as itself, a symbol or a letter's name."""
    words = [(m.start(), m[0]) for m in _SPOKEN_TOKEN.finditer(lowered, max(0, at - 80), at)]
    words = words[-_SPOKEN_WORDS:]
    built = [""]
    for start, word in reversed(words):
        readings = {_SPOKEN_SYMBOLS.get(word, word), _LETTER_NAMES.get(word, word)}
        built = [r + b for b in built for r in readings if local.endswith(r + b)]
        if not built:
            return None
        if local in built:
            return start
    return None
