"""The export gate's own check: simple, high-recall, and blind in different places from the
sanitiser's proposal.

The proposal reads context (who is a colleague, which "Hall" is a place) and so can be talked out
of a removal. This screen reads no context. It normalises the text (Unicode NFKC and case
folding, look-alike letters from other scripts mapped to Latin, zero-width and combining marks
removed, digits and symbols read as the letters they look like, punctuation inside a word and
spaced-out letters read as one word) and then looks for every piece of the source's identity:

- every token of 2+ letters of their name and aliases ("Hall", "Young" and "Rose" included);
- their email address, its local part's tokens and its distinctive domain labels (not gmail,
  outlook, nhs.net or the like);
- the subscriber digits of each of their phone numbers, in any spacing or punctuation, and the
  same digits written as words ("seven seven zero zero ...");
- the distinctive words of their organisation and team (not "school", "surgery", "the", "NHS"),
  acronyms included.

A hit is ignored only when it lies wholly inside an occurrence of an `allowed` phrase: the names
and nicknames of the people at risk and of the persons of concern as the professional entered
them, and phrases the handler marked as a subject's.

This module must not share the proposal's code or word lists, so it imports nothing from the rest
of the sanitiser but SourceIdentity; the word lists below are its own and deliberately short. It
reads look-alike letters from Unicode's confusables data (the confusable-homoglyphs package) and
finds the numbers in the source's phone field with phonenumbers.

Every record has its own source, so nothing is compiled per identity (a regular expression of a
source's tokens took about 10 ms to compile): an identity becomes lists of target tokens, and
each text is read by patterns compiled once at import. A token is looked for by the start of
its spelling with look-alikes folded together (`str.find`, in C) and confirmed by a small
matcher that tries the targets in the order, and with the backtracking, the old single regular
expression had, run only where a spelling starts or where punctuation splits a word. The phone
library is asked about the source's numbers only when a text holds digits it could matter for,
and the allowed phrases are read only when a hit's letters are among a phrase's. About 2,800
texts of 250 words a second on one core with a new source (and new allowed phrases) for each,
4,800 for a source seen before (the old regular expressions: 130 and 3,000).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import accumulate, product

import phonenumbers
from confusable_homoglyphs import utils as _confusable_data

from .identity import SourceIdentity

KINDS = ("name", "email", "phone", "organisation")


@dataclass(frozen=True)
class ScreenHit:
    """One place the screen found a piece of the source's identity: offsets into the ORIGINAL
    text, and the kind of identifier (never its value)."""

    start: int
    end: int
    kind: str


# --- Normalisation ------------------------------------------------------------------------------
def _confusable_map() -> dict[str, str]:
    """Each non-ASCII character whose Unicode confusable prototype is ASCII, mapped to it.

    From the Unicode Consortium's confusables data (UTS #39) as the confusable-homoglyphs package
    ships it: Cyrillic a, e, o (U+0430, U+0435, U+043E), Greek omicron and the like read as the
    Latin letters they imitate.
    """
    mapping: dict[str, str] = {}
    for char, homoglyphs in _confusable_data.load("confusables.json").items():
        if len(char) != 1 or char.isascii():
            continue
        for homoglyph in homoglyphs:
            plain = "".join(
                c for c in unicodedata.normalize("NFD", homoglyph["c"]) if not _is_mark(c)
            )
            if plain.isascii() and plain.strip() and (len(plain) == 1 or plain.isalpha()):
                mapping[char] = plain.lower()
                break
    return mapping


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me")


def _is_invisible(char: str) -> bool:
    """Zero-width and format characters, combining marks, and the Hangul fillers that render as
    nothing: typed between letters to split a word for a matcher but not for a reader."""
    if unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf"):
        return True
    return "FILLER" in unicodedata.name(char, "")


_LATIN_NAME = re.compile(r"^LATIN (?:SMALL|CAPITAL) LETTER (?:DOTLESS )?([A-Z]{1,2})(?: WITH .+)?$")
_CONFUSABLES = _confusable_map()
# Per character: what it normalises to (often itself). Filled as characters are met.
_CHAR_CACHE: dict[str, str] = {}
_CHAR_CACHE_LIMIT = 200_000
_NON_ASCII_RUNS = re.compile(r"([^\x00-\x7f]+)")
_FEW_NON_ASCII = 64


def _normalise_char(char: str) -> str:
    out: list[str] = []
    for folded in unicodedata.normalize("NFKC", char).casefold():
        for part in unicodedata.normalize("NFD", folded):
            if part.isascii():
                out.append(part.lower())
            elif _is_invisible(part):
                continue
            elif unicodedata.decimal(part, None) is not None:
                out.append(str(unicodedata.decimal(part)))
            elif part in _CONFUSABLES:
                out.append(_CONFUSABLES[part])
            else:
                # "ø", "ł", "đ": a Latin letter with a stroke has no decomposition; its name says
                # which letter it is.
                latin = _LATIN_NAME.match(unicodedata.name(part, ""))
                out.append(latin[1].lower() if latin else part)
    return "".join(out)


def _char_form(char: str) -> str:
    form = _CHAR_CACHE.get(char)
    if form is None:
        form = _normalise_char(char)
        if len(_CHAR_CACHE) < _CHAR_CACHE_LIMIT:
            _CHAR_CACHE[char] = form
    return form


def _split_non_ascii(text: str) -> list[str]:
    """As _NON_ASCII_RUNS.split(text): ASCII pieces at even places, the others between them.
    Where the text has few, they are found by encoding it (C, fast) rather than by the regex."""
    encoded = text.encode("ascii", "replace")  # one "?" for each other character
    places: list[int] = []
    at = encoded.find(b"?")
    while at >= 0 and len(places) <= _FEW_NON_ASCII:
        if text[at] != "?":
            places.append(at)
        at = encoded.find(b"?", at + 1)
    if len(places) > _FEW_NON_ASCII:
        return _NON_ASCII_RUNS.split(text)
    pieces: list[str] = []
    start = 0
    for at in places:
        pieces += (text[start:at], text[at])
        start = at + 1
    pieces.append(text[start:])
    return pieces


def _normalise(text: str) -> tuple[str, Sequence[int]]:
    """As normalise_for_screen, with the index as a range when it is the identity (most texts)."""
    if text.isascii():
        return text.lower(), range(len(text))
    # Odd pieces are runs of non-ASCII characters; an ASCII character's form is itself, lowered.
    pieces = _split_non_ascii(text)
    forms = {char: _char_form(char) for piece in pieces[1::2] for char in piece}
    if all(len(form) == 1 for form in forms.values()):
        # One character for one: every offset is kept.
        pieces[0::2] = [piece.lower() for piece in pieces[0::2]]
        pieces[1::2] = ["".join([forms[char] for char in piece]) for piece in pieces[1::2]]
        return "".join(pieces), range(len(text))
    forms = {char: _char_form(char) for char in set(text)}
    out: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        form = forms[char]
        if form:
            out.append(form)
            index.extend([position] * len(form))
    return "".join(out), index


def normalise_for_screen(text: str) -> tuple[str, list[int]]:
    """The text as the screen reads it, and for each of its characters the index of the
    character of `text` it came from.

    NFKC, case folding, combining marks and zero-width characters removed, and letters of other
    scripts that imitate Latin ones mapped to them. Look-alike digits and symbols (0 for o, 4 for
    a, $ for s) and punctuation inside a word are left in place: the matcher reads both readings.
    """
    normal, index = _normalise(text)
    return normal, list(index)


# --- The text's shape ---------------------------------------------------------------------------
# The scans below read a normalised text's "shape": the same length, every ASCII character kept
# (other white space than a line break read as a space) and every other character replaced by an
# ASCII one of its class: "q" for a letter, "#" for a symbol, " " for a space. Their patterns can
# then use plain ASCII classes, which the regex engine tests from a table.
_ODD_SPACES = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f"
_OTHER_SPACES = str.maketrans(dict.fromkeys(_ODD_SPACES, " "))
_STAND_INS: dict[str, str] = {}
_A = "a-zA-Z0-9"  # letters and digits: a word character but the underscore
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ALNUM = _LETTERS | frozenset("0123456789")
# Punctuation and symbols (the underscore included): what may split a word ("Sa-rah").
_GAP_CHARS = frozenset(chr(c) for c in range(128)) - _ALNUM - frozenset(" \n")
# Symbols that stand for a letter ("5@r@h", "$arah", "H!ll", "+om").
_LETTER_SYMBOLS = "@$!|+"
_PIECES = _ALNUM | frozenset(_LETTER_SYMBOLS)
_NO_GAPS = str.maketrans(dict.fromkeys(_GAP_CHARS))


def _stand_in(char: str) -> str:
    if char.isspace():
        return " "
    if char.isalnum():
        # Never met: the normalisation writes every decimal digit in ASCII.
        return "5" if char.isdecimal() else "q"
    return "#"


def _shape_of(char: str) -> str:
    shape = _STAND_INS.get(char)
    if shape is None:
        shape = char if char.isascii() else _stand_in(char)
        if len(_STAND_INS) < _CHAR_CACHE_LIMIT:
            _STAND_INS[char] = shape
    return shape


def _stand_ins(match: re.Match[str]) -> str:
    return "".join([_shape_of(char) for char in match[0]])


def _shape(normal: str) -> str:
    ascii_text = normal if normal.isascii() else _NON_ASCII_RUNS.sub(_stand_ins, normal)
    return ascii_text.translate(_OTHER_SPACES)


# --- Look-alikes --------------------------------------------------------------------------------
# What each letter may be written as. "1" is read both ways, as i and as l.
_LOOKALIKE_CHARS = {
    "a": "a4@",
    "b": "b8",
    "e": "e3",
    "i": "i1!|",
    "l": "l1|",
    "o": "o0",
    "s": "s5$",
    "t": "t7+",
}
# Letters also written as two: "rn" for m, "vv" for w.
_PAIRS = {"m": "rn", "w": "vv"}
# Each look-alike read as one letter (i and l as one), for finding a target's spelling.
_FOLD = str.maketrans(
    {
        char: "i" if letter == "l" else letter
        for letter, chars in _LOOKALIKE_CHARS.items()
        for char in chars
    }
)
# Punctuation and the symbols taken out, the rest folded.
_NO_GAPS_FOLDED = {**_FOLD, **_NO_GAPS}
# Everything but letters and digits taken out, the rest folded.
_ROW_OF_LETTERS = {
    **_FOLD,
    **dict.fromkeys(c for c in range(128) if not chr(c).isalnum()),
}
_HAS_LETTER_SYMBOL = re.compile(r"[@$!|+]")
# The regular expression each target would be, kept to order the allowed phrases as before.
_LOOKALIKES = {
    **{letter: f"[{re.escape(chars)}]" for letter, chars in _LOOKALIKE_CHARS.items()},
    "m": "(?:m|rn)",
    "w": "(?:w|vv)",
}
# Punctuation inside a word ("Sa-rah", "s.a.r.a.h", "O'Neil"): never a space. Bounded, so a text
# of a thousand "@" cannot make the matcher backtrack for long.
_GAP = r"(?:[^\w\s]|_){0,3}"
_MAX_GAP = 3
_SEPARATOR = r"(?:[\W_])+"

# --- Patterns -----------------------------------------------------------------------------------
# Each reads the text's shape or its image. Letters of scripts written without spaces between
# words: a name there has no word boundary.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
_WORD_PIECES = re.compile(r"[^\W_]+")
_LETTER_PIECES = re.compile(r"[^\W\d_]+")


# The text's image: its shape with one character for each class, so that a scan can start
# from one literal character, which the regex engine finds fastest. "a" a letter, "0" a digit,
# "@" a symbol that stands for a letter, " " a space, a line break, "." any other character.
def _image_of(char: str) -> str:
    if char in _LETTERS:
        return "a"
    if char in _ALNUM:
        return "0"
    if char in _LETTER_SYMBOLS:
        return "@"
    return "." if char in _GAP_CHARS else char


_IMAGE = str.maketrans({char: _image_of(char) for char in map(chr, range(128))})
# Punctuation between two letters or digits, no space: where a target may be split ("Sa-rah").
# The two first characters the gap may have, each searched for on its own.
_IN_WORD_GAPS = [re.compile(rf"{first}(?<=[a0@].)[.@]{{0,2}}(?=[a0@])") for first in (r"\.", "@")]
# Where a word may start inside such a stretch: no letter before.
_WORD_START = re.compile(r"[a0@](?<!a.)")
# Single letters or digits set apart by spaces or punctuation: "S a r a h", "S. A. R. A. H.",
# "5 @ r @ h" (a symbol that stands for a letter is a letter here, not a gap). Matched from the
# first gap, the letter before it looked at behind: the run starts one character before. Where
# one may start is found first, from each character a gap may start with.
_SPACED_RUN = re.compile(
    r"[ .](?<=[a0@].)(?<![a0][a0@].)[ .]{0,2}[a0@](?![a0])(?:[ .]{1,3}[a0@](?![a0]))*"
)
_SPACED_RUN_STARTS = [
    re.compile(rf"{first}(?<![a0]..)(?<=[a0@].)[ .]{{0,2}}[a0@](?![a0])") for first in (" ", r"\.")
]
# Two single letters or digits with a space between them: the sign of a spaced-out run, without
# which a run is not read. Searched with a space put before the image.
_SPACED_HINT = re.compile(r"[^a0][a0@][ .]{0,2}[ \n][ .]{0,2}[a0@](?![a0])")
# A written number: digits with up to three spaces or punctuation marks between them, letters O,
# I and L among them read as 0 and 1 ("O77OO 9OO I23").
_DIGIT_RUN = re.compile(rf"[0-9o](?<![a-zA-Z].)(?:[^{_A}\n]{{0,3}}[0-9oil|])+")
_LETTER_TAIL = re.compile(rf"[^{_A}\n]+[oil|]+$")
_AS_DIGITS = str.maketrans({"o": "0", "i": "1", "l": "1", "|": "1"})
# The shape with what may stand between the digits of a written number taken out and what ends
# one (another letter, a line break) left as "x".
_DIGITS_ONLY = str.maketrans(
    {
        **dict.fromkeys(map(chr, range(128)), None),
        **{digit: digit for digit in "0123456789"},
        **dict.fromkeys("abcdefghjkmnpqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", "x"),
        "\n": "\n",
        "o": "0",
        "i": "1",
        "l": "1",
        "|": "1",
    }
)
_NOT_DIGITS = re.compile(r"\D")
_MIN_REAL_DIGITS = 4
_NUMBER_WORDS = {
    "zero": "0",
    "nought": "0",
    "oh": "0",
    "o": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    # "seven seven hundred nine hundred": 7700 900, as a mobile is said aloud.
    "hundred": "00",
    "thousand": "000",
}
_DIGIT_WORDS = {
    digit: tuple(word for word, value in _NUMBER_WORDS.items() if value[0] == digit)
    for digit in "0123456789"
}
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
_NUMBER_WORD = "|".join(sorted([*_NUMBER_WORDS, *_REPEATS], key=len, reverse=True))
_WORDED_NUMBER = re.compile(
    rf"(?<![{_A}])(?:{_NUMBER_WORD})(?:[^{_A}\n]+(?:{_NUMBER_WORD})){{5,}}(?![{_A}])"
)
_NUMBER_WORD_PAIR = re.compile(rf"(?:{_NUMBER_WORD})[^{_A}_\n]+(?:{_NUMBER_WORD})(?![{_A}])")
_LOWER_WORDS = re.compile(r"[a-z]+")
_PHONE_SUFFIX = 7
# Calling codes whose numbers the phone library rewrites in the middle (Argentina's "15",
# San Marino's "0549"): only after them can a number's last digits be other than the field's.
_REWRITTEN_PREFIXES = ("+54", "+378", "0054", "00378")
_NOT_PLUS_OR_DIGIT = re.compile(r"[^\d+]")
_DIGIT_GROUPS = re.compile(r"\d+")
_SIMPLE_PHONE = re.compile(r"[\d\s()+\-./]*\Z")
# Groups of digits with up to three other characters between each (not a line break).
_ONE_RUN = re.compile(r"\D*\d+(?:[^\d\n]{1,3}\d+)*\D*\Z")
_MAX_DIGIT_GROUP = 20  # the library reads a longer group in pieces
_PHONE_PARTS = re.compile(r"[/,;]|\b(?:or|and)\b")
_EMAIL_ADDRESSES = re.compile(r"\S+@\S+")
_URL_SCHEME = re.compile(r"^[a-z]+://")
_NICKNAME_SPLIT = re.compile(r"[\n,;/]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that say nothing about who someone is. Titles are not part of a name's tokens.
_TITLES = _words(
    "mr mrs ms miss mx dr prof professor rev revd sir dame lady lord sister brother father"
    " cllr pc ds dc sgt insp"
)
_POST_NOMINALS = _words("rn rgn rmn bsc msc phd mbbs mrcgp pgce qts hons frcp")
_SMALL_WORDS = _words("the of and for at in on")
_GENERIC_ORG_WORDS = _words(
    "the of and for at in on an a to by with uk england wales nhs trust foundation"
    " ltd limited plc llp inc co company cic group services service solutions partnership"
    " school schools academy academies primary secondary junior juniors infant infants"
    " nursery preschool pre college sixth form high grammar free federation university"
    " surgery practice medical health healthcare clinic hospital centre center pharmacy"
    " chemist chemists dental dentist dentists vets veterinary church c e ce cofe rc"
    " catholic st saint council city county borough district department dept team unit"
    " association society club charity care home homes housing hotel hotels taxi taxis"
    " cars security international national local authority office branch store stores"
    " shop supermarket station police support project network community youth family"
    " families children childrens social counselling mental"
)
_GENERIC_MAIL_DOMAINS = _words(
    "gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol proton"
    " protonmail gmx btinternet sky virginmedia talktalk mail email"
)
_GENERIC_DOMAIN_LABELS = _words(
    "com org net uk co gov sch ac nhs police pnn gsi gcsx edu info biz io ltd plc www"
    " mail email smtp web cjsm mod mil int eu ie scot wales cymru"
)
_GENERIC_MAILBOXES = _words(
    "info admin office reception enquiries enquiry contact hello mail team safeguarding"
    " dsl head headteacher school surgery pharmacy noreply no reply"
)

_GENERIC_LOCAL = _GENERIC_MAILBOXES | _GENERIC_ORG_WORDS


# --- The source's tokens ------------------------------------------------------------------------
def _split_words(value: str) -> list[str]:
    return _normalise(value)[0].split()


@lru_cache(maxsize=1024)
def _name_tokens(value: str) -> frozenset[str]:
    tokens: set[str] = set()
    words = _split_words(value.replace(",", " "))
    # "Dr Sarah Hughes": a title before the name is not part of it ("John Lord" keeps "Lord").
    while len(words) > 1 and words[0].strip(".()") in _TITLES:
        words.pop(0)
    for word in words:
        pieces = _LETTER_PIECES.findall(word)
        if len(pieces) == 1 and pieces[0] in _POST_NOMINALS and len(words) > 1:
            continue
        tokens.update(piece for piece in pieces if len(piece) >= 2)
        if len(pieces) > 1:
            tokens.add("".join(pieces))  # "O'Neil" read as "ONeil"; "Pritchard-Jones" whole
    whole = "".join(piece for word in words for piece in _LETTER_PIECES.findall(word))
    if len(words) > 1 and len(whole) >= 4:
        tokens.add(whole)  # "@sarahhughes": the name run together, as in a handle
    return frozenset(tokens)


@lru_cache(maxsize=1024)
def _organisation_tokens(value: str) -> frozenset[str]:
    tokens: set[str] = set()
    initials: list[str] = []
    for word in _split_words(value):
        pieces = _WORD_PIECES.findall(word)
        # Short acronyms ("KWA", "NVFT") stay: only the generic words go.
        tokens.update(
            piece
            for piece in pieces
            if sum(map(str.isalpha, piece)) >= 2 and piece not in _GENERIC_ORG_WORDS
        )
        if len(pieces) > 1 and "".join(pieces) not in _GENERIC_ORG_WORDS:
            tokens.add("".join(pieces))  # "St Anne's" read as "annes", "A-Z Cars" as "az"
        if pieces and pieces[0] not in _SMALL_WORDS:
            initials.append(pieces[0][0])
    if len(initials) >= 3:
        tokens.add("".join(initials))  # "Kings Weston Academy" goes by "KWA"
    return frozenset(tokens)


@lru_cache(maxsize=1024)
def _domain_tokens(domain: str) -> frozenset[str]:
    """The distinctive label of a domain: the first that is not generic. "kingsweston" in
    kingsweston.bristol.sch.uk (the area after it is a place the log may need); nothing for
    web mail."""
    labels = [label for label in domain.split(".") if label]
    distinctive = [label for label in labels if label not in _GENERIC_DOMAIN_LABELS]
    if not distinctive or distinctive[0] in _GENERIC_MAIL_DOMAINS:
        return frozenset()
    pieces = _WORD_PIECES.findall(distinctive[0])
    tokens = {p for p in pieces if len(p) >= 2 and p not in _GENERIC_DOMAIN_LABELS}
    if len(pieces) > 1:
        tokens.add("".join(pieces))  # "brightlock-security" read whole too
    return frozenset(tokens)


@lru_cache(maxsize=1024)
def _email_targets(value: str) -> tuple[frozenset[str], frozenset[str]]:
    """(tokens, whole addresses) of an email field, normalised."""
    tokens: set[str] = set()
    addresses: set[str] = set()
    for address in _EMAIL_ADDRESSES.findall(_normalise(value)[0]):
        address = address.strip("<>()[],;:.'\"")
        local, _, domain = address.rpartition("@")
        pieces = _LETTER_PIECES.findall(local) + _WORD_PIECES.findall(local)
        # "store2231@", "family.support@": a generic word in a mailbox says nothing on its own.
        tokens.update(
            p for p in pieces if sum(map(str.isalpha, p)) >= 2 and p not in _GENERIC_LOCAL
        )
        joined = "".join(_WORD_PIECES.findall(local))
        if len(joined) >= 3 and joined not in _GENERIC_MAILBOXES:
            tokens.add(joined)
        tokens |= _domain_tokens(domain)
        whole = "".join(_WORD_PIECES.findall(address))
        if whole:
            addresses.add(whole)
    return frozenset(tokens), frozenset(addresses)


@lru_cache(maxsize=1024)
def _website_tokens(value: str) -> frozenset[str]:
    host = _URL_SCHEME.sub("", _normalise(value.strip())[0]).split("/", 1)[0]
    return _domain_tokens(host)


def _by_length(tokens: Iterable[str]) -> list[str]:
    # Longest first, so "sarahhughes" is read whole before "sarah".
    return sorted(sorted(tokens), key=len, reverse=True)  # sorting is stable


# --- Phone numbers ------------------------------------------------------------------------------
def _run_digits(run: str) -> str:
    """The digits of a written number, or "" when too few of its characters are real digits to
    call it a number ("oil", "lol")."""
    if sum(map(str.isdigit, run)) < _MIN_REAL_DIGITS:
        return ""
    return _NOT_DIGITS.sub("", run.translate(_AS_DIGITS))


def _words_to_digits(words: str) -> str:
    digits: list[str] = []
    repeat = 1
    for word in _LOWER_WORDS.findall(words):
        if word in _REPEATS:
            repeat = _REPEATS[word]
            continue
        digits.append(_NUMBER_WORDS[word] * repeat)
        repeat = 1
    return "".join(digits)


@lru_cache(maxsize=1024)
def _library_suffixes(plain: str) -> frozenset[str]:
    """The last seven digits of the national significant number of each number phonenumbers
    finds in a normalised field (what stays the same however the number is written: +44 (0)20...,
    020..., 0044 20...). About a tenth of a millisecond: asked only when it may matter."""
    numbers = {
        phonenumbers.national_significant_number(match.number)
        for match in phonenumbers.PhoneNumberMatcher(
            plain, "GB", leniency=phonenumbers.Leniency.POSSIBLE
        )
    }
    return frozenset(number[-_PHONE_SUFFIX:] for number in numbers if len(number) >= _PHONE_SUFFIX)


class _Phones:
    """The source's phone numbers: the last seven digits of each, however the field writes them.

    Each field's digit runs are read here; what phonenumbers finds in the field is asked for only
    when a text holds a run of digits that has seven of the field's digits in a row but none of
    the suffixes already known. Whatever the library finds ends in such a row: its national
    number is the digits of part of the field, less a country code, trunk prefix or extension,
    except under the few calling codes whose numbers it rewrites (asked at once for those). In a
    field of digits, spaces and ()+-./ alone, that part ends where a group of digits does.
    """

    def __init__(self, values: Iterable[str]):
        self.known: set[str] = set()
        self.windows: set[str] = set()  # seven of a field's digits in a row, suffix unknown
        self.unasked: list[str] = []
        for value in values:
            plain = _normalise(value)[0]
            groups = _DIGIT_GROUPS.findall(plain)
            if not groups:
                continue
            digits = "".join(groups)
            simple = _SIMPLE_PHONE.match(plain)
            if simple and "/" not in plain and _ONE_RUN.match(plain):
                # One run of digits (what the loop below would find, found at once).
                if len(digits) >= _PHONE_SUFFIX:
                    self.known.add(digits[-_PHONE_SUFFIX:])
            else:
                # However the field is written: the suffix needs no country code or trunk 0 off.
                for part in _PHONE_PARTS.split(plain):
                    for run in _DIGIT_RUN.finditer(_shape(part)):
                        run_digits = _run_digits(part[run.start() : run.end()])
                        if len(run_digits) >= _PHONE_SUFFIX:
                            self.known.add(run_digits[-_PHONE_SUFFIX:])
            plus_and_digits = _NOT_PLUS_OR_DIGIT.sub("", plain)
            if any(prefix in plus_and_digits for prefix in _REWRITTEN_PREFIXES):
                self.known |= _library_suffixes(plain)
                continue
            if len(digits) < _PHONE_SUFFIX:
                continue
            self.unasked.append(plain)
            if simple and max(map(len, groups)) <= _MAX_DIGIT_GROUP:
                # Only digits, spaces and ()+-./: the library's numbers end where a group does.
                ends = [end for end in accumulate(map(len, groups)) if end >= _PHONE_SUFFIX]
            else:
                ends = list(range(_PHONE_SUFFIX, len(digits) + 1))
            self.windows.update(digits[end - _PHONE_SUFFIX : end] for end in ends)
        self.windows -= self.known
        self.asked: frozenset[str] | None = None

    def __bool__(self) -> bool:
        return bool(self.known or self.windows)

    def within(self, digits: str) -> bool:
        """Whether a suffix of the source's numbers is in these digits."""
        if any(map(digits.__contains__, self.known)):
            return True
        if not any(map(digits.__contains__, self.windows)):
            return False
        if self.asked is None:
            self.asked = frozenset().union(*map(_library_suffixes, self.unasked))
        return any(map(digits.__contains__, self.asked))

    def lines_to_read(self, shape: str) -> list[tuple[int, int]]:
        """The lines of the text whose digits, what may stand between them taken out, hold a
        suffix or a row of seven of the field's digits: only there can a run of digits hold a
        suffix (a run does not cross a line break)."""
        digits = shape.translate(_DIGITS_ONLY)
        lines: set[int] = set()
        for row in self.known | self.windows:
            at = digits.find(row)
            while at >= 0:
                lines.add(digits.count("\n", 0, at))
                at = digits.find(row, at + 1)
        if not lines:
            return []
        breaks = [-1]
        at = shape.find("\n")
        while at >= 0 and len(breaks) <= max(lines):
            breaks.append(at)
            at = shape.find("\n", at + 1)
        breaks.append(at if at >= 0 else len(shape))
        return [(breaks[line] + 1, breaks[line + 1]) for line in sorted(lines)]

    def may_be_in_words(self, normal: str) -> bool:
        """Whether every digit of some suffix has a number word in the text: without, no number
        written in words can hold it."""
        present: dict[str, bool] = {}
        for suffix in self.known | self.windows:
            for digit in suffix:
                if digit not in present:
                    present[digit] = any(word in normal for word in _DIGIT_WORDS.get(digit, ()))
                if not present[digit]:
                    break
            else:
                return True
        return False


