"""The queue's queries use their indexes on a seeded table (PostgreSQL plans, not timings).

20,000 submissions are seeded with COPY and analysed, enough that the planner prefers an index
to reading the table whenever an index can answer; each test captures the SQL the real code runs
and asserts on its EXPLAIN. A query that slides back to a sequential scan fails here long before
a benchmark at a million rows would show it.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from submissions.models import Subject, Submission

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
SEEDED = 20_000


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seeded and committed once for the module (each test still runs in its own transaction,
    so take-next's claim is rolled back); the tables are emptied afterwards."""
    with django_db_blocker.unblock(), override_settings(DEBUG=True):
        # The links index is not what these plans are about, and extracting 20,000 would take
        # minutes (bench/links_bench.py measures it).
        call_command(
            "seed_demo",
            "--submissions",
            str(SEEDED),
            "--seed",
            "11",
            "--no-links",
            stdout=StringIO(),
        )
        assert Submission.objects.count() == SEEDED
        with connection.cursor() as cursor:
            # As autovacuum keeps a live table: the visibility map that index-only scans need.
            cursor.execute("VACUUM (ANALYZE) submissions_submission")
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def _queue_rows_sql(captured) -> str:
    """The page-of-rows query among those a queue page ran (it orders the submissions)."""
    for query in captured:
        sql = query["sql"]
        if sql.startswith('SELECT "submissions_submission"."id"') and "ORDER BY" in sql:
            return sql
    raise AssertionError("the queue page ran no ordered query over submissions")


def _queue_page_queries(params: dict):
    from triage.filters import QueueFilter
    from triage.selectors import queue_page

    filterset = QueueFilter(params or None, queryset=Submission.objects.all())
    assert not filterset.is_bound or filterset.is_valid()
    with CaptureQueriesContext(connection) as captured:
        queue_page(queryset=filterset.qs)
    return captured.captured_queries


def test_the_default_queue_page_reads_an_index_not_the_table(seeded):
    plan = _plan(_queue_rows_sql(_queue_page_queries({})))
    assert "Seq Scan on submissions_submission" not in plan, plan
    assert "Index Scan" in plan, plan


def test_the_queue_filtered_by_status_reads_an_index_not_the_table(seeded):
    plan = _plan(_queue_rows_sql(_queue_page_queries({"status": "new"})))
    assert "Seq Scan on submissions_submission" not in plan, plan
    assert "Index" in plan, plan


def test_take_next_finds_its_candidate_through_the_partial_index(seeded, handler_user):
    from triage.services import submission_take_next

    with CaptureQueriesContext(connection) as captured:
        assert submission_take_next(user=handler_user) is not None
    # One statement finds and claims (issue 17): a flagged "possible urgency" first (its own
    # partial index), then by priority (sub_take_next_idx); the row itself by its key.
    (claim,) = [q["sql"] for q in captured.captured_queries if "SKIP LOCKED" in q["sql"]]
    plan = _plan(claim)
    assert "sub_take_next_idx" in plan, plan
    assert "sub_urgency_open_idx" in plan, plan
    assert "submissions_submission_pkey" in plan, plan
    assert "Seq Scan" not in plan, plan


def test_subject_name_search_uses_the_trigram_index(seeded):
    name = Subject.objects.order_by("name").values_list("name", flat=True)[SEEDED // 2]
    captured = _queue_page_queries({"q": name})
    count_sql = next(q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)"))
    plan = _plan(count_sql)
    assert "Seq Scan on submissions_subject" not in plan, plan
    assert "Seq Scan on submissions_submission" not in plan, plan


def test_a_status_filter_walks_that_status_in_queue_order(seeded):
    """Not the default order's index filtered row by row: at a million rows "new" sat behind
    every closed P1 (2 s a page)."""
    plan = _plan(_queue_rows_sql(_queue_page_queries({"status": "new", "sort": "priority"})))
    assert "sub_status_order_idx" in plan, plan
    assert "Sort" not in plan, plan


def test_unassigned_walks_the_partial_index_of_unassigned_items(seeded):
    plan = _plan(_queue_rows_sql(_queue_page_queries({"assigned": "unassigned"})))
    assert "sub_unassigned_order_idx" in plan, plan
    assert "Seq Scan on submissions_submission" not in plan, plan


@pytest.mark.parametrize(
    "params", [{"category": "modern_slavery"}, {"category": "modern_slavery", "status": "new"}]
)
def test_a_category_filter_reads_no_link_table(seeded, params):
    """Rows and count test the row's own category bits (category_mask)."""
    captured = _queue_page_queries(params)
    count_sql = next(q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)"))
    for sql in (_queue_rows_sql(captured), count_sql):
        assert "submissions_submissioncategory" not in _plan(sql), sql
    assert "Seq Scan" not in _plan(_queue_rows_sql(captured))


def test_how_many_match_a_status_and_a_category_is_counted_from_the_index_alone(seeded):
    """The category bits are included in sub_status_order_idx: no table read per row counted."""
    captured = _queue_page_queries({"status": "new", "category": "modern_slavery"})
    count_sql = next(q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)"))
    plan = _plan(count_sql)
    assert "Index Only Scan using sub_status_order_idx" in plan, plan


def test_a_risk_filter_walks_that_risk_in_queue_order_and_counts_from_the_index(seeded):
    captured = _queue_page_queries({"risk": "high", "sort": "priority"})
    assert "sub_risk_order_idx" in _plan(_queue_rows_sql(captured))
    count_sql = next(q["sql"] for q in captured if q["sql"].startswith("SELECT COUNT(*)"))
    assert "Index Only Scan" in _plan(count_sql)
