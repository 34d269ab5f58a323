"""Staff sign in with a password and then a TOTP code; the first time, they enrol an app."""

import base64
import re

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.accounts.otp import totp_code, totp_device_for
from tests.factories import STAFF_PASSWORD

SIGN_IN = "/accounts/sign-in/"
TWO_FACTOR = "/accounts/two-factor/"
QUEUE = "/staff/"

pytestmark = pytest.mark.django_db


def password_step(client, user, *, next_url: str = "", password: str = STAFF_PASSWORD):
    data = {"username": user.username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(SIGN_IN, data)


def test_password_step_leads_to_the_code_step_not_the_queue(handler_user):
    client = Client()
    response = password_step(client, handler_user)
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)


def test_password_alone_does_not_open_any_staff_page(handler_user):
    client = Client()
    password_step(client, handler_user)
    for path in (QUEUE, "/staff/audit/", "/admin/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(TWO_FACTOR), path


def test_wrong_password_shows_an_error_and_signs_nobody_in(handler_user):
    client = Client()
    response = password_step(client, handler_user, password="not-the-password-at-all")
    assert response.status_code == 200
    assert b"Enter a correct username and password" in response.content
    assert "_auth_user_id" not in client.session


def test_an_empty_sign_in_says_what_to_enter_beside_each_box():
    html = Client().post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "<title>Error: Sign in" in html
    assert "This field is required" not in html
    for name, message in (("username", "Enter your username"), ("password", "Enter your password")):
        assert f'<a href="#id_{name}">{message}</a>' in html  # in the summary
        assert f'<p id="{name}-error" class="govuk-error-message">' in html  # beside the box
        assert f'aria-describedby="{name}-error"' in html
    html = Client().post(SIGN_IN, {"username": "someone", "password": ""}).content.decode()
    assert "Enter your username" not in html
    assert 'id="username-error"' not in html


def test_sign_in_gives_the_session_a_new_key(handler_user):
    client = Client()
    session = client.session  # an anonymous session, as an attacker could plant (fixation)
    session["planted"] = True
    session.save()
    planted_key = session.session_key
    password_step(client, handler_user)
    after_password = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after_password != planted_key
    assert not Session.objects.filter(session_key=planted_key).exists()
    client.post(TWO_FACTOR, {"otp_token": totp_code(totp_device_for(handler_user))})
    after_code = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after_code not in (planted_key, after_password)
    assert client.get(QUEUE).status_code == 200


def test_first_sign_in_shows_a_qr_code_and_the_key_to_type(handler_user):
    client = Client()
    password_step(client, handler_user)
    response = client.get(TWO_FACTOR)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Set up your authenticator app" in html
    match = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    assert match, "QR code image missing"
    assert base64.b64decode(match.group(1)).lstrip().startswith(b"<?xml")
    device = TOTPDevice.objects.get(user=handler_user)
    assert device.confirmed is False
    shown = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html).group(1).replace(" ", "")
    assert shown == base64.b32encode(device.bin_key).decode().rstrip("=")


def test_reloading_the_enrolment_page_keeps_the_same_key(handler_user):
    client = Client()
    password_step(client, handler_user)
    client.get(TWO_FACTOR)
    client.get(TWO_FACTOR)
    assert TOTPDevice.objects.filter(user=handler_user).count() == 1


def test_enrolment_is_confirmed_by_a_code_and_signs_in(handler_user):
    client = Client()
    password_step(client, handler_user)
    client.get(TWO_FACTOR)
    device = TOTPDevice.objects.get(user=handler_user)
    response = client.post(TWO_FACTOR, {"otp_token": totp_code(device), "next": QUEUE})
    assert response.status_code == 302
    assert response["Location"] == QUEUE
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(QUEUE).status_code == 200


def test_enrolled_user_gets_the_code_page_without_a_qr_code(handler_user):
    totp_device_for(handler_user)
    client = Client()
    password_step(client, handler_user)
    html = client.get(TWO_FACTOR).content.decode()
    assert "Enter the code from your authenticator app" in html
    assert "data:image" not in html


