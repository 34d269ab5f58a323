"""make run's demo users can sign in: a printed password and a printed authenticator key."""

import base64
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp

pytestmark = pytest.mark.django_db


def test_demo_users_print_a_password_and_an_authenticator_key_that_sign_in(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    text = out.getvalue()
    password = re.search(r"^\s+handler\s+(\S+)", text, re.M).group(1)
    key = re.search(r"authenticator key: ([A-Z2-7]+)", text).group(1)
    assert "otpauth://totp/" in text
    client = Client()
    response = client.post("/accounts/sign-in/", {"username": "handler", "password": password})
    secret = base64.b32decode(key + "=" * (-len(key) % 8))
    response = client.post(response["Location"], {"otp_token": f"{totp(secret):06d}"})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_demo_users_are_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_users")
