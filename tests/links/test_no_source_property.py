"""Property: whatever the source's details and however they are written into the free texts
(a signature, a call-me line, the same number spaced or with +44), extraction indexes none of
them. Extraction is pure (no database), so many cases run quickly."""

from datetime import UTC, datetime
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from links.extract import extract
from links.normalise import phone as e164
from sanitiser import SourceIdentity
from sanitiser.phones import national_number

FIRST = ["Sarah", "Imran", "Bethany", "Tomasz", "Grace", "Olu"]
LAST = ["Hughes", "Quennell", "Kowalski", "Adeyemi", "Begum", "Marsh-Taylor"]
ORGANISATIONS = ["Kingsweston Academy", "Star Cabs", "Hillside Surgery", "Grand Hotel Bristol"]
NUMBERS = ["07700 900123", "0117 496 0456", "+44 7700 900789", "(0161) 496 0234"]


def _spellings(number: str) -> list[str]:
    digits = national_number(number)
    return [number, "0" + digits, "+44" + digits, f"0{digits[:4]} {digits[4:]}"]


@settings(max_examples=60, deadline=None)
@given(
    first=st.sampled_from(FIRST),
    last=st.sampled_from(LAST),
    organisation=st.sampled_from(ORGANISATIONS),
    number=st.sampled_from(NUMBERS),
    spelling=st.integers(min_value=0, max_value=3),
    handle=st.booleans(),
)
def test_nothing_of_the_source_is_ever_extracted(
    first, last, organisation, number, spelling, handle
):
    name = f"{first} {last}"
    email = f"{first[0].lower()}.{last.lower()}@example.org"
    written = _spellings(number)[spelling]
    text = (
        "Kyle Mendes was picked up by a grey Audi AB12 CDE. The older lad's number is "
        f"07700 900871.\nPlease call me on {written} or email {email}."
        + (f" I'm @{first.lower()}{last.lower().replace('-', '')} on X." if handle else "")
        + f"\n{name}\n{organisation}"
    )
    submission = SimpleNamespace(
        information=text,
        when_description=f"When {first} was on duty at {organisation}",
        created_at=datetime(2026, 1, 1, tzinfo=UTC),
    )
    subject = SimpleNamespace(
        name="Kyle Mendes",
        date_of_birth=None,
        approximate_age=14,
        address="",
        setting=organisation,
        description=f"In {last}'s class",
    )
    identity = SourceIdentity(
        name=name, role="teacher", organisation=organisation, email=email, phone=number
    )

    items = extract(submission, [subject], [], [], [], identity)

    values = {item.value.lower() for item in items}
    assert e164(number) not in values
    assert email not in values
    for word in (first.lower(), last.lower(), organisation.split()[0].lower()):
        assert not any(word in value for value in values), (word, values)
    # What is the subjects' still is.
    assert {"kyle mendes", "AB12CDE".lower(), "+447700900871"} <= values
