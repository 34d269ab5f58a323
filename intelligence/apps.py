from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "intelligence"

    def ready(self):
        from audit.labels import detail_labels_register
        from intelligence.models import LogStatus

        # A log's status in its audit entries, shown by name on the trail.
        detail_labels_register("status", LogStatus.choices)
