"""Scrubbing a source out of its submission's free text before the source's details are blanked.

Blanking the Source row is not enough: professionals sign what they write ("Regards, Jo Quilliam,
DSL, Hilltop Primary, 07700 900123"), the provenance says how they know, and handlers' notes and
assessments quote both. So, while the source's identity can still be read, the sanitiser is run
over every free-text field of the submission and of everything hanging off it, and only then is
the source blanked. The sanitiser removes the source and keeps the subject information (names of
people at risk and suspects, places, vehicles, suspects' numbers), so the record stays useful.

Fields that are identifiers of the subject rather than prose (a subject's or suspect's name, a
vehicle's make, model, colour and registration, dates) are left as they are, as the log copies
them: the sanitiser would only ever remove a subject who shares the source's surname there.

Everything for one batch of sources is read, sanitised and written in one transaction, and the
sources are blanked (purged_at set) in that same transaction. A run that stops part way leaves
each source either scrubbed and blanked or untouched, so the next run finishes the job; a source
once blanked is never picked up again, so a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, TextField
from django.db.models.functions import Cast

from cpi.crypto import DecryptionError, EncryptedTextField, decrypt_str
from intelligence.models import IntelligenceLog
from sanitiser import SourceIdentity, sanitise_source
from submissions.identity import source_identity, source_token_annotations, tokens_from_row
from submissions.models import PersonOfConcern, Place, Source, Subject, Submission, Vehicle
from triage.models import Assessment, Note, SourceReveal

# Every free-text field written by the professional or by staff about one submission. Not here,
# on purpose: a subject's and a suspect's name and a vehicle's make, model, colour and registration
# (see the module docstring), and the Source itself (blanked outright).
TEXT_FIELDS: dict[type[Model], tuple[str, ...]] = {
    # provenance holds one of the Provenance choices; it is a free text column all the same.
    Submission: ("information", "when_description", "provenance", "provenance_detail"),
    Subject: ("address", "setting", "description"),
    PersonOfConcern: ("nicknames", "description", "phone_numbers", "social_media"),
    Place: ("name", "address", "description"),
    Vehicle: ("description",),
    Assessment: (
        "handling_conditions",
        "log_text",
        "crime_summary",
        "tasking_note",
        "referral_reason",
        "no_action_rationale",
        "review_comment",
    ),
    Note: ("text",),
    SourceReveal: ("reason",),
    IntelligenceLog: ("text", "handling_conditions"),
}
# The log's frozen copies of those lists (built by intelligence.services), by JSON key: every
# text value is scrubbed (the gate checks every one) except the same identifiers as above.
LOG_ITEM_KEPT = {
    "subjects": {"name", "date_of_birth"},
    "persons_of_concern": {"name"},
    "places": set(),
    "vehicles": {"make", "model", "colour", "registration"},
}


@dataclass
class Change:
    """New values for some fields of one row (only the fields whose text changed)."""

    model: type[Model]
    pk: Any
    values: dict[str, Any]
    texts: int  # how many pieces of text were rewritten (a JSON list counts each value)


@dataclass
class ScrubPlan:
    """What scrubbing one batch of sources would write."""

    source_ids: list[Any] = field(default_factory=list)  # readable: scrub, then blank
    submission_ids: list[Any] = field(default_factory=list)
    unreadable: int = 0  # sources (or their submission's text) no key could decrypt: left alone
    changes: list[Change] = field(default_factory=list)

    @property
    def texts(self) -> int:
        return sum(change.texts for change in self.changes)


def _decrypted(token: str | None) -> str:
    return decrypt_str(token) if token else ""


def source_identities(source_ids: Iterable[Any], *, lock: bool) -> dict[Any, tuple[Any, Any]]:
    """{submission id: (source id, SourceIdentity)} for the sources still to purge, plus
    {submission id: (source id, None)} for those no key can decrypt.

    The ciphertext is read raw (a Cast skips the field's converter) and decrypted per source, so
    one unreadable source does not stop the batch. With `lock`, the rows are locked until the
    transaction ends: a concurrent run waits, then finds them purged and skips them.
    """
    rows = Source.objects.filter(pk__in=list(source_ids), purged_at__isnull=True)
    if lock:
        rows = rows.select_for_update()
    found: dict[Any, tuple[Any, Any]] = {}
    # The export gate's reading of a source: raw ciphertext, decrypted per source.
    for row in rows.values("pk", "submission_id", **source_token_annotations(path="")):
        try:
            identity = source_identity(tokens_from_row(row))
        except DecryptionError:
            identity = None
        found[row["submission_id"]] = (row["pk"], identity)
    return found


def _rows(model: type[Model], fields: tuple[str, ...], submission_ids: list[Any]):
    """(submission id, row) for every row of `model` hanging off these submissions, with its text
    fields decrypted where they are encrypted.

    An undecryptable value comes back as a DecryptionError instance rather than raising, so the
    caller can leave that one submission alone.
    """
    link = "pk" if model is Submission else "submission_id"
    encrypted = [
        name for name in fields if isinstance(model._meta.get_field(name), EncryptedTextField)
    ]
    plain = [name for name in fields if name not in encrypted]
    if model is IntelligenceLog:
        plain += list(LOG_ITEM_KEPT)
    raw = {f"raw_{name}": Cast(name, output_field=TextField()) for name in encrypted}
    queryset = model.objects.filter(**{f"{link}__in": submission_ids}).order_by("pk")
    columns = ["pk", *plain] if link == "pk" else ["pk", link, *plain]
    for row in queryset.values(*columns, **raw):
        for name in encrypted:
            try:
                row[name] = _decrypted(row.pop(f"raw_{name}"))
            except DecryptionError as exc:
                row[name] = exc
        yield row[link], row


def _clean(value: Any, identity: SourceIdentity) -> Any:
    if not isinstance(value, str) or not value.strip():
        return value
    return sanitise_source(value, identity).text


def _clean_items(items: Any, kept: set[str], identity: SourceIdentity) -> tuple[Any, int]:
    """A log's JSON list with its text values sanitised (but those under `kept`), and how many
    changed."""
    if not isinstance(items, list):
        return items, 0
    changed = 0
    cleaned = []
    for item in items:
        if isinstance(item, dict):
            item = dict(item)
            for key, value in list(item.items()):
                new = value if key in kept else _clean(value, identity)
                if new != value:
                    item[key] = new
                    changed += 1
        cleaned.append(item)
    return cleaned, changed


def scrub_plan(source_ids: Iterable[Any], *, lock: bool = False) -> ScrubPlan:
    """Read one batch of sources and everything written about their submissions, and work out
    the sanitised text. Writes nothing."""
    identities = source_identities(source_ids, lock=lock)
    plan = ScrubPlan()
    unreadable = {sid for sid, (_, identity) in identities.items() if identity is None}
    changes_by_submission: dict[Any, list[Change]] = {}
    submission_ids = list(identities)
    for model, fields in TEXT_FIELDS.items():
        for submission_id, row in _rows(model, fields, submission_ids):
            if submission_id in unreadable:
                continue
            if any(isinstance(row[name], DecryptionError) for name in fields):
                unreadable.add(submission_id)
                continue
            identity = identities[submission_id][1]
            values, texts = {}, 0
            for name in fields:
                new = _clean(row[name], identity)
                if new != row[name]:
                    values[name] = new
                    texts += 1
            if model is IntelligenceLog:
                for key, kept in LOG_ITEM_KEPT.items():
                    new, changed = _clean_items(row[key], kept, identity)
                    if changed:
                        values[key] = new
                        texts += changed
            if values:
                changes_by_submission.setdefault(submission_id, []).append(
                    Change(model, row["pk"], values, texts)
                )
    for submission_id, (source_id, _) in identities.items():
        if submission_id in unreadable:
            plan.unreadable += 1
            continue
        plan.source_ids.append(source_id)
        plan.submission_ids.append(submission_id)
        plan.changes.extend(changes_by_submission.get(submission_id, []))
    return plan


def scrub_apply(plan: ScrubPlan) -> None:
    """Write the sanitised text. Straight to the table (update()), so nothing is read back or
    passed to the change log's signals; the caller has the change log switched off as well."""
    for change in plan.changes:
        change.model.objects.filter(pk=change.pk).update(**change.values)
    # A clearance vouched for the log against a source that is about to be blanked; the gate
    # refuses a purged source's log first anyway, so drop the stale digest with it.
    IntelligenceLog.objects.filter(submission_id__in=plan.submission_ids).update(gate_clearance="")
