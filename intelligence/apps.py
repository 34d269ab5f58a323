from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "intelligence"

    def ready(self):
        from audit.labels import detail_labels_register
        from audit.references import reference_path_register
        from intelligence.models import ExportedLog, IntelligenceLog, LogStatus

        # A log's status in its audit entries, shown by name on the trail.
        detail_labels_register("status", LogStatus.choices)
        reference_path_register(IntelligenceLog, "submission__reference")
        reference_path_register(ExportedLog, "log__submission__reference")
