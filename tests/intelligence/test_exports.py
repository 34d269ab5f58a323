"""Producing export files: gate on every record, flat memory, exactly one file, full records."""

import csv
import datetime as dt
import json

import pytest
from django.db.models.query import QuerySet
from django.utils import timezone

from audit.models import Action, AuditEvent
from intelligence import exports
from intelligence.exports import export_path, export_produce
from intelligence.models import Export, ExportedLog, ExportStatus, IntelligenceLog, LogStatus
from tests.intelligence.conftest import CLEAN_TEXT, assert_no_source_identifier, make_log

pytestmark = pytest.mark.django_db


def _export(requester, fmt="csv", **filters) -> Export:
    return Export.objects.create(
        requester=requester,
        format=fmt,
        purpose="Briefing for the neighbourhood team",
        recipient="PC 123 Neighbourhood Team",
        **filters,
    )


def _csv(export):
    """The status row (the last, END OF EXPORT), the header row (the first) and the records."""
    with export_path(export).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, *data, last = rows
    records = [dict(zip(header, row, strict=True)) for row in data]
    return dict(zip(header, last, strict=True)), header, records


def test_a_csv_export_holds_every_clean_log_and_says_it_is_complete(
    handler_user, clean_log, export_dir
):
    export = export_produce(export_id=_export(handler_user).pk)
    assert export.status == ExportStatus.COMPLETE
    assert (export.exported_count, export.refused_count) == (1, 0)
    status, _, records = _csv(export)
    assert (status["marking"], status["reference"]) == ("OFFICIAL-SENSITIVE", "END OF EXPORT")
    assert status["text"].splitlines()[0] == "COMPLETE: all 1 matching records exported"
    assert "Purpose: Briefing for the neighbourhood team" in status["text"]
    assert "Recipient: PC 123 Neighbourhood Team" in status["text"]
    assert records[0]["marking"] == "OFFICIAL-SENSITIVE"
    assert records[0]["reference"] == clean_log.reference
    assert records[0]["text"] == CLEAN_TEXT
    assert records[0]["grading"] == "2B P"
    assert records[0]["categories"] == "Criminal exploitation"


def test_a_csv_export_opens_in_a_spreadsheet_with_the_header_as_its_first_row(
    handler_user, clean_log, export_dir
):
    export = export_produce(export_id=_export(handler_user).pk)
    with export_path(export).open(encoding="utf-8", newline="") as handle:
        first = next(csv.reader(handle))
    assert first == list(exports.CSV_COLUMNS)
    assert first[:2] == ["marking", "reference"]
    assert not any(line.startswith("#") for line in export_path(export).read_text().splitlines())


def test_the_gate_refuses_a_log_edited_to_name_its_source_in_a_csv_export(
    handler_user, clean_log, leaky_log, export_dir
):
    export = export_produce(export_id=_export(handler_user).pk)
    assert (export.exported_count, export.refused_count) == (1, 1)
    assert export.refused == [{"reference": leaky_log.reference, "reasons": ["source name"]}]
    status, _, records = _csv(export)
    assert [r["reference"] for r in records] == [clean_log.reference]
    lines = status["text"].splitlines()
    assert lines[0].startswith("INCOMPLETE: 1 record refused by the export gate")
    assert f"Refused: {leaky_log.reference} (source name)" in lines
    content = export_path(export).read_text(encoding="utf-8")
    assert_no_source_identifier(content)


def test_the_download_name_carries_the_marking_and_says_when_it_is_incomplete(handler_user):
    export = _export(handler_user)
    assert exports.download_file_name(export).startswith("OFFICIAL-SENSITIVE-cpi-intelligence-")
    assert "INCOMPLETE" not in exports.download_file_name(export)
    export.refused_count = 2
    assert exports.download_file_name(export).endswith("-INCOMPLETE.csv")


def test_the_gate_refuses_a_log_edited_to_name_its_source_in_a_json_export(
    handler_user, clean_log, leaky_log, export_dir
):
    export = export_produce(export_id=_export(handler_user, fmt="json").pk)
    document = json.loads(export_path(export).read_text(encoding="utf-8"))
    assert document["marking"] == "OFFICIAL-SENSITIVE"
    assert document["complete"] is False
    assert (document["exported_count"], document["refused_count"]) == (1, 1)
    assert document["refused"] == [{"reference": leaky_log.reference, "reasons": ["source name"]}]
    assert [r["reference"] for r in document["records"]] == [clean_log.reference]
    assert document["export"]["purpose"] == "Briefing for the neighbourhood team"
    assert_no_source_identifier(json.dumps(document))


def test_a_complete_json_export_says_so(handler_user, clean_log, export_dir):
    export = export_produce(export_id=_export(handler_user, fmt="json").pk)
    document = json.loads(export_path(export).read_text(encoding="utf-8"))
    assert document["complete"] is True
    assert document["records"][0]["text"] == CLEAN_TEXT


def test_only_approved_logs_leave(handler_user, export_dir):
    approved = make_log()
    for status in (LogStatus.DRAFT, LogStatus.AWAITING_APPROVAL, LogStatus.RETURNED):
        make_log(status=status)
    export = export_produce(export_id=_export(handler_user).pk)
    assert [r["reference"] for r in _csv(export)[2]] == [approved.reference]


