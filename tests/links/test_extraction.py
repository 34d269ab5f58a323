"""What a submission puts in the links index, and what it never does."""

from datetime import date

import pytest

from links.models import Identifier
from links.services import submission_links_index
from tests.factories import (
    PersonOfConcernFactory,
    PlaceFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db


def _index(submission) -> dict[tuple[str, str], str]:
    submission_links_index(submission_id=submission.pk)
    return {(i.kind, i.value): i.origin for i in Identifier.objects.filter(submission=submission)}


def _submission(information="Nothing more to add.", **source):
    submission = SubmissionFactory(with_people=False, information=information)
    SourceFactory(submission=submission, **source)
    return submission


def test_entered_identifiers_are_indexed_in_one_spelling_each():
    submission = _submission()
    SubjectFactory(
        submission=submission,
        name="Kyle  Mendes",
        date_of_birth=date(2011, 3, 4),
        address="12 Elm Close, bs16 3ab",
    )
    PersonOfConcernFactory(
        submission=submission,
        name="Dean Marsh",
        nicknames="D-Money, Tiny",
        phone_numbers="07700 900871 or +44 7700 900456",
        social_media="snapchat: DeanM_99\ndean.marsh@example.com",
    )
    PlaceFactory(submission=submission, name="The Co-op, Fishponds Road", address="")
    VehicleFactory(submission=submission, registration="ab12 cde")

    index = _index(submission)

    assert set(index) == {
        ("person", "kyle mendes"),
        ("postcode", "BS16 3AB"),
        ("person", "dean marsh"),
        ("nickname", "d money"),
        ("nickname", "tiny"),
        ("phone", "+447700900871"),
        ("phone", "+447700900456"),
        ("handle", "deanm_99"),
        ("email", "dean.marsh@example.com"),
        ("place", "co op fishponds road"),
        ("registration", "AB12CDE"),
    }
    assert set(index.values()) == {"entered"}
    kyle = Identifier.objects.get(submission=submission, value="kyle mendes")
    assert (kyle.birth_year, kyle.birth_year_exact, kyle.shown) == (2011, True, "Kyle Mendes")


def test_an_approximate_age_gives_an_estimated_year_of_birth():
    submission = _submission()
    SubjectFactory(submission=submission, name="Kyle Mendes", approximate_age=14)
    _index(submission)
    kyle = Identifier.objects.get(submission=submission, kind="person")
    assert kyle.birth_year == submission.created_at.year - 14
    assert kyle.birth_year_exact is False


def test_plates_phones_handles_and_postcodes_in_the_text_are_indexed_as_mentioned():
    submission = _submission(
        information=(
            "Kyle was seen getting into a grey Audi AB12 CDE outside the shop, BS16 3AB. "
            "An older lad gave him a phone, his number is 07700 900871, and his snap is "
            "@tinyman_bs5."
        )
    )
    SubjectFactory(submission=submission, name="Kyle Mendes")

    index = _index(submission)

    assert index[("registration", "AB12CDE")] == "mentioned"
    assert index[("phone", "+447700900871")] == "mentioned"
    assert index[("handle", "tinyman_bs5")] == "mentioned"
    assert index[("postcode", "BS16 3AB")] == "mentioned"


def test_an_entered_identifier_also_in_the_text_stays_entered():
    submission = _submission(information="The car, AB12 CDE, was there again.")
    VehicleFactory(submission=submission, registration="AB12CDE")
    assert _index(submission)[("registration", "AB12CDE")] == "entered"


def test_no_source_field_or_source_detail_in_the_text_is_ever_indexed():
    submission = _submission(
        information=(
            "Kyle Mendes keeps missing lessons. Please call me on 0117 496 0123 or email "
            "s.hughes@kwa.example.sch.uk. Sarah Hughes, Head of Year 9, Kingsweston Academy, "
            "BS11 0QA. Twitter @MissHughesKWA."
        ),
        name="Sarah Hughes",
        organisation="Kingsweston Academy",
        email="s.hughes@kwa.example.sch.uk",
        phone="+441174960123",
    )
    SubjectFactory(submission=submission, name="Kyle Mendes", setting="Kingsweston Academy")

    index = _index(submission)

    values = " ".join(value for _kind, value in index).lower()
    for secret in ("hughes", "kingsweston", "1174960123", "kwa", "sarah"):
        assert secret not in values
    assert ("phone", "+441174960123") not in index
    assert set(index) == {("person", "kyle mendes")}


def test_the_source_phone_typed_as_a_persons_phone_is_left_out():
    submission = _submission(phone="07700 900123")
    PersonOfConcernFactory(submission=submission, phone_numbers="07700900123", social_media="")
    assert ("phone", "+447700900123") not in _index(submission)


def test_indexing_twice_writes_the_same_entries():
    submission = _submission()
    VehicleFactory(submission=submission, registration="AB12CDE")
    first = _index(submission)
    assert _index(submission) == first
    assert Identifier.objects.filter(submission=submission).count() == len(first)
