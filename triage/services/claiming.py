"""Claiming work: take-next, claim, release and assign."""

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from accounts.access import is_handler, is_supervisor
from audit.models import Action
from audit.services import audit_event_record, audit_events_record
from submissions.models import Status, Submission, Urgency
from triage.services._common import (
    TAKE_NEXT_ATTEMPTS,
    NotPermitted,
    _locked,
    _refresh,
    _status_change_entry,
    _status_changed,
    _write,
)
from triage.services.permissions import can_release
from triage.state import TriageError, transition_check


def submission_take_next(*, user) -> Submission | None:
    """Give the handler the highest-priority, oldest unclaimed new submission, or None; one
    flagged "possible urgency" and not yet decided comes first.

    FOR UPDATE SKIP LOCKED: a row another handler is taking right now is skipped, not waited
    for, so handlers pressing "Take next" together each get a different submission at once.
    """
    if not is_handler(user):
        raise NotPermitted("You do not have permission to work the queue.")
    if connection.vendor == "postgresql":
        return _take_next_postgres(user)
    for _ in range(TAKE_NEXT_ATTEMPTS):
        with transaction.atomic():
            candidate = _possibly_urgent_first() or (
                Submission.objects.select_for_update(skip_locked=True)
                .filter(status=Status.NEW, assigned_to__isnull=True)
                .order_by("priority", "created_at")
                .only("pk", "reference", "version", "status")
                .first()
            )
            if candidate is None:
                return None
            now = timezone.now()
            claimed = Submission.objects.filter(
                pk=candidate.pk, status=Status.NEW, assigned_to__isnull=True
            ).update(
                status=Status.IN_PROGRESS,
                assigned_to=user,
                claimed_at=now,
                version=F("version") + 1,
                updated_at=now,
            )
            if claimed != 1:
                continue
            # Last before commit: the audit chain's lock is held only from here to the commit.
            _claim_audit(candidate, user=user, how="take_next")
        return Submission.objects.get(pk=candidate.pk)
    return None


# Find and claim in one statement (issue 17: take-next was three round trips and three ORM
# compilations, then a fourth to reload the row). Each sub-select is the same query as the
# portable path's, answered from its own partial index (sub_urgency_open_idx, sub_take_next_idx);
# COALESCE runs the second only when no flagged submission is free. The row a sub-select locks is
# ours until commit, so the UPDATE's re-check of status and assignee cannot fail on it; it stays
# as the compare-and-set the portable path relies on.
_TAKE_NEXT_SQL = """
UPDATE submissions_submission
   SET status = %(in_progress)s, assigned_to_id = %(user)s, claimed_at = %(now)s,
       version = version + 1, updated_at = %(now)s
 WHERE id = COALESCE(
         (SELECT id FROM submissions_submission
           WHERE urgency = %(flagged)s AND status = %(new)s AND assigned_to_id IS NULL
           ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED),
         (SELECT id FROM submissions_submission
           WHERE status = %(new)s AND assigned_to_id IS NULL
           ORDER BY priority, created_at LIMIT 1 FOR UPDATE SKIP LOCKED))
   AND status = %(new)s AND assigned_to_id IS NULL
RETURNING {returning}
"""
# What the claimed row's instance holds: what a caller reads next (the detail page's address, the
# queue's row), in the model's field order, which Model.from_db needs for a partial row.
_TAKE_NEXT_FIELDS = tuple(
    field.attname
    for field in Submission._meta.concrete_fields
    if field.attname
    in {"id", "reference", "version", "status", "assigned_to_id", "claimed_at", "priority",
        "urgency", "created_at", "updated_at", "due_at"}
)  # fmt: skip
_TAKE_NEXT_SQL = _TAKE_NEXT_SQL.format(returning=", ".join(_TAKE_NEXT_FIELDS))


def _take_next_postgres(user) -> Submission | None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                _TAKE_NEXT_SQL,
                {
                    "in_progress": Status.IN_PROGRESS.value,
                    "new": Status.NEW.value,
                    "flagged": Urgency.FLAGGED.value,
                    "user": user.pk,
                    "now": timezone.now(),
                },
            )
            row = cursor.fetchone()
        if row is None:
            return None
        # The claimed row as the statement left it; the fields not returned load if read.
        submission = Submission.from_db(connection.alias, _TAKE_NEXT_FIELDS, row)
        # Last before commit, and sealed in this transaction when the chain is free.
        _claim_audit(submission, user=user, how="take_next", last_write=True)
    return submission


