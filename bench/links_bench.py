"""Linked submissions at volume: the panel's query time and the extraction rate.

    DEBUG=1 DATABASE_URL=postgres://... python -m bench.links_bench [--submissions 100000]
        [--sample 500] [--workers 1]

PostgreSQL only. Seeds fictional submissions up to --submissions (seed_demo --no-links), fills
the index with every seeded submission's *entered* identifiers in bulk (a shortcut for the
benchmark: no free text is mined and no links are written for them, which would take the worker
hours on a shared machine), then:

1. extraction: the real task's service (`submission_links_index`: the sanitiser over the free
   texts, entered and mentioned identifiers, candidates from the whole index, links both ways) on
   --sample submissions, timed one by one: the rate is what one worker keeps up with;
2. the panel: `linked_submissions` (the panel's links, one query) for each of them, timed as
   the database answers it, p50/p95/max;
3. the whole panel as the page reads it (`links_panel`: the links, and whether they are capped
   with the identifiers too common to link through: two queries).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cpi.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.utils import timezone  # noqa: E402

from links import matching  # noqa: E402
from links.extract import entered  # noqa: E402
from links.models import Identifier, IndexState, Link  # noqa: E402
from links.selectors import linked_submissions, links_panel  # noqa: E402
from links.services import identifier_rows, submission_links_index  # noqa: E402
from submissions.models import Submission  # noqa: E402

FILL_BATCH = 2000


def _arg(argv: list[str], name: str, default: int) -> int:
    return int(argv[argv.index(name) + 1]) if name in argv else default


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def seed(target: int, workers: int) -> None:
    missing = target - Submission.objects.count()
    if missing > 0:
        call_command(
            "seed_demo",
            "--submissions",
            str(missing),
            "--no-links",
            "--workers",
            str(workers),
            "--seed",
            "14",
        )


def fill_entered() -> tuple[int, float]:
    """Entered identifiers of every submission not yet indexed, in bulk; (count, seconds)."""
    began = time.monotonic()
    done = 0
    while True:
        batch = list(
            Submission.objects.filter(link_index__isnull=True)
            .order_by("created_at")
            .only("id", "created_at")
            .prefetch_related("subjects", "persons_of_concern", "places", "vehicles")[:FILL_BATCH]
        )
        if not batch:
            break
        rows, states, now = [], [], timezone.now()
        for submission in batch:
            rows += identifier_rows(
                submission.pk,
                entered(
                    submission,
                    submission.subjects.all(),
                    submission.persons_of_concern.all(),
                    submission.places.all(),
                    submission.vehicles.all(),
                ),
            )
            states.append(IndexState(submission_id=submission.pk, indexed_at=now))
        with transaction.atomic():
            Identifier.objects.bulk_create(rows, batch_size=5000)
            IndexState.objects.bulk_create(states, batch_size=5000)
        done += len(batch)
        print(f"  index filled for {done:,} submissions", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE links_identifier, links_link, links_indexstate")
    return done, time.monotonic() - began


def main(argv: list[str]) -> None:
    if connection.vendor != "postgresql":
        raise SystemExit("PostgreSQL only: set DATABASE_URL")
    target = _arg(argv, "--submissions", 100_000)
    sample_size = _arg(argv, "--sample", 500)
    seed(target, _arg(argv, "--workers", 1))
    # The sample is indexed for real below: leave it out of the bulk fill.
    sample = list(
        Submission.objects.order_by("-created_at").values_list("pk", flat=True)[:sample_size]
    )
    IndexState.objects.filter(submission_id__in=sample).delete()
    Identifier.objects.filter(submission_id__in=sample).delete()
    Link.objects.filter(Q(submission_id__in=sample) | Q(other_id__in=sample)).delete()
    # Earlier runs' deleted rows would slow this one's writes and reads: cleared first.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE links_link, links_identifier, links_indexstate")
    held_back = set(sample)
    filled, fill_seconds = fill_entered_except(held_back)
    identifiers = Identifier.objects.count()
    print(f"Index: {identifiers:,} identifiers ({filled:,} filled in {fill_seconds:.0f} s)")

    # 1. extraction, one submission at a time, as one worker runs the task
    wall, cpu, found = [], [], []
    database_cpu_before = _database_cpu_seconds()
    for submission_id in sample:
        started, started_cpu = time.perf_counter(), time.process_time()
        found.append(submission_links_index(submission_id=submission_id))
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    total = sum(wall)
    database_cpu = _database_cpu_seconds() - database_cpu_before
    print(
        f"Extraction: {len(sample)} submissions in {total:.1f} s = {len(sample) / total:.0f}/s "
        f"on one worker (mean {statistics.mean(wall) * 1000:.1f} ms, p95 "
        f"{_percentile(wall, 0.95) * 1000:.1f} ms; this process's CPU "
        f"{statistics.mean(cpu) * 1000:.1f} ms each)"
    )
    if database_cpu >= 0:
        # CPU spent, whatever else the machine runs: the rate one worker keeps up with when
        # the worker and its database server each have a core.
        python_ms = statistics.mean(cpu) * 1000
        database_ms = database_cpu / len(sample) * 1000
        print(
            f"  CPU each: {python_ms:.1f} ms in the worker, {database_ms:.1f} ms in its "
            f"database server process; CPU-bound rate {1000 / max(python_ms, database_ms):.0f}/s "
            f"(a core each) or {1000 / (python_ms + database_ms):.0f}/s (one core for both)"
        )
    written = Link.objects.filter(Q(submission_id__in=sample) | Q(other_id__in=sample)).count()
    capped = IndexState.objects.filter(submission_id__in=sample, capped=True).count()
    print(
        f"Links: found {statistics.mean(found):.1f} other submissions per extraction (max "
        f"{max(found)}); {written:,} link rows to or from the sample ({written / len(sample):.0f} "
        f"per extraction); {capped} of {len(sample)} capped at {matching.LINKS_KEPT} kept"
    )
    # The statistics were taken with no links in the table (the fill writes none): without
    # them the planner reads the panel through the wrong index, which autoanalyze would have
    # put right long before a live table held this many links.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE links_link")

    # 2. the panel's query, warm, as the page runs it
    timings = []
    submissions = list(Submission.objects.filter(pk__in=sample).only("id"))
    for _round in range(3):
        for submission in submissions:
            started = time.perf_counter()
            shown = linked_submissions(submission)
            timings.append(time.perf_counter() - started)
    sizes = [len(linked_submissions(s)) for s in submissions]
    print(
        f"Panel query: p50 {_percentile(timings, 0.5) * 1000:.2f} ms, p95 "
        f"{_percentile(timings, 0.95) * 1000:.2f} ms, max {max(timings) * 1000:.2f} ms over "
        f"{len(timings)} reads; links shown per panel: mean {statistics.mean(sizes):.1f}, max "
        f"{max(sizes)}"
    )
    del shown

    # 3. the whole panel as the page reads it: the links (one more than shown) and its notes
    # (capped; identifiers too common to link through), two queries
    timings, panels = [], []
    for _round in range(3):
        for submission in submissions:
            started = time.perf_counter()
            panels.append(links_panel(submission))
            timings.append(time.perf_counter() - started)
    common = [len(panel.common) for panel in panels[: len(submissions)]]
    print(
        f"Panel, both queries: p50 {_percentile(timings, 0.5) * 1000:.2f} ms, p95 "
        f"{_percentile(timings, 0.95) * 1000:.2f} ms, max {max(timings) * 1000:.2f} ms over "
        f"{len(timings)} reads; identifiers too common to link per panel: mean "
        f"{statistics.mean(common):.1f}, panels with one or more {sum(1 for c in common if c)}"
    )


def _database_cpu_seconds() -> float:
    """CPU time of this connection's server process (the server on this machine: /proc);
    -1 when it cannot be read."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return -1.0
    # utime and stime, fields 14 and 15 of stat (11 and 12 after the command's closing bracket)
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fill_entered_except(held_back: set) -> tuple[int, float]:
    """fill_entered, leaving the sample unindexed (marked done first, unmarked after)."""
    now = timezone.now()
    IndexState.objects.bulk_create(
        [IndexState(submission_id=pk, indexed_at=now) for pk in held_back],
        ignore_conflicts=True,
    )
    try:
        return fill_entered()
    finally:
        IndexState.objects.filter(submission_id__in=held_back).delete()


if __name__ == "__main__":
    main(sys.argv[1:])
