"""The queue's counters panel: open items by status, the closed total, the oldest new item.

Counting on every queue page was a third of the page's database time at a million rows (issue
17), for figures that change only when a submission arrives or changes status. So the open
counts and the oldest new item are kept in the cache for a few seconds under a version number,
and every write that changes them moves the version on when its transaction commits
(`queue_counters_changed`): the next page after a claim or a new submission counts afresh, and a
page in between reads the figures in two cache round trips. A reader takes the version before it
counts, so figures counted from a snapshot older than a commit are stored under a version that
commit has already left behind, and nobody reads them.

The closed total (nearly every row at scale) is counted alone and kept for a minute whatever
changes: a closed total a minute old tells a handler as much as an exact one.

The cache (Redis) must never turn into an error page or a slow one: a failure opens a circuit
breaker, and for BREAKER_SECONDS this process counts without asking the cache at all (a frozen
Redis would otherwise cost every page its socket timeout). Anything cached meanwhile has expired
by the time the breaker closes (COUNTERS_SECONDS is shorter), so a bump missed while the cache
was down leaves no stale figure behind.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Count, Min

from submissions.models import Status, Submission

logger = logging.getLogger(__name__)

OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.AWAITING_REVIEW)
COUNTERS_SECONDS = 5
CLOSED_COUNT_SECONDS = 60
BREAKER_SECONDS = 30


class CacheBreaker:
    """Open for BREAKER_SECONDS after a cache failure: callers skip the cache meanwhile."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._open_until = 0.0
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        return time.monotonic() < self._open_until

    def trip(self, error: Exception) -> None:
        with self._lock:
            if not self.is_open:
                logger.warning(
                    "Queue counters: the cache failed (%s); counting without it for %d s",
                    type(error).__name__,
                    self.seconds,
                )
            self._open_until = time.monotonic() + self.seconds

    def reset(self) -> None:
        with self._lock:
            self._open_until = 0.0


breaker = CacheBreaker(BREAKER_SECONDS)


def _database() -> str:
    # Per database, so test runs or sites sharing one Redis never read each other's figures.
    return connection.settings_dict["NAME"]


def version_key() -> str:
    return f"triage:queue-counters:version:{_database()}"


def counters_key(version: int) -> str:
    return f"triage:queue-counters:{_database()}:{version}"


def closed_count_key() -> str:
    return f"triage:closed-count:{_database()}"


def _cache_get(key: str) -> Any:
    """The cached value, or None when absent, the cache has failed or its breaker is open."""
    if breaker.is_open:
        return None
    try:
        return cache.get(key)
    except Exception as error:  # Redis down or frozen: the page must still work
        breaker.trip(error)
        return None


def _cache_set(key: str, value: Any, seconds: int) -> None:
    if breaker.is_open:
        return
    try:
        cache.set(key, value, seconds)
    except Exception as error:
        breaker.trip(error)


# --- Counting ----------------------------------------------------------------------------------
def open_counters_count() -> dict[str, Any]:
    """The open statuses counted and the oldest new item found: two index-backed queries.

    COUNT(*) over a range of sub_queue_idx (no table read); the oldest new item is the minimum
    per priority over the new rows only, which walking created_at would reach only after every
    closed row before it.
    """
    counts = dict(
        Submission.objects.filter(status__in=OPEN_STATUSES)
        .order_by()
        .values_list("status")
        .annotate(n=Count("*"))
        .values_list("status", "n")
    )
    oldest = [
        moment
        for moment in Submission.objects.filter(status=Status.NEW)
        .order_by()
        .values("priority")
        .annotate(oldest=Min("created_at"))
        .values_list("oldest", flat=True)
        if moment is not None
    ]
    return {
        "new": counts.get(Status.NEW, 0),
        "in_progress": counts.get(Status.IN_PROGRESS, 0),
        "awaiting_review": counts.get(Status.AWAITING_REVIEW, 0),
        "oldest_new": min(oldest) if oldest else None,
    }


def closed_count() -> int:
    """Closed submissions, cached for CLOSED_COUNT_SECONDS; counted when the cache is cold or
    down."""
    key = closed_count_key()
    cached = _cache_get(key)
    if cached is not None:
        return cached
    closed = Submission.objects.filter(status=Status.CLOSED).count()
    _cache_set(key, closed, CLOSED_COUNT_SECONDS)
    return closed


# --- Reading -----------------------------------------------------------------------------------
def queue_counters() -> dict[str, Any]:
    """The counters panel: new, in progress, awaiting review, closed, oldest new item.

    Warm: two cache reads (the version, then the figures) and no query. Cold, changed or with
    the cache down: two queries for the open figures, and one for closed if its minute is up.
    """
    version = _cache_get(version_key()) or 0
    key = counters_key(version)
    counters = _cache_get(key)
    if counters is None:
        counters = open_counters_count()
        _cache_set(key, counters, COUNTERS_SECONDS)
    return {**counters, "closed": closed_count()}


# --- Moving on ---------------------------------------------------------------------------------
def _version_bump() -> None:
    if breaker.is_open:
        return  # what was cached before the failure expires within COUNTERS_SECONDS
    key = version_key()
    try:
        try:
            cache.incr(key)
        except ValueError:  # no version yet (a new cache, or evicted): start one
            if not cache.add(key, 1, timeout=None):
                cache.incr(key)
    except Exception as error:
        breaker.trip(error)


def queue_counters_changed() -> None:
    """Call inside a write that adds a submission or changes a status: when its transaction
    commits, the counters are counted afresh on the next page (nothing happens on rollback)."""
    transaction.on_commit(_version_bump)


def queue_counters_forget() -> None:
    """Start afresh now (tests; a shell after a bulk change made outside the services)."""
    breaker.reset()
    _version_bump()
    try:
        cache.delete(closed_count_key())
    except Exception as error:
        breaker.trip(error)


def submission_arrived(sender, instance: Submission, created: bool, raw: bool = False, **kwargs):
    """post_save (connected in TriageConfig): a new submission moves the counters on."""
    if created and not raw:
        queue_counters_changed()
