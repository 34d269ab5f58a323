"""Compile one source identity into the regular expressions that find it.

Built once per identity (``compile_identity`` is cached) so sanitising a record, and re-checking
it at export, costs a handful of regex scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .fuzzy import allowed_distance, is_plausible_misspelling
from .identity import (
    OrganisationName,
    PersonName,
    SourceIdentity,
    email_domain_of,
    parse_organisation,
    parse_person_name,
    split_roles,
    website_host,
)
from .patterns import (
    POSSESSIVE,
    WORD_END,
    WORD_START,
    alternation,
    capitalised,
    insensitive,
    letters,
)
from .phones import phone_pattern
from .vocabulary import (
    COMMON_FIRST_NAMES,
    COMMON_WORD_SURNAMES,
    COMMON_WORDS,
    DIMINUTIVES,
    ORG_GENERIC_WORDS,
    PLACE_WORDS,
    POST_NOMINALS,
    TITLES,
    UPPER_STOPLIST,
)

TITLE = insensitive(alternation([letters(t) for t in TITLES])) + r"\.?"
POST_NOMINAL_TAIL = re.compile(
    r"(?:[ \t]*,?[ \t]*\(?(?:" + "|".join(POST_NOMINALS) + r")\)?(?![\w]))+"
)
_NEXT_WORD = re.compile(r"[ \t]*([A-Za-z][\w'\u2019.-]*)")
_PREVIOUS_WORD = re.compile(r"([A-Za-z][\w'\u2019.-]*)[ \t]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\"(]\s*|\n)$")
_CAPITALISED_TOKEN = re.compile(r"(?<![\w@#/.'\u2019-])[A-Z][A-Za-z'\u2019-]{4,}")
_ORG_SUFFIX = insensitive(
    alternation([letters(w) for w in ORG_GENERIC_WORDS if len(w) > 3 and w.isalpha()])
)


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    kind: str
    reason: str


@dataclass
class CompiledIdentity:
    """Everything the matchers need to know about one source, compiled."""

    identity: SourceIdentity
    person: PersonName | None
    aliases: tuple[PersonName, ...]
    organisation: OrganisationName | None
    email_domain: str
    rules: list[Rule] = field(default_factory=list)
    surname_alone: re.Pattern[str] | None = None
    org_core_alone: re.Pattern[str] | None = None
    first_name: re.Pattern[str] | None = None
    first_names: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    single_word_roles: re.Pattern[str] | None = None
    fuzzy_targets: tuple[tuple[str, str, str], ...] = ()


@lru_cache(maxsize=512)
def compile_identity(identity: SourceIdentity) -> CompiledIdentity:
    person = parse_person_name(identity.name) if identity.name else None
    aliases = tuple(p for p in (parse_person_name(a) for a in identity.aliases) if p)
    email_domain = email_domain_of(identity)
    organisation = parse_organisation(identity.organisation, email_domain)
    compiled = CompiledIdentity(identity, person, aliases, organisation, email_domain)
    people = [p for p in (person, *aliases) if p]
    for someone in people:
        _add_person_rules(compiled, someone, kind="name", whose="source's")
    for raw in identity.colleagues:
        colleague = parse_person_name(raw)
        if colleague:
            _add_person_rules(compiled, colleague, kind="colleague", whose="colleague's")
    _add_contact_rules(compiled, identity, email_domain)
    _add_organisation_rules(compiled, identity, organisation)
    _add_role_rules(compiled, identity.role)
    _add_address_rules(compiled, identity.organisation_address)
    compiled.first_names = tuple(
        dict.fromkeys(form for p in people if p.first for form in first_name_forms(p.first))
    )
    compiled.surnames = tuple(s for p in people for s in p.surnames)
    if compiled.first_names:
        compiled.first_name = re.compile(
            WORD_START
            + insensitive(alternation([letters(f) for f in compiled.first_names]))
            + WORD_END
        )
    if compiled.surnames:
        forms = [
            capitalised(s) if s.lower() in COMMON_WORD_SURNAMES else insensitive(letters(s))
            for s in compiled.surnames
        ]
        compiled.surname_alone = re.compile(WORD_START + alternation(forms) + POSSESSIVE + WORD_END)
    targets = [(s, "name", "likely misspelling of the source's surname") for s in compiled.surnames]
    if organisation and organisation.core_stands_alone:
        targets += [
            (w, "organisation", "likely misspelling of the source's organisation")
            for w in organisation.core
            if w.isalpha()
        ]
    compiled.fuzzy_targets = tuple(t for t in targets if allowed_distance(t[0]))
    return compiled


def first_name_forms(first: str) -> list[str]:
    """The first name and the short forms people sign with: 'Daniel' -> Dan, Dani, Danny."""
    forms = [first]
    lowered = first.lower()
    forms += [d.title() for d in DIMINUTIVES.get(lowered, ())]
    if len(first) >= 5 and first.isalpha():
        for size in (3, 4):
            prefix = lowered[:size]
            if prefix not in COMMON_WORDS and prefix not in UPPER_STOPLIST:
                forms.append(first[:size])
    return [f for f in forms if len(f) >= 2]


def _rule(compiled: CompiledIdentity, pattern: str, kind: str, reason: str) -> None:
    if pattern:
        compiled.rules.append(Rule(re.compile(pattern), kind, reason))


def _add_person_rules(
    compiled: CompiledIdentity, person: PersonName, kind: str, whose: str
) -> None:
    last = alternation([letters(s) for s in person.surnames]) if person.last else ""
    first = letters(person.first) if person.first else ""
    if first and last:
        middle = alternation([letters(m) for m in person.middles] + [r"(?-i:[A-Z]\.?)"])
        full = (
            f"(?:{TITLE}[ \\t]+)?{first}(?:[ \\t]+{middle}|[ \\t]+(?-i:[A-Z][a-z]+))?"
            f"[ \\t]+{last}{POSSESSIVE}"
        )
        _rule(compiled, WORD_START + insensitive(full) + WORD_END, kind, f"{whose} full name")
        reverse = f"{last}\\s*,\\s*{first}"
        _rule(compiled, WORD_START + insensitive(reverse) + WORD_END, kind, f"{whose} name")
        initial = re.escape(person.first[0])
        with_initial = f"{initial}\\.?\\s*(?:[A-Za-z]\\.\\s*)?{last}{POSSESSIVE}"
        _rule(
            compiled,
            r"(?<![\w.@#/'\u2019-])" + insensitive(with_initial) + WORD_END,
            kind,
            f"{whose} initial and surname",
        )
        surname_initial = insensitive(first) + r"\s+" + re.escape(person.last[0].upper()) + r"\.?"
        _rule(compiled, WORD_START + surname_initial + r"(?![\w'\u2019])", kind, f"{whose} name")
    if last:
        titled = f"{TITLE}\\s+(?:{first}\\s+|[A-Za-z]\\.?\\s*)?{last}{POSSESSIVE}"
        _rule(
            compiled, WORD_START + insensitive(titled) + WORD_END, kind, f"{whose} title and name"
        )
    if first and kind == "name":
        # "Miss Sarah" is how pupils address a teacher; a following different surname is caught
        # by the context filter in context.py, so here we only take title + first name alone.
        titled_first = f"{TITLE}\\s+{insensitive(first)}(?!\\s+[A-Z][a-z])"
        _rule(compiled, WORD_START + titled_first + WORD_END, kind, f"{whose} title and first name")
    initials = person.initials
    if len(initials) >= 2:
        dotted = r"\.\s?".join(re.escape(ch) for ch in initials) + r"\."
        dotted_upper = r"\.\s?(?:[A-Z]\.\s?)?".join(re.escape(ch) for ch in initials) + r"\.?"
        _rule(compiled, r"(?<![\w.])" + insensitive(dotted) + r"(?!\w)", kind, f"{whose} initials")
        _rule(compiled, r"(?<![\w.])" + dotted_upper + r"(?!\w)", kind, f"{whose} initials")
        if initials.lower() not in UPPER_STOPLIST:
            bare = r"(?<![\w.@#/-])" + re.escape(initials) + r"(?![\w@]|-\w)"
            _rule(compiled, bare, kind, f"{whose} initials")


def _add_contact_rules(compiled: CompiledIdentity, identity: SourceIdentity, domain: str) -> None:
    if "@" in identity.email:
        local, host = identity.email.rsplit("@", 1)
        at = r"\s*(?:@|\(at\)|\[at\]|\s+at\s+)\s*"
        dot = r"(?:\.|\s*(?:\(dot\)|\[dot\]|\s+dot\s+)\s*)"
        pieces = [re.escape(part) for part in host.split(".")]
        obfuscated = re.escape(local).replace(r"\.", dot) + at + dot.join(pieces)
        _rule(
            compiled,
            r"(?<![\w.+-])" + insensitive(obfuscated) + r"(?![\w-]|\.\w)",
            "email",
            "source's email address",
        )
    if domain:
        escaped = re.escape(domain)
        mailbox = r"(?<![\w.+-])[\w.+'-]+@(?:[\w-]+\.)*" + escaped + r"(?![\w-]|\.\w)"
        _rule(compiled, insensitive(mailbox), "mailbox", "address at the organisation's domain")
        website = (
            r"(?<![@\w.-])(?:https?://)?(?:[\w-]+\.)*"
            + escaped
            + r"(?![\w-]|\.\w)(?:/[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?])?"
        )
        _rule(compiled, insensitive(website), "website", "organisation's website")
    if identity.organisation_website:
        host = website_host(identity.organisation_website)
        if host and host != domain:
            site = r"(?<![@\w.-])(?:https?://)?(?:[\w-]+\.)*" + re.escape(host)
            site += r"(?![\w-]|\.\w)(?:/[^\s<>()\[\]\"']*[^\s<>()\[\]\"'.,;:!?])?"
            _rule(compiled, insensitive(site), "website", "organisation's website")
    _rule(compiled, phone_pattern(identity.phone), "phone", "source's phone number")
    org_phone = phone_pattern(identity.organisation_phone)
    _rule(compiled, org_phone, "phone", "organisation's switchboard number")


def _organisation_word(word: str, after_saint: bool) -> str:
    lowered = word.lower().rstrip(".")
    if lowered in ("st", "saint"):
        return r"(?:st\.?|saint)"
    if word in ("&", "and"):
        return r"(?:&|and)"
    if after_saint and len(word) > 2:
        # "St Mary's" is also written "St M's" and "St Marys".
        base = re.sub(r"['\u2019]s$", "", word)
        return letters(base[0]) + f"(?:{letters(base[1:])})?" + r"(?:['\u2019]?s)?"
    return letters(word)


def _phrase(words: tuple[str, ...]) -> str:
    parts: list[str] = []
    for index, word in enumerate(words):
        after_saint = index > 0 and words[index - 1].lower().rstrip(".") in ("st", "saint")
        parts.append(_organisation_word(word, after_saint))
    return parts[0] if len(parts) == 1 else r",?\s+".join(parts)


def _add_organisation_rules(
    compiled: CompiledIdentity, identity: SourceIdentity, organisation: OrganisationName | None
) -> None:
    if identity.team:
        team = WORD_START + insensitive(_phrase(tuple(identity.team.split()))) + WORD_END
        _rule(compiled, team, "organisation", "source's team")
    if not organisation:
        return
    if organisation.words:
        full = _phrase(organisation.words) + POSSESSIVE
        _rule(compiled, WORD_START + insensitive(full) + WORD_END, "organisation", "organisation")
    if organisation.brand:
        brand = WORD_START + insensitive(_phrase(organisation.brand)) + POSSESSIVE + WORD_END
        _rule(compiled, brand, "organisation", "organisation (brand name)")
    core = organisation.core
    if core and organisation.core_stands_alone:
        single = len(core) == 1
        word = core[0]
        if single and (len(word) < 6 or word.lower() in COMMON_WORDS):
            core_pattern = capitalised(word)
        else:
            core_pattern = insensitive(_phrase(core))
        with_suffix = core_pattern + rf"(?:\s+{_ORG_SUFFIX})+" + POSSESSIVE
        _rule(
            compiled,
            WORD_START + with_suffix + WORD_END,
            "organisation",
            "organisation (short name)",
        )
        compiled.org_core_alone = re.compile(WORD_START + core_pattern + POSSESSIVE + WORD_END)
    for acronym in organisation.acronyms:
        dotted = r"\.\s?".join(re.escape(ch) for ch in acronym) + r"\.?"
        # Lower case too ("kwa"), but not Title case, which would be a word or a name ("Ash").
        word_like = acronym.lower() in UPPER_STOPLIST or acronym.lower() in COMMON_WORDS
        lower = "|" + re.escape(acronym.lower()) if len(acronym) >= 3 and not word_like else ""
        pattern = (
            r"(?<![\w.@#/-])(?<![A-Z]{2}\d{2}\s)(?:"
            + re.escape(acronym)
            + lower
            + "|"
            + dotted
            + ")"
            + POSSESSIVE
            + r"(?![\w@]|-\w)"
        )
        _rule(compiled, pattern, "organisation", "organisation's acronym")


def _add_role_rules(compiled: CompiledIdentity, role: str) -> None:
    single: list[str] = []
    for part in split_roles(role):
        words = part.split()
        if len(words) == 1 and not any(ch.isdigit() for ch in part):
            if part.isupper() and len(part) >= 2:
                # An acronym role ("DSL", "SENCO") is specific enough to remove everywhere.
                _rule(compiled, WORD_START + re.escape(part) + WORD_END, "role", "source's role")
            else:
                single.append(letters(part))
            continue
        variants = [part]
        without_number = re.sub(r"\s*\d+\w*$", "", part)
        if without_number != part and len(without_number.split()) >= 2:
            variants.append(without_number)
        pattern = alternation([letters(v).replace(r"\s+", r"\s*") for v in variants])
        _rule(
            compiled, WORD_START + insensitive(pattern) + r"s?" + WORD_END, "role", "source's role"
        )
        for acronym in _role_acronyms(words):
            _rule(compiled, WORD_START + acronym + WORD_END, "role", "source's role (acronym)")
    if single:
        compiled.single_word_roles = re.compile(
            WORD_START + insensitive(alternation(single)) + r"s?" + WORD_END
        )


def _role_acronyms(words: list[str]) -> list[str]:
    """'Head of Year 9' -> HoY9 / HOY9; 'Designated Safeguarding Lead' -> DSL."""
    mixed, upper = "", ""
    digits = ""
    for word in words:
        if word.isdigit():
            digits = word
        elif word.lower() in ("of", "the", "and", "for"):
            mixed += word[0].lower()
            upper += word[0].upper()
        elif word[:1].isalpha():
            mixed += word[0].upper()
            upper += word[0].upper()
    letters_only = sum(ch.isalpha() for ch in upper)
    if letters_only < 3 and not (letters_only >= 2 and digits):
        return []
    suffix = rf"\s?{digits}" if digits else ""
    forms = {re.escape(mixed), re.escape(upper)}
    return ["(?:" + "|".join(sorted(forms)) + ")" + suffix]


def _add_address_rules(compiled: CompiledIdentity, address: str) -> None:
    if not address:
        return
    parts = [p.strip() for p in re.split(r"[,\n]", address) if p.strip()]
    full = r"[\s,]+".join(letters(p) for p in parts)
    _rule(compiled, WORD_START + insensitive(full) + WORD_END, "address", "organisation's address")
    for part in parts:
        postcode = re.fullmatch(r"([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})", part)
        if postcode:
            pattern = insensitive(rf"{postcode[1]}\s*{postcode[2]}")
            _rule(compiled, WORD_START + pattern + WORD_END, "address", "organisation's postcode")
        elif any(ch.isdigit() for ch in part) and len(part.split()) >= 2:
            _rule(
                compiled,
                WORD_START + insensitive(letters(part)) + WORD_END,
                "address",
                "organisation's street address",
            )


# --- reading the words around a candidate -------------------------------------------------------


def next_word(text: str, end: int) -> str:
    match = _NEXT_WORD.match(text, end)
    return match[1] if match else ""


def previous_word(text: str, start: int) -> tuple[str, int]:
    """The word right before ``start`` on the same line, and where it starts."""
    window_start = max(0, start - 40)
    match = _PREVIOUS_WORD.search(text, window_start, start)
    if not match:
        return "", start
    return match[1], match.start(1)


def is_sentence_start(text: str, position: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, position - 3) : position]))


def is_place(text: str, end: int) -> bool:
    """'Hughes Road', 'Kingsweston Park': a street or place named like the source."""
    following = next_word(text, end).lower().rstrip(".")
    return following in PLACE_WORDS


def is_other_persons_surname(text: str, start: int, compiled: CompiledIdentity) -> bool:
    """'Kyle Hughes': a different first name before the surname means someone else."""
    word, word_start = previous_word(text, start)
    if not word or not word[0].isupper() or word.isupper():
        return False
    lowered = word.lower().rstrip(".")
    if lowered in TITLES or lowered in {f.lower() for f in compiled.first_names}:
        return False
    if any(
        is_plausible_misspelling(word, first) for first in compiled.first_names if len(first) >= 5
    ):
        return False
    if lowered in COMMON_FIRST_NAMES:
        return True
    return not is_sentence_start(text, word_start)


def fuzzy_candidates(text: str, compiled: CompiledIdentity) -> list[tuple[int, int, str, str]]:
    """Capitalised tokens within a small edit distance of the source's surname or organisation."""
    if not compiled.fuzzy_targets:
        return []
    found: list[tuple[int, int, str, str]] = []
    verdicts: dict[str, tuple[str, str] | None] = {}
    lengths = [len(t[0]) for t in compiled.fuzzy_targets]
    shortest, longest = min(lengths) - 2, max(lengths) + 2
    for match in _CAPITALISED_TOKEN.finditer(text):
        token = match[0].rstrip("'\u2019-")
        if not shortest <= len(token) <= longest:
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
            end = match.start() + len(token)
            found.append((match.start(), end, verdict[0], verdict[1]))
    return found
