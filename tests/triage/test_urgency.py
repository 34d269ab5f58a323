"""The handler's side of "possible urgency": first in the queue, marked, P1 suggested, decided."""

import json

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from submissions.models import Priority, Status, Urgency
from tests.factories import SubmissionFactory
from triage import services
from triage.queue_rows import held_rows, urgent_rows
from triage.selectors import queue_lists
from triage.state import TriageError

pytestmark = pytest.mark.django_db

QUEUE = reverse("triage:queue")
WORDS = "He said he is going to stab Kyle tonight with the knife in his bag."
KINDS = ["weapon", "threat_to_life", "imminent"]


def _flagged(**kwargs):
    return SubmissionFactory(
        information=WORDS, urgency=Urgency.FLAGGED, urgency_kinds=KINDS, **kwargs
    )


def _decide_url(submission) -> str:
    return reverse("triage:urgency_decide", args=[submission.reference])


def _detail_url(submission) -> str:
    return reverse("triage:detail", args=[submission.reference])


# --- Selector ------------------------------------------------------------------------------------
def test_possibly_urgent_lists_open_undecided_flags_oldest_first(handler_user):
    first = _flagged()
    second = _flagged(status=Status.IN_PROGRESS, assigned_to=handler_user)
    _flagged(status=Status.CLOSED, outcome="no_action")
    SubmissionFactory(
        urgency=Urgency.NOT_URGENT, urgency_kinds=KINDS, urgency_decided_at="2026-01-01T00:00Z"
    )
    SubmissionFactory()
    _, possibly_urgent = queue_lists(handler_user)
    assert [s.reference for s in possibly_urgent] == [first.reference, second.reference]


def test_the_queues_two_lists_are_one_query(
    handler_user, other_handler_user, django_assert_num_queries
):
    """Issue 17: "Your submissions" and "Possible urgency" in one UNION ALL, each in its own
    order, the urgent rows with their assignee's name, and both lists' rows built from what it
    read (the urgent list used to read each row's risk with a query of its own)."""
    for _ in range(3):
        _flagged(status=Status.IN_PROGRESS, assigned_to=other_handler_user)
    mine = [
        SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user, priority=priority)
        for priority in (Priority.P3, Priority.P1, Priority.P2)
    ]
    mine_flagged = _flagged(status=Status.IN_PROGRESS, assigned_to=handler_user, priority=4)
    with django_assert_num_queries(1):
        held, urgent = queue_lists(handler_user)
        assert [s.reference for s in held] == [
            mine[1].reference,
            mine[2].reference,
            mine[0].reference,
            mine_flagged.reference,
        ]
        assert [s.assignee_name for s in urgent] == [other_handler_user.username] * 3 + [
            handler_user.username
        ]
        assert urgent[0].urgency_kind_labels == [
            "Weapon",
            "Threat to life",
            "Happening now or soon",
        ]
        rows = held_rows(held) + urgent_rows(urgent)
    assert [row["risk_label"] for row in rows] == ["Not assessed"] * 8


# --- Queue ---------------------------------------------------------------------------------------
def test_the_queue_lists_flagged_submissions_first_marked_in_words(handler_client):
    older_p1 = SubmissionFactory(priority=Priority.P1)
    flagged = _flagged(priority=Priority.P3)
    html = handler_client.get(QUEUE).content.decode()
    # Above every other list on the page, whatever their priority.
    assert html.index(f'data-urgent="{flagged.reference}"') < html.index('id="held"')
    assert html.index(f'data-urgent="{flagged.reference}"') < html.index(older_p1.reference)
    assert "Possible urgency: decide these first" in html
    assert "Weapon, Threat to life, Happening now or soon" in html
    assert "Suggested priority P1" in html
    # Marked in the main list too, by a word and not by colour alone.
    row = html[html.index(f'data-reference="{flagged.reference}"') :]
    assert "Possible urgency</strong>" in row[: row.index("</tr>")]


def test_the_queue_shows_no_urgency_list_when_nothing_is_flagged(handler_client):
    SubmissionFactory()
    assert 'id="possibly-urgent"' not in handler_client.get(QUEUE).content.decode()


def test_the_queue_never_shows_the_words_that_raised_the_flag(handler_client):
    _flagged()
    html = handler_client.get(QUEUE).content.decode()
    assert "stab" not in html and "knife" not in html


def test_take_next_takes_a_flagged_submission_before_any_priority(handler_user):
    SubmissionFactory(priority=Priority.P1)
    flagged = _flagged(priority=Priority.P3)
    assert services.submission_take_next(user=handler_user).pk == flagged.pk


def test_take_next_treats_a_decided_flag_by_its_priority(handler_user):
    p1 = SubmissionFactory(priority=Priority.P1)
    SubmissionFactory(
        priority=Priority.P3,
        urgency=Urgency.NOT_URGENT,
        urgency_kinds=KINDS,
        urgency_decided_at="2026-01-01T00:00Z",
    )
    assert services.submission_take_next(user=handler_user).pk == p1.pk


# --- Service -------------------------------------------------------------------------------------
def test_confirming_records_who_and_when_makes_it_p1_and_audits_kinds_only(handler_user):
    submission = _flagged(priority=Priority.P3)
    version = submission.version
    saved = services.urgency_decide(
        submission=submission, user=handler_user, decision=Urgency.CONFIRMED
    )
    assert saved.urgency == Urgency.CONFIRMED
    assert saved.urgency_decided_by == handler_user
    assert saved.urgency_decided_at is not None
    assert saved.priority == Priority.P1
    assert saved.version == version + 1
    event = AuditEvent.objects.get(action=Action.URGENCY_DECIDED)
    assert event.actor_username == handler_user.username
    assert event.submission_reference == submission.reference
    assert event.details == {"decision": "confirmed", "kinds": KINDS, "priority": 1}


