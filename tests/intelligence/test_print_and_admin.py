"""The other ways a log leaves, the printable page and the admin: both go through the gate."""

import re

import pytest
from django.urls import reverse

from audit.models import Action, AuditEvent
from intelligence.models import IntelligenceLog, LogStatus
from tests.intelligence.conftest import CLEAN_TEXT, assert_no_source_identifier, make_log

pytestmark = pytest.mark.django_db


def test_a_clean_log_prints_marked_and_the_print_is_recorded(handler_client, clean_log):
    response = handler_client.get(reverse("intelligence:log_print", args=[clean_log.pk]))
    assert response.status_code == 200
    assert CLEAN_TEXT.encode() in response.content
    assert response.content.count(b"OFFICIAL-SENSITIVE") >= 2
    event = AuditEvent.objects.get(action=Action.LOG_PRINTED)
    assert event.details == {"log": clean_log.reference}


def test_the_printed_log_names_each_detail_as_people_do(handler_client):
    log = make_log(
        text=CLEAN_TEXT,
        subjects=[
            {"name": "Jade Smith", "date_of_birth": "2011-02-14", "approximate_age": None},
        ],
        persons_of_concern=[
            {"name": "Dean Marsh", "phone_numbers": "+447700900456", "social_media": ""},
        ],
    )
    html = handler_client.get(reverse("intelligence:log_print", args=[log.pk])).content.decode()
    items = re.sub(r"<[^>]+>", "", html[html.index('<h2 class="govuk-heading-m">Subjects') :])
    assert "Name: Jade Smith; Date of birth: 14 February 2011\n" in items
    assert "Name: Dean Marsh; Phone numbers: +447700900456\n" in items
    for internal in ("Dateofbirth", "Phonenumbers", "Socialmedia", "2011-02-14", ";\n"):
        assert internal not in items, internal


def test_the_gate_refuses_to_print_a_log_edited_to_name_its_source(handler_client, leaky_log):
    response = handler_client.get(reverse("intelligence:log_print", args=[leaky_log.pk]))
    assert response.status_code == 409
    assert b"source name" in response.content
    assert b"Sarah" not in response.content
    assert b"Hughes" not in response.content
    assert not AuditEvent.objects.filter(action=Action.LOG_PRINTED).exists()
    refused = AuditEvent.objects.get(action=Action.EXPORT_RECORD_REFUSED)
    assert refused.details["path"] == "print"


def test_a_log_not_yet_approved_is_not_printed(handler_client, clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(status=LogStatus.AWAITING_APPROVAL)
    response = handler_client.get(reverse("intelligence:log_print", args=[clean_log.pk]))
    assert response.status_code == 409
    assert b"not approved for release" in response.content
    assert CLEAN_TEXT.encode() not in response.content


def test_printing_refuses_outsiders(outsider_client, clean_log):
    response = outsider_client.get(reverse("intelligence:log_print", args=[clean_log.pk]))
    assert response.status_code == 403


def test_the_admin_shows_a_clean_logs_content_through_the_gate(admin_client, clean_log):
    url = reverse("admin:intelligence_intelligencelog_change", args=[clean_log.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert CLEAN_TEXT.encode() in response.content


def test_the_gate_withholds_in_the_admin_a_log_edited_to_name_its_source(admin_client, leaky_log):
    url = reverse("admin:intelligence_intelligencelog_change", args=[leaky_log.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert b"Withheld: the export gate found source name" in response.content
    assert_no_source_identifier(response.content.decode())


def test_the_admin_list_shows_no_log_content_and_offers_no_actions(admin_client, leaky_log):
    response = admin_client.get(reverse("admin:intelligence_intelligencelog_changelist"))
    assert response.status_code == 200
    assert leaky_log.reference.encode() in response.content
    assert b"Reported by" not in response.content
    assert b'name="action"' not in response.content
    assert_no_source_identifier(response.content.decode())


def test_the_admin_cannot_add_change_or_delete_logs(admin_client, clean_log):
    change = reverse("admin:intelligence_intelligencelog_change", args=[clean_log.pk])
    assert admin_client.post(change, {"text": "Sarah Hughes"}).status_code == 403
    delete = reverse("admin:intelligence_intelligencelog_delete", args=[clean_log.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    add = reverse("admin:intelligence_intelligencelog_add")
    assert admin_client.get(add).status_code == 403
    clean_log.refresh_from_db()
    assert clean_log.text == CLEAN_TEXT
