"""Writes for linked submissions: building one submission's index entries and its links, a
handler's decision on a possible link, and the record that links were shown (combination)."""

from __future__ import annotations

import json
import uuid
import zlib
from collections import defaultdict, namedtuple
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from cpi.errors import DomainError
from links import matching
from links.extract import Extracted, extract
from links.models import Decision, Identifier, IndexState, Link
from submissions.identity import identity_for_submission
from submissions.models import Submission

# Bounds on what one submission is compared with: a value shared by thousands of submissions
# (a busy postcode) says little, and must not make one extraction read them all.
EXACT_CANDIDATES = 500
WEAK_CANDIDATES = 200
PERSON_CANDIDATES = 500


class LinkError(DomainError):
    pass


LOCK_BUCKETS = 512


def _locks_take(keys: list[str]) -> None:
    """PostgreSQL: one transaction-level lock per key, in a fixed order, so two submissions
    sharing a key that are indexed at once see each other (the second waits for the first)."""
    if connection.vendor != "postgresql" or not keys:
        return
    # Keys fall into LOCK_BUCKETS locks: a transaction that indexes many submissions (seeding,
    # a test) then holds at most that many, within PostgreSQL's shared lock table; two keys
    # sharing a bucket only wait for each other.
    ids = sorted({zlib.crc32(key.encode()) % LOCK_BUCKETS for key in keys})
    with connection.cursor() as cursor:
        # One round trip; taken in the order of the sorted array, so no two workers deadlock.
        cursor.execute(
            "SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(k, n) "
            "ORDER BY n",
            [ids],
        )


def _lock_keys(items: list[Extracted]) -> list[str]:
    keys = [f"{item.kind}:{item.value}" for item in items]
    keys += [f"block:{item.block}" for item in items if item.block]
    return keys


# What matching reads of each candidate: plain rows, not model instances (there may be hundreds).
CANDIDATE_FIELDS = (
    "submission_id",
    "kind",
    "value",
    "shown",
    "origin",
    "birth_year",
    "birth_year_exact",
)
Candidate = namedtuple("Candidate", CANDIDATE_FIELDS)


def _candidates(submission_id, items: list[Extracted]) -> list[Candidate]:
    """Entries of other submissions that may match, in one query: exact keys, strong and weak
    kinds apart (so a nickname shared by thousands cannot crowd out a shared plate), and people
    found by their name's block whose year of birth can agree."""
    strong, weak, people = Q(), Q(), Q()
    for item in items:
        if item.kind == "person":
            if not item.block:
                continue
            years = Q()
            if item.birth_year is not None:
                # A year of birth that cannot agree rules a namesake out in the index.
                years = Q(birth_year__isnull=True) | Q(
                    birth_year__range=(item.birth_year - 2, item.birth_year + 2)
                )
            people |= Q(kind="person", block=item.block) & years
        elif item.kind in matching.WEAK_KINDS:
            weak |= Q(kind=item.kind, value=item.value)
        else:
            strong |= Q(kind=item.kind, value=item.value)
    parts, params = [], []
    for number, (wanted, limit) in enumerate(
        ((strong, EXACT_CANDIDATES), (weak, WEAK_CANDIDATES), (people, PERSON_CANDIDATES))
    ):
        if wanted:
            rows = Identifier.objects.filter(wanted).exclude(submission_id=submission_id)
            sql, part_params = rows.values_list(*CANDIDATE_FIELDS)[:limit].query.sql_with_params()
            # Each part keeps its own limit: wrapped, as SQLite allows no LIMIT in a UNION's arm.
            # Only the ORM's own SQL is joined in; every value stays a parameter.
            parts.append(f"SELECT * FROM ({sql}) AS part{number}")  # noqa: S608
            params += part_params
    if not parts:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        rows = cursor.fetchall()
    if connection.features.has_native_uuid_field:
        return [Candidate(*row) for row in rows]
    return [Candidate(uuid.UUID(row[0]), *row[1:]) for row in rows]


def _reasons(items: list[Extracted], candidates: list[Candidate]) -> dict:
    """other submission id -> [Reason]"""
    by_key = {(item.kind, item.value): item for item in items}
    people = [item for item in items if item.kind == "person"]
    reasons: dict = defaultdict(list)
    for theirs in candidates:
        if theirs.kind == "person":
            for mine in people:
                reason = matching.person_reason(mine, theirs)
                if reason is not None:
                    reasons[theirs.submission_id].append(reason)
            continue
        mine = by_key.get((theirs.kind, theirs.value))
        if mine is not None:
            reasons[theirs.submission_id].append(matching.key_reason(mine, theirs))
    return {other: found for other, found in reasons.items() if matching.is_link(found)}


