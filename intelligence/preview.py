"""The sanitiser's proposal for a log, and the highlighted preview a handler reviews.

Submitted text is untrusted: every piece of it is escaped, and only the <mark> elements built here
are marked safe.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cpi.crypto import DecryptionError
from sanitiser import MARKER, SanitiseResult, SourceIdentity, sanitise
from submissions.models import Source, Submission

REMOVED_CLASS = "cpi-removed"
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

    result: SanitiseResult
    original_html: SafeString
    proposed_html: SafeString

    @property
    def text(self) -> str:
        return self.result.text


def identity_for_submission(submission: Submission) -> SourceIdentity:
    """The source's identifiers, decrypted. An unknown or purged source identifies nothing."""
    try:
        source = submission.source
    except Source.DoesNotExist:
        return SourceIdentity()
    if source.purged_at is not None:
        return SourceIdentity()
    return SourceIdentity(
        name=source.name,
        role=source.role,
        organisation=source.organisation,
        email=source.email,
        phone=source.phone,
    )


def proposal_input(submission: Submission) -> str:
    """The free text that becomes the log: the information, and when it happens if given."""
    parts = [submission.information.strip()]
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
        marks.append(Mark(start, start + len(MARKER), REMOVED_CLASS, "Removed: the source"))
        start = text.find(MARKER, start + len(MARKER))
    return marks


def proposal_preview(result: SanitiseResult, original: str) -> LogProposal:
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


def log_text_propose(submission: Submission) -> LogProposal | None:
    """Run the sanitiser over the submission for the handler to review; None if the source's
    details cannot be decrypted (the handler then writes the log text unaided)."""
    try:
        identity = identity_for_submission(submission)
    except DecryptionError:
        return None
    original = proposal_input(submission)
    return proposal_preview(sanitise(original, identity), original)
