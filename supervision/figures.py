"""Reads for the supervision dashboard: queue health, outcomes, and who revealed or exported.

A fixed number of queries (one per figure), each grouped in the database, whatever the volume.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Case, Count, DateTimeField, ExpressionWrapper, F, Q, When
from django.db.models.functions import TruncWeek
from django.utils import timezone

from audit.models import Action, AuditEvent
from submissions.models import Category, Outcome, Status, Submission, SubmissionCategory

OPEN_STATUSES = [Status.NEW, Status.IN_PROGRESS, Status.AWAITING_REVIEW]
WEEKS = 8
ACTIVITY_DAYS = 30
OVERDUE_LISTED = 10
# What leaves the unit, per person: the chart stacks these and the table has a column for each,
# so both show the same figures (a chart of their sum beside a table of the parts did not).
EXPORT_SERIES = [
    (Action.EXPORT_REQUESTED.value, "Exports requested"),
    (Action.EXPORT_DOWNLOADED.value, "Downloads"),
    (Action.LOG_PRINTED.value, "Logs printed"),
]
EXPORT_ACTIONS = [action for action, _ in EXPORT_SERIES]


def target_days() -> dict[int, int]:
    return {int(k): int(v) for k, v in settings.SUPERVISION_TARGET_DAYS.items()}


def _overdue_condition(now: datetime) -> Q:
    """Open and received longer ago than its priority's target allows."""
    condition = Q()
    for priority, days in target_days().items():
        condition |= Q(priority=priority, created_at__lt=now - timedelta(days=days))
    return Q(status__in=OPEN_STATUSES) & condition


@dataclass
class OverdueItem:
    reference: str
    priority: str
    status: str
    assigned_to: str
    received: datetime
    days_over: int


def queue_by_status() -> list[tuple[str, int]]:
    counts = dict(Submission.objects.values_list("status").annotate(n=Count("id")).order_by())
    return [(label, counts.get(value, 0)) for value, label in Status.choices]


def open_by_category() -> list[tuple[str, int]]:
    counts = dict(
        SubmissionCategory.objects.filter(submission__status__in=OPEN_STATUSES)
        .values_list("category")
        .annotate(n=Count("submission_id"))
        .order_by()
    )
    return [(label, counts.get(value, 0)) for value, label in Category.choices]


def oldest_unassigned() -> datetime | None:
    return (
        Submission.objects.filter(status=Status.NEW, assigned_to__isnull=True)
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def overdue_by_priority(now: datetime) -> list[tuple[str, int]]:
    counts = dict(
        Submission.objects.filter(_overdue_condition(now))
        .values_list("priority")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        (f"P{priority} (target {days} day{'s' if days != 1 else ''})", counts.get(priority, 0))
        for priority, days in sorted(target_days().items())
    ]


def overdue_items(now: datetime, limit: int = OVERDUE_LISTED) -> list[OverdueItem]:
    targets = target_days()
    # Longest past target first: the earliest deadline (received + its priority's target), not
    # the earliest received (a P4 received 20 days ago is less late than a P1 received 10 ago).
    deadline = Case(
        *(
            When(
                priority=priority,
                then=ExpressionWrapper(
                    F("created_at") + timedelta(days=days), output_field=DateTimeField()
                ),
            )
            for priority, days in targets.items()
        ),
        output_field=DateTimeField(),
    )
    rows = (
        Submission.objects.filter(_overdue_condition(now))
        .select_related("assigned_to")
        .annotate(deadline=deadline)
        .order_by("deadline", "created_at")[:limit]
    )
    return [
        OverdueItem(
            reference=row.reference,
            priority=row.get_priority_display(),
            status=row.get_status_display(),
            assigned_to=row.assigned_to.get_username() if row.assigned_to else "",
            received=row.created_at,
            days_over=(now - row.created_at - timedelta(days=targets.get(row.priority, 0))).days,
        )
        for row in rows
    ]


def week_starts(today: date, weeks: int = WEEKS) -> list[date]:
    monday = today - timedelta(days=today.weekday())
    return [monday - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def outcomes_by_week(today: date) -> list[tuple[date, dict[str, int]]]:
    starts = week_starts(today)
    since = timezone.make_aware(datetime.combine(starts[0], time.min))
    rows = (
        Submission.objects.filter(status=Status.CLOSED, closed_at__gte=since)
        .annotate(week=TruncWeek("closed_at"))
        .values_list("week", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    by_week: dict[date, dict[str, int]] = {start: {} for start in starts}
    for week, outcome, n in rows:
        key = week.date() if isinstance(week, datetime) else week
        if key in by_week:
            by_week[key][outcome] = by_week[key].get(outcome, 0) + n
    return list(by_week.items())


def reveals_by_handler(now: datetime) -> list[tuple[str, int, int | None]]:
    """(username, reveals, user id) per person, most reveals first."""
    rows = (
        AuditEvent.objects.filter(
            action=Action.SOURCE_REVEALED, created_at__gte=now - timedelta(days=ACTIVITY_DAYS)
        )
        .values_list("actor_username", "actor_id")
        .annotate(n=Count("id"))
        .order_by("-n", "actor_username")
    )
    return [(username or "unknown", n, actor_id) for username, actor_id, n in rows]


def exports_by_handler(now: datetime) -> list[dict]:
    rows = (
        AuditEvent.objects.filter(
            action__in=EXPORT_ACTIONS, created_at__gte=now - timedelta(days=ACTIVITY_DAYS)
        )
        .values_list("actor_username", "action")
        .annotate(n=Count("id"))
        .order_by()
    )
    people: dict[str, dict] = {}
    for username, action, n in rows:
        person = people.setdefault(
            username or "unknown", {"username": username or "unknown", "total": 0}
        )
        person[action] = n
        person["total"] += n
    return sorted(people.values(), key=lambda p: (-p["total"], p["username"]))


def outcome_series() -> list[tuple[str, str]]:
    return list(Outcome.choices)
