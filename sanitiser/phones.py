"""UK phone numbers in any of the ways people type them."""

from __future__ import annotations

import re
from functools import lru_cache

# "ext. 204", "x204", "(extension 12)" after a number.
# A hospital's "bleep 4432" or "pager 4432" after its switchboard is an extension of the same kind.
EXTENSION = (
    r"(?:\s*[,(]?\s*(?i:ext(?:ension|n)?\.?|x|bleep|pager)\s*:?\s*(?i:no\.?)?\s*\d{1,5}\)?)?"
)
# "x45" has no word boundary after the x, so digits straight after it also start an extension.
_EXTENSION_START = re.compile(r"(?i)\s*(?:extension|extn|ext|bleep|pager|x)(?:\b|(?=\d))")
_NON_DIGIT = re.compile(r"\D")


@lru_cache(maxsize=4096)
def national_number(raw: str) -> str:
    """The national significant number: "+44 (0)117 496 0123 ext. 204" -> "1174960123".

    Two numbers are the same number when these digits are the same, however they were typed.
    """
    if not raw:
        return ""
    without_extension = _EXTENSION_START.split(raw, maxsplit=1)[0]
    digits = _NON_DIGIT.sub("", without_extension)
    if digits.startswith("0044"):
        digits = digits[4:]
    elif digits.startswith("44") and len(digits) >= 12:
        digits = digits[2:]
    digits = digits.removeprefix("0")
    return digits if len(digits) >= 9 else ""


# "07700 900321 or 0117 496 0321", "mob / home": a phone field may hold more than one number.
_NUMBER_SEPARATOR = re.compile(r"(?i)\s*(?:\bor\b|\band\b|/|;|&|,)\s*")


def field_numbers(raw: str) -> list[str]:
    """Each number typed into one phone field, with any extension kept beside its number."""
    pieces: list[str] = []
    for piece in _NUMBER_SEPARATOR.split(raw or ""):
        if pieces and len(_NON_DIGIT.sub("", piece)) < 9:
            pieces[-1] += " " + piece  # "0117 496 0123, ext 204": the extension, not a number
        else:
            pieces.append(piece)
    return [number for number in (national_number(piece) for piece in pieces) if number]
