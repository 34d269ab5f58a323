"""A worker killed with SIGKILL in the middle of an export: redelivered, exactly one export."""

import os
import signal
import time

import psycopg
import pytest
from django.db import connection

from audit.models import Action, AuditEvent
from intelligence.models import Export, ExportedLog, ExportStatus
from intelligence.tasks import export_run
from tests.factories import IntelligenceLogFactory
from tests.reliability.harness import wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


@pytest.fixture
def raw_connection():
    """raw_connection() opens a connection of the test's own; all are closed at teardown, before
    the database is emptied: one left in a transaction would make that wait forever."""
    opened: list[psycopg.Connection] = []

    def open_one() -> psycopg.Connection:
        db = connection.settings_dict
        conn = psycopg.connect(
            host=db["HOST"] or "127.0.0.1",
            port=db["PORT"] or 5432,
            user=db["USER"],
            password=db["PASSWORD"] or None,
            dbname=db["NAME"],
        )
        opened.append(conn)
        return conn

    yield open_one
    for conn in opened:
        conn.close()


def waiting_on_a_lock(observer: psycopg.Connection) -> bool:
    observer.rollback()
    row = observer.execute(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE datname = current_database() AND wait_event_type = 'Lock'"
    ).fetchone()
    return row[0] > 0


def _export_queued_and_held(raw_connection, export, first_log) -> psycopg.Connection:
    """Queue the export and hold the worker mid-export: an uncommitted link for the first log
    makes the worker's own link insert wait, after it has started writing the file and before it
    can finish. Returns the blocking connection; roll it back to let go."""
    blocker = raw_connection()
    blocker.execute(
        "INSERT INTO intelligence_exportedlog (export_id, log_id) VALUES (%s, %s)",
        [export.pk, first_log.pk],
    )
    observer = raw_connection()
    export_run.delay(str(export.pk))
    wait_for(lambda: waiting_on_a_lock(observer), what="the export to be under way")
    return blocker


def _complete(export) -> bool:
    export.refresh_from_db()
    return export.status == ExportStatus.COMPLETE


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_export_redelivers_it_and_makes_exactly_one_export(
    private_broker, start_worker, raw_connection, supervisor_user, settings
):
    logs = IntelligenceLogFactory.create_batch(3)
    export = Export.objects.create(
        requester=supervisor_user,
        format="csv",
        purpose="Briefing for the neighbourhood team",
        recipient="Neighbourhood Policing",
    )
    worker = start_worker()
    started = time.monotonic()
    blocker = _export_queued_and_held(raw_connection, export, logs[0])
    export.refresh_from_db()
    assert export.status == ExportStatus.RUNNING and export.attempts == 1
    half_written = [p.name for p in settings.EXPORT_DIR.iterdir()]
    assert half_written and all(name.startswith(".") for name in half_written)

    (child,) = worker.pool_children()
    os.kill(child, signal.SIGKILL)  # as the kernel's OOM killer would
    blocker.rollback()
    wait_for(lambda: _complete(export), timeout=20, what="the redelivered export to complete")
    elapsed = time.monotonic() - started

    assert export.attempts == 2  # killed once, redelivered once
    assert sorted(p.name for p in settings.EXPORT_DIR.iterdir()) == [export.file_name]
    body = (settings.EXPORT_DIR / export.file_name).read_text()
    assert body.count(logs[0].reference) == 1
    assert all(log.reference in body for log in logs)
    assert ExportedLog.objects.filter(export=export).count() == 3
    completed = AuditEvent.objects.filter(action=Action.EXPORT_COMPLETED, object_id=str(export.pk))
    assert completed.count() == 1
    assert "WorkerLostError" in worker.log.read_text()
    print(f"export redelivered and completed {elapsed:.1f}s after it was queued")


@pytest.mark.django_db(transaction=True)
def test_a_whole_worker_killed_mid_export_is_redelivered_to_the_next_worker(
    private_broker, start_worker, raw_connection, supervisor_user, settings
):
    """The OOM killer may take the worker's main process too: nothing acks, nothing rejects, and
    the message waits out the broker's visibility timeout (an hour in production; 3 s here) before
    another worker takes it."""
    logs = IntelligenceLogFactory.create_batch(2)
    export = Export.objects.create(
        requester=supervisor_user,
        format="csv",
        purpose="Briefing for the neighbourhood team",
        recipient="Neighbourhood Policing",
    )
    short = {"CELERY_VISIBILITY_TIMEOUT_SECONDS": "3"}
    first = start_worker("first.log", **short)
    blocker = _export_queued_and_held(raw_connection, export, logs[0])

    first.stop()  # SIGKILL to the whole process group: main process and pool alike
    blocker.rollback()
    start_worker("second.log", **short)
    wait_for(lambda: _complete(export), timeout=60, what="another worker to take the export over")
    assert export.attempts == 2
    assert sorted(p.name for p in settings.EXPORT_DIR.iterdir()) == [export.file_name]
    body = (settings.EXPORT_DIR / export.file_name).read_text()
    assert all(body.count(log.reference) == 1 for log in logs)
    assert ExportedLog.objects.filter(export=export).count() == 2
    completed = AuditEvent.objects.filter(action=Action.EXPORT_COMPLETED, object_id=str(export.pk))
    assert completed.count() == 1
