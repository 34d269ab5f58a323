import pytest

from links.services import submission_links_index
from tests.factories import SourceFactory, SubjectFactory, SubmissionFactory, VehicleFactory


@pytest.fixture
def linked_pair(db):
    """Two professionals about one child and one car; a third about a child spelt close."""
    school = SubmissionFactory(with_people=False, information="Kyle is often late.")
    SourceFactory(submission=school)
    SubjectFactory(submission=school, name="Kyle Mendes", approximate_age=14)
    VehicleFactory(submission=school, registration="AB12CDE")
    taxi = SubmissionFactory(with_people=False, information="Picked up by a grey Audi.")
    SourceFactory(
        submission=taxi, name="Tom Driver", organisation="Star Cabs", email="t@star.example"
    )
    SubjectFactory(submission=taxi, name="Kyle Mendes", approximate_age=14)
    VehicleFactory(submission=taxi, registration="AB12 CDE")
    hotel = SubmissionFactory(with_people=False, information="A boy at reception late at night.")
    SourceFactory(
        submission=hotel, name="Ann Other", organisation="Grand Hotel", email="a@grand.example"
    )
    SubjectFactory(submission=hotel, name="Kyle Mendez", approximate_age=14)
    for submission in (school, taxi, hotel):
        submission_links_index(submission_id=submission.pk)
    return school, taxi, hotel
