"""Take next, claim, release and assign: who may, what changes, what is audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audit.integrity import audit_chain_verify
from audit.models import Action, AuditEvent
from audit.services import audit_chain_seal
from submissions.models import Status, Submission
from tests.factories import SubmissionFactory
from triage import services
from triage.state import InvalidTransition, TriageError

pytestmark = pytest.mark.django_db


def _aged(submission, **delta):
    Submission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - timedelta(**delta)
    )
    return submission


TRIAGE_ACTIONS = [
    Action.SUBMISSION_CLAIMED,
    Action.SUBMISSION_RELEASED,
    Action.SUBMISSION_ASSIGNED,
    Action.STATUS_CHANGED,
]


def _actions(submission) -> list[str]:
    """The triage events for this submission (the change log records row changes beside them)."""
    return list(
        AuditEvent.objects.filter(
            submission_reference=submission.reference, action__in=TRIAGE_ACTIONS
        )
        .order_by("id")
        .values_list("action", flat=True)
    )


def test_take_next_gives_the_highest_priority_then_oldest_new_submission(handler_user):
    _aged(SubmissionFactory(priority=3), days=9)
    _aged(SubmissionFactory(priority=1), hours=1)
    wanted = _aged(SubmissionFactory(priority=1), days=1)
    taken = services.submission_take_next(user=handler_user)
    assert taken.pk == wanted.pk
    assert taken.status == Status.IN_PROGRESS
    assert taken.assigned_to == handler_user
    assert taken.claimed_at is not None
    assert taken.version == 2
    assert _actions(taken) == [Action.SUBMISSION_CLAIMED, Action.STATUS_CHANGED]


def test_take_next_skips_claimed_and_closed_submissions(handler_user, other_handler_user):
    _aged(
        SubmissionFactory(priority=1, status=Status.IN_PROGRESS, assigned_to=other_handler_user),
        days=3,
    )
    _aged(SubmissionFactory(priority=1, status=Status.CLOSED, outcome="no_action"), days=3)
    wanted = SubmissionFactory(priority=4)
    assert services.submission_take_next(user=handler_user).pk == wanted.pk


def test_take_next_returns_none_when_nothing_is_waiting(handler_user):
    assert services.submission_take_next(user=handler_user) is None


def test_take_next_twice_gives_two_different_submissions(handler_user, other_handler_user):
    SubmissionFactory()
    SubmissionFactory()
    first = services.submission_take_next(user=handler_user)
    second = services.submission_take_next(user=other_handler_user)
    assert first.pk != second.pk
    assert services.submission_take_next(user=handler_user) is None


def test_someone_outside_the_staff_groups_cannot_take_next(outsider_user):
    SubmissionFactory()
    with pytest.raises(services.NotPermitted):
        services.submission_take_next(user=outsider_user)


def test_a_handler_claims_a_new_submission(handler_user):
    submission = SubmissionFactory()
    services.submission_claim(submission=submission, user=handler_user)
    submission.refresh_from_db()
    assert (submission.status, submission.assigned_to) == (Status.IN_PROGRESS, handler_user)


def test_a_handler_cannot_claim_a_submission_someone_else_holds(handler_user, other_handler_user):
    submission = SubmissionFactory()
    services.submission_claim(submission=submission, user=other_handler_user)
    with pytest.raises(TriageError, match="Another handler has already claimed"):
        services.submission_claim(submission=submission, user=handler_user)
    submission.refresh_from_db()
    assert submission.assigned_to == other_handler_user


def test_a_closed_submission_cannot_be_claimed(handler_user):
    submission = SubmissionFactory(status=Status.CLOSED, outcome="no_action")
    with pytest.raises(InvalidTransition):
        services.submission_claim(submission=submission, user=handler_user)


def test_releasing_puts_the_submission_back_in_the_queue_unassigned(handler_user):
    submission = SubmissionFactory()
    services.submission_claim(submission=submission, user=handler_user)
    services.submission_release(submission=submission, user=handler_user)
    submission.refresh_from_db()
    assert submission.status == Status.NEW
    assert submission.assigned_to is None
    assert submission.claimed_at is None
    assert _actions(submission)[-2:] == [Action.SUBMISSION_RELEASED, Action.STATUS_CHANGED]


def test_a_handler_cannot_release_someone_elses_submission(handler_user, other_handler_user):
    submission = SubmissionFactory()
    services.submission_claim(submission=submission, user=other_handler_user)
    with pytest.raises(services.NotPermitted):
        services.submission_release(submission=submission, user=handler_user)


def test_a_supervisor_can_release_anyones_submission(handler_user, supervisor_user):
    submission = SubmissionFactory()
    services.submission_claim(submission=submission, user=handler_user)
    services.submission_release(submission=submission, user=supervisor_user)
    submission.refresh_from_db()
    assert submission.status == Status.NEW


def test_a_new_submission_cannot_be_released(handler_user):
    with pytest.raises(InvalidTransition, match="claim it first"):
        services.submission_release(submission=SubmissionFactory(), user=handler_user)


def test_a_supervisor_assigns_and_reassigns(supervisor_user, handler_user, other_handler_user):
    submission = SubmissionFactory()
    services.submission_assign(submission=submission, assignee=handler_user, by=supervisor_user)
    submission.refresh_from_db()
    assert (submission.status, submission.assigned_to) == (Status.IN_PROGRESS, handler_user)
    services.submission_assign(
        submission=submission, assignee=other_handler_user, by=supervisor_user
    )
    submission.refresh_from_db()
    assert submission.assigned_to == other_handler_user
    assigned = AuditEvent.objects.filter(
        submission_reference=submission.reference, action=Action.SUBMISSION_ASSIGNED
    ).order_by("id")
    assert [e.details["assignee_id"] for e in assigned] == [handler_user.pk, other_handler_user.pk]


def test_a_handler_cannot_assign(handler_user, other_handler_user):
    with pytest.raises(services.NotPermitted):
        services.submission_assign(
            submission=SubmissionFactory(), assignee=other_handler_user, by=handler_user
        )


def test_a_submission_cannot_be_assigned_to_someone_outside_the_unit(
    supervisor_user, outsider_user
):
    with pytest.raises(TriageError, match="intelligence handler"):
        services.submission_assign(
            submission=SubmissionFactory(), assignee=outsider_user, by=supervisor_user
        )


def test_a_closed_submission_cannot_be_assigned(supervisor_user, handler_user):
    submission = SubmissionFactory(status=Status.CLOSED, outcome="no_action")
    with pytest.raises(InvalidTransition):
        services.submission_assign(submission=submission, assignee=handler_user, by=supervisor_user)


@pytest.mark.postgres
def test_take_next_claims_in_one_statement_and_its_seal_costs_three(
    handler_user, django_assert_num_queries
):
    """Issue 17: a claim is the queue's most frequent write. Find-and-claim is one UPDATE, both
    audit entries one INSERT, and the seal after commit: lock the head, read what waits, write
    the seals and the head in one statement."""
    SubmissionFactory()
    handler_user.has_perm("submissions.work_queue")  # the permission cache a signed-in user has
    # The savepoint and its release (the test's own transaction), the UPDATE, the INSERT.
    with django_assert_num_queries(4):
        taken = services.submission_take_next(user=handler_user)
    assert taken.status == Status.IN_PROGRESS and taken.assigned_to_id == handler_user.pk
    assert _actions(taken) == [Action.SUBMISSION_CLAIMED, Action.STATUS_CHANGED]
    # What runs as the claim commits (the test never commits): its savepoint and release, then
    # the head, the waiting entries, the seals and the head in one.
    with django_assert_num_queries(5):
        assert audit_chain_seal() >= 2
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_take_next_seals_its_entries_before_it_commits_in_one_transaction(
    handler_user, django_assert_num_queries
):
    """Issue 17, round 7: the seal after a claim was a transaction of its own (a second commit
    and its WAL flush: 9 statements). Now the claim's last statements, when the chain is free:
    BEGIN, the UPDATE, the INSERT, the head, the waiting entries, the seals and the head in one,
    COMMIT."""
    SubmissionFactory()
    audit_chain_seal()
    handler_user.has_perm("submissions.work_queue")
    with django_assert_num_queries(7) as captured:
        taken = services.submission_take_next(user=handler_user)
    statements = [query["sql"] for query in captured.captured_queries]
    assert statements.count("BEGIN") == statements.count("COMMIT") == 1
    assert _actions(taken) == [Action.SUBMISSION_CLAIMED, Action.STATUS_CHANGED]
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_verify().ok
