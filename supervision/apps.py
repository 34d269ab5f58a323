from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    """The supervisor's pages: the audit trail read and exported, the dashboard, log approvals.

    They read across every app, so they sit on top; the audit trail itself stays a foundation.
    """

    name = "supervision"