def identifier_rows(submission_id, items: list[Extracted]) -> list[Identifier]:
    """Index rows (unsaved) for one submission's extracted identifiers (bulk filling)."""
    return [Identifier(submission_id=submission_id, **values) for values in _entries(items)]


def _entries(items: list[Extracted]) -> list[dict]:
    return [
        {
            "kind": item.kind,
            "value": item.value[:200],
            "shown": item.shown[:200],
            "origin": item.origin,
            "birth_year": item.birth_year,
            "birth_year_exact": item.birth_year_exact,
            "block": item.block,
        }
        for item in items
    ]


# --- Writing the index: a fixed number of statements per submission ----------------------------
# Every submission is extracted once at least, so its cost is counted in round trips and in
# Python per row: rows go out as plain tuples, one multi-row INSERT a table (no model instances),
# and the candidates come back in one query. The number of statements does not grow with the
# identifiers or links a submission has (a test pins it).

IDENTIFIER_COLUMNS = (
    "submission_id",
    "kind",
    "value",
    "shown",
    "origin",
    "birth_year",
    "birth_year_exact",
    "block",
)
LINK_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "submission_id",
    "other_id",
    "strength",
    "sure",
    "possible",
    "reasons",
    "decision",
)
# A link found again keeps its key, its creation time and a handler's decision; it is rewritten
# only when what it says changed.
LINK_UPSERT = (
    " ON CONFLICT (submission_id, other_id) DO UPDATE SET strength = excluded.strength,"
    " sure = excluded.sure, possible = excluded.possible, reasons = excluded.reasons,"
    " updated_at = excluded.updated_at"
    " WHERE links_link.strength <> excluded.strength OR links_link.sure <> excluded.sure"
    " OR links_link.possible <> excluded.possible OR links_link.reasons <> excluded.reasons"
)


def _rows_insert(model, columns: tuple[str, ...], rows: list[tuple], *, conflict: str = "") -> int:
    """Insert plain rows (UUIDs, datetimes, lists for JSON, plain values) and return how many
    were written. PostgreSQL: one statement with the rows as one JSON parameter, so its text
    never changes (the driver's parsed-query cache holds it) and no value is quoted one by one.
    Elsewhere (SQLite, tests): multi-row VALUES in batches under the parameter cap."""
    if not rows:
        return 0
    quote = connection.ops.quote_name
    # Table and column names are the code's own constants; every value is a parameter.
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            records = [dict(zip(columns, row, strict=True)) for row in rows]
            payload = json.dumps(records, default=str)
            cursor.execute(
                f"INSERT INTO {table} ({names}) SELECT {names} "  # noqa: S608
                f"FROM json_populate_recordset(NULL::{table}, %s::json){conflict}",
                [payload],
            )
            return cursor.rowcount
        rows = [tuple(map(_sqlite_value, row)) for row in rows]
        batch = max(1, connection.features.max_query_params // len(columns))
        one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
        written = 0
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
                + ", ".join([one_row] * len(chunk))
                + conflict,
                [value for row in chunk for value in row],
            )
            written += cursor.rowcount
        return written


def _sqlite_value(value):
    """A value as Django stores it in SQLite: UUIDs as 32 hex digits, JSON as text."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, list):
        return json.dumps(value)
    return value


def _index_state_claim(submission_id: uuid.UUID, now, *, first_time: bool) -> bool:
    """Record the submission as indexed; False when it already was, though it looked new when
    loaded (the same task run twice at once): the second run then replaces the first's rows.
    The row's key makes that second run wait here until the first has committed."""
    if first_time:
        conflict = " ON CONFLICT (submission_id) DO NOTHING"
    else:
        conflict = " ON CONFLICT (submission_id) DO UPDATE SET indexed_at = excluded.indexed_at"
    written = _rows_insert(
        IndexState,
        ("submission_id", "indexed_at"),
        [(submission_id, now)],
        conflict=conflict,
    )
    if first_time and not written:
        IndexState.objects.filter(submission_id=submission_id).update(indexed_at=now)
        return False
    return first_time


def _identifiers_write(submission_id: uuid.UUID, items: list[Extracted], *, first_time: bool):
    if not first_time:
        Identifier.objects.filter(submission_id=submission_id).delete()
    _rows_insert(
        Identifier,
        IDENTIFIER_COLUMNS,
        [(submission_id, *entry.values()) for entry in _entries(items)],
    )


