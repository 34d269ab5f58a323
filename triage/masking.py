"""The source's identifiers masked on staff pages until a handler reveals the source.

Professionals type their own name, number, email and workplace into what they share ("how you
know", a signature, "ask for Sarah at reception"). Until someone reveals the source with a
recorded reason, every staff page shows those stretches as masks that say what was there
("[source name]", "[source phone]") and never the value. After a reveal the values show for that
person, on that submission, for the rest of their session.

Two checks that fail differently find the stretches, and a stretch either finds is masked: the
sanitiser's detector (`find_source_identifiers`, context-aware) and the export gate's screen
(`sanitiser.screen.source_hits`, a simple normalising check: full-width letters, a first name
alone). The screen leaves alone what lies inside a subject's or a person of concern's name as the
professional entered it.

Whether a request sees masks is decided in one place, `source_mask_for` (or `source_masks_for`
for pages that list many submissions); views pass what it returns to the templates, which never
decide. A source that cannot be decrypted fails closed: every text of that submission is hidden.
"""

from __future__ import annotations

import copy
import hashlib
import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import astuple, dataclass
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from cpi.crypto import DecryptionError
from sanitiser import SourceIdentity, find_source_identifiers
from sanitiser.screen import source_hits
from submissions.identity import source_identity, source_token_annotations, tokens_from_row
from submissions.models import PersonOfConcern, Source, Subject, Submission
from triage.selectors import submission_detail

# What a mask says was there, by the kind of identifier the detector or the screen reports.
MASKS = {
    "name": "[source name]",
    "colleague": "[source's colleague]",
    "person": "[source's colleague]",
    "email": "[source email]",
    "mailbox": "[source email]",
    "phone": "[source phone]",
    "contact": "[source phone]",
    "number": "[source number]",
    "organisation": "[source organisation]",
    "team": "[source organisation]",
    "address": "[source organisation address]",
    "website": "[source website]",
    "handle": "[source handle]",
    "role": "[source role]",
    "signature": "[source signature]",
}
MASK_OTHER = "[source detail]"
UNREADABLE = "[hidden: source details unreadable]"
MASK_CLASS = "cpi-masked"

# Submission ids whose source this session has revealed (strings, newest last).
REVEALED_SESSION_KEY = "cpi_revealed_sources"
REVEALED_SESSION_LIMIT = 200
# Where a request keeps the masks it has built, so a page decrypts each source once.
_REQUEST_CACHE = "_cpi_source_masks"

# Free-text fields of what a submission holds, shown on staff pages. Names and nicknames of the
# people at risk and of persons of concern are what the screen is told to keep, so they stay.
MASKED_FIELDS: dict[str, tuple[str, ...]] = {
    "submissions.submission": (
        "information",
        "when_description",
        "provenance",
        "provenance_detail",
    ),
    "submissions.subject": ("address", "setting", "description"),
    "submissions.personofconcern": ("description", "phone_numbers", "social_media"),
    "submissions.place": ("name", "address", "description"),
    "submissions.vehicle": ("make", "model", "colour", "registration", "description"),
    "triage.note": ("text",),
    "triage.sourcereveal": ("reason",),
    "triage.assessment": (
        "handling_conditions",
        "log_text",
        "crime_summary",
        "tasking_note",
        "crime_reference",
        "referral_reason",
        "no_action_rationale",
        "review_comment",
    ),
    "intelligence.intelligencelog": ("text", "handling_conditions"),
}
# The parts of a released log record that hold words people typed.
RECORD_TEXTS = frozenset(
    {"text", "handling_conditions", "subjects", "persons_of_concern", "places", "vehicles"}
)
# Audit entries whose details hold words a person typed (a reveal's reason); the rest are
# workflow values (statuses, gradings, ids) and are shown as they are.
TYPED_DETAILS = frozenset({"reason", "comment", "note", "text"})


# --- Masking one text ----------------------------------------------------------------------------
@dataclass(frozen=True)
class MaskSpan:
    start: int
    end: int
    kind: str

    @property
    def mask(self) -> str:
        return MASKS.get(self.kind, MASK_OTHER)


