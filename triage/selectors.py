"""Reads shared by the triage views: object access, the queue page, its counters."""

import base64
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import BooleanField, F, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.dateparse import parse_datetime

from accounts.access import (
    HANDLER_GROUP,
    SUPERVISOR_GROUP,
    is_handler,
)
from submissions.models import Status, Submission, SubmissionCategory, Urgency, categories_in
from triage.models import Assessment, Note, Recontact, SourceReveal

# Counting every match at a million rows is slow; past this the page says "more than".
COUNT_CAP = 10_000
PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

# Sort orders the queue offers. Every one ends in a unique column so keyset cursors are exact.
SORTS: dict[str, tuple[str, ...]] = {
    # Within a priority, soonest due first: overdue items lead, as their due time has passed.
    "priority": ("priority", "due_at", "id"),
    "due": ("due_at", "id"),
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
}
DEFAULT_SORT = "priority"


def submission_for_staff_or_404(user, reference: str) -> Submission:
    """The one way triage views load a submission: 404 unless the user works the queue."""
    if not is_handler(user):
        raise Http404
    queryset = Submission.objects.select_related("assigned_to")
    try:
        return queryset.get(reference=(reference or "").strip().upper())
    except Submission.DoesNotExist:
        raise Http404 from None


def submission_detail(submission: Submission) -> dict[str, Any]:
    """Everything the detail page shows except the source, in a fixed number of queries."""
    assessment = (
        Assessment.objects.select_related("recorded_by", "reviewed_by", "assessed_by")
        .filter(submission=submission)
        .first()
    )
    return {
        "categories": list(submission.category_links.all()),
        "subjects": list(submission.subjects.all()),
        "persons_of_concern": list(submission.persons_of_concern.all()),
        "places": list(submission.places.all()),
        "vehicles": list(submission.vehicles.all()),
        "assessment": assessment,
        "notes": list(Note.objects.filter(submission=submission).select_related("author")),
        "reveals": list(
            SourceReveal.objects.filter(submission=submission).select_related("revealed_by")
        ),
        "recontacts": list(
            Recontact.objects.filter(submission=submission).select_related("recorded_by")
        ),
    }


def handlers_for_assignment() -> list:
    """Active users who can be given submissions, by username."""
    User = get_user_model()
    return list(
        User.objects.filter(is_active=True, groups__name__in=[HANDLER_GROUP, SUPERVISOR_GROUP])
        .distinct()
        .order_by("username")
    )


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.AWAITING_REVIEW)
# What a handler holds: claimed and not closed. Listed at the top of their queue.
HELD_STATUSES = (Status.IN_PROGRESS, Status.AWAITING_REVIEW)
HELD_LISTED = 25


def _held_by(user) -> QuerySet[Submission]:
    """The open submissions assigned to this user, most urgent first.

    Bounded: a handler holds a few at a time; a supervisor who took many sees the first
    HELD_LISTED, and the "Assigned to me" filter lists them all.
    """
    return (
        Submission.objects.filter(assigned_to=user, status__in=HELD_STATUSES)
        .annotate(listed=Value(_HELD), assignee_name=Value(""))
        .order_by("priority", "created_at", "id")
        .only(*_LISTED_FIELDS)[:HELD_LISTED]
    )


# Flagged "possible urgency" at the door and not yet decided: listed above the whole queue.
URGENT_LISTED = 25


def _possibly_urgent() -> QuerySet[Submission]:
    """Open submissions flagged "possible urgency" and not yet decided, oldest first.

    They come before any priority order: a handler decides on each before anything else.
    Answered from sub_urgency_open_idx (a handful of rows), and bounded.
    """
    return (
        Submission.objects.filter(urgency=Urgency.FLAGGED, status__in=OPEN_STATUSES)
        .annotate(listed=Value(_URGENT), assignee_name=F("assigned_to__username"))
        .order_by("created_at", "id")
        .only(*_LISTED_FIELDS)[:URGENT_LISTED]
    )


_HELD, _URGENT = 0, 1
# What both lists show; each row also carries `assignee_name` ("" on the held list: it is yours).
_LISTED_FIELDS = ("reference", "created_at", "status", "risk", "priority", "urgency_kinds")


def queue_lists(user) -> tuple[list[Submission], list[Submission]]:
    """The queue page's two short lists, "Your submissions" (submissions held by `user`) and
    "Possible urgency", in one query (UNION ALL of the two bounded selects, each from its own
    index): issue 17, one query fewer on every queue page."""
    if not connection.features.supports_slicing_ordering_in_compound:  # SQLite: one each
        return list(_held_by(user)), list(_possibly_urgent())
    held: list[Submission] = []
    urgent: list[Submission] = []
    for submission in _held_by(user).union(_possibly_urgent(), all=True):
        (held if submission.listed == _HELD else urgent).append(submission)
    # UNION ALL keeps each select's order in practice, not by promise: sort again (50 rows).
    held.sort(key=lambda s: (s.priority, s.created_at, s.pk))
    urgent.sort(key=lambda s: (s.created_at, s.pk))
    return held, urgent


# --- Keyset pagination ---------------------------------------------------------------------------
def _cursor_values(submission: Submission, ordering: tuple[str, ...]) -> list[str]:
    values = []
    for key in ordering:
        value = getattr(submission, key.lstrip("-"))
        values.append(value.isoformat() if isinstance(value, datetime) else str(value))
    return values


