"""Source-aware sanitiser for CPI submissions.

Plain Python, standard library only, no Django: it knows who the source is and removes *them*
(name and its variants, organisation, contact details, role, signature, colleagues) while keeping
the subject information police need, and flags sentences that reveal provenance.

    from sanitiser import SourceIdentity, sanitise, find_source_identifiers

    identity = SourceIdentity(name="Sarah Hughes", organisation="Kingsweston Academy")
    result = sanitise(text, identity)
    assert find_source_identifiers(result.text, identity) == []
"""

from .core import find_source_identifiers, sanitise
from .identity import SourceIdentity
from .spans import SanitiseResult, Span
from .vocabulary import MARKER

__all__ = [
    "MARKER",
    "SanitiseResult",
    "SourceIdentity",
    "Span",
    "find_source_identifiers",
    "sanitise",
]
