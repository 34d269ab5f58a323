import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.access import HANDLER_GROUP, SUPERVISOR_GROUP
from accounts.groups import staff_groups_ensure

ROLES = {"handler": HANDLER_GROUP, "supervisor": SUPERVISOR_GROUP}


class Command(BaseCommand):
    help = "Create a staff user in the handler or supervisor group (prompts for the password)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), required=True)
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-file", help="Read the password from this file instead of prompting."
        )

    def handle(self, *args, username, role, email, password_file=None, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called {username!r} already exists.")
        if password_file:
            with open(password_file, encoding="utf-8") as handle:
                password = handle.read().strip()
        else:
            password = getpass.getpass("Password: ")
        user = User(username=username, email=email)
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        user.set_password(password)
        user.save()
        staff_groups_ensure()
        user.groups.set([Group.objects.get(name=ROLES[role])])
        self.stdout.write(f"Created {username} as {ROLES[role]}.")
