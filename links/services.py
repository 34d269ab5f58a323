"""Writes for linked submissions: building one submission's index entries and its links, a
handler's decision on a possible link, and the record that links were shown (combination)."""

from __future__ import annotations

import uuid
import zlib
from collections import defaultdict

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


def _candidates(submission_id, items: list[Extracted]) -> list:
    """Entries of other submissions that may match: exact keys, strong and weak kinds apart
    (so a nickname shared by thousands cannot crowd out a shared plate), and people found by
    their name's block whose year of birth can agree."""
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
    found: list = []
    for wanted, limit in (
        (strong, EXACT_CANDIDATES),
        (weak, WEAK_CANDIDATES),
        (people, PERSON_CANDIDATES),
    ):
        if wanted:
            rows = Identifier.objects.filter(wanted).exclude(submission_id=submission_id)
            found += list(rows.values_list(*CANDIDATE_FIELDS, named=True)[:limit])
    return found


def _reasons(items: list[Extracted], candidates: list[Identifier]) -> dict:
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


def _identifiers_replace(
    submission: Submission, items: list[Extracted], *, first_time: bool
) -> None:
    if not first_time:
        Identifier.objects.filter(submission=submission).delete()
    Identifier.objects.bulk_create(identifier_rows(submission.pk, items))


def identifier_rows(submission_id, items: list[Extracted]) -> list[Identifier]:
    """Index rows (unsaved) for one submission's extracted identifiers."""
    return [
        Identifier(
            submission_id=submission_id,
            kind=item.kind,
            value=item.value[:200],
            shown=item.shown[:200],
            origin=item.origin,
            birth_year=item.birth_year,
            birth_year_exact=item.birth_year_exact,
            block=item.block,
        )
        for item in items
    ]


def _links_write(submission: Submission, reasons: dict, *, first_time: bool) -> None:
    """Both rows of every link found; a row is rewritten only when it changed, and a link that
    no longer holds goes unless a handler decided on it (their word is kept)."""
    existing = {}
    if not first_time:
        existing = {
            (link.submission_id, link.other_id): link
            for link in Link.objects.filter(Q(submission=submission) | Q(other=submission))
        }
    keep: set = set()
    to_create: list[Link] = []
    to_update: list[Link] = []
    now = timezone.now()
    for other_id, found in reasons.items():
        for pair, side in (
            ((submission.pk, other_id), found),
            ((other_id, submission.pk), [r.mirrored() for r in found]),
        ):
            found_here = matching.combined(side)
            keep.add(pair)
            values = {
                "strength": found_here.strength,
                "reasons": found_here.texts,
                "sure": found_here.sure,
                "possible": found_here.possible,
            }
            link = existing.get(pair)
            if link is None:
                to_create.append(Link(submission_id=pair[0], other_id=pair[1], **values))
            elif any(getattr(link, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(link, name, value)
                link.updated_at = now  # bulk_update does not stamp auto_now fields
                to_update.append(link)
    Link.objects.bulk_create(to_create)
    if to_update:
        Link.objects.bulk_update(
            to_update, ["strength", "sure", "possible", "reasons", "updated_at"]
        )
    stale = [
        link.pk
        for pair, link in existing.items()
        if pair not in keep and link.decision == Decision.UNDECIDED
    ]
    if stale:
        Link.objects.filter(pk__in=stale).delete()


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
    _locks_take(_lock_keys(items))
    _identifiers_replace(submission, items, first_time=first_time)
    reasons = _reasons(items, _candidates(submission.pk, items))
    _links_write(submission, reasons, first_time=first_time)
    IndexState.objects.bulk_create(
        [IndexState(submission=submission, indexed_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["submission"],
        update_fields=["indexed_at"],
    )
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
