"""Target clocks: when each submission is due, and whether it is on track, due soon or overdue.

A submission is due TARGET_HOURS[priority] after it arrived, in wall time and UTC (no working
hours are assumed); a priority change moves the due time, still counted from arrival. The state
is worked out against a `now` the caller passes, so a page, the periodic notice and a test all
see the same answer for the same moment.
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from submissions.models import Status, Submission

OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.AWAITING_REVIEW)


class Rag(models.TextChoices):
    ON_TRACK = "on_track", "On track"
    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"


# GOV.UK tag colours; the tag's words carry the state, the colour only repeats it.
RAG_TAG_CLASSES = {
    Rag.ON_TRACK: "govuk-tag--green",
    Rag.DUE_SOON: "govuk-tag--yellow",
    Rag.OVERDUE: "govuk-tag--red",
}


def target(priority: int) -> timedelta:
    return timedelta(hours=int(settings.TARGET_HOURS[int(priority)]))


def due_soon_window(priority: int) -> timedelta:
    return target(priority) * int(settings.TARGET_DUE_SOON_PERCENT) / 100


def due_at_for(*, priority: int, received: datetime) -> datetime:
    return received + target(priority)


def rag_state(submission: Submission, now: datetime) -> Rag | None:
    """The clock's state, or None once closed (a closed submission's clock has stopped)."""
    if submission.status not in OPEN_STATUSES or submission.due_at is None:
        return None
    if submission.due_at <= now:
        return Rag.OVERDUE
    if submission.due_at - now <= due_soon_window(submission.priority):
        return Rag.DUE_SOON
    return Rag.ON_TRACK


def rag_condition(state: str, now: datetime) -> Q:
    """Open submissions in this state at `now`, as a filter on the due_at indexes."""
    if state == Rag.OVERDUE:
        condition = Q(due_at__lte=now)
    else:
        condition = Q()
        for priority in settings.TARGET_HOURS:
            soon = now + due_soon_window(priority)
            if state == Rag.DUE_SOON:
                condition |= Q(priority=priority, due_at__gt=now, due_at__lte=soon)
            else:
                condition |= Q(priority=priority, due_at__gt=soon)
    return Q(status__in=OPEN_STATUSES) & condition


def due_changes(current: Submission, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` to a submission, with its due time moved if the priority changes."""
    priority = changes.get("priority")
    if priority is not None and int(priority) != current.priority:
        changes = {
            **changes,
            "due_at": due_at_for(priority=int(priority), received=current.created_at),
        }
    return changes


def due_on_arrival(sender, instance: Submission, raw: bool = False, **kwargs) -> None:
    """pre_save: a new submission's clock starts as it arrives (connected in TriageConfig)."""
    if raw or not instance._state.adding:
        return
    received = instance.created_at or timezone.now()
    instance.due_at = due_at_for(priority=instance.priority, received=received)
