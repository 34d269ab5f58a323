"""The change log (django-auditlog): which models, what is masked, and its place in the chain."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from audit.changelog import MASK, masked_field_names
from audit.models import Action, AuditEvent
from cpi.crypto import EncryptedTextField
from tests.factories import SubjectFactory, SubmissionFactory, VehicleFactory


def _models_of(app_label: str) -> list:
    return list(apps.get_app_config(app_label).get_models())


def test_every_data_model_and_the_staff_accounts_are_in_the_change_log():
    expected = [
        *_models_of("submissions"),
        *_models_of("triage"),
        *_models_of("intelligence"),
        get_user_model(),
        Group,
    ]
    bookkeeping = {"submissions.NotificationOutbox", "intelligence.ExportedLog"}
    missing = [
        m._meta.label
        for m in expected
        if not auditlog.contains(m) and m._meta.label not in bookkeeping
    ]
    assert missing == []
    assert not auditlog.contains(AuditEvent)


def test_every_encrypted_field_anywhere_is_masked():
    for model in apps.get_models():
        encrypted = [
            f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if encrypted and auditlog.contains(model):
            masked = auditlog.get_model_fields(model)["mask_fields"]
            assert set(encrypted) <= set(masked), model._meta.label


def test_every_field_of_the_source_is_masked():
    source = apps.get_model("submissions", "Source")
    assert set(masked_field_names(source)) == {
        "name",
        "role",
        "organisation",
        "email",
        "phone",
        "contact_times",
    }


def test_passwords_are_masked_and_sign_ins_are_not_changes():
    fields = auditlog.get_model_fields(get_user_model())
    assert "password" in fields["mask_fields"]
    assert "last_login" in fields["exclude_fields"]


@pytest.mark.django_db
def test_a_change_names_the_field_and_keeps_state_values_but_masks_free_text():
    submission = SubmissionFactory()
    submission.status = "in_progress"
    submission.priority = 1
    submission.information = "Updated: she was seen again on Tuesday."
    submission.save()
    entry = LogEntry.objects.get_for_object(submission).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.changes["status"] == ["new", "in_progress"]
    assert entry.changes["priority"] == ["3", "1"]
    assert entry.changes["information"] == [MASK, MASK]
    assert "Tuesday" not in str(entry.changes)


@pytest.mark.django_db
def test_personal_details_of_subjects_are_masked_and_not_used_as_names():
    subject = SubjectFactory(name="Keira Oddington", date_of_birth=date(2011, 2, 14))
    vehicle = VehicleFactory(submission=subject.submission, registration="ZX99QRS")
    entries = LogEntry.objects.filter(object_pk__in=[str(subject.pk), str(vehicle.pk)])
    dump = str(list(entries.values("object_repr", "changes")))
    assert "Oddington" not in dump
    assert "ZX99QRS" not in dump
    assert "2011-02-14" not in dump
    assert entries.get(object_pk=str(subject.pk)).object_repr == f"subject {subject.pk}"


@pytest.mark.django_db
def test_every_change_log_entry_has_a_chained_twin_that_reads_on_its_own(handler_user):
    submission = SubmissionFactory()
    submission.status = "in_progress"
    submission.assigned_to = handler_user
    submission.save()
    entry = LogEntry.objects.get_for_object(submission).filter(action=LogEntry.Action.UPDATE).get()
    twin = AuditEvent.objects.get(action=Action.RECORD_CHANGED, details__log_entry_id=entry.pk)
    assert twin.submission_reference == submission.reference
    assert twin.object_type == "submissions.submission"
    assert twin.object_id == str(submission.pk)
    assert twin.details["changes"]["status"] == ["new", "in_progress"]
    assert twin.details["changes"]["assigned_to"] == ["None", str(handler_user.pk)]
    assert len(twin.details["log_entry_digest"]) == 64


@pytest.mark.django_db
def test_changes_to_records_under_a_submission_land_on_its_timeline():
    subject = SubjectFactory()
    subject.approximate_age = 15
    subject.save()
    twin = AuditEvent.objects.filter(
        action=Action.RECORD_CHANGED, object_type="submissions.subject"
    ).get()
    assert twin.submission_reference == subject.submission.reference


@pytest.mark.django_db
def test_deletions_are_recorded_with_the_reference_they_belonged_to():
    submission = SubmissionFactory()
    reference = submission.reference
    submission.delete()
    deleted = AuditEvent.objects.filter(action=Action.RECORD_DELETED)
    assert set(deleted.values_list("submission_reference", flat=True)) == {reference}
    assert deleted.filter(object_type="submissions.subject").exists()


@pytest.mark.django_db
def test_a_change_made_by_a_signed_in_person_names_them(handler_client, handler_user):
    """auditlog's middleware sets the actor on requests; the twin carries it."""
    from django.test import RequestFactory

    from audit.context import request_bind, request_unbind

    submission = SubmissionFactory()
    request = RequestFactory().post("/staff/")
    request.user = handler_user
    token = request_bind(request)
    try:
        from auditlog.context import set_actor

        with set_actor(handler_user):
            submission.risk = "high"
            submission.save()
    finally:
        request_unbind(token)
    twin = AuditEvent.objects.filter(
        action=Action.RECORD_CHANGED, object_type="submissions.submission"
    ).get()
    assert twin.actor_id == handler_user.pk
    assert twin.ip_address == "127.0.0.1"
    assert LogEntry.objects.get(pk=twin.details["log_entry_id"]).remote_addr is None
