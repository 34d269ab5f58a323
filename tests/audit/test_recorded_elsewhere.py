"""The access events other features record appear, after the action, with the right actor.

Viewing, revealing, claiming, printing, exporting and downloading are recorded by the triage and
intelligence views; key rotation and retention purges by their commands. This checks each one
lands in the audit chain, so the trail is complete, and that the chain still verifies.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.integrity import audit_chain_verify
from audit.models import Action, AuditEvent
from intelligence import services as intelligence_services
from tests.factories import IntelligenceLogFactory, SubmissionFactory
from triage import services as triage_services

pytestmark = pytest.mark.django_db


def _latest(action: str) -> AuditEvent:
    return AuditEvent.objects.filter(action=action).latest("id")


def test_viewing_claiming_and_revealing_are_recorded_with_the_handler(handler_client, handler_user):
    submission = SubmissionFactory()
    detail = reverse("triage:detail", args=[submission.reference])
    assert not AuditEvent.objects.filter(action=Action.SUBMISSION_VIEWED).exists()

    handler_client.get(detail)
    viewed = _latest(Action.SUBMISSION_VIEWED)
    assert (viewed.actor_id, viewed.submission_reference) == (handler_user.pk, submission.reference)
    assert viewed.ip_address == "127.0.0.1"

    handler_client.post(reverse("triage:claim", args=[submission.reference]))
    claimed = _latest(Action.SUBMISSION_CLAIMED)
    assert (claimed.actor_id, claimed.submission_reference) == (
        handler_user.pk,
        submission.reference,
    )

    handler_client.post(
        reverse("triage:reveal", args=[submission.reference]),
        {"reason": "To ask about the car registration"},
    )
    revealed = _latest(Action.SOURCE_REVEALED)
    assert revealed.actor_id == handler_user.pk
    assert revealed.submission_reference == submission.reference
    assert revealed.details["reason"] == "To ask about the car registration"
    assert revealed.id > claimed.id > viewed.id
    assert audit_chain_verify().ok


def test_printing_exporting_and_downloading_are_recorded_with_purpose_and_recipient(
    handler_client, handler_user, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.EXPORT_DIR = tmp_path
    log = IntelligenceLogFactory()
    handler_client.get(reverse("intelligence:log_print", args=[log.pk]))
    printed = _latest(Action.LOG_PRINTED)
    assert printed.actor_id == handler_user.pk

    with django_capture_on_commit_callbacks(execute=True):
        export = intelligence_services.export_request(
            requester=handler_user,
            format="csv",
            purpose="Partnership meeting on Thursday",
            recipient="Community Safety Partnership",
        )
    requested = _latest(Action.EXPORT_REQUESTED)
    assert requested.actor_id == handler_user.pk
    assert requested.details["purpose"] == "Partnership meeting on Thursday"
    assert requested.details["recipient"] == "Community Safety Partnership"
    assert AuditEvent.objects.filter(
        action=Action.EXPORT_COMPLETED, object_id=str(export.pk)
    ).exists()

    handler_client.get(reverse("intelligence:export_download", args=[export.pk]))
    downloaded = _latest(Action.EXPORT_DOWNLOADED)
    assert downloaded.actor_id == handler_user.pk
    assert audit_chain_verify().ok


def test_an_approval_is_recorded_with_the_supervisor(settings, handler_user, supervisor_user):
    settings.LOG_APPROVAL_REQUIRED = True
    submission = triage_services.submission_claim(submission=SubmissionFactory(), user=handler_user)
    triage_services.outcome_record(
        submission=submission,
        user=handler_user,
        version=submission.version,
        data={
            "risk": "low",
            "priority": 3,
            "source_evaluation": "2",
            "intelligence_assessment": "C",
            "handling_code": "P",
            "handling_conditions": "",
            "outcome": "intelligence_log",
            "log_text": "Older men wait outside the youth club on Fridays.",
        },
    )
    assert _latest(Action.LOG_CREATED).actor_id == handler_user.pk
    triage_services.submission_review_approve(submission=submission, supervisor=supervisor_user)
    assert _latest(Action.LOG_APPROVED).actor_id == supervisor_user.pk


def test_retention_purges_and_key_rotations_record_that_they_ran():
    call_command("purge_retention", stdout=StringIO())
    purge = _latest(Action.RETENTION_PURGE)
    assert purge.actor_id is None  # a scheduled job, not a person
    call_command("rotate_encryption_keys", stdout=StringIO())
    assert _latest(Action.KEY_ROTATION).id > purge.id
    assert audit_chain_verify().ok
