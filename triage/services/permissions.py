"""Who may do what to a submission: plain predicates the views and the services share."""

from accounts.access import is_handler, is_supervisor
from submissions.models import Status, Submission


def _held_by(user, submission: Submission) -> bool:
    """Whether this signed-in user holds the submission. An anonymous user's pk is None, and so is
    an unclaimed submission's holder: comparing the two alone would say they match."""
    return (
        user.is_authenticated
        and submission.assigned_to_id is not None
        and submission.assigned_to_id == user.pk
    )


def can_edit(user, submission: Submission) -> bool:
    """Only the handler who holds a submission edits it: one owner at a time, clear in the audit."""
    return (
        is_handler(user) and submission.status == Status.IN_PROGRESS and _held_by(user, submission)
    )


def can_release(user, submission: Submission) -> bool:
    if submission.status != Status.IN_PROGRESS:
        return False
    return _held_by(user, submission) or is_supervisor(user)


def can_reveal(user, submission: Submission) -> bool:
    """The source is shown to the handler who holds the submission and to supervisors only."""
    return _held_by(user, submission) or is_supervisor(user)


def can_review(user, submission: Submission) -> bool:
    return is_supervisor(user) and submission.status == Status.AWAITING_REVIEW
