"""Contact details that are the source's by where they stand: a number or address given straight
after the source's name or another of their contacts, the name shown with their address, a
number introduced as theirs ("my other phone is ..."), a labelled switchboard, mail headers.
"""

from __future__ import annotations

import re

from .compiled import DATE_START, PHONE_CANDIDATE
from .context import anchors, contains_any, cue_matches
from .spans import Span
from .tokens import TextIndex
from .vocabulary import PLACE_WORDS, word_set

ANY_EMAIL = r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+"
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
# Words, not "word:": the header pattern allows spaces and tabs before the colon.
_HEADER_CUES = ("from", "cc", "reply-to", "sent", "sender")
_HEADER_LINE = re.compile(
    r"(?im)^[ \t>]*(?P<field>from|cc|bcc|reply-to|sent\s+by|sender)[ \t]*:[ \t]*"
    r"(?P<value>\S[^\n]*)"
)
# A number or address the source calls their own: "my other phone is 07700 ...", "our direct
# line: ...". Line breaks are allowed inside: a pasted number may wrap.
_OWNED_CONTACT = re.compile(
    r"(?i:\b(?:my|our)\s+(?:(?:other|work|personal|direct|mobile|office|desk|own|new|usual|main|"
    r"team|second|private)\s+)*(?:phone|mobile|mob|number|no\.?|line|landline|tel|telephone|"
    r"extension|ext\.?|email|e-mail|address|cell|whatsapp)(?:\s+(?:number|no\.?|address))?\s*"
    r"(?:is|:|-|=|on)?\s*)(?P<contact>" + PHONE_CANDIDATE.pattern + "|" + ANY_EMAIL + ")"
)
# The source's own workplace and where it is: "our store at 200 Gloucester Road North, Filton
# BS34 7BQ", "my school on Colcot Road".
_WORKPLACE_ADDRESS = re.compile(
    r"(?i:\b(?:my|our)\s+(?:store|shop|school|surgery|pharmacy|practice|office|offices|hotel|"
    r"branch|clinic|centre|center|premises|site|building|base|depot|club|salon|garage|cafe|"
    r"restaurant|pub|venue|unit|hub|academy|college|nursery|workplace|reception|desk)\s+"
    r"(?:is\s+)?(?:at|on|in)\s+(?:the\s+)?)"
    r"(?P<address>(?P<number>\d{1,4}[A-Za-z]?,?[ \t]+)?(?P<street>[A-Z][\w'\u2019-]*"
    r"(?:[ \t]+[A-Z][\w'\u2019-]*){0,3})"
    r"(?:,[ \t]*[A-Z][a-z][\w'\u2019-]*(?:[ \t]+[A-Z][a-z][\w'\u2019-]*)?)?"
    r"(?:,?[ \t]*[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b)?)"
)
# The organisation's own address in an email footer: "Registered office: 1 Fulford Walk, Bristol
# BS13 9QX." Up to its postcode, or the end of the sentence or line.
_REGISTERED_ADDRESS = re.compile(
    r"(?i:\b(?:(?:registered|head)[ \t]+office)\b[ \t]*(?:is[ \t]+)?"
    r"(?:at[ \t]+)?[:\-]?[ \t]*)"
    r"(?P<address>\d[^\n]{2,100}?\b[A-Z]{1,2}\d[A-Z\d]?[ \t]*\d[A-Z]{2}\b"
    r"|[^\n]{3,100}?(?=\.(?:[ \t]|$)|\n|$))"
)
_REGISTERED_CUES = frozenset({"registered", "head"})
# Words the patterns above need among the text's words before they run.
_OWNED_CUES = frozenset({"my", "our"})
_OWNED_CONTACT_WORDS = word_set(
    "phone mobile mob number no line landline tel telephone extension ext email address cell "
    "whatsapp"
)
# Words before an address that are not a name shown with it: header words, labels, joiners.
_NOT_DISPLAY_NAMES = word_set(
    "from to cc bcc sent wrote on date reply-to sender email e-mail mail contact address me us "
    "at via is or and write"
)


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
        if match and not DATE_START.match(match["contact"]):
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
    labelled = contains_any(index.lowered, _SWITCHBOARD_GATE)
    for match in cue_matches(_LABELLED_SWITCHBOARD, index, _SWITCHBOARD_STARTS) if labelled else ():
        c_start, c_end = match.span("contact")
        found.append(
            Span(c_start, c_end, "phone", match["contact"], "organisation's switchboard or office")
        )
    owned = not _OWNED_CUES.isdisjoint(index.key_set)
    contacts = owned and not _OWNED_CONTACT_WORDS.isdisjoint(index.key_set)
    for match in cue_matches(_OWNED_CONTACT, index, ("my", "our")) if contacts else ():
        c_start, c_end = match.span("contact")
        found.append(
            Span(
                c_start, c_end, "phone", match["contact"], "contact detail the source calls theirs"
            )
        )
    for match in cue_matches(_WORKPLACE_ADDRESS, index, ("my", "our")) if owned else ():
        address = _street_address(match)
        if address:
            found.append(Span(*address, "address", text[slice(*address)], "source's workplace"))
    registered = "office" in index.key_set and not _REGISTERED_CUES.isdisjoint(index.key_set)
    for match in (
        cue_matches(_REGISTERED_ADDRESS, index, ("registered", "head")) if registered else ()
    ):
        a_start, a_end = match.span("address")
        found.append(
            Span(a_start, a_end, "address", match["address"], "organisation's registered address")
        )
    headers = ":" in text and contains_any(index.lowered, _HEADER_CUES)
    copied: list[tuple[int, int, str]] = []
    senders = False
    for match in _HEADER_LINE.finditer(text) if headers else ():
        v_start, v_end = match.span("value")
        value = match["value"]
        if "@" in value or any(s.start < v_end and s.end > v_start for s in spans):
            found.append(Span(v_start, v_end, "mailbox", value, "email header naming the sender"))
            senders = True
        elif match["field"].lower() in ("cc", "bcc"):
            copied.append((v_start, v_end, value))
    # The people the source copied in are their colleagues: "Cc: Patel, Anil".
    for v_start, v_end, value in copied if senders else ():
        found.append(Span(v_start, v_end, "colleague", value, "copied in on the source's email"))
    return found


def _street_address(match: re.Match[str]) -> tuple[int, int] | None:
    """Where the address after "our store at" lies; a street with no house number counts only
    when it is named as one ("Gloucester Road")."""
    start, end = match.span("address")
    street = match["street"].split()
    if not match["number"] and (not street or street[-1].lower() not in PLACE_WORDS):
        return None
    return start, end


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
