"""Every identifier-like stretch of a text, whoever it belongs to.

The source matchers find what the form says about the source. People write about colleagues,
managers, premises and numbers no form foresees, so this finder does not ask whose an identifier
is: it finds person names (capitalised or in the places names stand: headers, chat labels,
sign-offs, after a title or a job word), organisations, addresses and premises, phone numbers in
digits or words, emails, web addresses and bare domains, handles, reference-like numbers, vehicle
registrations and the writer's job. It also notes what the text around each says: whether it is
tied to the writer ("my manager", "our branch", a signature block) or to a third person ("his
brother", "aged 15"). `classify` decides what is kept.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate
from operator import methodcaller
from string import ascii_letters
from typing import NamedTuple

from .compiled import DATE_START, PHONE_CANDIDATE
from .contacts import ANY_EMAIL
from .lexicon import (
    CAPITALISED_ORDINARY,
    COLOURS,
    KINSHIP,
    MORE_PLACE_WORDS,
    ORDINARY_ACRONYMS,
    ORDINARY_TAGS,
    ORG_NOUNS,
    PHONETIC,
    ROLE_ACRONYMS,
    ROLE_NOUNS,
    SIGN_OFFS,
    VEHICLE_MAKES,
    VEHICLE_MODELS,
    WELSH_STREET_WORDS,
    WORK_NOUNS,
    is_common_word,
    is_english_word,
    is_first_name,
    is_lower_case_name,
)
from .vocabulary import MAJOR_PLACES, MARKER, NAME_PARTICLES, PLACE_WORDS, TITLES, word_set

# Zones: stretches of a text that are about the writer whatever they hold.
HEADER = "header"
SIGNATURE = "signature"
LETTERHEAD = "letterhead"
LABEL = "label"
CHAT = "chat"


class Word(NamedTuple):
    """A word of the text with its offsets (plain attributes: the finder reads them often)."""

    s: int
    e: int
    t: str
    low: str


# Built straight from a tuple: a few hundred words a text, and the named-tuple call costs more.
_word = tuple.__new__


@dataclass(frozen=True)
class Candidate:
    """One identifier-like stretch. ``zone`` names the writer's zone it stands in, if any."""

    start: int
    end: int
    kind: str
    text: str
    zone: str = ""
    writer_cue: bool = False
    third_party_cue: bool = False


_WORD = re.compile(r"[^\W\d_][\w'\u2019]*(?:-[^\W\d_][\w'\u2019]*)*")
_HEADER_LINE = re.compile(
    r"(?im)^[ \t>]*(?:from|to|cc|bcc|sent\s+by|sender|reply-to|attendees|present|apologies|"
    r"chair|minutes?(?:\s+taken)?\s+by|minute\s+taker|recorded\s+by|reported\s+by|logged\s+by|"
    r"entered\s+by|created\s+by|completed\s+by|written\s+by|submitted\s+by|updated\s+by|"
    r"added\s+by|prepared\s+by|author|staff(?:\s+member)?|member\s+of\s+staff|referrer|"
    r"referred\s+by|reporter|signed|signature|contact|tel|telephone|phone|mob|mobile|email|"
    r"e-mail|office|switchboard|direct\s+line|ext|extension|web|website|address\s+of\s+setting|"
    r"setting\s+address|organisation|school|practice|employer|job\s+title|role|position|"
    r"designation|dept|department|team|clinician|crew|crewmate|resource|station|base|depot|"
    r"call\s*sign|attending|practitioner|worker|key\s*worker|case\s*worker|allocated\s+worker|"
    r"social\s+worker|assessor|interpreter|reviewed\s+by|approved\s+by|checked\s+by|"
    r"witnessed\s+by|user|logged\s+in\s+as|owner|manager|line\s+manager|supervisor|"
    r"staff\s+on(?:\s+duty)?|on\s+(?:shift|duty)|handover\s+(?:from|to)|agent|engineer|"
    r"nurse|carer|driver|rider|officer|staff\s+present)"
    r"[ \t]*[:\-\u2013|][ \t]*(?P<value>[^\n]*)"
)
# A chat export's speaker label: "[18:40] Tomasz Wren:", "12/03/2024, 18:40 - Tomasz Wren:".
_CHAT_LABEL = re.compile(
    r"(?m)^[ \t]*\[?(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?[ \t]*)?"
    r"(?:(?i:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?[ \t]+)?"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?"
    # The date may come after the time: "[02:14, 11/03/2026] Abdi:".
    r"(?:[ \t]*[ap]m)?(?:,?[ \t]*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})?"
    r"\]?[ \t]*[-\u2013,]?[ \t]*(?P<name>[^:\n]{1,40}?)[ \t]*:"
)
# A Teams-style speaker line: "Precious Mhlanga 08:04", Slack's "Olu A  [22:05]", "Stacey
# (Crest)  [22:11]".
_NAME_THEN_TIME = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Z][\w'\u2019-]+"
    r"(?:[ \t]+(?:[A-Z][\w'\u2019.-]*|\([^()\n]{1,30}\))){0,3})"
    r",?[ \t]+\[?\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?\]?[ \t]*$"
)
# A line holding only a name, perhaps with a comma or a dash: "Ada", "Shelley,", "- Jo".
_NAME_LINE = re.compile(
    r"(?m)^[ \t>-]*(?P<name>[A-Z][\w'\u2019-]+(?:[ \t]+[A-Z][\w'\u2019.-]+){0,2})"
    r"[ \t]*[,.!]?[ \t]*$"
)
_LINE_WORDS = frozenset(
    [
        "hello",
        "hi",
        "dear",
        "thanks",
        "regards",
        "cheers",
        "yours",
        "sincerely",
        "faithfully",
        "best",
        "wishes",
        "kind",
        "many",
        "update",
        "notes",
        "note",
        "summary",
        "actions",
        "action",
        "present",
        "apologies",
        "minutes",
        "agenda",
        "subject",
        "concern",
        "concerns",
        "background",
        "information",
        "details",
        "incident",
        "report",
        "referral",
        "outcome",
        "safeguarding",
        "confidential",
        "official",
        "sensitive",
        "urgent",
        "private",
    ]
)
_PLAIN_LABEL = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Za-z][\w'\u2019.-]*(?:[ \t]+[\w'\u2019.-]+){0,2})[ \t]*:"
)
_FORWARD_BREAK = re.compile(
    r"(?im)^[ \t>]*(?:-{2,}.*(?:original|forwarded).*|from[ \t]*:.*|on .{3,80} wrote:|"
    r"begin forwarded message:?)[ \t]*$"
)
_GREETING = re.compile(
    r"(?i)^[ \t]*(?:dear|hi|hello|hiya|good\s+(?:morning|afternoon)|to\s+whom|re\b|subject\b|fao\b)"
)
_SIGN_OFF = re.compile(
    r"(?im)^[ \t>-]*(?:"
    + "|".join(re.escape(s) for s in sorted(SIGN_OFFS, key=len, reverse=True))
    + r")\b[ \t,.!:-]*(?P<rest>[^\n]*)$"
)
_TAIL_SIGN_OFF = re.compile(
    r"(?i)\b(?:"
    + "|".join(re.escape(s) for s in sorted(SIGN_OFFS, key=len, reverse=True))
    + r")[ \t]*[,.!-]+[ \t]*(?P<name>[^\W\d_][\w'\u2019-]*(?:[ \t]+[^\W\d_][\w'\u2019-]*)?)"
    r"[ \t.!]*$"
)
# Every alternative reaches a "." or the ":" of "http:" after its first word's letters: the
# look-ahead drops a plain word before the alternatives read it.
_WEB = re.compile(
    r"(?i)(?<![\w@.])(?=[\w-]*[.:])(?:https?://[^\s<>\"')\]]+|www\.[^\s<>\"')\]]+|"
    r"[a-z0-9][\w-]*(?:\.[\w-]+)*\.(?:co\.uk|org\.uk|gov\.uk|nhs\.uk|ac\.uk|sch\.uk|com|org|net|"
    r"uk|example|io|info|biz|wales|scot|cymru)\b(?:/[^\s<>\"')\]]*)?)"
)
_HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{1,29}(?<!\.)")
_INTERNATIONAL = re.compile(
    r"(?<![\w+])\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]?\d{2,5}){1,4}"
)
_DIGITS_RUN = re.compile(r"(?<![\w/:.-])\d(?:[\s.-]?\d){6,}(?![\w/])")
_NUMBER_WORD = (
    r"(?:zero|oh|o|nought|nil|one|two|three|four|five|six|seven|eight|nine|double|triple|treble|"
    r"hundred|thousand)"
)
# Each pattern read over a whole text opens with a look-ahead for the letters its matches may
# start with: the regular expression engine then skips every other place at once.
_SPOKEN_NUMBER = re.compile(
    r"(?i)(?=[defhnostz])\b" + _NUMBER_WORD + r"(?:[\s,-]+" + _NUMBER_WORD + r"){6,}\b"
)
# The current shape in any case ("wu68 kxd"); the older prefix and suffix shapes in capitals
# only, or "E3 for", "M14 out" and "r88 and" would be plates.
_PLATE = re.compile(
    r"\b(?:(?i:[A-Z]{2}[0-9]{2}[ \t]?[A-Z]{3})|[A-Z][0-9]{1,3}[ \t]?[A-Z]{3}"
    r"|[A-Z]{3}[ \t]?[0-9]{1,3}[A-Z])\b"
)
_POSTCODE = re.compile(r"(?i)\b[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]*[0-9][A-Z]{2}\b")
# The look-aheads for the letters or digit a match may start with skip every other place at once.
_ADDRESS = re.compile(
    r"(?i)(?=[ufsab]|\d)\b(?:(?:unit|flat|suite|apartment|apt|floor|block)[ \t]+\w{1,4},?[ \t]+)?"
    r"\d{1,4}[a-z]?,?[ \t]+(?:[A-Z][\w'\u2019-]*[ \t]+){1,3}"
    r"(?:"
    + "|".join(sorted(PLACE_WORDS | {"park", "business", "estate"}, key=len, reverse=True))
    + r")\b"
)
_UNIT = re.compile(
    r"(?i)(?=[usb])\b(?:unit|suite|building|bldg)[ \t]+\d{1,4}[a-z]?\b"
    r"(?:,?[ \t]+(?:[A-Z][\w'\u2019-]*[ \t]*){1,3})?"
)
# The units people work in, numbered: "driver 118", "shop 2217", "truck SW-R07", "team 3".
_WORK_UNITS = r"driver|shop|store|branch|truck|lorry|wagon|walk|team|stall|crew|depot|pod|kiosk"
# Reference-like numbers: letters and digits mixed, or a cue word before digits.
_ALNUM_ID = re.compile(r"\b[A-Za-z0-9]{5,}(?:[/-][A-Za-z0-9]+)*\b")
_CUED_NUMBER = re.compile(
    r"(?i)\b(?:licen[cs]e|badge|collar|warrant|staff|employee|payroll|pin|urn|ofsted|"
    r"registration|reg|gmc|nmc|hcpc|gphc|sia|dbs|route|round|van|vehicle|fleet|call\s*sign|"
    r"callsign|id|number|no|ref|reference|unit|shoulder|job|plate|membership|member|account|"
    r"booking|order|ticket|card|locker|duty|zone|beat|console|patch|sector|op|bus|fleet|cab|case|"
    r"sort[ \t]+code|" + _WORK_UNITS + r")\b\.?[ \t]*"
    r"(?:no\.?|number|#|num)?(?:[ \t]+(?:is|was|=))?"
    # The value: digits after up to four capitals ("T/44817", "PD 2231"); a code of capitals
    # and digits in parts ("EM-CEO-117", "HH-ASB-5521"); a round or a bay ("7B", "SW-R07").
    r"[ \t:#]*(?P<value>(?-i:[A-Z]{0,4})[ \t/-]?\d[\d \t-]{1,22}\d"
    r"|(?-i:[A-Z]{1,5}(?:[/-][A-Z0-9]{1,6}){1,3}(?<=\d))"
    r"|\d{1,3}(?-i:[A-Z]{1,2})?"
    r"|(?-i:[A-Z]{1,3}-?[A-Z]?\d{1,4}[A-Z]?))\b"
)
_DATE_LIKE = re.compile(
    r"(?i)^(?:\d{1,2}[:.]\d{2}(?:[ap]m)?|\d{1,4}(?:st|nd|rd|th)|\d{1,2}[ap]m|y\d{1,2}|"
    r"\d{1,2}[a-z]|ks\d|\d{1,2}yo|\d{1,2}yrs?|\d+(?:k|m|mg|ml|kg|cm|ft|mph|%|p)|a\d|m\d{1,2}|"
    # An age or a time given roughly: "30ish", "15:30ish", "in his 40s".
    r"\d{1,3}ish|\d0s)$"
)
_SELF = re.compile(
    r"(?i)\b(?:i'?m|i\s+am|i\s+work|i've\s+been|as\s+(?:a|an|the|their|his|her|your)|"
    r"my\s+(?:role|job|position)|working\s+as|work\s+as|i'm\s+one\s+of\s+the)\b"
)
_WORK_WORDS = (
    r"colleague|colleagues|manager|boss|supervisor|team|office|branch|shop|store|school|surgery|"
    r"practice|pharmacy|clinic|work|workplace|desk|mobile|phone|number|line|email|e-mail|van|"
    r"car|cab|taxi|vehicle|site|premises|head|lead|staff|setting|unit|ward|depot|deputy|hotel|"
    r"reception|company|firm|employer|organisation|charity|centre|club|academy|college|"
    r"nursery|church|mosque|ext|extension|extn|badge|licence|license|collar|id|route|round|"
    r"wagon|lorry|truck|minibus|bus|fleet|tracker"
)
# These three open with a look-ahead for the letters their matches may start with (see
# _SPOKEN_NUMBER): read at every finding, they skip the other places at once.
_WRITER_CUE = re.compile(
    r"(?i)(?=[abcdehimoprstuw])\b(?:(?:my|our)\s+(?:\w+\s+)?(?:"
    + _WORK_WORDS
    + r")|i\s+work|where\s+i\s+work|"
    r"here\s+at|at\s+work|based\s+at|work\s+(?:at|for|with)|works\s+(?:at|for|with)|branch|"
    r"premises|head\s+office|me\s+on|call\s+me|text\s+me|contact\s+me|reach\s+me|ring\s+me|"
    r"email\s+me|ext|extension|direct\s+line|switchboard|we|us|cc|bcc)\b"
)
_WRITER_BEFORE_NAME = re.compile(
    r"(?i)(?=[abcmos])\b(?:(?:my|our)\s+(?:\w+\s+)?(?:"
    + _WORK_WORDS
    + r")|cc|bcc|ask\s+for|speak\s+to)"
    r"[\s,:]*$"
)
_POSSESSIVE_CUE = re.compile(
    r"[A-Z][\w-]*['\u2019]s\s+(?:\w+\s+)?(?:number|phone|mobile|mob|snap|snapchat|insta|"
    r"instagram|tiktok|account|handle|email|car|van|reg)\b"
)
_PRONOUN_CUE = re.compile(r"(?i)(?=[hst])\b(?:his|her|he|she|they|their|him|them|he's|she's)\b")
# What ties a name to a third person: a family tie, a name given to someone ("known as"), a
# word for a young person or a suspect. A pronoun nearby is not enough for a name.
_THIRD_PARTY_NAMING = (
    r"called|named|known\s+as|as|"
    r"calls\s+himself|calls\s+herself|goes\s+by|nicknamed|aka|a\.k\.a|suspect|male|female|"
    r"man|woman|boy|girl|lad|lads|youth|child|pupil|student|patient|client|resident|tenant|"
    r"friend|friends|mate|mates|perpetrator|victim|subject"
)
_THIRD_PARTY_CUES = [*_THIRD_PARTY_NAMING.split("|"), *sorted(KINSHIP, key=len, reverse=True)]
_THIRD_PARTY_CUE = re.compile(r"(?i)\b(?:" + "|".join(_THIRD_PARTY_CUES) + r")\b")
# The same, read faster in an ASCII text: a cue that is one word is a whole word of the text
# (\b on both sides); only the others are looked for with a pattern.
_THIRD_PARTY_WORDS = frozenset(c for c in _THIRD_PARTY_CUES if re.fullmatch(r"[a-z]+", c))
_THIRD_PARTY_PHRASE_CUES = [c for c in _THIRD_PARTY_CUES if c not in _THIRD_PARTY_WORDS]
# The look-ahead for the letters a phrase starts with skips every other place at once.
_THIRD_PARTY_PHRASES = re.compile(
    rf"(?i)(?=[{''.join(sorted({c[0] for c in _THIRD_PARTY_PHRASE_CUES}))}])\b(?:"
    + "|".join(_THIRD_PARTY_PHRASE_CUES)
    + r")\b"
)
_ASCII_WORD = re.compile(r"[A-Za-z0-9_]+")


