"""Retention: what is kept, for how long, and the purge that enforces it.

Periods come from settings (environment variables; defaults in the README):
- RETENTION_SOURCE_CONTACT_DAYS after a submission is closed, the source is first scrubbed out of
  the submission's free text and everything written about it (retention/scrub.py: the sanitiser,
  run with the source's identity), then the source's contact details are blanked (the Source row
  stays, with purged_at set, so the purge is visible);
- RETENTION_NO_ACTION_DAYS after a "no action" submission is closed, it is deleted with everything
  hanging off it (subjects, persons, places, vehicles, source, assessment, notes, reveals);
- sanitised intelligence logs are not deleted automatically: each carries a review date
  (RETENTION_LOG_REVIEW_DAYS after it is made, MoPI style) and the purge counts those due;
- expired sessions (a professional's abandoned answers) are deleted;
- sign-in records (django-axes) older than RETENTION_SIGN_IN_RECORD_DAYS are deleted;
- export files older than RETENTION_EXPORT_FILE_DAYS are deleted from EXPORT_DIR (the Export row,
  a disclosure record, stays and says the file has expired), with any file an export left behind.

Erasure must not leave a copy behind: the change log (django-auditlog) is switched off while rows
are blanked or deleted, otherwise it would write the old values into an append-only table. The
run itself is recorded as one audit entry holding counts only.
"""

import datetime as dt
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from auditlog.context import disable_auditlog
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from intelligence.exports import export_path
from intelligence.models import Export, ExportStatus, IntelligenceLog
from retention.scrub import scrub_apply, scrub_plan
from submissions.identity import SOURCE_DETAILS
from submissions.models import Outcome, Source, Status, Submission

logger = logging.getLogger(__name__)
BATCH_SIZE = 500


@dataclass
class RetentionCounts:
    sources_purged: int = 0
    # Pieces of free text the source was scrubbed out of (a field, or one value in a log's list).
    source_texts_scrubbed: int = 0
    # Sources left as they are because no key decrypts them (or their submission's text): their
    # identity is unknown, so their text cannot be scrubbed. Fix the keys and run again.
    sources_unreadable: int = 0
    submissions_deleted: int = 0
    sessions_deleted: int = 0
    sign_in_records_deleted: int = 0
    logs_due_for_review: int = 0
    export_files_deleted: int = 0

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
    return IntelligenceLog.objects.filter(review_date__lte=now.date()).count()


def _sign_in_records_due(now: dt.datetime):
    cutoff = _days_ago(now, settings.RETENTION_SIGN_IN_RECORD_DAYS)
    return (
        AccessLog.objects.filter(attempt_time__lte=cutoff),
        AccessFailureLog.objects.filter(attempt_time__lte=cutoff),
        AccessAttempt.objects.filter(attempt_time__lte=cutoff),
    )


def exports_due(now: dt.datetime):
    cutoff = _days_ago(now, settings.RETENTION_EXPORT_FILE_DAYS)
    return Export.objects.filter(
        status=ExportStatus.COMPLETE, file_deleted_at__isnull=True, completed_at__lte=cutoff
    )


def _in_batches(queryset):
    """Primary keys in batches, each handled in its own transaction (a long run never holds one
    huge lock, and an interrupted run resumes where it stopped). Keyset paging: a row a batch
    leaves in place (an unreadable source) is not handed out again."""
    last = None
    while True:
        page = queryset.order_by("pk")
        if last is not None:
            page = page.filter(pk__gt=last)
        ids = list(page.values_list("pk", flat=True)[:BATCH_SIZE])
        if not ids:
            return
        yield ids
        last = ids[-1]


def _sources_purge(now: dt.datetime, counts: RetentionCounts, *, dry_run: bool) -> None:
    blank = dict.fromkeys(SOURCE_DETAILS, "")
    for ids in _in_batches(sources_due(now)):
        with transaction.atomic():
            plan = scrub_plan(ids, lock=not dry_run)
            counts.source_texts_scrubbed += plan.texts
            counts.sources_unreadable += plan.unreadable
            if dry_run:
                counts.sources_purged += len(plan.source_ids)
                continue
            # Scrub while the identity is known, then blank, in the same transaction.
            scrub_apply(plan)
            # update() writes the blanks straight to the table: nothing is read back or logged.
            counts.sources_purged += Source.objects.filter(pk__in=plan.source_ids).update(
                **blank, purged_at=now
            )


