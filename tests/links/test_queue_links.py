"""The queue: each row's number of linked submissions (one query for the page), and the search
"everything linked to" a plate, phone, handle or name."""

import pytest

from links.selectors import link_counts, links_count_attach
from links.services import submission_links_index
from submissions.models import Submission
from tests.factories import (
    PersonOfConcernFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db
QUEUE = "/staff/"


def _references(response) -> set[str]:
    return {row.reference for row in response.context["page"].rows}


def test_each_row_shows_how_many_submissions_it_is_linked_to(handler_client, linked_pair):
    school, _taxi, hotel = linked_pair
    lonely = SubmissionFactory()
    response = handler_client.get(QUEUE, {"size": 50})
    rows = {row.reference: row for row in response.context["page"].rows}
    assert (rows[school.reference].linked_count, rows[school.reference].possible_count) == (2, 1)
    assert (rows[hotel.reference].linked_count, rows[hotel.reference].possible_count) == (2, 2)
    assert rows[lonely.reference].linked_count == 0
    html = response.content.decode()
    assert f'href="/staff/submissions/{school.reference}/#linked-submissions"' in html
    assert "(1 possible)" in html


@pytest.mark.parametrize("size", [4, 24])
def test_the_counts_take_one_query_however_many_rows(size, django_assert_num_queries):
    submissions = []
    for i in range(size):
        submission = SubmissionFactory(with_people=False)
        SourceFactory(submission=submission)
        VehicleFactory(submission=submission, registration=f"AB{10 + i % 2}CDE")
        submissions.append(submission)
    for submission in submissions:
        submission_links_index(submission_id=submission.pk)
    rows = list(Submission.objects.all())
    with django_assert_num_queries(1):
        links_count_attach(rows)
    assert {row.linked_count for row in rows} == {size // 2 - 1}


def test_a_not_the_same_link_is_not_counted(linked_pair):
    from links.models import Link

    school, _taxi, hotel = linked_pair
    Link.objects.filter(submission=school, other=hotel).update(decision="not_same")
    assert link_counts([school.pk])[school.pk] == (1, 0, False)


@pytest.mark.parametrize(
    "term",
    ["ab12 cde", "07700 900871", "+44 7700 900871", "@TinyMan_BS5", "Dean Marsh", "d-money"],
)
def test_everything_linked_to_an_identifier_is_found_entered_or_mentioned(handler_client, term):
    entered = SubmissionFactory(with_people=False)
    SourceFactory(submission=entered)
    VehicleFactory(submission=entered, registration="AB12CDE")
    PersonOfConcernFactory(
        submission=entered,
        name="Dean Marsh",
        nicknames="D-Money",
        phone_numbers="07700900871",
        social_media="@tinyman_bs5",
    )
    mentioned = SubmissionFactory(
        with_people=False,
        information="A grey Audi AB12 CDE again. The man's number is 07700 900871, his snap "
        "is @tinyman_bs5.",
    )
    SourceFactory(submission=mentioned, name="Tom Driver", organisation="Star Cabs")
    SubjectFactory(submission=mentioned, name="Kyle Mendes")
    unrelated = SubmissionFactory()
    for submission in (entered, mentioned, unrelated):
        submission_links_index(submission_id=submission.pk)

    found = _references(handler_client.get(QUEUE, {"linked": term}))

    assert entered.reference in found
    assert unrelated.reference not in found
    if term not in ("Dean Marsh", "d-money"):
        assert mentioned.reference in found


def test_the_search_never_finds_a_submission_through_its_source(handler_client):
    submission = SubmissionFactory(
        with_people=False, information="Call me on 0117 496 0123. Sarah Hughes"
    )
    SourceFactory(submission=submission, name="Sarah Hughes", phone="01174960123")
    submission_links_index(submission_id=submission.pk)
    for term in ("Sarah Hughes", "0117 496 0123", "Kingsweston Academy"):
        assert _references(handler_client.get(QUEUE, {"linked": term})) == set()
