"""The handler's decisions on the identifiers the sanitiser was unsure of.

The sanitiser lists every identifier nobody entered as a subject's ("unknown") with its own
choice; the assessment page shows each with a keep/remove control, prefilled. Recording a log
saves the decisions: the kept ones become the log's kept phrases (the export gate lets exactly
those through), and every decision is in the audit trail by kind and position, never by value,
since an unknown may be the source's own name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from audit.models import Action
from audit.services import audit_event_record
from sanitiser import KEEP, REMOVE, Finding

KIND_WORDS = {
    "person": "name",
    "proper": "name",
    "organisation": "organisation",
    "role": "job title",
    "address": "address",
    "postcode": "postcode",
    "place": "place",
    "phone": "phone number",
    "email": "email address",
    "web": "web address",
    "handle": "social media handle",
    "number": "reference number",
    "vehicle": "vehicle",
    "header": "mail header",
    "signature": "signature",
    "letterhead": "letterhead",
}


@dataclass(frozen=True)
class IdentifierDecisions:
    """Each unknown with the handler's decision (the machine's where none was posted)."""

    findings: tuple[Finding, ...] = ()
    posted: dict[str, str] = field(default_factory=dict)

    @property
    def undecided(self) -> list[Finding]:
        return [f for f in self.findings if f.key not in self.posted]

    @property
    def kept_phrases(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.text for f in self.findings if not f.removed))

    def audit_details(self) -> dict[str, object]:
        """Counts and one line per decision: kind, where it stood, the machine's suggestion and
        the decision. Never the identifier itself."""
        lines = []
        changed = 0
        for f in self.findings:
            machine = REMOVE if f.machine_removed else KEEP
            decision = REMOVE if f.removed else KEEP
            changed += machine != decision
            kind = KIND_WORDS.get(f.kind, f.kind)
            lines.append(f"{kind} at character {f.start}: suggested {machine}, {decision}")
        return {
            "kept": sum(not f.removed for f in self.findings),
            "removed": sum(f.removed for f in self.findings),
            "changed from the suggestion": changed,
            "decisions": lines,
        }


def identifier_decisions(*, proposal, decisions: dict[str, str]) -> IdentifierDecisions:
    """The unknowns of the proposal built with ``decisions``, and what was posted for them."""
    if proposal is None:
        return IdentifierDecisions()
    return IdentifierDecisions(findings=tuple(proposal.unknowns), posted=dict(decisions))


def identifier_decisions_check(decided: IdentifierDecisions, log_text: str) -> None:
    """Nobody records a log with an undecided unknown, or with one they chose to remove still in
    the text they typed. The errors name the kind, never the value."""
    if decided.undecided:
        count = len(decided.undecided)
        raise ValidationError(
            {
                "log_text": (
                    f"Decide whether to keep or remove each identifier the sanitiser was unsure "
                    f"of ({count} not decided)"
                )
            }
        )
    folded = log_text.casefold()
    for finding in decided.findings:
        if not finding.removed:
            continue
        pattern = r"(?<!\w)" + re.escape(finding.text.casefold()) + r"(?!\w)"
        if re.search(pattern, folded):
            kind = KIND_WORDS.get(finding.kind, "identifier")
            raise ValidationError(
                {"log_text": f"The log text still holds a {kind} you chose to remove"}
            )


def identifier_decisions_record(*, decided: IdentifierDecisions, submission, user, log) -> None:
    if not decided.findings:
        return
    audit_event_record(
        action=Action.IDENTIFIERS_DECIDED,
        actor=user,
        submission=submission,
        object_type="intelligence_log",
        object_id=log.pk,
        details=decided.audit_details(),
    )
