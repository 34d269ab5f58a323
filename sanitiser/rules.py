"""Word-level matchers for the source's name, organisation, role and address.

Each matcher is built once per identity from sets of words (no regex to compile) and is called
only at a word whose key starts one of the source's identifiers. It returns where the match ends,
or None.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .identity import PersonName
from .tokens import TextIndex, base_of, is_place, key_of, keys_for
from .vocabulary import NAME_PARTICLES, ROLE_WORD_SHORT_FORMS, TITLES, UPPER_STOPLIST, word_set

Matcher = Callable[[TextIndex, int], "int | None"]

SPACE = re.compile(r"[ \t]+")
# Text pasted from a PDF breaks lines anywhere, between a first name and its surname too.
LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")
AFTER_INITIAL = re.compile(r"\.?[ \t]*")
AFTER_MIDDLE = re.compile(r"\.?[ \t]+")
AFTER_TITLE = re.compile(r"\.?\s+")
COMMA = re.compile(r"\s*,\s*")
NICKNAME_OPEN = re.compile(r"[ \t]+[\"'\u201c\u2018(]")
NICKNAME_CLOSE = re.compile(r"[\"'\u201d\u2019)][ \t]+")
PHRASE_GAP = re.compile(r",?\s+(?:(?:&|and)\s+)?|\s*&\s*")
ROLE_GAP = re.compile(r"\s*")
ADDRESS_GAP = re.compile(r"[\s,]+")
POSTCODE_GAP = re.compile(r"\s*")
DOTTED_LETTERS = re.compile(r"(?<![\w.])((?:[A-Za-z]\.\s?){1,4})(?!\w)")
_PLATE_BEFORE = re.compile(r"[A-Z]{2}\d{2}\s$")
_CAPITALISED_NEXT = re.compile(r"\s+[A-Z][a-z]")
TITLE_KEYS = frozenset(TITLES)
# Titles that are also family words: a title only when capitalised.
_FAMILY_TITLES = frozenset({"mother", "father", "sister"})
_QUOTES_BEFORE = frozenset("'\"\u2018\u201c")
# An alias is quoted by itself ('Mr K'); a quotation that goes on ('Mr H is the only one I trust')
# is someone speaking about the source.
_QUOTE_CLOSES = re.compile(r"\.?['\"\u2019\u201d]")
# After an initial: a name or another initial ("S. Patel", "J R Hartley"), or a closing quote.
_NAME_AFTER_INITIAL = re.compile(r"\.?[ \t]*(?:[A-Z]|['\"\u2019\u201d])")
# Welsh surnames start with a letter written with two: Mr Llewellyn is "Mr Ll.".
_DIGRAPHS = frozenset({"ll", "ch", "dd", "ff", "ph", "rh", "th"})


class PersonKeys:
    """The keys one person's name takes in text."""

    def __init__(self, person: PersonName, first_forms: list[str]) -> None:
        self.firsts = (
            frozenset().union(*(keys_for(f) for f in first_forms)) if first_forms else frozenset()
        )
        self.middles = (
            frozenset().union(*(keys_for(m) for m in person.middles))
            if person.middles
            else frozenset()
        )
        self.surnames = (
            frozenset().union(*(keys_for(s) for s in person.surnames))
            if person.last
            else frozenset()
        )
        self.first_initial = person.first[:1].lower()
        self.last_initial = person.last[:1].upper()
        self.last_initials = person.last_initials
        self.initials = person.initials
        lone = {person.first[:1].upper(), person.last[:1].upper()}
        if person.last[:2].lower() in _DIGRAPHS:
            lone.add(person.last[:2].capitalize())
        self.lone_initials = frozenset(letter for letter in lone if letter)


def _single_letter(raw: str) -> bool:
    return len(raw) == 1 and raw.isalpha()


