"""Re-contacting a source: recording a contact, the service's short email, and its template."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.access import is_supervisor
from audit.models import Action
from audit.services import audit_event_record
from submissions.forms.base import uk_phone_normalise
from submissions.models import NotificationOutbox, Source, Submission
from submissions.services import notification_enqueue
from triage.models import Recontact, RecontactMethod, SourceEmailTemplate, SourceReveal
from triage.services._common import NotPermitted
from triage.services.permissions import can_reveal
from triage.services.source import _in_words, _source_kinds_in
from triage.state import TriageError

# The only words of a template that are filled in: nothing else of a submission can reach it.
PLACEHOLDERS = ("{reference}", "{unit_phone}")
_BRACES = re.compile(r"\{[^{}]*\}|[{}]")
SERVICE_EMAIL_RESULT = "Sent the service's email: the reference and the unit's phone number only"


def _may_recontact(user, submission: Submission) -> None:
    """Only someone who may see the source, and has (with a recorded reason), contacts them."""
    if not can_reveal(user, submission):
        raise NotPermitted(
            "Only the handler who claimed this submission or a supervisor can contact the source."
        )
    if not SourceReveal.objects.filter(submission=submission, revealed_by=user).exists():
        raise NotPermitted(
            "Reveal the source's details, with your reason, before you contact them."
        )


def _checked(submission: Submission, **texts: str) -> dict[str, str]:
    """Each text required, and free of the source's identifiers (they stay in the source's
    encrypted fields; a re-contact's words are read by everyone working the queue)."""
    errors, cleaned = {}, {}
    for name, text in texts.items():
        text = (text or "").strip()
        if not text:
            errors[name] = f"Enter the {name}"
            continue
        found = _source_kinds_in(text, submission)
        if found:
            errors[name] = f"Do not include {_in_words(found)} in the {name}"
        cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def _recorded(recontact: Recontact, user, submission: Submission, action: str) -> None:
    # The method only: the reason and result stay in the unit's record, out of the trail.
    audit_event_record(
        action=action,
        actor=user,
        submission=submission,
        object_type="recontact",
        object_id=recontact.pk,
        details={"method": recontact.method},
    )


@transaction.atomic
def recontact_record(
    *, submission: Submission, user, reason: str, method: str, result: str
) -> Recontact:
    """Record a contact with the source made by phone, email or in person."""
    _may_recontact(user, submission)
    if method not in RecontactMethod.values:
        raise ValidationError({"method": "Select how you contacted the source"})
    texts = _checked(submission, reason=reason, result=result)
    recontact = Recontact.objects.create(
        submission=submission, recorded_by=user, method=method, **texts
    )
    _recorded(recontact, user, submission, Action.RECONTACT_RECORDED)
    return recontact


# --- The service's email to the source --------------------------------------------------------
DEFAULT_SUBJECT = "Your CPI form {reference}"
DEFAULT_BODY = (
    "Thank you for sharing information with us. We would like to speak to you about it.\n\n"
    "Please call the intelligence unit on {unit_phone} when it is safe for you to do so, and "
    "quote the reference {reference}.\n\n"
    "Do not reply to this email."
)


def source_email_template() -> SourceEmailTemplate | None:
    """The newest version of the template, or None if a supervisor has not written one."""
    return SourceEmailTemplate.objects.order_by("-created_at").first()


def source_email_render(template: SourceEmailTemplate, *, reference: str) -> tuple[str, str]:
    """(subject, body) with the reference and the unit's phone filled in, and nothing else."""
    values = {"{reference}": reference, "{unit_phone}": template.unit_phone}

    def fill(text: str) -> str:
        for placeholder, value in values.items():
            text = text.replace(placeholder, value)
        return text

    return fill(template.subject), fill(template.body)


@transaction.atomic
def source_email_send(*, submission: Submission, user, reason: str) -> Recontact:
    """Queue the template's email to the source and record it as a re-contact.

    The outbox row holds the filled-in words (a reference and a phone number); the address is
    read from the source's encrypted field only when the email is sent. A Redis outage delays
    it, as any notification.
    """
    _may_recontact(user, submission)
    template = source_email_template()
    if template is None:
        raise TriageError("A supervisor has not written the source email yet.")
    source = Source.objects.filter(submission=submission).first()
    if source is None or source.purged_at is not None or not source.email:
        raise TriageError("The source's email address is no longer held.")
    texts = _checked(submission, reason=reason)
    subject, body = source_email_render(template, reference=submission.reference)
    outbox = NotificationOutbox.objects.create(
        submission=submission, kind=NotificationOutbox.Kind.SOURCE_EMAIL, subject=subject, body=body
    )
    recontact = Recontact.objects.create(
        submission=submission,
        recorded_by=user,
        method=RecontactMethod.EMAIL,
        reason=texts["reason"],
        result=SERVICE_EMAIL_RESULT,
        by_service_email=True,
    )
    _recorded(recontact, user, submission, Action.SOURCE_EMAILED)
    outbox_id = outbox.pk
    transaction.on_commit(lambda: notification_enqueue(outbox_id=outbox_id))
    return recontact


def _template_errors(subject: str, body: str, unit_phone: str) -> dict[str, str]:
    errors = {}
    for name, text in (("subject", subject), ("body", body)):
        if not text:
            errors[name] = f"Enter the email's {name}"
            continue
        unknown = [m for m in _BRACES.findall(text) if m not in PLACEHOLDERS]
        if unknown:
            errors[name] = "Use only {reference} and {unit_phone} in curly brackets"
    if body and "{reference}" not in body:
        errors.setdefault("body", "Include {reference} in the body, so the source can quote it")
    if not unit_phone:
        errors["unit_phone"] = "Enter the unit's phone number"
    elif uk_phone_normalise(unit_phone) is None:
        errors["unit_phone"] = "Enter a UK phone number, like 0117 496 0123"
    return errors


@transaction.atomic
def source_email_template_save(
    *, user, subject: str, body: str, unit_phone: str
) -> SourceEmailTemplate:
    """A supervisor's new version of the template. Only {reference} and {unit_phone} are filled
    in; any other {...} is refused, so no one can ask for a submission's content."""
    if not is_supervisor(user):
        raise NotPermitted("Only a supervisor can change the source email.")
    subject, body, unit_phone = (subject or "").strip(), (body or "").strip(), unit_phone.strip()
    errors = _template_errors(subject, body, unit_phone)
    if errors:
        raise ValidationError(errors)
    template = SourceEmailTemplate.objects.create(
        subject=subject, body=body, unit_phone=unit_phone, changed_by=user
    )
    audit_event_record(
        action=Action.RECONTACT_TEMPLATE_CHANGED,
        actor=user,
        object_type="source_email_template",
        object_id=template.pk,
    )
    return template
