from django.apps import AppConfig


class SubmissionsConfig(AppConfig):
    name = "submissions"

    def ready(self):
        from audit.labels import detail_labels_register
        from audit.references import reference_path_register
        from submissions import models

        # The audit trail shows these details by name, not by their stored codes.
        detail_labels_register("categories", models.Category.choices)
        detail_labels_register("priority", models.Priority.choices)
        detail_labels_register("outcome", models.Outcome.choices)
        detail_labels_register("from", models.Status.choices)
        detail_labels_register("to", models.Status.choices)
        detail_labels_register("kinds", models.UrgencyKind.choices)
        detail_labels_register("decision", models.Urgency.choices)
        # Changes to a submission or to what it holds are filed under its reference.
        reference_path_register(models.Submission, "reference")
        for model in (
            models.SubmissionCategory,
            models.Subject,
            models.PersonOfConcern,
            models.Place,
            models.Vehicle,
            models.Source,
            models.NotificationOutbox,
        ):
            reference_path_register(model, "submission__reference")
