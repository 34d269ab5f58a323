"""Staff sessions end after 30 minutes idle or 12 hours in all; professionals' sessions do not."""

import pytest
from django.conf import settings
from django.test import Client

from accounts import sessions
from tests.accounts.otp import totp_code, totp_device_for
from tests.factories import STAFF_PASSWORD

pytestmark = pytest.mark.django_db
QUEUE = "/staff/"


def age_session(client, **seconds_ago):
    session = client.session
    moment = sessions.now()
    for key, ago in seconds_ago.items():
        session[getattr(sessions, key)] = moment - ago
    session.save()


def test_a_staff_session_survives_29_minutes_idle(handler_client):
    age_session(handler_client, LAST_SEEN_AT=29 * 60)
    assert handler_client.get(QUEUE).status_code == 200


def test_a_staff_session_ends_after_30_minutes_idle(handler_client):
    age_session(handler_client, LAST_SEEN_AT=30 * 60 + 5)
    response = handler_client.get(QUEUE)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
    assert "_auth_user_id" not in handler_client.session
    page = handler_client.get(response["Location"])
    assert b"had not used the service for 30 minutes" in page.content


def test_a_busy_staff_session_still_ends_after_12_hours(handler_client):
    age_session(handler_client, SIGNED_IN_AT=12 * 60 * 60 + 5, LAST_SEEN_AT=60)
    response = handler_client.get(QUEUE)
    assert response.status_code == 302
    assert "_auth_user_id" not in handler_client.session


def test_the_stored_staff_session_expires_with_the_idle_limit(handler_client):
    age_session(handler_client, LAST_SEEN_AT=120)  # due a refresh of the idle clock
    handler_client.get(QUEUE)
    assert handler_client.session.get_expiry_age() == settings.STAFF_SESSION_IDLE_SECONDS


def test_a_professionals_session_keeps_the_ordinary_lifetime(client):
    session = client.session
    session["answers"] = {"x": 1}
    session.save()
    client.get("/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE
    assert sessions.LAST_SEEN_AT not in client.session


def test_a_form_posted_after_the_session_ended_is_kept_for_after_signing_in(handler_user):
    from tests.conftest import _signed_in_client

    client = _signed_in_client(handler_user)
    age_session(client, LAST_SEEN_AT=31 * 60)
    response = client.post("/staff/some/form/", {"note": "Long assessment text", "version": "3"})
    assert response.status_code == 302
    sign_in = response["Location"]
    assert sign_in == "/accounts/sign-in/?next=/staff/some/form/"
    response = client.post(sign_in, {"username": handler_user.username, "password": STAFF_PASSWORD})
    response = client.post(
        response["Location"], {"otp_token": totp_code(totp_device_for(handler_user))}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'action="/staff/some/form/"' in html
    assert 'name="note" value="Long assessment text"' in html
    assert 'name="version" value="3"' in html


def test_kept_answers_are_never_offered_to_a_different_user(handler_user, other_handler_user):
    from tests.conftest import _signed_in_client

    client = _signed_in_client(handler_user)
    age_session(client, LAST_SEEN_AT=31 * 60)
    client.post("/staff/some/form/", {"note": "Hannah's private draft"})
    response = client.post(
        "/accounts/sign-in/?next=/staff/some/form/",
        {"username": other_handler_user.username, "password": STAFF_PASSWORD},
    )
    response = client.post(
        response["Location"], {"otp_token": totp_code(totp_device_for(other_handler_user))}
    )
    assert response.status_code == 302
    assert b"private draft" not in Client().get("/").content
    assert "private draft" not in str(dict(client.session))