def _third_party_cue(words: str) -> bool:
    """Whether _THIRD_PARTY_CUE finds a cue in ``words``. A mail's "Subject:" line is a label,
    not a subject of concern."""
    if "ubject:" in words or "UBJECT:" in words:
        words = _SUBJECT_LABEL.sub(" ", words)
    if not words.isascii():
        return _THIRD_PARTY_CUE.search(words) is not None
    if not _THIRD_PARTY_WORDS.isdisjoint(_ASCII_WORD.findall(words.lower())):
        return True
    return _THIRD_PARTY_PHRASES.search(words) is not None


_SUBJECT_LABEL = re.compile(r"(?i)\bsubject:")
_PERSON_KINDS = frozenset({"person", "proper"})
_MY_KIN = re.compile(
    r"(?i)\b(?:my|our|ma)\s+(?:\w+\s+)?(?:"
    + "|".join(sorted(KINSHIP, key=len, reverse=True))
    + r"|mate|mates|pal|buddy|friend)\b"
)
_AGE_AFTER = re.compile(
    r"(?i)^(?:'s)?[\"'\u201d\u2019]?[ \t]*(?:\(\s*(?:\d{1,2}|dob|d\.o\.b|aged|age|born|y\d|year)"
    r"|,?[ \t]*(?:aged|age|dob|about[ \t]+\d|approx|"
    r"d\.o\.b|born|\d{1,2}[ \t]*(?:yrs|years|yo|y/o)|\d{1,2}(?:ish|s)?\b(?![/.:]\d))"
    r"|[ \t]*\((?:[yY]\d|\d{1,2}[A-Za-z]))"
)


# The same words as a capturing split: text between words and the words alternate, so every
# offset comes from summing lengths in C rather than asking each match for its span (as
# tokens.TextIndex does).
_WORD_SPLIT = re.compile("(" + _WORD.pattern + ")")
_new_word = partial(_word, Word)


def _words_of(text: str) -> list[Word]:
    """What _WORD.finditer finds in ``text``, each as a Word."""
    pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., gap
    offsets = list(accumulate(map(len, pieces), initial=0))
    raws = pieces[1::2]
    lowers = map(str.lower, raws)
    return list(map(_new_word, zip(offsets[1:-1:2], offsets[2::2], raws, lowers, strict=True)))


