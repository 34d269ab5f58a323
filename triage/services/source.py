"""Revealing the source (with a reason) and internal notes."""

import re

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.access import is_handler
from audit.models import Action
from audit.services import audit_event_record
from intelligence.preview import identity_for_submission
from sanitiser import SourceIdentity, find_source_identifiers
from submissions.models import Source, Submission
from triage.models import Note, SourceReveal
from triage.services._common import REVEAL_REASON_MIN_LENGTH, NotPermitted
from triage.services.permissions import can_reveal
from triage.state import TriageError


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
    if _names_the_source(reason, identity_for_submission(submission)):
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


_WORD = re.compile(r"[^\W\d_]+")
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "rev", "sir", "dame"})


def _names_the_source(reason: str, identity: SourceIdentity) -> bool:
    """Stricter than the sanitiser's check, which leaves a lone first name in running text (it
    may be a subject's): a reason is a line about the source, so any part of their name counts."""
    if find_source_identifiers(reason, identity):
        return True
    names = " ".join([identity.name or "", *identity.aliases])
    parts = {w.casefold() for w in _WORD.findall(names) if len(w) > 1} - _TITLES
    words = {w.casefold() for w in _WORD.findall(reason)}
    # "Sarahs mobile": a possessive typed without its apostrophe is still the name.
    return any(w in parts or (w.endswith("s") and w[:-1] in parts) for w in words)


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