def source_spans(
    text: str, identity: SourceIdentity, *, allowed: Iterable[str] = ()
) -> tuple[MaskSpan, ...]:
    """Every stretch of `text` either check takes for the source, merged, in order."""
    if not text or not _identifies_anyone(identity):
        return ()
    allowed = tuple(allowed)
    key = _span_cache_key(text, identity, allowed)
    with _SPAN_CACHE_LOCK:
        cached = _SPAN_CACHE.get(key)
        if cached is not None:
            _SPAN_CACHE.move_to_end(key)
            return cached
    found = [MaskSpan(s.start, s.end, s.kind) for s in find_source_identifiers(text, identity)]
    found += [
        MaskSpan(h.start, h.end, h.kind) for h in source_hits(text, identity, allowed=allowed)
    ]
    spans = tuple(_merged(text, found))
    with _SPAN_CACHE_LOCK:
        _SPAN_CACHE[key] = spans
        if len(_SPAN_CACHE) > _SPAN_CACHE_SIZE:
            _SPAN_CACHE.popitem(last=False)
    return spans


# The detector costs about a millisecond a text, and a page shows the same texts view after view:
# the spans found are kept per process, under a digest of the text, the identity and the allowed
# names. Offsets and kinds only: nothing in the cache is a value of the source's.
_SPAN_CACHE: OrderedDict[bytes, tuple[MaskSpan, ...]] = OrderedDict()
_SPAN_CACHE_SIZE = 4096
_SPAN_CACHE_LOCK = threading.Lock()
_SPAN_CACHE_SALT = secrets.token_bytes(16)  # per process: a digest says nothing elsewhere


def _span_cache_key(text: str, identity: SourceIdentity, allowed: tuple[str, ...]) -> bytes:
    material = json.dumps([astuple(identity), allowed, text], ensure_ascii=False, default=str)
    return hashlib.blake2b(material.encode(), key=_SPAN_CACHE_SALT, digest_size=20).digest()


def mask_source(text: str, identity: SourceIdentity | None, *, allowed: Iterable[str] = ()) -> str:
    """`text` with each identifier of the source replaced by a mask saying what was there.

    `identity` None means the source could not be read: the whole text is hidden (fail closed).
    """
    if not text:
        return text
    if identity is None:
        return UNREADABLE
    pieces, position = [], 0
    for span in source_spans(text, identity, allowed=allowed):
        pieces += [text[position : span.start], span.mask]
        position = span.end
    if not pieces:
        return text
    pieces.append(text[position:])
    return "".join(pieces)


def mask_source_html(
    text: str, identity: SourceIdentity | None, *, allowed: Iterable[str] = ()
) -> SafeString:
    """As mask_source, escaped, each mask in <span class="cpi-masked"> for a page to style."""
    if not text:
        return mark_safe("")  # nosec B308 B703 - an empty string
    if identity is None:
        # Reviewed: a constant class and the escaped constant UNREADABLE, nothing typed.
        hidden = f'<span class="{MASK_CLASS}">{escape(UNREADABLE)}</span>'
        return mark_safe(hidden)  # noqa: S308  # nosec B308 B703 - built from escaped parts only
    pieces, position = [], 0
    for span in source_spans(text, identity, allowed=allowed):
        pieces.append(escape(text[position : span.start]))
        pieces.append(f'<span class="{MASK_CLASS}">{escape(span.mask)}</span>')
        position = span.end
    pieces.append(escape(text[position:]))
    # Reviewed: each piece is escape()d text or a constant-class span around an escaped mask.
    return mark_safe("".join(pieces))  # noqa: S308  # nosec B308 B703 - every piece is escaped


def _identifies_anyone(identity: SourceIdentity) -> bool:
    return any(
        (identity.name, identity.organisation, identity.email, identity.phone, identity.role)
    )


def _merged(text: str, spans: list[MaskSpan]) -> list[MaskSpan]:
    """Overlapping finds become one mask with the kind of the longest find; finds of one kind
    with only spaces between them ("Sarah" "Hughes") become one mask too, so a mask reads as
    one thing."""
    groups: list[list[MaskSpan]] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.end <= span.start:
            continue
        if groups:
            gap = text[end : span.start]
            spaces = not gap.strip(" \t")
            joined = span.kind == groups[-1][-1].kind and spaces
            if span.start < end or joined:
                groups[-1].append(span)
                end = max(end, span.end)
                continue
        groups.append([span])
        end = span.end
    merged = []
    for group in groups:
        longest = max(group, key=lambda s: s.end - s.start)
        merged.append(MaskSpan(group[0].start, max(s.end for s in group), longest.kind))
    return merged


