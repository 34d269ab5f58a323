"""Time to first claim and time to outcome per priority, over the last four weeks.

Two queries for the claims (the submissions received in the window, and the first claim or
assignment of each from the audit trail: a release clears `claimed_at`, the trail remembers)
and one for the outcomes; the median and 90th percentile are worked out here.
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min

from audit.models import Action, AuditEvent
from submissions.models import Priority, Status, Submission

WINDOW_DAYS = 28
CLAIM_ACTIONS = [Action.SUBMISSION_CLAIMED, Action.SUBMISSION_ASSIGNED]


def percentile(values: list[float], percent: int) -> float | None:
    """Nearest-rank percentile: a value that occurred, never an interpolation; None if empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Timing:
    """One priority's figures, in hours (None where nothing was measured)."""

    priority: str
    claimed: int
    claim_median: float | None
    claim_p90: float | None
    closed: int
    outcome_median: float | None
    outcome_p90: float | None


def _hours(delta: timedelta) -> float:
    return delta.total_seconds() / 3600


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def timings_by_priority(now: datetime) -> list[Timing]:
    since = now - timedelta(days=WINDOW_DAYS)
    received = {
        reference: (priority, created_at)
        for reference, priority, created_at in Submission.objects.filter(
            created_at__gte=since
        ).values_list("reference", "priority", "created_at")
    }
    first_claims = (
        AuditEvent.objects.filter(
            action__in=CLAIM_ACTIONS,
            submission_reference__in=Submission.objects.filter(created_at__gte=since).values(
                "reference"
            ),
        )
        .values_list("submission_reference")
        .annotate(first=Min("created_at"))
        .order_by()
    )
    to_claim: dict[int, list[float]] = {p: [] for p in Priority.values}
    for reference, first in first_claims:
        priority, created_at = received.get(reference, (None, None))
        if priority is not None:
            to_claim[priority].append(_hours(first - created_at))

    to_outcome: dict[int, list[float]] = {p: [] for p in Priority.values}
    closed = Submission.objects.filter(status=Status.CLOSED, closed_at__gte=since).values_list(
        "priority", "created_at", "closed_at"
    )
    for priority, created_at, closed_at in closed:
        to_outcome[priority].append(_hours(closed_at - created_at))

    return [
        Timing(
            priority=label,
            claimed=len(to_claim[value]),
            claim_median=_rounded(percentile(to_claim[value], 50)),
            claim_p90=_rounded(percentile(to_claim[value], 90)),
            closed=len(to_outcome[value]),
            outcome_median=_rounded(percentile(to_outcome[value], 50)),
            outcome_p90=_rounded(percentile(to_outcome[value], 90)),
        )
        for value, label in Priority.choices
    ]


def timing_chart_rows(timings: list[Timing], *, measure: str) -> list[tuple[str, float]]:
    """Bars for one measure ("claim" or "outcome"): a median and a 90th percentile a priority."""
    rows = []
    for timing in timings:
        rows.append((f"{timing.priority} median", getattr(timing, f"{measure}_median") or 0))
        rows.append((f"{timing.priority} 90th percentile", getattr(timing, f"{measure}_p90") or 0))
    return rows
