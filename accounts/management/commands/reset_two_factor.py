from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from accounts.services import two_factor_reset


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
        removed = two_factor_reset(user=user)
        self.stdout.write(f"Removed {removed} authenticator(s) for {username}.")