# --- What one request may see of one submission's source ---------------------------------------
@dataclass(frozen=True)
class SourceMask:
    """How one request shows one submission's texts.

    `revealed`: this person revealed the source in this session, so texts show as they are.
    `identity` None: the source could not be decrypted, so every text is hidden.
    """

    identity: SourceIdentity | None
    allowed: tuple[str, ...] = ()
    revealed: bool = False

    def text(self, value: str) -> str:
        if self.revealed or not value or not isinstance(value, str):
            return value
        return mask_source(value, self.identity, allowed=self.allowed)

    def html(self, value: str) -> SafeString:
        if self.revealed:
            return escape(value or "")
        return mask_source_html(value or "", self.identity, allowed=self.allowed)

    def value(self, value: Any) -> Any:
        """Strings masked, lists and dicts (an exported record) masked all through."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, Mapping):
            return {key: self.value(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return type(value)(self.value(item) for item in value)
        return value

    def record(self, record: Mapping[str, Any] | None) -> dict[str, Any] | None:
        """A released log record (intelligence.gate.release_record) with its free parts masked."""
        if record is None or self.revealed:
            return record
        return {
            key: self.value(value) if key in RECORD_TEXTS else value
            for key, value in record.items()
        }

    def instance(self, obj):
        """A read-only copy of a model instance with its free-text fields masked."""
        if obj is None or self.revealed:
            return obj
        fields = MASKED_FIELDS.get(obj._meta.label_lower, ())
        shown = copy.copy(obj)
        for name in fields:
            setattr(shown, name, self.text(getattr(obj, name)))
        shown.save = shown.delete = _read_only
        return shown


def _read_only(*args, **kwargs):
    raise TypeError("A masked copy is for showing only; save the original.")


def allowed_names(subjects: Iterable, persons_of_concern: Iterable) -> tuple[str, ...]:
    """The names and nicknames as the professional entered them: the screen keeps these."""
    names = [subject.name for subject in subjects]
    for person in persons_of_concern:
        names += [person.name, person.nicknames]
    return tuple(dict.fromkeys(name for name in names if name))


def masked_submission_texts(
    submission: Submission,
    identity: SourceIdentity | None,
    *,
    details: Mapping[str, Any] | None = None,
    mask: SourceMask | None = None,
) -> dict[str, Any]:
    """What a page shows of a submission, masked: the submission itself, its people, places,
    vehicles, notes, reveals and assessment, as read-only copies (templates read them as they
    would the originals), the three free texts on their own, and `source_masked`.

    `details` is triage.selectors.submission_detail(submission) if the page has it already.
    """
    if details is None:
        details = submission_detail(submission)
    if mask is None:
        allowed = allowed_names(details.get("subjects", ()), details.get("persons_of_concern", ()))
        mask = SourceMask(identity=identity, allowed=allowed)
    shown: dict[str, Any] = {"submission": mask.instance(submission)}
    for key in ("subjects", "persons_of_concern", "places", "vehicles", "notes", "reveals"):
        if key in details:
            shown[key] = [mask.instance(item) for item in details[key]]
    if "assessment" in details:
        shown["assessment"] = mask.instance(details["assessment"])
    for name in ("information", "when_description", "provenance_detail"):
        shown[name] = getattr(shown["submission"], name)
    shown["source_masked"] = not mask.revealed
    return shown


# --- The one decision: masked or not ----------------------------------------------------------
def source_reveal_remember(request: HttpRequest, submission: Submission) -> None:
    """After a successful reveal: this session sees this submission's texts unmasked."""
    key = str(submission.pk)
    revealed = [pk for pk in request.session.get(REVEALED_SESSION_KEY, []) if pk != key]
    revealed.append(key)
    request.session[REVEALED_SESSION_KEY] = revealed[-REVEALED_SESSION_LIMIT:]
    getattr(request, _REQUEST_CACHE, {}).pop(submission.pk, None)


