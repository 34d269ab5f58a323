"""Every triage write: claiming, releasing, assigning, assessing, recording, reviewing, revealing.

Each function locks the submission row, asks triage.state whether the move is allowed, writes with
a compare-and-set on `version` (so a concurrent change is never silently overwritten), bumps the
version and records the audit event, all in one transaction.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts.access import is_handler, is_supervisor
from audit.models import Action
from audit.services import audit_event_record
from intelligence.preview import identity_for_submission
from intelligence.services import (
    intelligence_log_approve,
    intelligence_log_create,
    intelligence_log_return,
)
from sanitiser import find_source_identifiers
from submissions.models import Outcome, Source, Status, Submission
from triage.models import Assessment, Note, SourceReveal
from triage.rules import FIELDS_OF_OUTCOME, OUTCOME_FIELDS, assessment_errors
from triage.state import (
    InvalidTransition,
    StaleVersion,
    TriageError,
    status_after_outcome,
    transition_check,
)

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


# --- Who may do what -----------------------------------------------------------------------------
def can_edit(user, submission: Submission) -> bool:
    """Only the handler who holds a submission edits it: one owner at a time, clear in the audit."""
    return (
        is_handler(user)
        and submission.status == Status.IN_PROGRESS
        and submission.assigned_to_id == user.pk
    )


def can_release(user, submission: Submission) -> bool:
    if submission.status != Status.IN_PROGRESS:
        return False
    return submission.assigned_to_id == user.pk or is_supervisor(user)


def can_reveal(user, submission: Submission) -> bool:
    """The source is shown to the handler who holds the submission and to supervisors only."""
    return submission.assigned_to_id == user.pk or is_supervisor(user)


def can_review(user, submission: Submission) -> bool:
    return is_supervisor(user) and submission.status == Status.AWAITING_REVIEW


# --- Internals -----------------------------------------------------------------------------------
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


def _status_changed(submission, *, actor, request, before: str, after: str, action: str) -> None:
    if before == after:
        return
    audit_event_record(
        action=Action.STATUS_CHANGED,
        actor=actor,
        request=request,
        submission=submission,
        object_type="submission",
        object_id=submission.pk,
        details={"from": before, "to": after, "by": action},
    )


# --- Claiming ------------------------------------------------------------------------------------
def submission_take_next(*, user, request=None) -> Submission | None:
    """Give the handler the highest-priority, oldest unclaimed new submission, or None.

    FOR UPDATE SKIP LOCKED: a row another handler is taking right now is skipped, not waited
    for, so handlers pressing "Take next" together each get a different submission at once.
    """
    if not is_handler(user):
        raise NotPermitted("You do not have permission to work the queue.")
    for _ in range(TAKE_NEXT_ATTEMPTS):
        with transaction.atomic():
            candidate = (
                Submission.objects.select_for_update(skip_locked=True)
                .filter(status=Status.NEW, assigned_to__isnull=True)
                .order_by("priority", "created_at")
                .only("pk", "reference", "version", "status")
                .first()
            )
            if candidate is None:
                return None
            now = timezone.now()
            claimed = Submission.objects.filter(
                pk=candidate.pk, status=Status.NEW, assigned_to__isnull=True
            ).update(
                status=Status.IN_PROGRESS,
                assigned_to=user,
                claimed_at=now,
                version=F("version") + 1,
                updated_at=now,
            )
            if claimed != 1:
                continue
            # Last before commit: the audit chain's lock is held only from here to the commit.
            _claim_audit(candidate, user=user, request=request, how="take_next")
        return Submission.objects.get(pk=candidate.pk)
    return None


def _claim_audit(submission, *, user, request, how: str) -> None:
    audit_event_record(
        action=Action.SUBMISSION_CLAIMED,
        actor=user,
        request=request,
        submission=submission,
        object_type="submission",
        object_id=submission.pk,
        details={"how": how},
    )
    _status_changed(
        submission,
        actor=user,
        request=request,
        before=Status.NEW,
        after=Status.IN_PROGRESS,
        action="claim",
    )


@transaction.atomic
def submission_claim(*, submission: Submission, user, request=None) -> Submission:
    """Claim one particular new, unassigned submission."""
    if not is_handler(user):
        raise NotPermitted("You do not have permission to work the queue.")
    current = _locked(submission)
    if current.status == Status.IN_PROGRESS and current.assigned_to_id is not None:
        if current.assigned_to_id == user.pk:
            raise TriageError("You have already claimed this submission.")
        raise TriageError("Another handler has already claimed this submission.")
    transition_check(current.status, Status.IN_PROGRESS)
    _write(current, status=Status.IN_PROGRESS, assigned_to=user, claimed_at=timezone.now())
    _claim_audit(current, user=user, request=request, how="claim")
    return _refresh(submission)


@transaction.atomic
def submission_release(*, submission: Submission, user, request=None) -> Submission:
    """Put an in-progress submission back in the queue, unassigned. The assessment draft stays."""
    current = _locked(submission)
    transition_check(current.status, Status.NEW)
    if not can_release(user, current):
        raise NotPermitted(
            "Only the handler who claimed this submission or a supervisor can release it."
        )
    previous = current.assigned_to_id
    _write(current, status=Status.NEW, assigned_to=None, claimed_at=None)
    audit_event_record(
        action=Action.SUBMISSION_RELEASED,
        actor=user,
        request=request,
        submission=current,
        object_type="submission",
        object_id=current.pk,
        details={"previous_assignee_id": previous},
    )
    _status_changed(
        current,
        actor=user,
        request=request,
        before=Status.IN_PROGRESS,
        after=Status.NEW,
        action="release",
    )
    return _refresh(submission)


@transaction.atomic
def submission_assign(*, submission: Submission, assignee, by, request=None) -> Submission:
    """A supervisor gives a new or in-progress submission to a handler (or reassigns it)."""
    if not is_supervisor(by):
        raise NotPermitted("Only a supervisor can assign submissions.")
    if not is_handler(assignee) or not assignee.is_active:
        raise TriageError("You can only assign a submission to an intelligence handler.")
    current = _locked(submission)
    if current.assigned_to_id == assignee.pk and current.status == Status.IN_PROGRESS:
        raise TriageError(f"This submission is already assigned to {assignee.get_username()}.")
    transition_check(current.status, Status.IN_PROGRESS)
    previous = current.assigned_to_id
    _write(current, status=Status.IN_PROGRESS, assigned_to=assignee, claimed_at=timezone.now())
    audit_event_record(
        action=Action.SUBMISSION_ASSIGNED,
        actor=by,
        request=request,
        submission=current,
        object_type="submission",
        object_id=current.pk,
        details={"assignee_id": assignee.pk, "previous_assignee_id": previous},
    )
    _status_changed(
        current,
        actor=by,
        request=request,
        before=current.status,
        after=Status.IN_PROGRESS,
        action="assign",
    )
    return _refresh(submission)


# --- Assessing -----------------------------------------------------------------------------------
def _check_editable(current: Submission, user, version: int) -> None:
    if current.status != Status.IN_PROGRESS:
        raise InvalidTransition(
            f"This submission is {current.get_status_display().lower()}: it cannot be changed now."
        )
    if current.assigned_to_id != user.pk:
        raise NotPermitted("Only the handler who claimed this submission can change it.")
    if current.version != version:
        raise StaleVersion()


def _assessment_apply(current: Submission, user, data: dict[str, Any]) -> Assessment:
    assessment, _ = Assessment.objects.get_or_create(submission=current)
    for field in ASSESSMENT_FIELDS:
        if field in data:
            setattr(assessment, field, data[field] or "")
    assessment.assessed_by = user
    return assessment


def _submission_changes(data: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if "risk" in data:
        changes["risk"] = data["risk"] or ""
    if data.get("priority"):
        changes["priority"] = int(data["priority"])
    return changes


@transaction.atomic
def assessment_save(
    *, submission: Submission, user, version: int, data: dict[str, Any], request=None
) -> Submission:
    """Save the assessment as a draft: risk, priority, grading and any outcome details so far."""
    current = _locked(submission)
    _check_editable(current, user, version)
    errors = assessment_errors(data, recording=False)
    if errors:
        raise ValidationError(errors)
    assessment = _assessment_apply(current, user, data)
    assessment.full_clean(exclude=["submission"])
    assessment.save()
    _write(current, version=version, **_submission_changes(data))
    audit_event_record(
        action=Action.ASSESSMENT_SAVED,
        actor=user,
        request=request,
        submission=current,
        object_type="assessment",
        object_id=assessment.pk,
        details={"grading": assessment.grading},
    )
    return _refresh(submission)


@transaction.atomic
def outcome_record(
    *, submission: Submission, user, version: int, data: dict[str, Any], request=None
) -> Submission:
    """Record exactly one outcome. Closes the submission, or sends it for a supervisor's review."""
    current = _locked(submission)
    _check_editable(current, user, version)
    errors = assessment_errors(data, recording=True)
    if errors:
        raise ValidationError(errors)
    outcome = data["outcome"]
    target = status_after_outcome(outcome=outcome, risk=data["risk"])
    transition_check(current.status, target)

    # Exactly one outcome: details typed for another outcome and then abandoned are cleared.
    cleaned = dict(data)
    for other, fields in FIELDS_OF_OUTCOME.items():
        if other != outcome:
            for field in fields:
                cleaned[field] = ""
    assessment = _assessment_apply(current, user, cleaned)
    now = timezone.now()
    assessment.recorded_at = now
    assessment.recorded_by = user
    assessment.reviewed_at = None
    assessment.reviewed_by = None
    assessment.full_clean(exclude=["submission"])
    assessment.save()
    if outcome == Outcome.INTELLIGENCE_LOG:
        # The log is its own record, made behind the export gate: a log that still points to the
        # source raises (a form error on log_text) and this whole transaction saves nothing.
        intelligence_log_create(
            submission=current,
            text=assessment.log_text,
            evaluation=assessment.source_evaluation,
            assessment=assessment.intelligence_assessment,
            handling_code=assessment.handling_code,
            handling_conditions=assessment.handling_conditions,
            user=user,
            approval_required=target == Status.AWAITING_REVIEW,
            request=request,
        )

    changes = _submission_changes(data)
    _write(
        current,
        version=version,
        status=target,
        outcome=outcome,
        closed_at=now if target == Status.CLOSED else None,
        **changes,
    )
    audit_event_record(
        action=Action.ASSESSMENT_SAVED,
        actor=user,
        request=request,
        submission=current,
        object_type="assessment",
        object_id=assessment.pk,
        details={"grading": assessment.grading},
    )
    audit_event_record(
        action=Action.OUTCOME_RECORDED,
        actor=user,
        request=request,
        submission=current,
        object_type="assessment",
        object_id=assessment.pk,
        details={"outcome": outcome, "review_required": target == Status.AWAITING_REVIEW},
    )
    _status_changed(
        current, actor=user, request=request, before=current.status, after=target, action="record"
    )
    return _refresh(submission)


