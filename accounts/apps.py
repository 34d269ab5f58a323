from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_groups(sender, **kwargs):
    from accounts.groups import staff_groups_ensure

    staff_groups_ensure()


class AccountsConfig(AppConfig):
    name = "accounts"

    def ready(self):
        from audit.labels import detail_labels_register

        post_migrate.connect(_ensure_groups, dispatch_uid="accounts_ensure_groups")
        # How a sign-in was completed, shown by name on the audit trail.
        detail_labels_register("second_factor", [("totp", "Code from an authenticator app")])
