"""Re-contacting a source: recorded, listed, audited; the service's email and its template."""

from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEvent
from submissions.models import NotificationOutbox, Source, Status
from submissions.services import outbox_drain
from tests.factories import SubmissionFactory
from triage import services
from triage.models import Recontact, RecontactMethod, SourceEmailTemplate
from triage.services import NotPermitted
from triage.state import TriageError

pytestmark = pytest.mark.django_db

REASON = "Need to ask when the car was last seen."
RESULT = "Called back; the car has not been seen since Monday."
TEMPLATE = {
    "subject": "Your CPI form {reference}",
    "body": "Please call the intelligence unit on {unit_phone} and quote {reference}.",
    "unit_phone": "0117 496 0999",
}


def _claimed_by(user):
    submission = SubmissionFactory(information="Ellie Parks is picked up by a silver Ford.")
    return services.submission_claim(submission=submission, user=user)


def _url(name: str, submission) -> str:
    return reverse(f"triage:{name}", args=[submission.reference])


def _revealed(client, submission):
    response = client.post(_url("reveal", submission), {"reason": "To call them back about it."})
    assert response.status_code == 200
    return submission


@pytest.fixture
def revealed(handler_client, handler_user):
    return _revealed(handler_client, _claimed_by(handler_user))


@pytest.fixture
def template(supervisor_user):
    return services.source_email_template_save(user=supervisor_user, **TEMPLATE)


# --- Recording a re-contact ----------------------------------------------------------------
def test_a_handler_records_a_recontact_from_a_revealed_source(handler_client, revealed):
    detail = handler_client.get(_url("detail", revealed)).content.decode()
    assert 'id="record-recontact"' in detail
    response = handler_client.post(
        _url("recontact", revealed),
        {"reason": REASON, "method": RecontactMethod.PHONE, "result": RESULT},
    )
    assert response.status_code == 302
    recontact = Recontact.objects.get(submission=revealed)
    assert (recontact.method, recontact.reason, recontact.result) == ("phone", REASON, RESULT)
    page = handler_client.get(_url("detail", revealed)).content.decode()
    assert RESULT in page and "Phone" in page


def test_the_recontact_is_in_the_audit_trail_without_its_words(handler_client, revealed):
    handler_client.post(
        _url("recontact", revealed),
        {"reason": REASON, "method": RecontactMethod.IN_PERSON, "result": RESULT},
    )
    event = AuditEvent.objects.get(action=Action.RECONTACT_RECORDED)
    recontact = Recontact.objects.get()
    assert event.actor_username == "hannah.handler"
    assert event.submission_reference == revealed.reference
    assert (event.object_type, event.object_id) == ("recontact", str(recontact.pk))
    assert event.details == {"method": "in_person"}


def test_without_revealing_the_source_there_is_no_recontact(handler_client, handler_user):
    submission = _claimed_by(handler_user)
    assert (
        'id="record-recontact"'
        not in handler_client.get(_url("detail", submission)).content.decode()
    )
    response = handler_client.get(_url("recontact", submission))
    assert response.status_code == 302 and response["Location"] == _url("reveal", submission)
    response = handler_client.post(_url("source_email", submission), {"reason": REASON})
    assert response["Location"] == _url("reveal", submission)
    with pytest.raises(NotPermitted):
        services.recontact_record(
            submission=submission, user=handler_user, reason=REASON, method="phone", result=RESULT
        )


def test_another_handler_cannot_record_a_recontact(other_handler_user, revealed):
    with pytest.raises(NotPermitted):
        services.recontact_record(
            submission=revealed,
            user=other_handler_user,
            reason=REASON,
            method="phone",
            result=RESULT,
        )


def test_outsiders_cannot_reach_the_recontact_pages(outsider_client, client, revealed):
    assert outsider_client.get(_url("recontact", revealed)).status_code in (403, 404)
    assert client.get(_url("recontact", revealed)).status_code == 302


def test_the_source_s_name_is_refused_in_a_recontact(handler_client, revealed):
    response = handler_client.post(
        _url("recontact", revealed),
        {"reason": REASON, "method": "phone", "result": "Spoke to Sarah Hughes at school."},
    )
    assert response.status_code == 400
    assert "Do not include the source&#x27;s name" in response.content.decode()
    assert not Recontact.objects.exists()


