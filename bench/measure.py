"""The measurements, each bounded in count and in time, against 127.0.0.1 only.

Django is set up in this process with the same environment as the gunicorn under test, so the
in-process measures (queries per page, take-next, the export's preparation) use the same
database and settings.
"""

from __future__ import annotations

import json
import math
import multiprocessing
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import requests

from bench.environment import BASE_DIR, LOOPBACK

TIMEOUT_SECONDS = 30


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    """Nearest-rank p50/p95/p99 in milliseconds (what a reader of a latency table expects)."""
    if not samples_ms:
        return {"p50": math.nan, "p95": math.nan, "p99": math.nan, "n": 0}
    ordered = sorted(samples_ms)

    def rank(p: float) -> float:
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    return {"p50": rank(50), "p95": rank(95), "p99": rank(99), "n": len(ordered)}


# --- Staff pages over HTTP --------------------------------------------------------------------
def timed_gets(
    session: requests.Session,
    urls: list[str],
    *,
    count: int,
    warmup: int = 5,
    time_limit: float = 60.0,
) -> list[float]:
    """GET the urls in turn `count` times (after `warmup` untimed), one request at a time."""
    samples: list[float] = []
    deadline = time.monotonic() + time_limit
    for index in range(warmup + count):
        url = urls[index % len(urls)]
        started = time.perf_counter()
        response = session.get(url, allow_redirects=False, timeout=TIMEOUT_SECONDS)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        if index >= warmup:
            samples.append(elapsed)
        if time.monotonic() > deadline:
            break
    return samples


def queries_per_page(session_key: str, paths: list[str]) -> dict[str, int]:
    """Queries each staff page makes, counted in-process for the same signed-in session."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=LOOPBACK)
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    counts = {}
    for path in paths:
        client.get(path)  # warm the permission cache as the timed loop did
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"In-process GET {path} answered {response.status_code}")
        counts[path] = len(captured.captured_queries)
    return counts


def next_page_path(session: requests.Session, base_url: str, path: str) -> str | None:
    """The queue's "Next" link from a page, to show page 2 costs what page 1 does."""
    page = session.get(base_url + path, timeout=TIMEOUT_SECONDS).text
    match = re.search(r'href="([^"]*after=[^"]+)" rel="next"', page)
    if match is None:
        return None
    link = match.group(1).replace("&amp;", "&")
    return link if link.startswith("/") else "/staff/" + link


