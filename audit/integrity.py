"""Tamper evidence: the digest that binds a change-log entry into the chain, and the chain walk."""

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from auditlog.models import LogEntry
from django.utils import timezone

from audit.models import Action, AuditChainHead, AuditEvent

GENESIS_HASH = "0" * 64
CHANGE_LOG_ACTIONS = (Action.RECORD_CREATED, Action.RECORD_CHANGED, Action.RECORD_DELETED)
BATCH_SIZE = 2000
# Entries are sealed moments after they commit, and the beat task sweeps up every minute: one
# still unsealed after this long means sealing has stopped, which is worth an alarm.
SEAL_GRACE = timedelta(minutes=10)


def log_entry_digest(entry: LogEntry) -> str:
    """SHA-256 over everything a change-log entry says, in a form that survives a reload."""
    content = {
        "id": entry.pk,
        "content_type_id": entry.content_type_id,
        # Fields are coerced to the type they reload as (object_pk is an int until saved).
        "object_pk": str(entry.object_pk),
        "object_id": int(entry.object_id) if entry.object_id is not None else None,
        "object_repr": entry.object_repr,
        "action": int(entry.action),
        "changes": entry.changes,
        "changes_text": entry.changes_text,
        "serialized_data": entry.serialized_data,
        "additional_data": entry.additional_data,
        "actor_id": entry.actor_id,
        "actor_email": entry.actor_email,
        "cid": entry.cid,
        "remote_addr": entry.remote_addr,
        "remote_port": entry.remote_port,
        "timestamp": entry.timestamp.isoformat() if entry.timestamp else None,
    }
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class ChainReport:
    ok: bool
    checked: int = 0
    change_log_entries: int = 0
    head_hash: str = GENESIS_HASH
    unsealed: int = 0
    broken_id: int | None = None
    problem: str = ""
    expected: str = ""
    found: str = ""


def _batches(entries, key: str) -> Iterator[list[AuditEvent]]:
    """`entries` in `key` order, BATCH_SIZE at a time (keyset: each batch costs the same)."""
    last = 0
    while True:
        batch = list(entries.filter(**{f"{key}__gt": last}).order_by(key)[:BATCH_SIZE])
        if not batch:
            return
        yield batch
        last = getattr(batch[-1], key)


def _log_entries_for(batch: list[AuditEvent]) -> dict:
    twin_ids = [
        event.details.get("log_entry_id")
        for event in batch
        if event.action in CHANGE_LOG_ACTIONS and isinstance(event.details, dict)
    ]
    return LogEntry.objects.in_bulk([i for i in twin_ids if i is not None])


def audit_chain_verify() -> ChainReport:
    """Walk the chain in its order and stop at the first broken link.

    Checks, per sealed entry: it points at the previous entry's hash; its hash matches its
    content; a change-log twin matches the auditlog row it stands for. Then: the head row points
    at the last entry (a cut-off tail shows); entries not yet sealed are recent (sealing has not
    stopped) and their change-log twins match; every change-log row has a twin (a forged row
    shows).
    """
    report = ChainReport(ok=True)
    previous = GENESIS_HASH
    for batch in _batches(AuditEvent.objects.all(), "chain_position"):
        log_entries = _log_entries_for(batch)
        for event in batch:
            if event.previous_hash != previous:
                return _broken(
                    report,
                    event.id,
                    "points at the wrong previous entry",
                    previous,
                    event.previous_hash,
                )
            recomputed = event.compute_hash()
            if recomputed != event.hash:
                return _broken(
                    report, event.id, "content does not match its hash", event.hash, recomputed
                )
            if event.action in CHANGE_LOG_ACTIONS:
                problem = _twin_problem(event, log_entries)
                if problem:
                    return _broken(report, event.id, *problem)
                report.change_log_entries += 1
            previous = event.hash
            report.checked += 1

    head = AuditChainHead.objects.filter(id=1).first()
    head_hash = head.last_hash if head else GENESIS_HASH
    if head_hash != previous:
        return _broken(
            report, None, "the chain head does not point at the last entry", head_hash, previous
        )
    report.head_hash = previous

    stale_before = timezone.now() - SEAL_GRACE
    for batch in _batches(AuditEvent.objects.filter(hash__isnull=True), "id"):
        log_entries = _log_entries_for(batch)
        for event in batch:
            if event.created_at < stale_before:
                return _broken(
                    report,
                    event.id,
                    f"left unsealed for more than {SEAL_GRACE.seconds // 60} minutes",
                    "sealed",
                    "unsealed",
                )
            if event.action in CHANGE_LOG_ACTIONS:
                problem = _twin_problem(event, log_entries)
                if problem:
                    return _broken(report, event.id, *problem)
                report.change_log_entries += 1
            report.unsealed += 1

    log_entry_count = LogEntry.objects.count()
    if log_entry_count != report.change_log_entries:
        return _broken(
            report,
            None,
            "change-log entries without a place in the chain",
            str(report.change_log_entries),
            str(log_entry_count),
        )
    return report


def _twin_problem(event: AuditEvent, log_entries: dict) -> tuple[str, str, str] | None:
    entry_id = event.details.get("log_entry_id")
    entry = log_entries.get(entry_id)
    if entry is None:
        return (f"its change-log entry {entry_id} is missing", "present", "missing")
    digest = log_entry_digest(entry)
    expected = event.details.get("log_entry_digest", "")
    if digest != expected:
        return (f"its change-log entry {entry_id} was altered", expected, digest)
    return None


def _broken(report: ChainReport, event_id, problem: str, expected: str, found: str):
    report.ok = False
    report.broken_id = event_id
    report.problem = problem
    report.expected = expected
    report.found = found
    return report