def _words_outside(words: list[Word], spans: list[tuple[int, int]]) -> list[Word]:
    """The words (in order) whose start lies in none of ``spans``: one sweep over the spans
    merged, not every span for every word."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    # The words starting inside each span are a slice of the list (words are in order): cut
    # them out by bisecting, rather than reading every word.
    starts = [word.s for word in words]
    kept: list[Word] = []
    at = 0
    for start, end in merged:
        first = bisect_left(starts, start)
        kept += words[at:first]
        at = max(at, bisect_left(starts, end))
    kept += words[at:]
    return kept


def find_identifiers(text: str) -> list[Candidate]:
    """Every identifier-like stretch of ``text``, in order, overlapping ones included."""
    lines = _line_starts(text)
    zones = _zones(text)
    found: list[Candidate] = []
    contacts = _contacts(text)
    found += contacts
    numbers = _numbers(text)
    found += numbers
    found += _addresses(text)
    words = _words_of(text)
    whole = [(c.start, c.end) for c in contacts + numbers if c.kind in _WHOLE_KINDS]
    if whole:
        # A registration's letters, a handle's or an address's words are no word of a name or a
        # job ("AA02 AAA Priya", "OB34 HCA", "@kb_bristol99 our dsl"): they are left out, so a
        # name or a role stops short of them.
        words = _words_outside(words, whole)
    found += _proper_names(text, words)
    found += _lower_case_names(text, words)
    found += _lower_case_places(text, words)
    found += _roles(text, words)
    found += _work_phrases(text, words)
    found += _spoken_codes(text, words)
    found += _tags(text, words)
    found += _zone_values(text, zones)
    found += _writers_people(text)
    return [_with_context(text, c, zones, lines) for c in found if _real(c, text)]


_WHOLE_KINDS = frozenset({"vehicle", "handle", "email", "web"})


def _real(candidate: Candidate, text: str) -> bool:
    piece = text[candidate.start : candidate.end]
    return bool(piece.strip()) and MARKER not in piece


# --- Zones -------------------------------------------------------------------------------------
def _line_starts(text: str) -> list[int]:
    starts = [0]
    position = text.find("\n")
    while position != -1:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _zones(text: str) -> list[tuple[int, int, str]]:
    """Stretches about the writer: headers and labelled lines, chat speaker labels, the block
    after a sign-off (to the next forwarded message), and a letterhead before the greeting."""
    zones: list[tuple[int, int, str]] = []
    for match in _HEADER_LINE.finditer(text):
        if match.group("value").strip():
            zones.append((match.start("value"), match.end("value"), HEADER))
    for match in _CHAT_LABEL.finditer(text):
        zones.append((match.start("name"), match.end("name"), CHAT))
    for match in _NAME_THEN_TIME.finditer(text):
        zones.append((match.start("name"), match.end("name"), CHAT))
    for match in _NAME_LINE.finditer(text):
        # A name alone on its line ("Ada", "Shelley,"): a sign-off or a greeting, the writer's
        # or a colleague's; never an ordinary word.
        words = match.group("name").lower().split()
        if not any(w in CAPITALISED_ORDINARY or w in _LINE_WORDS for w in words):
            zones.append((match.start("name"), match.end("name"), SIGNATURE))
    labels: dict[str, list[re.Match]] = {}
    for match in _PLAIN_LABEL.finditer(text):
        labels.setdefault(match.group("name").strip().lower(), []).append(match)
    for name, matches in labels.items():
        # A speaker label repeats ("Dave: ...", "Dave: ..."); a field label ("Date:") is ordinary.
        words = name.split()
        # An initial ("Fiona G") is part of a name.
        if len(matches) >= 2 and not any(
            len(w) > 1 and is_common_word(w) and not is_first_name(w) for w in words
        ):
            zones += [(m.start("name"), m.end("name"), CHAT) for m in matches]
    breaks = [m.start() for m in _FORWARD_BREAK.finditer(text)] + [len(text)]
    for match in _SIGN_OFF.finditer(text):
        end = next(b for b in breaks if b > match.start())
        # A sign-off closes a message: only the last few lines before a break or the end.
        if text.count("\n", match.end(), end) <= 12:
            zones.append((match.start("rest"), end, SIGNATURE))
    zones += _tail_sign_offs(text)
    zones += _letterhead(text)
    return zones


_FIELD_LABEL = re.compile(r"^[\w '\u2019./-]{1,30}:")


_SIGN_OFF_TAIL_WORDS = tuple(sorted({s.split()[-1] for s in SIGN_OFFS}))
# Whether one of them stands in a stretch: one search, not a substring test a word.
_SIGN_OFF_TAIL_WORD = re.compile("|".join(map(re.escape, _SIGN_OFF_TAIL_WORDS)))


def _tail_sign_offs(text: str) -> list[tuple[int, int, str]]:
    """A sign-off closing a line with a name after it ("kind regards, sarah"). Only the end of
    each line that holds a sign-off word is read with the pattern."""
    found = []
    position = 0
    lowered = text.lower()
    for line in text.split("\n"):
        tail_start = position + max(0, len(line) - 60)
        if _SIGN_OFF_TAIL_WORD.search(lowered, tail_start, position + len(line)):
            match = _TAIL_SIGN_OFF.search(text, tail_start, position + len(line))
            if match:
                found.append((match.start("name"), match.end("name"), SIGNATURE))
        position += len(line) + 1
    return found


def _letterhead(text: str) -> list[tuple[int, int, str]]:
    """Short lines at the top before a greeting or the first sentence: a letterhead."""
    position = 0
    short_lines = 0
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end == -1 else end
        line = text[position:end].strip()
        if line:
            # More than nine words: a split that stops after ten says so as well as a whole one.
            if (
                _GREETING.match(line)
                or len(line.split(None, 10)) > 9
                or line.endswith((".", "?", "!"))
            ):
                break
            if (short_lines == 0 and _FIELD_LABEL.match(line)) or line.startswith("|"):
                return []  # a mail header, a printed form or a table, not a letterhead
            short_lines += 1
        position = end + 1
    if short_lines >= 2 and position < len(text):
        return [(0, position, LETTERHEAD)]
    return []


def _zone_values(text: str, zones: list[tuple[int, int, str]]) -> list[Candidate]:
    """Every line of a writer's zone is theirs: the line itself is an identifier."""
    found = []
    for start, end, zone in zones:
        if zone in (HEADER, CHAT) or (zone == SIGNATURE and "\n" not in text[start:end]):
            piece = text[start:end]
            stripped = piece.strip()
            if stripped and not _only_dates(stripped):
                offset = start + piece.find(stripped)
                kind = "person" if zone in (CHAT, SIGNATURE) else "header"
                found.append(Candidate(offset, offset + len(stripped), kind, stripped, zone))
            continue
        line_start = start
        for line in text[start:end].split("\n"):
            stripped = line.strip()
            if stripped and not _only_dates(stripped) and _WORD.search(stripped):
                offset = line_start + line.find(stripped)
                found.append(Candidate(offset, offset + len(stripped), zone, stripped, zone))
            line_start += len(line) + 1
    return found


_DATE_LINE = re.compile(
    r"(?i)^[\W\d]*(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|"
    r"nov|dec)\w*|at|am|pm|st|nd|rd|th|of|[\W\d])*[\W\d]*$"
)


# A field that holds a date or a time ("Date/Time: 12/02/2025 12:40", "DOB: ...", "DOB
# 03/04/2009"): what
# happened when, not who wrote it.
_DATE_LABEL = re.compile(
    r"(?i)^(?:[\w/ ]{0,20}\b(?:date|time|dob|d\.o\.b|born|created|opened|printed|when))"
    r"[\w/ ]{0,12}[ \t]*:?[ \t]*"
)


def _only_dates(line: str) -> bool:
    label = _DATE_LABEL.match(line)
    if label:
        line = line[label.end() :]
    return _DATE_LINE.match(line) is not None


# --- Contacts and numbers ----------------------------------------------------------------------
def _contacts(text: str) -> list[Candidate]:
    found = []
    emails = [m.span() for m in _ANY_EMAIL.finditer(text)] if "@" in text else []
    for start, end in emails:
        found.append(Candidate(start, end, "email", text[start:end]))
    for match in _WEB.finditer(text):
        if any(s <= match.start() < e for s, e in emails):
            continue
        value = match.group().rstrip(".,;:")
        if "." not in value.split("/")[0] and not value.lower().startswith("http"):
            continue
        found.append(Candidate(match.start(), match.start() + len(value), "web", value))
    for match in _HANDLE.finditer(text) if "@" in text else ():
        if any(s <= match.start() < e for s, e in emails):
            continue
        found.append(Candidate(match.start(), match.end(), "handle", match.group()))
    return found


_ANY_EMAIL = re.compile(ANY_EMAIL)
_ASCII_DIGITS = frozenset("0123456789")
_ASCII_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_HASH_NUMBER = re.compile(r"(?<![\w&])#\d{3,}\b")
_DIGIT_RUN = re.compile(r"\d[\d \t().+/:-]*")


def _digit_windows(text: str, back: int, forward: int) -> list[tuple[int, int]]:
    """Stretches around the digits of a text, merged: every pattern that needs a digit is tried
    only there (most of a text has none)."""
    windows: list[tuple[int, int]] = []
    for run_start, run_end in _digit_runs(text):
        start, end = max(0, run_start - back), min(len(text), run_end + forward)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return windows


