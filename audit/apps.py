from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"

    def ready(self):
        # All models are loaded by now, including those of apps listed after this one.
        from audit import changelog, signals, task_context

        changelog.change_log_register()
        signals.connect()
        task_context.connect()
