"""Entries are written with their transaction and sealed into the chain as it commits, so no
writer ever waits for another writer's transaction to finish."""

import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from audit.integrity import audit_chain_verify
from audit.models import Action, AuditChainHead, AuditEvent
from audit.services import audit_chain_seal, audit_event_record, audit_events_record
from audit.tasks import audit_seal


def _record(user, **extra) -> AuditEvent:
    return audit_event_record(action=Action.SUBMISSION_VIEWED, actor=user, **extra)


@pytest.mark.django_db(transaction=True)
def test_an_entry_is_sealed_as_its_transaction_commits(handler_user):
    with transaction.atomic():
        event = _record(handler_user)
        _record(handler_user)  # one seal per transaction takes both
        event.refresh_from_db()
        assert event.hash is None and event.chain_position is None  # not yet committed

    event.refresh_from_db()
    head = AuditChainHead.objects.get()
    assert event.hash == event.compute_hash()
    assert event.chain_position == head.last_position - 1
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_verify().ok


def test_the_sealer_takes_every_waiting_entry_in_batches(db, handler_user):
    for _ in range(7):
        _record(handler_user)
    waiting = AuditEvent.objects.filter(hash__isnull=True).count()
    assert waiting >= 7
    assert audit_chain_seal(batch_size=3) == waiting
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_seal() == 0  # a second run has nothing to do
    report = audit_chain_verify()
    assert report.ok and report.unsealed == 0


def test_entries_awaiting_their_seal_are_reported_not_failed(db, handler_user):
    audit_chain_seal()
    _record(handler_user)
    report = audit_chain_verify()
    assert report.ok
    assert report.unsealed == 1


def test_an_entry_left_unsealed_too_long_fails_verification(db, handler_user):
    """Sealing has stopped (or someone slipped a row in): a supervisor must hear of it."""
    audit_chain_seal()
    stale = AuditEvent.objects.create(
        created_at=timezone.now() - timedelta(minutes=11),
        action=Action.SUBMISSION_VIEWED,
        actor_id=handler_user.pk,
        actor_username=handler_user.username,
    )
    report = audit_chain_verify()
    assert not report.ok
    assert report.broken_id == stale.id
    assert "unsealed" in report.problem


def test_the_beat_task_seals_what_was_left_behind(db, handler_user):
    _record(handler_user)
    assert settings.CELERY_BEAT_SCHEDULE["audit-seal"]["task"] == "audit.seal"
    assert audit_seal.apply().get() >= 1
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_entry_leaves_no_gap_in_the_chain(handler_user):
    with pytest.raises(RuntimeError), transaction.atomic():
        _record(handler_user, details={"note": "rolled back"})
        raise RuntimeError("the caller's work failed")
    _record(handler_user)  # autocommit: sealed straight away

    assert not AuditEvent.objects.filter(details__note="rolled back").exists()
    positions = list(
        AuditEvent.objects.order_by("chain_position").values_list("chain_position", flat=True)
    )
    assert positions == list(range(1, len(positions) + 1))
    assert audit_chain_verify().ok


# --- PostgreSQL: real concurrency ------------------------------------------------------------
def _in_other_connection(work, started: threading.Event, errors: list) -> threading.Thread:
    def run():
        try:
            work(started)
        except Exception as exc:  # reported by the test
            errors.append(exc)
            started.set()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_writer_does_not_wait_for_another_writers_open_transaction(handler_user):
    """The old design held the chain until the first writer committed: here it would wait 2 s."""
    errors: list = []
    started = threading.Event()

    def slow_writer(started):
        with transaction.atomic():
            _record(handler_user, details={"writer": "slow"})
            started.set()
            time.sleep(2)  # a long transaction, still open

    thread = _in_other_connection(slow_writer, started, errors)
    assert started.wait(10)
    began = time.monotonic()
    _record(handler_user, details={"writer": "quick"})
    waited = time.monotonic() - began
    thread.join()

    assert errors == []
    assert waited < 1.0, f"waited {waited:.2f} s for another writer's transaction"
    audit_chain_seal()
    assert AuditEvent.objects.filter(hash__isnull=True).count() == 0
    assert audit_chain_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_busy_chain_is_skipped_and_its_holder_seals_later(handler_user):
    errors: list = []
    started = threading.Event()
    release = threading.Event()

    sealer_holding_the_chain = _chain_held_until(release)
    thread = _in_other_connection(sealer_holding_the_chain, started, errors)
    assert started.wait(10)
    began = time.monotonic()
    event = _record(handler_user)
    waited = time.monotonic() - began
    event.refresh_from_db()
    release.set()
    thread.join()

    assert errors == []
    assert waited < 1.0
    assert event.hash is None  # left for whoever holds the chain (or the beat task)
    assert audit_chain_seal() == 1
    assert audit_chain_verify().ok


