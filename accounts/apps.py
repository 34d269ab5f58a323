from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from accounts.groups import staff_groups_ensure

    staff_groups_ensure()


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        post_migrate.connect(_ensure_groups, dispatch_uid="accounts_ensure_groups")
