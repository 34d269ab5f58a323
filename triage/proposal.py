"""The sanitiser's proposal for a log, the highlighted preview a handler reviews, and what the
log will carry of the structured answers (the subject details copied onto it, sanitised).

Submitted text is untrusted: every piece of it is escaped, and only the <mark> elements built here
are marked safe.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cpi.crypto import DecryptionError
from sanitiser import (
    KEEP,
    MARKER,
    REMOVE,
    SOURCE,
    UNKNOWN,
    ClassifiedResult,
    Finding,
    SanitiseResult,
    SourceIdentity,
    SubjectDetails,
    sanitise,
)
from submissions.identity import identity_for_submission
from submissions.models import Submission
from triage.masking import mask_source

REMOVED_CLASS = "cpi-removed"
UNKNOWN_KEPT_CLASS = "cpi-unknown"
MARKER_CLASS = "cpi-marker"
FLAGGED_CLASS = "cpi-flagged"


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    css_class: str
    title: str


@dataclass(frozen=True)
class LogProposal:
    """What the handler sees: the sanitised text to edit, and the two highlighted previews."""

    result: ClassifiedResult
    original_html: SafeString
    proposed_html: SafeString

    @property
    def text(self) -> str:
        return self.result.text

    @property
    def unknowns(self) -> list[Finding]:
        """Identifiers nobody entered as a subject's: the handler keeps or removes each."""
        return self.result.unknowns


def structured_answers(submission: Submission) -> dict[str, list[dict[str, Any]]]:
    """What the professional entered on the structured pages, field by field, as entered."""
    return {
        "subjects": [
            {
                "name": s.name,
                "date_of_birth": s.date_of_birth.isoformat() if s.date_of_birth else "",
                "approximate_age": s.approximate_age or "",
                "address": s.address,
                "setting": s.setting,
                "description": s.description,
            }
            for s in submission.subjects.all()
        ],
        "persons_of_concern": [
            {
                "name": p.name,
                "nicknames": p.nicknames,
                "description": p.description,
                "phone_numbers": p.phone_numbers,
                "social_media": p.social_media,
            }
            for p in submission.persons_of_concern.all()
        ],
        "places": [
            {"name": p.name, "address": p.address, "description": p.description}
            for p in submission.places.all()
        ],
        "vehicles": [
            {
                "make": v.make,
                "model": v.model,
                "colour": v.colour,
                "registration": v.registration,
                "description": v.description,
            }
            for v in submission.vehicles.all()
        ],
    }


def details_for_submission(submission: Submission) -> SubjectDetails:
    """What the professional entered on the structured pages, as the sanitiser reads it."""
    return SubjectDetails.from_form(structured_answers(submission))


def proposal_input(submission: Submission) -> str:
    """The free text that becomes the log: when it happened (the date and time given), the
    information, and the professional's own words on when."""
    parts = []
    when = []
    if submission.occurred_on:
        when.append(submission.occurred_on.strftime("%-d %B %Y"))
    if submission.occurred_time:
        when.append(submission.occurred_time.strftime("%H:%M"))
    if when:
        parts.append("Date and time: " + ", ".join(when))
    parts.append(submission.information.strip())
    if submission.when_description.strip():
        parts.append(f"When: {submission.when_description.strip()}")
    return "\n\n".join(part for part in parts if part)


def render_marked(text: str, marks: list[Mark]) -> SafeString:
    """Escape `text` and wrap each marked stretch in <mark class=...>.

    Marks may overlap (a flagged sentence holding a removal): the text is cut at every boundary and
    each piece carries the classes of every mark covering it, so no element is left half open.
    """
    bounds = {0, len(text)}
    for mark in marks:
        bounds.update((max(0, mark.start), min(len(text), mark.end)))
    cuts = sorted(bounds)
    html: list[str] = []
    for start, end in itertools.pairwise(cuts):
        if start >= end:
            continue
        piece = escape(text[start:end])
        covering = [m for m in marks if m.start <= start and end <= m.end]
        if not covering:
            html.append(piece)
            continue
        classes = " ".join(sorted({m.css_class for m in covering}))
        title = "; ".join(dict.fromkeys(m.title for m in covering if m.title))
        html.append(f'<mark class="{escape(classes)}" title="{escape(title)}">{piece}</mark>')
    return mark_safe("".join(html))  # noqa: S308 - every piece of text above is escaped