def full_name(p: PersonKeys) -> Matcher:
    """'Sarah Hughes', 'sarah j. hughes', 'Sarah Jane Hughes's'."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not ix.starts_word(i):
            return None
        if not ix.gap(SPACE, i) and not ix.gap(LINE_BREAK, i):
            # 'Rebecca "Becky" Lyons': a nickname in quotes or brackets between the names.
            j = i + 1
            if (
                ix.gap(NICKNAME_OPEN, i)
                and ix.gap(NICKNAME_CLOSE, j)
                and ix.keys[j + 1] in p.surnames
                and ix.ends_word(j + 1)
            ):
                return ix.ends[j + 1]
            return None
        j = i + 1
        if ix.keys[j] in p.surnames:
            return ix.ends[j] if ix.ends_word(j) else None
        raw = ix.raws[j]
        middle = (
            ix.keys[j] in p.middles
            or (_single_letter(raw) and raw.isupper())
            or (raw[:1].isupper() and raw[1:].islower() and raw.isalpha())
        )
        if middle and ix.gap(AFTER_MIDDLE, j) and ix.keys[j + 1] in p.surnames:
            return ix.ends[j + 1] if ix.ends_word(j + 1) else None
        return None

    return match


def reversed_name(p: PersonKeys) -> Matcher:
    """'Hughes, Sarah', and in a log's "Logged by: Hughes, S" the initial."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not ix.starts_word(i) or not ix.gap(COMMA, i):
            return None
        j = i + 1
        if ix.keys[j] in p.firsts:
            return ix.ends[j]
        if ix.raws[j] == p.first_initial.upper() and ix.ends_word(j):
            return _after_dot(ix.text, ix.ends[j])
        return None

    return match


def initial_and_surname(p: PersonKeys) -> Matcher:
    """'S Hughes', 'S. Hughes', 'S.J. Hughes'."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not _single_letter(ix.raws[i]) or not ix.starts_word(i) or not ix.gap(AFTER_INITIAL, i):
            return None
        j = i + 1
        if _single_letter(ix.raws[j]) and ix.keys[j] not in p.surnames and ix.gap(AFTER_INITIAL, j):
            j += 1
        if j < len(ix.keys) and ix.keys[j] in p.surnames and not is_place(ix.text, ix.ends[j]):
            return ix.ends[j]
        return None

    return match


def first_and_last_initial(p: PersonKeys) -> Matcher:
    """'Sarah H.', and past a middle name or particle: 'Gwen ap D' for Gwenllian ap Dafydd."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not ix.starts_word(i) or not ix.gap(SPACE, i):
            return None
        j = i + 1
        if ix.keys[j] in p.middles and ix.gap(SPACE, j):
            j += 1
        if ix.raws[j] not in p.last_initials:
            return None
        end = ix.ends[j]
        return end + 1 if ix.text[end : end + 1] == "." else end

    return match


def initial_and_last_initials(p: PersonKeys) -> Matcher:
    """'J. W-H' and 'J W-H' for J. Whitfield-Hay: the first initial and the surname's."""
    forms = frozenset(form for form in p.last_initials if len(form) > 1)

    def match(ix: TextIndex, i: int) -> int | None:
        raw = ix.raws[i]
        if not forms or not _single_letter(raw) or not raw.isupper() or not ix.starts_word(i):
            return None
        if ix.gap(AFTER_INITIAL, i) and ix.raws[i + 1] in forms and ix.ends_word(i + 1):
            return ix.ends[i + 1]
        return None

    return match


