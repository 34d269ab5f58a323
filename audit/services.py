"""Writes to the audit trail. Everything here appends; nothing updates or deletes an entry."""

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.ipv6 import clean_ipv6_address

from audit.context import current_request, current_request_id
from audit.integrity import log_entry_digest
from audit.models import Action, AuditChainHead, AuditEvent
from audit.references import reference_path
from cpi.net import client_ip


def _json_native(value: Any) -> Any:
    """The value exactly as it will come back from the JSON column, so the hash survives a reload.

    Tuples become lists, dates become ISO strings, integer keys become strings: hashing the
    round-tripped value means `verify_audit_chain` recomputes the same hash later.
    """
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _normalised_ip(address: str | None) -> str | None:
    # The database stores IPv6 in its canonical form; hash that form, not what the socket said.
    if address and ":" in address:
        try:
            return clean_ipv6_address(address)
        except ValueError:  # unparseable: not worth losing the audit entry over
            return None
    return address or None


def audit_event_record(
    *,
    action: Action | str,
    actor=None,
    request=None,
    submission=None,
    submission_reference: str = "",
    object_type: str = "",
    object_id: Any = "",
    details: dict | None = None,
    staff_page: bool = False,
) -> AuditEvent:
    """Write one entry to the audit trail; it is sealed into the hash chain once it commits.

    `request` defaults to the request being served (audit.context, bound by AuditMiddleware), so
    services take the acting user and never the request. `actor` defaults to request.user when
    signed in. An IP address is kept only for staff: for a signed-in actor, or when `staff_page`
    says the request was to a staff-only page (a failed sign-in); a professional's address is
    never recorded. `details` must never hold source data.
    """
    event = _audit_event_build(
        action=action,
        actor=actor,
        request=request,
        submission=submission,
        submission_reference=submission_reference,
        object_type=object_type,
        object_id=object_id,
        details=details,
        staff_page=staff_page,
    )
    event.save(force_insert=True)
    _seal_on_commit()
    return event


def audit_events_record(*entries: dict[str, Any], last_write: bool = False) -> list[AuditEvent]:
    """Write several entries in one INSERT; each is audit_event_record's keyword arguments.

    For a service that records more than one entry for one act (a claim is "claimed" and
    "status changed"): the same entries, one round trip instead of one each (issue 17).

    `last_write=True` is the caller's promise that its transaction commits right after this
    (nothing else is written): the entries are then sealed inside that transaction when the
    chain is free (audit_chain_seal_in_transaction), saving the seal's own transaction.
    """
    events = [_audit_event_build(**entry) for entry in entries]
    AuditEvent.objects.bulk_create(events)
    if last_write and audit_chain_seal_in_transaction():
        queued = _seal_queued()  # for entries written earlier in the transaction: all sealed now
        if queued is not None:
            queued.needed = False
    else:
        _seal_on_commit()
    return events


def _audit_event_build(
    *,
    action: Action | str,
    actor=None,
    request=None,
    submission=None,
    submission_reference: str = "",
    object_type: str = "",
    object_id: Any = "",
    details: dict | None = None,
    staff_page: bool = False,
) -> AuditEvent:
    action = Action(action)  # an unknown action is a programming error: fail loudly
    if request is None:
        request = current_request()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    ip_address = None
    if request is not None and (actor is not None or staff_page):
        ip_address = _normalised_ip(client_ip(request))
    reference = submission_reference or getattr(submission, "reference", "") or ""
    return AuditEvent(
        created_at=timezone.now(),
        action=action.value,
        actor_id=actor.pk if actor is not None else None,
        actor_username=actor.get_username() if actor is not None else "",
        submission_reference=reference,
        object_type=object_type,
        object_id=str(object_id or ""),
        ip_address=ip_address,
        request_id=current_request_id(),
        details=_json_native(details or {}),
    )


class _SealAfterCommit:
    """The seal queued for after a transaction's commit; called off if the transaction sealed its
    own entries before committing (audit_chain_seal_in_transaction)."""

    def __init__(self) -> None:
        self.needed = True

    def __call__(self) -> None:
        if self.needed:
            audit_chain_seal()