def test_the_code_page_offers_sign_out_but_no_staff_pages_yet(
    handler_user, supervisor_user, supervisor_client
):
    for user in (handler_user, supervisor_user):
        totp_device_for(user)
        client = Client()
        password_step(client, user)
        html = client.get(TWO_FACTOR).content.decode()
        assert f"Sign out {user.username}" in html
        for page in ("/staff/", "/staff/intelligence/logs/", "/staff/audit/dashboard/"):
            assert f'class="govuk-header__link" href="{page}"' not in html, page
    # Once signed in, the menu is there (the check above would pass on a page without one).
    html = supervisor_client.get("/staff/audit/dashboard/").content.decode()
    assert 'class="govuk-header__link" href="/staff/audit/dashboard/"' in html


def test_wrong_code_is_refused(handler_user):
    device = totp_device_for(handler_user)
    client = Client()
    password_step(client, handler_user)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR, {"otp_token": wrong})
    assert response.status_code == 200
    assert b"The code is not correct" in response.content
    assert b"<title>Error: Enter your code" in response.content
    assert client.get(QUEUE)["Location"].startswith(TWO_FACTOR)


def test_a_code_that_is_not_six_digits_gets_a_clear_error(handler_user):
    totp_device_for(handler_user)
    client = Client()
    password_step(client, handler_user)
    response = client.post(TWO_FACTOR, {"otp_token": "12ab"})
    assert b"Enter the 6-digit code from your authenticator app" in response.content


def test_a_code_works_only_once(handler_user):
    device = totp_device_for(handler_user)
    code = totp_code(device)
    first = Client()
    password_step(first, handler_user)
    assert first.post(TWO_FACTOR, {"otp_token": code}).status_code == 302
    # Someone who saw the code (over the shoulder, a phishing page) tries it straight away.
    second = Client()
    password_step(second, handler_user)
    response = second.post(TWO_FACTOR, {"otp_token": code})
    assert response.status_code == 200
    assert b"already been used" in response.content
    assert second.get(QUEUE)["Location"].startswith(TWO_FACTOR)


def test_where_they_were_going_survives_both_steps(handler_user):
    device = totp_device_for(handler_user)
    client = Client()
    response = client.get("/staff/?status=new")
    assert response["Location"] == f"{SIGN_IN}?next=/staff/%3Fstatus%3Dnew"
    response = password_step(client, handler_user, next_url="/staff/?status=new")
    response = client.post(response["Location"], {"otp_token": totp_code(device)})
    assert response["Location"] == "/staff/?status=new"


def test_next_pointing_at_another_site_is_ignored(handler_user):
    device = totp_device_for(handler_user)
    client = Client()
    response = password_step(client, handler_user, next_url="https://evil.example/")
    response = client.post(response["Location"], {"otp_token": totp_code(device)})
    assert response["Location"] == reverse(settings.LOGIN_REDIRECT_URL)


def test_admin_sign_in_page_sends_staff_to_the_two_step_sign_in(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_staff_decorators_refuse_an_unverified_user_even_without_the_middleware(rf, handler_user):
    from accounts.access import handler_required, supervisor_required

    for decorator in (handler_required, supervisor_required):
        view = decorator(lambda request: pytest.fail("view ran without a second factor"))
        request = rf.get("/staff/anything/")
        handler_user.is_verified = lambda: False
        request.user = handler_user
        response = view(request)
        assert response.status_code == 302
        assert response["Location"].startswith(TWO_FACTOR)


def test_unverified_outsider_is_asked_for_a_code_before_being_refused(outsider_user):
    totp_device_for(outsider_user)
    client = Client()
    password_step(client, outsider_user)
    assert client.get(QUEUE)["Location"].startswith(TWO_FACTOR)
    client.post(TWO_FACTOR, {"otp_token": totp_code(totp_device_for(outsider_user))})
    assert client.get(QUEUE).status_code == 403


def test_signed_in_fixture_clients_are_verified(handler_client, supervisor_client):
    assert handler_client.get(QUEUE).status_code == 200
    assert supervisor_client.get(QUEUE).status_code == 200


def test_an_overlong_username_is_a_wrong_sign_in_not_a_server_error(client):
    # django-axes records each failure with its username (255 characters at most); PostgreSQL
    # refused a longer one and the sign-in page failed with a 500.
    response = client.post(SIGN_IN, {"username": "A" * 300, "password": "A" * 300})
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