def titled_name(p: PersonKeys, with_first: bool) -> Matcher:
    """'Mrs Hughes', 'Dr S. Hughes', 'Mrs Sarah Hughes'; with_first also 'Miss Sarah'."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not ix.starts_word(i) or not ix.gap(AFTER_TITLE, i):
            return None
        if ix.keys[i] in _FAMILY_TITLES and not ix.raws[i][:1].isupper():
            return None  # "her mother Fiona" is the girl's mother; "Mother Fiona" a nun
        j = i + 1
        # "Mrs De Souza", "Mr van der Berg": particles between the title and the surname.
        while ix.keys[j] in NAME_PARTICLES and j + 1 < len(ix.keys) and ix.gap(SPACE, j):
            j += 1
        if with_first and _lone_initial(ix, i, j, p) and _stands_alone(ix, i, j):
            return _after_dot(ix.text, ix.ends[j])  # "Dr M", "Mrs Q.", "Mr Ll."
        if ix.keys[j] in p.surnames and ix.ends_word(j):
            return ix.ends[j]
        if len(ix.raws[j]) > 1 and ix.raws[j] in p.last_initials:
            return ix.ends[j]  # "Mrs P-J"
        if ix.keys[j] in p.firsts or _single_letter(ix.raws[j]):
            if j + 1 < len(ix.keys) and ix.gap(AFTER_INITIAL, j) and ix.keys[j + 1] in p.surnames:
                return ix.ends[j + 1]
            named_alone = not _CAPITALISED_NEXT.match(ix.text, ix.ends[j])
            if with_first and ix.keys[j] in p.firsts and named_alone:
                return ix.ends[j]
        return None

    return match


def _lone_initial(ix: TextIndex, i: int, j: int, p: PersonKeys) -> bool:
    """ "Dr M", and in a message typed all in lower case "miss k" (not "miss a", a verb)."""
    raw = ix.raws[j]
    if raw in p.lone_initials:
        return True
    return (
        len(raw) == 1
        and raw.islower()
        and raw not in "aio"
        and ix.raws[i].islower()
        and raw.upper() in p.lone_initials
    )


def _stands_alone(ix: TextIndex, i: int, j: int) -> bool:
    """A title and an initial that name someone by themselves: not 'Mr K' in quotes (an alias),
    not 'Dr S. Patel' or 'Mrs J Smith' (the initial of someone else's name)."""
    if ix.text[ix.starts[i] - 1 : ix.starts[i]] in _QUOTES_BEFORE and _QUOTE_CLOSES.match(
        ix.text, ix.ends[j]
    ):
        return False
    return not _NAME_AFTER_INITIAL.match(ix.text, ix.ends[j])


def _after_dot(text: str, end: int) -> int:
    return end + 1 if text[end : end + 1] == "." else end


def dotted(letters: str, allow_middle: bool) -> Matcher:
    """'S.H.', 's.h.', 'S. J. H.', and an acronym written 'K.W.A.'."""
    wanted = letters.upper()

    def match(ix: TextIndex, i: int) -> int | None:
        found = DOTTED_LETTERS.match(ix.text, ix.starts[i])
        if not found:
            return None
        typed = re.sub(r"[^A-Za-z]", "", found[1])
        upper = typed.upper()
        exact = upper == wanted
        with_middle = (
            allow_middle
            and len(upper) == len(wanted) + 1
            and upper[0] == wanted[0]
            and upper[-1] == wanted[-1]
        )
        if (exact or with_middle) and (typed.isupper() or exact):
            return found.end()
        return None

    return match


def apostrophe_initials(first: str, last: str) -> tuple[frozenset[str], Matcher] | None:
    """ "D.O'B" or "DO'B" for David O'Brien: a surname with an apostrophe keeps it in its
    initials. Returns the word keys it can start at and the matcher, or None."""
    head, _, tail = last.replace("\u2019", "'").partition("'")
    if not first or not head or not tail or not head.isalpha() or not tail[:1].isalpha():
        return None
    letters = (re.escape(first[0].upper()), re.escape(head.upper()), re.escape(tail[0].upper()))
    pattern = re.compile(r"%s\.?[ \t]?%s['\u2019][ \t]?%s\.?(?![A-Za-z])" % letters)  # noqa: UP031

    def match(ix: TextIndex, i: int) -> int | None:
        found = pattern.match(ix.text, ix.starts[i])
        return found.end() if found else None

    # Written "D.O'B" the first word is "D"; written "DO'B" it is one word keyed "dob".
    keys = frozenset({first[:1].lower(), key_of(first[:1] + head + tail[:1])})
    return keys, match


def word_and_initials(initials: str, guard: bool) -> Matcher:
    """ "Horfield LC" for Horfield Leisure Centre: one word of the name, then the initials of
    the words that follow it. With ``guard`` (initials that are also a word, such as DO) a word
    typed in capitals does not count: in a text in capitals "BEDMINSTER DO" is a sentence."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not ix.starts_word(i) or not ix.gap(SPACE, i) or ix.raws[i + 1] != initials:
            return None
        if guard and ix.raws[i].isupper():
            return None
        return ix.ends[i + 1] if ix.ends_word(i + 1) else None

    return match


def initials_and_word(initials: str, word_keys: frozenset[str]) -> Matcher:
    """ "FF Filton" for Fairway Foods Filton: the initials of the words before one word of the
    name, then that word."""

    def match(ix: TextIndex, i: int) -> int | None:
        if ix.raws[i] != initials or not ix.starts_word(i) or not ix.gap(SPACE, i):
            return None
        if ix.keys[i + 1] not in word_keys or is_place(ix.text, ix.ends[i + 1]):
            return None
        return ix.ends[i + 1] if ix.ends_word(i + 1) else None

    return match


def split_apostrophe_surname(last: str) -> tuple[str, str] | None:
    """ "O'Sullivan" is also typed "O Sullivan": the part before the apostrophe and the key of
    the part after it, or None for a surname without one."""
    head, _, tail = last.replace("\u2019", "'").partition("'")
    if not tail or not head.isalpha() or len(head) > 2 or len(tail) < 3:
        return None
    return head.lower(), key_of(tail)


def spaced_surname(tail_key: str) -> Matcher:
    """ "O Sullivan" for O'Sullivan: the head, a space, then the rest."""

    def match(ix: TextIndex, i: int) -> int | None:
        if ix.starts_word(i) and ix.gap(SPACE, i) and ix.keys[i + 1] == tail_key:
            return ix.ends[i + 1] if ix.ends_word(i + 1) else None
        return None

    return match


_LINE_OPENS = re.compile(r"(?:^|\n)[ \t>*\-]*$")
# After initials that sign a line: kisses, or a separator and a team or role ("AK / YOT").
_SIGNED_TAIL = re.compile(
    r"[ \t]*(?:x+)?[ \t.!]*(?=\n|$)"
    r"|[ \t]*[\-\u2013/|,][ \t]*(?P<team>[A-Za-z][\w&'\u2019.]*(?:[ \t]+[\w&'\u2019.]+){0,2})"
    r"[ \t.]*(?=\n|$)"
)
# Words that make the tail after "NO -" an answer ("NO - she has not been told"), not a team.
_ANSWER_WORDS = word_set(
    "i he she they we it not yet never none nobody has have had is was were are does did do "
    "will would can could mum dad"
)


def initials_signing(initials: str) -> Matcher:
    """Initials that open a short line and sign it, in any case: 'fm x', 'NO - attendance',
    'sh / pastoral'. Initials that are also a word ('NO') need the team after them, so an
    answer on its own line ('NO') stays."""
    upper = initials.upper()
    word_like = initials.lower() in UPPER_STOPLIST

    def match(ix: TextIndex, i: int) -> int | None:
        raw = ix.raws[i]
        if raw.upper() != upper or not ix.ends_word(i):
            return None
        start, end = ix.starts[i], ix.ends[i]
        if not _LINE_OPENS.search(ix.text, max(0, start - 8), start):
            return None
        tail = _SIGNED_TAIL.match(ix.text, end)
        if not tail:
            return None
        team = tail["team"]
        if team is None:
            return None if word_like else tail.end()
        if any(word.lower() in _ANSWER_WORDS for word in team.split()):
            return None
        return end

    return match


def whole_word(ix: TextIndex, i: int) -> int | None:
    """The word itself, wherever it starts a word (not the tail of a handle or an address)."""
    return ix.ends[i] if ix.starts_word(i) else None


def exact_word(*forms: str, not_after_plate: bool = False) -> Matcher:
    """A word typed exactly so (case-sensitive): bare initials 'SH', an acronym 'KWA'."""
    wanted = frozenset(forms)

    def match(ix: TextIndex, i: int) -> int | None:
        if base_of(ix.raws[i]) not in wanted or not ix.starts_word(i) or not ix.ends_word(i):
            return None
        if not_after_plate and _PLATE_BEFORE.search(
            ix.text, max(0, ix.starts[i] - 5), ix.starts[i]
        ):
            return None
        return ix.ends[i]

    return match


def phrase(
    positions: list[frozenset[str]], gap: re.Pattern[str], capitalised: bool = False
) -> Matcher:
    """Consecutive words, each one of a set of keys, joined by ``gap``."""

    def match(ix: TextIndex, i: int) -> int | None:
        if not ix.starts_word(i) or (capitalised and not ix.raws[i][:1].isupper()):
            return None
        last = i + len(positions) - 1
        if last >= len(ix.keys):
            return None
        for offset in range(1, len(positions)):
            j = i + offset
            if ix.keys[j] not in positions[offset] or not ix.gap(gap, j - 1):
                return None
        return ix.ends[last] if ix.ends_word(last) else None

    return match


# Welsh mutates a word's first consonant after certain words: Treorci is "yn Nhreorci", "o
# Dreorci"; Canolfan is "y Ganolfan". Soft, nasal and aspirate forms of each.
_MUTATIONS = (
    ("c", ("g", "ngh", "ch")), ("p", ("b", "mh", "ph")), ("t", ("d", "nh", "th")),
    ("g", ("", "ng")), ("b", ("f", "m")), ("d", ("dd", "n")), ("ll", ("l",)), ("m", ("f",)),
    ("rh", ("r",)),
)  # fmt: skip


def welsh_mutations(key: str) -> frozenset[str]:
    found: set[str] = set()
    for head, forms in _MUTATIONS:
        if key.startswith(head) and not key.startswith(("ch", "ph", "th")):
            found |= {form + key[len(head) :] for form in forms}
    return frozenset(form for form in found if len(form) >= 4)


def organisation_positions(words: tuple[str, ...], welsh: bool = False) -> list[frozenset[str]]:
    """Keys per word of an organisation's name: 'St' is also 'Saint'; after it, 'Mary's' is
    also 'M's' and 'Marys'. 'and' / '&' are left to the gap between words. A Welsh name's
    words are also keyed as they mutate."""
    positions: list[frozenset[str]] = []
    for index, word in enumerate(words):
        lowered = word.lower().rstrip(".")
        if word in ("&", "and"):
            continue
        if lowered in ("st", "saint"):
            positions.append(frozenset({"st", "saint"}))
            continue
        keys = keys_for(word)
        # "the Elm Rd surgery" for Elm Road Medical Centre.
        keys |= STREET_SHORT_FORMS.get(lowered, frozenset())
        if welsh and keys:
            keys |= frozenset().union(*(welsh_mutations(key) for key in keys))
        after_saint = index > 0 and words[index - 1].lower().rstrip(".") in ("st", "saint")
        if after_saint and keys:
            key = min(keys, key=len)
            keys |= {key[0], key + "s"}
            # "St Bartholomew's" is "St Barts" and "St Bart's": the saint's name cut short.
            if len(key) >= 6:
                keys |= {key[:size] + tail for size in range(4, len(key)) for tail in ("", "s")}
        positions.append(frozenset(keys))
    return [p for p in positions if p]


_STREET_PAIRS = (
    ("road", "rd"), ("street", "st"), ("avenue", "ave"), ("lane", "ln"), ("close", "cl"),
    ("drive", "dr"), ("crescent", "cres"), ("terrace", "tce"), ("place", "pl"),
    ("gardens", "gdns"), ("square", "sq"), ("court", "ct"),
)  # fmt: skip
STREET_SHORT_FORMS = {long: frozenset({short}) for long, short in _STREET_PAIRS} | {
    short: frozenset({long}) for long, short in _STREET_PAIRS if short not in ("st", "dr")
}


def role_positions(role: str) -> list[frozenset[str]]:
    """Keys per word of a role, with the short forms people type ('Snr', 'Sch', 'Asst')."""
    words = role.split()
    positions = [
        frozenset(keys_for(w)).union(ROLE_WORD_SHORT_FORMS.get(w.lower(), ())) for w in words
    ]
    if positions:
        positions[-1] = positions[-1] | {k + "s" for k in positions[-1]}
    return [p for p in positions if p]


def bare_initials_allowed(initials: str) -> bool:
    return len(initials) >= 2 and initials.lower() not in UPPER_STOPLIST