def source_revealed(request: HttpRequest, submission_id) -> bool:
    return str(submission_id) in request.session.get(REVEALED_SESSION_KEY, ())


def source_mask_for(
    request: HttpRequest, submission: Submission, *, details: Mapping[str, Any] | None = None
) -> SourceMask:
    """How this request shows this submission's texts. Built once per request and submission."""
    cache = request.__dict__.setdefault(_REQUEST_CACHE, {})
    if submission.pk not in cache:
        if source_revealed(request, submission.pk):
            cache[submission.pk] = SourceMask(identity=None, revealed=True)
        else:
            if details is not None and "subjects" in details and "persons_of_concern" in details:
                allowed = allowed_names(details["subjects"], details["persons_of_concern"])
            else:
                allowed = _allowed_by_submission([submission.pk]).get(submission.pk, ())
            identities = _identities(Q(submission_id=submission.pk))
            cache[submission.pk] = SourceMask(
                identity=identities.get(submission.pk, SourceIdentity()), allowed=allowed
            )
    return cache[submission.pk]


def source_masks_for(request: HttpRequest, references: Iterable[str]) -> dict[str, SourceMask]:
    """source_mask_for for many submissions by reference, in three queries whatever the count."""
    references = {ref for ref in references if ref}
    if not references:
        return {}
    ids = dict(Submission.objects.filter(reference__in=references).values_list("reference", "pk"))
    cache = request.__dict__.setdefault(_REQUEST_CACHE, {})
    wanted = [pk for pk in ids.values() if pk not in cache and not source_revealed(request, pk)]
    if wanted:
        identities = _identities(Q(submission_id__in=wanted))
        allowed = _allowed_by_submission(wanted)
        for pk in wanted:
            cache[pk] = SourceMask(
                identity=identities.get(pk, SourceIdentity()),
                allowed=allowed.get(pk, ()),
            )
    for pk in ids.values():
        cache.setdefault(pk, SourceMask(identity=None, revealed=True))
    return {ref: cache[pk] for ref, pk in ids.items()}


def submission_shown(
    request: HttpRequest, submission: Submission, details: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The submission and its details as this request may see them: context for a template."""
    if details is None:
        details = submission_detail(submission)
    mask = source_mask_for(request, submission, details=details)
    return masked_submission_texts(submission, mask.identity, details=details, mask=mask)


def event_summaries_mask(request: HttpRequest, events: Iterable) -> None:
    """Mask the summary lines of audit entries that hold typed words (a reveal's reason), each
    with its own submission's source. Entries of a deleted submission keep their lines hidden
    only if a source is known; without one there is nothing to look for."""
    typed = [
        event
        for event in events
        if event.submission_reference
        and isinstance(event.details, dict)
        and TYPED_DETAILS & set(event.details)
    ]
    if not typed:
        return
    masks = source_masks_for(request, {event.submission_reference for event in typed})
    for event in typed:
        mask = masks.get(event.submission_reference)
        if mask is not None:
            event.summary = [mask.text(line) for line in event.summary]


# --- Reading the source, failing closed --------------------------------------------------------
def _identities(where: Q) -> dict[Any, SourceIdentity | None]:
    """Each matching source's identity; None where it cannot be decrypted; empty when purged."""
    rows = Source.objects.filter(where).values("submission_id", **source_token_annotations(""))
    identities: dict[Any, SourceIdentity | None] = {}
    for row in rows:
        tokens = tokens_from_row(row)
        if tokens.purged:
            identities[row["submission_id"]] = SourceIdentity()
            continue
        try:
            identities[row["submission_id"]] = source_identity(tokens)
        except DecryptionError:
            identities[row["submission_id"]] = None
    return identities


def _allowed_by_submission(ids: list) -> dict[Any, tuple[str, ...]]:
    names: dict[Any, list[str]] = {}
    for pk, name in Subject.objects.filter(submission_id__in=ids).values_list(
        "submission_id", "name"
    ):
        names.setdefault(pk, []).append(name)
    for pk, name, nicknames in PersonOfConcern.objects.filter(submission_id__in=ids).values_list(
        "submission_id", "name", "nicknames"
    ):
        names.setdefault(pk, []).extend((name, nicknames))
    return {pk: tuple(dict.fromkeys(n for n in found if n)) for pk, found in names.items()}
