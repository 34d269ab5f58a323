"""Target clocks, at a frozen time: due times, the queue's RAG state, and the notices."""

from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from submissions.models import NotificationOutbox, Outcome, Status, Submission
from submissions.services import outbox_drain
from tests.factories import SubmissionFactory
from triage import services
from triage.clocks import Rag, rag_state
from triage.models import ClockNotice
from triage.services.clocks import clock_notices_send

pytestmark = pytest.mark.django_db

QUEUE = reverse("triage:queue")
# A winter morning and a summer one: the UK is on GMT, then on BST (UTC+1).
WINTER = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)
SUMMER = datetime(2026, 7, 13, 9, 0, tzinfo=UTC)
TARGETS = {1: 4, 2: 24, 3: 72, 4: 168}


@pytest.fixture(autouse=True)
def _targets(settings):
    settings.TARGET_HOURS = TARGETS
    settings.TARGET_DUE_SOON_PERCENT = 25


@pytest.fixture
def frozen():
    """Freeze the clock every module reads (timezone.now) at WINTER; move it with .at(...)."""

    class Clock:
        moment = WINTER

        def at(self, moment: datetime) -> None:
            self.moment = moment

    clock = Clock()
    with mock.patch("django.utils.timezone.now", side_effect=lambda: clock.moment):
        yield clock


def _received(priority: int, **fields) -> Submission:
    return SubmissionFactory(priority=priority, **fields)


def test_a_submission_is_due_its_priority_target_after_it_arrives(frozen):
    assert _received(1).due_at == WINTER + timedelta(hours=4)
    assert _received(3).due_at == WINTER + timedelta(hours=72)


def test_changing_the_priority_moves_the_due_time_from_arrival(frozen, handler_user):
    submission = _received(3)
    frozen.at(WINTER + timedelta(hours=2))
    claimed = services.submission_claim(submission=submission, user=handler_user)
    saved = services.assessment_save(
        submission=claimed, user=handler_user, version=claimed.version, data={"priority": 1}
    )
    # Counted from arrival, not from the change: a P1 that arrived two hours ago has two left.
    assert saved.due_at == WINTER + timedelta(hours=4)


def test_the_state_is_on_track_then_due_soon_then_overdue(frozen):
    submission = _received(1)  # due 13:00 UTC; due soon in its last hour
    assert rag_state(submission, WINTER + timedelta(hours=2, minutes=59)) == Rag.ON_TRACK
    assert rag_state(submission, WINTER + timedelta(hours=3)) == Rag.DUE_SOON
    assert rag_state(submission, WINTER + timedelta(hours=4)) == Rag.OVERDUE


def test_a_closed_submission_has_no_state(frozen):
    closed = _received(1, status=Status.CLOSED, outcome=Outcome.NO_ACTION)
    assert rag_state(closed, WINTER + timedelta(days=9)) is None


def _signed_in(request):
    """The handler's client, signed in at the frozen time (an idle session would time out)."""
    return request.getfixturevalue("handler_client")


def test_the_queue_shows_the_state_in_words_and_colour_and_the_due_time_in_uk_time(frozen, request):
    frozen.at(SUMMER)
    overdue = _received(1)
    frozen.at(SUMMER + timedelta(hours=5))
    on_track = _received(4)
    handler_client = _signed_in(request)
    body = handler_client.get(QUEUE).content.decode()
    assert 'class="govuk-tag govuk-tag--red" data-rag="overdue">Overdue</strong>' in body
    assert 'class="govuk-tag govuk-tag--green" data-rag="on_track">On track</strong>' in body
    # 13:00 UTC in July is 14:00 in the UK.
    assert 'Due <time datetime="2026-07-13T13:00:00+00:00">13 Jul 2026 14:00</time>' in body
    assert overdue.reference in body and on_track.reference in body


def test_the_queue_filters_by_target_state(frozen, request):
    overdue = _received(1)
    due_soon = _received(2)
    on_track = _received(3)
    frozen.at(WINTER + timedelta(hours=19))  # P1 overdue, P2 due in 5 h of 24, P3 on track
    handler_client = _signed_in(request)
    for state, expected in (
        (Rag.OVERDUE, overdue),
        (Rag.DUE_SOON, due_soon),
        (Rag.ON_TRACK, on_track),
    ):
        response = handler_client.get(QUEUE, {"due": state})
        rows = [r for r in response.context["page"].rows]
        assert [r.reference for r in rows] == [expected.reference]


