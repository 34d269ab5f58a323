"""Identifiers in one spelling each, so the same plate, phone, handle or person typed two ways
is one key in the index. Plain Python and `phonenumbers`; no Django."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import phonenumbers

DEFAULT_REGION = "GB"

_PLATE = re.compile(r"^[A-Z]{1,3}\d{1,4}[A-Z]{0,3}$|^[A-Z]{2}\d{2}[A-Z]{3}$|^\d{1,4}[A-Z]{1,3}$")
_POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*(\d[A-Z]{2})\b", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HANDLE_CHARS = re.compile(r"^[a-z0-9._]{2,30}$")
_URL_HANDLE = re.compile(r"(?i)(?:https?://)?(?:www\.)?[\w.-]+\.(?:com|net|me|co)/@?([\w.]+)")
_PLATFORM_PREFIX = re.compile(
    r"(?i)^(?:snap(?:chat)?|insta(?:gram)?|ig|tiktok|tt|x|twitter|facebook|fb|telegram|"
    r"whatsapp|discord|threads)\s*[:\-]?\s+"
)
_WORDS = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_TITLES = frozenset({"mr", "mrs", "miss", "ms", "mx", "dr", "master"})
_PLACE_STOP = frozenset({"the", "a", "an", "of", "on", "in", "at", "by"})


def plain(text: str) -> str:
    """Lower case without accents: "José" and "Jose" are one spelling."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def registration(raw: str) -> str:
    """'ab12 cde' -> 'AB12CDE'; '' when it cannot be a registration plate."""
    value = re.sub(r"[^A-Za-z0-9]", "", raw or "").upper()
    return value if 2 <= len(value) <= 8 and _PLATE.match(value) else ""


def phone(raw: str) -> str:
    """E.164 ('+447700900871') for a number that can exist; '' otherwise."""
    try:
        number = phonenumbers.parse(raw or "", DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return ""
    if not phonenumbers.is_possible_number(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phones_in(text: str) -> list[str]:
    """Every number in a field that may hold several ('07700 900871 or 0117 496 0001')."""
    found = [
        phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        # POSSIBLE, not VALID: Ofcom's drama range (07700 900xxx) is what fiction uses.
        for match in phonenumbers.PhoneNumberMatcher(
            text or "", DEFAULT_REGION, leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    return list(dict.fromkeys(found))


def handle(raw: str) -> str:
    """'@TinyMan_BS5', 'snapchat: tinyman_bs5', 'instagram.com/tinyman_bs5' -> 'tinyman_bs5'."""
    value = (raw or "").strip()
    url = _URL_HANDLE.search(value)
    if url:
        value = url.group(1)
    value = _PLATFORM_PREFIX.sub("", value).strip().lstrip("@").rstrip(".").lower()
    return value if _HANDLE_CHARS.match(value) and not value.isdigit() else ""


def email(raw: str) -> str:
    match = _EMAIL.search(raw or "")
    return match.group(0).lower() if match else ""


def postcodes_in(text: str) -> list[str]:
    """Full UK postcodes, 'bs16 3ab' -> 'BS16 3AB' (districts alone are too wide to link)."""
    return list(dict.fromkeys(f"{a.upper()} {b.upper()}" for a, b in _POSTCODE.findall(text or "")))


def postcode(raw: str) -> str:
    found = postcodes_in(raw)
    return found[0] if found else ""


def name_tokens(raw: str) -> list[str]:
    """'Mr Kyle  Mendes-Silva' -> ['kyle', 'mendes', 'silva'], titles dropped."""
    words = [w.replace("\u2019", "'") for w in _WORDS.findall(plain(raw))]
    return [w for w in words if w not in _TITLES]


def person_name(raw: str) -> str:
    return " ".join(name_tokens(raw))


def place_name(raw: str) -> str:
    """'The Co-op, Fishponds Road' -> 'co op fishponds road'; '' when too short to mean one
    place (a single short word such as 'park' would link half the county)."""
    words = [w for w in _WORDS.findall(plain(raw)) if w not in _PLACE_STOP]
    value = " ".join(words)
    return value if len(words) >= 2 or len(value) >= 8 else ""


_SOUNDEX = str.maketrans("bfpvcgjkqsxzdtlmnr", "111122222222334556")


@lru_cache(maxsize=65536)
def soundex(word: str) -> str:
    """American Soundex: Mendes/Mendez, Yusuf/Yousef and Aleksandr/Alexander share a key."""
    letters = [ch for ch in plain(word) if "a" <= ch <= "z"]
    if not letters:
        return ""
    first = letters[0]
    digits = []
    previous = first.translate(_SOUNDEX) if first.translate(_SOUNDEX).isdigit() else ""
    for ch in letters[1:]:
        code = ch.translate(_SOUNDEX)
        if code.isdigit():
            if code != previous:
                digits.append(code)
            previous = code
        elif ch not in "hw":  # h and w do not separate two equal codes; vowels do
            previous = ""
    return (first.upper() + "".join(digits) + "000")[:4]