def _marker_marks(text: str) -> list[Mark]:
    marks = []
    start = text.find(MARKER)
    while start != -1:
        marks.append(Mark(start, start + len(MARKER), MARKER_CLASS, "Removed"))
        start = text.find(MARKER, start + len(MARKER))
    return marks


SOURCE_MASKS = {
    "name": "[source name]",
    "organisation": "[source organisation]",
    "email": "[source email]",
    "phone": "[source phone]",
    "role": "[source role]",
    "signature": "[source signature]",
    "address": "[source address]",
    "colleague": "[source colleague]",
    "person": "[source colleague]",
}


def source_mask_label(kind: str) -> str:
    return SOURCE_MASKS.get(kind, "[source detail]")


def masked_slice(original: str, start: int, end: int, result: SanitiseResult) -> str:
    """original[start:end] with every stretch of the source's shown as a mask of its kind,
    never the value, so a panel the handler reads before any reveal names nobody."""
    sources = [
        f
        for f in getattr(result, "findings", [])
        if f.cls == SOURCE and f.start < end and start < f.end
    ]
    pieces = []
    cursor = start
    for finding in sorted(sources, key=lambda f: f.start):
        if finding.start > cursor:
            pieces.append(original[cursor : finding.start])
        if finding.end > cursor:
            pieces.append(source_mask_label(finding.kind))
            cursor = finding.end
    pieces.append(original[cursor:end])
    return "".join(pieces)


def _masked_original_html(original: str, result: SanitiseResult) -> SafeString:
    """The original with removals struck through; the source's own identifiers are shown as
    masks of their kind ("[source name]"), everything else as written."""
    findings = sorted(getattr(result, "findings", []), key=lambda f: f.start)
    html: list[str] = []
    cursor = 0
    for finding in findings:
        if finding.start < cursor or not (finding.removed or finding.cls == UNKNOWN):
            continue
        html.append(escape(original[cursor : finding.start]))
        if finding.cls == SOURCE:
            shown, css, title = source_mask_label(finding.kind), REMOVED_CLASS, "Removed: source"
        elif finding.removed:
            shown, css, title = finding.text, REMOVED_CLASS, "Removed: decide below"
        else:
            shown, css, title = finding.text, UNKNOWN_KEPT_CLASS, "Kept: decide below"
        html.append(f'<mark class="{css}" title="{escape(title)}">{escape(shown)}</mark>')
        cursor = finding.end
    html.append(escape(original[cursor:]))
    return mark_safe("".join(html))  # noqa: S308 - every piece of text above is escaped


def proposal_preview(result: SanitiseResult, original: str) -> LogProposal:
    if isinstance(result, ClassifiedResult):
        flagged = [
            Mark(span.start, span.end, FLAGGED_CLASS, f"Reword: {span.reason}")
            for span in result.flagged
        ]
        return LogProposal(
            result=result,
            original_html=_masked_original_html(original, result),
            proposed_html=render_marked(result.text, _marker_marks(result.text) + flagged),
        )
    removed = [
        Mark(span.start, span.end, REMOVED_CLASS, f"Removed: {span.reason}")
        for span in result.removed
    ]

    flagged = [
        Mark(span.start, span.end, FLAGGED_CLASS, f"Reword: {span.reason}")
        for span in result.flagged
    ]
    return LogProposal(
        result=result,
        original_html=render_marked(original, removed),
        proposed_html=render_marked(result.text, _marker_marks(result.text) + flagged),
    )


