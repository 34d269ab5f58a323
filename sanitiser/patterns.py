"""Small helpers that turn a word or phrase into a forgiving regular expression."""

from __future__ import annotations

import re
import unicodedata

from .vocabulary import APOSTROPHES

APOSTROPHE_CLASS = "['\u2019\u2018`]"
POSSESSIVE = rf"(?:{APOSTROPHE_CLASS}s?)?"
WORD_START = r"(?<![\w@#/.\\-])"
WORD_END = r"(?![\w@]|-\w)"
SPACE = r"[ \t]+"
ANY_SPACE = r"\s+"


def strip_accents(value: str) -> str:
    if value.isascii():
        return value
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def letters(word: str) -> str:
    """Regex for ``word`` that tolerates the usual variation of the same spelling: curly or
    missing apostrophes, hyphen or space in double-barrelled names, accents typed or not."""
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


def capitalised(word: str) -> str:
    """Regex for ``word`` as a proper noun: capitalised as given, or in capitals."""
    title = word[:1].upper() + word[1:]
    if word[1:].islower() or not word[1:]:
        forms = {title, word.upper()}
    else:
        forms = {title, word.upper(), word[:1].upper() + word[1:].lower()}
    return "(?:" + "|".join(letters(form) for form in sorted(forms, key=len, reverse=True)) + ")"


def alternation(patterns: list[str]) -> str:
    unique = list(dict.fromkeys(p for p in patterns if p))
    unique.sort(key=len, reverse=True)
    return "(?:" + "|".join(unique) + ")"


def tokens_of(value: str) -> list[str]:
    return re.findall(r"[\w'\u2019&.-]+", value)
