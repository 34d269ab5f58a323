from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "links"

    def ready(self):
        from django.db.models.signals import post_save

        from audit.labels import detail_labels_register
        from links import models, signals
        from submissions.models import Submission

        detail_labels_register("decision", models.Decision.choices)
        # Every new submission is indexed once its transaction commits (links.signals).
        post_save.connect(
            signals.submission_saved, sender=Submission, dispatch_uid="links_submission_saved"
        )
