from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "submissions"

    def ready(self):
        from audit.labels import detail_labels_register
        from submissions.models import Category, Outcome, Priority, Status

        # The audit trail shows these details by name, not by their stored codes.
        detail_labels_register("categories", Category.choices)
        detail_labels_register("priority", Priority.choices)
        detail_labels_register("outcome", Outcome.choices)
        detail_labels_register("from", Status.choices)
        detail_labels_register("to", Status.choices)