def cursor_encode(values: list[str]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str, ordering: tuple[str, ...]) -> list[Any] | None:
    """The cursor's values typed for the ordering's columns, or None if it is not one of ours."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (ValueError, TypeError):
        return None
    if not isinstance(values, list) or len(values) != len(ordering):
        return None
    typed: list[Any] = []
    try:
        for key, value in zip(ordering, values, strict=True):
            name = key.lstrip("-")
            if name == "priority":
                typed.append(int(value))
            elif name in ("created_at", "due_at"):
                moment = parse_datetime(value)
                if moment is None:
                    return None
                typed.append(moment)
            else:
                typed.append(uuid.UUID(value))
    except (ValueError, TypeError, AttributeError):
        return None
    return typed


def _keyset_filter(ordering: tuple[str, ...], values: list[Any], *, forward: bool) -> RawSQL:
    """Rows strictly after (or before) the cursor: (priority, created_at, id) > (%s, %s, %s).

    A row-value comparison, which PostgreSQL answers as one range scan of the matching index
    (sub_order_idx) however deep the page; the spelled-out OR form would filter row by row.
    SQLite understands row values too. Every sort runs all its columns the same way.
    """
    table = connection.ops.quote_name(Submission._meta.db_table)
    fields = [Submission._meta.get_field(key.lstrip("-")) for key in ordering]
    columns = ", ".join(f"{table}.{connection.ops.quote_name(f.column)}" for f in fields)
    descending = ordering[0].startswith("-")
    operator = ">" if forward != descending else "<"
    params = [
        f.get_db_prep_value(value, connection) for f, value in zip(fields, values, strict=True)
    ]
    placeholders = ", ".join(["%s"] * len(fields))
    # Safe: column names come from the model, the values are bound parameters.
    sql = f"({columns}) {operator} ({placeholders})"
    return RawSQL(sql, params, output_field=BooleanField())  # noqa: S611


def _reversed(ordering: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(key[1:] if key.startswith("-") else f"-{key}" for key in ordering)


@dataclass
class QueuePage:
    rows: list[Submission]
    sort: str
    page_size: int
    next_cursor: str | None = None
    previous_cursor: str | None = None
    # How many match, counted up to COUNT_CAP; `count_capped` means "at least that many".
    count: int = 0
    count_capped: bool = False
    # Each row's category codes by submission id, in the order shown.
    categories: dict[Any, list[str]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


# What a queue row shows and how it is ordered: nothing of what was shared is read, sent or
# decrypted per row.
QUEUE_ROW_FIELDS = (
    "id",
    "reference",
    "created_at",
    "status",
    "risk",
    "priority",
    "due_at",
    "urgency",
    "assigned_to__username",
    "category_mask",
)


def categories_of(rows: list[Submission]) -> dict[Any, list[str]]:
    """Each row's category codes in code order: on PostgreSQL read from the rows' own
    category_mask (no query); elsewhere one query of plain values from the link table."""
    if connection.vendor == "postgresql":
        return {row.pk: categories_in(row.category_mask) for row in rows}
    categories: dict[Any, list[str]] = {}
    ids = [row.pk for row in rows]
    for submission_id, category in (
        SubmissionCategory.objects.filter(submission_id__in=ids)
        .order_by("category")
        .values_list("submission_id", "category")
    ):
        categories.setdefault(submission_id, []).append(category)
    return categories


def queue_page(
    *,
    queryset: QuerySet[Submission] | None = None,
    sort: str = DEFAULT_SORT,
    after: str | None = None,
    before: str | None = None,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the queue by keyset: a constant 2 queries (3 on SQLite) whatever its size.

    1. a count bounded at COUNT_CAP, 2. the page's rows with their assignee and category bits,
    (3. on SQLite, their categories; `page.categories` holds the codes by submission id).
    `queryset` is the filtered queue (triage.filters.QueueFilter(...).qs); all if None.
    """
    if sort not in SORTS:
        sort = DEFAULT_SORT
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    ordering = SORTS[sort]
    base = Submission.objects.all() if queryset is None else queryset

    count = base.order_by().values("pk")[: COUNT_CAP + 1].count()
    rows_qs = base.select_related("assigned_to").only(*QUEUE_ROW_FIELDS)

    forward = True
    cursor = None
    if before:
        cursor = cursor_decode(before, ordering)
        forward = cursor is None
    elif after:
        cursor = cursor_decode(after, ordering)
    if cursor is not None:
        rows_qs = rows_qs.filter(_keyset_filter(ordering, cursor, forward=forward))
    rows_qs = rows_qs.order_by(*(ordering if forward else _reversed(ordering)))
    rows = list(rows_qs[: page_size + 1])
    more = len(rows) > page_size
    rows = rows[:page_size]
    if not forward:
        rows.reverse()

    page = QueuePage(
        rows=rows,
        sort=sort,
        page_size=page_size,
        count=min(count, COUNT_CAP),
        count_capped=count > COUNT_CAP,
        categories=categories_of(rows),
    )
    if rows:
        if forward:
            page.next_cursor = cursor_encode(_cursor_values(rows[-1], ordering)) if more else None
            page.previous_cursor = (
                cursor_encode(_cursor_values(rows[0], ordering)) if cursor is not None else None
            )
        else:
            page.next_cursor = cursor_encode(_cursor_values(rows[-1], ordering))
            page.previous_cursor = (
                cursor_encode(_cursor_values(rows[0], ordering)) if more else None
            )
    return page
