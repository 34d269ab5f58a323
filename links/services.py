"""Writes for linked submissions: building one submission's index entries and its links, a
handler's decision on a possible link, and the record that links were shown (combination)."""

from __future__ import annotations

import json
import uuid
import zlib
from collections import defaultdict, namedtuple
from datetime import date, datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from audit.models import Action
from audit.services import audit_event_record
from cpi.errors import DomainError
from links import matching
from links.extract import Extracted, extract
from links.models import Decision, Identifier, IndexState, Link
from submissions.identity import SOURCE_FIELDS, identity_for_submission
from submissions.models import Submission


class LinkError(DomainError):
    pass


LOCK_BUCKETS = 512


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
# `arm`: which of the query's arms found it (see _candidate_arms).
Candidate = namedtuple("Candidate", ("arm", *CANDIDATE_FIELDS))


# One arm per identifier, each under its own limit, so that nothing shared by thousands is read
# in full and nothing crowds out anything else; SQLite allows no LIMIT in a UNION's arm unwrapped.
_CANDIDATE_ARM = (
    "SELECT * FROM (SELECT {arm} AS arm, {fields} FROM links_identifier WHERE submission_id <> %s "
    "AND {wanted} LIMIT {limit}) AS arm{arm}"
)
_KEY = "kind = %s AND value = %s"
# A year of birth that cannot agree rules a namesake out in the index.
_AGED = " AND (birth_year IS NULL OR birth_year BETWEEN %s AND %s)"
_NAME = "kind = 'person' AND value = %s"
_CLOSE = "kind = 'person' AND block = %s AND value <> %s"


def _candidate_arms(items: list[Extracted]) -> list[tuple[str, list]]:
    """(condition, values) per arm: arm 2i holds the submissions sharing items[i] exactly (at
    most COMMON_AT + 1 of them: one more says it is common), arm 2i + 1 a person's close names
    (the same block, a year that can agree). Arms that read nothing are empty strings."""
    arms: list[tuple[str, list]] = []
    for item in items:
        if item.kind != "person":
            arms += [(_KEY, [item.kind, item.value]), ("", [])]
            continue
        aged = [] if item.birth_year is None else [item.birth_year - 2, item.birth_year + 2]
        exact = (_NAME + (_AGED if aged else ""), [item.value, *aged])
        close = (_CLOSE + (_AGED if aged else ""), [item.block, item.value, *aged])
        arms += [exact, close if item.block else ("", [])]
    return arms


def _candidates_read(
    submission_id: uuid.UUID, items: list[Extracted], *, before: list[Statement]
) -> list[Candidate]:
    """Entries of other submissions that may match, in one query of an arm per identifier (see
    _candidate_arms), each served by an index. Written as SQL, not built from Q objects:
    compiling those cost more than the query."""
    sql, params = [], []
    for number, (wanted, values) in enumerate(_candidate_arms(items)):
        if not wanted:
            continue
        limit = matching.COMMON_AT + 1 if number % 2 == 0 else matching.CLOSE_NAME_CANDIDATES
        sql.append(
            _CANDIDATE_ARM.format(
                arm=number, fields=", ".join(CANDIDATE_FIELDS), wanted=wanted, limit=limit
            )
        )
        params += [_db_value(submission_id), *values]
    if not sql:
        _statements_run(before)
        return []
    # Only the code's own fragments are joined in; every value is a parameter.
    rows = _statements_run([*before, (" UNION ALL ".join(sql), params)])
    if connection.features.has_native_uuid_field:
        return [Candidate(*row) for row in rows]
    return [Candidate(row[0], uuid.UUID(row[1]), *row[2:]) for row in rows]


def _reasons(items: list[Extracted], candidates: list[Candidate]) -> tuple[dict, list[Extracted]]:
    """({other submission id: [Reason]} for every link found, [common identifiers]). A common
    identifier links nobody; a common name's close spellings are as common, and link nobody
    either."""
    arms: dict = defaultdict(list)
    for row in candidates:
        arms[row.arm].append(row)
    common = [item for n, item in enumerate(items) if len(arms[2 * n]) > matching.COMMON_AT]
    reasons: dict = defaultdict(list)
    for n, mine in enumerate(items):
        if mine in common:
            continue
        for theirs in arms[2 * n] + arms[2 * n + 1]:
            if mine.kind == "person":
                reason = matching.person_reason(mine, theirs)
            else:
                reason = matching.key_reason(mine, theirs)
            if reason is not None:
                reasons[theirs.submission_id].append(reason)
    found = {other: mine for other, mine in reasons.items() if matching.is_link(mine)}
    return found, common


def _strongest(found: dict) -> tuple[dict, list]:
    """The LINKS_KEPT links to write, strongest first as the panel orders them (sure before
    possible, then strength; ties by the other's id, so a second run keeps the same ones), and
    the ids of the others found but not kept."""
    ranked = sorted(found.items(), key=lambda pair: (*matching.rank(pair[1]), str(pair[0])))
    kept = dict(ranked[: matching.LINKS_KEPT])
    return kept, [other for other, _reasons in ranked[matching.LINKS_KEPT :]]


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