def log_text_propose(
    submission: Submission, decisions: dict[str, str] | None = None
) -> LogProposal | None:
    """Run the sanitiser over the submission for the handler to review, with the handler's
    decisions on the unknowns so far; None if the source's details cannot be decrypted (the
    handler then writes the log text unaided)."""
    try:
        identity = identity_for_submission(submission)
    except DecryptionError:
        return None
    original = proposal_input(submission)
    result = sanitise(original, identity, details_for_submission(submission), decisions)
    return proposal_preview(result, original)


def decisions_from(data) -> dict[str, str]:
    """The handler's keep/remove choices from a posted form: fields named finding-START-END."""
    decisions = {}
    for name, value in data.items():
        if name.startswith("finding-") and value in (KEEP, REMOVE):
            start, _, end = name.removeprefix("finding-").partition("-")
            if start.isdigit() and end.isdigit():
                decisions[f"{start}:{end}"] = value
    return decisions


# --- What the handler reviews before recording --------------------------------------------------
UNKNOWN_KIND_LABELS = {
    "person": "Name",
    "proper": "Name",
    "organisation": "Organisation",
    "role": "Job title",
    "address": "Address",
    "postcode": "Postcode",
    "place": "Place",
    "phone": "Phone number",
    "email": "Email address",
    "web": "Web address",
    "handle": "Social media handle",
    "number": "Reference number",
    "vehicle": "Vehicle",
    "header": "Mail header",
    "signature": "Signature",
    "letterhead": "Letterhead",
    "name": "Name",
    "initials": "Initials",
    "premises": "Premises",
    "colleague": "Colleague",
    # A clause in which the writer describes their own work, role or tie to the subject.
    "self-description": "About the writer",
    # A word of the writer's kind of workplace ("at poolside", "his supervised dose").
    "setting-word": "Workplace word",
    # A stretch the learned reading marks as the writer's that no rule caught.
    "learned": "About the writer (learned)",
}


@dataclass(frozen=True)
class UnknownRow:
    """One identifier the sanitiser was unsure of, as the assessment page lists it."""

    field_name: str
    kind: str
    before: str
    value: str
    after: str
    removed: bool
    machine_removed: bool
    reason: str


def unknown_rows(
    proposal: LogProposal | None, original: str, mask: Callable[[str], str] = str
) -> list[UnknownRow]:
    """Each unknown with the words around it. ``mask`` hides the source's identifiers (the page's
    mask before a reveal): an unknown that is a word of the source's shows as what it is."""
    if proposal is None:
        return []
    rows = []
    for finding in proposal.unknowns:
        before = masked_slice(original, max(0, finding.start - 40), finding.start, proposal.result)
        after = masked_slice(original, finding.end, finding.end + 40, proposal.result)
        rows.append(
            UnknownRow(
                field_name=f"finding-{finding.start}-{finding.end}",
                kind=UNKNOWN_KIND_LABELS.get(finding.kind, finding.kind.title()),
                before=("…" if finding.start > 40 else "") + mask(before),
                value=mask(finding.text),
                after=mask(after) + ("…" if finding.end + 40 < len(original) else ""),
                removed=finding.removed,
                machine_removed=finding.machine_removed,
                reason=finding.reason,
            )
        )
    return rows


# --- What the log will carry -----------------------------------------------------------------
def _clean(value: str, identity: SourceIdentity, details: SubjectDetails | None = None) -> str:
    """Sanitise a descriptive field copied from the submission (a subject's school may be the
    source's own organisation). Names, numbers and handles are copied as they are: the gate
    still checks them."""
    value = (value or "").strip()
    return sanitise(value, identity, details).text if value else ""


def _clean_entered(
    value: str, identity: SourceIdentity, details: SubjectDetails | None = None
) -> str:
    """A subject's address or setting as entered: the whole value is the subject's, so only the
    source's own identifiers go. Read alone, a one-line value looked like a signature and was
    removed whole ("Riverside Community College")."""
    value = (value or "").strip()
    if not value:
        return ""
    details = details or SubjectDetails()
    return sanitise(value, identity, replace(details, kept=(*details.kept, value))).text


