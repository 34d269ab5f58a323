"""Writes for the public form: storing a submission and notifying the intelligence unit."""

import logging
import uuid
from datetime import date, time

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from audit.models import Action
from audit.services import audit_events_record
from submissions.models import (
    Category,
    NotificationOutbox,
    PersonOfConcern,
    Place,
    Priority,
    Source,
    Subject,
    Submission,
    SubmissionCategory,
    Urgency,
    Vehicle,
)
from submissions.references import reference_generate
from submissions.urgency_check import urgency_find

logger = logging.getLogger(__name__)

# PROVISIONAL priority on intake, until a handler assesses it: exploitation, trafficking and
# modern slavery put a child or adult under someone else's control, so they are looked at first.
# The handler's assessment (triage) replaces it; nothing else relies on this value.
PRIORITY_CATEGORIES = {
    Category.MISSING_EXPLOITED_TRAFFICKED,
    Category.CHILD_SEXUAL_EXPLOITATION,
    Category.CRIMINAL_EXPLOITATION,
    Category.MODERN_SLAVERY,
}
# A reference clash is ~1 in 10^14; a few fresh draws are plenty.
REFERENCE_ATTEMPTS = 5


def provisional_priority(categories: list[str]) -> Priority:
    return Priority.P2 if PRIORITY_CATEGORIES & set(categories) else Priority.P3


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def submission_create(*, answers: dict, submission_token: uuid.UUID | str) -> Submission:
    """Store a professional's answers (wizard.Answers.for_submission() shape) in one transaction.

    The same token twice (a double click, two tabs, a retried POST) returns the first
    submission instead of making a second. After commit the intelligence unit is notified.
    """
    token = uuid.UUID(str(submission_token))
    # No look-up first: the token is unique in the database, so a second insert with it fails and
    # is answered below with the first. The submit view has already looked (a second click shows
    # the same reference); looking again here was a query on every submission (issue 17).
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            return _submission_insert(answers=answers, token=token)
        except IntegrityError:
            # Either the same token won a race (return that one) or the reference clashed.
            existing = Submission.objects.filter(submission_token=token).first()
            if existing is not None:
                return existing
    raise IntegrityError("Could not allocate a unique reference.")


def _submission_insert(*, answers: dict, token: uuid.UUID) -> Submission:
    categories = answers["categories"]["categories"]
    when = answers["when"]
    provenance = answers["provenance"]
    lawful = answers["lawful_basis"]
    # Read from what is saved, whatever page the professional last saw: the flag cannot be missed.
    found = urgency_find(answers)
    with transaction.atomic():
        submission = Submission.objects.create(
            reference=reference_generate(),
            submission_token=token,
            information=answers["information"]["information"],
            occurred_on=_date(when.get("occurred_on")),
            occurred_time=_time(when.get("occurred_time")),
            when_description=when.get("when_description", ""),
            provenance=provenance["provenance"],
            provenance_detail=provenance.get("provenance_detail", ""),
            lawful_basis=lawful["lawful_basis"],
            special_category_condition=lawful["special_category_condition"],
            subject_aware=lawful["subject_aware"],
            priority=provisional_priority(categories),
            urgency=Urgency.FLAGGED if found.urgent else Urgency.NONE,
            urgency_kinds=list(found.kinds),
            partner_sector=answers["source"].get("sector") or "",
        )
        SubmissionCategory.objects.bulk_create(
            SubmissionCategory(submission=submission, category=category) for category in categories
        )
        Subject.objects.bulk_create(
            Subject(
                submission=submission,
                position=position,
                name=item["name"],
                date_of_birth=_date(item.get("date_of_birth")),
                approximate_age=item.get("approximate_age"),
                address=item.get("address", ""),
                setting=item.get("setting", ""),
                description=item.get("description", ""),
            )
            for position, item in enumerate(answers["subjects"])
        )
        PersonOfConcern.objects.bulk_create(
            PersonOfConcern(submission=submission, position=position, **item)
            for position, item in enumerate(answers.get("persons") or [])
        )
        Place.objects.bulk_create(
            Place(submission=submission, position=position, **item)
            for position, item in enumerate(answers.get("places") or [])
        )
        Vehicle.objects.bulk_create(
            Vehicle(submission=submission, position=position, **item)
            for position, item in enumerate(answers.get("vehicles") or [])
        )
        source = answers["source"]
        Source.objects.create(
            submission=submission,
            name=source["name"],
            role=source["role"],
            organisation=source["organisation"],
            email=source["email"],
            phone=source.get("phone", ""),
            contact_times=source.get("contact_times", ""),
        )
        outbox = NotificationOutbox.objects.create(submission=submission)
        # Collection is logged with no actor and no address: the professional is not recorded.
        entries = [
            {
                "action": Action.SUBMISSION_CREATED,
                "submission": submission,
                "object_type": "submission",
                "object_id": submission.pk,
                "details": {
                    "categories": sorted(categories),
                    "priority": int(submission.priority),
                },
            }
        ]
        if found.urgent:
            # The kinds only: the words stay in the submission, never in the trail.
            entries.append(
                {
                    "action": Action.URGENCY_FLAGGED,
                    "submission": submission,
                    "object_type": "submission",
                    "object_id": submission.pk,
                    "details": {"kinds": list(found.kinds)},
                }
            )
        # The transaction's last write: in one INSERT, and sealed (with the change log's entries
        # above) before the commit when the chain is free, instead of in a transaction of its own
        # after it (issue 17, round 7).
        audit_events_record(*entries, last_write=True)
        outbox_id = outbox.pk
        transaction.on_commit(lambda: notification_enqueue(outbox_id=outbox_id))
    return submission


