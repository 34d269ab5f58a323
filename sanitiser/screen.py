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

Compiling an identity's patterns is cached, so the gate checks an export's logs for one source at
the cost of the regex passes alone: about 3,000 texts of 250 words a second on one core.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

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


def _normalise(text: str) -> tuple[str, Sequence[int]]:
    """As normalise_for_screen, with the index as a range when it is the identity (most texts)."""
    if text.isascii():
        return text.lower(), range(len(text))
    forms = {char: _char_form(char) for char in set(text)}
    if all(len(form) == 1 for form in forms.values()):
        # One character for one: a translation keeps every offset.
        return text.translate({ord(c): f for c, f in forms.items()}), range(len(text))
    pieces: list[str] = []
    index: list[int] = []
    for position, char in enumerate(text):
        form = forms[char]
        if form:
            pieces.append(form)
            index.extend([position] * len(form))
    return "".join(pieces), index


def normalise_for_screen(text: str) -> tuple[str, list[int]]:
    """The text as the screen reads it, and for each of its characters the index of the
    character of `text` it came from.

    NFKC, case folding, combining marks and zero-width characters removed, and letters of other
    scripts that imitate Latin ones mapped to them. Look-alike digits and symbols (0 for o, 4 for
    a, $ for s) and punctuation inside a word are left in place: the matcher reads both readings.
    """
    normal, index = _normalise(text)
    return normal, list(index)


# --- Patterns -----------------------------------------------------------------------------------
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
_LOOKALIKES = {
    **{letter: f"[{re.escape(chars)}]" for letter, chars in _LOOKALIKE_CHARS.items()},
    "m": "(?:m|rn)",
    "w": "(?:w|vv)",
}
# Punctuation inside a word ("Sa-rah", "s.a.r.a.h", "O'Neil"): never a space. Bounded, so a text
# of a thousand "@" cannot make the matcher backtrack for long.
_GAP = r"(?:[^\w\s]|_){0,3}"
_LETTER = r"[^\W\d_]"
_BEFORE = rf"(?<!{_LETTER})"
_AFTER = rf"s?(?!{_LETTER})"
# Letters of scripts written without spaces between words: a name there has no word boundary.
_UNSPACED = re.compile(
    r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]"
)
_WORD_PIECES = re.compile(r"[^\W_]+")
_LETTER_PIECES = re.compile(r"[^\W\d_]+")
# Single letters or digits set apart by spaces or punctuation: "S a r a h", "S. A. R. A. H.",
# "5 @ r @ h" (a symbol that stands for a letter is a letter here, not a gap).
_PIECE = r"(?:[^\W_]|[@$!|+])"
_PIECE_GAP = r"(?:[^\w\n@$!|+]|_)"
_SPACED_RUN = re.compile(
    rf"(?<![^\W_]){_PIECE}(?:{_PIECE_GAP}{{1,3}}{_PIECE}(?![^\W_])){{1,}}(?![^\W_])"
)
# Two single letters or digits with a space between them: the cheap sign of a spaced-out run.
# Searched with a space put before the text; opening on a non-word character lets the regex
# engine skip the letters in C.
_SPACED_HINT = re.compile(
    rf"[\W_]{_PIECE}{_PIECE_GAP}{{0,2}}\s{_PIECE_GAP}{{0,2}}{_PIECE}(?![^\W_])"
)
# A written number: digits with up to three spaces or punctuation marks between them, letters O,
# I and L among them read as 0 and 1 ("O77OO 9OO I23").
_DIGIT_RUN = re.compile(r"[\do](?<![^\W\d_].)(?:(?:[^\w\n]|_){0,3}[\doil|])+")
_LETTER_TAIL = re.compile(r"(?:[^\w\n]|_)+[oil|]+$")
_AS_DIGITS = str.maketrans({"o": "0", "i": "1", "l": "1", "|": "1"})
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
}
_REPEATS = {"double": 2, "triple": 3, "treble": 3}
_NUMBER_WORD = "|".join(sorted([*_NUMBER_WORDS, *_REPEATS], key=len, reverse=True))
_WORDED_NUMBER = re.compile(
    rf"(?<![^\W_])(?:{_NUMBER_WORD})(?:(?:[^\w\n]|_)+(?:{_NUMBER_WORD})){{5,}}(?![^\W_])"
)
_NUMBER_WORD_PAIR = re.compile(rf"(?:{_NUMBER_WORD})[^\w\n]+(?:{_NUMBER_WORD})(?![^\W_])")
_PHONE_SUFFIX = 7


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


