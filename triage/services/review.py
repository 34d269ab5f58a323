"""A supervisor's review of an outcome: approve or return."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.access import is_supervisor
from submissions.models import Status, Submission
from triage.models import Assessment
from triage.outcomes import outcome_handler
from triage.services._common import NotPermitted, _locked, _refresh, _status_changed, _write
from triage.state import TriageError, transition_check


def _review_start(submission: Submission, supervisor, target: str) -> tuple[Submission, Assessment]:
    if not is_supervisor(supervisor):
        raise NotPermitted("Only a supervisor can review outcomes.")
    current = _locked(submission)
    transition_check(current.status, target)
    assessment = Assessment.objects.get(submission=current)
    # Four eyes: the person who recorded an outcome never approves it too.
    if assessment.recorded_by_id == supervisor.pk:
        raise TriageError("You recorded this outcome, so another supervisor must review it.")
    return current, assessment


def _review_mark(assessment: Assessment, supervisor, comment: str):
    """Who reviewed the outcome, when, and what they said (saved by the caller)."""
    now = timezone.now()
    assessment.reviewed_at = now
    assessment.reviewed_by = supervisor
    assessment.review_comment = comment.strip()
    return now


@transaction.atomic
def submission_review_approve(
    *, submission: Submission, supervisor, comment: str = ""
) -> Submission:
    current, assessment = _review_start(submission, supervisor, Status.CLOSED)
    now = _review_mark(assessment, supervisor, comment)
    assessment.save(update_fields=["reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    _write(current, status=Status.CLOSED, closed_at=now)
    handler = outcome_handler(current.outcome)
    if handler is not None:
        # A log: approved for export (re-checked by the gate), recording LOG_APPROVED.
        handler.approve(submission=current, supervisor=supervisor)
    _status_changed(
        current,
        actor=supervisor,
        before=Status.AWAITING_REVIEW,
        after=Status.CLOSED,
        action="approve",
    )
    return _refresh(submission)


@transaction.atomic
def submission_review_return(*, submission: Submission, supervisor, comment: str) -> Submission:
    """Send the outcome back to its handler with a comment saying what to change."""
    if not comment or not comment.strip():
        raise ValidationError({"comment": "Enter what the handler needs to change"})
    current, assessment = _review_start(submission, supervisor, Status.IN_PROGRESS)
    _review_mark(assessment, supervisor, comment)
    # No longer a recorded outcome: the handler revises the draft and records it again.
    assessment.recorded_at = None
    assessment.recorded_by = None
    assessment.save()
    _write(current, status=Status.IN_PROGRESS, outcome="", closed_at=None)
    handler = outcome_handler(current.outcome)
    if handler is not None:
        # A log: records LOG_RETURNED; the handler's next "record outcome" remakes the same log.
        handler.send_back(submission=current, supervisor=supervisor)
    _status_changed(
        current,
        actor=supervisor,
        before=Status.AWAITING_REVIEW,
        after=Status.IN_PROGRESS,
        action="return",
    )
    return _refresh(submission)


def submission_review(
    *, submission: Submission, supervisor, approve: bool, comment: str = ""
) -> Submission:
    """A supervisor's decision on an outcome awaiting review, from whichever page it was made
    (the submission's own page, or the list of logs awaiting approval): the one way in."""
    if approve:
        return submission_review_approve(
            submission=submission, supervisor=supervisor, comment=comment
        )
    return submission_review_return(submission=submission, supervisor=supervisor, comment=comment)