def notification_enqueue(*, outbox_id: uuid.UUID) -> bool:
    """Hand the notification to Celery. If the broker is down the outbox row waits for the drain.

    Runs after commit inside the professional's request, so it must never raise or stall.
    """
    # Here, not at the top: the task module imports this one (a thin task calls its service).
    # A cycle inside one app; no app imports another inside a function.
    from submissions.tasks import notification_send

    try:
        notification_send.delay(str(outbox_id))
    except Exception as exc:  # the broker's errors vary by transport; none may fail the submit
        logger.warning(
            "Notification %s not queued (%s); the outbox drain will send it",
            outbox_id,
            type(exc).__name__,
        )
        return False
    return True


def notification_deliver(*, outbox_id: uuid.UUID | str) -> bool:
    """Send one outbox row's email (a reference, never the content). Idempotent.

    Returns True if this call sent it; False if it was already sent or no longer exists.
    """
    try:
        with transaction.atomic():
            row = (
                NotificationOutbox.objects.select_for_update()
                .select_related("submission")
                .filter(pk=outbox_id)
                .first()
            )
            if row is None or row.sent_at is not None:
                return False
            subject, message, recipient = _notification_message(row)
            send_mail(
                subject=subject,
                message=message,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient],
            )
            row.sent_at = timezone.now()
            row.attempts = F("attempts") + 1
            row.last_error = ""
            row.save(update_fields=["sent_at", "attempts", "last_error", "updated_at"])
    except Exception as exc:
        NotificationOutbox.objects.filter(pk=outbox_id).update(
            attempts=F("attempts") + 1, last_error=type(exc).__name__[:200]
        )
        raise
    return True


def _notification_message(row: NotificationOutbox) -> tuple[str, str, str]:
    """(subject, body, recipient) for an outbox row: a reference and fixed words, no content."""
    reference = row.submission.reference
    kind = row.kind
    if kind == NotificationOutbox.Kind.SOURCE_EMAIL:
        # The address is read (decrypted) only now, to send: it is never copied into the outbox.
        return row.subject, row.body, Source.objects.get(submission=row.submission).email
    if kind == NotificationOutbox.Kind.DUE_SOON:
        return (
            f"CPI submission {reference} is due soon",
            f"CPI submission {reference} is close to its target time.\n\n"
            "Sign in to the triage queue to see it. Nothing of its content is sent by email.",
            settings.SUPERVISORS_MAILBOX,
        )
    if kind == NotificationOutbox.Kind.OVERDUE:
        return (
            f"CPI submission {reference} is overdue",
            f"CPI submission {reference} has passed its target time.\n\n"
            "Sign in to the triage queue to see it. Nothing of its content is sent by email.",
            settings.SUPERVISORS_MAILBOX,
        )
    return (
        f"New CPI submission {reference}",
        f"A new CPI submission has been received: {reference}.\n\n"
        "Sign in to the triage queue to read it. Nothing of its content is sent by email.",
        settings.INTELLIGENCE_UNIT_MAILBOX,
    )


def outbox_drain(*, limit: int = 200) -> tuple[int, int]:
    """Send what is still waiting in the outbox, oldest first. Returns (sent, failed)."""
    pending = list(
        NotificationOutbox.objects.filter(sent_at__isnull=True)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = failed = 0
    for outbox_id in pending:
        try:
            if notification_deliver(outbox_id=outbox_id):
                sent += 1
        except Exception as exc:
            failed += 1
            logger.warning("Notification %s not sent (%s)", outbox_id, type(exc).__name__)
    return sent, failed
