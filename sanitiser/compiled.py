"""A source identity, compiled, and the scan that finds it in one text.

The scan looks each word of the text up in the identity's sets and examines only the hits;
contact details are found by cheap substring checks before any pattern runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from . import rules
from .fuzzy import is_plausible_misspelling
from .handles import (
    name_handle_spans,
    organisation_glued_spans,
    spelt_out_spans,
    spoken_email_spans,
    titled_first_name_handle_spans,
)
from .identity import (
    OrganisationName,
    PersonName,
    SourceIdentity,
)
from .numbers import professional_number_spans, spoken_phone_spans
from .patterns import alternation, insensitive, letters, strip_accents
from .phones import EXTENSION, national_number
from .spans import Span
from .tokens import (
    TextIndex,
    base_of,
    is_sentence_start,
    matches_at,
    offsets_of,
    previous_word,
    run_start,
)
from .vocabulary import (
    COMMON_FIRST_NAMES,
    NAME_PARTICLES,
    POST_NOMINALS,
    TITLES,
)

TITLE = insensitive(alternation([letters(t) for t in TITLES])) + r"\.?"
POST_NOMINAL_TAIL = re.compile(
    r"(?:[ \t]*,?[ \t]*\(?(?:" + "|".join(POST_NOMINALS) + r")\)?(?![\w]))+"
)
# Any UK number, read digit by digit: it is the source's when its digits are the source's.
# A date at the start of a value: "08/02/2025", "3.11.26", "2025-02-08". Never a phone number.
DATE_START = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|^\d{4}-\d{2}-\d{2}\b")
# The country code may come without its plus, as WhatsApp links write it (wa.me/447700900123).
# The look-ahead for the characters it may start with skips every other place at once.
PHONE_CANDIDATE = re.compile(
    r"(?=[+(04])(?<![\d+])(?:(?:(?:\+|00)\s*)?44\s*(?:\(\s*0\s*\)\s*)?|\(?0[\s)]*)"
    r"\d(?:[\s.\-()/]{0,3}\d){8,9}(?!\d)" + EXTENSION
)
# Every phone candidate starts with one of these.
PHONE_STARTS = ("+", "0", "(", "44")
# A number typed with a letter O for its first nought: "O7700 900123".
_LETTER_O_NUMBER = re.compile(r"(?<![\w+])[Oo](?=[ \t]*\(?[ \t]*[1-9])")
# The letter O before a mobile's 7 or a landline's 1: looked for before the pattern runs. (A
# number starting 02, 03 or 08 typed with a letter O is rare enough to leave to the reviewer.)
_LETTER_O_CUES = ("o7", "o1")
_EMAIL_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)+")
_URL_TAIL = re.compile(r"/[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?]")

_AT_CUES = (" at ", "(at)", " (at)", "[at]", " [at]")
Hit = tuple[int, int, str]
_NO_KEY = frozenset({""})
Entry = tuple[rules.Matcher, str, str]
# Matchers whose hits need context before they count; the rest are removed outright.
SURNAME, FIRST_NAME, ORG_CORE, ONE_WORD_ROLE = "@surname", "@first", "@core", "@role"


@dataclass
class Scan:
    spans: list[Span]
    hits: dict[str, list[Hit]]


@dataclass
class CompiledIdentity:
    """Everything the matchers need to know about one source."""

    identity: SourceIdentity
    person: PersonName | None
    aliases: tuple[PersonName, ...]
    organisation: OrganisationName | None
    email_domain: str
    first_names: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    single_roles: frozenset[str] = frozenset()
    fuzzy_targets: tuple[tuple[str, str, str], ...] = ()
    # Each matcher with the word keys it may start at, in the order they were added.
    anchored: list[tuple[frozenset[str], Entry]] = field(default_factory=list)
    emails: frozenset[str] = frozenset()
    sites: tuple[str, ...] = ()
    phones: dict[str, str] = field(default_factory=dict)
    obfuscated_needle: str = ""
    # The surname, first names and initial as they appear glued into an address or handle.
    handle_surnames: tuple[str, ...] = ()
    handle_firsts: frozenset[str] = frozenset()
    handle_initial: str = ""
    # The organisation's distinctive words as they appear glued into an address or handle, and
    # all the words of its name that may be glued to them.
    glued_organisation: tuple[str, ...] = ()
    organisation_words: frozenset[str] = frozenset()
    organisation_glue: frozenset[str] = frozenset()
    spelt_firsts: tuple[str, ...] = ()
    # The keys of the source's names and of titles: what a word hidden in leetspeak or broken over
    # two lines must spell before the readable view rewrites it.
    readable_words: frozenset[str] = frozenset()
    _obfuscated: re.Pattern[str] | None = None

    def add(
        self, keys: set[str] | frozenset[str], matcher: rules.Matcher, kind: str, reason: str
    ) -> None:
        wanted = (
            keys if isinstance(keys, frozenset) and "" not in keys else frozenset(keys) - _NO_KEY
        )
        if wanted:
            self.anchored.append((wanted, (matcher, kind, reason)))

    def scan(self, index: TextIndex) -> Scan:
        """Every identifier of the source in the text, and the words that need context."""
        spans: list[Span] = []
        hits: dict[str, list[Hit]] = {}
        text = index.text
        key_set = index.key_set
        # Only the matchers whose start words occur, under the start words that do (in the order
        # they were added, which is the order they are tried in).
        by_key: dict[str, list[Entry]] = {}
        for keys, entry in self.anchored:
            if not keys.isdisjoint(key_set):
                for key in keys & key_set:
                    by_key.setdefault(key, []).append(entry)
        starts = index.starts
        keys_at = index.keys
        for i in index.positions(by_key.keys()):
            start = starts[i]
            for matcher, kind, reason in by_key[keys_at[i]]:
                end = matcher(index, i)
                if end is None or end <= start:
                    continue
                if kind[0] == "@":
                    hits.setdefault(kind, []).append((start, end, text[start:end]))
                else:
                    spans.append(Span(start, end, kind, text[start:end], reason))
        spans += self._contacts(index)
        return Scan(spans, hits)

    def _contacts(self, index: TextIndex) -> list[Span]:
        text = index.text
        found: list[Span] = []
        if self.phones:
            for match in phone_candidates(text):
                reason = self.phones.get(national_number(match[0]))
                if reason:
                    found.append(Span(match.start(), match.end(), "phone", match[0], reason))
            if any(cue in index.lowered for cue in _LETTER_O_CUES):
                found += self._letter_o_numbers(text)
            found += _numbers_without_trunk_zero(text, self.phones)
        if "@" in text and (self.emails or self.email_domain):
            found += self._emails(text)
        for site in self.sites:
            if site in index.lowered:
                found += _websites(text, index.lowered, site)
        found += self._obfuscated_emails(index)
        if self.emails and " at " in index.lowered and " dot " in index.lowered:
            for email in self.emails:
                found += spoken_email_spans(index, email)
        if self.handle_surnames:
            # The source's own address, found above, needs no second look.
            found += name_handle_spans(
                index, self.handle_surnames, self.handle_firsts, self.handle_initial, found
            )
            found += spelt_out_spans(index, self.handle_surnames + self.spelt_firsts)
        if self.handle_firsts:
            found += titled_first_name_handle_spans(index, self.handle_firsts, found)
        if self.glued_organisation:
            found += organisation_glued_spans(
                index,
                self.glued_organisation,
                self.organisation_words,
                self.organisation_glue,
                found,
            )
        found += professional_number_spans(index)
        found += spoken_phone_spans(index, self.phones)
        return found

    def _letter_o_numbers(self, text: str) -> list[Span]:
        found: list[Span] = []
        for letter in _LETTER_O_NUMBER.finditer(text):
            at = letter.start()
            # The same text with the letter read as a nought, so offsets stay as they are.
            match = PHONE_CANDIDATE.match(text[:at] + "0" + text[at + 1 :], at)
            reason = self.phones.get(national_number(match[0])) if match else None
            if match and reason:
                found.append(Span(at, match.end(), "phone", text[at : match.end()], reason))
        return found

    def _obfuscated_emails(self, index: TextIndex) -> list[Span]:
        """'s.hughes at kwa dot example': rare, so its regex is compiled only when needed."""
        needle = self.obfuscated_needle
        lowered = index.lowered
        if (
            not needle
            or needle not in lowered
            or not any(needle + cue in lowered for cue in _AT_CUES)
        ):
            return []
        if self._obfuscated is None:
            self._obfuscated = re.compile(obfuscated_email_source(self.identity.email.lower()))
        return [
            Span(m.start(), m.end(), "email", m[0], "source's email address")
            for m in self._obfuscated.finditer(index.text)
        ]

    def _emails(self, text: str) -> list[Span]:
        found: list[Span] = []
        at = text.find("@")
        while at != -1:
            local_start = run_start(text, at, "_.+'-", 64)
            host = _EMAIL_HOST.match(text, at + 1)
            if local_start < at and host:
                address = text[local_start : host.end()].lower().rstrip(".")
                domain = host[0].lower().rstrip(".")
                end = local_start + len(address)
                if address in self.emails:
                    found.append(
                        Span(
                            local_start,
                            end,
                            "email",
                            text[local_start:end],
                            "source's email address",
                        )
                    )
                elif self.email_domain and (
                    domain == self.email_domain or domain.endswith("." + self.email_domain)
                ):
                    found.append(
                        Span(
                            local_start,
                            end,
                            "mailbox",
                            text[local_start:end],
                            "address at the organisation's domain",
                        )
                    )
            at = text.find("@", at + 1)
        return found


def obfuscated_email_source(email: str) -> str:
    """A pattern for the address written to dodge filters: 's.hughes at kwa dot example'."""
    local, host = email.rsplit("@", 1)
    at = r"\s*(?:\(at\)|\[at\]|\s+at\s+)\s*"
    dot = r"(?:\.|\s*(?:\(dot\)|\[dot\]|\s+dot\s+)\s*)"
    pattern = re.escape(local).replace(r"\.", dot) + at + dot.join(map(re.escape, host.split(".")))
    return r"(?<![\w.+-])(?i:" + pattern + r")(?![\w-]|\.\w)"


@lru_cache(maxsize=4096)
def _bare_number(national: str) -> re.Pattern[str]:
    """The national number with neither 0 nor +44 before it: "7700900579", "7700 900 579"."""
    spaced = r"[ \t.\-]?".join(national)
    return re.compile(r"(?<![\d+\w])" + spaced + r"(?!\d)")


def _numbers_without_trunk_zero(text: str, phones: dict[str, str]) -> list[Span]:
    """A source's number typed without its leading nought. Looked for only where its first four
    digits stand in the text, so a text without them costs one find per number."""
    found: list[Span] = []
    for national, reason in phones.items():
        if national[:4] not in text:
            continue
        for match in _bare_number(national).finditer(text):
            found.append(Span(match.start(), match.end(), "phone", match[0], reason))
    return found


def phone_candidates(text: str) -> list[re.Match[str]]:
    """``PHONE_CANDIDATE.finditer(text)``, tried only where a number can begin."""
    return matches_at(PHONE_CANDIDATE, text, offsets_of(text, PHONE_STARTS))


def _websites(text: str, lowered: str, site: str) -> list[Span]:
    """The organisation's site however it is written: kwa.example, www.kwa.example/contact."""
    found: list[Span] = []
    position = lowered.find(site)
    while position != -1:
        end = position + len(site)
        start = run_start(text, position, "_.-", 80)
        if start < position and text[position - 1] != ".":
            position = lowered.find(site, end)
            continue  # "xkwa.example" is another site
        for scheme in ("https://", "http://"):
            if lowered.startswith(scheme, start - len(scheme)):
                start -= len(scheme)
                break
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if (
            before not in "@."
            and not (before.isalnum() or before in "_-")
            and not (
                after.isalnum()
                or after in "_-"
                or (after == "." and text[end + 1 : end + 2].isalnum())
            )
        ):
            tail = _URL_TAIL.match(text, end)
            end = tail.end() if tail else end
            found.append(Span(start, end, "website", text[start:end], "organisation's website"))
        position = lowered.find(site, end)
    return found


