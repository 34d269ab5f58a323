"""Approval of sanitised logs: original and sanitised side by side, approve or return."""

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from intelligence.models import IntelligenceLog, LogStatus
from submissions.models import Outcome, Risk, Status
from tests.factories import SubmissionFactory, intelligence_log_record
from triage import services

ORIGINAL = "I teach her in my Year 9 class. She gets into a black Ford Focus most Fridays."
SANITISED = "A 14 year old girl gets into a black Ford Focus most Friday evenings."


@pytest.fixture
def awaiting(settings, handler_user):
    settings.LOG_APPROVAL_REQUIRED = True
    submission = intelligence_log_record(
        submission=SubmissionFactory(information=ORIGINAL), user=handler_user, log_text=SANITISED
    )
    assert submission.status == Status.AWAITING_REVIEW
    return submission


def _url(submission):
    return reverse("supervision:approval", args=[submission.reference])


def test_handlers_cannot_see_or_decide_approvals(handler_client, awaiting):
    assert handler_client.get(reverse("supervision:approvals")).status_code == 403
    assert handler_client.get(_url(awaiting)).status_code == 403
    assert handler_client.post(_url(awaiting), {"decision": "approve"}).status_code == 403
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_REVIEW


def test_supervisors_see_the_logs_waiting(supervisor_client, awaiting):
    response = supervisor_client.get(reverse("supervision:approvals"))
    assert response.status_code == 200
    assert [log.submission.reference for log in response.context["logs"]] == [awaiting.reference]
    # the tab shows when it is on
    assert reverse("supervision:approvals") in response.content.decode()


def test_the_original_and_the_sanitised_text_are_side_by_side(
    supervisor_client, supervisor_user, awaiting
):
    response = supervisor_client.get(_url(awaiting))
    assert response.status_code == 200
    body = response.content.decode()
    assert "I teach her in my Year 9 class" in body
    assert SANITISED in body
    # Showing the original is a view of the submission, and is recorded as one.
    viewed = AuditEvent.objects.filter(
        action=Action.SUBMISSION_VIEWED, submission_reference=awaiting.reference
    ).get()
    assert viewed.actor_id == supervisor_user.pk


def test_approving_closes_the_submission_and_approves_the_log(
    supervisor_client, supervisor_user, awaiting
):
    response = supervisor_client.post(_url(awaiting), {"decision": "approve", "comment": ""})
    assert response.status_code == 302
    assert response["Location"] == reverse("supervision:approvals")
    awaiting.refresh_from_db()
    assert awaiting.status == Status.CLOSED
    assert awaiting.intelligence_log.status == LogStatus.APPROVED
    approved = AuditEvent.objects.filter(action=Action.LOG_APPROVED).get()
    assert (approved.actor_id, approved.submission_reference) == (
        supervisor_user.pk,
        awaiting.reference,
    )


def test_returning_needs_a_comment(supervisor_client, awaiting):
    response = supervisor_client.post(_url(awaiting), {"decision": "return", "comment": " "})
    assert response.status_code == 400
    assert response.context["form"].has_error("comment", code="required")
    awaiting.refresh_from_db()
    assert awaiting.status == Status.AWAITING_REVIEW


def test_returning_sends_it_back_to_the_handler_with_the_comment(
    supervisor_client, supervisor_user, awaiting
):
    supervisor_client.post(
        _url(awaiting), {"decision": "return", "comment": "Remove the reference to Year 9."}
    )
    awaiting.refresh_from_db()
    assert awaiting.status == Status.IN_PROGRESS
    assert awaiting.intelligence_log.status == LogStatus.RETURNED
    assert awaiting.assessment.review_comment == "Remove the reference to Year 9."
    returned = AuditEvent.objects.filter(action=Action.LOG_RETURNED).get()
    assert returned.actor_id == supervisor_user.pk


def test_a_supervisor_cannot_approve_their_own_log(settings, supervisor_client, supervisor_user):
    settings.LOG_APPROVAL_REQUIRED = True
    submission = services.submission_claim(submission=SubmissionFactory(), user=supervisor_user)
    services.outcome_record(
        submission=submission,
        user=supervisor_user,
        version=submission.version,
        data={
            "risk": Risk.LOW,
            "priority": 3,
            "source_evaluation": "2",
            "intelligence_assessment": "B",
            "handling_code": "P",
            "handling_conditions": "",
            "outcome": Outcome.INTELLIGENCE_LOG,
            "log_text": SANITISED,
        },
    )
    response = supervisor_client.post(_url(submission), {"decision": "approve"}, follow=True)
    assert "another supervisor must review it" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Status.AWAITING_REVIEW


def test_a_log_not_awaiting_approval_is_not_found(supervisor_client):
    submission = SubmissionFactory()
    assert supervisor_client.get(_url(submission)).status_code == 404


def test_the_phrases_the_handler_kept_are_shown_for_approval(supervisor_client, awaiting):
    IntelligenceLog.objects.filter(submission=awaiting).update(kept_phrases=["Mia Hart"])
    body = supervisor_client.get(_url(awaiting)).content.decode()
    assert "Kept as a subject" in body
    assert "<li>Mia Hart</li>" in body


def test_no_kept_phrases_says_every_uncertain_identifier_was_removed(supervisor_client, awaiting):
    body = supervisor_client.get(_url(awaiting)).content.decode()
    assert "every identifier the sanitiser was unsure of was removed" in body


def test_logs_left_waiting_when_approval_is_switched_off_can_still_be_reached(
    settings, supervisor_client, awaiting
):
    settings.LOG_APPROVAL_REQUIRED = False
    approvals = reverse("supervision:approvals")
    dashboard = supervisor_client.get(reverse("supervision:dashboard")).content.decode()
    assert f'href="{approvals}"' in dashboard

    page = supervisor_client.get(approvals).content.decode()
    assert awaiting.reference in page
    assert "switched off" in page
    assert "LOG_APPROVAL_REQUIRED" not in page


def test_no_approvals_link_when_approval_is_off_and_nothing_waits(settings, supervisor_client):
    settings.LOG_APPROVAL_REQUIRED = False
    dashboard = supervisor_client.get(reverse("supervision:dashboard")).content.decode()
    assert f'href="{reverse("supervision:approvals")}"' not in dashboard