def _seal_on_commit() -> None:
    # Sealed into the chain once this transaction commits, outside it: holding the chain while
    # the caller's transaction is still open would queue every audited action behind the slowest.
    # robust: the entry is committed either way; a failed seal is retried by the next one.
    queued = _seal_queued()
    if queued is not None:
        queued.needed = True  # an entry written after an in-transaction seal: seal it after all
    else:  # (in autocommit, on_commit runs it at once)
        transaction.on_commit(_SealAfterCommit(), robust=True)


def _seal_queued() -> _SealAfterCommit | None:
    """One seal per transaction is enough: it takes every entry the transaction wrote."""
    if not connection.in_atomic_block:
        return None
    for _, callback, _ in connection.run_on_commit:
        if isinstance(callback, _SealAfterCommit):
            return callback
    return None


def audit_chain_seal(*, batch_size: int = 500) -> int:
    """Seal every committed, unsealed entry into the hash chain, oldest first; return how many.

    One sealer at a time holds the chain head. Others skip rather than wait (PostgreSQL): their
    entries are taken by the sealer after them, and the beat task `audit.seal` picks up any left
    behind (by a quiet moment, or a worker that died between its commit and its seal).
    Chain order is the order of sealing, which can differ from id order by a few entries.
    """
    sealed = 0
    while True:
        with transaction.atomic():
            head = _chain_head_locked()
            if head is None:  # another sealer has the chain: it will take ours too
                return sealed
            pending = list(AuditEvent.objects.filter(hash__isnull=True).order_by("id")[:batch_size])
            if not pending:
                return sealed
            _seals_write(_seals_compute(pending, head), head)
        sealed += len(pending)
        if len(pending) < batch_size:
            # Anything committed while we held the chain is taken by the next seal (the next
            # audited action, or the beat task within a minute).
            return sealed


def audit_chain_seal_in_transaction() -> bool:
    """Seal what waits, this transaction's own entries included, as the transaction's last
    statements; True if everything waiting was sealed, False if the caller must leave it to the
    seal after commit.

    Issue 17: after a claim, the seal was a second transaction (begin, lock the head, read what
    waits, write, commit): a commit and its WAL flush more per claim. Here the head is taken with
    SKIP LOCKED as the after-commit seal takes it, so nobody waits: if another sealer has it,
    False, and this transaction's entries go to the seal after its commit as before. The head is
    held from here to the commit, which the caller promises is next; the seals, the head and the
    entries commit (or roll back) together. Only in an outermost transaction on PostgreSQL (a
    nested block's caller does not commit, and would hold the chain until its outer block
    ends), and only for up to one batch: a longer backlog is left to the seal after commit.
    """
    if not (
        connection.vendor == "postgresql"
        and connection.in_atomic_block
        and connection.commit_on_exit
        and len(connection.atomic_blocks) == 1
    ):
        return False
    head = _chain_head_locked()
    if head is None:  # another sealer has the chain: ours go to the seal after commit
        return False
    batch_size = 500
    pending = list(AuditEvent.objects.filter(hash__isnull=True).order_by("id")[:batch_size])
    if pending:
        _seals_write(_seals_compute(pending, head), head)
    return len(pending) < batch_size


def _seals_compute(pending: list[AuditEvent], head: AuditChainHead) -> list[tuple]:
    """Chain the entries after the head, in order, moving the head on; the seals to write."""
    seals = []
    for event in pending:
        head.last_position += 1
        event.chain_position = head.last_position
        event.previous_hash = head.last_hash
        event.hash = event.compute_hash()
        head.last_hash = event.hash
        seals.append((event.chain_position, event.previous_hash, event.hash, event.id))
    return seals


def _seals_write(seals: list[tuple[int, str, str, int]], head: AuditChainHead) -> None:
    """Store the seals (position, previous hash, hash, id) and move the chain head on."""
    if connection.vendor == "postgresql":
        # One statement for the entries and the head (issue 17: a seal follows every audited
        # transaction, and was a statement per entry plus one for the head).
        columns = [list(column) for column in zip(*seals, strict=True)]
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH moved AS (UPDATE audit_auditchainhead SET last_hash = %s, "
                "last_position = %s WHERE id = %s) "
                "UPDATE audit_auditevent AS entry SET chain_position = seal.position, "
                "previous_hash = seal.previous_hash, hash = seal.hash "
                # The seals as four arrays: position, previous hash, hash, id.
                "FROM unnest(%s::bigint[], %s::text[], %s::text[], %s::bigint[]) "
                "AS seal (position, previous_hash, hash, id) WHERE entry.id = seal.id",
                [head.last_hash, head.last_position, head.id, *columns],
            )
        return
    with connection.cursor() as cursor:  # plain SQL: bulk_update's CASE costs 3 ms here
        cursor.executemany(
            "UPDATE audit_auditevent SET chain_position = %s, previous_hash = %s, "
            "hash = %s WHERE id = %s",
            seals,
        )
    head.save(update_fields=["last_hash", "last_position"])