@lru_cache(maxsize=4)
def _digit_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Where the digits stand: found once a text, for every window size the patterns need."""
    return tuple(match.span() for match in _DIGIT_RUN.finditer(text))


def _in_windows(pattern: re.Pattern, text: str, windows: list[tuple[int, int]]):
    # _digit_windows merges windows that touch, and no pattern here matches an empty string:
    # no match is found in two windows.
    return [match for start, end in windows for match in pattern.finditer(text, start, end)]


# The cues whose number may be one digit ("zone 3", "route 7"): other cues need two.
_SHORT_NUMBER_CUES = (
    "collar", "badge", "route", "round", "van", "zone", "console", "beat", "patch", "sector",
    "duty", *_WORK_UNITS.split("|"),
)  # fmt: skip


def _numbers(text: str) -> list[Candidate]:
    found: list[Candidate] = []
    windows = _digit_windows(text, 8, 8)
    for pattern in (PHONE_CANDIDATE, _INTERNATIONAL, _DIGITS_RUN):
        for match in _in_windows(pattern, text, windows):
            value = match.group().strip()
            if DATE_START.match(value) or (pattern is _DIGITS_RUN and _looks_like_date(value)):
                continue
            start = match.start() + match.group().find(value)
            found.append(Candidate(start, start + len(value), "phone", value))
    number_words = _number_word_count(text)
    if number_words >= 7:
        for match in _SPOKEN_NUMBER.finditer(text):
            value = match.group().strip()
            start = match.start() + match.group().find(value)
            found.append(Candidate(start, start + len(value), "phone", value))
    if number_words >= 2 and _SPOKEN_CUED_TAIL.search(text):
        # "badge number four four seven one", "my g o c number is zero one dash ...": a work
        # number read out. The cue word and all.
        for match in _SPOKEN_CUED.finditer(text):
            found.append(Candidate(match.start(), match.end(), "number", match.group()))
        # "ADI number four one two six seven three", "account number is four four one": three
        # number words or more after any word's "number" are a number of someone's; the
        # classing decides whose.
        for match in _SPOKEN_LABELLED.finditer(text):
            found.append(Candidate(match.start(), match.end(), "number", match.group()))
    if _SPOKEN_UNIT_WORD.search(text):
        # "I'm on walk fourteen", "route twelve": a round or a beat said in words.
        for match in _SPOKEN_UNIT.finditer(text):
            found.append(Candidate(match.start(), match.end(), "number", match.group()))
    for match in _in_windows(_PLATE, text, windows):
        value = match.group()
        # Its digits are [0-9] (the pattern's): a set test reads them in C.
        if not _ASCII_DIGITS.isdisjoint(value) and not value.isdigit():
            found.append(Candidate(match.start(), match.end(), "vehicle", value))
    for match in _in_windows(_HASH_NUMBER, text, windows):
        found.append(Candidate(match.start(), match.end(), "number", match.group()))
    for match in _cued_numbers(text):
        value = match.group("value").strip()
        if len(re.sub(r"\D", "", value)) < 2 and not match.group().lower().startswith(
            _SHORT_NUMBER_CUES
        ):
            continue
        start = match.start("value")
        cue = match.group().split()[0].lower().rstrip(".:#")
        if _MONTH_AFTER.match(text, match.end("value")):
            continue  # "Booking 28-30 June": days of a month
        if cue in ("number", "no") and _STREET_BEFORE.search(
            text, max(0, match.start() - 40), match.start()
        ):
            continue  # "Crow Road, number 212", "Beeston Road I think number 140": a house

        kind = "vehicle" if cue in ("plate", "reg") and not value.isdigit() else "number"
        found.append(Candidate(start, start + len(value), kind, value))
    for match in _in_windows(_ALNUM_ID, text, _digit_windows(text, 40, 40)):
        value = match.group()
        # ASCII letters, digits, "/" and "-" (the pattern's): set tests read them in C.
        if _ASCII_DIGITS.isdisjoint(value) or _ASCII_LETTERS.isdisjoint(value):
            continue
        if _DATE_LIKE.match(value) or _PLATE.fullmatch(value) or _POSTCODE.fullmatch(value):
            continue
        if _IN_A_HANDLE.match(text, max(0, match.start() - 1)):
            continue  # "ty.bandz22", "dre.cla69": the end of an account name, not a number
        found.append(Candidate(match.start(), match.end(), "number", value))
    return found


_MONTH_AFTER = re.compile(
    r"(?i)[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"(?:uary|ruary|ch|il|e|y|ust|ember|ober)?\b"
)
# A dot or an underscore straight before, between letters: the stretch ends an account name.
_IN_A_HANDLE = re.compile(r"(?<=[A-Za-z0-9])[._](?=[A-Za-z])")


_NUMBER_WORDS = frozenset(
    [
        "zero",
        "oh",
        "o",
        "nought",
        "nil",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "double",
        "triple",
        "treble",
        "hundred",
        "thousand",
    ]
)
_CUE_WORDS = (
    r"licen[cs]e|badge|collar|warrant|staff|employee|payroll|pin|urn|ofsted|registration|"
    r"reg|gmc|nmc|hcpc|gphc|sia|dbs|route|round|van|vehicle|fleet|call|callsign|id|number|no|ref|"
    r"reference|unit|shoulder|job|plate|membership|member|account|booking|order|ticket|card|"
    r"locker|duty|zone|beat|console|patch|sector|op|bus|cab|case|sort[ \t]+code|" + _WORK_UNITS
)
# The look-ahead for the letters a cue starts with skips every other place at once.
_CUE_START = re.compile(
    rf"(?i)(?=[{''.join(sorted({cue[0] for cue in _CUE_WORDS.split('|')}))}])\b(?:"
    + _CUE_WORDS
    + r")\b"
)


def _number_word_count(text: str) -> int:
    """Seven number words in a row need at least seven number words: count them first (up to
    seven)."""
    words = map(methodcaller("strip", ",.-"), text.lower().split())
    return min(sum(map(_NUMBER_WORDS.__contains__, words)), 7)


# A work number read out after its cue: the cue (a register's letters may be spelt out, "g o c"),
# "number", "is", then number words (and "dash"). Not a registration, a plate or a phone: those
# are read elsewhere.
# "number" (or "no", "num"), maybe "is"/"was", and a number word; then more number words
# (or "dash"), each part of every spoken-number pattern below.
_SAID_NUMBER = r"(?:number|no\.?|num)(?:[ \t]+(?:is|was))?[ \t:]*" + _NUMBER_WORD
_MORE_SAID = r"(?:[ \t,-]+(?:" + _NUMBER_WORD[3:-1] + r"|dash))"
_SPOKEN_CUED = re.compile(
    r"(?i)\b(?:licen[cs]e|badge|collar|warrant|staff|employee|payroll|sia|dbs|gmc|nmc|hcpc|gphc|"
    r"goc|gdc|fleet|route|round|bus|cab|shoulder|call\s*sign|locker|membership|payroll|"
    r"(?:[a-z][ \t]){1,3}[a-z])[ \t]+" + _SAID_NUMBER + _MORE_SAID + r"+\b"
)
_SPOKEN_LABELLED = re.compile(
    r"(?i)\b[a-z]{2,}[ \t]+"
    + _SAID_NUMBER
    + _MORE_SAID
    + r"{2,5}\b(?![ \t,-]+"
    + _NUMBER_WORD
    + r"\b)"
)
_TENS_AND_TEENS = (
    r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
    r"thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_SPOKEN_UNIT = re.compile(
    r"(?i)\b(?:walk|route|round|beat|zone|duty|patch)[ \t]+(?:number[ \t]+|no\.?[ \t]+)?"
    r"(?:(?:" + _TENS_AND_TEENS + r")(?:[ \t-]+(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:one|two|three|four|five|six|seven|eight|nine)(?:[ \t]+(?:one|two|three|four|five|six|"
    r"seven|eight|nine|zero|oh)){1,2})\b"
)
_SPOKEN_UNIT_WORD = re.compile(
    r"(?i)(?=[wrbzdp])\b(?:walk|route|round|beat|zone|duty|patch)[ \t]+[a-z]"
)
# What every match of _SPOKEN_CUED ends with, from the blank before "number": a text without it
# has none, and this is found far faster than the cue before it.
_SPOKEN_CUED_TAIL = re.compile(r"(?i)[ \t]" + _SAID_NUMBER + _MORE_SAID + r"+\b")


# A cue word is at most 12 letters ("registration") and digits follow it within 12 characters:
# it starts at most 24 characters before a run of digits.
_CUE_REACH = 24


_STREET_BEFORE = re.compile(
    r"(?i)\b(?:street|st|road|rd|lane|ln|avenue|ave|close|drive|way|crescent|terrace|court|"
    r"grove|gardens|place|parade|row|walk|square|villas|flats|house|block)\b[^.\n\d]{0,16}$"
)


def _cued_numbers(text: str):
    """The cue pattern, tried only where a cue word stands and digits follow soon after. Cue
    words are looked for only just before digits; a cue the window's end cut short ("reg" of
    "registration") is dropped by reading it again in the whole text."""
    for cue in _in_windows(_CUE_START, text, _digit_windows(text, _CUE_REACH, 0)):
        whole = _CUE_START.match(text, cue.start())
        if whole is None or whole.end() != cue.end():
            continue
        window = text[cue.end() : cue.end() + 12]
        if any(ch.isdigit() for ch in window):
            match = _CUED_NUMBER.match(text, cue.start())
            if match:
                yield match


_DATE_DIGITS = re.compile(
    r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}$|^\d{4}[./-]\d{1,2}[./-]\d{1,2}$|^(?:19|20)\d{2}$"
)


def _looks_like_date(value: str) -> bool:
    return _DATE_DIGITS.match(value.replace(" ", "")) is not None


def _addresses(text: str) -> list[Candidate]:
    found = []
    windows = _digit_windows(text, 30, 80)
    for pattern, kind in ((_ADDRESS, "address"), (_UNIT, "address"), (_POSTCODE, "postcode")):
        for match in _in_windows(pattern, text, windows):
            found.append(Candidate(match.start(), match.end(), kind, match.group()))
    return found


# --- Names -------------------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?:^|[.!?:;\"\u201c(\[\n*\-\u2022>]|\d\))[ \t]*$")
_CONNECTORS = frozenset(
    {
        "of",
        "the",
        "&",
        "for",
        "de",
        "la",
        "le",
        "van",
        "von",
        "der",
        "den",
        "bin",
        "binti",
        "al",
        "el",
        "ap",
        "da",
        "dos",
        "du",
        "st",
        "st.",
    }
)


def _proper_names(text: str, words: list[Word]) -> list[Candidate]:
    """Runs of capitalised words, typed as a person, an organisation or a place."""
    found: list[Candidate] = []
    # Which words are capitalised, asked once; a run starts only at one of them. On a line typed
    # in capitals ("PINK FLUFFY DICE ON MIRROR") an everyday word is no name's.
    capitalised = [word.t[:1].isupper() for word in words]
    shouted = _shouted_lines(text)
    if shouted:
        for index, word in enumerate(words):
            if (
                capitalised[index]
                and any(start <= word.s < end for start, end in shouted)
                and is_common_word(word.low)
                and not is_first_name(word.low)
            ):
                capitalised[index] = False
    following = 0
    for index in [i for i, cap in enumerate(capitalised) if cap]:
        if index < following:
            continue  # inside the run before
        run = [words[index]]
        following = index + 1
        while following < len(words):
            nxt = words[following]
            gap = text[run[-1].e : nxt.s]
            ordinary_gap = gap in (" ", "-", " & ", ". ", "'s ", "\u2019s ")
            if not ordinary_gap and not (gap.strip() == "" and "\n" not in gap and len(gap) <= 2):
                break
            lower = nxt.low
            if capitalised[following] or (
                lower in _CONNECTORS and following + 1 < len(words) and capitalised[following + 1]
            ):
                if gap == ". " and (
                    len(run[-1].t) > 2 or (len(run[-1].t) == 2 and run[-1].t.isupper())
                ):
                    break  # a sentence ended (after a word or an acronym, "FT.", not "J.")
                run.append(nxt)
                following += 1
                continue
            break
        found += _typed_run(text, run)
    return found


def _shouted_lines(text: str) -> list[tuple[int, int]]:
    """In a message typed in capitals (four letters in five upper case), its lines typed so: a
    dozen letters or more, four in five upper case. A heading in capitals above a text written
    in lower case is not one: "ACTIVE KESTLETON" there is a name."""
    upper = sum(ch.isupper() for ch in text)
    if upper < 12 or upper * 5 < sum(ch.isalpha() for ch in text) * 4:
        return []
    found = []
    start = 0
    for line in text.split("\n"):
        letters = [ch for ch in line if ch.isalpha()]
        if len(letters) >= 12 and sum(ch.isupper() for ch in letters) * 5 >= len(letters) * 4:
            found.append((start, start + len(line)))
        start += len(line) + 1
    return found


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


def _typed_run(text: str, run: list[Word]) -> list[Candidate]:
    words = [m.t for m in run]
    lowers = [m.low.rstrip("'\u2019").removesuffix("'s").removesuffix("\u2019s") for m in run]
    # Leading words that only open a sentence ("When", "The") or are ordinary ("Monday").
    first = 0
    while first < len(run):
        low = lowers[first]
        title = low.rstrip(".") in TITLES
        if title:
            break
        if low in CAPITALISED_ORDINARY or low in _CONNECTORS or low in KINSHIP:
            first += 1
            continue
        # Whether a sentence starts here is read last: most words are no common word.
        begin = run[first].s
        if (
            is_common_word(low)
            and not is_first_name(low)
            and not (words[first].isupper() and len(words[first]) <= 4)
            and _SENTENCE_END.search(text, max(0, begin - 6), begin) is not None
        ):
            if first + 1 < len(run) and not is_common_word(lowers[first + 1]):
                first += 1
                continue
            first += 1
            continue
        break
    run, words, lowers = run[first:], words[first:], lowers[first:]
    # Trailing ordinary words ("Kyle Barnes Monday") and connectors drop off the end.
    while (
        run
        and (lowers[-1] in CAPITALISED_ORDINARY or lowers[-1] in _CONNECTORS)
        and lowers[-1] not in ORG_NOUNS
    ):
        run, words, lowers = run[:-1], words[:-1], lowers[:-1]
    if not run:
        return []
    start, end = run[0].s, run[-1].e
    if words[-1].endswith(("'s", "\u2019s")):
        end -= 2
    elif words[-1].endswith(("'", "\u2019")):
        end -= 1
    value = text[start:end]
    if not VEHICLE_MAKES.isdisjoint(lowers) or _model_named(text, start, end, lowers):
        return [Candidate(start, end, "vehicle", value)]
    if lowers[0] in WELSH_STREET_WORDS or (len(lowers) > 1 and lowers[-1] in MORE_PLACE_WORDS):
        return [Candidate(start, end, "place", value)]
    if len(words) == 1 and words[0].isupper():
        return _acronym(start, end, value) if words[0].isalpha() else []
    if lowers[-1].rstrip(".") in PLACE_WORDS and len(lowers) > 1:
        return [Candidate(start, end, "place", value)]
    if not ORG_NOUNS.isdisjoint(lowers[1:]) or (len(lowers) > 1 and lowers[0] in ORG_NOUNS):
        return [Candidate(start, end, "organisation", value)]
    if not MAJOR_PLACES.isdisjoint(lowers) and not any(is_first_name(w) for w in lowers):
        return [Candidate(start, end, "place", value)]
    if CAPITALISED_ORDINARY.issuperset(lowers):
        return []
    if len(lowers) == 1 and is_common_word(lowers[0]) and not is_first_name(lowers[0]):
        # A common word written with a capital mid-sentence ("the Lads", "Head"): a name only
        # when something about it says so, which the context cues below decide.
        return [Candidate(start, end, "proper", value)]
    return [Candidate(start, end, "person" if _person_like(lowers) else "proper", value)]


_VEHICLE_AFTER = re.compile(
    r"(?i)^[ \t]*(?:\w{1,3}[ \t]+)?(?:van|car|estate|hatchback|pickup|pick-up|people carrier|,)"
)


def _model_named(text: str, start: int, end: int, lowers: list[str]) -> bool:
    """A model without its make: "white Transit van", "black Golf R"."""
    if VEHICLE_MODELS.isdisjoint(lowers):
        return False
    before = text[max(0, start - 14) : start].lower().split()
    return (
        bool(before and before[-1] in COLOURS)
        or any(word in VEHICLE_MAKES for word in before)
        or _VEHICLE_AFTER.match(text, end) is not None
    )


def _person_like(lowers: list[str]) -> bool:
    if lowers[0].rstrip(".") in TITLES:
        return True
    if any(is_first_name(low) for low in lowers):
        return True
    if not 2 <= len(lowers) <= 4 or lowers[0] in NAME_PARTICLES:
        return False
    # "Northfield Contextual Safeguarding Panel": ordinary words after the first make a name of
    # a thing, not of a person.
    return not any(is_common_word(low) for low in lowers[1:] if low not in NAME_PARTICLES)


def _acronym(start: int, end: int, value: str) -> list[Candidate]:
    low = value.lower()
    if low in ORDINARY_ACRONYMS or len(value) < 2 or len(value) > 7:
        return []
    kind = "role" if low in ROLE_ACRONYMS else "organisation"
    return [Candidate(start, end, kind, value)]


_ROLE_BEFORE_NAME_WORDS = frozenset(
    [
        "manager",
        "boss",
        "supervisor",
        "colleague",
        "co-worker",
        "coworker",
        "workmate",
        "head",
        "deputy",
        "lead",
        "leader",
        "senco",
        "dsl",
        "owner",
        "teacher",
        "tutor",
        "nurse",
        "doctor",
        "for",
        "to",
        "told",
        "tell",
        "with",
    ]
)
_NAME_CUE_WORDS = TITLES | _ROLE_BEFORE_NAME_WORDS
_ROLE_BEFORE_NAME_ONLY_AFTER = {"for": ("ask",), "to": ("speak", "talk", "spoke", "spoken")}


_AFTER_A_NUMBER = re.compile(r"\d[ \t]+$")


def _lower_case_names(text: str, words: list[Word]) -> list[Candidate]:
    """Names typed without capitals where names stand: after a title or a job word, and first
    names that are no everyday word ("sharon", "kev") anywhere, with a surname after them."""
    found = []
    lowers = [w.low for w in words]
    # Only the words that are such names, or a title or a job word, are read further: they are
    # picked out with set lookups in one comprehension each.
    names = [i for i, low in enumerate(lowers) if is_lower_case_name(low)]
    for i in names:
        word = words[i]
        if word.t.islower():
            if i + 1 < len(words) and lowers[i + 1] in PLACE_WORDS:
                continue  # "dean street", "stanley road": a street, not a person
            if _AFTER_A_NUMBER.search(text, max(0, word.s - 4), word.s) and is_english_word(
                lowers[i]
            ):
                continue  # "15 max", "2 will do": a word after a number is an ordinary one
            end = word.e
            if (
                i + 1 < len(words)
                and words[i + 1].t.islower()
                and text[word.e : words[i + 1].s] == " "
                and not is_common_word(lowers[i + 1])
            ):
                end = words[i + 1].e
            found.append(Candidate(word.s, end, "person", text[word.s : end]))
    cues = [i for i, low in enumerate(lowers[:-1]) if low in _NAME_CUE_WORDS]
    for i in cues:
        low = lowers[i]  # a name is looked for only after a title or a job word
        nxt = words[i + 1]
        gap = text[words[i].e : nxt.s]
        if len(gap) > 3 or "\n" in gap:
            continue
        family_word = low in _FAMILY_TITLES and not words[i].t[:1].isupper()
        if low in TITLES and gap.strip(" \t.") == "" and not family_word:
            name = nxt.t
            if lowers[i + 1] in CAPITALISED_ORDINARY or (
                not name[:1].isupper() and lowers[i + 1] in _FUNCTION_WORDS
            ):
                continue
            end = nxt.e
            if (
                i + 2 < len(words)
                and words[i + 2].t[:1].isupper()
                and text[nxt.e : words[i + 2].s] == " "
            ):
                end = words[i + 2].e
            found.append(Candidate(words[i].s, end, "person", text[words[i].s : end]))
        elif low in _ROLE_BEFORE_NAME_WORDS and gap.strip(" \t,:") == "":
            needed = _ROLE_BEFORE_NAME_ONLY_AFTER.get(low)
            if needed and (i == 0 or lowers[i - 1] not in needed):
                continue
            name_words = []
            for j in (i + 1, i + 2):
                if j >= len(words) or not lowers[j].isalpha():
                    break
                if j == i + 2 and text[words[j - 1].e : words[j].s] != " ":
                    break
                if words[j].t[:1].isupper():
                    break  # capitalised names are found as such
                if is_first_name(lowers[j]) or not (
                    is_common_word(lowers[j]) or _an_inflected_word(lowers[j])
                ):
                    name_words.append(words[j])
                else:
                    break
            if name_words:
                begin, end = name_words[0].s, name_words[-1].e
                found.append(Candidate(begin, end, "person", text[begin:end]))
    return found


def _an_inflected_word(low: str) -> bool:
    """ "blacked", "ladders", "parking": an everyday word's other forms are no name."""
    if low.endswith("ed") and len(low) > 4:
        return is_common_word(low[:-2]) or is_common_word(low[:-1])
    if low.endswith("ing") and len(low) > 5:
        return is_common_word(low[:-3]) or is_common_word(low[:-3] + "e")
    return low.endswith("s") and len(low) > 3 and is_common_word(low[:-1])


