"""The assessment page: recording each outcome, required fields by error code, lost updates."""

import re

import pytest
from django.urls import reverse

from submissions.models import Outcome, Risk, Status
from tests.factories import SubmissionFactory, machine_decisions
from triage import services
from triage.forms import AssessmentForm
from triage.models import Assessment

FORM = {
    "risk": "medium",
    "priority": "2",
    "source_evaluation": "2",
    "intelligence_assessment": "B",
    "handling_code": "P",
}
OUTCOME_FIELDS = {
    Outcome.INTELLIGENCE_LOG: {"log_text": "Male known as D-Money seen with a 14 year old girl."},
    Outcome.CRIME_DESK: {
        "crime_summary": "Supply of class A drugs",
        "tasking_note": "Patrol the underpass on Friday evenings.",
    },
    Outcome.SAFEGUARDING_REFERRAL: {
        "referral_service": "mash",
        "referral_reason": "Child going missing from home.",
    },
    Outcome.NO_ACTION: {"no_action_rationale": "Already known and being managed."},
}


@pytest.fixture
def claimed(handler_user):
    return services.submission_claim(submission=SubmissionFactory(), user=handler_user)


def _url(submission) -> str:
    return reverse("triage:assess", args=[submission.reference])


def _post(client, submission, outcome, action="record", version=None, **extra):
    data = {
        **FORM,
        "outcome": outcome,
        **OUTCOME_FIELDS.get(outcome, {}),
        "version": submission.version if version is None else version,
        "action": action,
        **machine_decisions(submission),
        **extra,
    }
    return client.post(_url(submission), data)


def test_the_form_carries_the_version(handler_client, claimed):
    body = handler_client.get(_url(claimed)).content.decode()
    assert f'name="version" value="{claimed.version}"' in body


@pytest.mark.parametrize("outcome", list(OUTCOME_FIELDS))
def test_recording_each_outcome_closes_the_submission(handler_client, claimed, outcome, settings):
    settings.LOG_APPROVAL_REQUIRED = False
    response = _post(handler_client, claimed, outcome)
    assert response.status_code == 302
    claimed.refresh_from_db()
    assert (claimed.status, claimed.outcome) == (Status.CLOSED, outcome)


def test_a_log_goes_to_review_when_approval_is_required(handler_client, claimed, settings):
    settings.LOG_APPROVAL_REQUIRED = True
    response = _post(handler_client, claimed, Outcome.INTELLIGENCE_LOG, follow=False)
    assert response.status_code == 302
    claimed.refresh_from_db()
    assert claimed.status == Status.AWAITING_REVIEW


def test_saving_a_draft_keeps_the_submission_in_progress(handler_client, claimed):
    response = _post(handler_client, claimed, "", action="save")
    assert response.status_code == 302
    claimed.refresh_from_db()
    assert (claimed.status, claimed.risk) == (Status.IN_PROGRESS, Risk.MEDIUM)
    body = handler_client.get(_url(claimed)).content.decode()
    assert re.search(r'value="medium"\s+checked', body)


@pytest.mark.parametrize(
    ("outcome", "field"),
    [
        (Outcome.INTELLIGENCE_LOG, "log_text"),
        (Outcome.CRIME_DESK, "crime_summary"),
        (Outcome.CRIME_DESK, "tasking_note"),
        (Outcome.SAFEGUARDING_REFERRAL, "referral_service"),
        (Outcome.SAFEGUARDING_REFERRAL, "referral_reason"),
        (Outcome.NO_ACTION, "no_action_rationale"),
    ],
)
def test_the_form_requires_what_each_outcome_needs(outcome, field):
    data = {**FORM, "version": 1, "outcome": outcome, **OUTCOME_FIELDS[outcome], field: ""}
    form = AssessmentForm(data, recording=True)
    assert not form.is_valid()
    assert form.has_error(field, code="required")


def test_the_form_requires_conditions_for_handling_code_c():
    data = {**FORM, "version": 1, "handling_code": "C", "handling_conditions": ""}
    form = AssessmentForm(data, recording=False)
    assert form.has_error("handling_conditions", code="required")


def test_the_form_requires_an_outcome_to_record():
    form = AssessmentForm({**FORM, "version": 1}, recording=True)
    assert form.has_error("outcome", code="required")


def test_a_missing_field_re_renders_with_the_message_and_nothing_saved(handler_client, claimed):
    response = _post(handler_client, claimed, Outcome.CRIME_DESK, tasking_note="")
    assert response.status_code == 200
    assert "Enter a tasking note for the crime desk" in response.content.decode()
    claimed.refresh_from_db()
    assert claimed.status == Status.IN_PROGRESS


def test_a_stale_save_is_refused_and_keeps_the_typed_text(handler_client, handler_user, claimed):
    loaded_version = claimed.version
    # Someone else (another tab, or a supervisor's reassignment and back) saves first.
    services.assessment_save(
        submission=claimed, user=handler_user, version=loaded_version, data={"risk": Risk.LOW}
    )
    typed = "My careful wording of the no action rationale."
    response = _post(
        handler_client,
        claimed,
        Outcome.NO_ACTION,
        version=loaded_version,
        no_action_rationale=typed,
    )
    assert response.status_code == 409
    body = response.content.decode()
    assert "Someone else changed this submission while you were editing." in body
    assert "Your changes have not been saved" in body
    assert typed in body
    claimed.refresh_from_db()
    assert (claimed.status, claimed.risk) == (Status.IN_PROGRESS, Risk.LOW)
    assert not Assessment.objects.filter(no_action_rationale=typed).exists()
    # The page now carries the current version, so saving again on purpose works.
    assert f'name="version" value="{claimed.version}"' in body
    again = _post(handler_client, claimed, Outcome.NO_ACTION, no_action_rationale=typed)
    assert again.status_code == 302
    claimed.refresh_from_db()
    assert claimed.status == Status.CLOSED


def test_a_handler_who_has_not_claimed_it_cannot_post_an_assessment(other_handler_client, claimed):
    response = _post(other_handler_client, claimed, Outcome.NO_ACTION)
    assert response.status_code == 403
    claimed.refresh_from_db()
    assert claimed.status == Status.IN_PROGRESS


def test_a_closed_submission_cannot_be_assessed_again(handler_client, claimed):
    _post(handler_client, claimed, Outcome.CRIME_DESK)
    claimed.refresh_from_db()
    assert handler_client.get(_url(claimed)).status_code == 403
