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
from html import escape
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString
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
        row["html"] = queue_row_html(row)
        rows.append(row)
    return rows


# --- One queue row's HTML -------------------------------------------------------------------------
# The queue table's row was ~17 template variables and tags per row, 50 rows a page: most of the
# page's template time (issue 17). Written here once instead, every value through html.escape,
# which is what the template's autoescaping calls; tests compare it with the template it replaced.
def _e(value: Any) -> str:
    return escape(str(value))


def _target_cell(target: dict[str, str]) -> str:
    if target["state"]:
        return (
            f'<strong class="govuk-tag {_e(target["state_class"])}" '
            f'data-rag="{_e(target["state"])}">{_e(target["state_label"])}</strong><br>'
            f'<span class="govuk-body-s">Due <time datetime="{_e(target["due_iso"])}">'
            f"{_e(target['due'])}</time></span>"
        )
    return f'<span class="govuk-body-s">Was due {_e(target["due"])}</span>'


def _linked_cell(row: Row, url: str, reference: str) -> str:
    count, capped = row["linked_count"], row["linked_capped"]
    if count:
        possible = row["possible_count"]
        return (
            f'<a class="govuk-link" href="{url}#linked-submissions">{_e(count)}'
            f'{"+" if capped else ""}<span class="govuk-visually-hidden">'
            f"{' or more' if capped else ''} linked submission{'' if count == 1 else 's'} "
            f"of {reference}</span></a>"
            + (f' <span class="govuk-body-s">({_e(possible)} possible)</span>' if possible else "")
        )
    if capped:
        return (
            f'<a class="govuk-link" href="{url}#linked-submissions">0+<span '
            f'class="govuk-visually-hidden"> linked submissions of {reference}: some not listed'
            "</span></a>"
        )
    return "0"


def queue_row_html(row: Row) -> SafeString:
    """The queue table's `<tr>` for one prepared row (every value escaped)."""
    reference, url = _e(row["reference"]), _e(row["url"])
    flag = (
        '<br><strong class="govuk-tag govuk-tag--red">Possible urgency</strong>'
        if row["flagged"]
        else ""
    )
    return SafeString(
        f'<tr class="govuk-table__row" data-reference="{reference}">\n'
        '        <td class="govuk-table__cell">\n'
        '          <div class="govuk-checkboxes govuk-checkboxes--small" '
        'data-module="govuk-checkboxes">\n'
        '            <div class="govuk-checkboxes__item">\n'
        f'              <input class="govuk-checkboxes__input" id="select-{reference}" '
        f'name="references" type="checkbox" value="{reference}">\n'
        '              <label class="govuk-label govuk-checkboxes__label" '
        f'for="select-{reference}"><span class="govuk-visually-hidden">Select {reference}'
        "</span></label>\n"
        "            </div>\n"
        "          </div>\n"
        "        </td>\n"
        f'        <td class="govuk-table__cell"><a class="govuk-link" href="{url}">{reference}</a>'
        f"{flag}</td>\n"
        f'        <td class="govuk-table__cell"><time datetime="{_e(row["received_iso"])}" '
        f'title="{_e(row["received_title"])}">{_e(row["received_age"])}</time></td>\n'
        f'        <td class="govuk-table__cell">{"<br>".join(map(_e, row["categories"]))}</td>\n'
        f'        <td class="govuk-table__cell">'
        f'<strong class="govuk-tag {_e(row["status_class"])}">'
        f"{_e(row['status_label'])}</strong></td>\n"
        f'        <td class="govuk-table__cell">{_e(row["risk_label"])}</td>\n'
        f'        <td class="govuk-table__cell">{_e(row["priority_label"])}</td>\n'
        f'        <td class="govuk-table__cell">{_target_cell(row["target"])}</td>\n'
        f'        <td class="govuk-table__cell">{_e(row["assignee"] or "Unassigned")}</td>\n'
        '        <td class="govuk-table__cell govuk-table__cell--numeric" '
        f'data-linked="{_e(row["linked_count"])}">{_linked_cell(row, url, reference)}</td>\n'
        "      </tr>"
    )


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
        row["assignee"] = submission.assignee_name or ""  # triage.selectors.queue_lists
        rows.append(row)
    return rows
