"""Creating, approving and returning logs: the gate runs first, and nothing leaky is saved."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from audit.models import Action, AuditEvent
from intelligence.gate import log_release_check
from intelligence.models import IntelligenceLog, LogStatus
from intelligence.services import (
    LogRefused,
    intelligence_log_approve,
    intelligence_log_create,
    intelligence_log_return,
)
from tests.intelligence.conftest import CLEAN_TEXT, assert_no_source_identifier

pytestmark = pytest.mark.django_db


def _create(submission, user, text=CLEAN_TEXT, approval_required=False):
    return intelligence_log_create(
        submission=submission,
        text=text,
        evaluation="2",
        assessment="B",
        handling_code="C",
        handling_conditions="Share with the neighbourhood team only.",
        user=user,
        approval_required=approval_required,
    )


def test_a_clean_log_is_created_approved_when_approval_is_not_required(
    cpi_submission, handler_user
):
    log = _create(cpi_submission, handler_user)
    assert log.status == LogStatus.APPROVED
    assert log.grading == "2B C"
    assert log.categories == ["criminal_exploitation"]
    assert log.gate_clearance
    assert log_release_check(log).allowed
    event = AuditEvent.objects.get(action=Action.LOG_CREATED)
    assert event.details["log"] == log.reference
    assert event.actor_id == handler_user.pk


def test_a_log_naming_the_source_is_refused_and_nothing_is_saved(cpi_submission, handler_user):
    with pytest.raises(LogRefused) as refused:
        _create(cpi_submission, handler_user, text=f"{CLEAN_TEXT} Mrs Hughes saw it.")
    assert "source name" in refused.value.message_dict["log_text"][0]
    assert "Hughes" not in refused.value.message_dict["log_text"][0]
    assert not IntelligenceLog.objects.exists()
    assert not AuditEvent.objects.filter(action=Action.LOG_CREATED).exists()


@pytest.mark.parametrize(
    "leak, kind",
    [
        ("Email s.hughes@kwa.example.sch.uk for more.", "email"),
        ("Ring 0117 496 0123 ext 4.", "phone"),
        ("Staff at Kingsweston Academy are worried.", "organisation"),
    ],
)
def test_every_kind_of_source_identifier_is_refused(cpi_submission, handler_user, leak, kind):
    with pytest.raises(LogRefused) as refused:
        _create(cpi_submission, handler_user, text=f"{CLEAN_TEXT} {leak}")
    assert kind in refused.value.message_dict["log_text"][0]


def test_copied_subject_details_lose_the_sources_organisation(cpi_submission, handler_user):
    log = _create(cpi_submission, handler_user)
    assert "Kingsweston" not in log.subjects[0]["setting"]
    assert_no_source_identifier(str(log.subjects))


def test_the_review_date_follows_the_retention_setting(cpi_submission, handler_user, settings):
    settings.RETENTION_LOG_REVIEW_DAYS = 10
    log = _create(cpi_submission, handler_user)
    assert log.review_date == (log.created_at + dt.timedelta(days=10)).date()


def test_with_approval_required_a_log_waits_and_a_supervisor_approves_it(
    cpi_submission, handler_user, supervisor_user
):
    log = _create(cpi_submission, handler_user, approval_required=True)
    assert log.status == LogStatus.AWAITING_APPROVAL
    approved = intelligence_log_approve(submission=cpi_submission, supervisor=supervisor_user)
    assert approved.status == LogStatus.APPROVED
    assert approved.approved_by == supervisor_user
    assert approved.approved_at is not None
    assert AuditEvent.objects.filter(action=Action.LOG_APPROVED, actor_id=supervisor_user.pk)


def test_approval_is_refused_when_the_log_was_edited_to_name_the_source(
    cpi_submission, handler_user, supervisor_user
):
    log = _create(cpi_submission, handler_user, approval_required=True)
    IntelligenceLog.objects.filter(pk=log.pk).update(text="Sarah Hughes saw it.")
    with pytest.raises(LogRefused):
        intelligence_log_approve(submission=cpi_submission, supervisor=supervisor_user)
    log.refresh_from_db()
    assert log.status == LogStatus.AWAITING_APPROVAL


def test_a_returned_log_is_remade_in_place_when_recorded_again(
    cpi_submission, handler_user, supervisor_user
):
    log = _create(cpi_submission, handler_user, approval_required=True)
    returned = intelligence_log_return(submission=cpi_submission, supervisor=supervisor_user)
    assert returned.status == LogStatus.RETURNED
    assert AuditEvent.objects.filter(action=Action.LOG_RETURNED).count() == 1
    again = _create(cpi_submission, handler_user, text="Reworded.", approval_required=True)
    assert again.pk == log.pk
    assert again.reference == log.reference
    assert (again.text, again.status) == ("Reworded.", LogStatus.AWAITING_APPROVAL)


def test_an_approved_log_cannot_be_remade(cpi_submission, handler_user):
    _create(cpi_submission, handler_user)
    with pytest.raises(ValidationError):
        _create(cpi_submission, handler_user, text="Something else.")


def test_approving_needs_a_log_awaiting_approval(cpi_submission, handler_user, supervisor_user):
    _create(cpi_submission, handler_user)
    with pytest.raises(ValidationError):
        intelligence_log_approve(submission=cpi_submission, supervisor=supervisor_user)
