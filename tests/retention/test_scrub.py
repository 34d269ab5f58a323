"""Purging a source scrubs them out of everything written about their submission first.

A canary source with distinctive details signs the submission and is quoted in every free-text
field of every record hanging off it. After the purge, no table, no column (encrypted ones
decrypted) and no export file holds the canary's name, email, phone or organisation, while the
subject details written beside them are kept; a second run changes nothing at all.
"""

import datetime as dt
import json

import pytest
from django.apps import apps
from django.db import connection, models
from django.db.models import TextField, Value
from django.utils import timezone

import retention.scrub
import retention.services
from audit.models import Action, AuditEvent
from cpi.crypto import EncryptedTextField
from intelligence.exports import export_produce
from intelligence.gate import SOURCE_PURGED, log_release_check
from intelligence.models import Export, IntelligenceLog
from retention.services import retention_purge_run
from submissions.models import Outcome, Source, Status, Submission
from tests.factories import (
    PersonOfConcernFactory,
    PlaceFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
    intelligence_log_record,
)
from triage import services as triage
from triage.models import Assessment, Note, SourceReveal

pytestmark = pytest.mark.django_db
NOW = timezone.now()

CANARY = {
    "name": "Jo Quilliam",
    "role": "Designated Safeguarding Lead",
    "organisation": "Hilltop Primary School",
    "email": "jo.quilliam@hilltop-primary.example.sch.uk",
    "phone": "+447700900123",
}
# What must be found nowhere after the purge: the name, email, phone (as typed and stored) and
# organisation, and the distinctive parts of each.
CANARY_VALUES = (
    "Quilliam",
    "Hilltop",
    "hilltop-primary",
    "jo.quilliam@",
    "07700 900123",
    "07700900123",
    "7700900123",
    "7700 900123",
)
SIGNATURE = (
    "Regards, Jo Quilliam, DSL, Hilltop Primary, 07700 900123, "
    "jo.quilliam@hilltop-primary.example.sch.uk"
)
# What police need, written in the same texts: must survive the scrub.
SUBJECT_TEXT = "Tyler Brennan was seen with Dean Marsh (07700 900456) in a silver Audi AB12 CDE."
KEPT_VALUES = ("Tyler Brennan", "Dean Marsh", "07700 900456", "AB12 CDE")
CANARY_TEXT = f"{SUBJECT_TEXT} {SIGNATURE}"
CLEAN_LOG_TEXT = SUBJECT_TEXT

# Text fields of the data apps that are deliberately not scrubbed, and why. Every other free-text
# field gets the canary below, so a field added later without being scrubbed fails this test.
NOT_SCRUBBED = {
    # identifiers of the subject, kept as the log keeps them (the sanitiser only scrubs prose)
    "submissions.subject.name",
    "submissions.personofconcern.name",
    "submissions.vehicle.make",
    "submissions.vehicle.model",
    "submissions.vehicle.colour",
    "submissions.vehicle.registration",
    # blanked outright
    "submissions.source.*",
    # bookkeeping with no submitted text
    "submissions.notificationoutbox.last_error",
    "intelligence.intelligencelog.gate_clearance",
    # an export is a request by staff, about many logs, not about one submission; its file is
    # checked below
    "intelligence.export.*",
}


def _free_text_fields(model) -> list[str]:
    names = []
    label = model._meta.label_lower
    for field in model._meta.concrete_fields:
        if not isinstance(field, (models.CharField, models.TextField)) or field.choices:
            continue
        if field.name == "reference" or field.name.endswith("_reference"):
            continue
        if f"{label}.{field.name}" in NOT_SCRUBBED or f"{label}.*" in NOT_SCRUBBED:
            continue
        names.append(field.name)
    return names


def _data_models():
    for app_label in ("submissions", "triage", "intelligence"):
        yield from apps.get_app_config(app_label).get_models()


def _fill_with_canary(submission: Submission) -> int:
    """Put the canary text into every free-text field of every row of the submission, through
    save() (so the change log sees it, as it would a handler's edit). Returns how many."""
    filled = 0
    for model in _data_models():
        names = _free_text_fields(model)
        if not names:
            continue
        link = "pk" if model is Submission else "submission"
        if not any(f.name == "submission" for f in model._meta.fields) and link != "pk":
            continue
        for obj in model.objects.filter(**{link: submission.pk}):
            for name in names:
                setattr(obj, name, CANARY_TEXT)
                filled += 1
            obj.save()
    return filled