def is_other_persons_surname(text: str, start: int, compiled: CompiledIdentity) -> bool:
    """'Kyle Hughes': a different first name before the surname means someone else."""
    word, word_start = previous_word(text, start)
    if not word or not word[0].isupper() or word.isupper():
        return False
    lowered = word.lower().rstrip(".")
    if lowered in TITLES or lowered in NAME_PARTICLES:
        return False
    if is_given_name_variant(lowered, compiled.first_names):
        return False
    if any(
        is_plausible_misspelling(word, first) for first in compiled.first_names if len(first) >= 5
    ):
        return False
    if lowered in COMMON_FIRST_NAMES:
        return True
    return not is_sentence_start(text, word_start)


def is_given_name_variant(lowered: str, first_names: tuple[str, ...]) -> bool:
    """Whether a word, in lower case, reads as the source's first name where it stands right
    before their surname: one of its forms, or a short form the table does not know that keeps
    its start ('Bernie' for Bernadette) or its end ('Emeka' for Chukwuemeka)."""
    plain = strip_accents(lowered)
    for first in first_names:
        name = strip_accents(first.lower())
        if plain == name:
            return True
        if len(plain) >= 3 and len(name) >= 5 and len(plain) < len(name):
            if name.startswith(plain) or (len(plain) >= 4 and name.endswith(plain)):
                return True
            if len(plain) >= 4 and plain[:4] == name[:4]:
                return True
    return False


