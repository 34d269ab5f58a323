"""The retention purge: what goes when, what stays, and that it leaves no copy behind."""

import datetime as dt
import io
import json

import pytest
from auditlog.models import LogEntry
from axes.models import AccessLog
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from audit.models import Action, AuditEvent
from retention.services import retention_purge_run
from retention.tasks import retention_purge
from submissions.models import (
    NotificationOutbox,
    Outcome,
    PersonOfConcern,
    Source,
    Status,
    Subject,
    Submission,
)
from tests.factories import (
    IntelligenceLogFactory,
    PersonOfConcernFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
)

pytestmark = pytest.mark.django_db
NOW = timezone.now()
SUBJECT_NAME = "Purgeable Quinlan-Oduya"
INFORMATION = "Purgeable information: seen at the Larkspur Road garages on Fridays."


def closed(days_ago: float, outcome=Outcome.NO_ACTION, **kwargs) -> Submission:
    submission = SubmissionFactory(information=INFORMATION, **kwargs)
    submission.subjects.update(name=SUBJECT_NAME)
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.CLOSED, outcome=outcome, closed_at=NOW - dt.timedelta(days=days_ago)
    )
    submission.refresh_from_db()
    return submission


def test_source_contact_details_are_blanked_a_year_after_closure():
    old = closed(366, outcome=Outcome.CRIME_DESK)
    recent = closed(364, outcome=Outcome.CRIME_DESK)
    counts = retention_purge_run(now=NOW)
    assert counts.sources_purged == 1
    source = Source.objects.get(submission=old)
    assert [source.name, source.role, source.organisation, source.email, source.phone] == [""] * 5
    assert source.contact_times == ""
    assert source.purged_at is not None
    assert Source.objects.get(submission=recent).name == "Sarah Hughes"
    assert Submission.objects.filter(pk=old.pk).exists()  # the submission itself stays


def test_open_submissions_keep_their_source_however_old():
    submission = SubmissionFactory()
    Submission.objects.filter(pk=submission.pk).update(
        created_at=NOW - dt.timedelta(days=3000), status=Status.IN_PROGRESS
    )
    retention_purge_run(now=NOW)
    assert Source.objects.get(submission=submission).purged_at is None


def test_no_action_submissions_are_deleted_with_everything_after_two_years():
    old = closed(731)
    PersonOfConcernFactory(submission=old)
    VehicleFactory(submission=old)
    NotificationOutbox.objects.create(submission=old)
    younger = closed(729)
    logged = closed(800, outcome=Outcome.INTELLIGENCE_LOG)
    counts = retention_purge_run(now=NOW)
    assert counts.submissions_deleted == 1
    assert not Submission.objects.filter(pk=old.pk).exists()
    assert not Subject.objects.filter(submission_id=old.pk).exists()
    assert not PersonOfConcern.objects.filter(submission_id=old.pk).exists()
    assert not Source.objects.filter(submission_id=old.pk).exists()
    assert Submission.objects.filter(pk__in=[younger.pk, logged.pk]).count() == 2


def test_a_no_action_submission_with_a_log_is_never_deleted_under_it():
    submission = closed(900)
    IntelligenceLogFactory(submission=submission)
    assert retention_purge_run(now=NOW).submissions_deleted == 0
    assert Submission.objects.filter(pk=submission.pk).exists()


def test_the_purge_leaves_no_copy_of_what_it_removed_in_any_audit_table():
    blanked = closed(400, outcome=Outcome.CRIME_DESK)
    deleted = closed(800)
    log_entries_before = LogEntry.objects.count()
    retention_purge_run(now=NOW)
    # The change log was off while rows were blanked and deleted: nothing new in it at all.
    assert LogEntry.objects.count() == log_entries_before
    everything = json.dumps(
        [list(LogEntry.objects.values()), list(AuditEvent.objects.values())], default=str
    )
    for value in ("Sarah Hughes", "s.hughes@kwa.example.sch.uk", "Kingsweston", SUBJECT_NAME):
        assert value not in everything, value
    assert "Larkspur Road" not in everything
    assert blanked.reference in everything  # references stay: the trail still makes sense
    assert deleted.reference in everything


