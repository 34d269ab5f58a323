"""Numbers that point at a professional whoever they are: registration numbers (GMC, NMC, GPhC,
HCPC, Social Work England), staff and payroll numbers, bleeps, pagers and extensions; and the
source's own phone number spelt out in words ("oh seven seven double oh ...").

A registration or staff number is never subject information in a CPI text (a suspect's taxi
badge or a vehicle's registration is worded otherwise, and stays), so these go wherever they stand.
"""

from __future__ import annotations

import re

from .phones import national_number
from .spans import Span
from .tokens import TextIndex, matches_at, offsets_of

# The regulators' registers and the shape of a number on each (GMC and GPhC seven digits, NMC
# "09A1234E", HCPC and Social Work England "SW123456"), and the words a staff number is labelled
# with. A label may be followed by "reg(istration)", "no.", "number", "PIN", "ID". The shapes
# keep a plate such as "GMC 123X" (a GMC truck) out.
_LABEL_TAIL = (
    r"(?:[ \t]*(?:reg(?:istration)?\b\.?|registered|no\b\.?|number|pin\b|id\b|#|:|-))*[ \t]*"
)
_SOCIAL_CARE = (
    r"hcpc|swe|sssc|social[ \t]+work[ \t]+england|scottish[ \t]+social[ \t]+services[ \t]+council"
    r"|social[ \t]+care[ \t]+wales"
)
_PROFESSIONAL_NUMBER = re.compile(
    r"(?i)\b(?:"
    r"(?:gmc|gphc)\b" + _LABEL_TAIL + r"\d{7}"
    r"|nmc\b" + _LABEL_TAIL + r"\d{2}[a-z]\d{4}[a-z]"
    r"|(?:" + _SOCIAL_CARE + r")\b" + _LABEL_TAIL + r"(?:[a-z]{2,3}[ \t]?\d{4,7}|\d{5,7})"
    r"|gdc\b" + _LABEL_TAIL + r"\d{4,6}"
    r"|goc\b" + _LABEL_TAIL + r"(?:0?1|d)-?\d{4,6}"
    r"|(?:staff|employee|payroll|personnel)[ \t]*(?:id|no\b\.?|number|num\b|ref|#)"
    + _LABEL_TAIL
    + r"[a-z]{0,3}\d{3,10}"
    r")\b"
)
# An organisation's own register numbers: a school's Ofsted URN and DfE number, a practice's or
# pharmacy's ODS code, a CQC location, a company or charity number (in an email's footer). They
# name the organisation as surely as its name does.
_NO = r"(?:[ \t]*(?:no\b\.?|number|code|id\b|ref\b\.?))?[ \t]*[:#]?[ \t]*"
_ORGANISATION_NUMBER = re.compile(
    r"(?i)\b(?:"
    r"(?:ofsted[ \t]+)?urn" + _NO + r"\d{6}"
    r"|(?:dfe|laestab|la[ \t]?estab)(?:[ \t]+establishment)?" + _NO + r"\d{3}[ \t]*/?[ \t]*\d{4}"
    r"|ods" + _NO + r"(?:[a-z]\d{5}|f[a-z\d]{4})"
    r"|cqc(?:[ \t]+(?:provider|location))?" + _NO + r"1-\d{6,11}"
    r"|(?:company|charity|registration)(?:[ \t]+reg(?:istration|istered)?\b\.?)?[ \t]+"
    r"(?:no\b\.?|number)[ \t]*[:#]?[ \t]*(?:[a-z]{2})?\d{6,8}(?:-\d)?"
    r"|registered[ \t]+in[ \t]+(?:england|wales|scotland)(?:[ \t]+(?:and|&)[ \t]+wales)?,?"
    r"[ \t]+(?:under[ \t]+)?(?:company[ \t]+)?(?:no\b\.?|number)[ \t]*[:#]?[ \t]*\d{6,8}"
    r")\b"
)
_ORGANISATION_KEYS = frozenset(
    {"urn", "ofsted", "dfe", "laestab", "la", "ods", "cqc", "company", "charity", "registration"}
    | {"registered"}
)
# A bleep, pager or extension is an internal number: only staff have one.
_INTERNAL_NUMBER = re.compile(
    r"(?i)\b(?:bleep|pager|ext(?:ension|n)?\b\.?)[ \t]*(?:no\b\.?|number|:)?[ \t]*\d{2,6}\b"
)
# The words each pattern can begin with, looked up in the text's words before any pattern runs.
_NUMBER_KEYS = frozenset(
    {"gmc", "nmc", "gphc", "hcpc", "gdc", "goc", "swe", "social", "scottish", "sssc", "staff"}
    | {"employee", "payroll", "personnel"}
)
_INTERNAL_KEYS = frozenset({"bleep", "pager", "ext", "extn", "extension"})