def fuzzy_candidates(
    index: TextIndex, compiled: CompiledIdentity
) -> list[tuple[int, int, str, str]]:
    """Capitalised words within a small edit distance of the source's surname or organisation.

    Only capitalised words of a similar length and the same first letter are compared.
    """
    if not compiled.fuzzy_targets:
        return []
    found: list[tuple[int, int, str, str]] = []
    verdicts: dict[str, tuple[str, str] | None] = {}
    initials = {target[0].lower() for target, _, _ in compiled.fuzzy_targets}
    lengths = [len(t[0]) for t in compiled.fuzzy_targets]
    shortest, longest = min(lengths) - 2, max(lengths) + 2
    capitals = tuple(letter.upper() for letter in initials)
    candidates = sorted(
        {
            i
            for capital in capitals
            for i in index.words_starting_with(capital)
            if shortest <= len(index.raws[i]) <= longest + 2
        }
    )
    for i in candidates:
        token = base_of(index.raws[i])
        if not shortest <= len(token) <= longest or not token.isalpha() or not index.starts_word(i):
            continue
        if token not in verdicts:
            verdicts[token] = next(
                (
                    (kind, reason)
                    for target, kind, reason in compiled.fuzzy_targets
                    if is_plausible_misspelling(token, target)
                ),
                None,
            )
        verdict = verdicts[token]
        if verdict:
            start = index.starts[i]
            found.append((start, start + len(token), verdict[0], verdict[1]))
    return found
