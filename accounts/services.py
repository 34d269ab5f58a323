"""Writes for a staff member's second factor: the authenticator app they enrol, the codes it
gives, and resetting it when a phone is lost. The views keep only what needs the request (the
session, the lockout); these take the user."""

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.services import audit_event_record

DEVICE_NAME = "Authenticator app"


@dataclass(frozen=True)
class SecondFactor:
    """The device a code is checked against; `enrolling` while it is not yet confirmed."""

    device: TOTPDevice
    enrolling: bool


@dataclass(frozen=True)
class CodeCheck:
    verified: bool
    # False while django-otp's throttle refuses to check codes at all (too many wrong ones).
    allowed: bool


def two_factor_device_get(*, user) -> SecondFactor:
    """The user's confirmed authenticator, or the one they are enrolling (made the first time).

    One pending device per user, kept across reloads so a scanned code stays valid."""
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    if device is not None:
        return SecondFactor(device=device, enrolling=False)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return SecondFactor(device=device, enrolling=True)


@transaction.atomic
def two_factor_verify(*, factor: SecondFactor, token: str) -> CodeCheck:
    """Check a code; the first good code from a new authenticator confirms it (and drops any
    other pending one)."""
    device = factor.device
    allowed, _ = device.verify_is_allowed()
    if not (allowed and device.verify_token(token)):
        return CodeCheck(verified=False, allowed=allowed)
    if factor.enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return CodeCheck(verified=True, allowed=True)


def sign_in_record(*, user, enrolled_now: bool) -> None:
    """The sign-in is complete once the second factor is proved: that is when it is recorded."""
    audit_event_record(
        action=Action.SIGN_IN,
        object_type="auth.user",
        object_id=user.pk,
        details={"second_factor": "totp", "enrolled_now": enrolled_now},
    )


@transaction.atomic
def two_factor_reset(*, user) -> int:
    """Remove the user's authenticators (a lost or replaced phone); they enrol a new one at their
    next sign-in. Returns how many were removed."""
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    audit_event_record(
        action=Action.USER_CHANGED,
        object_type="auth.user",
        object_id=user.pk,
        details={"operation": "two_factor_reset", "username": user.get_username()},
    )
    return removed
