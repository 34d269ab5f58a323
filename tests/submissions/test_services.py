"""submission_create and the notification outbox."""

import uuid
from unittest import mock

import pytest
from django.db import OperationalError

from audit.models import Action, AuditEvent
from submissions import services
from submissions.models import (
    NotificationOutbox,
    PersonOfConcern,
    Place,
    Priority,
    Source,
    Subject,
    Submission,
    Vehicle,
)
from submissions.references import REFERENCE_PATTERN
from tests.submissions.journey import session_answers

pytestmark = pytest.mark.django_db


def test_submission_create_saves_everything_in_one_go(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submission = services.submission_create(
            answers=session_answers(), submission_token=uuid.uuid4()
        )
    submission.refresh_from_db()
    assert list(submission.category_links.values_list("category", flat=True)) == [
        "criminal_exploitation"
    ]
    assert Subject.objects.get(submission=submission).date_of_birth.isoformat() == "2011-02-14"
    assert PersonOfConcern.objects.get(submission=submission).phone_numbers == "+447700900456"
    assert Place.objects.get(submission=submission).name == "Underpass"
    assert Vehicle.objects.get(submission=submission).registration == "AB12CDE"
    assert submission.occurred_time.strftime("%H:%M") == "21:30"
    assert submission.provenance == "told_by_subject"
    source = Source.objects.get(submission=submission)
    assert (source.name, source.phone) == ("Bethany Quennell", "+441174960123")
    assert NotificationOutbox.objects.get(submission=submission).sent_at is None


def test_the_reference_is_random_and_readable():
    import re

    submission = services.submission_create(
        answers=session_answers(), submission_token=uuid.uuid4()
    )
    assert re.fullmatch(REFERENCE_PATTERN, submission.reference)


def test_collection_is_audited_with_no_actor_and_no_address():
    submission = services.submission_create(
        answers=session_answers(), submission_token=uuid.uuid4()
    )
    event = AuditEvent.objects.get(action=Action.SUBMISSION_CREATED)
    assert event.submission_reference == submission.reference
    assert event.actor_id is None and event.actor_username == ""
    assert event.ip_address is None
    assert "Quennell" not in event.canonical_content()
    assert "Picked up" not in event.canonical_content()


def test_the_same_token_twice_makes_one_submission():
    token = uuid.uuid4()
    first = services.submission_create(answers=session_answers(), submission_token=token)
    second = services.submission_create(answers=session_answers(), submission_token=str(token))
    assert first.pk == second.pk
    assert Submission.objects.count() == 1


def test_a_lost_race_on_the_token_returns_the_winner():
    token = uuid.uuid4()
    winner = services.submission_create(answers=session_answers(), submission_token=token)
    # The second request checked before the first committed, then hits the unique constraint.
    real_filter = Submission.objects.filter
    calls = iter([Submission.objects.none()])

    def filter_once_empty(*args, **kwargs):
        try:
            return next(calls)
        except StopIteration:
            return real_filter(*args, **kwargs)

    with mock.patch.object(Submission.objects, "filter", side_effect=filter_once_empty):
        loser = services.submission_create(answers=session_answers(), submission_token=token)
    assert loser.pk == winner.pk
    assert Submission.objects.count() == 1


@pytest.mark.parametrize(
    ("categories", "priority"),
    [
        (["child_sexual_exploitation"], Priority.P2),
        (["modern_slavery", "community_cohesion"], Priority.P2),
        (["missing_exploited_trafficked"], Priority.P2),
        (["criminal_exploitation"], Priority.P2),
        (["anti_social_behaviour"], Priority.P3),
        (["drug_related_harm", "organised_crime"], Priority.P3),
    ],
)
def test_intake_sets_a_provisional_priority_from_the_categories(categories, priority):
    answers = session_answers()
    answers["categories"]["categories"] = categories
    submission = services.submission_create(answers=answers, submission_token=uuid.uuid4())
    assert submission.priority == priority


def test_a_database_failure_part_way_leaves_no_partial_rows():
    with (
        mock.patch.object(
            NotificationOutbox.objects, "create", side_effect=OperationalError("gone")
        ),
        pytest.raises(OperationalError),
    ):
        services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    assert Submission.objects.count() == 0
    assert Subject.objects.count() == 0
    assert Source.objects.count() == 0


def test_after_commit_the_intelligence_unit_gets_the_reference_only(
    django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.INTELLIGENCE_UNIT_MAILBOX = "iu@police.example"
    with django_capture_on_commit_callbacks(execute=True):
        submission = services.submission_create(
            answers=session_answers(), submission_token=uuid.uuid4()
        )
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["iu@police.example"]
    assert submission.reference in email.subject
    body = email.subject + email.body
    for content in ("Jade", "Quennell", "Larkfield", "Picked up", "AB12CDE", "Underpass"):
        assert content not in body
    assert NotificationOutbox.objects.get().sent_at is not None


def test_nothing_is_sent_before_commit(django_capture_on_commit_callbacks, mailoutbox):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    assert mailoutbox == []
    # The notification, queued for after commit (beside it, the audit trail's seal, the
    # linked-submissions index and the queue counters' move on).
    assert sorted(c.__module__ for c in callbacks) == [
        "audit.services",
        "links.signals",
        "submissions.services",
        "triage.queue_counters",
    ]


def test_delivering_twice_sends_once(mailoutbox):
    services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    outbox = NotificationOutbox.objects.get()
    assert services.notification_deliver(outbox_id=outbox.pk) is True
    assert services.notification_deliver(outbox_id=outbox.pk) is False
    assert len(mailoutbox) == 1
    outbox.refresh_from_db()
    assert outbox.attempts == 1


def test_a_failed_send_is_counted_and_left_pending(mailoutbox):
    services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    outbox = NotificationOutbox.objects.get()
    with (
        mock.patch("submissions.services.send_mail", side_effect=ConnectionRefusedError),
        pytest.raises(ConnectionRefusedError),
    ):
        services.notification_deliver(outbox_id=outbox.pk)
    outbox.refresh_from_db()
    assert (outbox.sent_at, outbox.attempts, outbox.last_error) == (
        None,
        1,
        "ConnectionRefusedError",
    )


def test_outbox_drain_sends_what_is_pending(mailoutbox):
    for _ in range(2):
        services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    assert services.outbox_drain() == (2, 0)
    assert services.outbox_drain() == (0, 0)
    assert len(mailoutbox) == 2
    assert not NotificationOutbox.objects.filter(sent_at__isnull=True).exists()


def test_the_notification_task_is_idempotent(mailoutbox):
    from submissions.tasks import notification_send

    services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    outbox_id = str(NotificationOutbox.objects.get().pk)
    assert notification_send.delay(outbox_id).get() is True
    assert notification_send.delay(outbox_id).get() is False
    assert len(mailoutbox) == 1


def test_a_failing_send_in_process_does_not_retry_inside_the_request(
    django_capture_on_commit_callbacks, mailoutbox
):
    with (
        mock.patch("submissions.services.send_mail", side_effect=TimeoutError) as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    assert send.call_count == 1
    outbox = NotificationOutbox.objects.get()
    assert (outbox.sent_at, outbox.attempts) == (None, 1)
    assert services.outbox_drain() == (1, 0)


def test_a_failing_send_on_a_worker_retries_with_backoff():
    from submissions.tasks import notification_send, retry_countdown

    services.submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    outbox_id = str(NotificationOutbox.objects.get().pk)
    with (
        mock.patch("submissions.services.send_mail", side_effect=TimeoutError),
        mock.patch.object(notification_send, "retry", side_effect=RuntimeError("retry")) as retry,
        pytest.raises(RuntimeError),
    ):
        notification_send(outbox_id)  # called as a worker would: not eager
    assert retry.call_args.kwargs["countdown"] == retry_countdown(0) == 30
    assert [retry_countdown(n) for n in (1, 2, 10)] == [60, 120, 1800]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_submission_and_every_entry_it_audits_are_sealed_in_its_one_transaction():
    """Issue 17, round 7: the collection entry is the transaction's last write, so the entries
    (the change log's twins too) are sealed before the commit, not by a transaction of their own
    after it (what follows the commit here is the eager in-process tasks: links, notification)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from audit.integrity import audit_chain_verify
    from audit.services import audit_chain_seal

    audit_chain_seal()
    with CaptureQueriesContext(connection) as captured:
        submission = services.submission_create(
            answers=session_answers(), submission_token=uuid.uuid4()
        )
    statements = [query["sql"] for query in captured.captured_queries]
    commit = statements.index("COMMIT")
    head_tries = [n for n, sql in enumerate(statements) if "audit_auditchainhead" in sql]
    assert head_tries and all(n < commit for n in head_tries)  # both (try, write) before it
    created = AuditEvent.objects.get(
        submission_reference=submission.reference, action=Action.SUBMISSION_CREATED
    )
    assert created.hash == created.compute_hash()
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_verify().ok
