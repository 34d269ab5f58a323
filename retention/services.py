"""Retention: what is kept, for how long, and the purge that enforces it.

Periods come from settings (environment variables; defaults in the README):
- RETENTION_SOURCE_CONTACT_DAYS after a submission is closed, the source's contact details are
  blanked (the Source row stays, with purged_at set, so the purge is visible);
- RETENTION_NO_ACTION_DAYS after a "no action" submission is closed, it is deleted with everything
  hanging off it (subjects, persons, places, vehicles, source, assessment, notes, reveals);
- sanitised intelligence logs are not deleted automatically: each carries a review date
  (RETENTION_LOG_REVIEW_DAYS after it is made, MoPI style) and the purge counts those due;
- expired sessions (a professional's abandoned answers) are deleted;
- sign-in records (django-axes) older than RETENTION_SIGN_IN_RECORD_DAYS are deleted.

Erasure must not leave a copy behind: the change log (django-auditlog) is switched off while rows
are blanked or deleted, otherwise it would write the old values into an append-only table. The
run itself is recorded as one audit entry holding counts only.
"""

import datetime as dt
import logging
from dataclasses import asdict, dataclass

from auditlog.context import disable_auditlog
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from submissions.models import Outcome, Source, Status, Submission

logger = logging.getLogger(__name__)
BATCH_SIZE = 500
SOURCE_FIELDS = ("name", "role", "organisation", "email", "phone", "contact_times")


@dataclass
class RetentionCounts:
    sources_purged: int = 0
    submissions_deleted: int = 0
    sessions_deleted: int = 0
    sign_in_records_deleted: int = 0
    logs_due_for_review: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


def _days_ago(now: dt.datetime, days: int) -> dt.datetime:
    return now - dt.timedelta(days=days)


def sources_due(now: dt.datetime):
    cutoff = _days_ago(now, settings.RETENTION_SOURCE_CONTACT_DAYS)
    return Source.objects.filter(
        purged_at__isnull=True,
        submission__status=Status.CLOSED,
        submission__closed_at__lte=cutoff,
    )


def no_action_submissions_due(now: dt.datetime):
    cutoff = _days_ago(now, settings.RETENTION_NO_ACTION_DAYS)
    return Submission.objects.filter(
        status=Status.CLOSED,
        outcome=Outcome.NO_ACTION,
        closed_at__lte=cutoff,
        # A log protects its submission (a log has its own review); never delete under it.
        intelligence_log__isnull=True,
    )


def logs_due_for_review(now: dt.datetime) -> int:
    from intelligence.models import IntelligenceLog

    return IntelligenceLog.objects.filter(review_date__lte=now.date()).count()


def _sign_in_records_due(now: dt.datetime):
    cutoff = _days_ago(now, settings.RETENTION_SIGN_IN_RECORD_DAYS)
    return (
        AccessLog.objects.filter(attempt_time__lte=cutoff),
        AccessFailureLog.objects.filter(attempt_time__lte=cutoff),
        AccessAttempt.objects.filter(attempt_time__lte=cutoff),
    )


def _in_batches(queryset):
    """Primary keys in batches, each handled in its own transaction (a long run never holds one
    huge lock, and an interrupted run resumes where it stopped)."""
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH_SIZE])
        if not ids:
            return
        yield ids


def _sources_purge(now: dt.datetime) -> int:
    purged = 0
    blank = dict.fromkeys(SOURCE_FIELDS, "")
    for ids in _in_batches(sources_due(now)):
        with transaction.atomic():
            # update() writes the blanks straight to the table: nothing is read back or logged.
            purged += Source.objects.filter(pk__in=ids).update(**blank, purged_at=now)
    return purged


def _no_action_delete(now: dt.datetime) -> int:
    deleted = 0
    for ids in _in_batches(no_action_submissions_due(now)):
        with transaction.atomic():
            _, by_model = Submission.objects.filter(pk__in=ids).delete()
            deleted += by_model.get(Submission._meta.label, 0)
    return deleted


def retention_purge_run(
    *, now: dt.datetime | None = None, dry_run: bool = False
) -> RetentionCounts:
    """Apply the retention policy once. Returns what was (or, on a dry run, would be) removed."""
    now = now or timezone.now()
    counts = RetentionCounts(logs_due_for_review=logs_due_for_review(now))
    if dry_run:
        counts.sources_purged = sources_due(now).count()
        counts.submissions_deleted = no_action_submissions_due(now).count()
        counts.sessions_deleted = Session.objects.filter(expire_date__lt=now).count()
        counts.sign_in_records_deleted = sum(q.count() for q in _sign_in_records_due(now))
        return counts

    with disable_auditlog():
        counts.sources_purged = _sources_purge(now)
        counts.submissions_deleted = _no_action_delete(now)
        counts.sessions_deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
        counts.sign_in_records_deleted = sum(q.delete()[0] for q in _sign_in_records_due(now))
    audit_event_record(
        action=Action.RETENTION_PURGE,
        object_type="retention",
        details={
            **counts.as_dict(),
            "policy_days": {
                "source_contact": settings.RETENTION_SOURCE_CONTACT_DAYS,
                "no_action": settings.RETENTION_NO_ACTION_DAYS,
                "sign_in_records": settings.RETENTION_SIGN_IN_RECORD_DAYS,
            },
        },
    )
    logger.info("Retention purge: %s", counts.as_dict())
    return counts
