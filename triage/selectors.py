"""Reads shared by the triage views: object access, the queue page, its counters."""

import base64
import contextlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Count, Min, Prefetch, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.dateparse import parse_datetime

from accounts.access import (
    HANDLER_GROUP,
    SUPERVISOR_GROUP,
    is_handler,
)
from submissions.models import Status, Submission, SubmissionCategory, Urgency
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


def submissions_held_by(user) -> list[Submission]:
    """The open submissions assigned to this user, most urgent first, in one query.

    Bounded: a handler holds a few at a time; a supervisor who took many sees the first
    HELD_LISTED, and the "Assigned to me" filter lists them all.
    """
    return list(
        Submission.objects.filter(assigned_to=user, status__in=HELD_STATUSES)
        .order_by("priority", "created_at", "id")
        .only("reference", "created_at", "status", "risk", "priority")[:HELD_LISTED]
    )


# Flagged "possible urgency" at the door and not yet decided: listed above the whole queue.
URGENT_LISTED = 25


def submissions_possibly_urgent() -> list[Submission]:
    """Open submissions flagged "possible urgency" and not yet decided, oldest first.

    They come before any priority order: a handler decides on each before anything else. One
    query, answered from sub_urgency_open_idx (a handful of rows), and bounded.
    """
    return list(
        Submission.objects.filter(urgency=Urgency.FLAGGED, status__in=OPEN_STATUSES)
        .select_related("assigned_to")
        .order_by("created_at", "id")
        .only(
            "reference",
            "created_at",
            "status",
            "priority",
            "urgency",
            "urgency_kinds",
            "assigned_to__username",
        )[:URGENT_LISTED]
    )


CLOSED_COUNT_CACHE_SECONDS = 60


def queue_counters() -> dict[str, Any]:
    """Counts per status and the oldest new item, in three index-backed queries.

    The open statuses are few rows, counted from a range of sub_queue_idx; closed (nearly all
    rows at scale) is counted alone so PostgreSQL can answer from that index without the table.
    The oldest new item is the minimum per priority over the new rows only: asking for the
    overall oldest would walk the created_at index through every closed row before it.
    """
    counts = dict(
        Submission.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values_list("status")
        # COUNT(*), not COUNT(id): PostgreSQL answers it from sub_queue_idx without the table.
        .annotate(n=Count("*"))
        .values_list("status", "n")
    )
    closed = closed_count()
    oldest_per_priority = (
        Submission.objects.filter(status=Status.NEW)
        .order_by()
        .values("priority")
        .annotate(oldest=Min("created_at"))
        .values_list("oldest", flat=True)
    )
    oldest = [moment for moment in oldest_per_priority if moment is not None]
    return {
        "new": counts.get(Status.NEW, 0),
        "in_progress": counts.get(Status.IN_PROGRESS, 0),
        "awaiting_review": counts.get(Status.AWAITING_REVIEW, 0),
        "closed": closed,
        "oldest_new": min(oldest) if oldest else None,
    }


def closed_count_cache_key() -> str:
    # Per database, so test runs or sites sharing one Redis never read each other's figure.
    return f"triage:closed-count:{connection.settings_dict['NAME']}"


def closed_count() -> int:
    """Closed submissions: nearly every row at scale, so the figure is cached for a minute.

    Counting a million index entries on every queue page would be most of the page's time; a
    total that is a minute old tells a handler just as much. If the cache is down, count.
    """
    key = closed_count_cache_key()
    try:
        cached = cache.get(key)
    except Exception:  # the cache (Redis) is down: the page must still work
        cached = None
    if cached is not None:
        return cached
    closed = Submission.objects.filter(status=Status.CLOSED).count()
    # A cache outage only costs the next page a count.
    with contextlib.suppress(Exception):
        cache.set(key, closed, CLOSED_COUNT_CACHE_SECONDS)
    return closed


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
    extra: dict[str, Any] = field(default_factory=dict)


QUEUE_ROW_UNUSED_FIELDS = ("information", "when_description", "provenance", "provenance_detail")


def queue_page(
    *,
    queryset: QuerySet[Submission] | None = None,
    sort: str = DEFAULT_SORT,
    after: str | None = None,
    before: str | None = None,
    page_size: int = PAGE_SIZE,
) -> QueuePage:
    """One page of the queue by keyset: a constant 3 queries whatever the page size.

    1. a count bounded at COUNT_CAP, 2. the page's rows with their assignee, 3. their categories.
    `queryset` is the filtered queue (triage.filters.QueueFilter(...).qs); all submissions if None.
    """
    if sort not in SORTS:
        sort = DEFAULT_SORT
    page_size = max(1, min(int(page_size), MAX_PAGE_SIZE))
    ordering = SORTS[sort]
    base = Submission.objects.all() if queryset is None else queryset

    count = base.order_by().values("pk")[: COUNT_CAP + 1].count()
    rows_qs = (
        base.select_related("assigned_to")
        .prefetch_related(
            Prefetch("category_links", queryset=SubmissionCategory.objects.order_by("category"))
        )
        # The queue shows none of what was shared: not read, not sent, not decrypted per row.
        .defer(*QUEUE_ROW_UNUSED_FIELDS)
    )

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