# --- Targets ------------------------------------------------------------------------------------
# A target is matched atom by atom: the characters one of its letters may be written as, the two
# characters it may also be written as ("rn" for m), and whether what comes before it is a gap
# inside a word (up to three punctuation marks) or, between the words of a phrase, a separator
# (one or more characters that are not letters or digits).
_IN_WORD, _BETWEEN_WORDS = 0, 1
_Atom = tuple[str, str, int]
_Atoms = tuple[_Atom, ...]
_SPELLING_PREFIX = 5  # how much of a spelling str.find looks for
# (place in the alternation, atoms, kind, the target as written plainly; "" for a phrase)
_Target = tuple[int, _Atoms, str, str]


def _heads(first: str) -> str:
    """The characters a target whose first letter is `first` may start with."""
    return _LOOKALIKE_CHARS.get(first, first) + _PAIRS.get(first, "")[:1]


# For a character of the text, the first letters of the targets that may start there: "4" starts
# a target that begins with 4 or with a, "r" one that begins with r or with m ("rn").
def _starts() -> dict[str, tuple[str, ...]]:
    starts: dict[str, tuple[str, ...]] = {}
    for first in [*_LOOKALIKE_CHARS, *_PAIRS]:
        for head in _heads(first):
            if head != first:
                starts[head] = (*starts.get(head, (head,)), first)
    return starts