# What the exporter writes into EXPORT_DIR: "<uuid>.<format>" and, while it works,
# ".<uuid>.<format>.<attempt>.body|tmp". Nothing else there is ever touched.
_EXPORT_FILE = re.compile(
    r"^\.?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(csv|json)"
    r"(\.[0-9a-f]{32}\.(body|tmp))?$"
)


def _unlink(path: Path) -> int:
    try:
        path.unlink()
    except FileNotFoundError:
        return 0
    return 1


def _export_files_delete(now: dt.datetime) -> int:
    """Delete expired export files, then mark their exports. File first: a run that stops between
    the two finds the export unmarked and marks it next time (the file is already gone)."""
    deleted = 0
    for ids in _in_batches(exports_due(now)):
        for export in Export.objects.filter(pk__in=ids).only("pk", "file_name"):
            if export.file_name:
                deleted += _unlink(export_path(export))
        Export.objects.filter(pk__in=ids).update(file_deleted_at=now)
    return deleted + _stray_export_files_delete(now)


def _stray_export_files(now: dt.datetime) -> list[Path]:
    """Old files in EXPORT_DIR no unexpired export owns: half-written files of an attempt that was
    killed and never redelivered, or the file of an export row deleted by hand."""
    directory = Path(settings.EXPORT_DIR)
    if not directory.is_dir():
        return []
    cutoff = _days_ago(now, settings.RETENTION_EXPORT_FILE_DAYS)
    # Complete exports' files go by completed_at above; an export still being worked on keeps its
    # file; one stuck unfinished since before the cutoff does not.
    live = set(
        Export.objects.filter(file_deleted_at__isnull=True)
        .filter(
            Q(status=ExportStatus.COMPLETE) | Q(started_at__isnull=True) | Q(started_at__gt=cutoff)
        )
        .exclude(file_name="")
        .values_list("file_name", flat=True)
    )
    stray = []
    for path in directory.iterdir():
        if not _EXPORT_FILE.match(path.name) or path.name in live or not path.is_file():
            continue
        if path.stat().st_mtime <= cutoff.timestamp():
            stray.append(path)
    return stray


def _stray_export_files_delete(now: dt.datetime) -> int:
    return sum(_unlink(path) for path in _stray_export_files(now))


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
        _sources_purge(now, counts, dry_run=True)
        counts.export_files_deleted = exports_due(now).count() + len(_stray_export_files(now))
        counts.submissions_deleted = no_action_submissions_due(now).count()
        counts.sessions_deleted = Session.objects.filter(expire_date__lt=now).count()
        counts.sign_in_records_deleted = sum(q.count() for q in _sign_in_records_due(now))
        return counts

    with disable_auditlog():
        _sources_purge(now, counts, dry_run=False)
        counts.submissions_deleted = _no_action_delete(now)
        counts.sessions_deleted, _ = Session.objects.filter(expire_date__lt=now).delete()
        counts.sign_in_records_deleted = sum(q.delete()[0] for q in _sign_in_records_due(now))
        counts.export_files_deleted = _export_files_delete(now)
    audit_event_record(
        action=Action.RETENTION_PURGE,
        object_type="retention",
        details={
            **counts.as_dict(),
            "policy_days": {
                "source_contact": settings.RETENTION_SOURCE_CONTACT_DAYS,
                "no_action": settings.RETENTION_NO_ACTION_DAYS,
                "sign_in_records": settings.RETENTION_SIGN_IN_RECORD_DAYS,
                "export_files": settings.RETENTION_EXPORT_FILE_DAYS,
            },
        },
    )
    logger.info("Retention purge: %s", counts.as_dict())
    return counts
