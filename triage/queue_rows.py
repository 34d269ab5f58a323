"""The queue's rows, prepared once per page in Python for the template to print as they are.

A queue page used to work each row out inside the template: `reverse` per link, `timesince`,
two date formats and a `get_FOO_display` per column, each one a chain of template lookups on a
model instance (issue 17: 100 date formats, 58 reverses and 227 display lookups a page). Here
every row becomes a dict of finished strings (a dict is the template engine's fastest lookup),
the page's `now` is read once, the detail URL is built once and filled in per row, and the
labels come from plain dicts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.timesince import timesince

from submissions.models import Category, Priority, Risk, Status, Urgency
from triage.clocks import RAG_TAG_CLASSES, rag_state

STATUS_LABELS = dict(Status.choices)
RISK_LABELS = dict(Risk.choices)
PRIORITY_LABELS = dict(Priority.choices)
CATEGORY_LABELS = dict(Category.choices)
STATUS_TAG_CLASSES = {
    Status.NEW: "govuk-tag--blue",
    Status.IN_PROGRESS: "govuk-tag--yellow",
    Status.AWAITING_REVIEW: "govuk-tag--orange",
}
# The detail page's address with a stand-in for the reference (references are [A-Z0-9-]).
_REFERENCE_SLOT = "REFERENCE-SLOT"


class Row(dict):
    """A prepared row: the template reads its items (a dict lookup is the template engine's
    first and fastest try), Python callers and tests may read them as attributes."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def status_tag_class(status: str) -> str:
    """The GOV.UK tag colour for a status: blue, yellow, orange, grey once closed."""
    return STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")


def age(moment: datetime | None, now: datetime | None = None) -> str:
    """How long ago, to the largest unit: "3 days ago", "2 hours ago", "just now"."""
    if not moment:
        return ""
    text = timesince(moment, now, depth=1)
    return "just now" if text.startswith("0\xa0minutes") else f"{text} ago"


def uk_time(moment: datetime) -> str:
    """`j M Y H:i` in UK time ("13 Jul 2026 14:00"), without the template engine's formatter."""
    local = timezone.localtime(moment)
    month = MONTHS_3[local.month].title()
    return f"{local.day} {month} {local.year} {local.hour:02d}:{local.minute:02d}"


def detail_url_maker():
    """A function from reference to the detail page's address, reversing the route once."""
    prefix, _, suffix = reverse("triage:detail", args=[_REFERENCE_SLOT]).partition(_REFERENCE_SLOT)
    return lambda reference: f"{prefix}{reference}{suffix}"


def _target(submission, now: datetime) -> dict[str, str]:
    state = rag_state(submission, now)
    return {
        "due": uk_time(submission.due_at),
        "due_iso": submission.due_at.isoformat(),
        "state": state.value if state else "",
        "state_label": state.label if state else "",
        "state_class": RAG_TAG_CLASSES[state] if state else "",
    }


def _received(submission, now: datetime) -> dict[str, str]:
    created = submission.created_at
    return {
        "received_iso": timezone.localtime(created).isoformat(),
        "received_title": uk_time(created),
        "received_age": age(created, now),
    }


def _common(submission, now: datetime, url) -> Row:
    status = submission.status
    return Row(
        {
            "reference": submission.reference,
            "url": url(submission.reference),
            **_received(submission, now),
            "status": status,
            "status_label": STATUS_LABELS.get(status, status),
            "status_class": status_tag_class(status),
            "risk_label": RISK_LABELS.get(submission.risk, "") or "Not assessed",
            "priority_label": PRIORITY_LABELS.get(submission.priority, str(submission.priority)),
        }
    )


def queue_rows(submissions, *, categories: dict, now: datetime | None = None) -> list[Row]:
    """The queue table's rows. `categories`: each submission's category codes, by id, in the
    order shown; `linked_count`/`possible_count`/`linked_capped` are read from the rows
    (links_count_attach)."""
    now = now or timezone.now()
    url = detail_url_maker()
    rows = []
    for submission in submissions:
        row = _common(submission, now, url)
        row.update(
            {
                "flagged": submission.urgency == Urgency.FLAGGED,
                "categories": [
                    CATEGORY_LABELS.get(code, code) for code in categories.get(submission.pk, ())
                ],
                "target": _target(submission, now),
                "assignee": _assignee_name(submission),
                "linked_count": getattr(submission, "linked_count", 0),
                "possible_count": getattr(submission, "possible_count", 0),
                "linked_capped": getattr(submission, "linked_capped", False),
            }
        )
        rows.append(row)
    return rows


def _assignee_name(submission) -> str:
    assignee = submission.assigned_to
    return assignee.get_username() if assignee is not None else ""


def held_rows(submissions, *, now: datetime | None = None) -> list[Row]:
    """ "Your submissions": reference, received, status, risk, priority."""
    now = now or timezone.now()
    url = detail_url_maker()
    return [_common(submission, now, url) for submission in submissions]


def urgent_rows(submissions, *, now: datetime | None = None) -> list[Row]:
    """ "Possible urgency": the common columns with the kinds matched and the assignee."""
    now = now or timezone.now()
    url = detail_url_maker()
    rows = []
    for submission in submissions:
        row = _common(submission, now, url)
        row["kinds"] = ", ".join(submission.urgency_kind_labels)
        row["assignee"] = _assignee_name(submission)
        rows.append(row)
    return rows
