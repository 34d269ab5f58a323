"""accounts.services: enrolling an authenticator, checking its codes, resetting it."""

import io

import pytest
from django.core.management import call_command
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from audit.models import Action, AuditEvent
from tests.accounts.otp import totp_code, totp_device_for

pytestmark = pytest.mark.django_db


def test_a_first_sign_in_enrols_one_pending_device_kept_across_reloads(handler_user):
    first = services.two_factor_device_get(user=handler_user)
    again = services.two_factor_device_get(user=handler_user)
    assert first.enrolling and again.enrolling
    assert first.device.pk == again.device.pk
    assert TOTPDevice.objects.filter(user=handler_user).count() == 1


def test_the_first_good_code_confirms_the_new_device_and_drops_other_pending_ones(handler_user):
    factor = services.two_factor_device_get(user=handler_user)
    TOTPDevice.objects.create(user=handler_user, name="stray", confirmed=False)
    check = services.two_factor_verify(factor=factor, token=totp_code(factor.device))
    assert check.verified
    assert list(TOTPDevice.objects.filter(user=handler_user)) == [factor.device]
    factor.device.refresh_from_db()
    assert factor.device.confirmed
    assert not services.two_factor_device_get(user=handler_user).enrolling


def test_a_wrong_code_confirms_nothing(handler_user):
    factor = services.two_factor_device_get(user=handler_user)
    wrong = f"{(int(totp_code(factor.device)) + 1) % 1_000_000:06d}"
    check = services.two_factor_verify(factor=factor, token=wrong)
    assert not check.verified
    factor.device.refresh_from_db()
    assert not factor.device.confirmed


def test_a_sign_in_is_recorded_with_whether_the_device_was_enrolled_now(handler_user):
    services.sign_in_record(user=handler_user, enrolled_now=True)
    event = AuditEvent.objects.get(action=Action.SIGN_IN)
    assert event.object_id == str(handler_user.pk)
    assert event.details == {"second_factor": "totp", "enrolled_now": True}


def test_resetting_removes_every_authenticator_and_is_recorded(handler_user):
    totp_device_for(handler_user)
    call_command("reset_two_factor", handler_user.username, stdout=io.StringIO())
    assert not TOTPDevice.objects.filter(user=handler_user).exists()
    event = AuditEvent.objects.get(
        action=Action.USER_CHANGED, details__operation="two_factor_reset"
    )
    assert event.details["username"] == handler_user.username
