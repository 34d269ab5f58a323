import base64
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.access import HANDLER_GROUP, SUPERVISOR_GROUP
from accounts.groups import staff_groups_ensure

DEMO_USERS = (("handler", HANDLER_GROUP), ("supervisor", SUPERVISOR_GROUP))


class Command(BaseCommand):
    help = (
        "Create (or reset) a demo handler and a demo supervisor, enrol an authenticator for each, "
        "and print their passwords and authenticator keys. Development only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args, force: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError("Demo users are for development only (DEBUG is off).")
        staff_groups_ensure()
        User = get_user_model()
        self.stdout.write("Demo staff users (development only):")
        for username, group_name in DEMO_USERS:
            password = f"demo-{secrets.token_urlsafe(9)}"
            user, _ = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_staff = False
            user.save()
            user.groups.set([Group.objects.get(name=group_name)])
            # Sign-in needs a TOTP code too: enrol a fresh authenticator and show its key.
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
            key = base64.b32encode(device.bin_key).decode().rstrip("=")
            self.stdout.write(f"  {username:<11} {password}   ({group_name})")
            self.stdout.write(f"              authenticator key: {key}")
            self.stdout.write(f"              {device.config_url}")
        self.stdout.write(
            "Add each key to an authenticator app for the sign-in code, or print the current "
            "code with `.venv/bin/python manage.py demo_totp_code handler` (or supervisor)."
        )