_STREET_WORDS = frozenset(
    [
        "street",
        "road",
        "lane",
        "avenue",
        "square",
        "close",
        "crescent",
        "drive",
        "parade",
        "terrace",
        "rd",
        "st",
        "ln",
        "ave",
        "sq",
    ]
)


def _lower_case_places(text: str, words: list[Word]) -> list[Candidate]:
    """Streets typed without capitals ("on seel street", "dewsbury road"): one or two words
    before a street word, at least one of them no everyday word ("the main road" is no place).
    A place is kept unless the text ties it to the writer, so finding it costs nothing else."""
    found = []
    for i, word in enumerate(words):
        if word.low not in _STREET_WORDS or not word.t.islower() or i == 0:
            continue
        for width in (2, 1):
            first = i - width
            if first < 0:
                continue
            named = words[first:i]
            if not all(w.t.islower() and w.low.isalpha() for w in named):
                continue
            if any(text[a.e : b.s] != " " for a, b in zip(named, [*named[1:], word], strict=True)):
                continue
            if all(is_common_word(w.low) for w in named) or named[0].low in _FUNCTION_WORDS:
                continue
            found.append(Candidate(named[0].s, word.e, "place", text[named[0].s : word.e]))
            break
    return found


# Titles that are family words too: a title only when written with a capital ("Sister Amy").
_FAMILY_TITLES = frozenset({"sister", "mother", "father", "brother", "lady", "madame"})
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "is",
        "was",
        "are",
        "were",
        "be",
        "been",
        "has",
        "had",
        "have",
        "said",
        "says",
        "who",
        "which",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "i",
        "you",
        "he",
        "she",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "our",
        "their",
        "not",
        "no",
        "so",
        "as",
        "if",
        "but",
        "then",
        "there",
        "here",
    ]
)
_ROLE_SKIP = frozenset({"staff", "team", "support", "admin", "crew", "security", "door"})