def subject_details_copy(
    submission: Submission, identity: SourceIdentity, details: SubjectDetails | None = None
) -> dict[str, list[dict[str, Any]]]:
    """The subject information police need, frozen onto the log as plain JSON. Descriptive
    fields are sanitised knowing the structured answers (``details``), so a subject's or a
    suspect's name in a description stays."""
    if details is None:
        details = details_for_submission(submission)
    return {
        "subjects": [
            {
                "name": s.name,
                "date_of_birth": s.date_of_birth.isoformat() if s.date_of_birth else "",
                "approximate_age": s.approximate_age,
                "address": _clean_entered(s.address, identity, details),
                "setting": _clean_entered(s.setting, identity, details),
                "description": _clean(s.description, identity, details),
            }
            for s in submission.subjects.all()
        ],
        "persons_of_concern": [
            {
                "name": p.name,
                "nicknames": p.nicknames,
                "description": _clean(p.description, identity, details),
                "phone_numbers": p.phone_numbers,
                "social_media": p.social_media,
            }
            for p in submission.persons_of_concern.all()
        ],
        "places": [
            {
                "name": _clean_entered(p.name, identity, details),
                "address": _clean_entered(p.address, identity, details),
                "description": _clean(p.description, identity, details),
            }
            for p in submission.places.all()
        ],
        "vehicles": [
            {
                "make": v.make,
                "model": v.model,
                "colour": v.colour,
                "registration": v.registration,
                "description": _clean(v.description, identity, details),
            }
            for v in submission.vehicles.all()
        ],
    }


@dataclass(frozen=True)
class ExportedField:
    """One structured field that leaves with the log: what was entered and what will leave."""

    section: str
    label: str
    entered: str
    exported_html: SafeString
    changed: bool


_EXPORTED_LABELS = {
    "subjects": (
        "Person at risk",
        ("name", "date_of_birth", "approximate_age", "address", "setting", "description"),
    ),
    "persons_of_concern": (
        "Person of concern",
        ("name", "nicknames", "description", "phone_numbers", "social_media"),
    ),
    "places": ("Place", ("name", "address", "description")),
    "vehicles": ("Vehicle", ("make", "model", "colour", "registration", "description")),
}


def exported_field_rows(
    entered: dict[str, list[dict]], exported: dict[str, list[dict]]
) -> list[ExportedField]:
    """Every structured field that will leave, with the sanitiser's removals marked and the
    entered value beside any field the sanitiser changed."""
    rows = []
    for key, (section, fields) in _EXPORTED_LABELS.items():
        for number, (before, after) in enumerate(
            zip(entered.get(key, []), exported.get(key, []), strict=False), start=1
        ):
            for name in fields:
                was = str(before.get(name) or "")
                now = str(after.get(name) or "")
                if not was and not now:
                    continue
                rows.append(
                    ExportedField(
                        section=f"{section} {number}",
                        label=name.replace("_", " ").capitalize(),
                        entered=was,
                        exported_html=render_marked(now, _marker_marks(now)),
                        changed=was != now,
                    )
                )
    return rows


def exported_fields_for(submission) -> list:
    """The structured fields that will leave with the submission's log, as the handler reviews
    them before recording: entered values beside what the sanitiser makes of them."""
    try:
        identity = identity_for_submission(submission)
    except DecryptionError:
        return []
    exported = subject_details_copy(submission, identity)
    entered = structured_answers(submission)
    # approximate_age is a number on the log; compare it as text.
    for item in exported["subjects"]:
        item["approximate_age"] = item.get("approximate_age") or ""
    # What was entered is shown beside a changed field: masked where it names the source.
    allowed = details_for_submission(submission).protected_names
    for items in entered.values():
        for item in items:
            for name, value in item.items():
                if isinstance(value, str):
                    item[name] = mask_source(value, identity, allowed=allowed)
    return exported_field_rows(entered, exported)
