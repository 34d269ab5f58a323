"""Which submissions are linked, why, how strongly; and never through the source."""

from datetime import date

import pytest

from links.models import Link
from links.services import submission_links_index
from tests.factories import (
    PersonOfConcernFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db


def _submission(information="Nothing more to add.", **source):
    submission = SubmissionFactory(with_people=False, information=information)
    SourceFactory(submission=submission, **source)
    return submission


def _indexed(*submissions):
    for submission in submissions:
        submission_links_index(submission_id=submission.pk)


def _link(a, b) -> Link | None:
    return Link.objects.filter(submission=a, other=b).first()


def test_the_same_vehicle_and_child_from_two_professionals_link_both_ways():
    school = _submission(name="Sarah Hughes")
    taxi = _submission(name="Tom Driver", organisation="Star Cabs", email="t@star.example")
    SubjectFactory(submission=school, name="Kyle Mendes", date_of_birth=date(2011, 5, 1))
    SubjectFactory(submission=taxi, name="kyle mendes", approximate_age=15)
    VehicleFactory(submission=school, registration="AB12 CDE")
    VehicleFactory(submission=taxi, registration="ab12cde")
    _indexed(school, taxi)

    there, back = _link(taxi, school), _link(school, taxi)
    assert there.reasons == ["person: Kyle Mendes, born 2011", "same registration AB12CDE"]
    # Each panel names the person as the other submission spelt them.
    assert back.reasons == ["person: kyle mendes, born 2011", "same registration AB12CDE"]
    assert there.strength == back.strength == 190
    assert not there.possible


def test_two_submissions_from_the_same_teacher_about_different_children_are_not_linked():
    first = _submission()
    second = _submission()
    SubjectFactory(submission=first, name="Kyle Mendes")
    SubjectFactory(submission=second, name="Amira Patel")
    _indexed(first, second)
    assert not Link.objects.exists()


def test_a_sources_phone_in_another_submissions_text_does_not_link_them():
    teacher = _submission(
        information="Kyle is not safe. Call me on 0117 496 0123 any time.", phone="0117 496 0123"
    )
    SubjectFactory(submission=teacher, name="Kyle Mendes")
    nurse = _submission(
        information="The school rang me from 0117 496 0123 about Amira, her number is that.",
        name="Nina Nurse",
        organisation="Hillside Surgery",
        email="nina@hillside.example",
        phone="0117 496 0999",
    )
    SubjectFactory(submission=nurse, name="Amira Patel")
    _indexed(teacher, nurse)
    assert not Link.objects.exists()


def test_a_phone_mentioned_in_one_text_and_entered_in_another_links_them_as_mentioned():
    first = _submission(information="The older lad's number is 07700 900871, he said.")
    second = _submission(name="Tom Driver", organisation="Star Cabs", email="t@star.example")
    PersonOfConcernFactory(submission=second, phone_numbers="07700900871", social_media="")
    _indexed(first, second)
    assert _link(second, first).reasons == [
        "same phone +447700900871 (mentioned in the text, not entered)"
    ]


def test_a_close_name_is_only_a_possible_link_with_its_reason():
    first = _submission()
    second = _submission(name="Tom Driver", organisation="Star Cabs", email="t@star.example")
    SubjectFactory(submission=first, name="Kyle Mendes", approximate_age=14)
    SubjectFactory(submission=second, name="Kyle Mendez", approximate_age=14)
    _indexed(first, second)

    link = _link(first, second)
    year = first.created_at.year - 14
    assert link.possible
    assert link.reasons == [
        f"possible: Kyle Mendez, born about {year} (one letter different from Kyle Mendes)"
    ]
    assert _link(second, first).reasons == [
        f"possible: Kyle Mendes, born about {year} (one letter different from Kyle Mendez)"
    ]


@pytest.mark.parametrize(
    ("one", "two", "why"),
    [
        ("Mohammed Ali", "Muhammad Ali", "spelt another way"),
        ("Jay Smith", "Jayden Smith", "a short form of the name"),
        ("Aleksandr Petrov", "Alexander Petrov", "spelt another way"),
    ],
)
def test_nicknames_and_transliterations_are_possible_links(one, two, why):
    first = _submission()
    second = _submission(name="Tom Driver", organisation="Star Cabs", email="t@star.example")
    SubjectFactory(submission=first, name=one, approximate_age=None)
    SubjectFactory(submission=second, name=two, approximate_age=None)
    _indexed(first, second)
    assert f"({why} from {one})" in _link(first, second).reasons[0]


def test_a_sibling_or_a_clash_of_birth_years_is_not_linked():
    first = _submission()
    second = _submission(name="Tom Driver", organisation="Star Cabs", email="t@star.example")
    third = _submission(name="Ann Other", organisation="Hotel", email="a@hotel.example")
    SubjectFactory(submission=first, name="Kyle Mendes", date_of_birth=date(2011, 1, 1))
    SubjectFactory(submission=second, name="Jordan Mendes", date_of_birth=date(2011, 1, 1))
    SubjectFactory(submission=third, name="Kyle Mendes", date_of_birth=date(1980, 1, 1))
    _indexed(first, second, third)
    assert not Link.objects.exists()


def test_stronger_links_rank_above_weaker_ones():
    centre = _submission()
    SubjectFactory(submission=centre, name="Kyle Mendes", approximate_age=None)
    VehicleFactory(submission=centre, registration="AB12CDE")
    weak = _submission(information="Seen near the car AB12 CDE.", name="Tom Driver")
    strong = _submission(name="Ann Other")
    SubjectFactory(submission=strong, name="Kyle Mendes", approximate_age=None)
    VehicleFactory(submission=strong, registration="AB12CDE")
    _indexed(centre, weak, strong)
    assert _link(centre, strong).strength > _link(centre, weak).strength


def test_a_decided_link_survives_indexing_again():
    first = _submission()
    second = _submission(name="Tom Driver")
    SubjectFactory(submission=first, name="Kyle Mendes")
    SubjectFactory(submission=second, name="Kyle Mendez")
    _indexed(first, second)
    Link.objects.update(decision="not_same")
    _indexed(first, second)
    assert set(Link.objects.values_list("decision", flat=True)) == {"not_same"}


def test_a_teacher_who_enters_their_own_school_as_the_place_links_nothing_through_it():
    from tests.factories import PlaceFactory

    first = _submission()
    second = _submission()
    for submission, child in ((first, "Kyle Mendes"), (second, "Amira Patel")):
        SubjectFactory(submission=submission, name=child)
        PlaceFactory(
            submission=submission, name="Kingsweston Academy", address="Long Cross, BS11 0QA"
        )
        PersonOfConcernFactory(
            submission=submission,
            name="",
            nicknames="",
            phone_numbers="",
            social_media="@MissHughesKWA",
        )
    _indexed(first, second)
    assert not Link.objects.exists()


def test_a_nickname_shared_by_many_cannot_crowd_out_a_shared_plate(monkeypatch):
    from links import matching

    # Each identifier is read under its own limit: the nickname's holders fill only theirs.
    monkeypatch.setattr(matching, "COMMON_AT", 2)
    crowd = []
    for _ in range(4):
        submission = _submission(name="Tom Driver")
        PersonOfConcernFactory(
            submission=submission, name="", nicknames="Tiny", phone_numbers="", social_media=""
        )
        crowd.append(submission)
    car = _submission(name="Ann Other")
    VehicleFactory(submission=car, registration="AB12CDE")
    new = _submission()
    PersonOfConcernFactory(
        submission=new, name="", nicknames="Tiny", phone_numbers="", social_media=""
    )
    VehicleFactory(submission=new, registration="AB12CDE")
    _indexed(*crowd, car, new)
    assert _link(new, car).reasons == ["same registration AB12CDE"]


def test_indexing_again_after_a_change_updates_or_removes_the_link():
    first = _submission()
    second = _submission(name="Tom Driver")
    VehicleFactory(submission=first, registration="AB12CDE")
    car = VehicleFactory(submission=second, registration="AB12CDE")
    for submission in (first, second):
        PersonOfConcernFactory(
            submission=submission,
            name="",
            nicknames="",
            phone_numbers="07700900871",
            social_media="",
        )
    _indexed(first, second)
    assert len(_link(first, second).reasons) == 2

    car.registration = "ZZ99ZZZ"
    car.save()
    _indexed(second)
    assert _link(first, second).reasons == ["same phone +447700900871"]
    assert _link(second, first).reasons == ["same phone +447700900871"]

    second.persons_of_concern.all().delete()
    _indexed(second)
    assert not Link.objects.exists()
