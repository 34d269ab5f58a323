"""Reads for linked submissions: one submission's panel, the queue's counts, and the search
"everything linked to" a plate, phone, handle or name."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from links import normalise
from links.models import Decision, Identifier, Link

# A panel longer than this is read as "many": the strongest are shown, the count says the rest.
PANEL_LIMIT = 50

# Nothing certain links them yet: a close name no handler has confirmed.
_UNSURE = Q(sure=False) & ~Q(decision=Decision.CONFIRMED)
# A close name marked not the same, and nothing else shared: never shown again.
_HIDDEN = Q(sure=False, decision=Decision.NOT_SAME)


def linked_submissions(submission) -> list[Link]:
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
        .order_by("unsure", "-strength", "other__created_at")[:PANEL_LIMIT]
    )


def link_counts(submission_ids: Iterable) -> dict:
    """submission id -> (linked, of which possible), for a page of the queue, in one query."""
    rows = (
        Link.objects.filter(submission_id__in=list(submission_ids))
        .exclude(_HIDDEN)
        .order_by()
        .values("submission_id")
        .annotate(linked=Count("id"), possible=Count("id", filter=_UNSURE))
    )
    return {row["submission_id"]: (row["linked"], row["possible"]) for row in rows}


def links_count_attach(rows: list) -> list:
    """Give each queue row `.linked_count` and `.possible_count` (one query for the page)."""
    counts = link_counts(row.pk for row in rows)
    for row in rows:
        row.linked_count, row.possible_count = counts.get(row.pk, (0, 0))
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