def _canary_submission(handler_user) -> Submission:
    """A submission as a DSL would write it, triaged to a log, noted, revealed and exported."""
    submission = SubmissionFactory(
        with_people=False,
        information=f"{SUBJECT_TEXT}\n\n{SIGNATURE}",
        when_description="Fridays after the club Jo Quilliam runs at Hilltop Primary School",
        provenance_detail="Tyler told me in my office at Hilltop Primary School.",
    )
    SourceFactory(submission=submission, **CANARY, contact_times="Mornings")
    SubjectFactory(
        submission=submission,
        name="Tyler Brennan",
        setting="Hilltop Primary School",
        description="Jo Quilliam is his key adult.",
    )
    PersonOfConcernFactory(submission=submission, description="Known to Mrs Quilliam.")
    PlaceFactory(submission=submission, description="Behind Hilltop Primary School.")
    VehicleFactory(submission=submission, make="Audi", colour="Silver", registration="AB12CDE")
    submission = intelligence_log_record(
        submission=submission, user=handler_user, log_text=CLEAN_LOG_TEXT
    )
    triage.note_add(submission=submission, user=handler_user, text=f"Rang her: {SIGNATURE}")
    triage.source_reveal(
        submission=submission, user=handler_user, reason="Ringing back about the vehicle"
    )
    export = Export.objects.create(
        requester=handler_user, format="json", purpose="Briefing", recipient="Team"
    )
    export_produce(export_id=export.pk)
    # Past every form: each free-text field now quotes the source (the log too, as if edited in
    # the database, with the items it copied).
    _fill_with_canary(submission)
    item = {"description": CANARY_TEXT, "address": SIGNATURE, "name": "Tyler Brennan"}
    IntelligenceLog.objects.filter(submission=submission).update(
        subjects=[item], persons_of_concern=[{**item, "phone_numbers": "07700 900123"}]
    )
    _close(submission, days_ago=400)
    return submission


def _close(submission: Submission, *, days_ago: float) -> None:
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.CLOSED,
        outcome=submission.outcome or Outcome.INTELLIGENCE_LOG,
        closed_at=NOW - dt.timedelta(days=days_ago),
    )


def _every_row_of_every_table() -> dict[str, list[tuple]]:
    """Every row of every table in the database, as the database holds it."""
    rows = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")  # names from introspection
            rows[table] = sorted(tuple(str(v) for v in row) for row in cursor.fetchall())
    return rows


def _every_decrypted_value() -> list[str]:
    values = []
    for model in apps.get_models():
        encrypted = [
            f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)
        ]
        if encrypted:
            values += [str(row) for row in model.objects.values_list(*encrypted)]
    return values


def _found(values, text: str) -> list[str]:
    return [value for value in values if value.lower() in text.lower()]


@pytest.fixture
def export_dir(settings, tmp_path):
    settings.EXPORT_DIR = tmp_path / "exports"
    return settings.EXPORT_DIR


def test_the_canary_is_everywhere_before_the_purge(handler_user, export_dir):
    """The search below can find the canary: before the purge it finds it in plain columns."""
    submission = _canary_submission(handler_user)
    database = json.dumps(_every_row_of_every_table())
    in_clear = ("Quilliam", "Hilltop", "hilltop-primary", "jo.quilliam@", "07700 900123")
    assert _found(in_clear, database) == list(in_clear)
    decrypted = " ".join(_every_decrypted_value())
    assert _found(("Quilliam", "Hilltop", "7700900123"), decrypted) == [
        "Quilliam",
        "Hilltop",
        "7700900123",
    ]
    assert Submission.objects.get(pk=submission.pk).provenance_detail == CANARY_TEXT
    assert "Quilliam" in Note.objects.get(submission=submission).text