# --- Supervisor review ---------------------------------------------------------------------------
def _review_start(submission: Submission, supervisor, target: str) -> tuple[Submission, Assessment]:
    if not is_supervisor(supervisor):
        raise NotPermitted("Only a supervisor can review outcomes.")
    current = _locked(submission)
    transition_check(current.status, target)
    assessment = Assessment.objects.get(submission=current)
    # Four eyes: the person who recorded an outcome never approves it too.
    if assessment.recorded_by_id == supervisor.pk:
        raise TriageError("You recorded this outcome, so another supervisor must review it.")
    return current, assessment


def _review_mark(assessment: Assessment, supervisor, comment: str):
    """Who reviewed the outcome, when, and what they said (saved by the caller)."""
    now = timezone.now()
    assessment.reviewed_at = now
    assessment.reviewed_by = supervisor
    assessment.review_comment = comment.strip()
    return now


@transaction.atomic
def submission_review_approve(
    *, submission: Submission, supervisor, comment: str = "", request=None
) -> Submission:
    current, assessment = _review_start(submission, supervisor, Status.CLOSED)
    now = _review_mark(assessment, supervisor, comment)
    assessment.save(update_fields=["reviewed_at", "reviewed_by", "review_comment", "updated_at"])
    _write(current, status=Status.CLOSED, closed_at=now)
    if current.outcome == Outcome.INTELLIGENCE_LOG:
        # Approves the log for export (re-checked by the gate) and records LOG_APPROVED.
        intelligence_log_approve(submission=current, supervisor=supervisor, request=request)
    _status_changed(
        current,
        actor=supervisor,
        request=request,
        before=Status.AWAITING_REVIEW,
        after=Status.CLOSED,
        action="approve",
    )
    return _refresh(submission)