def _roles(text: str, words: list[Word]) -> list[Candidate]:
    """The writer's job, said of themselves ("I'm the lunchtime supervisor here")."""
    found = []
    for i, word in enumerate(words):
        low = word.low
        if (low not in ROLE_NOUNS and low not in _WRITER_ONLY_JOBS) or low in _ROLE_SKIP:
            continue
        if _NOT_A_JOB.match(text[max(0, word.s - 24) : word.e + 12], word.s - max(0, word.s - 24)):
            continue
        # The phrase: up to two words before the job word, after a self-reference.
        first = i
        while first > max(0, i - 3) and words[first - 1].low not in _ROLE_OPENERS:
            gap = text[words[first - 1].e : words[first].s]
            if gap.strip(" \t-/&0123456789"):
                break  # a sentence, a clause or a line ends between them ("Year 6" does not)
            first -= 1
        before = text[max(0, words[first].s - 40) : words[first].s]
        after = text[word.e : word.e + 6].lower()
        here = after.startswith(" here")
        start = words[first].s
        end = word.e + (5 if here else 0)
        person = _ROLE_PERSON.match(text, word.e)
        if person and not here:
            end = person.end()  # "the bin man", "the dinner lady"
        mine = bool(_SELF.search(before)) or here
        only_of_the_writer = low in _WRITER_ONLY_JOBS and low not in ROLE_NOUNS
        if only_of_the_writer and not _I_AM_A.search(text, max(0, start - 30), start):
            continue  # "her dad is a mechanic": a subject's job, said of them
        if not mine and _THEIRS.search(text[max(0, start - 16) : start]):
            continue  # "her social worker", "the boy's tutor": someone else's
        found.append(Candidate(start, end, "role", text[start:end], "", mine))
    return found


# Jobs read only when the writer says they do them ("I am a freelance interpreter", "I work as
# barber"): of anyone else they are a subject's detail.
_WRITER_ONLY_JOBS = word_set(
    """
    interpreter interpreters translator barber barbers hairdresser stylist beautician apprentice
    courier rider engineer sevadar granthi conductor therapist optician optometrist dentist
    hygienist locksmith plumber electrician mechanic valeter picker packer steward marshal
    attendant concierge housekeeper chaplain verger churchwarden deacon elder trustee treasurer
    secretary cashier clerk dispatcher controller lifeguard instructor technician chef cook
    """
)
_I_AM_A = re.compile(
    r"(?i)\b(?:i[ \t]+am|i'm|i\u2019m|im|i[ \t]+work(?:ed)?[ \t]+as|i[ \t]+volunteer[ \t]+as)"
    r"[ \t]+(?:(?:a|an|the|one[ \t]+of[ \t]+the)[ \t]+)?$"
)
# A job word that is a thing here: "a shaved head", "hit his head", "the bin store".
_NOT_A_JOB = re.compile(
    r"(?i)(?:(?<=shaved )|(?<=shaven )|(?<=bald )|(?<=balding )|(?<=his )|(?<=her )|(?<=their )|"
    r"(?<=my )|(?<=your )|(?<=the back of the )|(?<=on the )|(?<=in the ))head\b"
    r"|bins?(?=[ \t]+(?:store|stores|chute|room|rooms|bag|bags|shed|area|lorry|lorries|day|"
    r"lid|lids|cupboard)\b)"
)
_ROLE_PERSON = re.compile(r"[ \t]+(?:man|men|woman|women|lady|ladies)\b", re.IGNORECASE)
_THEIRS = re.compile(r"(?i)(?:\b(?:his|her|their|whose|its)|['\u2019]s)\s+(?:\w+\s+)?$")


_CHAIRS = frozenset({"chair", "chairman", "chairwoman", "chairperson", "committee", "treasurer"})
# Where the writer's "I work at ..." ends when nothing stops it (dictation): before a word that
# opens the next clause, a number or a handle, and never inside a word.
_CLAUSE_OPENERS = (
    r"he|she|they|we|you|i|his|her|their|him|them|it|its|was|were|is|are|has|had|have|and|but|"
    r"so|then|because|when|who|which|that|if|after|before|where|while|said|says|told"
)
_I_WORK = re.compile(
    r"(?i)(?=i)\bi(?:'m|\s+am)?\s+(?:work|working|volunteer|volunteering|based|employed)\s+"
    r"(?:at|as|in|for|with)\b"
    r"(?:[ \t]+(?!(?:" + _CLAUSE_OPENERS + r")\b)[^\s.,;:()@\d][^\s.,;:()]*){0,6}"
)


_PHRASE_BREAK = re.compile(r"[\n.!?;\"\u201c\u201d]")


def _work_phrases(text: str, words: list[Word]) -> list[Candidate]:
    """Where the writer works, said in passing: "my visit", "our residents", "one of our plant
    rooms", and "the surgery" in a sentence the writer speaks in."""
    found = [
        Candidate(m.start(), m.end(), "premises", m.group(), "", True)
        for m in _I_WORK.finditer(text)
    ]
    for i, word in enumerate(words):
        low = word.low
        if low in ("my", "our", "ma", "oor"):
            last = None
            for j in range(i + 1, min(i + 4, len(words))):
                # A line, a sentence or a quotation ends the phrase: 'he is my uncle". My
                # manager' is two.
                if _PHRASE_BREAK.search(text, words[j - 1].e, words[j].s):
                    break
                following = words[j].low
                if following in WORK_NOUNS or following in ROLE_NOUNS or following in _CHAIRS:
                    last = j
                elif following in KINSHIP and j == i + 1:
                    # "my husband Keith", "ma daughter": the writer's family points to them.
                    last = j
                    if (
                        j + 1 < len(words)
                        and words[j + 1].t[:1].isupper()
                        and not _PHRASE_BREAK.search(text, words[j].e, words[j + 1].s)
                    ):
                        last = j + 1
            if last is not None:
                start, end = word.s, words[last].e
                found.append(Candidate(start, end, "premises", text[start:end], "", True))
        elif (
            low == "the"
            and i + 1 < len(words)
            and (
                words[i + 1].low in _PREMISES
                or (words[i + 1].low in _POSTS and words[i + 1].t.islower())
            )
        ):
            sentence = _sentence_around(text, word.s)
            if _FIRST_PERSON.search(sentence):
                start, end = word.s, words[i + 1].e
                found.append(Candidate(start, end, "premises", text[start:end], "", True))
    return found


_CALL_SIGN_WORDS = frozenset(
    [
        "alpha",
        "bravo",
        "delta",
        "echo",
        "foxtrot",
        "kilo",
        "papa",
        "quebec",
        "sierra",
        "tango",
        "uniform",
        "whiskey",
        "whisky",
        "xray",
        "x-ray",
        "yankee",
        "zulu",
    ]
)


def _spoken_codes(text: str, words: list[Word]) -> list[Candidate]:
    """Call signs and plates read out: "Delta 32", "alpha four one", "papa november seven"."""
    found = []
    i = 0
    while i < len(words):
        if words[i].low not in PHONETIC:
            i += 1
            continue
        j = i + 1
        while (
            j < len(words)
            and (words[j].low in PHONETIC or words[j].low in _NUMBER_WORDS)
            and not text[words[j - 1].e : words[j].s].strip(" \t,-")
        ):
            j += 1
        digits_after = re.match(r"[ \t-]*\d{1,4}\b", text[words[j - 1].e :])
        spoken = j - i
        # One word and a number is a call sign only for words that are not also a month, a
        # name or a thing ("Delta 32", not "November 2026" or "Hotel 6").
        call_sign = spoken == 1 and digits_after and words[i].low in _CALL_SIGN_WORDS
        if spoken >= 3 or call_sign:
            start = words[i].s
            end = words[j - 1].e + (digits_after.end() if digits_after else 0)
            found.append(Candidate(start, end, "number", text[start:end]))
        i = j
    return found


def _tags(text: str, words: list[re.Match]) -> list[Candidate]:
    """Staff initials used as tags: "DA to submit", "(KK)", "MA-R", "S.D."."""
    found = []
    for match in _TAG.finditer(text):
        value = match.group("tag")
        letters = value.replace(".", "").replace("-", "")
        if letters.lower() in ORDINARY_TAGS or not letters.isalpha():
            continue
        before = text[max(0, match.start("tag") - 30) : match.start("tag")]
        if _AFTER_NAME.search(before):
            continue  # "Ford Focus ST", "Leeds LS9": part of the name before it
        found.append(Candidate(match.start("tag"), match.end("tag"), "initials", value))
    return found