Statement = tuple[str, list]


def _rows_insert(
    model, columns: tuple[str, ...], rows: list[tuple], *, conflict: str = ""
) -> list[Statement]:
    """Statements inserting plain rows (UUIDs, datetimes, lists for JSON, plain values).
    PostgreSQL: one, with the rows as one JSON parameter, so its text never changes and no
    value is quoted one by one. Elsewhere (SQLite): multi-row VALUES under the parameter cap."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    # Table and column names are the code's own constants; every value is a parameter.
    table, names = quote(model._meta.db_table), ", ".join(map(quote, columns))
    if connection.vendor == "postgresql":
        records = [dict(zip(columns, row, strict=True)) for row in rows]
        sql = (
            f"INSERT INTO {table} ({names}) SELECT {names} "  # noqa: S608
            f"FROM json_populate_recordset(NULL::{table}, %s::json){conflict}"
        )
        return [(sql, [json.dumps(records, default=str)])]
    rows = [tuple(map(_db_value, row)) for row in rows]
    batch = max(1, connection.features.max_query_params // len(columns))
    one_row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    return [
        (
            f"INSERT INTO {table} ({names}) VALUES "  # noqa: S608
            + ", ".join([one_row] * len(rows[start : start + batch]))
            + conflict,
            [value for row in rows[start : start + batch] for value in row],
        )
        for start in range(0, len(rows), batch)
    ]


def _db_value(value):
    """A parameter as Django stores it where it has no native type (SQLite): UUIDs as 32 hex
    digits, datetimes as text, JSON as text."""
    if connection.vendor == "postgresql":
        return value
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, list):
        return json.dumps(value)
    return value


def _statements_run(statements: list[Statement]) -> list[tuple]:
    """Run the statements in order; return the last one's rows. PostgreSQL with client-side
    binding (Django's default): all in one round trip, as one simple query; each statement
    still takes its own snapshot, so a read placed after a lock sees what the lock waited for."""
    statements = [statement for statement in statements if statement]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.settings_dict.get(
            "OPTIONS", {}
        ).get("server_side_binding"):
            cursor.execute(
                "; ".join(sql for sql, _params in statements),
                [value for _sql, params in statements for value in params],
            )
            while cursor.nextset():  # to the last statement's result
                pass
        else:
            for sql, params in statements:
                cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def _lock_statement(keys: list[str]) -> list[Statement]:
    """PostgreSQL: one transaction-level lock per key, in a fixed order, so two submissions
    sharing a key that are indexed at once see each other (the second waits for the first).
    Keys fall into LOCK_BUCKETS locks: a transaction that indexes many submissions (seeding,
    a test) then holds at most that many, within PostgreSQL's shared lock table; two keys
    sharing a bucket only wait for each other."""
    if connection.vendor != "postgresql" or not keys:
        return []  # SQLite lets one writer in at a time
    ids = sorted({zlib.crc32(key.encode()) % LOCK_BUCKETS for key in keys})
    # Taken in the order of the sorted array, so no two workers deadlock.
    return [
        (
            "SELECT pg_advisory_xact_lock(k) FROM unnest(%s::bigint[]) WITH ORDINALITY AS t(k, n) "
            "ORDER BY n",
            [ids],
        )
    ]


def _index_statements(submission_id: uuid.UUID, items: list[Extracted], now) -> list[Statement]:
    """Record the submission as indexed and replace its entries. The index state's row also
    makes a second run of the same submission at once (a task delivered twice) wait until the
    first has committed; it then removes the first's entries before writing its own."""
    key = _db_value(submission_id)
    return [
        # Not capped until this run finds more than it keeps (a run that keeps everything it
        # finds has written every link that holds, the ones others left out included).
        *_rows_insert(
            IndexState,
            ("submission_id", "indexed_at", "capped"),
            [(submission_id, now, False)],
            conflict=" ON CONFLICT (submission_id) DO UPDATE SET indexed_at = excluded.indexed_at,"
            " capped = excluded.capped",
        ),
        ("DELETE FROM links_identifier WHERE submission_id = %s", [key]),
        *_rows_insert(
            Identifier,
            IDENTIFIER_COLUMNS,
            [(submission_id, *entry.values()) for entry in _entries(items)],
        ),
    ]


def _links_statements(
    submission_id: uuid.UUID, kept: dict, *, found: list, dropped: list, now
) -> list[Statement]:
    """Both rows of every link kept; a row is rewritten only when it changed. A link that no
    longer holds goes unless a handler decided on it (their word is kept); one that still holds
    but was not kept this time stays (the other side may have kept it). Both ends of a link
    found but not kept are marked capped."""
    rows = []
    for other_id, reasons in kept.items():
        for one, two, side in (
            (submission_id, other_id, reasons),
            (other_id, submission_id, [r.mirrored() for r in reasons]),
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
    key = _db_value(submission_id)
    holding = [_db_value(other_id) for other_id in found]
    # Links of this submission to any other not found this time (none the first time).
    listed = ", ".join(["%s"] * len(holding)) or "NULL"
    stale = (
        "DELETE FROM links_link WHERE decision = '' AND ("  # noqa: S608
        f"(submission_id = %s AND other_id NOT IN ({listed})) "
        f"OR (other_id = %s AND submission_id NOT IN ({listed})))"
    )
    if not holding:
        stale = (
            "DELETE FROM links_link WHERE decision = '' AND (submission_id = %s OR other_id = %s)"
        )
    statements = [
        *_rows_insert(Link, LINK_COLUMNS, rows, conflict=LINK_UPSERT),
        (stale, [key, *holding, key, *holding]),
    ]
    if dropped:
        ends = [key, *(_db_value(other_id) for other_id in dropped)]
        statements.append(
            (
                "UPDATE links_indexstate SET capped = TRUE WHERE NOT capped "  # noqa: S608
                f"AND submission_id IN ({', '.join(['%s'] * len(ends))})",
                ends,
            )
        )
    return statements


# What extraction reads of a submission's people, places and vehicles, all four tables in one
# query of fixed text (four prefetches cost four round trips and the ORM's compiling of each).
Part = namedtuple(
    "Part",
    "kind position created_at name date_of_birth approximate_age address nicknames "
    "phone_numbers social_media registration description",
)
_PARTS_SQL = (
    "SELECT 'subject', position, created_at, name, date_of_birth, approximate_age, address, "
    "NULL, NULL, NULL, NULL, description FROM submissions_subject WHERE submission_id = %s "
    "UNION ALL SELECT 'person', position, created_at, name, NULL, NULL, NULL, nicknames, "
    "phone_numbers, social_media, NULL, description FROM submissions_personofconcern "
    "WHERE submission_id = %s "
    "UNION ALL SELECT 'place', position, created_at, name, NULL, NULL, address, NULL, NULL, NULL, "
    "NULL, description FROM submissions_place WHERE submission_id = %s "
    "UNION ALL SELECT 'vehicle', position, created_at, NULL, NULL, NULL, NULL, NULL, NULL, NULL, "
    "registration, description FROM submissions_vehicle WHERE submission_id = %s "
    "ORDER BY 1, 2, 3"
)
# The source's identifying fields (to leave them out) and nothing else of theirs: not how they
# know, not when to call them.
_SUBMISSION_FIELDS = (
    "id",
    "created_at",
    "information",
    "when_description",
    "source__purged_at",
    *(f"source__{name}" for name in SOURCE_FIELDS),
)


def _submission_load(submission_id) -> tuple[Submission, dict[str, list[Part]]] | None:
    """The submission (with its source, for the identity) and its parts by kind, in two
    queries; None when it is gone."""
    submission = (
        Submission.objects.filter(pk=submission_id)
        .select_related("source")
        .only(*_SUBMISSION_FIELDS)
        .first()
    )
    if submission is None:
        return None
    parts: dict[str, list[Part]] = {"subject": [], "person": [], "place": [], "vehicle": []}
    key = _db_value(submission.pk)
    with connection.cursor() as cursor:
        cursor.execute(_PARTS_SQL, [key] * 4)
        for row in cursor.fetchall():
            part = Part(*row)
            if isinstance(part.date_of_birth, str):  # SQLite hands dates back as text
                part = part._replace(date_of_birth=date.fromisoformat(part.date_of_birth))
            parts[part.kind].append(part)
    return submission, parts


@transaction.atomic
def submission_links_index(*, submission_id: uuid.UUID | str) -> int:
    """(Re)build one submission's index entries and its links both ways, the LINKS_KEPT
    strongest; return how many submissions it was found to share details with (kept or not).
    Idempotent: a second run writes the same rows, and a handler's decision on a link survives
    it."""
    loaded = _submission_load(submission_id)
    if loaded is None:  # erased before its task ran
        return 0
    submission, parts = loaded
    items = extract(
        submission,
        parts["subject"],
        parts["person"],
        parts["place"],
        parts["vehicle"],
        identity_for_submission(submission),
    )
    now = timezone.now()
    # One round trip on PostgreSQL: the locks, then the writes, then the read of candidates,
    # which sees every submission sharing a key that was indexed while it waited.
    candidates = _candidates_read(
        submission.pk,
        items,
        before=[*_lock_statement(_lock_keys(items)), *_index_statements(submission.pk, items, now)],
    )
    found, _common = _reasons(items, candidates)
    kept, dropped = _strongest(found)
    _statements_run(
        _links_statements(submission.pk, kept, found=list(found), dropped=dropped, now=now)
    )
    return len(found)


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
