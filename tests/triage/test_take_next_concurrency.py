"""Take next under concurrency on PostgreSQL: FOR UPDATE SKIP LOCKED, proved with threads.

Each thread has its own database connection (Django's connections are per thread), so these are
real concurrent transactions; `transaction=True` lets them see each other's committed rows.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.utils import timezone

from submissions.models import Status, Submission
from tests.factories import SubmissionFactory
from triage.services import submission_take_next

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _in_thread(target, *args):
    """Run target in a thread with its own connection; return (thread, results, errors)."""
    results: list = []
    errors: list = []

    def run():
        try:
            results.append(target(*args))
        except Exception as error:  # surfaced by the test's assertions
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, results, errors


def _queue(count: int) -> list[Submission]:
    made = []
    for i in range(count):
        submission = SubmissionFactory(priority=1 + i % 2)
        Submission.objects.filter(pk=submission.pk).update(
            created_at=timezone.now() - timedelta(minutes=count - i)
        )
        made.append(submission)
    return made


def test_take_next_skips_a_row_another_handler_has_locked_instead_of_waiting(
    handler_user, other_handler_user
):
    first, second = sorted(_queue(2), key=lambda s: (s.priority, s.created_at))
    first.refresh_from_db()
    locked = threading.Event()
    finish = threading.Event()

    def hold_the_first_row():
        with transaction.atomic():
            Submission.objects.select_for_update().get(pk=first.pk)
            locked.set()
            finish.wait(timeout=15)

    def take_next_impatiently(user):
        with connection.cursor() as cursor:
            # Without SKIP LOCKED this would wait on the held row and fail after a second.
            cursor.execute("SET lock_timeout = '1s'")
        return submission_take_next(user=user)

    holder, _, holder_errors = _in_thread(hold_the_first_row)
    assert locked.wait(timeout=10)
    taker, taken, taker_errors = _in_thread(take_next_impatiently, handler_user)
    taker.join(timeout=10)
    finish.set()
    holder.join(timeout=10)

    assert taker_errors == [] and holder_errors == []
    assert [s.pk for s in taken] == [second.pk]


def test_two_handlers_pressing_take_next_together_never_get_the_same_submission(
    handler_user, other_handler_user
):
    made = _queue(16)
    start = threading.Barrier(2)

    def press_repeatedly(user):
        start.wait(timeout=10)
        mine = []
        while (submission := submission_take_next(user=user)) is not None:
            mine.append(submission.pk)
        return mine

    a, a_taken, a_errors = _in_thread(press_repeatedly, handler_user)
    b, b_taken, b_errors = _in_thread(press_repeatedly, other_handler_user)
    a.join(timeout=60)
    b.join(timeout=60)

    assert a_errors == [] and b_errors == []
    a_pks, b_pks = a_taken[0], b_taken[0]
    assert set(a_pks).isdisjoint(b_pks)
    assert sorted(a_pks + b_pks) == sorted(s.pk for s in made)
    assert Submission.objects.filter(status=Status.NEW).count() == 0
    owners = dict(Submission.objects.values_list("pk", "assigned_to"))
    assert all(owners[pk] == handler_user.pk for pk in a_pks)
    assert all(owners[pk] == other_handler_user.pk for pk in b_pks)