_STARTS = _starts()


class _AtomTable(dict[str, _Atom]):
    """Each character's atom inside a word, made when first asked for."""

    def __missing__(self, char: str) -> _Atom:
        atom = self[char] = (_LOOKALIKE_CHARS.get(char, char), _PAIRS.get(char, ""), _IN_WORD)
        return atom


_ATOMS = _AtomTable()


def _token_atoms(token: str) -> _Atoms:
    return tuple(map(_ATOMS.__getitem__, token))


def _phrase_atoms(words: list[str]) -> _Atoms:
    atoms: list[_Atom] = []
    for word in words:
        chars, pair, _ = _ATOMS[word[0]]
        atoms += [(chars, pair, _BETWEEN_WORDS if atoms else _IN_WORD), *_token_atoms(word[1:])]
    return tuple(atoms)


@lru_cache(maxsize=4096)
def _spellings(start: str) -> tuple[str, ...] | None:
    """The first letters of every way a word starting so can be written without punctuation
    inside it, look-alikes folded (str.find looks for these), or None when the word is not
    ASCII: then each place its first letter may be is tried."""
    if not start.isascii():
        return None
    if "m" not in start and "w" not in start:
        return (start.translate(_FOLD),)
    ways = [(char, _PAIRS[char]) if char in _PAIRS else (char,) for char in start]
    spellings = ("".join(spelling)[:_SPELLING_PREFIX] for spelling in product(*ways))
    return tuple({spelling.translate(_FOLD) for spelling in spellings})


