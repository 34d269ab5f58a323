"""Revealing the source (with a reason) and internal notes."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.access import is_handler
from audit.models import Action
from audit.services import audit_event_record
from sanitiser.screen import source_hit_kinds
from submissions.identity import identity_for_submission, submission_allowed_phrases
from submissions.models import Source, Submission
from triage.models import Note, SourceReveal
from triage.services._common import REVEAL_REASON_MIN_LENGTH, NotPermitted
from triage.services.permissions import can_reveal
from triage.state import TriageError


@transaction.atomic
def source_reveal(*, submission: Submission, user, reason: str) -> Source:
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
    found = _source_kinds_in(reason, submission)
    if found:
        raise ValidationError({"reason": f"Do not include {_in_words(found)} in the reason"})
    reveal = SourceReveal.objects.create(submission=submission, revealed_by=user, reason=reason)
    audit_event_record(
        action=Action.SOURCE_REVEALED,
        actor=user,
        submission=submission,
        object_type="source_reveal",
        object_id=reveal.pk,
        details={"reason": reason},
    )
    return source


# What a refusal says was found: the kind, never the value.
KIND_WORDS = {
    "name": "the source's name",
    "email": "the source's email address",
    "phone": "the source's phone number",
    "organisation": "the source's organisation",
}


def _source_kinds_in(reason: str, submission: Submission) -> list[str]:
    """The kinds of the source's identifiers in a reveal reason, found by the export gate's screen
    (a full-width or spaced-out name is still the name). A reason is a line about the source, so
    any token of their name counts, a first name alone too; their job title ("DSL") does not, and
    neither does a subject's name as the professional entered it."""
    identity = identity_for_submission(submission)
    return source_hit_kinds(reason, identity, allowed=submission_allowed_phrases(submission))


def _in_words(kinds: list[str]) -> str:
    words = [KIND_WORDS.get(kind, f"the source's {kind}") for kind in kinds]
    if len(words) == 1:
        return words[0]
    # "the source's name or phone number"
    rest = [word.removeprefix("the source's ") for word in words[1:]]
    return ", ".join([words[0], *rest[:-1]]) + " or " + rest[-1]


@transaction.atomic
def note_add(*, submission: Submission, user, text: str) -> Note:
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
        submission=submission,
        object_type="note",
        object_id=note.pk,
    )
    return note