_AFTER_NAME = re.compile(r"[A-Z][\w'\u2019-]*[ \t]$")
_TAG = re.compile(
    r"(?=[A-Z])(?<![\w.])(?P<tag>[A-Z]{2,3}(?:-[A-Z])?|(?:[A-Z]\.){2,3})(?=\s+to\b|\s*[,:;)\]/]|\s*$"
    r"|\s+(?:reported|said|saw|spoke|noted|will|to|and|has|had|agreed|advised|confirmed))",
    re.MULTILINE,
)


_PREMISES = frozenset(
    [
        "surgery",
        "practice",
        "pharmacy",
        "chemist",
        "shop",
        "store",
        "branch",
        "office",
        "depot",
        "ward",
        "clinic",
        "kiosk",
        "salon",
        "refuge",
        "hostel",
        "nursery",
    ]
)
# Where the writer stands at work, said in a sentence they speak in: "came to the desk and asked
# me", "I get job from the base", "told me on the wagon". Typed in lower case: "The Bar" or
# "the Library" is a name, read elsewhere.
_POSTS = word_set(
    """
    desk counter till tills reception hatch base wagon bar gym pool poolside library
    clubhouse playground canteen
    """
)
# The look-ahead for the letters a match may start with skips every other place at once.
_FIRST_PERSON = re.compile(r"(?i)(?=[imwuo])\b(?:i|i'm|im|me|my|we|us|our|we're)\b")


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(".", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [e for e in (text.find(".", position), text.find("\n", position)) if e != -1]
    return text[start : min(ends) if ends else len(text)]


_ROLE_OPENERS = frozenset(
    [
        "i",
        "i'm",
        "am",
        "as",
        "a",
        "an",
        "the",
        "my",
        "was",
        "is",
        "im",
        "work",
        "working",
        "their",
        "his",
        "her",
        "your",
        "one",
        "of",
    ]
)


# "my colleague ruth", "my other coach lee", "my mate declan", "my coordinator at the food bank
# is called marion": a person the writer names by how they stand to them is the writer's
# colleague (or friend), whatever case the name is typed in.
_WRITERS_RELATIONS = (ROLE_NOUNS | {"mate", "mates", "pal", "buddy", "friend", "co-leader"}) - {
    "team", "staff", "support", "security", "crew", "door", "admin", "head", "visitor", "bin",
}  # fmt: skip
_MY_PERSON = re.compile(
    r"(?i)(?=[mo])\b(?:my|our)[ \t]+(?:(?:other|fellow|old|line|senior|new|usual|work|duty|"
    r"assistant|deputy|shift|team)[ \t]+)?(?P<rel>[a-z][\w-]*)"
    r"(?:[ \t]+(?:at|from|on|in)[ \t]+(?:the[ \t]+)?[\w-]+(?:[ \t]+[\w-]+)?)?"
    r"[ \t]*,?[ \t]+(?:(?:is|was)[ \t]+)?(?:(?:called|named)[ \t]+)?"
    r"(?P<name>[^\W\d_][\w'\u2019-]*)"
)
# "my coordinator at the food bank is called marion": "called" ties the name to the writer's
# colleague, not to a third person.
_MY_RELATION_CALLED = re.compile(
    r"(?i)\b(?:my|our)\s+(?:\w+\s+)?(?:"
    + "|".join(sorted(_WRITERS_RELATIONS, key=len, reverse=True))
    + r")(?:\s+[\w-]+){0,4}\s+(?:is|was|'s)?\s*(?:called|named)\s+$"
)
_NOT_A_NAME_AFTER_RELATION = frozenset(
    {"rang", "rung", "came", "went", "sent", "phoned", "texted", "emailed", "spoke", "thought"}
    | {"agreed", "noticed", "spotted", "alerted", "witnessed", "confirmed", "recognised"}
)


# A job's ending ("foreman", "invigilator", "dispatcher", "receptionist") names a colleague
# after "my" as surely as a listed role does; the people a writer serves or trains are not
# colleagues ("my customer", "my swimmer", "my learner").
_JOB_WORD_ENDING = re.compile(r"[a-z-]{3,}(?:er|or|ist|ian|man|woman|lead|head|hand)")
_SERVED_OR_TRAINED = frozenset(
    {"customer", "customers", "learner", "lodger", "tenant", "member", "player", "boxer", "swimmer"}
    | {"dancer", "runner", "rider", "passenger", "neighbour", "neighbor", "owner", "caller"}
    | {"sister", "brother", "mother", "father", "daughter", "partner", "teenager", "youngster"}
    | {"user", "visitor", "borrower", "shopper", "diner", "drinker", "reader", "gamer", "camper"}
)


def _writers_relation(word: str) -> bool:
    if word in _WRITERS_RELATIONS:
        return True
    return (
        word not in _SERVED_OR_TRAINED
        and word not in KINSHIP
        and _JOB_WORD_ENDING.fullmatch(word) is not None
    )


def _writers_people(text: str) -> list[Candidate]:
    found = []
    lowered = text.lower()
    if "my " not in lowered and "our " not in lowered:
        return found
    for match in _MY_PERSON.finditer(text):
        if not _writers_relation(match["rel"].lower()):
            continue
        name = match["name"]
        low = name.lower()
        if low in CAPITALISED_ORDINARY or low in _FUNCTION_WORDS or low in TITLES:
            continue
        if low in _NOT_A_NAME_AFTER_RELATION or low in ROLE_NOUNS or low in KINSHIP:
            continue
        if not is_first_name(low):
            if (
                name[:1].islower()
                and is_common_word(low)
                and (_very_common(low) or low.endswith(("ed", "ing", "ly", "s")))
            ):
                continue
            if name[:1].isupper() and is_common_word(low) and _very_common(low):
                continue
        start, end = match.span("name")
        found.append(Candidate(start, end, "person", name, "", True, False))
    return found


def _very_common(low: str) -> bool:
    from .lexicon import _very_common_words

    return low in _very_common_words()


# --- Context -----------------------------------------------------------------------------------
_CLAUSE_BREAKS = ".!?;\n"


def _with_context(
    text: str, candidate: Candidate, zones: list[tuple[int, int, str]], lines: list[int]
) -> Candidate:
    zone = candidate.zone
    if not zone:
        for start, end, name in zones:
            if start <= candidate.start < end:
                zone = name
                break
    before = _clause_before(text, candidate.start)
    after = text[candidate.end : candidate.end + 24]
    if candidate.kind in _PERSON_KINDS:
        # A name is the writer's colleague or family when the words just before say so ("my
        # manager Dave"); "we saw Leon" says nothing about Leon.
        writer = candidate.writer_cue or bool(_WRITER_BEFORE_NAME.search(before[-40:]))
    else:
        writer = candidate.writer_cue or bool(_WRITER_CUE.search(before[-40:]))
        if candidate.kind == "vehicle" and not writer:
            writer = (
                _WRITERS_VEHICLE.search(before[-40:]) is not None
                or _MY_VEHICLE.search(before[-20:]) is not None
                or _drives_it(before[-100:])
                or _FLEET_BEFORE.search(before[-40:]) is not None
                or (
                    _BARE_WORK_VEHICLE.search(before[-40:]) is not None
                    and _SPEAKS_OF_THEMSELVES.search(_sentence_around(text, candidate.start))
                    is not None
                )
            )
    if candidate.kind in _PERSON_KINDS:
        # A name is someone else's when the words just before it say so ("his brother Kai",
        # "a man called Dee") or an age follows; a pronoun or a "man" earlier in the sentence
        # says nothing about this name.
        near = " ".join(before.split()[-3:])
        third = _third_party_cue(near) or _AGE_AFTER.match(after) is not None
        if third and (_MY_KIN.search(near) or _MY_RELATION_CALLED.search(before[-60:])):
            third, writer = False, True
        elif _job_before_name(before[-40:]) or (third and _MY_STAFF.search(before[-40:])):
            # "my girl Kiki", "my Saturday girl, Roisin", "my lad kev", "student nurse Aisha":
            # the writer's own staff or a colleague by their job, not a young person.
            third, writer = False, True
        elif _AS_THEY_ASKED.search(before[-6:]) and _ASKED_AFTER.match(after):
            # "putting it on the form as Mr Hegarty said": whoever tells the writer what to do
            # at work is the writer's colleague, not someone the information is about.
            third, writer = False, True
    else:
        third = _third_party_cue(before[-30:]) or _AGE_AFTER.match(after) is not None
    if _WRITER_AS.search(before[-60:]):
        # "I write as Designated Safeguarding Lead", "in my role as Practice Manager": what
        # the writer works as, not someone "known as" a name.
        third, writer = False, True
    if not third and candidate.kind not in _PERSON_KINDS:
        # "his number is", "her snap": a pronoun is enough to tie a number or an account.
        # So is a name's possessive: "Kev's number is ...".
        third = bool(_PRONOUN_CUE.search(before[-30:]) or _POSSESSIVE_CUE.search(before[-40:]))
    if not third and not writer and candidate.kind == "phone":
        third = _someone_elses_number(before)
    return Candidate(
        candidate.start,
        candidate.end,
        candidate.kind,
        candidate.text,
        zone,
        writer,
        third,
    )


def _someone_elses_number(before: str) -> bool:
    """A phone number the clause gives someone else without a pronoun: a name's number ("Taz
    phone 07700 ...", "Kev's number is on a post-it by the phone: ..."), a number on someone's
    record ("the phone on the booking is", "number from the sign-in sheet"), a number that
    called or texted ("a text from 07700 ..."), or one someone gave ("gave 07700 ... as a
    contact"). Never where the clause speaks of the writer's own ("my", "call me")."""
    if _WRITERS_NUMBER.search(before):
        return False
    named = _NAMES_NUMBER.search(before)
    from .lexicon import _very_common_words

    if named and named.group(1).casefold() not in _very_common_words():
        return True
    return bool(
        _POSSESSIVE_NUMBER.search(before)
        or _NUMBER_ON_A_RECORD.search(before)
        or _NUMBER_THAT_CALLED.search(before)
        or _NUMBER_GIVEN.search(before)
    )


_PHONE_WORDS = r"(?:phone|number|num|no\.?|mobile|mob|tel|cell|contact|whatsapp)"
_WRITERS_NUMBER = re.compile(
    r"(?i)\b(?:my|mine|myself|i['\u2019]?m[ \t]+on|i[ \t]+am[ \t]+on|(?:call|ring|text|"
    r"reach|contact|phone|message)[ \t]+(?:me|us)|me,?[ \t]+on|us,?[ \t]+on|our[ \t]+(?:office|"
    r"main|work|shop|landline|desk|duty|direct|out[ -]of[ -]hours|switchboard|line|number|"
    r"mobile|phone))\b"
)
_NAMES_NUMBER = re.compile(
    r"(?:^|[^\w'\u2019])([A-Z][\w'\u2019-]+)(?:[ \t]+[A-Z][\w'\u2019-]+)?[ \t]+(?i:"
    + _PHONE_WORDS
    + r")\b[^\n]{0,30}$"
)
_POSSESSIVE_NUMBER = re.compile(
    r"(?:^|[^\w])(?-i:[A-Z])[\w-]*['\u2019]s[ \t]+(?:\w+[ \t]+)?(?i:" + _PHONE_WORDS + r")\b"
)
_NUMBER_ON_A_RECORD = re.compile(
    r"(?i)\b(?:on|from|in|off|under|for|at)[ \t]+(?:the|a|an|his|her|their|this|that|our)?"
    r"[ \t]*(?:[\w-]+[ \t]+)?(?:booking|bookings|order|orders|account|registration|receipt|"
    r"voucher|invoice|card|form|file|sheet|log|screen|label|parcel|consignment|box|flyers?|"
    r"advert|wall|hand|sticker|contract|letter|app|system|records?|whiteboard|list|note|"
    r"post-it|fridge|delivery|job|lock[ \t]+screen)\b[^\n]{0,30}$"
    r"|\b(?:customer|guest|client|caller|account|booking|order|contact|landlord|"
    r"tenant|claimant|patient|driver|sender)[ \t]+" + _PHONE_WORDS + r"\b[^\n]{0,20}$"
)
_NUMBER_THAT_CALLED = re.compile(
    r"(?i)\b(?:texts?|messages?|calls?|rang|ringing|voice[ \t]+notes?|dms?|whatsapps?|"
    r"missed[ \t]+calls?|number)[ \t]+from[ \t]*(?:a[ \t]+number[ \t]*)?"
    r"(?:[\"'\u2018\u201c][^\"'\u2019\u201d\n]{1,24}[\"'\u2019\u201d][ \t]*)?$"
)
_NUMBER_GIVEN = re.compile(
    r"(?i)\b(?:gave|give|gives|given|giving|uses|used|using|read[ \t]+out|wrote|written|"
    r"provided|left)\b[^\n]{0,40}$"
)


# Every alternative opens with "i", "we" or "my": the look-ahead skips every other place.
_WRITER_AS = re.compile(
    r"(?i)(?=[iwm])(?:\b(?:i|i'm|i[ \t]+am|we|we're|we[ \t]+are)[ \t]+(?:\w+[ \t]+)?"
    r"(?:write|writing|work|working|volunteer|volunteering|employed|act|acting|serve|serving|"
    r"trained|qualified|started|joined|contact\w*)[ \t]+as"
    r"|\bmy[ \t]+(?:role|capacity|job|position|post|work)[ \t]+as)"
    r"[ \t]+(?:(?:a|an|the|one[ \t]+of[ \t]+the|its|their)[ \t]+)?$"
)


# A plate the writer drives for work: "the school van (CY68 WDF)", "my moped reg is", a job
# sheet's "Van: YD70 HHS", "vehicle: moped WU70 RBX". A van or a car said of anyone else ("a
# white van", "his car") is no cue.
_WORK_VEHICLE = r"(?:van|moped|scooter|e-?bike|cab|taxi|lorry|wagon|minibus|bus|truck|pick-?up)"
_WRITERS_VEHICLE = re.compile(
    r"(?i)(?:\b(?:my|our|work|works|company|firm|pool|fleet|delivery|the[ \t]+(?:\w+[ \t]+)?"
    r"(?:school|work|works|company|firm|council|club|shop|practice|depot|hotel|church|site|"
    r"centre|nursery|college|pharmacy|surgery|office|team|crew|unit))[ \t]+"
    + _WORK_VEHICLE
    + r"|\b(?:pool|work|works|company|fleet|lease|hire|courtesy)[ \t]+car"
    + r"|(?:^|(?<=[^\w \t])|(?<=[ \t]{2}))[ \t]*(?:van|fleet)[ \t]*(?::|no\b\.?|number)"
    r"|\bvehicle[ \t]*:[ \t]*" + _WORK_VEHICLE + r"\b)"
    r"[^.!?\n]{0,24}$"
)


# A work vehicle named bare in a first-person sentence, as people list their work details: "I
# drive for ParcelDash, route M14, van reg PD21 KXZ", "moped plate AR22 ZPP", "Vehicle: fleet
# 34112 (MX22 KLV)". "a white van reg", "his van reg" and "the car reg" are someone else's.
# "plate 1143 on my Toyota Corolla", "in my silver Octavia": a make straight after "my" or "our".
_MY_VEHICLE = re.compile(r"(?i)\b(?:my|our)[ \t]+(?:own[ \t]+)?(?:[a-z-]+[ \t]+)?$")
# "I ride a grey Yamaha scooter with a green box, plate YD19 GXU": the plate of what the writer
# drives or rides, labelled as one, later in the same sentence.
_I_DRIVE_THEN_PLATE = re.compile(
    r"(?i)\bi[ \t]+(?:\w+[ \t]+)?(?:ride|drive|use)[ \t]+(?:a|an|the|my)?[ \t]*"
    r"[^.!?\n]{0,60}\b(?:plate|reg(?:istration)?)(?:[ \t]+(?:no\.?|number|is))?[ \t:]*$"
)
# Someone else in between: "I drive past and saw a man in a BMW, plate ...".
_SOMEONE_ELSE = re.compile(
    r"(?i)\b(?:saw|seen|see|spotted|noticed|past|behind|follow\w*|his|her|their|he|she|they|them|"
    r"him|man|men|woman|women|male|female|lad|boy|girl|someone|somebody|guy|bloke)\b"
)


def _drives_it(before: str) -> bool:
    match = _I_DRIVE_THEN_PLATE.search(before)
    return match is not None and _SOMEONE_ELSE.search(match.group()) is None


# "Vehicle: fleet 34112 (MX22 KLV)": a fleet number is the employer's, whoever writes it.
_FLEET_BEFORE = re.compile(r"(?i)\bfleet[ \t]*(?:no\.?|number)?[ \t]*\d+[ \t]*\(?[ \t]*$")
# A sentence the writer speaks in, or introduces themselves in ("tomek here, parcelgo driver").
_SPEAKS_OF_THEMSELVES = re.compile(
    r"(?i)\b(?:i|i'm|im|me|my|we|us|our|we're)\b|\b\w+[ \t]+here\b|\bthis[ \t]+is\b"
)
_BARE_WORK_VEHICLE = re.compile(
    r"(?i)(?:^|[,;:(\n]|\band\b)[ \t]*(?:work[ \t]+)?"
    + _WORK_VEHICLE
    + r"[ \t]*(?:reg(?:istration)?|plate|no\.?|number)[ \t]*(?:is|:)?[ \t]*$"
    r"|\bfleet[ \t]*(?:no\.?|number)?[ \t]*\d+[ \t]*\(?[ \t]*$"
)


_MY_STAFF = re.compile(
    r"(?i)\b(?:my|our)[ \t]+(?:[\w-]+[ \t]+)?(?:girl|girls|lad|lads|boy|boys)[ \t,]*$"
)
# A job word straight before a name, with nobody's before it: "student nurse Aisha", "charge
# hand Marcus" ("her social worker Kim" is someone else's).
_JOB_BEFORE_NAMES = ROLE_NOUNS - {"student", "pupil", "patient", "client", "resident", "tenant"}
_JOB_BEFORE_NAME = re.compile(
    r"(?i)(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!['\u2019]s )\b(?:"
    + "|".join(sorted(_JOB_BEFORE_NAMES, key=len, reverse=True))
    + r")[ \t,]*$"
)
_JOB_WORD_LETTERS = ascii_letters + "-"


def _job_before_name(before: str) -> bool:
    """Whether _JOB_BEFORE_NAME finds a job word at the end of ``before``. Its 130 alternatives
    tried at every place cost more than looking up the last word first: in ASCII text without a
    line break (where the pattern's letters are the text's letters and its $ the text's end), a
    job word that ends ``before`` is its last run of letters and hyphens, or the part after a
    hyphen ("key-worker", "co-worker")."""
    if before.isascii() and "\n" not in before:
        tail = before.rstrip(" \t,")
        parts = tail[len(tail.rstrip(_JOB_WORD_LETTERS)) :].lower().split("-")
        if not any("-".join(parts[i:]) in _JOB_BEFORE_NAMES for i in range(len(parts))):
            return False
    return _JOB_BEFORE_NAME.search(before) is not None


_AS_THEY_ASKED = re.compile(r"(?i)\bas[ \t]+$")
_ASKED_AFTER = re.compile(
    r"(?i)[ \t]+(?:has[ \t]+|had[ \t]+)?(?:said|asked|told|suggested|advised|requested|wanted|"
    r"instructed|agreed|recommended)\b"
)


def _clause_before(text: str, start: int) -> str:
    window = text[max(0, start - 80) : start]
    # After the last clause break, if any (rfind gives -1 where there is none).
    rfind = window.rfind  # each of _CLAUSE_BREAKS, without a generator a candidate
    cut = max(rfind("."), rfind("!"), rfind("?"), rfind(";"), rfind("\n")) + 1
    return window[cut:]