@pytest.mark.postgres
def test_postgresql_lets_the_seal_through_once_and_nothing_else(db, handler_user):
    event = _record(handler_user)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # Sealing and editing at once is an edit.
        cursor.execute(
            "UPDATE audit_auditevent SET hash = %s, chain_position = 999999, "
            "actor_username = 'someone.else' WHERE id = %s",
            ["f" * 64, event.id],
        )
    audit_chain_seal()
    event.refresh_from_db()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):  # a second seal would rewrite the chain
        cursor.execute("UPDATE audit_auditevent SET hash = %s WHERE id = %s", ["e" * 64, event.id])
    assert AuditEvent.objects.get(id=event.id).hash == event.hash


# --- Sealed inside the writer's own transaction (issue 17, round 7) ---------------------------
def _entries(user, note: str) -> list[dict]:
    return [{"action": Action.SUBMISSION_VIEWED, "actor": user, "details": {"note": note}}]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_last_write_is_sealed_before_its_transaction_commits(handler_user):
    """No seal transaction after the commit: the entries, their seals and the head commit as
    one, in the same chain with the same hashes."""
    _record(handler_user)  # a chain to extend
    with transaction.atomic():
        (event,) = audit_events_record(*_entries(handler_user, "sealed"), last_write=True)
        assert not connections["default"].run_on_commit  # no seal queued for after the commit
        event.refresh_from_db()
        assert event.hash == event.compute_hash()  # sealed already, still uncommitted
    head = AuditChainHead.objects.get()
    assert (event.chain_position, event.hash) == (head.last_position, head.last_hash)
    assert not AuditEvent.objects.filter(hash__isnull=True).exists()
    assert audit_chain_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_last_write_rolled_back_takes_its_seals_with_it(handler_user):
    _record(handler_user)
    head_before = AuditChainHead.objects.get().last_position
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_events_record(*_entries(handler_user, "rolled back"), last_write=True)
        raise RuntimeError("the commit never came")
    assert AuditChainHead.objects.get().last_position == head_before
    _record(handler_user)
    assert audit_chain_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_last_write_finding_the_chain_busy_is_sealed_after_commit(handler_user):
    errors: list = []
    started = threading.Event()
    release = threading.Event()

    sealer_holding_the_chain = _chain_held_until(release)
    _record(handler_user)
    thread = _in_other_connection(sealer_holding_the_chain, started, errors)
    assert started.wait(10)
    began = time.monotonic()
    with transaction.atomic():
        (event,) = audit_events_record(*_entries(handler_user, "busy"), last_write=True)
        assert connections["default"].run_on_commit  # left to the seal after commit
    waited = time.monotonic() - began
    event.refresh_from_db()
    release.set()
    thread.join()

    assert errors == [] and waited < 1.0
    assert event.hash is None  # the holder (or the beat task) takes it
    assert audit_chain_seal() == 1
    assert audit_chain_verify().ok


def test_a_last_write_inside_another_transaction_is_sealed_after_it(db, handler_user):
    """A nested block does not commit: sealing there would hold the chain until the outer
    block ends, so the seal waits for the commit as any entry's does."""
    with transaction.atomic():
        (event,) = audit_events_record(*_entries(handler_user, "nested"), last_write=True)
    event.refresh_from_db()
    assert event.hash is None
    assert audit_chain_seal() >= 1
    assert audit_chain_verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_seal_finding_the_chain_busy_costs_one_statement(handler_user, django_assert_num_queries):
    """When claims crowd in, most seal attempts find the head taken: that answer is the one
    statement that tries the head (it used to be a second asking whether the head exists)."""
    errors: list = []
    started = threading.Event()
    release = threading.Event()

    sealer_holding_the_chain = _chain_held_until(release)
    _record(handler_user)  # a chain head to hold (a flushed test database starts without one)
    thread = _in_other_connection(sealer_holding_the_chain, started, errors)
    assert started.wait(10)
    try:
        with django_assert_num_queries(3):  # BEGIN, the head, COMMIT
            assert audit_chain_seal() == 0
    finally:
        release.set()
        thread.join()
    assert errors == []


def _chain_held_until(release: threading.Event):
    """Another sealer's work: take the chain's head and hold it until ``release`` is set."""

    def sealer_holding_the_chain(started):
        with transaction.atomic():
            AuditChainHead.objects.select_for_update().get(id=1)
            started.set()
            release.wait(10)

    return sealer_holding_the_chain
