"""Signing out ends the session for good: its old key opens nothing afterwards."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client

pytestmark = pytest.mark.django_db

SIGN_OUT = "/accounts/sign-out/"


def test_sign_out_is_post_only(handler_client):
    assert handler_client.get(SIGN_OUT).status_code == 405
    assert handler_client.get("/staff/").status_code == 200


def test_sign_out_invalidates_the_old_session_key(handler_client):
    old_key = handler_client.cookies[settings.SESSION_COOKIE_NAME].value
    response = handler_client.post(SIGN_OUT)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/sign-in/"
    assert not Session.objects.filter(session_key=old_key).exists()
    # Someone who copied the cookie before sign-out gets nowhere with it.
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get("/staff/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")


def test_sign_out_says_so(handler_client):
    response = handler_client.post(SIGN_OUT, follow=True)
    assert b"You have signed out" in response.content
