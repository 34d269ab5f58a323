"""The export gate: the one place that decides whether a sanitised log may leave the unit.

Every way a log leaves (CSV and JSON exports, the printable page, the Django admin) asks
`release_check` (or `log_release_check` for a single log) and uses only the record it hands back.
The record is built here too, so what is checked is exactly what is released.

The check is the gate's own, not the sanitiser's proposal run again: `sanitiser.screen`, a simple
high-recall screen over a normalised text (full-width and look-alike letters, zero-width and
combining marks, leetspeak and spaced-out letters undone) for every token of the source's name,
their email, the subscriber digits of their phone and the distinctive words of their
organisation. Two checks that fail differently are safer than one clever one: a leak must get
past both. It runs over every free-text part of the record against the log's own source, decrypted
for the purpose. A hit is let through only inside a subject's or a person of concern's name or
nickname as the record carries it, or inside a phrase the handler kept as a subject's (the log's
`kept_phrases`, which are not exported). It fails closed: a source that cannot be read (missing,
purged, undecryptable) refuses the record, because the gate cannot show it is clean. A refusal
says which kinds of identifier it found, never what they were.

A full check costs a fraction of a millisecond; a 100,000-log export must take seconds. So a
passing check leaves a keyed digest (HMAC with the SECRET_KEY) over the sanitiser's code (the screen
included), the log's id, the source's stored ciphertext, the exact record and the kept phrases.
When all of those are unchanged the result of the check cannot differ, so the digest stands in for
it; any change (a log edited in the database, a kept phrase added, the source changed or re-keyed,
a new screen) makes the digest stale and the full check runs.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

import sanitiser
from cpi.crypto import DecryptionError
from intelligence.models import IntelligenceLog
from submissions.identity import (
    SourceTokens,
    allowed_phrases,
    identifier_reasons,
    source_identity,
    source_token_annotations,
    tokens_from_row,
)
from submissions.models import Category
from triage.grading import HandlingCode, IntelligenceAssessment, SourceEvaluation, grading

# What the exporter selects for each log: the log's own fields, then the source's stored tokens
# (ciphertext: decrypted only when a full check has to run).
LOG_FIELDS = (
    "id",
    "reference",
    "created_at",
    "approved_at",
    "review_date",
    "evaluation",
    "assessment",
    "handling_code",
    "handling_conditions",
    "categories",
    "subjects",
    "persons_of_concern",
    "places",
    "vehicles",
    "text",
    # Checked with, never exported: what the handler kept as a subject's.
    "kept_phrases",
    "gate_clearance",
)
_CLEARANCE_SALT = "intelligence.gate.clearance"

NO_SOURCE = "source record missing, so the log cannot be re-checked"
SOURCE_PURGED = "source details purged, so the log cannot be re-checked"
SOURCE_UNREADABLE = "source details could not be decrypted, so the log cannot be re-checked"


@dataclass(frozen=True)
class GateResult:
    """The gate's answer for one log. `record` is what may leave, and only when allowed."""

    reference: str
    allowed: bool
    reasons: tuple[str, ...] = ()
    record: dict[str, Any] | None = None
    # The digest to store when a full check passed on a stale or missing one.
    new_clearance: str = ""

    @property
    def reason_text(self) -> str:
        return "; ".join(self.reasons)


@lru_cache(maxsize=1)
def sanitiser_fingerprint() -> str:
    """A hash of the sanitiser's code: a new sanitiser invalidates every earlier clearance."""
    digest = hashlib.sha256()
    for path in sorted(Path(sanitiser.__file__).parent.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- The released record ----------------------------------------------------------------------
def _iso(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _label(choices, value: str) -> str:
    try:
        return choices(value).label
    except ValueError:
        return value


def release_record(values: Mapping[str, Any]) -> dict[str, Any]:
    """The exported form of one log. Nothing about the submission or its source is in it."""
    return {
        "reference": values["reference"],
        "created_at": _iso(values["created_at"]),
        "approved_at": _iso(values["approved_at"]),
        "review_date": _iso(values["review_date"]),
        "grading": grading(values["evaluation"], values["assessment"], values["handling_code"]),
        "source_evaluation": _label(SourceEvaluation, values["evaluation"]),
        "intelligence_assessment": _label(IntelligenceAssessment, values["assessment"]),
        "handling_code": _label(HandlingCode, values["handling_code"]),
        "handling_conditions": values["handling_conditions"] or "",
        "categories": [_label(Category, value) for value in values["categories"] or []],
        "subjects": list(values["subjects"] or []),
        "persons_of_concern": list(values["persons_of_concern"] or []),
        "places": list(values["places"] or []),
        "vehicles": list(values["vehicles"] or []),
        "text": values["text"],
    }


def _free_text(record: Mapping[str, Any]) -> Iterable[str]:
    """Every piece of text in the record a source identifier could hide in."""
    yield record["text"]
    yield record["handling_conditions"]
    for key in ("subjects", "persons_of_concern", "places", "vehicles"):
        for item in record[key]:
            for value in item.values():
                if isinstance(value, str) and value:
                    yield value


# --- The check ---------------------------------------------------------------------------------
def clearance_digest(
    log_id: Any, tokens: SourceTokens, record: Mapping[str, Any], kept: Iterable[str] = ()
) -> str:
    material = json.dumps(
        [sanitiser_fingerprint(), str(log_id), tokens.tokens, record, list(kept)],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return salted_hmac(
        _CLEARANCE_SALT, material, secret=settings.SECRET_KEY, algorithm="sha256"
    ).hexdigest()


def release_check(
    *, log_id: Any, values: Mapping[str, Any], tokens: SourceTokens, clearance: str = ""
) -> GateResult:
    """The gate itself. `values` holds the log's LOG_FIELDS; `tokens` its source's ciphertext.

    Only the screen decides: the sanitiser's own detector made the proposal, and a check that
    shared it would share its blind spots."""
    record = release_record(values)
    kept = list(values.get("kept_phrases") or [])
    reference = record["reference"]
    if not tokens.exists:
        return GateResult(reference, False, (NO_SOURCE,))
    if tokens.purged:
        return GateResult(reference, False, (SOURCE_PURGED,))
    digest = clearance_digest(log_id, tokens, record, kept)
    if clearance and constant_time_compare(clearance, digest):
        return GateResult(reference, True, record=record)
    try:
        identity = source_identity(tokens)
    except DecryptionError:
        return GateResult(reference, False, (SOURCE_UNREADABLE,))
    allowed = allowed_phrases(record["subjects"], record["persons_of_concern"], kept)
    reasons = identifier_reasons(_free_text(record), identity, allowed=allowed)
    if reasons:
        return GateResult(reference, False, reasons)
    return GateResult(reference, True, record=record, new_clearance=digest)


def log_release_check(log) -> GateResult:
    """The gate for one IntelligenceLog instance (printable page, admin, service checks).

    Reads the log's fields and its source's tokens fresh from the database, so a stale instance
    can never be released on the strength of what it held in memory.
    """
    row = (
        IntelligenceLog.objects.filter(pk=log.pk)
        .values(*LOG_FIELDS, **source_token_annotations())
        .first()
    )
    if row is None:
        return GateResult(log.reference, False, ("log not found",))
    result = release_check(
        log_id=row["id"], values=row, tokens=tokens_from_row(row), clearance=row["gate_clearance"]
    )
    if result.new_clearance:
        IntelligenceLog.objects.filter(pk=log.pk).update(gate_clearance=result.new_clearance)
    return result