@dataclass(frozen=True)
class _Alternation:
    """Targets tried in order at each place, as a regular expression's alternation would be."""

    by_first: dict[str, list[_Target]]  # the target's first letter -> targets, in order
    heads: frozenset[str]  # the characters any target may start with
    spellings: tuple[str, ...]  # the first letters of each spelling, folded, for str.find
    scan: str  # the characters targets with no spellings may start with: each place is tried

    def at(self, char: str) -> Sequence[_Target]:
        """The targets that may start at this character of the text, in order."""
        firsts = _STARTS.get(char)
        if firsts is None:
            return self.by_first.get(char, ())
        found = [self.by_first[first] for first in firsts if first in self.by_first]
        if len(found) == 1:
            return found[0]
        return sorted(target for targets in found for target in targets)


def _alternation(
    targets: Iterable[tuple[_Atoms, str, str, str]], *, spell: bool = True
) -> _Alternation | None:
    """From (atoms, kind, the word the target starts with, the target as written plainly), in
    the order they are tried."""
    by_first: dict[str, list[_Target]] = {}
    spellings: set[str] = set()
    scan: set[str] = set()
    for order, (atoms, kind, first_word, plain) in enumerate(targets):
        first = first_word[0]
        if first in by_first:
            by_first[first].append((order, atoms, kind, plain))
        else:
            by_first[first] = [(order, atoms, kind, plain)]
        if spell:
            # The first letters of a spelling are enough to find where it may start.
            written = _spellings(first_word[:_SPELLING_PREFIX])
            if written is None:
                scan.add(first)
            else:
                spellings.update(written)
    if not by_first:
        return None
    return _Alternation(
        by_first,
        frozenset("".join(map(_heads, by_first))),
        tuple(spellings),
        "".join(map(_heads, scan)),
    )


