"""Submission.category_mask: the categories as bits on the row, kept by PostgreSQL triggers on
the link table, so the queue's category filter reads no other table (issue 17)."""

import pytest
from django.db import connection

from submissions.models import (
    CATEGORY_BITS,
    Category,
    Submission,
    SubmissionCategory,
    categories_in,
    category_mask_of,
)
from tests.factories import SubmissionFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


def _mask(submission) -> int:
    return Submission.objects.values_list("category_mask", flat=True).get(pk=submission.pk)


def test_the_bits_in_python_are_the_bits_the_database_sets():
    with connection.cursor() as cursor:
        for code, bit in CATEGORY_BITS.items():
            cursor.execute("SELECT submissions_category_bit(%s)", [code])
            assert cursor.fetchone()[0] == bit, code
    assert sorted(CATEGORY_BITS) == sorted(Category.values)


def test_links_written_with_the_submission_set_its_bits():
    submission = SubmissionFactory(categories=[Category.MODERN_SLAVERY, Category.ORGANISED_CRIME])
    assert _mask(submission) == category_mask_of(
        [Category.MODERN_SLAVERY, Category.ORGANISED_CRIME]
    )
    assert categories_in(_mask(submission)) == ["modern_slavery", "organised_crime"]


def test_a_link_added_removed_or_changed_moves_its_bit():
    submission = SubmissionFactory(categories=[Category.DRUG_RELATED_HARM])
    link = SubmissionCategory.objects.create(
        submission=submission, category=Category.COMMUNITY_COHESION
    )
    assert categories_in(_mask(submission)) == ["community_cohesion", "drug_related_harm"]
    link.category = Category.ANTI_SOCIAL_BEHAVIOUR
    link.save()
    assert categories_in(_mask(submission)) == ["anti_social_behaviour", "drug_related_harm"]
    link.delete()
    assert categories_in(_mask(submission)) == ["drug_related_harm"]
    SubmissionCategory.objects.filter(submission=submission).delete()
    assert _mask(submission) == 0


def test_links_of_many_submissions_in_one_statement_each_set_their_own_bits():
    first = SubmissionFactory(categories=[Category.MODERN_SLAVERY])
    second = SubmissionFactory(categories=[Category.ORGANISED_CRIME])
    SubmissionCategory.objects.bulk_create(
        [
            SubmissionCategory(submission=first, category=Category.CRIMINAL_EXPLOITATION),
            SubmissionCategory(submission=second, category=Category.CRIMINAL_EXPLOITATION),
            SubmissionCategory(submission=second, category=Category.DRUG_RELATED_HARM),
        ]
    )
    assert categories_in(_mask(first)) == ["criminal_exploitation", "modern_slavery"]
    assert categories_in(_mask(second)) == [
        "criminal_exploitation",
        "drug_related_harm",
        "organised_crime",
    ]


def test_saving_a_whole_row_read_before_a_link_changed_keeps_the_stored_bits():
    submission = SubmissionFactory(categories=[Category.MODERN_SLAVERY])
    stale = Submission.objects.get(pk=submission.pk)
    SubmissionCategory.objects.create(submission=submission, category=Category.ORGANISED_CRIME)
    stale.category_mask = 0
    stale.save()  # every column, the mask as it was read (and then some)
    assert categories_in(_mask(submission)) == ["modern_slavery", "organised_crime"]


def test_the_queue_filters_by_category_without_reading_the_link_table(handler_client):
    from django.test.utils import CaptureQueriesContext

    wanted = SubmissionFactory(categories=[Category.MODERN_SLAVERY])
    SubmissionFactory(categories=[Category.ORGANISED_CRIME])
    with CaptureQueriesContext(connection) as captured:
        response = handler_client.get("/staff/", {"category": Category.MODERN_SLAVERY})
    assert [row.reference for row in response.context["page"].rows] == [wanted.reference]
    assert "Modern slavery" in response.content.decode()
    on_links = [q["sql"] for q in captured if "submissions_submissioncategory" in q["sql"]]
    assert on_links == []
