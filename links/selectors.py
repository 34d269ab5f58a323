"""Reads for linked submissions: one submission's panel, the queue's counts, and the search
"everything linked to" a plate, phone, handle or name."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from links import matching, normalise
from links.models import Decision, Identifier, Kind, Link

# A panel longer than this is read as "many": the strongest are shown, the count says the rest.
PANEL_LIMIT = 50

# Nothing certain links them yet: a close name no handler has confirmed.
_UNSURE = Q(sure=False) & ~Q(decision=Decision.CONFIRMED)
# A close name marked not the same, and nothing else shared: never shown again.
_HIDDEN = Q(sure=False, decision=Decision.NOT_SAME)


def linked_submissions(submission, limit: int = PANEL_LIMIT) -> list[Link]:
    """The submission's links a handler may see, in one query: sure ones strongest first, then
    the possible ones; "not the same" never again. Each carries the other submission's
    reference, status, outcome and when it arrived."""
    return list(
        Link.objects.filter(submission=submission)
        .exclude(_HIDDEN)
        .annotate(unsure=ExpressionWrapper(_UNSURE, output_field=BooleanField()))
        .select_related("other")
        .only(
            "id",
            "submission_id",
            "strength",
            "sure",
            "possible",
            "reasons",
            "decision",
            "other__reference",
            "other__status",
            "other__outcome",
            "other__created_at",
        )
        .order_by("unsure", "-strength", "other__created_at")[:limit]
    )


@dataclass(frozen=True)
class CommonIdentifier:
    """An identifier of this submission held by more than COMMON_AT others: no links are made
    through it; `term` is what "Everything linked to" searches for ('' where it is too wide)."""

    kind: str
    shown: str
    term: str
    born: str = ""

    @property
    def label(self) -> str:
        """As a handler reads it: "phone +447700900123", "person: Kyle Mendes, born 2011"."""
        if self.kind == "person":
            return f"person: {self.shown}{self.born}"
        return f"{Kind(self.kind).label.lower()} {self.shown}"


@dataclass(frozen=True)
class Panel:
    links: list[Link]
    # More links are kept than the panel shows (the strongest PANEL_LIMIT are).
    more: bool
    # Some submission sharing details with this one is not linked (see IndexState.capped).
    capped: bool
    common: list[CommonIdentifier]

    @property
    def common_at(self) -> int:
        return matching.COMMON_AT


# Whether one of the submission's identifiers is held by more than COMMON_AT others, as
# extraction decides it (a person's name with a year of birth that can agree): the row at that
# offset exists. Served by the (kind, value) index; reads at most COMMON_AT + 1 entries each.
_COMMON_SQL = (
    "SELECT s.capped, i.kind, i.shown, i.birth_year, i.birth_year_exact "
    "FROM links_indexstate s LEFT JOIN links_identifier i "
    "ON i.submission_id = s.submission_id AND EXISTS (SELECT 1 FROM links_identifier j "
    "WHERE j.kind = i.kind AND j.value = i.value AND j.submission_id <> i.submission_id "
    "AND (i.kind <> 'person' OR i.birth_year IS NULL OR j.birth_year IS NULL "
    "OR j.birth_year BETWEEN i.birth_year - 2 AND i.birth_year + 2) LIMIT 1 OFFSET %s) "
    "WHERE s.submission_id = %s ORDER BY i.kind, i.shown"
)
# Searched for by "Everything linked to"; places and nicknames are too wide (as in reasons).
_SEARCHED = frozenset({"registration", "phone", "handle", "email", "postcode", "person"})


def links_panel(submission) -> Panel:
    """What the Linked submissions panel shows, in two queries: the strongest links (one more
    read than shown, to tell whether there are more), and whether the submission's links are
    capped with its identifiers too common to link through."""
    links = linked_submissions(submission, PANEL_LIMIT + 1)
    with connection.cursor() as cursor:
        cursor.execute(_COMMON_SQL, [matching.COMMON_AT, _key(submission.pk)])
        rows = cursor.fetchall()
    return Panel(
        links=links[:PANEL_LIMIT],
        more=len(links) > PANEL_LIMIT,
        capped=any(row[0] for row in rows),
        common=[
            CommonIdentifier(
                kind, shown, shown if kind in _SEARCHED else "", matching.born(year, exact)
            )
            for _capped, kind, shown, year, exact in rows
            if kind
        ],
    )


# Per submission of a queue page: its links a handler may see, the possible ones of those, and
# whether it is capped. From the index state (a capped submission may have no link left), by
# the link table's unique pair index; the submissions' table is not read again.
_COUNTS_SQL = (
    "SELECT s.submission_id, s.capped, COUNT(l.id), "
    "COALESCE(SUM(CASE WHEN NOT l.sure AND l.decision <> 'confirmed' THEN 1 ELSE 0 END), 0) "
    "FROM links_indexstate s LEFT JOIN links_link l ON l.submission_id = s.submission_id "
    "AND (l.sure OR l.decision <> 'not_same') "
    "WHERE s.submission_id IN ({keys}) GROUP BY s.submission_id, s.capped"
)


def link_counts(submission_ids: Iterable) -> dict:
    """submission id -> (linked, of which possible, capped), for a page of the queue, in one
    query. Capped: the count is a floor ("50+")."""
    keys = [_key(pk) for pk in submission_ids]
    if not keys:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_COUNTS_SQL.format(keys=", ".join(["%s"] * len(keys))), keys)
        rows = cursor.fetchall()
    return {
        _uuid(submission_id): (linked, possible, bool(capped))
        for submission_id, capped, linked, possible in rows
    }


def _key(pk):
    """A submission's key as the database takes it (SQLite: 32 hex digits)."""
    return pk if connection.features.has_native_uuid_field else uuid.UUID(str(pk)).hex


def _uuid(value) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def links_count_attach(rows: list) -> list:
    """Give each queue row `.linked_count`, `.possible_count` and `.linked_capped` (one query
    for the page)."""
    counts = link_counts(row.pk for row in rows)
    for row in rows:
        row.linked_count, row.possible_count, row.linked_capped = counts.get(row.pk, (0, 0, False))
    return rows


def identifier_matches(term: str) -> Q:
    """What a search term may be, each kind in its own spelling: a registration, a phone, a
    handle, an email, a postcode, a person's name or a nickname."""
    term = " ".join((term or "").split())
    wanted = Q(pk__in=[])
    found = {
        "registration": normalise.registration(term),
        "phone": normalise.phone(term) if sum(ch.isdigit() for ch in term) >= 9 else "",
        "handle": normalise.handle(term) if term.startswith("@") or "/" in term else "",
        "email": normalise.email(term),
        "postcode": normalise.postcode(term),
    }
    name = normalise.person_name(term)
    if name and not any(found.values()):
        found["person"] = name
        found["nickname"] = name
        found["handle"] = normalise.handle(term)
    for kind, value in found.items():
        if value:
            wanted |= Q(kind=kind, value=value)
    return wanted


def submissions_linked_to(term: str) -> QuerySet:
    """The ids of every submission holding the identifier typed (entered or mentioned)."""
    return Identifier.objects.filter(identifier_matches(term)).values("submission_id")