def test_each_field_of_a_recontact_is_required(handler_client, revealed):
    response = handler_client.post(_url("recontact", revealed), {})
    form = response.context["form"]
    assert set(form.errors) == {"reason", "method", "result"}


# --- The service's email -------------------------------------------------------------------
def test_without_a_template_the_email_cannot_be_sent(handler_client, revealed):
    body = handler_client.get(_url("source_email", revealed)).content.decode()
    assert 'id="no-template"' in body
    handler_client.post(_url("source_email", revealed), {"reason": REASON})
    assert not NotificationOutbox.objects.filter(kind="source_email").exists()


def test_the_email_carries_only_the_reference_and_the_unit_phone(
    handler_client, revealed, template, django_capture_on_commit_callbacks
):
    preview = handler_client.get(_url("source_email", revealed)).content.decode()
    assert (
        f"Please call the intelligence unit on 0117 496 0999 and quote {revealed.reference}"
        in preview
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = handler_client.post(_url("source_email", revealed), {"reason": REASON})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["s.hughes@kwa.example.sch.uk"]
    assert message.subject == f"Your CPI form {revealed.reference}"
    assert message.body == (
        f"Please call the intelligence unit on 0117 496 0999 and quote {revealed.reference}."
    )
    assert "Ellie" not in message.body
    # The outbox keeps the words it sent, never the address.
    row = NotificationOutbox.objects.get(kind="source_email")
    assert "s.hughes" not in f"{row.subject} {row.body} {row.last_error}"
    recontact = Recontact.objects.get()
    assert recontact.by_service_email and recontact.method == RecontactMethod.EMAIL
    event = AuditEvent.objects.get(action=Action.SOURCE_EMAILED)
    assert event.details == {"method": "email"}


def test_a_source_email_waits_in_the_outbox_if_the_broker_is_down(
    handler_user, revealed, template, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with (
        mock.patch("submissions.tasks.notification_send.delay", side_effect=ConnectionError),
        django_capture_on_commit_callbacks(execute=True),
    ):
        services.source_email_send(submission=revealed, user=handler_user, reason=REASON)
    assert mail.outbox == []
    assert outbox_drain() == (1, 0)
    assert mail.outbox[0].to == ["s.hughes@kwa.example.sch.uk"]


def test_no_email_once_the_source_details_are_purged(handler_user, revealed, template):
    Source.objects.filter(submission=revealed).update(purged_at=timezone.now(), email="")
    with pytest.raises(TriageError):
        services.source_email_send(submission=revealed, user=handler_user, reason=REASON)


# --- The template a supervisor maintains ---------------------------------------------------
def test_a_supervisor_saves_the_template_and_it_is_audited(supervisor_client):
    url = reverse("supervision:source_email_template")
    assert supervisor_client.get(url).status_code == 200
    response = supervisor_client.post(url, TEMPLATE)
    assert response.status_code == 302
    assert SourceEmailTemplate.objects.get().unit_phone == "0117 496 0999"
    assert AuditEvent.objects.filter(action=Action.RECONTACT_TEMPLATE_CHANGED).count() == 1


def test_handlers_cannot_change_the_template(handler_client, handler_user):
    url = reverse("supervision:source_email_template")
    assert handler_client.get(url).status_code == 403
    with pytest.raises(NotPermitted):
        services.source_email_template_save(user=handler_user, **TEMPLATE)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": "Call {unit_phone} about {reference}: {information}"}, "body"),
        ({"subject": "About {subject_name}"}, "subject"),
        ({"body": "Please call {unit_phone}."}, "body"),
        ({"unit_phone": "not a number"}, "unit_phone"),
    ],
)
def test_the_template_may_hold_only_the_reference_and_phone(supervisor_user, changes, field):
    with pytest.raises(ValidationError) as refused:
        services.source_email_template_save(user=supervisor_user, **{**TEMPLATE, **changes})
    assert field in refused.value.error_dict


# --- The dashboard -------------------------------------------------------------------------
def test_the_dashboard_counts_recontacts_per_handler(handler_user, revealed, supervisor_client):
    for _ in range(2):
        services.recontact_record(
            submission=revealed, user=handler_user, reason=REASON, method="phone", result=RESULT
        )
    body = supervisor_client.get(reverse("supervision:dashboard")).content.decode()
    assert 'id="recontacts"' in body
    assert 'hannah.handler</th><td class="govuk-table__cell govuk-table__cell--numeric">2' in body
    assert revealed.status == Status.IN_PROGRESS
