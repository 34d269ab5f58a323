"""Each request has an id: in its response header, on its audit entries (hashed into the chain),
in the trail and its CSV, and on every log line it causes (issue 13)."""

import csv
import io
import json
import logging
import logging.config
import re

import pytest
from django.conf import settings
from django.urls import reverse

from audit.context import RequestIdLogFilter, request_id_bind, request_id_choose, request_id_unbind
from audit.integrity import audit_chain_verify
from audit.models import Action, AuditEvent
from audit.services import audit_chain_seal, audit_event_record
from tests.audit.test_chain import _as_attacker
from tests.factories import SubmissionFactory
from triage import services

NEW_ID = re.compile(r"[0-9a-f]{32}")
PROXY_ID = "7f9c2ba4-e88f-4c3a-8e1b-2d1f0a6b9c01"


# --- Choosing the id ----------------------------------------------------------------------------
@pytest.mark.parametrize("incoming", [PROXY_ID, "abcdefgh", "req_01HZX.abc-def", "a" * 64])
def test_a_well_formed_incoming_id_is_kept(incoming):
    assert request_id_choose(incoming) == incoming


@pytest.mark.parametrize(
    "incoming",
    [
        None,
        "",
        "short",  # under 8
        "a" * 65,
        "abc defgh",
        "abcdefgh\r\nINJECTED",
        "-abcdefgh",  # must start with a letter or digit
        "<script>alert(1)</script>",
        "abcdéfghi",
    ],
)
def test_anything_else_gets_a_new_id(incoming):
    assert NEW_ID.fullmatch(request_id_choose(incoming))


def test_each_request_gets_its_own_id_in_the_response(client):
    first = client.get("/")["X-Request-ID"]
    second = client.get("/")["X-Request-ID"]
    assert NEW_ID.fullmatch(first) and NEW_ID.fullmatch(second)
    assert first != second


def test_the_proxys_id_is_answered_back_and_a_forged_one_is_not(client):
    assert client.get("/", headers={"X-Request-ID": PROXY_ID})["X-Request-ID"] == PROXY_ID
    forged = client.get("/", headers={"X-Request-ID": "x\x1b[31mred"})["X-Request-ID"]
    assert NEW_ID.fullmatch(forged)


def test_a_refused_host_still_has_an_id(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert NEW_ID.fullmatch(response["X-Request-ID"])


# --- On audit entries, and in the chain ----------------------------------------------------------
@pytest.mark.django_db
def test_an_entry_written_while_serving_a_request_carries_its_id(handler_client, handler_user):
    submission = services.submission_claim(submission=SubmissionFactory(), user=handler_user)
    url = reverse("triage:detail", args=[submission.reference])
    response = handler_client.get(url, headers={"X-Request-ID": PROXY_ID})
    assert response.status_code == 200
    viewed = AuditEvent.objects.get(action=Action.SUBMISSION_VIEWED)
    assert viewed.request_id == PROXY_ID


@pytest.mark.django_db
def test_every_entry_one_request_wrote_shares_its_id(handler_client):
    submission = SubmissionFactory()
    url = reverse("triage:claim", args=[submission.reference])
    response = handler_client.post(url)
    request_id = response["X-Request-ID"]
    written = AuditEvent.objects.filter(request_id=request_id)
    actions = set(written.values_list("action", flat=True))
    assert {Action.SUBMISSION_CLAIMED, Action.STATUS_CHANGED} <= actions


@pytest.mark.django_db
def test_outside_a_request_an_entry_has_no_id(handler_user):
    event = audit_event_record(action=Action.KEY_ROTATION, actor=handler_user)
    assert event.request_id == ""


@pytest.mark.django_db
def test_an_entry_without_an_id_hashes_as_entries_did_before_the_field(handler_user):
    # Entries sealed before the field existed must still verify: their content is unchanged.
    event = audit_event_record(action=Action.KEY_ROTATION, actor=handler_user)
    assert "request_id" not in json.loads(event.canonical_content())
    token = request_id_bind(PROXY_ID)
    try:
        with_id = audit_event_record(action=Action.KEY_ROTATION, actor=handler_user)
    finally:
        request_id_unbind(token)
    assert json.loads(with_id.canonical_content())["request_id"] == PROXY_ID


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("written", "changed_to"), [(PROXY_ID, "someone-elses-id"), ("", PROXY_ID)]
)
def test_an_id_changed_added_or_taken_off_after_sealing_breaks_the_chain(
    handler_user, written, changed_to
):
    token = request_id_bind(written)
    try:
        event = audit_event_record(action=Action.KEY_ROTATION, actor=handler_user)
    finally:
        request_id_unbind(token)
    audit_chain_seal()
    assert audit_chain_verify().ok
    _as_attacker(
        "UPDATE audit_auditevent SET request_id = %s WHERE id = %s", [changed_to, event.id]
    )
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_id == event.id


# --- In the trail --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_trail_links_an_entry_to_everything_its_request_wrote(
    supervisor_client, handler_client
):
    submission = SubmissionFactory()
    claim = handler_client.post(reverse("triage:claim", args=[submission.reference]))
    request_id = claim["X-Request-ID"]
    handler_client.get(reverse("triage:detail", args=[submission.reference]))
    trail = reverse("supervision:trail")
    page = supervisor_client.get(trail).content.decode()
    assert f'href="{trail}?request={request_id}"' in page
    filtered = supervisor_client.get(trail, {"request": request_id})
    assert filtered.status_code == 200
    shown = {e.request_id for e in filtered.context["page"].events}
    assert shown == {request_id}


@pytest.mark.django_db
def test_the_csv_export_holds_each_entrys_request_id(supervisor_client, handler_user):
    token = request_id_bind(PROXY_ID)
    try:
        audit_event_record(action=Action.KEY_ROTATION, actor=handler_user)
    finally:
        request_id_unbind(token)
    response = supervisor_client.get(
        reverse("supervision:trail_export"), {"action": "key_rotation"}
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    header, *body = rows
    assert [dict(zip(header, row, strict=True))["request id"] for row in body] == [PROXY_ID]


# --- In log lines --------------------------------------------------------------------------------
def _formatted(record: logging.LogRecord) -> str:
    formatter = logging.config.DictConfigurator(settings.LOGGING).configure_formatter(
        dict(settings.LOGGING["formatters"]["plain"])
    )
    RequestIdLogFilter().filter(record)
    return formatter.format(record)


def test_a_log_line_written_while_serving_a_request_names_its_id():
    assert "request_id" in settings.LOGGING["handlers"]["console"]["filters"]
    token = request_id_bind(PROXY_ID)
    try:
        line = _formatted(logging.makeLogRecord({"name": "cpi", "msg": "something happened"}))
    finally:
        request_id_unbind(token)
    assert f"[{PROXY_ID}] something happened" in line


def test_a_log_line_outside_a_request_says_so():
    line = _formatted(logging.makeLogRecord({"name": "cpi", "msg": "the beat task ran"}))
    assert "[-] the beat task ran" in line
