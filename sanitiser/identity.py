"""Who the source is, and the shapes each of their identifiers takes in free text.

Everything here is derived once per identity: the name split into title, first, middle and last
names; the organisation's distinctive words and guessed acronyms; the organisation's email domain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import strip_accents
from .vocabulary import (
    COMPOUND_HEADS,
    COMPOUND_TAILS_MIN,
    GENERIC_DOMAIN_LABELS,
    GENERIC_EMAIL_DOMAINS,
    MAJOR_PLACES,
    NAME_PARTICLES,
    ORG_GENERIC_WORDS,
    PLACE_WORDS,
    POST_NOMINALS,
    TITLES,
    UPPER_STOPLIST,
)

_TEXT_FIELDS = (
    "name",
    "role",
    "organisation",
    "email",
    "phone",
    "organisation_address",
    "organisation_website",
    "organisation_phone",
    "team",
)
_POST_NOMINALS_LOWER = {item.lower() for item in POST_NOMINALS}
_SMALL_WORDS = {"of", "the", "and", "&", "for", "at", "in", "on", "a", "an", "de", "la"}
# Longest first, grouped by first letter: only heads the word could start with are tried.
_COMPOUND_HEADS_BY_INITIAL: dict[str, tuple[str, ...]] = {}
for _head in sorted(COMPOUND_HEADS, key=len, reverse=True):
    _COMPOUND_HEADS_BY_INITIAL[_head[:1]] = (*_COMPOUND_HEADS_BY_INITIAL.get(_head[:1], ()), _head)
# Church words a school drops from its acronym.
_DENOMINATION_WORDS = frozenset(
    ["c", "e", "ce", "cofe", "c.e", "rc", "catholic", "church", "england", "va", "vc"]
)
# The name, then a branch after a dash, in brackets or after a comma.
_BRANCH = re.compile(r"^(.+?)\s*(?:\(([^()]+)\)\s*|\s[-\u2013\u2014]\s+(.+)|,\s+(.+))$")
_PUBLIC_BODY_WORDS = {"council", "borough", "county", "city", "police", "constabulary", "nhs"}


@dataclass(frozen=True)
class SourceIdentity:
    """What the form recorded about the person who shared the information.

    The first five fields are the contract; the rest are optional extras that widen what is
    removed (the organisation's address, website and switchboard, a team name, other names the
    source goes by, colleagues who may be named beside them). Any field may be "" or None.
    """

    name: str | None = ""
    role: str | None = ""
    organisation: str | None = ""
    email: str | None = ""
    phone: str | None = ""
    organisation_address: str | None = ""
    organisation_website: str | None = ""
    organisation_phone: str | None = ""
    team: str | None = ""
    aliases: tuple[str, ...] = ()
    colleagues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            object.__setattr__(self, name, " ".join(str(value).split()) if value else "")
        for name in ("aliases", "colleagues"):
            values = getattr(self, name) or ()
            if isinstance(values, str):
                values = (values,)
            cleaned = tuple(" ".join(str(v).split()) for v in values if v and str(v).strip())
            object.__setattr__(self, name, cleaned)


@dataclass(frozen=True)
class PersonName:
    first: str
    middles: tuple[str, ...]
    last: str

    @property
    def surnames(self) -> tuple[str, ...]:
        """The surname and, for a double-barrelled one, each part a writer might use alone."""
        if not self.last:
            return ()
        parts = [self.last]
        # "DaSilva", "VanDerBerg": the particles glued to the surname.
        particles = self.particles
        if particles:
            parts.append("".join(particles) + self.last)
        if "-" in self.last:
            parts += [part for part in self.last.split("-") if len(part) >= 3]
        return tuple(parts)

    @property
    def particles(self) -> tuple[str, ...]:
        """The particles just before the surname: 'de' in Ana de Souza, 'van der'."""
        found: list[str] = []
        for word in reversed(self.middles):
            if word.lower() not in NAME_PARTICLES:
                break
            found.insert(0, word)
        return tuple(found)

    @property
    def initials(self) -> str:
        letters = [self.first, *self.middles, self.last]
        return "".join(word[0].upper() for word in letters if word)

    @property
    def all_initials(self) -> tuple[str, ...]:
        """The initials, and for a double-barrelled surname the form with both parts:
        Rhiannon Pritchard-Jones is 'RP' and 'RPJ'."""
        forms = [self.initials]
        parts = [part for part in self.last.split("-") if part]
        if len(parts) > 1:
            letters = [self.first, *self.middles, *parts]
            forms.append("".join(word[0].upper() for word in letters if word))
        return tuple(forms)

    @property
    def last_initials(self) -> frozenset[str]:
        """How the surname is cut to an initial: 'H', and for Pritchard-Jones also 'P-J', 'PJ'."""
        if not self.last:
            return frozenset()
        forms = {self.last[0].upper()}
        # "Mrs O'D" for O'Donnell: the prefix stays with the next letter.
        head, apostrophe, tail = self.last.replace("\u2019", "'").partition("'")
        if apostrophe and head.isalpha() and len(head) <= 2 and tail[:1].isalpha():
            short = head.upper() + "'" + tail[0].upper()
            forms |= {short, short.replace("'", "\u2019")}
        parts = [part for part in self.last.split("-") if part]
        if len(parts) > 1:
            letters = [part[0].upper() for part in parts]
            forms |= {"-".join(letters), "".join(letters)}
        return frozenset(forms)


def parse_person_name(raw: str) -> PersonName | None:
    """Split "Dr Sarah J. Hughes RN" into first, middles and last, dropping titles and
    post-nominals. A single word is treated as a surname: it is removed everywhere it stands as
    a proper noun, which is the safer reading when we cannot tell."""
    raw = _surname_first(raw)
    words = [w.strip(",") for w in raw.replace(",", " , ").split() if w.strip(",")]
    while words and words[0].lower().rstrip(".") in TITLES:
        words.pop(0)
    while words and words[-1].lower().strip(".()") in _POST_NOMINALS_LOWER | {"hons"}:
        words.pop()
    words = [w for w in words if w]
    if not words:
        return None
    if len(words) == 1:
        return PersonName(first="", middles=(), last=_proper(words[0]))
    return PersonName(
        first=_proper(words[0].rstrip(".")),
        middles=tuple(_proper(w.rstrip(".")) for w in words[1:-1]),
        last=_proper(words[-1]),
    )


def _surname_first(raw: str) -> str:
    """ "Nair, Priya" and "JONES-PARRY, Eleri" as registers type them: put the given name first.
    "Priya Nair, MBBS" keeps its order: only post-nominals follow its comma."""
    before, comma, after = raw.partition(",")
    if not comma:
        return raw
    surname = [w for w in before.split() if w.lower().rstrip(".") not in TITLES]
    given = [w.strip(",") for w in after.split() if w.strip(",")]
    qualifications = _POST_NOMINALS_LOWER | {"hons"}
    if len(surname) != 1 or not any(w.lower().strip(".()") not in qualifications for w in given):
        return raw
    titles = [w for w in before.split() if w not in surname]
    return " ".join([*titles, *given, *surname])


def _proper(word: str) -> str:
    """Capitalise a name typed in lower case, keeping deliberate capitals (McDonald)."""
    if word.islower() or word.isupper():
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
    return word[:1].upper() + word[1:]


@dataclass(frozen=True)
class OrganisationName:
    full: str
    words: tuple[str, ...]
    core: tuple[str, ...]
    acronyms: tuple[str, ...]
    core_stands_alone: bool
    brand: tuple[str, ...] = ()


def parse_organisation(raw: str, email_domain: str) -> OrganisationName | None:
    """Find the distinctive words of an organisation's name and the acronyms it may go by."""
    full = re.sub(r"^(?i:the)\s+", "", raw.strip())
    if not full and not email_domain:
        return None
    words = tuple(re.findall(r"[\w'\u2019.&-]+", full))
    # "Boots - Fishponds", "Lloyds Pharmacy (Kingswood)": people write the name without its
    # branch, so the distinctive words and acronyms come from the part before it.
    branch = _BRANCH.match(full)
    if branch and branch[4] and not _is_branch_name(branch[4]):
        branch = None  # "Kimber, Rowe & Co": a partner's name after the comma, not a branch
    main = tuple(re.findall(r"[\w'\u2019.&-]+", branch[1])) if branch else words
    core: list[str] = []
    for index, word in enumerate(main):
        lowered = word.lower().rstrip(".")
        after_saint = index > 0 and main[index - 1].lower() in ("st", "st.", "saint")
        if lowered in ("st", "saint") or lowered not in ORG_GENERIC_WORDS or after_saint:
            core.append(word)
    lowered_words = {w.lower() for w in words}
    core_letters = sum(len(w) for w in core if w.lower().rstrip(".") not in ("st", "saint"))
    only_a_place = all(w.lower() in MAJOR_PLACES for w in core) or (
        len(core) == 1 and core[0].lower() in PLACE_WORDS
    )
    # "A2B Cars": letters and digits together are distinctive even when short.
    mixed = any(c.isdigit() for w in core for c in w) and any(c.isalpha() for w in core for c in w)
    stands_alone = (
        bool(core)
        and (core_letters >= 4 or (mixed and core_letters >= 3))
        and not only_a_place
        and not (lowered_words & _PUBLIC_BODY_WORDS)
    )
    acronyms = _acronyms(main, email_domain)
    if branch:
        acronyms = tuple(dict.fromkeys(acronyms + _acronyms(words, "")))
    # "Premier Stay Bristol Airport" is written "Premier Stay": the part before a town is a brand.
    # "Star Cars Bristol" is written "Star Cars": the words before the town, generic ones too.
    brand: tuple[str, ...] = ()
    for index, word in enumerate(words):
        if index and word.lower() in MAJOR_PLACES:
            candidate = tuple(words[:index])
            distinctive = [w for w in candidate if w in core and w.lower() not in ("st", "saint")]
            letters = sum(len(w) for w in distinctive)
            if distinctive and (letters >= 6 or (len(candidate) >= 2 and letters >= 3)):
                brand = candidate
            break
    if branch and not brand and len(main) >= 2:
        brand = main
    return OrganisationName(full, words, tuple(core), acronyms, stands_alone, brand)