def test_the_purge_is_recorded_with_counts_only():
    closed(400, outcome=Outcome.CRIME_DESK)
    closed(800)
    retention_purge_run(now=NOW)
    event = AuditEvent.objects.get(action=Action.RETENTION_PURGE)
    assert event.details["sources_purged"] == 2  # the deleted one was blanked first
    assert event.details["submissions_deleted"] == 1
    assert event.details["policy_days"]["no_action"] == settings.RETENTION_NO_ACTION_DAYS
    assert event.submission_reference == ""
    assert set(event.details) == {
        "sources_purged",
        "source_texts_scrubbed",
        "sources_unreadable",
        "submissions_deleted",
        "sessions_deleted",
        "sign_in_records_deleted",
        "logs_due_for_review",
        "export_files_deleted",
        "policy_days",
    }
    assert all(
        isinstance(value, int) for key, value in event.details.items() if key != "policy_days"
    )


def test_a_second_run_removes_nothing_more():
    closed(400, outcome=Outcome.CRIME_DESK)
    closed(800)
    retention_purge_run(now=NOW)
    counts = retention_purge_run(now=NOW)
    assert (counts.sources_purged, counts.submissions_deleted) == (0, 0)


def test_a_dry_run_counts_but_changes_and_records_nothing():
    submission = closed(800)
    counts = retention_purge_run(now=NOW, dry_run=True)
    assert counts.submissions_deleted == 1
    assert Submission.objects.filter(pk=submission.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.RETENTION_PURGE).exists()


def test_periods_come_from_settings(settings):
    settings.RETENTION_NO_ACTION_DAYS = 30
    submission = closed(31)
    retention_purge_run(now=NOW)
    assert not Submission.objects.filter(pk=submission.pk).exists()


def test_expired_sessions_with_abandoned_answers_are_deleted(client):
    session = client.session
    session["answers"] = {"information": "half-finished"}
    session.save()
    Session.objects.create(
        session_key="x" * 32, session_data="", expire_date=NOW - dt.timedelta(seconds=1)
    )
    counts = retention_purge_run(now=NOW)
    assert counts.sessions_deleted == 1
    assert Session.objects.filter(session_key=session.session_key).exists()


def test_old_sign_in_records_with_staff_addresses_are_deleted():
    AccessLog.objects.create(
        username="hannah", ip_address="198.51.100.1", user_agent="x", path_info="/"
    )
    AccessLog.objects.update(attempt_time=NOW - dt.timedelta(days=400))
    assert retention_purge_run(now=NOW).sign_in_records_deleted == 1
    assert not AccessLog.objects.exists()


def test_logs_past_their_review_date_are_counted_not_deleted():
    log = IntelligenceLogFactory()
    type(log).objects.filter(pk=log.pk).update(review_date=NOW.date() - dt.timedelta(days=1))
    assert retention_purge_run(now=NOW).logs_due_for_review == 1
    assert type(log).objects.filter(pk=log.pk).exists()


def test_celery_beat_runs_the_purge_daily_with_no_arguments():
    entry = settings.CELERY_BEAT_SCHEDULE["retention-purge"]
    assert entry["task"] == "retention.purge"
    assert "args" not in entry and "kwargs" not in entry
    assert entry["schedule"].hour == {2} and entry["schedule"].day_of_week == set(range(7))
    closed(800)
    assert retention_purge.delay().get()["submissions_deleted"] == 1


def test_the_command_reports_and_its_dry_run_keeps_everything():
    submission = closed(800)
    out = io.StringIO()
    call_command("purge_retention", "--dry-run", stdout=out)
    assert "Would remove" in out.getvalue()
    assert Submission.objects.filter(pk=submission.pk).exists()
    call_command("purge_retention", stdout=out)
    assert not Submission.objects.filter(pk=submission.pk).exists()


def test_a_deleted_subjects_date_of_birth_survives_nowhere():
    submission = closed(800)
    SubjectFactory(submission=submission, date_of_birth=dt.date(2011, 2, 14))
    retention_purge_run(now=NOW)
    assert "2011-02-14" not in json.dumps(list(LogEntry.objects.values()), default=str)
