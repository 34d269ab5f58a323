"""The periodic target-clock notice: tell the supervisors' mailbox what crossed a threshold."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from submissions.models import NotificationOutbox, Submission
from submissions.services import notification_enqueue
from triage.clocks import Rag, rag_condition
from triage.models import ClockNotice

# A run's work is bounded; whatever is left is taken by the next run five minutes later.
NOTICES_PER_RUN = 500
_KINDS = {
    Rag.DUE_SOON: (ClockNotice.Crossing.DUE_SOON, NotificationOutbox.Kind.DUE_SOON),
    Rag.OVERDUE: (ClockNotice.Crossing.OVERDUE, NotificationOutbox.Kind.OVERDUE),
}


def clock_notices_send(*, now: datetime | None = None) -> int:
    """Queue one notice per submission per crossing (due soon, overdue); returns how many.

    Each notice is a ClockNotice (unique per submission, crossing and due time, so a second run
    or a concurrent one adds nothing) and an outbox row written in the same transaction: if Redis
    is down the outbox drain sends it later, so a notice is delayed, never lost. The email
    carries the reference only. A submission that went past "due soon" between runs is only
    told as overdue.
    """
    now = now or timezone.now()
    queued = 0
    for state, (crossing, kind) in _KINDS.items():
        told = ClockNotice.objects.filter(
            submission=OuterRef("pk"), crossing=crossing, due_at=OuterRef("due_at")
        )
        pending = (
            Submission.objects.filter(rag_condition(state, now))
            .filter(~Exists(told))
            .order_by("due_at")
            .values_list("pk", "due_at")[:NOTICES_PER_RUN]
        )
        for submission_id, due_at in pending:
            if _notice_queue(
                submission_id=submission_id, crossing=crossing, kind=kind, due_at=due_at
            ):
                queued += 1
    return queued


def _notice_queue(*, submission_id, crossing: str, kind: str, due_at: datetime) -> bool:
    try:
        with transaction.atomic():
            ClockNotice.objects.create(
                submission_id=submission_id, crossing=crossing, due_at=due_at
            )
            outbox = NotificationOutbox.objects.create(submission_id=submission_id, kind=kind)
            outbox_id = outbox.pk
            transaction.on_commit(lambda: notification_enqueue(outbox_id=outbox_id))
    except IntegrityError:
        return False  # another run told it first
    return True
