"""Flood protection on the public form: a friendly 429, keyed on an address that is never kept."""

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

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


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # the discard port: nothing listens
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
)
def test_with_the_cache_down_professionals_are_let_through(settings):
    settings.SUBMISSION_RATE_LIMIT = 1
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(3):
        assert client.post(CHECK, {}).status_code != 429


def test_production_limits_are_on_by_default(tmp_path):
    from tests.security.production import production_settings

    assert production_settings(tmp_path, "SUBMISSION_RATE_LIMIT", "PUBLIC_POST_RATE_LIMIT") == (
        20,
        600,
    )
