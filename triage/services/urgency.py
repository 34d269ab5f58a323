"""A handler's decision on a submission flagged "possible urgency" at the door."""

from django.db import transaction
from django.utils import timezone

from accounts.access import is_handler
from audit.models import Action
from audit.services import audit_event_record
from submissions.models import Priority, Status, Submission, Urgency
from triage.services._common import NotPermitted, _locked, _refresh, _write
from triage.state import TriageError

URGENCY_DECISIONS = (Urgency.CONFIRMED, Urgency.NOT_URGENT)
_DECIDED = {decision: decision.label.lower() for decision in URGENCY_DECISIONS}


class UrgencyNotOpen(TriageError):
    """There is no open flag to decide: none was raised, or someone has decided it already."""


@transaction.atomic
def urgency_decide(*, submission: Submission, user, decision: str) -> Submission:
    """Record whether a flagged submission is urgent. Any handler may, claimed or not: a danger
    that is real must not wait for a claim. Confirmed urgent makes an open submission P1.

    The audit entry holds the decision and the detector's kinds, never the professional's words.
    """
    if not is_handler(user):
        raise NotPermitted("You do not have permission to work the queue.")
    if decision not in URGENCY_DECISIONS:
        raise TriageError("Select whether it is urgent")
    current = _locked(submission)
    if current.urgency != Urgency.FLAGGED:
        if current.urgency in _DECIDED:
            raise UrgencyNotOpen(
                f"Someone has already decided on the possible urgency: {_DECIDED[current.urgency]}."
            )
        raise UrgencyNotOpen("This submission was not flagged as possibly urgent.")
    changes = {
        "urgency": decision,
        "urgency_decided_by": user,
        "urgency_decided_at": timezone.now(),
    }
    details = {"decision": decision, "kinds": list(current.urgency_kinds)}
    if (
        decision == Urgency.CONFIRMED
        and current.status != Status.CLOSED
        and current.priority != Priority.P1
    ):
        changes["priority"] = Priority.P1
        details["priority"] = int(Priority.P1)
    _write(current, **changes)
    audit_event_record(
        action=Action.URGENCY_DECIDED,
        actor=user,
        submission=current,
        object_type="submission",
        object_id=current.pk,
        details=details,
    )
    return _refresh(submission)