def _possibly_urgent_first() -> Submission | None:
    """A new submission flagged "possible urgency" and not yet decided comes before any priority
    order (issue 14): its own small partial index (sub_urgency_open_idx), oldest first."""
    return (
        Submission.objects.select_for_update(skip_locked=True)
        .filter(urgency=Urgency.FLAGGED, status=Status.NEW, assigned_to__isnull=True)
        .order_by("created_at")
        .only("pk", "reference", "version", "status")
        .first()
    )


def _claim_audit(submission, *, user, how: str, last_write: bool = False) -> None:
    # Both entries in one INSERT: a claim is the queue's most frequent write (issue 17).
    audit_events_record(
        {
            "action": Action.SUBMISSION_CLAIMED,
            "actor": user,
            "submission": submission,
            "object_type": "submission",
            "object_id": submission.pk,
            "details": {"how": how},
        },
        _status_change_entry(
            submission, actor=user, before=Status.NEW, after=Status.IN_PROGRESS, action="claim"
        ),
        last_write=last_write,
    )


@transaction.atomic
def submission_claim(*, submission: Submission, user) -> Submission:
    """Claim one particular new, unassigned submission."""
    if not is_handler(user):
        raise NotPermitted("You do not have permission to work the queue.")
    current = _locked(submission)
    if current.status == Status.IN_PROGRESS and current.assigned_to_id is not None:
        if current.assigned_to_id == user.pk:
            raise TriageError("You have already claimed this submission.")
        raise TriageError("Another handler has already claimed this submission.")
    transition_check(current.status, Status.IN_PROGRESS)
    _write(current, status=Status.IN_PROGRESS, assigned_to=user, claimed_at=timezone.now())
    _claim_audit(current, user=user, how="claim")
    return _refresh(submission)


@transaction.atomic
def submission_release(*, submission: Submission, user) -> Submission:
    """Put an in-progress submission back in the queue, unassigned. The assessment draft stays."""
    current = _locked(submission)
    transition_check(current.status, Status.NEW)
    if not can_release(user, current):
        raise NotPermitted(
            "Only the handler who claimed this submission or a supervisor can release it."
        )
    previous = current.assigned_to_id
    _write(current, status=Status.NEW, assigned_to=None, claimed_at=None)
    audit_event_record(
        action=Action.SUBMISSION_RELEASED,
        actor=user,
        submission=current,
        object_type="submission",
        object_id=current.pk,
        details={"previous_assignee_id": previous},
    )
    _status_changed(
        current,
        actor=user,
        before=Status.IN_PROGRESS,
        after=Status.NEW,
        action="release",
    )
    return _refresh(submission)


@transaction.atomic
def submission_assign(*, submission: Submission, assignee, by) -> Submission:
    """A supervisor gives a new or in-progress submission to a handler (or reassigns it)."""
    if not is_supervisor(by):
        raise NotPermitted("Only a supervisor can assign submissions.")
    if not is_handler(assignee) or not assignee.is_active:
        raise TriageError("You can only assign a submission to an intelligence handler.")
    current = _locked(submission)
    if current.assigned_to_id == assignee.pk and current.status == Status.IN_PROGRESS:
        raise TriageError(f"This submission is already assigned to {assignee.get_username()}.")
    transition_check(current.status, Status.IN_PROGRESS)
    previous = current.assigned_to_id
    _write(current, status=Status.IN_PROGRESS, assigned_to=assignee, claimed_at=timezone.now())
    audit_event_record(
        action=Action.SUBMISSION_ASSIGNED,
        actor=by,
        submission=current,
        object_type="submission",
        object_id=current.pk,
        details={"assignee_id": assignee.pk, "previous_assignee_id": previous},
    )
    _status_changed(
        current,
        actor=by,
        before=current.status,
        after=Status.IN_PROGRESS,
        action="assign",
    )
    return _refresh(submission)
