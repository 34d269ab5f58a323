"""The data model's own rules, and the answers' round trip through the JSON session."""

from datetime import date, time

import pytest
from django.db import IntegrityError, connection

from submissions import wizard
from submissions.forms import SubjectForm, WhenForm
from submissions.models import Status, Subject, SubmissionCategory
from submissions.references import REFERENCE_PATTERN, reference_generate
from tests.factories import SubjectFactory, SubmissionFactory


def test_references_are_random_and_in_the_readable_alphabet():
    import re

    references = {reference_generate() for _ in range(500)}
    assert len(references) == 500
    assert all(re.fullmatch(REFERENCE_PATTERN, r) for r in references)


@pytest.mark.django_db
def test_a_closed_submission_must_have_an_outcome():
    submission = SubmissionFactory()
    submission.status = Status.CLOSED
    with pytest.raises(IntegrityError):
        submission.save()


@pytest.mark.django_db
def test_a_category_is_recorded_once_per_submission():
    submission = SubmissionFactory(categories=["modern_slavery"])
    with pytest.raises(IntegrityError):
        SubmissionCategory.objects.create(submission=submission, category="modern_slavery")


@pytest.mark.django_db
def test_an_age_over_130_is_refused_by_the_database():
    with pytest.raises(IntegrityError):
        SubjectFactory(approximate_age=131)


@pytest.mark.django_db
def test_provenance_is_encrypted_at_rest_and_read_back_in_plain():
    submission = SubmissionFactory(provenance_detail="Saw it from the staff room window")
    with connection.cursor() as cursor:
        cursor.execute("SELECT provenance_detail FROM submissions_submission")
        raw = cursor.fetchone()[0]
    assert "staff room" not in raw
    submission.refresh_from_db()
    assert submission.provenance_detail == "Saw it from the staff room window"
    assert Subject.objects.filter(submission=submission).count() == 1


def test_dates_and_times_survive_the_json_session():
    step = next(s for s in wizard.STEPS if s.name == "when")
    stored = wizard.to_json(
        {"occurred_on": date(2025, 3, 3), "occurred_time": time(21, 30), "when_description": ""}
    )
    assert stored == {"occurred_on": "2025-03-03", "occurred_time": "21:30", "when_description": ""}
    back = wizard.from_json(step.form_class, stored)
    assert back["occurred_on"] == date(2025, 3, 3)
    assert back["occurred_time"] == time(21, 30)
    # A form built from the stored answers shows them again.
    html = str(WhenForm(initial=back)["occurred_on"])
    assert 'value="2025"' in html


def test_check_page_rows_show_choices_by_their_labels_and_dates_in_words():
    subjects = next(s for s in wizard.STEPS if s.name == "subjects")
    rows = wizard.answer_rows(subjects, {"name": "Jade", "date_of_birth": "2011-02-14"})
    by_name = {row["name"]: row["value"] for row in rows}
    assert by_name["date_of_birth"] == "14 February 2011"
    assert by_name["address"] == wizard.NOT_GIVEN
    categories = next(s for s in wizard.STEPS if s.name == "categories")
    (row,) = wizard.answer_rows(categories, {"categories": ["modern_slavery"]})
    assert row["value"] == "Modern slavery"


def test_every_collection_form_has_the_fields_the_service_stores():
    assert set(SubjectForm.base_fields) == {
        "name",
        "date_of_birth",
        "approximate_age",
        "address",
        "setting",
        "description",
    }
