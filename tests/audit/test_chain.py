"""Tamper evidence: the chain verifies, and any edit, deletion or forgery of an entry is found."""

import itertools
import threading
from io import StringIO

import pytest
from auditlog.models import LogEntry
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, connections, transaction

from audit.integrity import audit_chain_verify
from audit.models import Action, AuditChainHead, AuditEvent
from audit.services import audit_chain_seal, audit_event_record
from tests.factories import SubmissionFactory


def _verify() -> str:
    out = StringIO()
    call_command("verify_audit_chain", stdout=out)
    return out.getvalue()


@pytest.fixture
def trail(db, handler_user):
    submission = SubmissionFactory()
    audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user, submission=submission)
    submission.status = "in_progress"
    submission.save()
    audit_event_record(
        action=Action.SOURCE_REVEALED,
        actor=handler_user,
        submission=submission,
        details={"reason": "Need to call back"},
    )
    audit_chain_seal()  # what happens as each of those commits (the test never commits)
    return submission


def _middle_event() -> AuditEvent:
    ids = list(AuditEvent.objects.order_by("chain_position").values_list("id", flat=True))
    return AuditEvent.objects.get(id=ids[len(ids) // 2])


def _entry_after(event: AuditEvent) -> AuditEvent:
    return (
        AuditEvent.objects.filter(chain_position__gt=event.chain_position)
        .order_by("chain_position")
        .first()
    )


def _as_attacker(sql: str, params: list) -> None:
    """Run SQL as someone with database superuser rights, who can switch the trigger off."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


def test_an_untouched_chain_verifies(trail):
    output = _verify()
    count = AuditEvent.objects.count()
    assert f"Audit chain OK: {count} entries verified" in output
    assert AuditChainHead.objects.get().last_hash in output
    # Every change-log entry has its twin in the chain.
    assert (
        LogEntry.objects.count()
        == AuditEvent.objects.filter(
            action__in=["record_created", "record_changed", "record_deleted"]
        ).count()
        > 0
    )


def test_each_entry_links_to_the_one_before(trail):
    events = list(AuditEvent.objects.order_by("chain_position"))
    assert AuditEvent.objects.filter(hash__isnull=True).count() == 0
    assert [e.chain_position for e in events] == list(range(1, len(events) + 1))
    assert events[0].previous_hash == "0" * 64
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.hash
        assert after.hash == after.compute_hash()


def test_editing_an_entry_in_the_database_is_detected(trail):
    victim = _middle_event()
    _as_attacker(
        "UPDATE audit_auditevent SET actor_username = %s WHERE id = %s", ["someone.else", victim.id]
    )
    with pytest.raises(CommandError) as error:
        _verify()
    message = str(error.value)
    assert f"Audit chain broken at entry {victim.id}" in message
    assert "content does not match its hash" in message
    assert victim.hash in message  # expected vs found, to investigate


def test_rehashing_an_edited_entry_breaks_the_next_link(trail):
    victim = _middle_event()
    victim.actor_username = "someone.else"
    forged = victim.compute_hash()
    _as_attacker(
        "UPDATE audit_auditevent SET actor_username = %s, hash = %s WHERE id = %s",
        ["someone.else", forged, victim.id],
    )
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_id == _entry_after(victim).id
    assert report.expected == forged and report.found == victim.hash


def test_deleting_an_entry_is_detected(trail):
    victim = _middle_event()
    _as_attacker("DELETE FROM audit_auditevent WHERE id = %s", [victim.id])
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_id == _entry_after(victim).id


def test_cutting_off_the_newest_entries_is_detected(trail):
    last = AuditEvent.objects.order_by("-chain_position").first()
    _as_attacker("DELETE FROM audit_auditevent WHERE id = %s", [last.id])
    report = audit_chain_verify()
    assert not report.ok
    assert "head" in report.problem


def test_editing_a_change_log_row_is_detected(trail):
    entry = LogEntry.objects.filter(changes__has_key="status", action=LogEntry.Action.UPDATE).get()
    _as_attacker(
        "UPDATE auditlog_logentry SET changes = %s WHERE id = %s",
        ['{"status": ["new", "closed"]}', entry.id],
    )
    report = audit_chain_verify()
    assert not report.ok
    assert f"change-log entry {entry.id} was altered" in report.problem


def test_deleting_or_forging_a_change_log_row_is_detected(trail):
    entry = LogEntry.objects.order_by("id").last()
    _as_attacker("DELETE FROM auditlog_logentry WHERE id = %s", [entry.id])
    assert "missing" in audit_chain_verify().problem


def test_a_change_log_row_added_behind_the_chains_back_is_detected(trail):
    from django.db.models.signals import post_save

    from audit.signals import on_log_entry_saved

    post_save.disconnect(on_log_entry_saved, sender=LogEntry, dispatch_uid="audit_log_saved")
    try:
        LogEntry.objects.log_create(
            trail, action=LogEntry.Action.UPDATE, changes={"status": ["a", "b"]}
        )
    finally:
        post_save.connect(on_log_entry_saved, sender=LogEntry, dispatch_uid="audit_log_saved")
    report = audit_chain_verify()
    assert not report.ok
    assert "without a place in the chain" in report.problem


def test_the_chain_is_walked_in_batches(trail, monkeypatch, handler_user):
    import audit.integrity

    monkeypatch.setattr(audit.integrity, "BATCH_SIZE", 3)
    for _ in range(10):
        audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user)
    audit_chain_seal()
    report = audit_chain_verify()
    assert report.ok
    assert report.checked == AuditEvent.objects.count()


def test_entries_survive_a_reload_byte_for_byte(db, handler_user):
    """What is hashed is what is stored: odd details and IPv6 addresses still verify."""
    from django.test import RequestFactory

    request = RequestFactory().get("/staff/", REMOTE_ADDR="2001:DB8:0:0:0:0:0:1")
    request.user = handler_user
    audit_event_record(
        action=Action.EXPORT_REQUESTED,
        request=request,
        details={
            "ids": (1, 2),
            3: "three",
            "when": __import__("datetime").date(2025, 1, 2),
            "ratio": 0.1,
            "nested": {"b": 1, "a": [None, True]},
        },
    )
    audit_chain_seal()
    event = AuditEvent.objects.get(action=Action.EXPORT_REQUESTED)
    assert event.ip_address == "2001:db8::1"
    assert event.compute_hash() == event.hash
    assert audit_chain_verify().ok


def test_unknown_actions_are_refused(db):
    with pytest.raises(ValueError):
        audit_event_record(action="made_up")


def test_retention_purges_record_themselves_and_leave_entries_alone(trail):
    before = AuditEvent.objects.count()
    trail.delete()  # what a purge of an expired submission does
    audit_event_record(action=Action.RETENTION_PURGE, details={"submissions": 1})
    assert AuditEvent.objects.count() > before
    deleted = AuditEvent.objects.filter(
        action=Action.RECORD_DELETED, submission_reference=trail.reference
    )
    assert deleted.filter(object_type="submissions.submission").exists()
    assert deleted.filter(object_type="submissions.source").exists()
    assert audit_chain_verify().ok


# --- PostgreSQL: the database itself refuses -------------------------------------------------
@pytest.mark.postgres
@pytest.mark.parametrize("table", ["audit_auditevent", "auditlog_logentry"])
def test_postgresql_refuses_updates_to_audit_tables(trail, table):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET object_id = object_id")


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["audit_auditevent", "auditlog_logentry"])
def test_postgresql_refuses_deletes_from_audit_tables(trail, table):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table}")


@pytest.mark.postgres
def test_postgresql_refuses_deletes_through_the_orm(trail):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.exists()


@pytest.mark.postgres
def test_postgresql_detects_an_edit_made_with_the_trigger_disabled(trail):
    victim = _middle_event()
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        cursor.execute(
            "UPDATE audit_auditevent SET details = '{}'::jsonb WHERE id = %s", [victim.id]
        )
        cursor.execute("ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only")
    report = audit_chain_verify()
    assert report.broken_id == victim.id


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_extend_one_unbroken_chain(handler_user):
    errors = []

    def write(n: int):
        try:
            for _ in range(n):
                audit_event_record(action=Action.SUBMISSION_VIEWED, actor=handler_user)
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(15,)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action=Action.SUBMISSION_VIEWED).count() == 60
    report = audit_chain_verify()
    assert report.ok, report