class _Plan:
    """What the screen looks for in one source's texts."""

    def __init__(
        self, targets: list[tuple[_Atoms, str, str, str]], addresses: int, phones: _Phones
    ):
        self.targets = targets  # the whole addresses, then every token
        self.addresses = addresses
        self.phones = phones if phones else None
        self.words = self.unspaced = None
        if not _UNSPACED.search("".join([target[3] for target in targets])):
            self.words = _alternation(targets)
            return
        # A name in a script written without spaces ("王伟") has no word boundary to wait for.
        self.words = _alternation(t for t in targets if not _UNSPACED.search(t[3]))
        self.unspaced = _alternation(t for t in targets if _UNSPACED.search(t[3]))

    @cached_property
    def spaced(self) -> _Alternation | None:
        """Every token but the whole addresses, as a spaced-out run may spell it."""
        return _alternation(self.targets[self.addresses :], spell=False)


@lru_cache(maxsize=512)
def _plan(identity: SourceIdentity) -> _Plan:
    by_kind: dict[str, set[str]] = {kind: set() for kind in KINDS}
    for value in (identity.name, *identity.aliases):
        by_kind["name"] |= _name_tokens(value or "")
    email_tokens, addresses = _email_targets(identity.email or "")
    by_kind["email"] |= email_tokens
    for value in (identity.organisation, identity.team):
        by_kind["organisation"] |= _organisation_tokens(value or "")
    by_kind["organisation"] |= _website_tokens(identity.organisation_website or "")
    # A token is reported once, as the most telling kind it belongs to.
    by_kind["organisation"] -= by_kind["name"]
    by_kind["email"] -= by_kind["name"] | by_kind["organisation"]
    # In the order the alternation tries them: whole addresses first, then each kind's tokens,
    # longest first.
    targets = [(_token_atoms(a), "email", a, a) for a in _by_length(addresses)]
    for kind in ("name", "email", "organisation"):
        targets += [(_token_atoms(t), kind, t, t) for t in _by_length(by_kind[kind])]
    phones = _Phones((identity.phone or "", identity.organisation_phone or ""))
    return _Plan(targets, len(addresses), phones)