# The head if free, and whether it exists at all, in one statement: when claims crowd in, most
# seal attempts find the head busy, and that answer was two statements (issue 17, round 7).
_HEAD_LOCK_SQL = (
    "SELECT head.last_hash, head.last_position, "
    "EXISTS (SELECT 1 FROM audit_auditchainhead WHERE id = 1) "
    "FROM (SELECT 1) AS one LEFT JOIN (SELECT last_hash, last_position "
    "FROM audit_auditchainhead WHERE id = 1 FOR UPDATE SKIP LOCKED) AS head ON TRUE"
)


def _chain_head_locked() -> AuditChainHead | None:
    if connection.features.has_select_for_update_skip_locked:
        # Plain SQL: this runs after every audited transaction, and the ORM's version of it cost
        # more in compiling than in the database (issue 17).
        with connection.cursor() as cursor:
            cursor.execute(_HEAD_LOCK_SQL)
            last_hash, last_position, exists = cursor.fetchone()
        if last_hash is not None:
            return AuditChainHead(id=1, last_hash=last_hash, last_position=last_position)
        if exists:
            return None  # another sealer has the chain
        # A database emptied by hand (or by a test): start the chain again.
        AuditChainHead.objects.bulk_create([AuditChainHead(id=1)], ignore_conflicts=True)
        return AuditChainHead.objects.select_for_update(skip_locked=True).filter(id=1).first()
    # SQLite: writing first takes the database's write lock, so two sealers cannot both read
    # the same head and hand out the same positions.
    AuditChainHead.objects.filter(id=1).update(last_position=F("last_position"))
    head, _ = AuditChainHead.objects.get_or_create(id=1)
    return head


# --- The change log, chained ------------------------------------------------------------------
_CHANGE_LOG_ACTIONS = {0: Action.RECORD_CREATED, 1: Action.RECORD_CHANGED, 2: Action.RECORD_DELETED}


def log_entry_chain(*, entry, request=None) -> AuditEvent | None:
    """Append the twin of one django-auditlog entry to the chain, in the same transaction.

    The twin carries the entry's id, its (already masked) changes and a digest of the whole row,
    so the change log is readable from the audit trail alone and an edit to the auditlog table is
    caught by verify_audit_chain.
    """
    action = _CHANGE_LOG_ACTIONS.get(entry.action)
    if action is None:  # auditlog's "access" entries: not used here
        return None
    model = entry.content_type.model_class()
    changes = entry.changes or {}
    return audit_event_record(
        action=action,
        actor=entry.actor,
        request=request,
        submission_reference=_submission_reference(model, entry.object_pk, changes),
        object_type=model._meta.label_lower if model else "",
        object_id=entry.object_pk,
        details={
            "log_entry_id": entry.pk,
            "log_entry_digest": log_entry_digest(entry),
            "record": str(model._meta.verbose_name) if model else "",
            "changes": changes,
        },
    )


def _submission_reference(model, object_pk: str, changes: dict) -> str:
    """The reference of the submission a changed record belongs to, so its timeline shows it."""
    path = reference_path(model) if model is not None else None
    if path is None:
        return ""
    written = changes.get(path)
    if isinstance(written, list | tuple) and written and written[-1] not in ("", "None"):
        # The entry's own diff holds the reference it was given (a submission created or
        # re-referenced): no query (issue 17, one on every submission).
        return written[-1]
    reference = model._base_manager.filter(pk=object_pk).values_list(path, flat=True).first()
    if reference is None:
        # The row is gone (deleted); its diff still holds the old reference, or the id of the
        # submission it belonged to.
        head, _, rest = path.partition("__")
        old_values = changes.get(head)
        if not isinstance(old_values, list | tuple) or "__" in rest:
            return ""
        value = next((v for v in old_values if v not in ("", "None")), None)
        if value and not rest:
            reference = value
        elif value:
            related = model._meta.get_field(head).related_model
            reference = related._base_manager.filter(pk=value).values_list(rest, flat=True).first()
    return reference or ""
