from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"

    def ready(self):
        from audit.labels import detail_words_register

        # How a submission was claimed or moved ("take_next"), shown as words on the trail.
        detail_words_register("how", "by")
