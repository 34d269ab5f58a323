"""The source's identity, owned in one place: which fields hold it, their ciphertext as stored,
decrypting them into the SourceIdentity that the sanitiser and the export gate receive, and the
screen's check that a text no longer points to the source.

Every app that protects the source (masking on staff pages, the proposal, the draft check, the
export gate, retention's scrub) reads the identity here, so they all protect the same person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import TextField
from django.db.models.functions import Cast

from cpi.crypto import decrypt_str
from sanitiser import SourceIdentity
from sanitiser.screen import source_hit_kinds
from submissions.models import Source, Submission

# The source's fields that identify them: what the sanitiser and the screen look for.
SOURCE_FIELDS = ("name", "role", "organisation", "email", "phone")
# Everything the Source record holds about them: the identity and when to call them back.
SOURCE_DETAILS = (*SOURCE_FIELDS, "contact_times")

# How the screen's kinds read in a refusal. Never the identifier itself.
KIND_LABELS = {
    "name": "source name",
    "organisation": "source organisation",
    "email": "source email address",
    "phone": "source phone number",
}


def identity_for_submission(submission: Submission) -> SourceIdentity:
    """The source's identifiers, decrypted. An unknown or purged source identifies nothing."""
    try:
        source = submission.source
    except Source.DoesNotExist:
        return SourceIdentity()
    if source.purged_at is not None:
        return SourceIdentity()
    return SourceIdentity(**{name: getattr(source, name) for name in SOURCE_FIELDS})


# --- The stored ciphertext, read without decrypting ---------------------------------------------
@dataclass
class SourceTokens:
    """The source's stored ciphertext for one record, as read from the database."""

    exists: bool
    purged: bool = False
    tokens: dict[str, str] = field(default_factory=dict)


def source_identity(tokens: SourceTokens) -> SourceIdentity:
    """Decrypt the source's identifiers (raises DecryptionError when no key can read them)."""
    plain = {name: decrypt_str(token) if token else "" for name, token in tokens.tokens.items()}
    return SourceIdentity(**plain)


def tokens_from_row(row: Mapping[str, Any]) -> SourceTokens:
    """SourceTokens from a row selected with `source_token_annotations()`."""
    if row.get("source_id") is None:
        return SourceTokens(exists=False)
    return SourceTokens(
        exists=True,
        purged=row.get("source_purged_at") is not None,
        tokens={name: row[f"source_{name}"] or "" for name in SOURCE_FIELDS},
    )


def source_token_annotations(path: str = "submission__source__") -> dict[str, Any]:
    """Select the source's raw ciphertext: a Cast to text skips the decrypting converter.

    `path` leads from the queried model to the Source ("source__" from a Submission).
    """
    annotations: dict[str, Any] = {
        f"source_{name}": Cast(f"{path}{name}", output_field=TextField()) for name in SOURCE_FIELDS
    }
    annotations["source_id"] = Cast(f"{path}id", output_field=TextField())
    annotations["source_purged_at"] = Cast(f"{path}purged_at", output_field=TextField())
    return annotations


# --- Does a text still point to the source? ----------------------------------------------------
def allowed_phrases(
    subjects: Iterable[Any], persons_of_concern: Iterable[Any], kept: Iterable[str] = ()
) -> tuple[str, ...]:
    """What the screen lets through: the names of the people at risk, the names and nicknames of
    the persons of concern (as the professional entered them) and the handler's kept phrases.

    Takes the record's dicts or the submission's model instances alike."""

    def value(item: Any, name: str) -> str:
        found = item.get(name) if isinstance(item, Mapping) else getattr(item, name, "")
        return found if isinstance(found, str) else ""

    phrases = [value(subject, "name") for subject in subjects]
    for person in persons_of_concern:
        phrases += [value(person, "name"), value(person, "nicknames")]
    phrases += [phrase for phrase in kept if isinstance(phrase, str)]
    return tuple(dict.fromkeys(phrase for phrase in phrases if phrase.strip()))


def submission_allowed_phrases(submission) -> tuple[str, ...]:
    """allowed_phrases for a submission's people, as entered on the structured pages."""
    return allowed_phrases(submission.subjects.all(), submission.persons_of_concern.all())


def identifier_reasons(
    texts: Iterable[str], identity: SourceIdentity, *, allowed: Iterable[str] = ()
) -> tuple[str, ...]:
    """The kinds of source identifier the screen finds in any of the texts, as words; empty when
    clean. A hit wholly inside an `allowed` phrase does not count."""
    # One pass over the joined text; blank lines keep pieces from running into one another.
    joined = "\n\n".join(text for text in texts if text)
    kinds = source_hit_kinds(joined, identity, allowed=tuple(allowed))
    return tuple(KIND_LABELS.get(kind, f"source {kind}") for kind in kinds)
