from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"

    def ready(self):
        from audit.labels import detail_words_register
        from audit.references import reference_path_register
        from triage.models import Assessment, Note, SourceReveal

        # How a submission was claimed or moved ("take_next"), shown as words on the trail.
        detail_words_register("how", "by")
        for model in (Assessment, Note, SourceReveal):
            reference_path_register(model, "submission__reference")
