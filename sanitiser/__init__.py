"""Source-aware sanitiser for CPI submissions.

Plain Python, standard library only, no Django: it knows who the source is and removes *them*
(name and its variants, organisation, contact details, role, signature, colleagues) while keeping
the subject information police need, and flags sentences that reveal provenance.

    from sanitiser import SourceIdentity, sanitise, find_source_identifiers

    identity = SourceIdentity(name="Sarah Hughes", organisation="Kingsweston Academy")
    result = sanitise(text, identity)
    assert find_source_identifiers(result.text, identity) == []
"""

from .classify import (
    KEEP,
    REMOVE,
    SOURCE,
    SUBJECT,
    UNKNOWN,
    ClassifiedResult,
    Finding,
    SubjectDetails,
    sanitise,
)
from .core import find_source_identifiers, sanitise_source
from .identity import SourceIdentity
from .spans import SanitiseResult, Span
from .vocabulary import MARKER

__all__ = [
    "KEEP",
    "MARKER",
    "REMOVE",
    "SOURCE",
    "SUBJECT",
    "UNKNOWN",
    "ClassifiedResult",
    "Finding",
    "SanitiseResult",
    "SourceIdentity",
    "Span",
    "SubjectDetails",
    "find_source_identifiers",
    "sanitise",
    "sanitise_source",
]
