"""Extraction runs for every submission: its number of queries is fixed, whatever the number of
identifiers it holds or links it makes (a guard against a query per identifier creeping back)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from links.models import Identifier, Link
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

# Reading the submission, its parts; then the index's writes and the candidates, and the links.
# PostgreSQL sends each group of statements in one round trip; SQLite runs them one by one.
QUERIES_POSTGRESQL = 4


def _submission(information="Nothing more to add."):
    submission = SubmissionFactory(with_people=False, information=information)
    SourceFactory(submission=submission, name="Sarah Hughes", organisation="Hillside Academy")
    return submission


def _small():
    submission = _submission()
    VehicleFactory(submission=submission, registration="AB12CDE")
    return submission


def _large():
    submission = _submission(
        "Seen with 07700 900123 written on his hand, and in the car GH19 XYZ near BS16 3AB."
    )
    for number in range(6):
        SubjectFactory(
            submission=submission,
            name=f"Child{chr(97 + number)} Mendes",
            date_of_birth=date(2010, 1, number + 1),
            address=f"{number} Fishponds Road, Bristol BS16 {number}AB",
        )
        PersonOfConcernFactory(
            submission=submission,
            name=f"Adult{chr(97 + number)} Carter",
            nicknames=f"Tiny{number}, Bigman{number}",
            phone_numbers=f"07700 90{number:04d}",
            social_media=f"@tinyman_{number}\nsnapchat: bigman_{number}",
        )
        VehicleFactory(submission=submission, registration=f"AB{10 + number}CDE")
        PlaceFactory(submission=submission, name=f"Corner Shop Number {number}", address="")
    return submission


def _indexing_queries(submission) -> int:
    with CaptureQueriesContext(connection) as captured:
        submission_links_index(submission_id=submission.pk)
    return len(captured.captured_queries)


def test_extraction_takes_the_same_number_of_queries_for_one_identifier_or_forty():
    # Others already indexed that the large one links to many times over, the small one once.
    for registration in ("AB12CDE", "AB10CDE", "AB11CDE", "AB13CDE", "AB14CDE", "AB15CDE"):
        other = _submission()
        VehicleFactory(submission=other, registration=registration)
        PersonOfConcernFactory(submission=other, name="", phone_numbers="07700 900001")
        submission_links_index(submission_id=other.pk)
    small, large = _small(), _large()

    small_queries, large_queries = _indexing_queries(small), _indexing_queries(large)

    assert Identifier.objects.filter(submission=small).count() == 1
    assert Identifier.objects.filter(submission=large).count() >= 40
    assert Link.objects.filter(submission=large).count() >= 5
    assert small_queries == large_queries
    # Indexing again (entries replaced, stale links removed) costs no more.
    assert _indexing_queries(large) == large_queries
    if connection.vendor == "postgresql":
        # Two of them the savepoint of the test's transaction: taken and released.
        assert large_queries == QUERIES_POSTGRESQL + 2
