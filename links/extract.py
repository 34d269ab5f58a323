"""What a submission says about its subjects, as index entries. No Django queries here: the
caller hands in the submission's rows and the source's identity.

Entered: what the professional typed on the structured pages (people at risk, persons of
concern, places, vehicles). Mentioned: plates, phones, handles and postcodes in the free texts,
and only those the sanitiser keeps, that is none it finds to be the source's or would remove as
possibly theirs. Nothing of the source is read for indexing: not their fields, not how they
know, not the setting (often their own workplace); their identity is used only to leave them out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from links import normalise
from links.nicknames import formal_forms
from sanitiser import SOURCE, SourceIdentity, SubjectDetails, find_source_identifiers, sanitise
from sanitiser.phones import national_number

ENTERED = "entered"
MENTIONED = "mentioned"


@dataclass(frozen=True)
class Extracted:
    kind: str
    value: str
    shown: str
    origin: str = ENTERED
    birth_year: int | None = None
    birth_year_exact: bool = False
    block: str = ""


def person_block(tokens: list[str]) -> str:
    """The surname's Soundex and the given name's (formal) first letter: 'M532K'."""
    if len(tokens) < 2:
        return ""
    first = sorted(formal_forms(tokens[0]))[0]
    return f"{normalise.soundex(tokens[-1])}{first[:1].upper()}"


def _person(
    name: str, *, born: date | None = None, age: int | None = None, year: int
) -> Extracted | None:
    tokens = normalise.name_tokens(name)
    if not tokens:
        return None
    if len(tokens) == 1:
        # One word ("Kyle", "Tiny") names nobody in particular: a nickname, a weak reason.
        return Extracted("nickname", tokens[0], name.strip())
    if born is not None:
        birth_year, exact = born.year, True
    elif age is not None:
        birth_year, exact = year - age, False
    else:
        birth_year, exact = None, False
    return Extracted(
        "person",
        " ".join(tokens),
        " ".join(name.split()),
        birth_year=birth_year,
        birth_year_exact=exact,
        block=person_block(tokens),
    )


def _lines(text: str) -> list[str]:
    return [
        piece.strip() for piece in (text or "").replace(";", "\n").splitlines() if piece.strip()
    ]


def entered(
    submission, subjects, persons, places, vehicles, identity: SourceIdentity | None = None
) -> list[Extracted]:
    """What the structured pages hold. A value in which the sanitiser finds the source (their
    school entered as the place it happened, a handle with their name in it) is left out."""
    year = (submission.created_at or date.today()).year
    identity = identity or SourceIdentity()

    def theirs(*texts: str) -> bool:
        return any(text and find_source_identifiers(text, identity) for text in texts)

    found: list[Extracted | None] = []
    for subject in subjects:
        found.append(
            _person(
                subject.name, born=subject.date_of_birth, age=subject.approximate_age, year=year
            )
        )
        if not theirs(subject.address):
            found += [Extracted("postcode", p, p) for p in normalise.postcodes_in(subject.address)]
    for person in persons:
        found.append(_person(person.name, year=year))
        for nickname in person.nicknames.replace(";", ",").replace("/", ",").split(","):
            value = normalise.person_name(nickname)
            if value and not theirs(nickname):
                found.append(Extracted("nickname", value, nickname.strip()))
        found += [Extracted("phone", p, p) for p in normalise.phones_in(person.phone_numbers)]
        for line in _lines(person.social_media):
            if theirs(line):
                continue
            address = normalise.email(line)
            if address:
                found.append(Extracted("email", address, address))
                continue
            value = normalise.handle(line)
            if value:
                found.append(Extracted("handle", value, f"@{value}"))
    for place in places:
        if theirs(place.name, place.address):
            continue
        value = normalise.place_name(place.name)
        if value:
            found.append(Extracted("place", value, " ".join(place.name.split())))
        found += [Extracted("postcode", p, p) for p in normalise.postcodes_in(place.address)]
    for vehicle in vehicles:
        value = normalise.registration(vehicle.registration)
        if value:
            found.append(Extracted("registration", value, value))
    return [item for item in found if item is not None]


def subject_details(subjects, persons, places, vehicles) -> SubjectDetails:
    """What the sanitiser needs to tell the subjects' identifiers from everyone else's."""
    return SubjectDetails.from_form(
        {
            "subjects": [{"name": s.name, "address": s.address} for s in subjects],
            "persons_of_concern": [
                {
                    "name": p.name,
                    "nicknames": p.nicknames,
                    "phone_numbers": p.phone_numbers,
                    "social_media": p.social_media,
                }
                for p in persons
            ],
            "places": [{"name": p.name, "address": p.address} for p in places],
            "vehicles": [{"registration": v.registration} for v in vehicles],
        }
    )


def mentioned(texts: Iterable[str], identity: SourceIdentity, details: SubjectDetails):
    """Plates, phones, handles and postcodes the sanitiser keeps in the free texts."""
    joined = "\n\n".join(text for text in texts if text and text.strip())
    if not joined:
        return []
    found: list[Extracted] = []
    for finding in sanitise(joined, identity, details).findings:
        if finding.cls == SOURCE or finding.removed:
            continue
        if finding.kind == "vehicle":
            # In prose a plate is written in capitals; "her 40s" is an age, not a plate.
            value = normalise.registration(finding.text) if finding.text.isupper() else ""
            if value:
                found.append(Extracted("registration", value, value, MENTIONED))
        elif finding.kind == "phone":
            value = normalise.phone(finding.text)
            if value:
                found.append(Extracted("phone", value, value, MENTIONED))
        elif finding.kind == "handle":
            value = normalise.handle(finding.text)
            if value:
                found.append(Extracted("handle", value, f"@{value}", MENTIONED))
        elif finding.kind in ("postcode", "address", "place"):
            found += [
                Extracted("postcode", p, p, MENTIONED) for p in normalise.postcodes_in(finding.text)
            ]
    return found


def _is_source(item: Extracted, identity: SourceIdentity, source_number: str) -> bool:
    """Belt and braces: an entry that is the source's own contact detail or name."""
    if item.kind == "phone":
        return bool(source_number) and national_number(item.value) == source_number
    if item.kind == "email":
        return item.value == (identity.email or "").strip().lower()
    if item.kind == "person":
        return item.value == normalise.person_name(identity.name or "")
    return False


def extract(
    submission, subjects, persons, places, vehicles, identity: SourceIdentity
) -> list[Extracted]:
    """Every identifier of one submission, entered ones first, each key once."""
    details = subject_details(subjects, persons, places, vehicles)
    texts = [submission.information, submission.when_description]
    texts += [s.description for s in subjects]
    texts += [p.description for p in persons]
    texts += [p.description for p in places]
    texts += [v.description for v in vehicles]
    items = entered(submission, subjects, persons, places, vehicles, identity)
    items += mentioned(texts, identity, details)
    source_number = national_number(identity.phone or "")
    unique: dict[tuple[str, str], Extracted] = {}
    for item in items:
        if _is_source(item, identity, source_number):
            continue
        unique.setdefault((item.kind, item.value), item)
    return list(unique.values())