def subject_names(count: int) -> list[str]:
    """Real subject names from the seeded table, for the search measure (a repeatable sample)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT name FROM submissions_subject TABLESAMPLE SYSTEM (1) REPEATABLE (7) "
            "LIMIT %s",
            [count],
        )
        return [row[0] for row in cursor.fetchall()]


# --- Take next, 8 handlers at once ------------------------------------------------------------
def _handler_presses(user_pk: int, presses: int, deadline: float, barrier, results) -> None:
    """One handler (its own process and database connection) pressing "Take next" repeatedly."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from triage.services import submission_take_next

    samples, claimed = [], []
    try:
        user = get_user_model().objects.get(pk=user_pk)
        user.has_perm("submissions.work_queue")  # the permission cache, as a signed-in user has
        barrier.wait(timeout=60)
        for _ in range(presses):
            if time.monotonic() > deadline:
                break
            began = time.perf_counter()
            submission = submission_take_next(user=user)
            samples.append((time.perf_counter() - began) * 1000)
            if submission is None:
                break
            claimed.append(str(submission.pk))
        results.put((user_pk, samples, claimed, ""))
    except Exception as exc:  # reported by the parent
        results.put((user_pk, samples, claimed, f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


def take_next(users: list, *, per_handler: int, time_limit: float = 60.0) -> dict:
    """Each handler in its own process (like concurrent requests to separate app workers)
    presses "Take next" at the same moment, `per_handler` times.

    Returns the latencies, the claims, and double claims: a submission handed to two handlers,
    counted from the answers and checked against the assignee the database holds.
    """
    from django.db import connections

    from submissions.models import Status, Submission

    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(users))
    results = context.Queue()
    deadline = time.monotonic() + time_limit
    connections.close_all()
    workers = [
        context.Process(
            target=_handler_presses, args=(user.pk, per_handler, deadline, barrier, results)
        )
        for user in users
    ]
    for worker in workers:
        worker.start()
    answers = [results.get(timeout=time_limit + 60) for _ in workers]
    for worker in workers:
        worker.join(30)
    errors = [error for *_, error in answers if error]
    if errors:
        raise RuntimeError(errors[0])
    samples = [sample for _, taken, _, _ in answers for sample in taken]
    claims = [(user_pk, pk) for user_pk, _, claimed, _ in answers for pk in claimed]
    handed_out = Counter(pk for _, pk in claims)
    doubles = sum(1 for n in handed_out.values() if n > 1)
    assignees = {
        str(pk): assignee
        for pk, assignee in Submission.objects.filter(pk__in=list(handed_out)).values_list(
            "pk", "assigned_to_id"
        )
    }
    mismatched = sum(1 for user_pk, pk in claims if assignees.get(pk) != user_pk)
    # Put the claimed items back, so the next run takes the same ones (bench data only).
    Submission.objects.filter(pk__in=list(handed_out)).update(
        status=Status.NEW, assigned_to=None, claimed_at=None
    )
    return {
        **percentiles(samples),
        "claims": len(claims),
        "double_claims": doubles + mismatched,
        "handlers": len(users),
    }


# --- The export -------------------------------------------------------------------------------
def export_window(target: int) -> tuple[str, str, int]:
    """The most recent days holding at least `target` releasable logs: (from, to, how many)."""
    from django.utils import timezone

    from intelligence.exports import releasable_logs

    boundary = (
        releasable_logs()
        .order_by("-created_at")
        .values_list("created_at", flat=True)[target - 1 : target]
        .first()
    )
    if boundary is None:
        raise RuntimeError(f"Fewer than {target:,} releasable logs are seeded.")
    date_from = timezone.localtime(boundary).date()
    date_to = timezone.localdate()
    count = releasable_logs().filter(created_at__date__gte=date_from).count()
    return date_from.isoformat(), date_to.isoformat(), count


def _gate_slice(ids: list) -> tuple[int, int]:
    """Run the export gate over these logs as an export would, storing fresh clearances."""
    from django.db import connection

    from intelligence.gate import LOG_FIELDS, release_check
    from intelligence.models import IntelligenceLog
    from submissions.identity import source_token_annotations, tokens_from_row

    checked = refused = 0
    try:
        for start in range(0, len(ids), 1000):
            rows = IntelligenceLog.objects.filter(pk__in=ids[start : start + 1000]).values(
                *LOG_FIELDS, **source_token_annotations()
            )
            fresh = []
            for row in rows:
                result = release_check(
                    log_id=row["id"],
                    values=row,
                    tokens=tokens_from_row(row),
                    clearance=row["gate_clearance"],
                )
                checked += 1
                refused += not result.allowed
                if result.new_clearance:
                    fresh.append(IntelligenceLog(id=row["id"], gate_clearance=result.new_clearance))
            IntelligenceLog.objects.bulk_update(fresh, ["gate_clearance"])
    finally:
        connection.close()
    return checked, refused


def export_prepare(date_from: str, *, processes: int, time_limit: float) -> dict:
    """Give the window's logs the gate clearance each real log gets when it is created.

    Seeded logs never went through intelligence_log_create, so none has a clearance yet: the
    first export after seeding re-checks every one in full. This runs the same full check
    once, spread over the cores (bounded in time), so the timed export measures the steady
    state. Logs that already hold a current clearance cost microseconds here.
    """
    from django.db import connections

    from intelligence.exports import releasable_logs

    ids = list(
        releasable_logs()
        .filter(created_at__date__gte=date_from)
        .order_by("created_at")
        .values_list("pk", flat=True)
    )
    slices = [ids[i::processes] for i in range(processes)]
    connections.close_all()
    began = time.monotonic()
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        pending = pool.map_async(_gate_slice, slices)
        results = pending.get(timeout=time_limit)
    return {
        "seconds": time.monotonic() - began,
        "logs": sum(checked for checked, _ in results),
        "refused": sum(refused for _, refused in results),
    }


def export_run(env: dict, *, date_from: str, date_to: str, time_limit: float) -> dict:
    """One export in its own process (as a Celery worker runs it): seconds and peak memory."""
    command = [
        sys.executable,
        str(Path(BASE_DIR) / "bench" / "export_worker.py"),
        date_from,
        date_to,
    ]
    began = time.monotonic()
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=time_limit, cwd=BASE_DIR
    )
    wall = time.monotonic() - began
    if result.returncode != 0:
        raise RuntimeError(f"The export worker failed:\n{result.stderr[-2000:]}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["wall_seconds"] = wall
    return figures