def _is_branch_name(words: str) -> bool:
    """A place after a comma ("Lloyds Pharmacy, Kingswood"), not more of the name."""
    split = words.split()
    return len(split) <= 2 and not any(
        w.lower() in ORG_GENERIC_WORDS or w.lower() in _SMALL_WORDS for w in split
    )


def _acronyms(words: tuple[str, ...], email_domain: str) -> tuple[str, ...]:
    significant = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    found: list[str] = []
    if len(significant) >= 2:
        found.append("".join(w[0].upper() for w in significant))
        split = "".join(_compound_initials(w) for w in significant)
        found.append(split)
        # "St Bartholomew's C of E Primary School" goes by SBPS: the church is left out.
        secular = [w for w in significant if w.lower().strip(".") not in _DENOMINATION_WORDS]
        if 3 <= len(secular) < len(significant):
            found.append("".join(w[0].upper() for w in secular))
        # "TfW" for Transport for Wales Rail: the small words' initials kept, and the name cut
        # short of its last words, as people shorten a long name.
        lettered = [w for w in words if w[:1].isalpha()]
        with_small = "".join(w[0].upper() for w in lettered)
        if len(lettered) > len(significant):
            found.append(with_small)
        for initials in (found[0], with_small):
            found += [initials[:n] for n in range(3, len(initials))]
    elif len(significant) == 1:
        split = _compound_initials(significant[0])
        if len(split) >= 2:
            found.append(split)
    label = organisation_domain_label(email_domain)
    if label and 2 <= len(label) <= 6:
        found.append(label.upper())
    return tuple(
        dict.fromkeys(
            a for a in found if len(a) >= 2 and (len(a) >= 3 or a.lower() not in UPPER_STOPLIST)
        )
    )


