"""Sign-in throttling: 5 failures lock one username from one client address, nothing more."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from tests.accounts.otp import totp_code, totp_device_for
from tests.factories import STAFF_PASSWORD

SIGN_IN = "/accounts/sign-in/"
TWO_FACTOR = "/accounts/two-factor/"
LIMIT = 5

pytestmark = pytest.mark.django_db


WRONG_PASSWORD = "wrong-password-123"


def attempt(user, *, password=WRONG_PASSWORD, ip="198.51.100.7", **headers):
    client = Client(REMOTE_ADDR=ip, **headers)
    return client, client.post(SIGN_IN, {"username": user.username, "password": password})


def fail(user, times=LIMIT, **kwargs):
    for _ in range(times):
        attempt(user, **kwargs)


def test_five_failures_lock_the_account_from_that_address_with_a_friendly_page(handler_user):
    for _ in range(LIMIT - 1):
        _, response = attempt(handler_user)
        assert response.status_code == 200
    _, response = attempt(handler_user)
    assert response.status_code == 429
    # Even the right password is refused while locked.
    _, response = attempt(handler_user, password=STAFF_PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "You have tried to sign in too many times" in html
    assert "wait 1 minute" in html
    assert "Traceback" not in html


def test_four_failures_then_the_right_password_still_signs_in(handler_user):
    fail(handler_user, times=LIMIT - 1)
    _, response = attempt(handler_user, password=STAFF_PASSWORD)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)


def test_a_forged_x_forwarded_for_does_not_reset_the_count(handler_user, settings):
    settings.PROXY_DEPTH = 0  # no proxy: the header is not to be believed at all
    for n in range(LIMIT):
        attempt(handler_user, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    _, response = attempt(handler_user, password=STAFF_PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert response.status_code == 429


def test_behind_one_proxy_the_address_the_proxy_saw_is_the_key(handler_user, settings):
    settings.PROXY_DEPTH = 1
    # The client forges an address in front; the proxy appends the real one (203.0.113.50).
    for n in range(LIMIT):
        attempt(handler_user, ip="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.50")
    _, response = attempt(
        handler_user,
        password=STAFF_PASSWORD,
        ip="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.50",
    )
    assert response.status_code == 429
    # A colleague behind the same proxy at a different address is unaffected.
    _, response = attempt(
        handler_user, password=STAFF_PASSWORD, ip="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.51"
    )
    assert response.status_code == 302


def test_the_same_person_from_another_address_is_not_locked_out(handler_user):
    fail(handler_user, ip="198.51.100.7")
    _, response = attempt(handler_user, password=STAFF_PASSWORD, ip="198.51.100.8")
    assert response.status_code == 302


def test_other_users_at_the_attackers_address_are_not_locked_out(handler_user, other_handler_user):
    fail(handler_user, ip="198.51.100.7")
    _, response = attempt(other_handler_user, password=STAFF_PASSWORD, ip="198.51.100.7")
    assert response.status_code == 302


def test_the_lock_lifts_a_minute_after_the_last_failure(handler_user):
    fail(handler_user)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=61))
    _, response = attempt(handler_user, password=STAFF_PASSWORD)
    assert response.status_code == 302


def test_the_lock_holds_within_the_minute(handler_user):
    fail(handler_user)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=50))
    _, response = attempt(handler_user, password=STAFF_PASSWORD)
    assert response.status_code == 429


def test_wrong_codes_count_towards_the_lock_and_sign_the_user_out(handler_user):
    device = totp_device_for(handler_user)
    client, _ = attempt(handler_user, password=STAFF_PASSWORD)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    statuses = []
    for _ in range(LIMIT):
        # django-otp slows repeated wrong codes down too; clear its delay to reach axes' limit.
        device.refresh_from_db()
        device.throttling_failure_timestamp = None
        device.save()
        statuses.append(client.post(TWO_FACTOR, {"otp_token": wrong}).status_code)
    assert statuses == [200, 200, 200, 200, 429]
    assert "_auth_user_id" not in client.session
    assert client.get("/staff/")["Location"].startswith(SIGN_IN)


def test_failed_attempts_never_store_the_password_typed(handler_user):
    fail(handler_user, times=2, password="my-secret-guess-4815")
    stored = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "my-secret-guess-4815" not in stored


@pytest.mark.parametrize("forged", ["not-an-address", "999.1.1.1", "203.0.113.5:443"])
def test_a_forwarded_entry_that_is_not_an_address_falls_back_to_the_peer(
    handler_user, settings, forged
):
    # Without the check PostgreSQL refused the sign-in record and the page was a 500.
    settings.PROXY_DEPTH = 1
    for _ in range(LIMIT - 1):
        _, response = attempt(handler_user, ip="10.0.0.2", HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == "10.0.0.2"
    _, response = attempt(handler_user, ip="10.0.0.2", HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 429
