from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import Action
from audit.services import audit_event_record


class Command(BaseCommand):
    help = (
        "Remove a staff user's authenticator (a lost or replaced phone). They set up a new one "
        "the next time they sign in with their password."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        audit_event_record(
            action=Action.USER_CHANGED,
            object_type="auth.user",
            object_id=user.pk,
            details={"operation": "two_factor_reset", "username": username},
        )
        self.stdout.write(f"Removed {removed} authenticator(s) for {username}.")
