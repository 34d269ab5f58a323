"""The triage status machine: the one place that says which moves are allowed.

    new --claim/assign--> in_progress --record outcome--> closed
                          in_progress --record outcome (review needed)--> awaiting_review
                          in_progress --release--> new
    awaiting_review --approve--> closed
    awaiting_review --return--> in_progress

Services call `transition_check` before every status change; views show the exception's message.
"""

from django.conf import settings

from cpi.errors import DomainError
from submissions.models import Outcome, Risk, Status


class TriageError(DomainError):
    """A triage action that cannot be done. The message is shown to the user as it is."""


class InvalidTransition(TriageError):
    pass


class StaleVersion(TriageError):
    """Someone else saved the submission after this form was loaded."""

    def __init__(self, detail: str = ""):
        message = (
            "Someone else changed this submission while you were editing. "
            "Your changes have not been saved: check the submission again, then save them."
        )
        if detail:
            message = f"{message} {detail}"
        super().__init__(message)


# (from, to) -> the action that makes the move, used in messages and the audit trail.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.NEW, Status.IN_PROGRESS): "claim",
    (Status.IN_PROGRESS, Status.IN_PROGRESS): "reassign",
    (Status.IN_PROGRESS, Status.NEW): "release",
    (Status.IN_PROGRESS, Status.CLOSED): "record outcome",
    (Status.IN_PROGRESS, Status.AWAITING_REVIEW): "record outcome",
    (Status.AWAITING_REVIEW, Status.CLOSED): "approve",
    (Status.AWAITING_REVIEW, Status.IN_PROGRESS): "return",
}

# Why a move is refused, in words a handler understands, keyed by the status it starts from.
_REFUSALS: dict[str, str] = {
    Status.NEW: "It has not been claimed yet: claim it first.",
    Status.IN_PROGRESS: "It is already being worked on.",
    Status.AWAITING_REVIEW: "It is waiting for a supervisor to review it.",
    Status.CLOSED: "It is closed.",
}


def transition_check(current: str, target: str) -> str:
    """Return the action name for current -> target, or raise InvalidTransition saying why not."""
    action = TRANSITIONS.get((current, target))
    if action is None:
        current_label = Status(current).label.lower()
        target_label = Status(target).label.lower()
        raise InvalidTransition(
            f"You cannot move this submission from {current_label} to {target_label}. "
            f"{_REFUSALS[current]}"
        )
    return action


def review_required(*, outcome: str, risk: str) -> bool:
    """Whether a supervisor must approve this outcome before the submission closes.

    - An intelligence log when the force requires approval of logs (LOG_APPROVAL_REQUIRED).
    - "No action" on a high-risk submission, always: closing a high-risk concern with nothing
      done is the decision most likely to be questioned later, so it gets a second pair of eyes.
    """
    if outcome == Outcome.INTELLIGENCE_LOG and settings.LOG_APPROVAL_REQUIRED:
        return True
    return outcome == Outcome.NO_ACTION and risk == Risk.HIGH


def status_after_outcome(*, outcome: str, risk: str) -> str:
    return Status.AWAITING_REVIEW if review_required(outcome=outcome, risk=risk) else Status.CLOSED
