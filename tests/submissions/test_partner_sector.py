"""The optional "which sector do you work in" question on "About you", kept for the report."""

import uuid

import pytest

from submissions import services
from submissions.forms import SourceForm
from submissions.models import PartnerSector
from tests.submissions.journey import SOURCE, session_answers


def test_the_sector_is_optional():
    form = SourceForm(data=SOURCE)
    assert form.is_valid()
    assert form.cleaned_data["sector"] == ""


def test_a_sector_must_be_one_of_the_listed_ones():
    assert SourceForm(data={**SOURCE, "sector": "police"}).has_error(
        "sector", code="invalid_choice"
    )
    assert SourceForm(data={**SOURCE, "sector": "housing"}).is_valid()


def test_the_sectors_are_those_the_partnership_counts():
    assert [label for _, label in PartnerSector.choices] == [
        "Education",
        "Health",
        "Social care",
        "Housing",
        "Voluntary or community",
        "Business",
        "Other",
    ]


@pytest.mark.django_db
def test_the_sector_is_stored_on_the_submission_not_with_the_source(
    django_capture_on_commit_callbacks,
):
    answers = session_answers()
    answers["source"] = {**answers["source"], "sector": "education"}
    with django_capture_on_commit_callbacks(execute=False):
        submission = services.submission_create(answers=answers, submission_token=uuid.uuid4())
    submission.refresh_from_db()
    assert submission.partner_sector == PartnerSector.EDUCATION


@pytest.mark.django_db
def test_answers_saved_before_the_question_existed_still_submit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submission = services.submission_create(
            answers=session_answers(), submission_token=uuid.uuid4()
        )
    assert submission.partner_sector == ""
