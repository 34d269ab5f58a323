"""Test helpers for the second factor: a confirmed TOTP device and the code its app would show."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.sessions import session_signed_in_mark


def totp_device_for(user) -> TOTPDevice:
    """The user's confirmed authenticator device, enrolled now if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return device


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """The code the user's app shows now, or the next step's if this step's code was used.

    A code works once (django-otp keeps the last used time step), so signing the same user in
    twice within 30 seconds needs the next code, which the verifier's tolerance of one step accepts.
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    if at is None and totp.t() <= device.last_t:
        totp.time = (device.last_t + 1 - device.drift) * device.step + device.t0
    return f"{totp.token():0{device.digits}d}"


def session_verify(session, device: TOTPDevice) -> None:
    """Make a signed-in session OTP-verified, as django_otp.login does after a good code."""
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session_signed_in_mark(session)