def _compound_initials(word: str) -> str:
    """ "Kingsweston" -> "KW": English place names are often compounds, and the acronym a school
    goes by usually keeps both halves."""
    lowered = strip_accents(word).lower()
    for head in _COMPOUND_HEADS_BY_INITIAL.get(lowered[:1], ()):
        tail = lowered[len(head) :]
        if lowered.startswith(head) and len(tail) >= COMPOUND_TAILS_MIN and tail.isalpha():
            return (head[0] + tail[0]).upper()
    return word[0].upper()


def email_domain_of(identity: SourceIdentity) -> str:
    """The organisation's own email domain, or "" when the source used web mail."""
    domain = ""
    if "@" in identity.email:
        domain = identity.email.rsplit("@", 1)[1].strip().lower().rstrip(".")
    if not domain and identity.organisation_website:
        domain = website_host(identity.organisation_website)
    if domain in GENERIC_EMAIL_DOMAINS:
        return ""
    return domain


def website_host(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip().lower())
    host = host.split("/", 1)[0]
    return host.removeprefix("www.")


def organisation_domain_label(domain: str) -> str:
    for label in domain.split("."):
        if label and label not in GENERIC_DOMAIN_LABELS:
            return label if label.isalpha() else ""
    return ""


def split_roles(role: str) -> list[str]:
    """'Head of Year 9 and DSL' is two roles; each is matched on its own. A role with another
    name in brackets ('Senior Conductor (guard)', 'Plumber (repairs operative)') is written
    as either: each is a role too."""
    parts = re.split(r"\s*(?:/|\||,|;|&|\band\b)\s*", role)
    found: list[str] = []
    for part in parts:
        found.append(part.strip())
        bracketed = re.fullmatch(r"\s*([^()]*?)\s*\(([^()]*)\)\s*", part)
        if bracketed:
            found += [p.strip() for p in bracketed.groups() if re.search(r"[^\W\d_]{2}", p)]
    return [part for part in dict.fromkeys(found) if part]
