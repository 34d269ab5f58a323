"""Compile one source identity into the word sets and matchers that find it.

Built once per identity (``compile_identity`` is cached) and cheap to build: no regular
expression is compiled per identity, so a record with a new source costs little more than one
with a known source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import rules
from .compiled import FIRST_NAME, ONE_WORD_ROLE, ORG_CORE, SURNAME, CompiledIdentity
from .fuzzy import allowed_distance
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
from .phones import national_number
from .tokens import keys_for
from .vocabulary import COMMON_WORDS, DIMINUTIVES, UPPER_STOPLIST


@lru_cache(maxsize=1024)
def compile_identity(identity: SourceIdentity) -> CompiledIdentity:
    person = parse_person_name(identity.name) if identity.name else None
    aliases = tuple(p for p in (parse_person_name(a) for a in identity.aliases) if p)
    email_domain = email_domain_of(identity)
    organisation = parse_organisation(identity.organisation, email_domain)
    compiled = CompiledIdentity(identity, person, aliases, organisation, email_domain)
    people = [p for p in (person, *aliases) if p]
    compiled.first_names = tuple(
        dict.fromkeys(form for p in people if p.first for form in first_name_forms(p.first))
    )
    compiled.surnames = tuple(s for p in people for s in p.surnames)
    for someone in people:
        _add_person(compiled, someone, kind="name", whose="source's")
    for raw in identity.colleagues:
        colleague = parse_person_name(raw)
        if colleague:
            _add_person(compiled, colleague, kind="colleague", whose="colleague's")
    _add_contacts(compiled, identity, email_domain)
    _add_organisation(compiled, identity, organisation)
    _add_role(compiled, identity.role)
    _add_address(compiled, identity.organisation_address)
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


def _add_person(compiled: CompiledIdentity, person: PersonName, kind: str, whose: str) -> None:
    forms = list(compiled.first_names) if kind == "name" else first_name_forms(person.first)
    keys = rules.PersonKeys(person, forms if person.first else [])
    if keys.firsts and keys.surnames:
        compiled.add(keys.firsts, rules.full_name(keys), kind, f"{whose} full name")
        compiled.add(keys.surnames, rules.reversed_name(keys), kind, f"{whose} name")
        compiled.add(
            {keys.first_initial},
            rules.initial_and_surname(keys),
            kind,
            f"{whose} initial and surname",
        )
        compiled.add(keys.firsts, rules.first_and_last_initial(keys), kind, f"{whose} name")
    if keys.surnames or keys.firsts:
        compiled.add(
            rules.TITLE_KEYS,
            rules.titled_name(keys, with_first=kind == "name"),
            kind,
            f"{whose} title and name",
        )
    if kind == "name":
        compiled.add(
            keys.surnames,
            lambda ix, i: ix.ends[i] if ix.starts_word(i) else None,
            SURNAME,
            "source's surname",
        )
        compiled.add(
            keys.firsts,
            lambda ix, i: ix.ends[i] if ix.starts_word(i) else None,
            FIRST_NAME,
            "source's first name",
        )
    initials = person.initials
    if len(initials) >= 2:
        compiled.add(
            {initials[0].lower()},
            rules.dotted(initials, allow_middle=True),
            kind,
            f"{whose} initials",
        )
        if rules.bare_initials_allowed(initials):
            compiled.add({initials.lower()}, rules.exact_word(initials), kind, f"{whose} initials")
    apostrophe = rules.apostrophe_initials(person.first, person.last)
    if apostrophe is not None:
        keys, matcher = apostrophe
        compiled.add(keys, matcher, kind, f"{whose} initials")


def _add_contacts(compiled: CompiledIdentity, identity: SourceIdentity, domain: str) -> None:
    if "@" in identity.email:
        email = identity.email.lower()
        compiled.emails = frozenset({email})
        local = email.rsplit("@", 1)[0]
        compiled.obfuscated_needle = max(re.split(r"[.+_-]", local), key=len)
    sites = [domain] if domain else []
    if identity.organisation_website:
        host = website_host(identity.organisation_website)
        if host and host not in sites:
            sites.append(host)
    compiled.sites = tuple(sites)
    for raw, reason in (
        (identity.phone, "source's phone number"),
        (identity.organisation_phone, "organisation's switchboard number"),
    ):
        number = national_number(raw)
        if number:
            compiled.phones[number] = reason


def _add_organisation(
    compiled: CompiledIdentity, identity: SourceIdentity, organisation: OrganisationName | None
) -> None:
    if identity.team:
        positions = rules.organisation_positions(tuple(identity.team.split()))
        if positions:
            compiled.add(
                positions[0],
                rules.phrase(positions, rules.PHRASE_GAP),
                "organisation",
                "source's team",
            )
    if not organisation:
        return
    for words, reason in (
        (organisation.words, "organisation"),
        (organisation.brand, "organisation (brand name)"),
    ):
        positions = rules.organisation_positions(words)
        if positions:
            compiled.add(
                positions[0], rules.phrase(positions, rules.PHRASE_GAP), "organisation", reason
            )
    core = organisation.core
    if core and organisation.core_stands_alone:
        positions = rules.organisation_positions(core)
        word = core[0]
        capitalised = len(core) == 1 and (len(word) < 6 or word.lower() in COMMON_WORDS)
        if positions:
            compiled.add(
                positions[0],
                rules.phrase(positions, rules.PHRASE_GAP, capitalised),
                ORG_CORE,
                "organisation (short name)",
            )
    for acronym in organisation.acronyms:
        lower = acronym.lower()
        word_like = lower in UPPER_STOPLIST or lower in COMMON_WORDS
        forms = [acronym] + ([lower] if len(acronym) >= 3 and not word_like else [])
        compiled.add(
            {lower},
            rules.exact_word(*forms, not_after_plate=True),
            "organisation",
            "organisation's acronym",
        )
        compiled.add(
            {lower[0]},
            rules.dotted(acronym, allow_middle=False),
            "organisation",
            "organisation's acronym",
        )


def _add_role(compiled: CompiledIdentity, role: str) -> None:
    single: set[str] = set()
    for part in split_roles(role):
        words = part.split()
        if len(words) == 1 and not any(ch.isdigit() for ch in part):
            if part.isupper() and len(part) >= 2:
                compiled.add(keys_for(part), rules.exact_word(part), "role", "source's role")
            else:
                single |= keys_for(part)
            continue
        variants = [part]
        without_number = re.sub(r"\s*\d+\w*$", "", part)
        if without_number != part and len(without_number.split()) >= 2:
            variants.append(without_number)
        for variant in variants:
            positions = rules.role_positions(variant)
            compiled.add(
                positions[0], rules.phrase(positions, rules.ROLE_GAP), "role", "source's role"
            )
        for forms in _role_acronyms(words):
            compiled.add(
                {f.lower() for f in forms},
                rules.exact_word(*forms),
                "role",
                "source's role (acronym)",
            )
    if single:
        compiled.single_roles = frozenset(single)
        plural = single | {k + "s" for k in single}
        compiled.add(
            plural,
            lambda ix, i: ix.ends[i] if ix.starts_word(i) else None,
            ONE_WORD_ROLE,
            "source's role",
        )


def _role_acronyms(words: list[str]) -> list[list[str]]:
    """'Head of Year 9' -> HoY9, HOY9, HoY, HOY; 'Designated Safeguarding Lead' -> DSL."""
    mixed, upper, digits = "", "", ""
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
    forms = {mixed + digits, upper + digits}
    return [sorted(forms)]


def _add_address(compiled: CompiledIdentity, address: str) -> None:
    if not address:
        return
    parts = [p.strip() for p in re.split(r"[,\n]", address) if p.strip()]
    positions = [frozenset(keys_for(w)) for w in " ".join(parts).replace(",", " ").split()]
    positions = [p for p in positions if p]
    if positions:
        compiled.add(
            positions[0],
            rules.phrase(positions, rules.ADDRESS_GAP),
            "address",
            "organisation's address",
        )
    for part in parts:
        postcode = re.search(r"\b([A-Za-z]{1,2}\d[A-Za-z\d]?)\s*(\d[A-Za-z]{2})$", part)
        if postcode:
            outward, inward = postcode[1].lower(), postcode[2].lower()
            compiled.add(
                {outward},
                rules.phrase([frozenset({outward}), frozenset({inward})], rules.POSTCODE_GAP),
                "address",
                "organisation's postcode",
            )
            compiled.add(
                {outward + inward},
                rules.exact_word(postcode[1] + postcode[2], (outward + inward).upper()),
                "address",
                "organisation's postcode",
            )
        elif any(ch.isdigit() for ch in part) and len(part.split()) >= 2:
            street = [frozenset(keys_for(w)) for w in part.split()]
            compiled.add(
                street[0],
                rules.phrase(street, rules.ADDRESS_GAP),
                "address",
                "organisation's street address",
            )
