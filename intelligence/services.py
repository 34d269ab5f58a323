"""Writes for sanitised intelligence logs: create (behind the gate), approve, return.

Triage runs these from its own services (recording the outcome, reviewing it) through the hooks
registered in IntelligenceConfig.ready, inside the same transaction, so a log refused by the gate
leaves nothing saved at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from cpi.crypto import DecryptionError
from intelligence.exports import filters_description
from intelligence.gate import LOG_FIELDS, GateResult, log_release_check, release_check
from intelligence.models import Export, IntelligenceLog, LogStatus
from intelligence.tasks import export_run
from submissions.identity import (
    identity_for_submission,
    source_token_annotations,
    tokens_from_row,
)
from submissions.models import Submission
from triage.proposal import subject_details_copy

DEFAULT_REVIEW_DAYS = 6 * 365
NOT_RELEASABLE = "not approved for release"


class LogRefused(ValidationError):
    """The gate found a source identifier in the log: nothing was saved."""


def _review_date(now: dt.datetime) -> dt.date:
    days = getattr(settings, "RETENTION_LOG_REVIEW_DAYS", DEFAULT_REVIEW_DAYS)
    return (now + dt.timedelta(days=days)).date()


def _values(log: IntelligenceLog) -> dict[str, Any]:
    return {name: getattr(log, name) for name in LOG_FIELDS}


def _gate_for_new(log: IntelligenceLog, submission: Submission):
    """Run the full gate over a log that is not saved yet, against its submission's source."""
    row = (
        Submission.objects.filter(pk=submission.pk)
        .values(**source_token_annotations("source__"))
        .first()
    )
    return release_check(log_id=log.pk, values=_values(log), tokens=tokens_from_row(row or {}))


@transaction.atomic
def intelligence_log_create(
    *,
    submission: Submission,
    text: str,
    evaluation: str,
    assessment: str,
    handling_code: str,
    handling_conditions: str = "",
    user,
    approval_required: bool,
    kept_phrases: tuple[str, ...] = (),
) -> IntelligenceLog:
    """Make (or remake, after a supervisor returned it) the submission's sanitised log.

    Refuses with LogRefused, saving nothing, when the gate still finds a known identifier of the
    source in the text or in the copied subject details.
    """
    try:
        identity = identity_for_submission(submission)
    except DecryptionError as exc:
        raise LogRefused(
            {"log_text": "The source's details could not be read, so the log cannot be checked"}
        ) from exc
    now = timezone.now()
    log = IntelligenceLog.objects.select_for_update().filter(
        submission=submission
    ).first() or IntelligenceLog(submission=submission)
    if log.status == LogStatus.APPROVED and log.created_at is not None:
        raise ValidationError({"log_text": "This log has already been approved"})
    log.text = text.strip()
    # Phrases the handler kept as a subject's: the export gate lets exactly these through.
    log.kept_phrases = list(kept_phrases)
    log.evaluation = evaluation
    log.assessment = assessment
    log.handling_code = handling_code
    log.handling_conditions = (handling_conditions or "").strip()
    log.categories = sorted(submission.category_links.values_list("category", flat=True))
    for name, items in subject_details_copy(submission, identity).items():
        setattr(log, name, items)
    log.status = LogStatus.AWAITING_APPROVAL if approval_required else LogStatus.APPROVED
    log.created_by = user
    log.approved_by = None
    log.approved_at = None
    log.review_date = _review_date(now)
    # created_at is set by auto_now_add on first save; the gate's record needs it beforehand.
    if log.created_at is None:
        log.created_at = now

    result = _gate_for_new(log, submission)
    if not result.allowed:
        raise LogRefused(
            {
                "log_text": (
                    "The log still points to the source "
                    f"({result.reason_text}). Remove it, or reword it, before you save"
                )
            }
        )
    log.gate_clearance = result.new_clearance
    log.full_clean(exclude=["submission", "gate_clearance"])
    log.save()
    audit_event_record(
        action=Action.LOG_CREATED,
        actor=user,
        submission=submission,
        object_type="intelligence_log",
        object_id=log.pk,
        details={"log": log.reference, "status": log.status, "grading": log.grading},
    )
    return log


