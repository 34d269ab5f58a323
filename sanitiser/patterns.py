"""Small helpers that turn a word into a forgiving regular expression (used for the few patterns
compiled once at import, such as titles)."""

from __future__ import annotations

import re
import unicodedata

from .vocabulary import APOSTROPHES

APOSTROPHE_CLASS = "['\u2019\u2018`]"


# Letters that carry no combining accent, so NFKD leaves them as they are, but that people type
# as plain ASCII all the same: "Paweł" is written "Pawel", "Søren" "Soren".
_UNDECOMPOSED = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h", "\u0131": "i", "ß": "ss",
     "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d"}
)  # fmt: skip


def strip_accents(value: str) -> str:
    if value.isascii():
        return value
    decomposed = unicodedata.normalize("NFKD", value.translate(_UNDECOMPOSED))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def letters(word: str) -> str:
    """Regex for ``word`` that tolerates curly or missing apostrophes, a hyphen or a space in
    double-barrelled names, and accents typed or not."""
    out: list[str] = []
    for char in word:
        if char in APOSTROPHES:
            out.append(f"{APOSTROPHE_CLASS}?")
        elif char == "-":
            out.append(r"[-\s]?")
        elif char.isspace():
            out.append(r"\s+")
        elif char == ".":
            out.append(r"\.?")
        else:
            base = strip_accents(char)
            if base and base != char:
                out.append(f"[{re.escape(char)}{re.escape(base)}]")
            else:
                out.append(re.escape(char))
    return "".join(out)


def insensitive(pattern: str) -> str:
    return f"(?i:{pattern})"


def alternation(patterns: list[str]) -> str:
    unique = list(dict.fromkeys(p for p in patterns if p))
    unique.sort(key=len, reverse=True)
    return "(?:" + "|".join(unique) + ")"