def _token_pattern(token: str) -> str:
    parts = [_LOOKALIKES.get(char, re.escape(char)) for char in token]
    return _GAP.join(parts)


@dataclass(frozen=True)
class _Compiled:
    words: tuple[re.Pattern[str], ...]
    kinds: dict[str, str]  # regex group name -> kind
    inner: re.Pattern[str] | None  # tokens of 3+ letters, inside a collapsed spaced-out run
    whole: re.Pattern[str] | None  # any token, as a whole spaced-out run
    phone_suffixes: tuple[str, ...]


def _split_words(value: str) -> list[str]:
    return normalise_for_screen(value)[0].split()


def _name_tokens(value: str) -> set[str]:
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
    return tokens


def _organisation_tokens(value: str) -> set[str]:
    tokens: set[str] = set()
    initials: list[str] = []
    for word in _split_words(value):
        pieces = _WORD_PIECES.findall(word)
        # Short acronyms ("KWA", "NVFT") stay: only the generic words go.
        tokens.update(
            piece
            for piece in pieces
            if sum(c.isalpha() for c in piece) >= 2 and piece not in _GENERIC_ORG_WORDS
        )
        if len(pieces) > 1 and "".join(pieces) not in _GENERIC_ORG_WORDS:
            tokens.add("".join(pieces))  # "St Anne's" read as "annes", "A-Z Cars" as "az"
        if pieces and pieces[0] not in _SMALL_WORDS:
            initials.append(pieces[0][0])
    if len(initials) >= 3:
        tokens.add("".join(initials))  # "Kings Weston Academy" goes by "KWA"
    return tokens


def _domain_tokens(domain: str) -> set[str]:
    """The distinctive label of a domain: the first that is not generic. "kingsweston" in
    kingsweston.bristol.sch.uk (the area after it is a place the log may need); nothing for
    web mail."""
    labels = [label for label in domain.split(".") if label]
    distinctive = [label for label in labels if label not in _GENERIC_DOMAIN_LABELS]
    if not distinctive or distinctive[0] in _GENERIC_MAIL_DOMAINS:
        return set()
    pieces = _WORD_PIECES.findall(distinctive[0])
    tokens = {p for p in pieces if len(p) >= 2 and p not in _GENERIC_DOMAIN_LABELS}
    if len(pieces) > 1:
        tokens.add("".join(pieces))  # "brightlock-security" read whole too
    return tokens


def _email_targets(value: str) -> tuple[set[str], set[str]]:
    """(tokens, whole addresses) of an email field, normalised."""
    tokens: set[str] = set()
    addresses: set[str] = set()
    for address in re.findall(r"\S+@\S+", normalise_for_screen(value)[0]):
        address = address.strip("<>()[],;:.'\"")
        local, _, domain = address.rpartition("@")
        pieces = _LETTER_PIECES.findall(local) + _WORD_PIECES.findall(local)
        # "store2231@", "family.support@": a generic word in a mailbox says nothing on its own.
        generic = _GENERIC_MAILBOXES | _GENERIC_ORG_WORDS
        tokens.update(p for p in pieces if sum(c.isalpha() for c in p) >= 2 and p not in generic)
        joined = "".join(_WORD_PIECES.findall(local))
        if len(joined) >= 3 and joined not in _GENERIC_MAILBOXES:
            tokens.add(joined)
        tokens |= _domain_tokens(domain)
        whole = "".join(_WORD_PIECES.findall(address))
        if whole:
            addresses.add(whole)
    return tokens, addresses


def _website_tokens(value: str) -> set[str]:
    host = re.sub(r"^[a-z]+://", "", normalise_for_screen(value.strip())[0]).split("/", 1)[0]
    return _domain_tokens(host)


def _phone_suffixes(value: str) -> set[str]:
    """The last seven digits of each number's national significant number (what stays the same
    however the number is written: +44 (0)20..., 020..., 0044 20...)."""
    numbers: set[str] = set()
    plain = normalise_for_screen(value)[0]
    for match in phonenumbers.PhoneNumberMatcher(
        plain, "GB", leniency=phonenumbers.Leniency.POSSIBLE
    ):
        numbers.add(phonenumbers.national_significant_number(match.number))
    # However the field is written: the suffix needs no country code or trunk 0 taken off.
    for part in re.split(r"[/,;]|\b(?:or|and)\b", plain):
        numbers.update(_run_digits(run) for run in _DIGIT_RUN.findall(part))
    return {number[-_PHONE_SUFFIX:] for number in numbers if len(number) >= _PHONE_SUFFIX}


