"""The handler's assessment, and recording one of the four outcomes."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from cpi.crypto import DecryptionError
from submissions.identity import allowed_phrases, identifier_reasons, identity_for_submission
from submissions.models import Outcome, Status, Submission
from triage.clocks import due_changes
from triage.models import Assessment
from triage.outcomes import outcome_handler
from triage.rules import FIELDS_OF_OUTCOME, assessment_errors
from triage.services._common import (
    ASSESSMENT_FIELDS,
    NotPermitted,
    _locked,
    _refresh,
    _status_changed,
    _write,
)
from triage.services.identifiers import (
    IdentifierDecisions,
    identifier_decisions_check,
    identifier_decisions_record,
)
from triage.state import InvalidTransition, StaleVersion, status_after_outcome, transition_check


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


def _locked_and_valid(
    submission: Submission, user, version: int, data: dict[str, Any], *, recording: bool
) -> Submission:
    """The submission locked for this handler's edit, once the answers pass the rules."""
    current = _locked(submission)
    _check_editable(current, user, version)
    errors = assessment_errors(data, recording=recording)
    if errors:
        raise ValidationError(errors)
    return current


# The draft's texts that become the exported log.
_LOG_DRAFT_FIELDS = ("log_text", "handling_conditions")


def _kept_phrases(data: dict[str, Any]) -> tuple[str, ...]:
    """What the handler kept as a subject's on the assessment page, if the page sent any."""
    return tuple(getattr(data.get("identifier_decisions"), "kept_phrases", ()) or ())


def _draft_source_check(current: Submission, data: dict[str, Any], kept: tuple[str, ...]) -> None:
    """Refuse a draft whose log text the export gate's screen would refuse: the same check, the
    same exemptions (the subjects' and persons of concern's names, the handler's kept phrases).
    The error names the kind of identifier, never its value."""
    texts = {name: data.get(name) or "" for name in _LOG_DRAFT_FIELDS}
    texts = {name: text for name, text in texts.items() if text.strip()}
    if not texts:
        return
    try:
        identity = identity_for_submission(current)
    except DecryptionError as exc:
        raise ValidationError(
            {
                name: "The source's details could not be read, so this text cannot be checked"
                for name in texts
            }
        ) from exc
    allowed = allowed_phrases(current.subjects.all(), current.persons_of_concern.all(), kept=kept)
    errors = {}
    for name, text in texts.items():
        reasons = identifier_reasons([text], identity, allowed=allowed)
        if reasons:
            errors[name] = (
                f"This still points to the source ({'; '.join(reasons)}). "
                "Remove it, or reword it, before you save"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_save(
    *, submission: Submission, user, version: int, data: dict[str, Any]
) -> Submission:
    """Save the assessment as a draft: risk, priority, grading and any outcome details so far.

    Log text is held to the export gate's rule even as a draft: nothing at rest outside the
    encrypted source fields may name the source."""
    kept = _kept_phrases(data)
    data = {k: v for k, v in data.items() if k != "identifier_decisions"}
    current = _locked_and_valid(submission, user, version, data, recording=False)
    _draft_source_check(current, data, kept)
    assessment = _assessment_apply(current, user, data)
    assessment.full_clean(exclude=["submission"])
    assessment.save()
    _write(current, version=version, **due_changes(current, _submission_changes(data)))
    audit_event_record(
        action=Action.ASSESSMENT_SAVED,
        actor=user,
        submission=current,
        object_type="assessment",
        object_id=assessment.pk,
        details={"grading": assessment.grading},
    )
    return _refresh(submission)


@transaction.atomic
def outcome_record(
    *, submission: Submission, user, version: int, data: dict[str, Any]
) -> Submission:
    """Record exactly one outcome. Closes the submission, or sends it for a supervisor's review.

    ``data["identifier_decisions"]`` (an IdentifierDecisions) holds the handler's keep/remove
    choice for each identifier the sanitiser was unsure of; a log needs every one decided."""
    data = dict(data)
    decided = data.pop("identifier_decisions", None) or IdentifierDecisions()
    current = _locked_and_valid(submission, user, version, data, recording=True)
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
        identifier_decisions_check(decided, assessment.log_text)
    handler = outcome_handler(outcome)
    if handler is not None:
        # The log is its own record, made behind the export gate: a log that still points to the
        # source raises (a form error on log_text) and this whole transaction saves nothing.
        log = handler.record(
            submission=current,
            assessment=assessment,
            kept_phrases=decided.kept_phrases,
            user=user,
            approval_required=target == Status.AWAITING_REVIEW,
        )
        identifier_decisions_record(decided=decided, submission=current, user=user, log=log)

    changes = due_changes(current, _submission_changes(data))
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
        submission=current,
        object_type="assessment",
        object_id=assessment.pk,
        details={"grading": assessment.grading},
    )
    audit_event_record(
        action=Action.OUTCOME_RECORDED,
        actor=user,
        submission=current,
        object_type="assessment",
        object_id=assessment.pk,
        details={"outcome": outcome, "review_required": target == Status.AWAITING_REVIEW},
    )
    _status_changed(current, actor=user, before=current.status, after=target, action="record")
    return _refresh(submission)
