"""Compile one source identity into the word sets and matchers that find it.

Built once per identity (``compile_identity`` is cached) and cheap to build: no regular
expression is compiled per identity, so a record with a new source costs little more than one
with a known source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import rules
from .compiled import FIRST_NAME, ORG_CORE, SURNAME, CompiledIdentity
from .fuzzy import allowed_distance
from .identity import (
    OrganisationName,
    PersonName,
    SourceIdentity,
    email_domain_of,
    parse_organisation,
    parse_person_name,
    website_host,
)
from .patterns import strip_accents
from .phones import field_numbers
from .roles import Entry, role_matchers
from .tokens import key_of, keys_for
from .vocabulary import (
    COMMON_WORDS,
    DIMINUTIVES,
    MAJOR_PLACES,
    NAME_PARTICLES,
    ORG_GENERIC_WORDS,
    PLACE_WORDS,
    UPPER_STOPLIST,
    WELSH_ORG_WORDS,
)


@lru_cache(maxsize=1024)
def compile_identity(identity: SourceIdentity) -> CompiledIdentity:
    person = parse_person_name(identity.name) if identity.name else None
    aliases = tuple(p for p in (parse_person_name(a) for a in identity.aliases) if p)
    email_domain = email_domain_of(identity)
    organisation = parse_organisation(identity.organisation, email_domain)
    compiled = CompiledIdentity(identity, person, aliases, organisation, email_domain)
    people = [p for p in (person, *aliases) if p]
    compiled.first_names = tuple(
        dict.fromkeys(
            form for p in people for given in given_names(p) for form in first_name_forms(given)
        )
    )
    compiled.surnames = tuple(s for p in people for s in p.surnames)
    compiled.readable_words = frozenset(
        {key_of(name) for name in compiled.first_names + compiled.surnames if len(name) >= 2}
        | rules.TITLE_KEYS
        | ({email_domain} if email_domain else set())
    )
    _add_handles(compiled, people)
    for someone in people:
        _add_person(compiled, someone, kind="name", whose="source's")
    for raw in identity.colleagues:
        colleague = parse_person_name(raw)
        if colleague:
            _add_person(compiled, colleague, kind="colleague", whose="colleague's")
    _add_contacts(compiled, identity, email_domain)
    if organisation and organisation.core_stands_alone:
        glued = {strip_accents(w.lower()) for w in organisation.core if w.isalpha()}
        compiled.glued_organisation = tuple(
            sorted(w for w in glued if len(w) >= 5 and w not in COMMON_WORDS)
        )
        compiled.organisation_words = frozenset(
            strip_accents(w.lower()) for w in organisation.words if len(w) >= 3 and w.isalpha()
        )
        compiled.organisation_glue = (
            _ORGANISATION_GLUE
            | {a.lower() for a in organisation.acronyms}
            | {_initials_after(organisation.words, word) for word in organisation.core}
        )
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


# Words glued to an organisation's name in its own handles: '#TeamGreenbank', '@OfficialKWA'.
_ORGANISATION_GLUE = frozenset({"team", "official", "the", "our", "info", "office", "admin", "hq"})


def _initials_after(words: tuple[str, ...], word: str) -> str:
    """'ps' for Greenbank in Greenbank Primary School: the handle '@GreenbankPS'."""
    after = words[words.index(word) + 1 :] if word in words else ()
    return "".join(w[0].lower() for w in after if w[:1].isalpha())


def _add_handles(compiled: CompiledIdentity, people: list[PersonName]) -> None:
    surnames: set[str] = set()
    for person in people:
        for surname in person.surnames:
            lowered = strip_accents(surname.lower())
            surnames |= {lowered, key_of(lowered)}
    compiled.handle_surnames = tuple(sorted(s for s in surnames if len(s) >= 3))
    compiled.handle_firsts = frozenset(
        strip_accents(f.lower()) for f in compiled.first_names if len(f) >= 3
    )
    if people and people[0].first:
        compiled.handle_initial = strip_accents(people[0].first[0].lower())
        first = strip_accents(people[0].first.lower())
        # "that's l o r r a i n e": a first name spelt out is as much theirs as the surname.
        compiled.spelt_firsts = (first,) if len(first) >= 4 and first.isalpha() else ()


def given_names(person: PersonName) -> list[str]:
    """The names a person may go by before their surname: the first name, each part of a
    hyphenated one ('Anne-Marie' is also written 'Anne Marie' and 'Marie'), and a middle name
    ('Muhammad Asif Chaudhry' goes by Asif)."""
    if not person.first:
        return []
    names = [person.first]
    if "-" in person.first:
        names += [part for part in person.first.split("-") if len(part) >= 3]
    names += [
        m for m in person.middles if len(m) >= 3 and m.isalpha() and m.lower() not in NAME_PARTICLES
    ]
    return names


def first_name_forms(first: str) -> list[str]:
    """The first name and the short forms people sign with: 'Daniel' -> Dan, Dani, Danny."""
    forms = [first]
    lowered = first.lower()
    plain = strip_accents(lowered)
    forms += [d.title() for d in DIMINUTIVES.get(lowered, DIMINUTIVES.get(plain, ()))]
    forms += [v.title() for v in spelling_variants(plain)]
    if len(first) >= 5 and first.isalpha():
        for size in (3, 4):
            prefix = lowered[:size]
            if prefix not in COMMON_WORDS and prefix not in UPPER_STOPLIST:
                forms.append(first[:size])
    return [f for f in forms if len(f) >= 2]


_DOUBLED = re.compile(r"([bcdfgklmnprstz])\1")
_DOUBLABLE = re.compile(r"(?<=[aeiou])([lmnrst])(?=[aeiou])")
_VOWEL_SWAPS = (("o", "u"), ("u", "o"), ("e", "a"), ("a", "e"))


@lru_cache(maxsize=4096)
def spelling_variants(name: str) -> tuple[str, ...]:
    """The other ways a name is spelt or transliterated: Mohammed is also Muhammad, Mohamed,
    Muhamad; Aleksandra is Alexandra. Letters doubled or single, x for ks, and o/u and e/a in the
    syllables after the first letter. Names under five letters have too many neighbours."""
    if len(name) < 5 or not name.isalpha():
        return ()
    bases = {name, _DOUBLED.sub(r"\1", name), _DOUBLABLE.sub(r"\1\1", name, count=1)}
    bases |= {b.replace("ks", "x") for b in bases} | {b.replace("x", "ks") for b in bases}
    found = set(bases)
    for base in bases:
        head, tail = base[:2], base[2:]
        for old, new in _VOWEL_SWAPS:
            found.add(head + tail.replace(old, new))
        found.add(base[0] + base[1:2].replace("o", "u").replace("u", "o") + tail)
    found = {v for v in found for v in (v, v[0] + v[1:2].translate(_O_U) + v[2:])}
    return tuple(sorted(v for v in found if v != name and v not in COMMON_WORDS and len(v) >= 5))


_O_U = str.maketrans("ou", "uo")


_GLUED_PREFIX = re.compile(r"(Mac|Mc|Fitz|De|Di|Da|Du|Del|Le|La|Van|Von)([A-Z][a-z]{2,})$")


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
    if person.first and "-" in person.last:
        compiled.add(
            {keys.first_initial}, rules.initial_and_last_initials(keys), kind, f"{whose} initials"
        )
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
            rules.whole_word,
            SURNAME,
            "source's surname",
        )
        compiled.add(
            keys.firsts,
            rules.whole_word,
            FIRST_NAME,
            "source's first name",
        )
        parts = [part for part in person.last.split("-") if part]
        if len(parts) > 1:
            # "Al Rashid" for Al-Rashid, "Marsh Taylor" for Marsh-Taylor: the hyphen left out.
            positions = [frozenset(keys_for(part)) for part in parts]
            compiled.add(
                positions[0], rules.phrase(positions, rules.SPACE), kind, "source's surname"
            )
        prefixed = _GLUED_PREFIX.match(person.last)
        if prefixed:
            # "Mac Namara" for MacNamara, "Le Roux" for LeRoux: the prefix written apart.
            positions = [frozenset(keys_for(prefixed[1])), frozenset(keys_for(prefixed[2]))]
            compiled.add(
                positions[0], rules.phrase(positions, rules.SPACE), kind, "source's surname"
            )
        spaced = rules.split_apostrophe_surname(person.last)
        if spaced:
            compiled.add({spaced[0]}, rules.spaced_surname(spaced[1]), SURNAME, "source's surname")
    for initials in person.all_initials:
        if len(initials) < 2:
            continue
        compiled.add(
            {initials[0].lower()},
            rules.dotted(initials, allow_middle=True),
            kind,
            f"{whose} initials",
        )
        if kind == "name":
            compiled.add(
                {initials.lower()}, rules.initials_signing(initials), kind, f"{whose} initials"
            )
        if rules.bare_initials_allowed(initials):
            compiled.add(
                {initials.lower()},
                rules.exact_word(initials, not_after_plate=True),
                kind,
                f"{whose} initials",
            )
    apostrophe = rules.apostrophe_initials(person.first, person.last)
    if apostrophe is not None:
        keys, matcher = apostrophe
        compiled.add(keys, matcher, kind, f"{whose} initials")


def _add_contacts(compiled: CompiledIdentity, identity: SourceIdentity, domain: str) -> None:
    if "@" in identity.email:
        email = identity.email.lower()
        compiled.emails = frozenset({email})
        local = email.rsplit("@", 1)[0]
        # The part of the address just before " at ": the cue the pattern needs.
        compiled.obfuscated_needle = re.split(r"[.+_-]", local)[-1] or local
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
        for number in field_numbers(raw):
            compiled.phones.setdefault(number, reason)


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
    if organisation:
        for keys, matcher, kind, reason in _organisation_matchers(organisation):
            compiled.add(keys, matcher, kind, reason)


@lru_cache(maxsize=1024)
def _organisation_matchers(organisation: OrganisationName) -> tuple[Entry, ...]:
    """The matchers for one organisation's name. Many sources work at the same school or
    surgery, so they are built once per name."""
    entries: list[Entry] = []
    welsh = any(word.lower() in WELSH_ORG_WORDS for word in organisation.words)
    for words, reason in (
        (organisation.words, "organisation"),
        (organisation.brand, "organisation (brand name)"),
    ):
        positions = rules.organisation_positions(words, welsh)
        if positions:
            matcher = rules.phrase(positions, rules.PHRASE_GAP)
            entries.append((positions[0], matcher, "organisation", reason))
    core = organisation.core
    if core and organisation.core_stands_alone:
        positions = rules.organisation_positions(core, welsh)
        word = core[0]
        capitalised = len(core) == 1 and (len(word) < 6 or word.lower() in COMMON_WORDS)
        if positions:
            matcher = rules.phrase(positions, rules.PHRASE_GAP, capitalised)
            entries.append((positions[0], matcher, ORG_CORE, "organisation (short name)"))
        entries += _core_parts(core, welsh)
    entries += _word_and_initials(organisation.words)
    for acronym in organisation.acronyms:
        lower = acronym.lower()
        word_like = lower in UPPER_STOPLIST or lower in COMMON_WORDS
        forms = [acronym] + ([lower] if len(acronym) >= 3 and not word_like else [])
        exact = rules.exact_word(*forms, not_after_plate=True)
        entries.append((frozenset({lower}), exact, "organisation", "organisation's acronym"))
        dotted = rules.dotted(acronym, allow_middle=False)
        entries.append((frozenset({lower[0]}), dotted, "organisation", "organisation's acronym"))
    return tuple(entries)


def _core_parts(core: tuple[str, ...], welsh: bool) -> list[Entry]:
    """Part of a name of several distinctive words, as people shorten it: 'Brightstowe' for Oasis
    Academy Brightstowe, 'Rovers' for Bristol Rovers Community Trust, 'St Mary's' for St Mary
    Redcliffe. A word alone must be capitalised, long, and not a common word or a place."""
    if len(core) < 2:
        return []
    parts: list[tuple[str, ...]] = []
    saint = core[0].lower().rstrip(".") in ("st", "saint")
    if saint and len(core) > 2:
        parts.append(core[:2])
    # Only the last word: a chain's or a city's name comes first, the branch's own name last
    # ('Cotham' of Cotham Park Academy is a district, 'Brightstowe' names the academy).
    word = core[-1]
    lowered = word.lower().rstrip(".")
    distinctive = len(lowered) >= 6 and word.isalpha() and lowered not in COMMON_WORDS
    places = MAJOR_PLACES | PLACE_WORDS | ORG_GENERIC_WORDS
    if distinctive and lowered not in places and not (saint and len(core) == 2):
        parts.append((word,))
    entries: list[Entry] = []
    for part in parts:
        positions = rules.organisation_positions(part, welsh)
        if len(positions) == len(part):
            matcher = rules.phrase(positions, rules.PHRASE_GAP, capitalised=True)
            entries.append((positions[0], matcher, ORG_CORE, "organisation (short name)"))
    return entries


def _word_and_initials(words: tuple[str, ...]) -> list[Entry]:
    """Each distinctive word of the name followed by the initials of the rest: 'Severn BS' for
    Severn Building Society, 'Bedminster DO' for Royal Mail Bedminster Delivery Office; and the
    initials of the words before one, then it: 'FF Filton' for Fairway Foods Filton."""
    entries: list[Entry] = []
    significant = [w for w in words if w.lower() not in ("of", "the", "and", "&", "for", "at")]
    for index, word in enumerate(significant[:-1]):
        lowered = word.lower().rstrip(".")
        if len(lowered) < 4 or not word.isalpha() or lowered in ORG_GENERIC_WORDS:
            continue
        initials = "".join(w[0].upper() for w in significant[index + 1 :] if w[:1].isalpha())
        if len(initials) < 2:
            continue
        guard = initials.lower() in UPPER_STOPLIST or initials.lower() in COMMON_WORDS
        matcher = rules.word_and_initials(initials, guard)
        entries.append((keys_for(word), matcher, "organisation", "organisation (short name)"))
    for index, word in enumerate(significant[1:], start=1):
        lowered = word.lower().rstrip(".")
        if len(lowered) < 4 or not word.isalpha() or lowered in ORG_GENERIC_WORDS:
            continue
        initials = "".join(w[0].upper() for w in significant[:index] if w[:1].isalpha())
        if len(initials) < 2:
            continue
        matcher = rules.initials_and_word(initials, keys_for(word))
        keys = frozenset({initials.lower()})
        entries.append((keys, matcher, "organisation", "organisation (short name)"))
    return entries


def _add_role(compiled: CompiledIdentity, role: str) -> None:
    entries, single = role_matchers(role)
    for keys, matcher, kind, reason in entries:
        compiled.add(keys, matcher, kind, reason)
    if single:
        compiled.single_roles = single


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