def _by_length(tokens: Iterable[str]) -> list[str]:
    # Longest first, so "sarahhughes" is read whole before "sarah".
    return sorted(tokens, key=lambda t: (-len(t), t))


def _alternation(tokens: Iterable[str]) -> str:
    return "|".join(_token_pattern(t) for t in _by_length(tokens))


def _first_letter_variants(token: str) -> list[tuple[str, str]]:
    """(what the first letter may be written as, the pattern for the rest of the token)."""
    head, tail = token[0], token[1:]
    rest = _GAP + _token_pattern(tail) if tail else ""
    if head == "m":
        return [("m", rest), ("r", "n" + rest)]
    if head == "w":
        return [("w", rest), ("v", "v" + rest)]
    return [(_LOOKALIKE_CHARS.get(head, head), rest)]


def _bounded_pattern(groups: list[tuple[str, Iterable[str]]]) -> re.Pattern[str]:
    """One pattern for every token that stands as a word, each kind in its own group.

    It opens with the set of characters any token can start with, so the regex engine skips
    every other position in C, and only then checks that no letter comes before. Each token's
    rest is tried only after the character it starts with (a one-character look-behind)."""
    first_chars: set[str] = set()
    alternatives: list[str] = []
    for group, tokens in groups:
        branches: list[str] = []
        for token in _by_length(tokens):
            for chars, rest in _first_letter_variants(token):
                first_chars.update(chars)
                branches.append(f"(?<=[{_class(chars)}]){rest}")
        alternatives.append(f"(?P<{group}>{'|'.join(branches)})")
    return re.compile(
        f"[{_class(''.join(sorted(first_chars)))}](?<!{_LETTER}.)(?:{'|'.join(alternatives)}){_AFTER}"
    )


def _class(chars: str) -> str:
    return "".join(re.escape(char) for char in chars)


@lru_cache(maxsize=512)
def _compile(identity: SourceIdentity) -> _Compiled:
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

    kinds: dict[str, str] = {}
    bounded: list[tuple[str, Iterable[str]]] = []
    unbounded: list[str] = []
    if addresses:
        kinds["g0"] = "email"
        bounded.append(("g0", addresses))
    for kind in ("name", "email", "organisation"):
        # A name in a script written without spaces ("王伟") has no word boundary to wait for.
        unspaced = {t for t in by_kind[kind] if _UNSPACED.search(t)}
        for tokens in (by_kind[kind] - unspaced, unspaced):
            if not tokens:
                continue
            group = f"g{len(kinds)}"
            kinds[group] = kind
            if tokens is unspaced:
                unbounded.append(f"(?P<{group}>{_alternation(tokens)})")
            else:
                bounded.append((group, tokens))
    words: list[re.Pattern[str]] = []
    if bounded:
        words.append(_bounded_pattern(bounded))
    if unbounded:
        words.append(re.compile("|".join(unbounded)))

    all_tokens = [(t, kind) for kind in ("name", "email", "organisation") for t in by_kind[kind]]
    long_tokens: dict[str, set[str]] = {}
    whole_tokens: dict[str, set[str]] = {}
    for token, kind in all_tokens:
        whole_tokens.setdefault(kind, set()).add(token)
        if len(token) >= 3:
            long_tokens.setdefault(kind, set()).add(token)
    suffixes: set[str] = set()
    for value in (identity.phone, identity.organisation_phone):
        suffixes |= _phone_suffixes(value or "")
    return _Compiled(
        tuple(words), kinds, _grouped(long_tokens), _grouped(whole_tokens), tuple(sorted(suffixes))
    )


def _grouped(tokens_by_kind: dict[str, set[str]]) -> re.Pattern[str] | None:
    parts = [
        f"(?P<{kind}>{_alternation(tokens)})" for kind, tokens in tokens_by_kind.items() if tokens
    ]
    return re.compile("|".join(parts)) if parts else None


@lru_cache(maxsize=512)
def _allowed_pattern(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    alternatives: set[str] = set()
    for phrase in phrases:
        # Nicknames arrive as the form stores them: one per line, or separated by commas.
        for part in re.split(r"[\n,;/]+", phrase or ""):
            words = _WORD_PIECES.findall(normalise_for_screen(part)[0])
            if words:
                alternatives.add(r"(?:[\W_])+".join(_token_pattern(w) for w in words))
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=lambda a: (-len(a), a))
    return re.compile(rf"{_BEFORE}(?:{'|'.join(ordered)}){_AFTER}")