def test_the_default_order_puts_overdue_first_within_a_priority(frozen, request):
    later = _received(2)
    frozen.at(WINTER + timedelta(hours=1))
    # Received after `later`, but its target was shorter then (settings changed): due sooner.
    sooner = _received(2)
    Submission.objects.filter(pk=sooner.pk).update(due_at=WINTER + timedelta(hours=2))
    urgent = _received(1)
    frozen.at(WINTER + timedelta(hours=3))
    handler_client = _signed_in(request)
    response = handler_client.get(QUEUE)
    assert [r.reference for r in response.context["page"].rows] == [
        urgent.reference,
        sooner.reference,  # overdue
        later.reference,  # on track
    ]
    by_due = handler_client.get(QUEUE, {"sort": "due"}).context["page"].rows
    assert [r.reference for r in by_due] == [sooner.reference, urgent.reference, later.reference]


def test_notices_go_once_per_crossing_with_references_only(frozen, settings):
    settings.SUPERVISORS_MAILBOX = "supervisors@police.example"
    submission = _received(1, information="Ellie Parks goes missing at weekends.")
    assert clock_notices_send() == 0  # on track

    frozen.at(WINTER + timedelta(hours=3, minutes=10))
    assert clock_notices_send() == 1
    assert clock_notices_send() == 0  # the same crossing is told once

    frozen.at(WINTER + timedelta(hours=4, minutes=1))
    assert clock_notices_send() == 1
    assert clock_notices_send() == 0

    kinds = list(
        NotificationOutbox.objects.filter(submission=submission)
        .order_by("created_at")
        .values_list("kind", flat=True)
    )
    assert kinds == [NotificationOutbox.Kind.DUE_SOON, NotificationOutbox.Kind.OVERDUE]
    mail.outbox.clear()
    assert outbox_drain() == (2, 0)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        f"CPI submission {submission.reference} is due soon",
        f"CPI submission {submission.reference} is overdue",
    ]
    for message in mail.outbox:
        assert message.to == ["supervisors@police.example"]
        assert "Ellie" not in message.body and "Ellie" not in message.subject


def test_an_item_that_passed_due_soon_between_runs_is_told_only_as_overdue(frozen):
    submission = _received(1)
    frozen.at(WINTER + timedelta(hours=5))
    assert clock_notices_send() == 1
    assert list(ClockNotice.objects.values_list("crossing", flat=True)) == ["overdue"]
    assert NotificationOutbox.objects.filter(submission=submission).count() == 1


def test_a_new_due_time_may_cross_again_and_closed_items_are_never_told(frozen, handler_user):
    submission = _received(3)
    _received(1, status=Status.CLOSED, outcome=Outcome.NO_ACTION)
    frozen.at(WINTER + timedelta(hours=60))
    assert clock_notices_send() == 1  # the P3 is due soon; the closed P1 is not told
    Submission.objects.filter(pk=submission.pk).update(due_at=WINTER + timedelta(hours=65))
    assert clock_notices_send() == 1  # a new due time (a priority change) is a new clock
    assert clock_notices_send() == 0
    frozen.at(WINTER + timedelta(hours=66))
    assert clock_notices_send() == 1  # then overdue, once
    assert clock_notices_send() == 0


def test_a_broker_outage_delays_a_notice_and_never_loses_it(
    frozen, django_capture_on_commit_callbacks
):
    submission = _received(1)
    frozen.at(WINTER + timedelta(hours=5))
    mail.outbox.clear()
    with (
        mock.patch("submissions.tasks.notification_send.delay", side_effect=ConnectionError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert clock_notices_send() == 1
    assert mail.outbox == []  # Redis was down: nothing sent yet, the row waits
    assert NotificationOutbox.objects.get(submission=submission).sent_at is None
    assert outbox_drain() == (1, 0)
    assert [m.subject for m in mail.outbox] == [f"CPI submission {submission.reference} is overdue"]


def test_pages_of_the_queue_follow_the_due_order(frozen, request):
    made = [_received(priority) for priority in (4, 1, 3, 2)]
    handler_client = _signed_in(request)
    seen, params = [], {"sort": "due", "size": 1}
    for _ in range(len(made)):
        page = handler_client.get(QUEUE, params).context["page"]
        seen.extend(row.reference for row in page.rows)
        if not page.next_cursor:
            break
        params = {"sort": "due", "size": 1, "after": page.next_cursor}
    by_due = sorted(made, key=lambda s: s.due_at)
    assert seen == [s.reference for s in by_due]