@transaction.atomic
def submission_review_return(
    *, submission: Submission, supervisor, comment: str, request=None
) -> Submission:
    """Send the outcome back to its handler with a comment saying what to change."""
    if not comment or not comment.strip():
        raise ValidationError({"comment": "Enter what the handler needs to change"})
    current, assessment = _review_start(submission, supervisor, Status.IN_PROGRESS)
    _review_mark(assessment, supervisor, comment)
    # No longer a recorded outcome: the handler revises the draft and records it again.
    assessment.recorded_at = None
    assessment.recorded_by = None
    assessment.save()
    _write(current, status=Status.IN_PROGRESS, outcome="", closed_at=None)
    if current.outcome == Outcome.INTELLIGENCE_LOG:
        # Records LOG_RETURNED; the handler's next "record outcome" remakes the same log.
        intelligence_log_return(submission=current, supervisor=supervisor, request=request)
    _status_changed(
        current,
        actor=supervisor,
        request=request,
        before=Status.AWAITING_REVIEW,
        after=Status.IN_PROGRESS,
        action="return",
    )
    return _refresh(submission)


# --- Source and notes ----------------------------------------------------------------------------
@transaction.atomic
def source_reveal(*, submission: Submission, user, reason: str, request=None) -> Source:
    """Record who looked at the source's contact details and why, then hand them over.

    The audit event holds the reason, never the source's details.
    """
    if not can_reveal(user, submission):
        raise NotPermitted(
            "Only the handler who claimed this submission or a supervisor can see the source."
        )
    reason = (reason or "").strip()
    if len(reason) < REVEAL_REASON_MIN_LENGTH:
        raise ValidationError(
            {"reason": "Enter why you need to see the source's details, in at least 10 characters"}
        )
    try:
        source = Source.objects.get(submission=submission)
    except Source.DoesNotExist:
        raise TriageError("This submission has no source details.") from None
    # The reason goes into the append-only audit trail: it must not carry the source's identity.
    if find_source_identifiers(reason, identity_for_submission(submission)):
        raise ValidationError(
            {"reason": "Do not include the source's name or contact details in the reason"}
        )
    reveal = SourceReveal.objects.create(submission=submission, revealed_by=user, reason=reason)
    audit_event_record(
        action=Action.SOURCE_REVEALED,
        actor=user,
        request=request,
        submission=submission,
        object_type="source_reveal",
        object_id=reveal.pk,
        details={"reason": reason},
    )
    return source


@transaction.atomic
def note_add(*, submission: Submission, user, text: str, request=None) -> Note:
    """Anyone working the queue may add context to a submission, claimed or not."""
    if not is_handler(user):
        raise NotPermitted("You do not have permission to add notes.")
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the note"})
    note = Note.objects.create(submission=submission, author=user, text=text)
    # The note's text stays out of the audit trail: it may quote the submission.
    audit_event_record(
        action=Action.NOTE_ADDED,
        actor=user,
        request=request,
        submission=submission,
        object_type="note",
        object_id=note.pk,
    )
    return note