@lru_cache(maxsize=512)
def _allowed_alternation(phrases: tuple[str, ...]) -> _Alternation | None:
    by_pattern: dict[str, list[str]] = {}
    for phrase in phrases:
        for pattern, words in _phrase_parts(phrase or ""):
            by_pattern.setdefault(pattern, words)
    # Tried in the order of the regular expression each would be, longest first.
    ordered = sorted(sorted(by_pattern), key=len, reverse=True)
    return _alternation(
        (_phrase_atoms(by_pattern[p]), "allowed", by_pattern[p][0], "") for p in ordered
    )


@lru_cache(maxsize=1024)
def _phrase_parts(phrase: str) -> list[tuple[str, list[str]]]:
    """(the regular expression it would be, its words) for each part of an allowed phrase."""
    parts = []
    # Nicknames arrive as the form stores them: one per line, or separated by commas.
    for part in _NICKNAME_SPLIT.split(phrase):
        words = _WORD_PIECES.findall(_normalise(part)[0])
        if words:
            parts.append((_SEPARATOR.join(map(_token_pattern, words)), words))
    return parts


def _token_pattern(word: str) -> str:
    # A word is letters and digits, which re.escape leaves as they are.
    return _GAP.join([_LOOKALIKES.get(char, char) for char in word])


# --- Matching -----------------------------------------------------------------------------------
def _match(
    text: str,
    shape: str,
    start: int,
    target: _Target,
    accept: Callable[[int], int | None],
) -> int | None:
    """Where the target matched at `start` ends, or None: the first way of matching it, in the
    order a backtracking regex engine would try them (the longest gap first), that `accept`
    takes. `accept` gets where the target's last letter ends and returns where the match ends."""
    _, atoms, _, plain = target
    if plain and text.startswith(plain, start):
        # Written plainly: letters and digits, so no gap and one way only.
        return accept(start + len(plain))
    size = len(text)
    at = start
    # Letter after letter while nothing but the next letter can follow: one way only.
    for k, (chars, pair, before) in enumerate(atoms):
        if k and (before or (at < size and shape[at] in _GAP_CHARS)):
            return _search(text, shape, k, at, atoms, accept)
        if at < size and text[at] in chars:
            at += 1
        elif pair and text.startswith(pair, at):
            at += 2
        else:
            return None
    return accept(at)


def _search(
    text: str,
    shape: str,
    first: int,
    start: int,
    atoms: _Atoms,
    accept: Callable[[int], int | None],
) -> int | None:
    """_match's search through every way of matching on from atom `first`, which comes after
    a gap or separator beginning at `start`."""
    size = len(text)
    last = len(atoms) - 1
    dead: set[tuple[int, int]] = set()  # (atom, where the one before it ended): no way on

    def after_atom(k: int, j: int) -> int | None:
        # Atom k-1 ended at j: what may come before atom k, the longest first, then atom k.
        if (k, j) in dead:
            return None
        limit = j
        if atoms[k][2] == _IN_WORD:
            while limit < size and limit - j < _MAX_GAP and shape[limit] in _GAP_CHARS:
                limit += 1
            lowest = j
        else:
            while limit < size and shape[limit] not in _ALNUM:
                limit += 1
            lowest = j + 1
        chars, pair, _ = atoms[k]
        for i in range(limit, lowest - 1, -1):
            if i < size and text[i] in chars:
                end = accept(i + 1) if k == last else after_atom(k + 1, i + 1)
            elif pair and text.startswith(pair, i):
                end = accept(i + 2) if k == last else after_atom(k + 1, i + 2)
            else:
                continue
            if end is not None:
                return end
        dead.add((k, j))
        return None

    return after_atom(first, start)


