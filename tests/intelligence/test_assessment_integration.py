"""The sanitiser in the triage flow: the pre-filled, highlighted log and the gate on saving."""

import datetime as dt

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from intelligence.models import IntelligenceLog, LogStatus
from submissions.models import Status, Submission
from tests.factories import machine_decisions
from tests.intelligence.conftest import CLEAN_TEXT, assert_no_source_identifier
from triage import services as triage_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def claimed(cpi_submission, handler_user):
    return triage_services.submission_claim(submission=cpi_submission, user=handler_user)


def _url(submission):
    return reverse("triage:assess", args=[submission.reference])


def _record(client, submission, log_text):
    return client.post(
        _url(submission),
        {
            "version": submission.version,
            "risk": "medium",
            "priority": "2",
            "source_evaluation": "2",
            "intelligence_assessment": "B",
            "handling_code": "P",
            "outcome": "intelligence_log",
            "log_text": log_text,
            "action": "record",
            **machine_decisions(submission),
        },
    )


def test_the_log_text_is_prefilled_by_the_sanitiser_with_removals_highlighted(
    handler_client, claimed
):
    response = handler_client.get(_url(claimed))
    assert response.status_code == 200
    prefilled = response.context["form"].initial["log_text"]
    assert_no_source_identifier(prefilled)
    assert "Jade Smith" in prefilled and "AB12 CDE" in prefilled
    html = response.content.decode()
    assert 'id="log-preview"' in html
    assert '<mark class="cpi-removed"' in html
    assert '<mark class="cpi-flagged"' in html


def test_a_log_still_naming_the_source_is_refused_with_a_form_error_and_nothing_saved(
    handler_client, claimed
):
    response = _record(handler_client, claimed, f"{CLEAN_TEXT} Mrs Hughes saw it.")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "source name" in errors["log_text"][0]
    assert not IntelligenceLog.objects.exists()
    claimed.refresh_from_db()
    assert claimed.status == Status.IN_PROGRESS
    assert claimed.outcome == ""


def test_a_clean_log_is_recorded_as_its_own_record(handler_client, handler_user, claimed):
    response = _record(handler_client, claimed, CLEAN_TEXT)
    assert response.status_code == 302
    log = IntelligenceLog.objects.get(submission=claimed)
    assert (log.text, log.status, log.grading) == (CLEAN_TEXT, LogStatus.APPROVED, "2B P")
    assert log.created_by == handler_user
    assert AuditEvent.objects.filter(action=Action.LOG_CREATED, actor_id=handler_user.pk)


def test_with_approval_required_the_supervisors_review_approves_the_log(
    handler_client, supervisor_client, claimed, settings
):
    settings.LOG_APPROVAL_REQUIRED = True
    _record(handler_client, claimed, CLEAN_TEXT)
    log = IntelligenceLog.objects.get(submission=claimed)
    assert log.status == LogStatus.AWAITING_APPROVAL
    response = supervisor_client.post(
        reverse("triage:review", args=[claimed.reference]), {"decision": "approve", "comment": ""}
    )
    assert response.status_code == 302
    log.refresh_from_db()
    assert log.status == LogStatus.APPROVED
    assert log.approved_by is not None
    approved = AuditEvent.objects.get(action=Action.LOG_APPROVED)
    assert approved.object_type == "intelligence_log"


# --- Issue 12, defect 7: the log box, the markers, and when it happened -----------------------
def test_the_log_box_shows_a_long_text_not_five_lines(handler_client, claimed):
    html = handler_client.get(_url(claimed)).content.decode()
    box = html[html.index('id="id_log_text"') - 300 : html.index('id="id_log_text"') + 300]
    assert 'rows="16"' in box


def test_markers_in_the_proposal_are_a_stand_in_not_struck_through_text(handler_client, claimed):
    html = handler_client.get(_url(claimed)).content.decode()
    proposed = html[html.index('id="log-preview-proposed"') :]
    proposed = proposed[: proposed.index("</p>")]
    assert '<mark class="cpi-marker"' in proposed
    assert "cpi-removed" not in proposed  # struck through is for removed text, in the legend


def test_the_prefilled_log_says_when_it_happened(handler_client, claimed):
    Submission.objects.filter(pk=claimed.pk).update(
        occurred_on=dt.date(2026, 3, 3), occurred_time=dt.time(15, 30)
    )
    prefilled = handler_client.get(_url(claimed)).context["form"].initial["log_text"]
    assert prefilled.startswith("Date and time: 3 March 2026, 15:30")


# --- Issue 11, item 5: every exported field is previewed ----------------------------------------
def test_every_field_that_leaves_is_shown_and_a_changed_one_beside_what_was_entered(
    handler_client, claimed
):
    response = handler_client.get(_url(claimed))
    rows = {f"{row.section}: {row.label}": row for row in response.context["exported_fields"]}
    assert rows["Person at risk 1: Name"].exported_html == "Jade Smith"
    setting = rows["Person at risk 1: Setting"]
    # The setting is the source's own school: removed from the export, shown changed, and what
    # was entered is shown masked before any reveal.
    assert setting.changed
    assert "[source removed]" in setting.exported_html
    assert "Kingsweston" not in setting.entered
    html = response.content.decode()
    assert 'id="exported-fields-table"' in html
    assert "Kingsweston" not in html[html.index('id="exported-fields-table"') :]
