from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "intelligence"

    def ready(self):
        from audit.labels import detail_labels_register
        from audit.references import reference_path_register
        from intelligence import services
        from intelligence.models import ExportedLog, ExportFormat, IntelligenceLog, LogStatus
        from submissions.models import Outcome
        from triage.outcomes import outcome_handler_register

        # A log's status in its audit entries, shown by name on the trail.
        detail_labels_register("status", LogStatus.choices)
        detail_labels_register("format", ExportFormat.choices)
        reference_path_register(IntelligenceLog, "submission__reference")
        reference_path_register(ExportedLog, "log__submission__reference")
        # The "sanitised intelligence log" outcome makes, approves and returns a log.
        outcome_handler_register(
            Outcome.INTELLIGENCE_LOG,
            record=services.intelligence_log_from_assessment,
            approve=services.intelligence_log_approve,
            send_back=services.intelligence_log_return,
        )