def _leftmost(
    text: str,
    shape: str,
    starts: Iterable[int],
    alternation: _Alternation,
    word_end: Callable[[int], int | None] | None,
    shortest: int = 1,
) -> list[tuple[int, int, str]]:
    """re.finditer over the places a match may start: at each, the first target (of at least
    `shortest` letters) that matches. With `word_end`, only whole words: no letter before."""
    found: list[tuple[int, int, str]] = []
    resume = 0
    accept = word_end or _anywhere
    size = len(text)
    by_first, at = alternation.by_first, alternation.at
    for start in starts:
        if start < resume or (word_end and start and shape[start - 1] in _LETTERS):
            continue
        char = text[start]
        targets = by_first.get(char, ()) if char not in _STARTS else at(char)
        if not targets:
            continue
        # What a target's second letter may be read from: the next character, or one after a
        # gap of up to three.
        gap = start + 1
        while gap < size and gap - start <= _MAX_GAP and shape[gap] in _GAP_CHARS:
            gap += 1
        nexts = text[start + 1 : gap + 1]
        for target in targets:
            atoms = target[1]
            if len(atoms) < shortest:
                continue
            if nexts and len(atoms) > 1 and char in atoms[0][0] and not atoms[1][2]:
                chars, pair, _ = atoms[1]
                if not (pair and pair[0] in nexts):
                    for c in nexts:
                        if c in chars:
                            break
                    else:
                        continue
            end = _match(text, shape, start, target, accept)
            if end is not None:
                found.append((start, end, target[2]))
                resume = end
                break
    return found


def _anywhere(end: int) -> int:
    return end


class _Text:
    """A text as the scans read it, and what they share."""

    def __init__(self, text: str):
        if text.isascii():
            self.normal = self.shape = text.lower()
            self.index: Sequence[int] = range(len(text))
            if any(map(self.normal.__contains__, _ODD_SPACES)):
                self.shape = self.normal.translate(_OTHER_SPACES)
            return
        # As _normalise, the shape made alongside: odd pieces are runs of non-ASCII characters.
        pieces = _split_non_ascii(text)
        forms = {char: _char_form(char) for piece in pieces[1::2] for char in piece}
        if any(len(form) != 1 for form in forms.values()):
            self.normal, self.index = _normalise(text)
            self.shape = _shape(self.normal)
            return
        pieces[0::2] = [piece.lower() for piece in pieces[0::2]]
        forms_in = ["".join([forms[char] for char in piece]) for piece in pieces[1::2]]
        pieces[1::2] = forms_in
        self.normal, self.index = "".join(pieces), range(len(text))
        pieces[1::2] = ["".join([_shape_of(char) for char in piece]) for piece in forms_in]
        self.shape = "".join(pieces).translate(_OTHER_SPACES)

    @cached_property
    def folded(self) -> str:
        return self.shape.translate(_FOLD)

    @cached_property
    def image(self) -> str:
        return self.shape.translate(_IMAGE)

    @cached_property
    def split_words(self) -> list[tuple[int, int]]:
        """The stretches without spaces in which punctuation splits a word ("Sa-rah",
        "s.a.r.a.h"): where a target may be written with gaps."""
        shape, image = self.shape, self.image
        gaps = sorted(gap.start() for pattern in _IN_WORD_GAPS for gap in pattern.finditer(image))
        stretches: list[tuple[int, int]] = []
        end = 0
        for at in gaps:
            if at < end:
                continue
            start = max(shape.rfind(" ", 0, at), shape.rfind("\n", 0, at)) + 1
            space, line = shape.find(" ", at), shape.find("\n", at)
            end = min(space, line) if space >= 0 and line >= 0 else max(space, line)
            if end < 0:
                end = len(shape)
            stretches.append((start, end))
        return stretches

    @cached_property
    def squeezed(self) -> tuple[str, list[int], set[int]]:
        """Each split word with its punctuation taken out, folded: once with the symbols that
        stand for letters read as letters, once taken out too ("sa@rah"), the lot joined by line
        breaks, with where each starts; and which words have two or more such symbols, so that
        neither reading covers every mix of them."""
        folded, shape = self.folded, self.shape
        as_letters = "\n".join([folded[start:end] for start, end in self.split_words])
        as_gaps = "\n".join([shape[start:end] for start, end in self.split_words])
        squeezed = "\n".join((as_letters.translate(_NO_GAPS), as_gaps.translate(_NO_GAPS_FOLDED)))
        pieces = squeezed.split("\n")
        starts = list(accumulate([0] + [len(piece) + 1 for piece in pieces[:-1]]))
        half = len(self.split_words)
        mixed = {i for i in range(half) if len(pieces[i]) - len(pieces[half + i]) > 1}
        return squeezed, starts, mixed

    def split_words_to_read(self, alternation: _Alternation) -> list[tuple[int, int]]:
        """The split words in which a target of the alternation may be written with gaps: those
        that, punctuation taken out, hold the start of one of its spellings."""
        stretches = self.split_words
        if not stretches or alternation.scan:
            return stretches
        squeezed, starts, chosen = self.squeezed
        chosen = set(chosen)
        for spelling in alternation.spellings:
            at = squeezed.find(spelling)
            while at >= 0:
                chosen.add((bisect_right(starts, at) - 1) % len(stretches))
                at = squeezed.find(spelling, at + 1)
        return [stretches[i] for i in sorted(chosen)]

    def word_end(self, j: int) -> int | None:
        """Where a target ending at j ends as a word: an "s" may follow, then no letter."""
        shape = self.shape
        if j >= len(shape) or shape[j] not in _LETTERS:
            return j
        if shape[j] == "s" and (j + 1 == len(shape) or shape[j + 1] not in _LETTERS):
            return j + 1
        return None

    def find(self, alternation: _Alternation | None, *, words: bool) -> list[tuple[int, int, str]]:
        """Each match of the alternation, left to right and not overlapping (as re.finditer);
        with `words`, only whole words (no letter before; an "s", then no letter, after)."""
        if alternation is None:
            return []
        normal, shape = self.normal, self.shape
        starts: set[int] = set()
        if alternation.spellings:
            folded = self.folded
            for spelling in alternation.spellings:
                at = folded.find(spelling)
                while at >= 0:
                    # A word starts only where no letter comes before.
                    if not words or not at or shape[at - 1] not in _LETTERS:
                        starts.add(at)
                    at = folded.find(spelling, at + 1)
        for head in alternation.scan:
            at = normal.find(head)
            while at >= 0:
                starts.add(at)
                at = normal.find(head, at + 1)
        heads = alternation.heads
        for start, end in self.split_words_to_read(alternation):
            if words:
                for word in _WORD_START.finditer(self.image, start, end):
                    if normal[word.start()] in heads:
                        starts.add(word.start())
            else:
                starts.update(at for at in range(start, end) if normal[at] in heads)
        return _leftmost(
            normal, shape, sorted(starts), alternation, self.word_end if words else None
        )