def test_filters_by_date_range_category_and_supervisor_approval(
    handler_user, supervisor_user, export_dir
):
    old = make_log()
    IntelligenceLog.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=40)
    )
    make_log(categories=["drug_related_harm"])
    wanted = make_log(categories=["drug_related_harm", "modern_slavery"])
    IntelligenceLog.objects.filter(pk=wanted.pk).update(approved_by=supervisor_user)
    today = timezone.localdate()

    by_date = export_produce(
        export_id=_export(handler_user, date_from=today - dt.timedelta(days=1), date_to=today).pk
    )
    assert by_date.exported_count == 2
    by_category = export_produce(export_id=_export(handler_user, category="modern_slavery").pk)
    assert [r["reference"] for r in _csv(by_category)[2]] == [wanted.reference]
    by_approval = export_produce(export_id=_export(handler_user, approval="supervisor_approved").pk)
    assert [r["reference"] for r in _csv(by_approval)[2]] == [wanted.reference]


def test_a_redelivered_task_produces_exactly_one_file_and_one_completion(
    handler_user, clean_log, leaky_log, export_dir
):
    export = _export(handler_user)
    first = export_produce(export_id=export.pk)
    content = export_path(first).read_bytes()
    again = export_produce(export_id=export.pk)
    assert again.completed_at == first.completed_at
    assert export_path(again).read_bytes() == content
    assert [p.name for p in export_dir.iterdir()] == [first.file_name]
    assert AuditEvent.objects.filter(action=Action.EXPORT_COMPLETED).count() == 1
    assert AuditEvent.objects.filter(action=Action.EXPORT_RECORD_REFUSED).count() == 1


def test_a_worker_killed_mid_export_is_redone_into_the_same_one_file(
    handler_user, clean_log, export_dir
):
    export = _export(handler_user)
    # What a killed worker leaves: the row says running, a half-written temporary file lies about.
    Export.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, attempts=1)
    export_dir.mkdir(parents=True)
    (export_dir / f".{export.idempotency_key}.csv.dead.body").write_text("half")
    ExportedLog.objects.create(export=export, log=make_log(status=LogStatus.DRAFT))
    done = export_produce(export_id=export.pk)
    assert done.status == ExportStatus.COMPLETE
    assert done.attempts == 2
    assert [p.name for p in export_dir.iterdir()] == [done.file_name]
    assert list(done.exported_logs.values_list("log", flat=True)) == [clean_log.pk]
    assert done.file_name == f"{export.idempotency_key}.csv"


def test_the_exporter_streams_rows_instead_of_loading_them_all(
    handler_user, export_dir, monkeypatch
):
    """Would fail if the exporter ever did list(queryset) or iterated a queryset whole."""
    for _ in range(5):
        make_log()
    monkeypatch.setattr(exports, "EXPORT_CHUNK_SIZE", 2)
    chunk_sizes = []
    original_iterator, original_fetch_all = QuerySet.iterator, QuerySet._fetch_all

    def iterator(self, chunk_size=None):
        if self.model is IntelligenceLog:
            chunk_sizes.append(chunk_size)
        return original_iterator(self, chunk_size=chunk_size)

    def fetch_all(self):
        assert self.model is not IntelligenceLog, "the exporter loaded every log at once"
        return original_fetch_all(self)

    monkeypatch.setattr(QuerySet, "iterator", iterator)
    monkeypatch.setattr(QuerySet, "_fetch_all", fetch_all)
    export = export_produce(export_id=_export(handler_user).pk)
    assert export.exported_count == 5
    assert chunk_sizes == [2]


def test_spreadsheet_formulas_in_a_log_are_neutralised(handler_user, export_dir):
    make_log(text='=HYPERLINK("http://evil.example","click")')
    _, _, records = _csv(export_produce(export_id=_export(handler_user).pk))
    assert records[0]["text"].startswith("'=")


def test_export_audit_events_say_who_what_why_and_to_whom_without_source_data(
    handler_user, clean_log, leaky_log, export_dir
):
    export = export_produce(export_id=_export(handler_user).pk)
    completed = AuditEvent.objects.get(action=Action.EXPORT_COMPLETED)
    assert completed.actor_id == handler_user.pk
    assert completed.details["references"] == [clean_log.reference]
    assert completed.details["refused_references"] == [leaky_log.reference]
    assert completed.details["purpose"] == export.purpose
    assert completed.details["recipient"] == export.recipient
    refused = AuditEvent.objects.get(action=Action.EXPORT_RECORD_REFUSED)
    assert refused.details["reasons"] == ["source name"]
    assert refused.submission_reference == leaky_log.submission.reference
    for event in AuditEvent.objects.all():
        assert_no_source_identifier(event.canonical_content())


def test_a_failed_export_is_marked_failed_and_leaves_no_file(
    handler_user, clean_log, export_dir, monkeypatch
):
    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(exports, "_write_final", explode)
    export = _export(handler_user)
    with pytest.raises(RuntimeError):
        export_produce(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED
    assert list(export_dir.iterdir()) == []
