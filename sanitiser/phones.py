"""UK phone numbers in any of the ways people type them."""

from __future__ import annotations

import re

# Between any two digits a writer may put a space, dash, dot, slash or bracket.
_SEPARATOR = r"[\s.\-()/]{0,3}"
_PREFIX = r"(?:(?:\+|00)\s*44\s*(?:\(\s*0\s*\)\s*)?|\(?0[\s)]*)?"
EXTENSION = r"(?:\s*[,(]?\s*(?i:ext(?:ension|n)?\.?|x)\s*:?\s*\d{1,5}\)?)?"

# Any UK-looking number: used only where the context says it belongs to the organisation.
ANY_UK_PHONE = (
    r"(?<![\d+])(?:(?:\+|00)\s*44\s*(?:\(\s*0\s*\)\s*)?|\(?\s*0)\d[\d\s.\-()]{7,15}\d" + EXTENSION
)


def national_number(raw: str) -> str:
    """The national significant number: "+44 (0)117 496 0123 ext. 204" -> "1174960123"."""
    without_extension = re.split(r"(?i)\s*(?:ext|extn|extension|x)\b", raw, maxsplit=1)[0]
    digits = re.sub(r"\D", "", without_extension)
    if digits.startswith("0044"):
        digits = digits[4:]
    elif digits.startswith("44") and len(digits) >= 12:
        digits = digits[2:]
    digits = digits.removeprefix("0")
    return digits if len(digits) >= 9 else ""


def phone_pattern(raw: str) -> str:
    """Regex matching this number with any prefix, grouping, separators and extension."""
    digits = national_number(raw)
    if not digits:
        return ""
    body = _SEPARATOR.join(digits)
    return rf"(?<![\d+]){_PREFIX}{body}(?!\d){EXTENSION}"


def looks_like_phone(candidate: str) -> bool:
    return len(national_number(candidate)) >= 9
