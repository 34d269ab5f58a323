"""Print the sign-in code a demo user's authenticator app would show now. Development only."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from demo.management.commands.create_demo_users import DEMO_USERS

DEMO_USERNAMES = tuple(username for username, _ in DEMO_USERS)


def current_code(device: TOTPDevice, *, now: float | None = None) -> tuple[str, int]:
    """(code, seconds it stays valid). A code works once: if this step's code has been used, the
    next step's (which sign-in accepts, allowing for one step of clock drift)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if now is None else now
    if totp.t() <= device.last_t:
        totp.time = (device.last_t + 1 - device.drift) * device.step + device.t0
    remaining = device.step - int(totp.time - device.t0) % device.step
    return f"{totp.token():0{device.digits}d}", remaining


class Command(BaseCommand):
    help = (
        "Print the current sign-in code of a demo user (handler or supervisor), as their "
        "authenticator app would show it, so `make run` needs no app and no oathtool. "
        "Development only (DEBUG on)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", default="handler", choices=DEMO_USERNAMES)

    def handle(self, *args, username: str, **options):
        # No --force: a command that prints a second factor never runs on a real system.
        if not settings.DEBUG:
            raise CommandError("Demo sign-in codes are for development only (DEBUG is off).")
        user = get_user_model().objects.filter(username=username).first()
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() if user else None
        if device is None:
            raise CommandError(
                f"{username} has no authenticator yet: run `manage.py create_demo_users` "
                "(make run does) first."
            )
        code, remaining = current_code(device)
        self.stdout.write(code)
        self.stderr.write(f"({username}'s code, valid for about {remaining} more seconds)")
