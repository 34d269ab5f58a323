"""The queue's counters panel: cached for a few seconds, moved on by every status change and
every new submission at commit, and counted without the cache when the cache fails."""

import pytest
from django.test import override_settings
from django.urls import reverse

from submissions.models import Outcome, Status, Submission
from tests.factories import SubmissionFactory
from triage import queue_counters, services
from triage.queue_counters import queue_counters as counters_read

pytestmark = pytest.mark.django_db
QUEUE = reverse("triage:queue")
# A Redis nobody listens on: every call fails at once with a connection error.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def breaker_closed():
    queue_counters.breaker.reset()
    yield queue_counters.breaker
    queue_counters.breaker.reset()


def test_counters_read_twice_are_counted_once(django_assert_num_queries):
    SubmissionFactory()
    with django_assert_num_queries(3):  # open statuses, oldest new item, closed total
        first = counters_read()
    with django_assert_num_queries(0):
        assert counters_read() == first


def test_a_claim_moves_the_counters_on_when_it_commits(
    handler_user, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory()
    assert (counters_read()["new"], counters_read()["in_progress"]) == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_claim(submission=submission, user=handler_user)
    counters = counters_read()
    assert (counters["new"], counters["in_progress"]) == (0, 1)
    assert counters["oldest_new"] is None


def test_take_next_and_release_move_the_counters_on(
    handler_user, django_capture_on_commit_callbacks
):
    SubmissionFactory()
    counters_read()
    with django_capture_on_commit_callbacks(execute=True):
        taken = services.submission_take_next(user=handler_user)
    assert counters_read()["in_progress"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_release(submission=taken, user=handler_user)
    assert (counters_read()["new"], counters_read()["in_progress"]) == (1, 0)


def test_a_new_submission_moves_the_counters_on_when_it_commits(
    django_capture_on_commit_callbacks,
):
    counters_read()
    with django_capture_on_commit_callbacks(execute=True):
        SubmissionFactory()
    assert counters_read()["new"] == 1


def test_a_change_that_is_not_committed_does_not_move_the_counters_on(
    handler_user, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory()
    counters_read()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_claim(submission=submission, user=handler_user)
    assert callbacks  # the bump waits for the commit ...
    # ... so until then the panel shows what was committed (this write is not, in this test).
    assert counters_read()["new"] == 1


def test_a_change_made_behind_the_services_back_shows_once_the_figures_expire():
    """Proves the page reads the cache: a raw UPDATE moves nothing on, and the figures stay
    until they expire (COUNTERS_SECONDS) or something forgets them."""
    submission = SubmissionFactory()
    assert counters_read()["new"] == 1
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.CLOSED, outcome=Outcome.NO_ACTION
    )
    assert counters_read()["new"] == 1
    queue_counters.queue_counters_forget()
    assert (counters_read()["new"], counters_read()["closed"]) == (0, 1)


@override_settings(CACHES=DEAD_REDIS)
def test_with_the_cache_down_the_counters_are_counted_and_the_breaker_opens(breaker_closed):
    SubmissionFactory()
    SubmissionFactory(status=Status.CLOSED, outcome=Outcome.NO_ACTION)
    counters = counters_read()
    assert (counters["new"], counters["closed"]) == (1, 1)
    assert breaker_closed.is_open


@override_settings(CACHES=DEAD_REDIS)
def test_while_the_breaker_is_open_the_cache_is_not_asked(breaker_closed, monkeypatch):
    from django.core.cache import caches

    counters_read()  # fails once, opens the breaker
    asked = []
    backend = caches["default"]
    monkeypatch.setattr(backend, "get", lambda *args, **kwargs: asked.append(args))
    monkeypatch.setattr(backend, "set", lambda *args, **kwargs: asked.append(args))
    SubmissionFactory()
    assert counters_read()["new"] == 1
    assert asked == []


def test_the_breaker_closes_after_its_time(breaker_closed, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(queue_counters.time, "monotonic", lambda: now[0])
    breaker_closed.trip(ConnectionError("down"))
    assert breaker_closed.is_open
    now[0] += queue_counters.BREAKER_SECONDS + 1
    assert not breaker_closed.is_open


@override_settings(CACHES=DEAD_REDIS)
def test_with_the_cache_down_the_queue_page_still_shows_the_counters(
    handler_client, breaker_closed
):
    SubmissionFactory(status=Status.AWAITING_REVIEW, outcome=Outcome.INTELLIGENCE_LOG)
    response = handler_client.get(QUEUE, {"sort": "priority"})
    assert response.status_code == 200
    assert response.context["counters"]["awaiting_review"] == 1
    assert 'data-counter="awaiting_review">1<' in response.content.decode()