def _spaced_hits(text: _Text, plan: _Plan) -> list[tuple[int, int, str]]:
    """ "S a r a h", "S. A. R. A. H.": the run read as one word. A token of three or more letters
    is found anywhere in the run ("S a r a h H u g h e s"); a shorter one only as the whole run,
    so "A l s o" is not the name "Al"."""
    hits: list[tuple[int, int, str]] = []
    if len(plan.targets) == plan.addresses:
        return hits
    normal, shape, image = text.normal, text.shape, text.image
    starts = sorted(
        [at.start() for pattern in _SPACED_RUN_STARTS for at in pattern.finditer(image)]
    )
    resume = 0
    for start in starts:
        run = _SPACED_RUN.match(image, start) if start >= resume else None
        if run is None:
            continue
        resume = run.end()
        tokens = plan.spaced
        if tokens is None:
            break
        # The match starts at the first gap: the run, at the letter before it.
        positions = [at for at in range(run.start() - 1, run.end()) if shape[at] in _PIECES]
        collapsed = "".join([normal[at] for at in positions])
        collapsed_shape = "".join([shape[at] for at in positions])

        def whole(end: int, size: int = len(collapsed)) -> int | None:
            return end if end == size else None

        for target in tokens.at(collapsed[0]):
            if _match(collapsed, collapsed_shape, 0, target, whole) is not None:
                hits.append((run.start() - 1, run.end(), target[2]))
                break
        else:
            inner = _leftmost(
                collapsed, collapsed_shape, range(len(collapsed)), tokens, None, shortest=3
            )
            hits += [(positions[start], positions[end - 1] + 1, kind) for start, end, kind in inner]
    # Letters apart with only punctuation between ("s.a.r.a.h") are read by the word matcher; a
    # run is read only when the text has two single letters with a space between.
    if hits and not _SPACED_HINT.search(" " + image):
        return []
    return hits


def _phone_hits(text: _Text, phones: _Phones | None) -> list[tuple[int, int, str]]:
    hits: list[tuple[int, int, str]] = []
    if phones is None:
        return hits
    normal, shape = text.normal, text.shape
    for start, end in phones.lines_to_read(shape):
        for run in _DIGIT_RUN.finditer(shape, start, end):
            _add_phone_hit(normal, run, phones, hits)
    if not phones.may_be_in_words(normal) or not _NUMBER_WORD_PAIR.search(text.shape):
        return hits
    for run in _WORDED_NUMBER.finditer(text.shape):
        if phones.within(_words_to_digits(normal[run.start() : run.end()])):
            hits.append((run.start(), run.end(), "phone"))
    return hits


def _add_phone_hit(
    normal: str, run: re.Match[str], phones: _Phones, hits: list[tuple[int, int, str]]
) -> None:
    start, end = run.span()
    if end - start < _PHONE_SUFFIX:
        return
    digits = _run_digits(normal[start:end])
    if len(digits) >= _PHONE_SUFFIX and phones.within(digits):
        # "07700 900123 or": the "o" of the next word is not part of the number.
        tail = _LETTER_TAIL.search(run[0])
        if tail and end < len(normal) and normal[end].isalpha():
            end -= len(tail[0])
        hits.append((start, end, "phone"))


def source_hits(
    text: str, identity: SourceIdentity, *, allowed: Iterable[str] = ()
) -> list[ScreenHit]:
    """Every place in `text` where a piece of the source's identity appears, in any disguise the
    normalisation undoes, except inside an occurrence of an `allowed` phrase.

    Offsets are into `text` as given. Sorted by position; a longer hit first where two start
    together (a whole email address, then the name inside it).
    """
    if not text:
        return []
    plan = _plan(identity)
    read = _Text(text)
    found = read.find(plan.words, words=True) + read.find(plan.unspaced, words=False)
    found += _spaced_hits(read, plan) + _phone_hits(read, plan.phones)
    if not found:
        return []
    phrases = tuple(a for a in allowed if a)
    allowed_spans: list[tuple[int, int, str]] = []
    if phrases and _may_be_allowed(read.normal, found, phrases):
        allowed_spans = read.find(_allowed_alternation(phrases), words=True)
    index = read.index
    hits = set()
    for start, end, kind in found:
        for a_start, a_end, _ in allowed_spans:
            if a_start <= start and end <= a_end:
                break
        else:
            hits.add((index[start], index[end - 1] + 1, kind))
    return [
        ScreenHit(start, end, kind)
        for start, end, kind in sorted(hits, key=lambda hit: (hit[0], -hit[1], hit[2]))
    ]


def _may_be_allowed(
    normal: str, found: list[tuple[int, int, str]], phrases: tuple[str, ...]
) -> bool:
    """Whether a hit may lie inside an occurrence of an allowed phrase: its letters and digits,
    read as the phrase would be, are then among the phrase's in a row. Symbols that stand for
    letters ("@" for a) are read either way, so a hit that has one is always looked at."""
    allowed = _allowed_letters(phrases)
    if allowed is None:
        return True
    for start, end, _ in found:
        written = normal[start:end]
        if not written.isascii() or _HAS_LETTER_SYMBOL.search(written):
            return True
        if _letters_in_a_row(written) in allowed:
            return True
    return False


@lru_cache(maxsize=512)
def _allowed_letters(phrases: tuple[str, ...]) -> str | None:
    """Each part of the phrases as _letters_in_a_row reads it, with the "s" a match may end with,
    one a line; None if one is not ASCII."""
    rows = []
    for phrase in phrases:
        for _, words in _phrase_parts(phrase or ""):
            row = "".join(words)
            if not row.isascii():
                return None
            rows.append(_letters_in_a_row(row) + "s")
    return "\n".join(rows)


def _letters_in_a_row(written: str) -> str:
    """The letters and digits, look-alikes folded, m written rn and w written vv (either way,
    so both read alike)."""
    return written.translate(_ROW_OF_LETTERS).replace("m", "rn").replace("w", "vv")


def source_hit_kinds(
    text: str, identity: SourceIdentity, *, allowed: Iterable[str] = ()
) -> list[str]:
    """The kinds of the source's identifiers in `text`, in order of first appearance, each once:
    what a refusal may say. Never the values."""
    return list(dict.fromkeys(hit.kind for hit in source_hits(text, identity, allowed=allowed)))