def test_not_urgent_keeps_the_priority(handler_user):
    submission = _flagged(priority=Priority.P3)
    saved = services.urgency_decide(
        submission=submission, user=handler_user, decision=Urgency.NOT_URGENT
    )
    assert (saved.urgency, saved.priority) == (Urgency.NOT_URGENT, Priority.P3)
    event = AuditEvent.objects.get(action=Action.URGENCY_DECIDED)
    assert event.details == {"decision": "not_urgent", "kinds": KINDS}


def test_any_handler_may_decide_even_on_a_submission_someone_else_holds(
    handler_user, other_handler_user
):
    submission = _flagged(status=Status.IN_PROGRESS, assigned_to=other_handler_user)
    saved = services.urgency_decide(
        submission=submission, user=handler_user, decision=Urgency.NOT_URGENT
    )
    assert saved.urgency == Urgency.NOT_URGENT
    assert saved.assigned_to == other_handler_user


def test_a_flag_is_decided_once(handler_user, other_handler_user):
    submission = _flagged()
    services.urgency_decide(submission=submission, user=handler_user, decision=Urgency.CONFIRMED)
    with pytest.raises(services.UrgencyNotOpen, match="already decided"):
        services.urgency_decide(
            submission=submission, user=other_handler_user, decision=Urgency.NOT_URGENT
        )
    assert AuditEvent.objects.filter(action=Action.URGENCY_DECIDED).count() == 1


def test_an_unflagged_submission_has_nothing_to_decide(handler_user):
    with pytest.raises(services.UrgencyNotOpen, match="not flagged"):
        services.urgency_decide(
            submission=SubmissionFactory(), user=handler_user, decision=Urgency.CONFIRMED
        )


def test_only_a_handler_may_decide(outsider_user):
    with pytest.raises(services.NotPermitted):
        services.urgency_decide(
            submission=_flagged(), user=outsider_user, decision=Urgency.CONFIRMED
        )


def test_a_decision_must_be_one_of_the_two(handler_user):
    submission = _flagged()
    with pytest.raises(TriageError):
        services.urgency_decide(submission=submission, user=handler_user, decision="flagged")
    submission.refresh_from_db()
    assert submission.urgency == Urgency.FLAGGED


# --- Views ---------------------------------------------------------------------------------------
def test_the_detail_page_shows_the_flag_its_kinds_and_suggests_p1(handler_client):
    submission = _flagged(priority=Priority.P3)
    html = handler_client.get(_detail_url(submission)).content.decode()
    assert 'id="urgency"' in html
    assert "Weapon, Threat to life, Happening now or soon" in html
    assert "Suggested priority: <strong>P1</strong>" in html
    assert "Urgent: I have passed it to the control room" in html


def test_the_assessment_form_suggests_p1_for_a_flagged_submission(handler_client, handler_user):
    submission = services.submission_claim(submission=_flagged(), user=handler_user)
    response = handler_client.get(reverse("triage:assess", args=[submission.reference]))
    assert response.context["form"].initial["priority"] == Priority.P1


def test_a_handler_records_the_decision_through_the_page(handler_client, handler_user):
    submission = _flagged()
    response = handler_client.post(_decide_url(submission), {"decision": "not_urgent"})
    assert response.status_code == 302
    assert response["Location"] == _detail_url(submission)
    submission.refresh_from_db()
    assert submission.urgency == Urgency.NOT_URGENT
    html = handler_client.get(_detail_url(submission)).content.decode()
    assert "Decision recorded: not urgent." in html
    assert 'id="urgency"' not in html  # the banner and its form are gone
    assert f"Not urgent, by {handler_user.username}" in html


def test_no_decision_is_an_error_on_the_page_and_saves_nothing(handler_client):
    submission = _flagged()
    response = handler_client.post(_decide_url(submission), {})
    assert response.status_code == 400
    assert response.context["urgency_form"].errors.as_data()["decision"][0].code == "required"
    submission.refresh_from_db()
    assert submission.urgency == Urgency.FLAGGED


def test_a_second_decision_is_refused_with_a_message(handler_client, handler_user):
    submission = _flagged()
    services.urgency_decide(submission=submission, user=handler_user, decision=Urgency.CONFIRMED)
    response = handler_client.post(_decide_url(submission), {"decision": "not_urgent"}, follow=True)
    assert "already decided" in response.content.decode()
    submission.refresh_from_db()
    assert submission.urgency == Urgency.CONFIRMED


def test_deciding_is_post_only_and_staff_only(handler_client, outsider_client, client):
    submission = _flagged()
    assert handler_client.get(_decide_url(submission)).status_code == 405
    assert (
        outsider_client.post(_decide_url(submission), {"decision": "confirmed"}).status_code == 403
    )
    anonymous = client.post(_decide_url(submission), {"decision": "confirmed"})
    assert anonymous.status_code == 302 and "sign-in" in anonymous["Location"]
    submission.refresh_from_db()
    assert submission.urgency == Urgency.FLAGGED


def test_the_audit_trail_holds_the_flag_and_decision_but_never_the_words(
    handler_client, supervisor_client
):
    submission = _flagged()
    handler_client.post(_decide_url(submission), {"decision": "confirmed"})
    trail = json.dumps(list(AuditEvent.objects.values("action", "details")), default=str)
    for word in ("stab", "Kyle", "knife", "tonight"):
        assert word not in trail
    page = supervisor_client.get(reverse("supervision:submission", args=[submission.reference]))
    html = page.content.decode()
    assert "Possible urgency decided" in html and "Possible urgency flagged" not in html
    assert "Confirmed urgent, passed to the control room" in html
    assert "Threat to life" in html  # the kinds by name
