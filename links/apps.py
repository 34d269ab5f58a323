from django.apps import AppConfig


class LinksConfig(AppConfig):
    name = "links"

    def ready(self):
        from django.db.models.signals import post_save

        from links import signals
        from submissions.models import Submission

        # Every new submission is indexed once its transaction commits (links.signals).
        post_save.connect(
            signals.submission_saved, sender=Submission, dispatch_uid="links_submission_saved"
        )