def test_a_purged_source_is_found_in_no_table_column_or_export_file(handler_user, export_dir):
    _canary_submission(handler_user)
    counts = retention_purge_run(now=NOW)
    assert counts.sources_purged == 1
    assert counts.source_texts_scrubbed > 20

    database = json.dumps(_every_row_of_every_table())
    assert "auditlog_logentry" in database and "audit_auditevent" in database
    assert _found(CANARY_VALUES, database) == []
    assert _found(CANARY_VALUES, " ".join(_every_decrypted_value())) == []
    files = [path.read_text() for path in export_dir.iterdir()]
    assert files  # the export made before the purge is still there (it is not a week old)
    assert _found(CANARY_VALUES, " ".join(files)) == []


def test_the_subject_details_beside_the_source_are_kept(handler_user, export_dir):
    submission = _canary_submission(handler_user)
    retention_purge_run(now=NOW)
    submission.refresh_from_db()
    for text in (submission.information, submission.provenance_detail):
        assert SUBJECT_TEXT in text
        assert "[source removed]" in text
    assessment = Assessment.objects.get(submission=submission)
    assert SUBJECT_TEXT in assessment.tasking_note
    assert SUBJECT_TEXT in Note.objects.filter(submission=submission).first().text
    assert SUBJECT_TEXT in SourceReveal.objects.get(submission=submission).reason
    subject = submission.subjects.get()
    assert subject.name == "Tyler Brennan"
    assert SUBJECT_TEXT in subject.description
    assert submission.vehicles.get().registration == "AB12CDE"
    log = IntelligenceLog.objects.get(submission=submission)
    assert SUBJECT_TEXT in log.text
    assert log.subjects[0]["name"] == "Tyler Brennan"
    assert SUBJECT_TEXT in log.subjects[0]["description"]


def test_the_purged_log_keeps_failing_closed_and_loses_its_stale_clearance(
    handler_user, export_dir
):
    submission = _canary_submission(handler_user)
    log = IntelligenceLog.objects.get(submission=submission)
    IntelligenceLog.objects.filter(pk=log.pk).update(gate_clearance="a" * 64)
    retention_purge_run(now=NOW)
    log.refresh_from_db()
    assert log.gate_clearance == ""
    assert log_release_check(log).reasons == (SOURCE_PURGED,)
    assert log.status == "approved"  # the log itself is not withdrawn; it simply cannot leave


def test_the_change_log_gets_nothing_and_the_run_is_recorded_with_counts(handler_user, export_dir):
    from auditlog.models import LogEntry

    _canary_submission(handler_user)
    before = LogEntry.objects.count()
    counts = retention_purge_run(now=NOW)
    assert LogEntry.objects.count() == before
    event = AuditEvent.objects.get(action=Action.RETENTION_PURGE)
    assert event.details["source_texts_scrubbed"] == counts.source_texts_scrubbed
    assert event.details["sources_purged"] == 1


def test_a_second_run_changes_nothing_in_any_table(handler_user, export_dir):
    _canary_submission(handler_user)
    retention_purge_run(now=NOW)
    before = _every_row_of_every_table()
    counts = retention_purge_run(now=NOW)
    after = _every_row_of_every_table()
    assert (counts.sources_purged, counts.source_texts_scrubbed) == (0, 0)
    changed = {table for table in before.keys() | after.keys() if before[table] != after[table]}
    # Only the record of the second run itself (and the chain head that seals it).
    assert changed <= {"audit_auditevent", "audit_auditchainhead"}
    assert len(after["audit_auditevent"]) == len(before["audit_auditevent"]) + 1


def test_a_dry_run_counts_the_same_texts_and_changes_nothing(handler_user, export_dir):
    _canary_submission(handler_user)
    before = _every_row_of_every_table()
    dry = retention_purge_run(now=NOW, dry_run=True)
    assert _every_row_of_every_table() == before
    real = retention_purge_run(now=NOW)
    assert (dry.sources_purged, dry.source_texts_scrubbed) == (
        real.sources_purged,
        real.source_texts_scrubbed,
    )
    assert real.source_texts_scrubbed > 0


def test_text_without_the_source_is_left_byte_for_byte(handler_user):
    submission = SubmissionFactory(information=SUBJECT_TEXT, provenance_detail="Saw it myself.")
    triage.note_add(submission=submission, user=handler_user, text="Checked the PNC: nothing.")
    submission.refresh_from_db()
    _close(submission, days_ago=400)
    counts = retention_purge_run(now=NOW)
    assert (counts.sources_purged, counts.source_texts_scrubbed) == (1, 0)
    submission.refresh_from_db()
    assert submission.information == SUBJECT_TEXT
    assert submission.provenance_detail == "Saw it myself."