def intelligence_log_from_assessment(
    *,
    submission: Submission,
    assessment,
    kept_phrases: tuple[str, ...],
    user,
    approval_required: bool,
) -> IntelligenceLog:
    """The log of a recorded "sanitised intelligence log" outcome (triage's hook, see
    triage.outcomes): its text and grading as the handler's assessment holds them."""
    return intelligence_log_create(
        submission=submission,
        text=assessment.log_text,
        kept_phrases=kept_phrases,
        evaluation=assessment.source_evaluation,
        assessment=assessment.intelligence_assessment,
        handling_code=assessment.handling_code,
        handling_conditions=assessment.handling_conditions,
        user=user,
        approval_required=approval_required,
    )


def _log_for_review(submission: Submission) -> IntelligenceLog:
    log = IntelligenceLog.objects.select_for_update().filter(submission=submission).first()
    if log is None or log.status != LogStatus.AWAITING_APPROVAL:
        raise ValidationError("There is no log awaiting approval on this submission")
    return log


@transaction.atomic
def intelligence_log_approve(*, submission: Submission, supervisor) -> IntelligenceLog:
    """Approve a log for export. The gate runs again: an approval never releases a leak."""
    log = _log_for_review(submission)
    result = log_release_check(log)
    if not result.allowed:
        raise LogRefused(
            "This log still points to the source "
            f"({result.reason_text}). Return it to the handler to remove it"
        )
    log.status = LogStatus.APPROVED
    log.approved_by = supervisor
    log.approved_at = timezone.now()
    log.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    _log_event(Action.LOG_APPROVED, log, submission=submission, actor=supervisor)
    return log


@transaction.atomic
def intelligence_log_return(*, submission: Submission, supervisor) -> IntelligenceLog:
    """Send a log back to its handler (the comment lives on the assessment, not the log)."""
    log = _log_for_review(submission)
    log.status = LogStatus.RETURNED
    log.save(update_fields=["status", "updated_at"])
    _log_event(Action.LOG_RETURNED, log, submission=submission, actor=supervisor)
    return log


def _log_event(action: Action, log: IntelligenceLog, *, submission, actor) -> None:
    audit_event_record(
        action=action,
        actor=actor,
        submission=submission,
        object_type="intelligence_log",
        object_id=log.pk,
        details={"log": log.reference},
    )


# --- Exports ----------------------------------------------------------------------------------
@transaction.atomic
def export_request(
    *,
    requester,
    format: str,
    purpose: str,
    recipient: str,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    category: str = "",
    approval: str = "",
) -> Export:
    """Record the request (a disclosure: purpose and recipient) and queue the file's production
    once the request is committed."""
    export = Export(
        requester=requester,
        format=format,
        purpose=purpose.strip(),
        recipient=recipient.strip(),
        date_from=date_from,
        date_to=date_to,
        category=category or "",
        approval=approval or "",
    )
    export.full_clean()
    export.save()
    audit_event_record(
        action=Action.EXPORT_REQUESTED,
        actor=requester,
        object_type="export",
        object_id=export.pk,
        details={
            "export": str(export.pk),
            "format": export.format,
            "purpose": export.purpose,
            "recipient": export.recipient,
            "filters": filters_description(export),
        },
    )
    export_run.delay_on_commit(str(export.pk))
    return export


def export_download_record(*, export: Export, user) -> None:
    audit_event_record(
        action=Action.EXPORT_DOWNLOADED,
        actor=user,
        object_type="export",
        object_id=export.pk,
        details={
            "export": str(export.pk),
            "format": export.format,
            "purpose": export.purpose,
            "recipient": export.recipient,
            "exported_count": export.exported_count,
            "refused_count": export.refused_count,
        },
    )


def log_print_check(*, log: IntelligenceLog, user):
    """The printable page's pass through the gate, recorded either way. Only an approved log is
    releasable at all; the gate then re-checks it against its source."""
    if log.status != LogStatus.APPROVED:
        result = GateResult(log.reference, False, (NOT_RELEASABLE,))
    else:
        result = log_release_check(log)
    if result.allowed:
        audit_event_record(
            action=Action.LOG_PRINTED,
            actor=user,
            submission=log.submission,
            object_type="intelligence_log",
            object_id=log.pk,
            details={"log": log.reference},
        )
    else:
        audit_event_record(
            action=Action.EXPORT_RECORD_REFUSED,
            actor=user,
            submission=log.submission,
            object_type="intelligence_log",
            object_id=log.pk,
            details={"log": log.reference, "path": "print", "reasons": list(result.reasons)},
        )
    return result