def _links_write(submission_id: uuid.UUID, reasons: dict, now, *, first_time: bool) -> None:
    """Both rows of every link found; a row is rewritten only when it changed, and a link that
    no longer holds goes unless a handler decided on it (their word is kept)."""
    rows = []
    for other_id, found in reasons.items():
        for one, two, side in (
            (submission_id, other_id, found),
            (other_id, submission_id, [r.mirrored() for r in found]),
        ):
            pair = matching.combined(side)
            rows.append(
                (
                    uuid.uuid4(),
                    now,
                    now,
                    one,
                    two,
                    pair.strength,
                    pair.sure,
                    pair.possible,
                    pair.texts,
                    Decision.UNDECIDED,
                )
            )
    _rows_insert(Link, LINK_COLUMNS, rows, conflict=LINK_UPSERT)
    if not first_time:
        linked = list(reasons)
        Link.objects.filter(
            (Q(submission_id=submission_id) & ~Q(other_id__in=linked))
            | (Q(other_id=submission_id) & ~Q(submission_id__in=linked)),
            decision=Decision.UNDECIDED,
        ).delete()


@transaction.atomic
def submission_links_index(*, submission_id: uuid.UUID | str) -> int:
    """(Re)build one submission's index entries and its links both ways; return how many
    submissions it is linked to. Idempotent: a second run writes the same rows, and a handler's
    decision on a link survives it."""
    submission = (
        Submission.objects.filter(pk=submission_id)
        .select_related("source", "link_index")
        .prefetch_related("subjects", "persons_of_concern", "places", "vehicles")
        .first()
    )
    if submission is None:  # erased before its task ran
        return 0
    items = extract(
        submission,
        submission.subjects.all(),
        submission.persons_of_concern.all(),
        submission.places.all(),
        submission.vehicles.all(),
        identity_for_submission(submission),
    )
    # Never indexed before: it has no entries and no links yet (a link needs its entries), so
    # there is nothing to read or remove first.
    try:
        first_time = submission.link_index is None
    except IndexState.DoesNotExist:
        first_time = True
    now = timezone.now()
    _locks_take(_lock_keys(items))
    first_time = _index_state_claim(submission.pk, now, first_time=first_time)
    _identifiers_write(submission.pk, items, first_time=first_time)
    reasons = _reasons(items, _candidates(submission.pk, items))
    _links_write(submission.pk, reasons, now, first_time=first_time)
    return len(reasons)


DECISION_ACTIONS = {
    Decision.CONFIRMED: Action.LINK_CONFIRMED,
    Decision.NOT_SAME: Action.LINK_REJECTED,
}


@transaction.atomic
def link_decide(*, link_id: uuid.UUID | str, user, decision: str) -> Link:
    """A handler says a close name match is the same person (confirmed) or not ("not the same":
    that reason is hidden from then on on both panels, and a link with nothing else to show
    with it). Recorded on both rows and audited."""
    if decision not in DECISION_ACTIONS:
        raise LinkError("Select whether this is the same person")
    link = (
        Link.objects.select_for_update()
        .select_related("submission", "other")
        .filter(pk=link_id)
        .first()
    )
    if link is None:
        raise LinkError("This link no longer exists: the page was out of date")
    if not link.possible:
        raise LinkError("Only a possible link can be confirmed or marked not the same")
    if link.decision:
        raise LinkError(f"This link was already marked {link.get_decision_display().lower()}")
    now = timezone.now()
    Link.objects.filter(
        Q(submission=link.submission_id, other=link.other_id)
        | Q(submission=link.other_id, other=link.submission_id)
    ).update(decision=decision, decided_by=user, decided_at=now, updated_at=now)
    for one, two in ((link.submission, link.other), (link.other, link.submission)):
        audit_event_record(
            action=DECISION_ACTIONS[decision],
            actor=user,
            submission=one,
            object_type="link",
            object_id=link.pk,
            details={"linked": two.reference},
        )
    link.refresh_from_db()
    return link


def links_view_record(*, submission: Submission, links: list[Link], user) -> None:
    """Showing one submission's links beside it is "combination" (DPA 2018 s.62): recorded
    like a view, with what was combined. Nothing is recorded when there was nothing to show."""
    if not links:
        return
    audit_event_record(
        action=Action.LINKS_VIEWED,
        actor=user,
        submission=submission,
        object_type="submission",
        object_id=submission.pk,
        details={"linked": [link.other.reference for link in links]},
    )


def links_index_pending(
    *, ids: list | None = None, limit: int | None = None, everything: bool = False
) -> int:
    """Index the submissions never indexed (of `ids`, when given), oldest first; return how
    many. For what was written around the model layer (seeding) or while the broker was down.
    `everything`: every submission again (decisions on links are kept)."""
    pending = Submission.objects.order_by("created_at")
    if not everything:
        pending = pending.filter(link_index__isnull=True)
    if ids is not None:
        pending = pending.filter(pk__in=ids)
    done = 0
    for submission_id in pending.values_list("pk", flat=True)[:limit].iterator():
        submission_links_index(submission_id=submission_id)
        done += 1
    return done