def test_a_run_stopped_part_way_leaves_each_source_whole_and_the_next_run_finishes(
    monkeypatch, handler_user
):
    first, second = (
        SubmissionFactory(with_people=False, information=CANARY_TEXT) for _ in range(2)
    )
    for submission in (first, second):
        SourceFactory(submission=submission, **CANARY)
        _close(submission, days_ago=400)
    monkeypatch.setattr(retention.services, "BATCH_SIZE", 1)
    real_apply = retention.scrub.scrub_apply
    calls = []

    def apply_then_die_on_the_second_batch(plan):
        calls.append(plan)
        real_apply(plan)
        if len(calls) == 2:
            raise RuntimeError("worker killed")

    monkeypatch.setattr(retention.services, "scrub_apply", apply_then_die_on_the_second_batch)
    with pytest.raises(RuntimeError):
        retention_purge_run(now=NOW)
    done = Source.objects.filter(purged_at__isnull=False).get()
    untouched = Source.objects.get(purged_at__isnull=True)
    assert "Quilliam" not in Submission.objects.get(pk=done.submission_id).information
    # The stopped batch rolled back whole: its text and its source are as they were.
    assert Submission.objects.get(pk=untouched.submission_id).information == CANARY_TEXT
    assert untouched.name == "Jo Quilliam"

    monkeypatch.setattr(retention.services, "scrub_apply", real_apply)
    counts = retention_purge_run(now=NOW)
    assert counts.sources_purged == 1
    assert not Submission.objects.filter(information__icontains="Quilliam").exists()
    assert retention_purge_run(now=NOW).source_texts_scrubbed == 0


def test_an_unreadable_source_is_left_for_a_later_run_and_the_rest_go_ahead(
    monkeypatch, handler_user
):
    readable, unreadable = (
        SubmissionFactory(with_people=False, information=CANARY_TEXT) for _ in range(2)
    )
    for submission in (readable, unreadable):
        SourceFactory(submission=submission, **CANARY)
        _close(submission, days_ago=400)
    # A plain text Value goes past the field, which would encrypt whatever it is given.
    Source.objects.filter(submission=unreadable).update(
        name=Value("not-a-fernet-token", output_field=TextField())
    )
    monkeypatch.setattr(retention.services, "BATCH_SIZE", 1)  # and the batches do not loop on it
    counts = retention_purge_run(now=NOW)
    assert (counts.sources_purged, counts.sources_unreadable) == (1, 1)
    purged_at = Source.objects.filter(submission=unreadable).values_list("purged_at", flat=True)
    assert list(purged_at) == [None]
    assert Submission.objects.get(pk=unreadable.pk).information == CANARY_TEXT
    assert "Quilliam" not in Submission.objects.get(pk=readable.pk).information


def test_an_unreadable_provenance_holds_back_its_whole_submission(handler_user):
    submission = SubmissionFactory(information=CANARY_TEXT)
    Source.objects.filter(submission=submission).update(name="Jo Quilliam")
    Submission.objects.filter(pk=submission.pk).update(
        provenance_detail=Value("not-a-fernet-token", output_field=TextField())
    )
    _close(submission, days_ago=400)
    counts = retention_purge_run(now=NOW)
    assert (counts.sources_purged, counts.sources_unreadable) == (0, 1)
    assert Source.objects.get(submission=submission).purged_at is None
    information = Submission.objects.filter(pk=submission.pk).values_list("information", flat=True)
    assert list(information) == [CANARY_TEXT]


def test_open_or_recently_closed_submissions_are_not_scrubbed(handler_user):
    recent = SubmissionFactory(with_people=False, information=CANARY_TEXT)
    SourceFactory(submission=recent, **CANARY)
    _close(recent, days_ago=100)
    open_one = SubmissionFactory(with_people=False, information=CANARY_TEXT)
    SourceFactory(submission=open_one, **CANARY)
    assert retention_purge_run(now=NOW).source_texts_scrubbed == 0
    assert Submission.objects.filter(information=CANARY_TEXT).count() == 2
