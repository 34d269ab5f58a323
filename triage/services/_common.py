"""Shared by the triage services: constants, the permission error, and the row lock and
compare-and-set every write goes through."""

from typing import Any

from django.db.models import F
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from submissions.models import Submission
from triage.queue_counters import queue_counters_changed
from triage.rules import OUTCOME_FIELDS
from triage.state import StaleVersion, TriageError

REVEAL_REASON_MIN_LENGTH = 10
ASSESSMENT_FIELDS = (
    "source_evaluation",
    "intelligence_assessment",
    "handling_code",
    "handling_conditions",
    "outcome",
    *OUTCOME_FIELDS,
)
# take_next retries this many times when another handler wins the race for a row (SQLite has no
# SKIP LOCKED, so the compare-and-set is what keeps two handlers off the same submission there).
TAKE_NEXT_ATTEMPTS = 5


class NotPermitted(TriageError):
    """The user may see the submission but not do this to it (shown as 403)."""

    forbidden = True


def _locked(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _write(current: Submission, *, version: int | None = None, **changes: Any) -> None:
    """Compare-and-set on version: the UPDATE only applies if nobody saved in between."""
    expected = current.version if version is None else version
    updated = Submission.objects.filter(pk=current.pk, version=expected).update(
        version=F("version") + 1, updated_at=timezone.now(), **changes
    )
    if updated != 1:
        raise StaleVersion()


def _refresh(submission: Submission) -> Submission:
    submission.refresh_from_db()
    return submission


def _status_changed(submission, *, actor, before: str, after: str, action: str) -> None:
    entry = _status_change_entry(submission, actor=actor, before=before, after=after, action=action)
    if entry is not None:
        audit_event_record(**entry)


def _status_change_entry(
    submission, *, actor, before: str, after: str, action: str
) -> dict[str, Any] | None:
    """The STATUS_CHANGED audit entry for a move (None when nothing moved), for the caller to
    record alone or with its other entries in one INSERT (audit_events_record)."""
    if before == after:
        return None
    # Every status change goes through here: the queue's counters move on at commit.
    queue_counters_changed()
    return {
        "action": Action.STATUS_CHANGED,
        "actor": actor,
        "submission": submission,
        "object_type": "submission",
        "object_id": submission.pk,
        "details": {"from": before, "to": after, "by": action},
    }
