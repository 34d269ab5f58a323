"""Security headers and cookies on every kind of page, and production's settings for them."""

import pytest
from django.test import override_settings

from tests.factories import STAFF_PASSWORD
from tests.security.production import production_settings

pytestmark = pytest.mark.django_db


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("path", ["/", "/accounts/sign-in/", "/no-such-page/"])
def test_public_pages_send_a_strict_content_security_policy(client, path):
    response = client.get(path)
    policy = csp_directives(response)
    header = response["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]


def test_staff_pages_send_the_same_policy_and_headers(handler_client):
    response = handler_client.get("/staff/")
    assert response.status_code == 200
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]


def test_public_pages_are_never_cached(client):
    for path in ("/", "/eligibility/immediate-danger/", "/form/check-your-answers/"):
        response = client.get(path)
        assert "no-store" in response["Cache-Control"], path


def test_no_response_names_the_server_software(client, handler_client):
    for response in (client.get("/"), handler_client.get("/staff/")):
        assert "Server" not in response
        assert "X-Powered-By" not in response


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_hsts_is_sent_on_https(client):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


@override_settings(
    SESSION_COOKIE_NAME="__Host-sessionid",
    CSRF_COOKIE_NAME="__Host-csrftoken",
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
)
def test_host_prefixed_cookies_are_secure_httponly_samesite_with_root_path(client, handler_user):
    client.get("/accounts/sign-in/", secure=True)
    response = client.post(
        "/accounts/sign-in/",
        {"username": handler_user.username, "password": STAFF_PASSWORD},
        secure=True,
    )
    session_cookie = response.cookies["__Host-sessionid"]
    assert session_cookie["secure"] and session_cookie["httponly"]
    assert session_cookie["samesite"] == "Lax"
    assert session_cookie["path"] == "/"
    assert not session_cookie["domain"]
    csrf_cookie = client.cookies["__Host-csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"]
    assert csrf_cookie["path"] == "/"


def test_production_settings_use_host_prefixed_secure_cookies_and_a_year_of_hsts(tmp_path):
    names = (
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_NAME",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_HTTPONLY",
        "SECURE_HSTS_SECONDS",
        "SECURE_SSL_REDIRECT",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
    )
    assert production_settings(tmp_path, *names) == (
        "__Host-sessionid",
        "__Host-csrftoken",
        True,
        True,
        True,
        True,
        31536000,
        True,
        True,
        "same-origin",
    )
