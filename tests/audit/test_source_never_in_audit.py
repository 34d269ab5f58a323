"""The audit trail never becomes a second copy of the source's identity.

A whole journey (the public form, triage, a reveal, edits to the source, a log, an export, the
supervisor's pages) then every row of both audit tables is read raw and searched for the source.
"""

import json

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from audit.integrity import audit_chain_verify
from audit.models import Action, AuditEvent
from intelligence import services as intelligence_services
from submissions.models import Outcome, Risk, Submission
from tests.submissions import journey
from triage import services as triage_services

SOURCE = {
    "name": "Philippa Quarrington",
    "role": "Designated Safeguarding Lead",
    "organisation": "Thornbury Vale Primary",
    "email": "p.quarrington@thornburyvale.example",
    "phone": "0117 496 0777",
    "contact_times": "Tuesdays before the Zephyrine assembly",
}
PROVENANCE = {
    "provenance": "seen_directly",
    "provenance_detail": "Overheard in the Quillfeather staffroom.",
}
# What must never appear, in any case, anywhere in either audit table.
NEEDLES = [
    "philippa",
    "quarrington",
    "designated safeguarding lead",
    "thornbury",
    "thornburyvale",
    "4960777",
    "496 0777",
    "zephyrine",
    "quillfeather",
    "seen_directly",
    # The source's details after an edit
    "marguerite",
    "4960999",
    "marguerite.quarrington@",
]


def _everything_in_the_audit_tables() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditevent")
        events = cursor.fetchall()
        cursor.execute("SELECT * FROM auditlog_logentry")
        log_entries = cursor.fetchall()
    assert events and log_entries
    return json.dumps([events, log_entries], default=str).lower()


@pytest.mark.django_db
def test_no_source_detail_reaches_the_audit_trail_over_a_whole_journey(
    handler_client,
    handler_user,
    supervisor_client,
    tmp_path,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EXPORT_DIR = tmp_path
    # A professional shares information through the public form.
    professional = Client()
    journey.answer_everything(
        professional,
        **{journey.step_url("source"): SOURCE, journey.step_url("provenance"): PROVENANCE},
    )
    assert journey.submit(professional).status_code == 302
    submission = Submission.objects.get()
    assert submission.source.name == SOURCE["name"]

    # A handler claims it, reads it, reveals the source with a reason.
    handler_client.post(reverse("triage:claim", args=[submission.reference]))
    assert (
        handler_client.get(reverse("triage:detail", args=[submission.reference])).status_code == 200
    )
    revealed = handler_client.post(
        reverse("triage:reveal", args=[submission.reference]),
        {"reason": "Need to ask when the car was last seen"},
    )
    assert SOURCE["email"] in revealed.content.decode()  # the reveal really showed it

    # The source's details are corrected, and the provenance too.
    source = submission.source
    source.name = "Marguerite Quarrington"
    source.email = "marguerite.quarrington@thornburyvale.example"
    source.phone = "+441174960999"
    source.save()
    submission.refresh_from_db()
    submission.provenance_detail = "Told by Philippa's colleague at Thornbury."
    submission.save()

    # A sanitised log, then an export of it, downloaded.
    submission.refresh_from_db()
    triage_services.outcome_record(
        submission=submission,
        user=handler_user,
        version=submission.version,
        data={
            "risk": Risk.HIGH,
            "priority": 1,
            "source_evaluation": "1",
            "intelligence_assessment": "A",
            "handling_code": "P",
            "handling_conditions": "",
            "outcome": Outcome.INTELLIGENCE_LOG,
            "log_text": "Jade Kemp is picked up after school by older men in a black Ford Focus.",
        },
    )
    with django_capture_on_commit_callbacks(execute=True):  # the export task runs on commit
        export = intelligence_services.export_request(
            requester=handler_user,
            format="csv",
            purpose="Briefing for the neighbourhood team",
            recipient="Sgt A. Example, Neighbourhood Policing",
        )
    export.refresh_from_db()
    download = handler_client.get(reverse("intelligence:export_download", args=[export.pk]))
    assert download.status_code == 200

    # A supervisor reads the trail and exports it.
    timeline = supervisor_client.get(reverse("supervision:submission", args=[submission.reference]))
    # Who exported it, why and to whom, and who downloaded it: on the submission's own timeline.
    disclosed = [(e.action, e.actor_username) for e in timeline.context["disclosures"].events]
    assert disclosed == [
        (Action.EXPORT_REQUESTED, "hannah.handler"),
        (Action.EXPORT_COMPLETED, "hannah.handler"),
        (Action.EXPORT_DOWNLOADED, "hannah.handler"),
    ]
    assert "Briefing for the neighbourhood team" in timeline.content.decode()
    b"".join(supervisor_client.get(reverse("supervision:trail_export")).streaming_content)

    # The journey left its marks: collection, reveal, alteration, disclosure.
    recorded = set(
        AuditEvent.objects.filter(submission_reference=submission.reference).values_list(
            "action", flat=True
        )
    )
    assert {
        Action.RECORD_CREATED,
        Action.SUBMISSION_CLAIMED,
        Action.SUBMISSION_VIEWED,
        Action.SOURCE_REVEALED,
        Action.RECORD_CHANGED,
        Action.LOG_CREATED,
        Action.OUTCOME_RECORDED,
    } <= recorded
    assert AuditEvent.objects.filter(action=Action.EXPORT_REQUESTED).exists()
    assert AuditEvent.objects.filter(action=Action.EXPORT_DOWNLOADED).exists()
    source_changes = AuditEvent.objects.filter(
        action=Action.RECORD_CHANGED, object_type="submissions.source"
    ).get()
    assert set(source_changes.details["changes"]) >= {"name", "email", "phone"}

    dump = _everything_in_the_audit_tables()
    leaks = [needle for needle in NEEDLES if needle in dump]
    assert leaks == []
    assert audit_chain_verify().ok
