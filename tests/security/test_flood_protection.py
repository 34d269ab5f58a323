"""Flood protection on the public form: a friendly 429, keyed on an address that is never kept."""

import shutil
import time

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from cpi import security

pytestmark = pytest.mark.django_db
CHECK = "/form/check-your-answers/"
ADDRESS = "203.0.113.77"


def _forget_counters():
    # Only the rate-limit counters: in CI the Redis database is shared with other tests.
    if settings.REDIS_URL:
        client = redis.Redis.from_url(settings.REDIS_URL)
        for key in client.scan_iter("*ratelimit:*"):
            client.delete(key)
    else:
        cache.clear()


@pytest.fixture(autouse=True)
def _fresh_counters():
    _forget_counters()
    yield
    _forget_counters()


def test_sending_more_forms_than_the_hourly_limit_gets_a_friendly_429(settings):
    settings.SUBMISSION_RATE_LIMIT = 2
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(2):
        assert client.post(CHECK, {"submission_token": "x"}).status_code == 302
    response = client.post(CHECK, {"submission_token": "x"})
    assert response.status_code == 429
    assert b"Your information has not been sent" in response.content
    assert b"If someone is in immediate danger, call 999" in response.content


def test_another_address_is_not_held_back_by_someone_elses_flood(settings):
    settings.SUBMISSION_RATE_LIMIT = 1
    flooder = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        flooder.post(CHECK, {})
    assert Client(REMOTE_ADDR="198.51.100.20").post(CHECK, {}).status_code != 429


def test_reading_the_check_page_never_counts(settings):
    settings.SUBMISSION_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(5):
        assert client.get(CHECK).status_code != 429


def all_cache_keys() -> list[str]:
    if settings.REDIS_URL:
        return [k.decode() for k in redis.Redis.from_url(settings.REDIS_URL).keys("*")]
    return list(cache._cache.keys())  # LocMemCache


def test_the_counter_is_keyed_on_a_keyed_hash_never_the_address(settings):
    settings.SUBMISSION_RATE_LIMIT = 5
    Client(REMOTE_ADDR=ADDRESS).post(CHECK, {})
    keys = all_cache_keys()
    assert any("ratelimit:submission:" in key for key in keys)
    assert not any(ADDRESS in key or ADDRESS.replace(".", "") in key for key in keys)
    counter = next(key for key in keys if "ratelimit:submission:" in key)
    # ... and the counter expires on its own.
    if settings.REDIS_URL:
        assert 0 < redis.Redis.from_url(settings.REDIS_URL).ttl(counter) <= 3600
    else:
        assert cache._expire_info[counter] is not None


def test_every_public_post_has_a_generous_ceiling_too(settings):
    settings.PUBLIC_POST_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        assert client.post("/eligibility/immediate-danger/", {"answer": "no"}).status_code == 302
    assert client.post("/eligibility/immediate-danger/", {"answer": "no"}).status_code == 429


def test_staff_are_not_held_back_by_the_public_ceiling(settings, handler_client):
    settings.PUBLIC_POST_RATE_LIMIT = 1
    for _ in range(3):
        assert (
            handler_client.post("/eligibility/immediate-danger/", {"answer": "no"}).status_code
            == 302
        )


def redis_caches(url: str, *, timeout: float, counter_timeout: float) -> dict:
    """CACHES as production builds them: the counters on the same Redis, with a shorter timeout."""

    def alias(seconds):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "cpi",
            "OPTIONS": {"socket_connect_timeout": seconds, "socket_timeout": seconds},
        }

    return {"default": alias(timeout), "ratelimit": alias(counter_timeout)}


@pytest.fixture(autouse=True)
def _cache_presumed_up():
    """Each test starts as a fresh process would: the counters' cache not yet known to be down."""
    security._cache_down_until = 0.0
    yield
    security._cache_down_until = 0.0


# The discard port: nothing listens. (Set through the settings fixture only: mixed with an
# override_settings decorator, the fixture's teardown restored the decorator's settings for good.)
DOWN = "redis://127.0.0.1:9/0"


def test_with_the_cache_down_professionals_are_let_through(settings):
    settings.CACHES = redis_caches(DOWN, timeout=1, counter_timeout=1)
    settings.SUBMISSION_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        assert client.post(CHECK, {}).status_code != 429


def test_after_a_cache_failure_the_counters_are_skipped_for_a_while_not_retried_each_time(
    rf, caplog, settings
):
    settings.CACHES = redis_caches(DOWN, timeout=1, counter_timeout=1)
    request = rf.post(CHECK, REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        assert not security.rate_limit_exceeded(request, scope="test", limit=1, period=60)
    assert caplog.text.count("cache unavailable") == 1


@pytest.mark.skipif(not shutil.which("redis-server"), reason="needs redis-server")
def test_a_frozen_redis_delays_a_submission_by_one_short_timeout_at_most(settings):
    from tests.reliability.harness import PrivateRedis
    from tests.submissions.journey import CONFIRMATION_URL, answer_everything, submit

    server = PrivateRedis().start()
    try:
        # As in production: limits on, counters and cache on one Redis that then stops answering.
        settings.CACHES = redis_caches(
            server.url,
            timeout=settings.REDIS_TIMEOUT_SECONDS,
            counter_timeout=settings.RATE_LIMIT_TIMEOUT_MS / 1000,
        )
        settings.SUBMISSION_RATE_LIMIT = 20
        settings.PUBLIC_POST_RATE_LIMIT = 600
        client = Client(REMOTE_ADDR=ADDRESS)
        answer_everything(client)
        server.freeze()
        started = time.monotonic()
        response = submit(client)
        elapsed = time.monotonic() - started
    finally:
        server.stop()
    assert response.url == CONFIRMATION_URL
    # The middleware's and the view's checks each used to wait REDIS_TIMEOUT_SECONDS (over 4 s).
    assert elapsed < settings.RATE_LIMIT_TIMEOUT_MS / 1000 + 1.0, f"{elapsed:.2f}s"


def test_production_limits_are_on_by_default(tmp_path):
    from tests.security.production import production_settings

    assert production_settings(tmp_path, "SUBMISSION_RATE_LIMIT", "PUBLIC_POST_RATE_LIMIT") == (
        20,
        600,
    )
