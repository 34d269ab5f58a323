"""The detail page: what it shows, what it hides, the source reveal, notes, claim and review."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from audit.models import Action, AuditEvent
from submissions.models import Outcome, Provenance, Risk, Status
from tests.factories import (
    PersonOfConcernFactory,
    PlaceFactory,
    SubmissionFactory,
    VehicleFactory,
)
from triage import services
from triage.models import Note, SourceReveal

SOURCE_VALUES = [
    "Sarah Hughes",
    "Head of Year 9",
    "Kingsweston Academy",
    "s.hughes@kwa.example.sch.uk",
    "+441174960123",
    "Weekdays after 3pm",
]


def _detail(submission) -> str:
    return reverse("triage:detail", args=[submission.reference])


def _claimed_by(user, **kwargs):
    return services.submission_claim(submission=SubmissionFactory(**kwargs), user=user)


def test_detail_shows_what_was_shared_but_hides_the_source(handler_client, handler_user):
    submission = _claimed_by(handler_user)
    PersonOfConcernFactory(submission=submission)
    PlaceFactory(submission=submission)
    VehicleFactory(submission=submission)
    body = handler_client.get(_detail(submission)).content.decode()
    assert submission.information in body
    assert submission.subjects.get().name in body
    for shown in ("Dean Marsh", "D-Money", "Underpass by the canal", "AB12CDE"):
        assert shown in body
    # Provenance is the intelligence unit's to see: grading depends on it.
    assert "Saw it at the school gate." in body
    for hidden in SOURCE_VALUES:
        assert hidden not in body


@pytest.mark.parametrize("provenance", list(Provenance))
def test_the_detail_page_says_how_the_source_knows(handler_client, handler_user, provenance):
    submission = _claimed_by(handler_user, provenance=provenance)
    body = handler_client.get(_detail(submission)).content.decode()
    shown = re.search(r"How they know</dt><dd[^>]*>([^<]*)</dd>", body)
    assert shown is not None
    assert shown.group(1).strip() == escape(provenance.label)


def test_viewing_the_detail_page_is_audited(handler_client, handler_user):
    submission = _claimed_by(handler_user)
    handler_client.get(_detail(submission))
    event = AuditEvent.objects.get(
        action=Action.SUBMISSION_VIEWED, submission_reference=submission.reference
    )
    assert event.actor_id == handler_user.pk


def test_a_handler_who_has_not_claimed_it_sees_no_edit_controls(other_handler_client, handler_user):
    submission = _claimed_by(handler_user)
    body = other_handler_client.get(_detail(submission)).content.decode()
    assert reverse("triage:assess", args=[submission.reference]) not in body
    assert reverse("triage:reveal", args=[submission.reference]) not in body
    assert reverse("triage:release", args=[submission.reference]) not in body


def test_the_handler_who_claimed_it_sees_the_edit_controls(handler_client, handler_user):
    submission = _claimed_by(handler_user)
    body = handler_client.get(_detail(submission)).content.decode()
    assert reverse("triage:assess", args=[submission.reference]) in body
    assert reverse("triage:reveal", args=[submission.reference]) in body


# --- Reveal --------------------------------------------------------------------------------------
def test_revealing_with_a_reason_shows_the_source_on_that_response_only(
    handler_client, handler_user
):
    submission = _claimed_by(handler_user)
    url = reverse("triage:reveal", args=[submission.reference])
    assert handler_client.get(url).status_code == 200
    response = handler_client.post(url, {"reason": "Need to check when to call them back."})
    assert response.status_code == 200
    body = response.content.decode()
    for shown in SOURCE_VALUES:
        assert shown in body
    reveal = SourceReveal.objects.get(submission=submission)
    assert reveal.revealed_by == handler_user
    assert reveal.reason == "Need to check when to call them back."
    event = AuditEvent.objects.get(action=Action.SOURCE_REVEALED)
    assert event.details == {"reason": "Need to check when to call them back."}
    # The next view of the page hides them again, and lists the reveal.
    later = handler_client.get(_detail(submission)).content.decode()
    assert "Sarah Hughes" not in later
    assert "Need to check when to call them back." in later


@pytest.mark.parametrize(
    ("reason", "message"),
    [
        ("", "Enter why you need to see the source&#x27;s details"),
        ("because", "Reason must be 10 characters or more"),
    ],
)
def test_revealing_without_a_proper_reason_shows_an_error_and_no_source(
    handler_client, handler_user, reason, message
):
    submission = _claimed_by(handler_user)
    url = reverse("triage:reveal", args=[submission.reference])
    response = handler_client.post(url, {"reason": reason})
    body = response.content.decode()
    assert message in body
    assert "Sarah Hughes" not in body
    assert not SourceReveal.objects.exists()


def test_a_handler_who_has_not_claimed_it_cannot_reveal_the_source(
    other_handler_client, handler_user
):
    submission = _claimed_by(handler_user)
    url = reverse("triage:reveal", args=[submission.reference])
    response = other_handler_client.post(url, {"reason": "I would like to see who it was."})
    assert response.status_code == 403
    assert not SourceReveal.objects.exists()


def test_a_submission_without_source_details_says_so_on_the_detail_page(
    handler_client, handler_user
):
    submission = _claimed_by(handler_user)
    submission.source.delete()
    url = reverse("triage:reveal", args=[submission.reference])
    response = handler_client.post(
        url, {"reason": "Need to check when to call them back."}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("triage:detail", args=[submission.reference])
    assert "This submission has no source details." in response.content.decode()
    assert not SourceReveal.objects.exists()


def test_a_reveal_refused_by_the_service_after_the_page_allowed_it_is_a_403(
    handler_client, handler_user, monkeypatch
):
    # Released between the page's check and the service's own (one mapping: forbidden -> 403).
    submission = _claimed_by(handler_user)

    def refused(**kwargs):
        raise services.NotPermitted("Only the handler who claimed this submission can see it.")

    monkeypatch.setattr(services, "source_reveal", refused)
    url = reverse("triage:reveal", args=[submission.reference])
    response = handler_client.post(url, {"reason": "Need to check when to call them back."})
    assert response.status_code == 403


# --- Notes ---------------------------------------------------------------------------------------
def test_a_note_is_added_and_shown_with_who_wrote_it(other_handler_client, handler_user):
    submission = _claimed_by(handler_user)
    url = reverse("triage:note", args=[submission.reference])
    response = other_handler_client.post(url, {"text": "Same address as CPI last month."})
    assert response.status_code == 302
    note = Note.objects.get(submission=submission)
    assert note.text == "Same address as CPI last month."
    body = other_handler_client.get(_detail(submission)).content.decode()
    assert "Same address as CPI last month." in body
    assert "harry.handler" in body


def test_an_empty_note_shows_an_error(handler_client, handler_user):
    submission = _claimed_by(handler_user)
    response = handler_client.post(
        reverse("triage:note", args=[submission.reference]), {"text": ""}
    )
    assert response.status_code == 400
    assert "Enter the note" in response.content.decode()
    assert not Note.objects.exists()


# --- Claim, release, assign, take next, review ---------------------------------------------------
def test_claiming_from_the_detail_page(handler_client, handler_user):
    submission = SubmissionFactory()
    handler_client.post(reverse("triage:claim", args=[submission.reference]))
    submission.refresh_from_db()
    assert submission.assigned_to == handler_user


def test_claiming_a_submission_someone_holds_shows_a_message(handler_client, other_handler_user):
    submission = _claimed_by(other_handler_user)
    response = handler_client.post(
        reverse("triage:claim", args=[submission.reference]), follow=True
    )
    assert "Another handler has already claimed this submission." in response.content.decode()
    submission.refresh_from_db()
    assert submission.assigned_to == other_handler_user


def test_releasing_from_the_detail_page(handler_client, handler_user):
    submission = _claimed_by(handler_user)
    response = handler_client.post(reverse("triage:release", args=[submission.reference]))
    assert response["Location"] == reverse("triage:queue")
    submission.refresh_from_db()
    assert submission.status == Status.NEW


def test_a_handler_cannot_release_someone_elses_submission(handler_client, other_handler_user):
    submission = _claimed_by(other_handler_user)
    response = handler_client.post(reverse("triage:release", args=[submission.reference]))
    assert response.status_code == 403


def test_a_supervisor_reassigns_to_another_handler(
    supervisor_client, handler_user, other_handler_user
):
    submission = _claimed_by(handler_user)
    supervisor_client.post(
        reverse("triage:assign", args=[submission.reference]),
        {"assignee": other_handler_user.pk},
    )
    submission.refresh_from_db()
    assert submission.assigned_to == other_handler_user


def test_a_supervisor_cannot_assign_to_someone_outside_the_unit(
    supervisor_client, handler_user, outsider_user
):
    submission = _claimed_by(handler_user)
    supervisor_client.post(
        reverse("triage:assign", args=[submission.reference]), {"assignee": outsider_user.pk}
    )
    submission.refresh_from_db()
    assert submission.assigned_to == handler_user


def test_take_next_opens_the_claimed_submission(handler_client, handler_user):
    submission = SubmissionFactory()
    response = handler_client.post(reverse("triage:take_next"))
    assert response["Location"] == _detail(submission)
    submission.refresh_from_db()
    assert submission.assigned_to == handler_user


def test_take_next_with_nothing_waiting_says_so(handler_client):
    response = handler_client.post(reverse("triage:take_next"), follow=True)
    assert "There are no new submissions left to take" in response.content.decode()


def _awaiting_review(handler_user):
    submission = _claimed_by(handler_user)
    return services.outcome_record(
        submission=submission,
        user=handler_user,
        version=submission.version,
        data={
            "risk": Risk.HIGH,
            "priority": 1,
            "source_evaluation": "2",
            "intelligence_assessment": "C",
            "handling_code": "P",
            "outcome": Outcome.NO_ACTION,
            "no_action_rationale": "Already known to the MASH.",
        },
    )


def test_a_supervisor_sees_the_review_form_and_approves(supervisor_client, handler_user):
    submission = _awaiting_review(handler_user)
    assert b"Review the outcome" in supervisor_client.get(_detail(submission)).content
    supervisor_client.post(
        reverse("triage:review", args=[submission.reference]), {"decision": "approve"}
    )
    submission.refresh_from_db()
    assert submission.status == Status.CLOSED


def test_a_supervisor_returns_with_a_comment_the_handler_then_sees(
    supervisor_client, handler_client, handler_user
):
    submission = _awaiting_review(handler_user)
    supervisor_client.post(
        reverse("triage:review", args=[submission.reference]),
        {"decision": "return", "comment": "Refer to children's social care."},
    )
    submission.refresh_from_db()
    assert submission.status == Status.IN_PROGRESS
    assert (
        "Refer to children&#x27;s social care."
        in handler_client.get(_detail(submission)).content.decode()
    )


def test_returning_without_a_comment_shows_an_error(supervisor_client, handler_user):
    submission = _awaiting_review(handler_user)
    response = supervisor_client.post(
        reverse("triage:review", args=[submission.reference]), {"decision": "return"}
    )
    assert response.status_code == 400
    assert "Enter what the handler needs to change" in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == Status.AWAITING_REVIEW


# --- Bulk actions --------------------------------------------------------------------------------
def test_bulk_release_releases_only_what_the_handler_may(
    handler_client, handler_user, other_handler_user
):
    mine = _claimed_by(handler_user)
    theirs = _claimed_by(other_handler_user)
    response = handler_client.post(
        reverse("triage:bulk"),
        {"action": "release", "references": [mine.reference, theirs.reference]},
        follow=True,
    )
    body = response.content.decode()
    assert f"{theirs.reference}: Only the handler who claimed this submission" in body
    assert f"1 submission released: {mine.reference}." in body
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == Status.NEW
    assert theirs.assigned_to == other_handler_user


def test_bulk_release_of_own_submissions(handler_client, handler_user):
    first, second = _claimed_by(handler_user), _claimed_by(handler_user)
    response = handler_client.post(
        reverse("triage:bulk"),
        {"action": "release", "references": [first.reference, second.reference]},
        follow=True,
    )
    assert "2 submissions released" in response.content.decode()
    for submission in (first, second):
        submission.refresh_from_db()
        assert submission.status == Status.NEW


def test_bulk_assign_by_a_supervisor(supervisor_client, other_handler_user):
    first, second = SubmissionFactory(), SubmissionFactory()
    supervisor_client.post(
        reverse("triage:bulk"),
        {
            "action": "assign",
            "assignee": other_handler_user.pk,
            "references": [first.reference, second.reference],
        },
    )
    for submission in (first, second):
        submission.refresh_from_db()
        assert submission.assigned_to == other_handler_user


def test_bulk_assign_is_refused_to_a_handler(handler_client, other_handler_user):
    submission = SubmissionFactory()
    response = handler_client.post(
        reverse("triage:bulk"),
        {
            "action": "assign",
            "assignee": other_handler_user.pk,
            "references": [submission.reference],
        },
    )
    assert response.status_code == 403
    submission.refresh_from_db()
    assert submission.assigned_to is None


def test_bulk_action_with_nothing_selected_says_so(handler_client):
    response = handler_client.post(reverse("triage:bulk"), {"action": "release"}, follow=True)
    assert "Select at least one submission" in response.content.decode()
