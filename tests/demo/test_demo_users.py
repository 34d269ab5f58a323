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


def test_the_demo_code_command_prints_a_code_that_signs_the_demo_user_in(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    password = re.search(r"^\s+supervisor\s+(\S+)", out.getvalue(), re.M).group(1)
    client = Client()
    response = client.post("/accounts/sign-in/", {"username": "supervisor", "password": password})
    code = io.StringIO()
    call_command("demo_totp_code", "supervisor", stdout=code, stderr=io.StringIO())
    assert re.fullmatch(r"\d{6}\n", code.getvalue())
    response = client.post(response["Location"], {"otp_token": code.getvalue().strip()})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 200


def test_the_demo_code_command_gives_the_next_code_once_this_one_is_used(settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from demo.management.commands.demo_totp_code import current_code

    settings.DEBUG = True
    call_command("create_demo_users", stdout=io.StringIO())
    device = TOTPDevice.objects.get(user__username="handler")
    first, _ = current_code(device, now=1_000_000_000)
    device.last_t = (1_000_000_000 - device.t0) // device.step
    assert current_code(device, now=1_000_000_000)[0] != first


def test_the_demo_code_command_is_refused_with_debug_off_and_for_other_users(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("demo_totp_code", "handler")
    settings.DEBUG = True
    with pytest.raises(CommandError):
        call_command("demo_totp_code", "someone.real")