_DIGIT_WORDS = {
    "zero": "0", "nought": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
    # "oh seven seven hundred nine hundred ...": a mobile's 07700 900 read the way it is said.
    "hundred": "00", "thousand": "000",
}  # fmt: skip
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
_SPOKEN_DIGIT = (
    r"(?:zero|nought|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple|treble|"
    r"hundred|thousand|\d+)"
)
# The look-ahead for the first letters of _SPOKEN_DIGIT's words, or a digit, skips other places.
_SPOKEN_RUN = re.compile(
    r"(?i)(?=[zontfsedh]|\d)(?<![\w])"
    + _SPOKEN_DIGIT
    + r"(?:[ \t,.\-]{1,3}"
    + _SPOKEN_DIGIT
    + r"){2,}(?![\w])"
)
# A UK number starts with a nought: read out, it is "oh", "zero" or "nought" (or a mobile's
# "seven"); a text with none of these holds no spoken number worth the pattern.
_SPOKEN_CUES = frozenset({"oh", "zero", "nought", "seven", "double", "hundred"})
# Or the number typed in part, digits then words: "07700 900 three one eight".
_DIGIT_WORD_KEYS = frozenset(_DIGIT_WORDS) - {"o", "oh", "hundred", "thousand"}
_SPOKEN_WORD = re.compile(r"[A-Za-z]+|\d+")


def professional_number_spans(index: TextIndex) -> list[Span]:
    """Registration, staff, bleep, pager and extension numbers, label and all."""
    found: list[Span] = []
    for keys, pattern, reason in (
        (_NUMBER_KEYS, _PROFESSIONAL_NUMBER, "professional's registration or staff number"),
        (_INTERNAL_KEYS, _INTERNAL_NUMBER, "bleep, pager or extension number"),
        (_ORGANISATION_KEYS, _ORGANISATION_NUMBER, "organisation's register number"),
    ):
        present = keys & index.key_set
        if not present:
            continue
        # Each pattern starts with a word boundary, so "next" does not start "ext 204".
        for match in matches_at(pattern, index.text, offsets_of(index.lowered, present)):
            found.append(Span(match.start(), match.end(), "number", match[0], reason))
    return found


def spoken_phone_spans(index: TextIndex, phones: dict[str, str]) -> list[Span]:
    """The source's number read out in words: "oh seven seven double oh, nine double oh ..."."""
    if not phones:
        return []
    keys = index.key_set
    if _SPOKEN_CUES.isdisjoint(keys) and not _digits_then_words(index):
        return []
    found: list[Span] = []
    for match in _SPOKEN_RUN.finditer(index.text):
        digits = spoken_digits(match[0])
        reason = phones.get(national_number(digits)) if len(digits) >= 10 else None
        if reason:
            found.append(Span(match.start(), match.end(), "phone", match[0], reason + " in words"))
    return found


def _digits_then_words(index: TextIndex) -> bool:
    """A digit word straight after a digit and a space: '900 three'."""
    lowered = index.lowered
    for word in _DIGIT_WORD_KEYS & index.key_set:
        position = lowered.find(" " + word)
        while position != -1:
            if position and lowered[position - 1].isdigit():
                return True
            position = lowered.find(" " + word, position + 1)
    return False


def spoken_digits(spoken: str) -> str:
    digits: list[str] = []
    repeat = 1
    for word in _SPOKEN_WORD.findall(spoken.lower()):
        if word in _REPEATS:
            repeat = _REPEATS[word]
            continue
        value = word if word.isdigit() else _DIGIT_WORDS.get(word, "")
        if value:
            digits.append(value[0] * repeat + value[1:])
        repeat = 1
    return "".join(digits)
