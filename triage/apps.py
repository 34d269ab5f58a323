from django.apps import AppConfig


class TriageConfig(AppConfig):
    name = "triage"

    def ready(self):
        from django.db.models.signals import post_save, pre_save

        from audit.labels import detail_labels_register, detail_words_register
        from audit.references import reference_path_register
        from submissions.models import Submission
        from triage.clocks import due_on_arrival
        from triage.models import Assessment, Note, Recontact, RecontactMethod, SourceReveal
        from triage.queue_counters import submission_arrived

        # How a submission was claimed or moved ("take_next"), shown as words on the trail.
        detail_words_register("how", "by")
        # A re-contact's entry says how the source was contacted, in words.
        detail_labels_register("method", RecontactMethod.choices)
        for model in (Assessment, Note, SourceReveal, Recontact):
            reference_path_register(model, "submission__reference")
        # The target clock starts when a submission arrives (submissions cannot import triage).
        pre_save.connect(due_on_arrival, sender=Submission, dispatch_uid="triage_due_on_arrival")
        # A new submission is one more new item: the queue's counters move on at its commit.
        post_save.connect(
            submission_arrived, sender=Submission, dispatch_uid="triage_counters_on_arrival"
        )
