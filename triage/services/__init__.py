"""Every triage write: claiming, releasing, assigning, assessing, recording, reviewing, revealing.

Each function locks the submission row, asks triage.state whether the move is allowed, writes with
a compare-and-set on `version` (so a concurrent change is never silently overwritten), bumps the
version and records the audit event, all in one transaction.
"""

from triage.services._common import (
    ASSESSMENT_FIELDS,
    REVEAL_REASON_MIN_LENGTH,
    TAKE_NEXT_ATTEMPTS,
    NotPermitted,
)
from triage.services.assessing import assessment_save, outcome_record
from triage.services.claiming import (
    submission_assign,
    submission_claim,
    submission_release,
    submission_take_next,
)
from triage.services.identifiers import identifier_decisions
from triage.services.permissions import can_edit, can_release, can_reveal, can_review
from triage.services.recontact import (
    recontact_record,
    source_email_render,
    source_email_send,
    source_email_template,
    source_email_template_save,
)
from triage.services.review import (
    submission_review,
    submission_review_approve,
    submission_review_return,
)
from triage.services.source import note_add, source_reveal
from triage.services.urgency import URGENCY_DECISIONS, UrgencyNotOpen, urgency_decide

__all__ = [
    "ASSESSMENT_FIELDS",
    "REVEAL_REASON_MIN_LENGTH",
    "TAKE_NEXT_ATTEMPTS",
    "URGENCY_DECISIONS",
    "NotPermitted",
    "UrgencyNotOpen",
    "assessment_save",
    "can_edit",
    "can_release",
    "can_reveal",
    "can_review",
    "identifier_decisions",
    "note_add",
    "outcome_record",
    "recontact_record",
    "source_email_render",
    "source_email_send",
    "source_email_template",
    "source_email_template_save",
    "source_reveal",
    "submission_assign",
    "submission_claim",
    "submission_release",
    "submission_review",
    "submission_review_approve",
    "submission_review_return",
    "submission_take_next",
    "urgency_decide",
]
