"""Reads for the supervision dashboard: queue health, outcomes, and who revealed or exported.

A fixed number of queries (one per figure), each grouped in the database, whatever the volume.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone
from django.utils.timesince import timesince

from audit.models import Action, AuditEvent
from submissions.models import Category, Outcome, Status, Submission, SubmissionCategory
from triage.clocks import Rag, rag_condition
from triage.models import Recontact

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


def target_words(hours: int) -> str:
    """A target in words: "4 hours", "1 day", "3 days"."""
    if hours % 24 == 0:
        days = hours // 24
        return f"{days} day{'s' if days != 1 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}"


def targets() -> list[tuple[int, str]]:
    """(priority, its target in words), from the target clocks' settings."""
    return [(int(p), target_words(int(h))) for p, h in sorted(settings.TARGET_HOURS.items())]


def _overdue_condition(now: datetime) -> Q:
    """Open and past its due time (triage.clocks: set from the priority's target)."""
    return rag_condition(Rag.OVERDUE, now)


@dataclass
class OverdueItem:
    reference: str
    priority: str
    status: str
    assigned_to: str
    received: datetime
    due: datetime
    over_by: str


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
        (f"P{priority} (target {words})", counts.get(priority, 0)) for priority, words in targets()
    ]


def overdue_items(now: datetime, limit: int = OVERDUE_LISTED) -> list[OverdueItem]:
    rows = (
        Submission.objects.filter(_overdue_condition(now))
        .select_related("assigned_to")
        .order_by("due_at")[:limit]
    )
    return [
        OverdueItem(
            reference=row.reference,
            priority=row.get_priority_display(),
            status=row.get_status_display(),
            assigned_to=row.assigned_to.get_username() if row.assigned_to else "",
            received=row.created_at,
            due=row.due_at,
            over_by=timesince(row.due_at, now, depth=2),
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


def recontacts_by_handler(now: datetime) -> list[tuple[str, int]]:
    """(username, re-contacts recorded) per person over ACTIVITY_DAYS, most first."""
    rows = (
        Recontact.objects.filter(created_at__gte=now - timedelta(days=ACTIVITY_DAYS))
        .values_list("recorded_by__username")
        .annotate(n=Count("id"))
        .order_by("-n", "recorded_by__username")
    )
    return [(username or "A deleted user", n) for username, n in rows]


def outcome_series() -> list[tuple[str, str]]:
    return list(Outcome.choices)