# --- Matching -----------------------------------------------------------------------------------
def _word_hits(normal: str, compiled: _Compiled) -> list[tuple[int, int, str]]:
    hits: list[tuple[int, int, str]] = []
    for pattern in compiled.words:
        for match in pattern.finditer(normal):
            kind = compiled.kinds[match.lastgroup or ""]
            hits.append((match.start(), match.end(), kind))
    return hits


def _spaced_hits(normal: str, compiled: _Compiled) -> list[tuple[int, int, str]]:
    """ "S a r a h", "S. A. R. A. H.": the run read as one word. A token of three or more letters
    is found anywhere in the run ("S a r a h H u g h e s"); a shorter one only as the whole run,
    so "A l s o" is not the name "Al"."""
    hits: list[tuple[int, int, str]] = []
    if compiled.whole is None:
        return hits
    # Letters apart with only punctuation between ("s.a.r.a.h") are read by the word pattern; a
    # run needs a space between two single letters, which a cheap search rules out first.
    if not _SPACED_HINT.search(" " + normal):
        return hits
    for run in _SPACED_RUN.finditer(normal):
        positions = [run.start() + i for i, c in enumerate(run[0]) if _is_piece(c)]
        collapsed = "".join(normal[p] for p in positions)
        whole = compiled.whole.fullmatch(collapsed)
        if whole:
            hits.append((run.start(), run.end(), whole.lastgroup or "name"))
            continue
        if compiled.inner is None:
            continue
        for match in compiled.inner.finditer(collapsed):
            start, end = positions[match.start()], positions[match.end() - 1] + 1
            hits.append((start, end, match.lastgroup or "name"))
    return hits


def _is_piece(char: str) -> bool:
    return char.isalnum() or char in "@$!|+"


def _phone_hits(normal: str, compiled: _Compiled) -> list[tuple[int, int, str]]:
    hits: list[tuple[int, int, str]] = []
    if not compiled.phone_suffixes:
        return hits
    for run in _DIGIT_RUN.finditer(normal):
        digits = _run_digits(run[0])
        if len(digits) >= _PHONE_SUFFIX and any(s in digits for s in compiled.phone_suffixes):
            end = run.end()
            # "07700 900123 or": the "o" of the next word is not part of the number.
            tail = _LETTER_TAIL.search(run[0])
            if tail and end < len(normal) and normal[end].isalpha():
                end -= len(tail[0])
            hits.append((run.start(), end, "phone"))
    if not _NUMBER_WORD_PAIR.search(normal):
        return hits
    for run in _WORDED_NUMBER.finditer(normal):
        digits = _words_to_digits(run[0])
        if any(s in digits for s in compiled.phone_suffixes):
            hits.append((run.start(), run.end(), "phone"))
    return hits


def _run_digits(run: str) -> str:
    """The digits of a written number, or "" when too few of its characters are real digits to
    call it a number ("oil", "lol")."""
    if sum(c.isdigit() for c in run) < _MIN_REAL_DIGITS:
        return ""
    return re.sub(r"\D", "", run.translate(_AS_DIGITS))


def _words_to_digits(words: str) -> str:
    digits: list[str] = []
    repeat = 1
    for word in re.findall(r"[a-z]+", words):
        if word in _REPEATS:
            repeat = _REPEATS[word]
            continue
        digits.append(_NUMBER_WORDS[word] * repeat)
        repeat = 1
    return "".join(digits)


def _allowed_spans(normal: str, allowed: tuple[str, ...]) -> list[tuple[int, int]]:
    pattern = _allowed_pattern(allowed) if allowed else None
    if pattern is None:
        return []
    return [match.span() for match in pattern.finditer(normal)]


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
    compiled = _compile(identity)
    normal, index = _normalise(text)
    found = _word_hits(normal, compiled) + _spaced_hits(normal, compiled)
    found += _phone_hits(normal, compiled)
    if not found:
        return []
    allowed_spans = _allowed_spans(normal, tuple(a for a in allowed if a))
    hits: set[ScreenHit] = set()
    for start, end, kind in found:
        if any(a_start <= start and end <= a_end for a_start, a_end in allowed_spans):
            continue
        hits.add(ScreenHit(index[start], index[end - 1] + 1, kind))
    return sorted(hits, key=lambda hit: (hit.start, -hit.end, hit.kind))


def source_hit_kinds(
    text: str, identity: SourceIdentity, *, allowed: Iterable[str] = ()
) -> list[str]:
    """The kinds of the source's identifiers in `text`, in order of first appearance, each once:
    what a refusal may say. Never the values."""
    return list(dict.fromkeys(hit.kind for hit in source_hits(text, identity, allowed=allowed)))
