"""sanitise() and the export gate's re-check, find_source_identifiers().

Both run the same detector, and sanitise() repeats it over its own output until nothing more is
found. So the gate finds nothing in text sanitise() produced, and finds any known identifier a
reviewer puts back in.
"""

from __future__ import annotations

from .context import (
    colleague_spans,
    contact_spans,
    first_name_spans,
    name_extensions,
    role_spans,
)
from .identity import SourceIdentity
from .matching import (
    CompiledIdentity,
    compile_identity,
    fuzzy_candidates,
    is_other_persons_surname,
    is_place,
    next_word,
)
from .provenance import flag_provenance
from .signature import signature_spans
from .spans import SanitiseResult, Span, merge_spans
from .vocabulary import MARKER, PLACE_WORDS

_MAX_PASSES = 6


def find_source_identifiers(text: str, identity: SourceIdentity) -> list[Span]:
    """Every place a known identifier of the source appears in ``text``.

    The export gate refuses a record when this is not empty.
    """
    return _detect(text, compile_identity(identity))


def sanitise(text: str, identity: SourceIdentity) -> SanitiseResult:
    """Replace each identifier of the source with a marker and flag provenance sentences."""
    compiled = compile_identity(identity)
    removed = _detect(text, compiled)
    output, segments = _apply(text, removed)
    for _ in range(_MAX_PASSES):
        extra = _detect(output, compiled)
        if not extra:
            break
        mapped = [_to_original(span, segments, text) for span in extra]
        grown = merge_spans(text, removed + mapped)
        if _coverage(grown) == _coverage(removed):
            # The new finds lie inside markers' own text: replace them in place, failing closed.
            output, _ = _apply(output, extra)
            continue
        removed = grown
        output, segments = _apply(text, removed)
    return SanitiseResult(text=output, removed=removed, flagged=flag_provenance(output))


def _detect(text: str, compiled: CompiledIdentity) -> list[Span]:
    spans: list[Span] = []
    for rule in compiled.rules:
        spans += [
            Span(m.start(), m.end(), rule.kind, m[0], rule.reason)
            for m in rule.pattern.finditer(text)
            if m.end() > m.start()
        ]
    spans += _surname_spans(text, compiled)
    spans += _organisation_core_spans(text, compiled)
    spans += _fuzzy_spans(text, compiled, spans)
    spans += name_extensions(text, compiled, spans)
    spans += contact_spans(text, spans)
    spans += first_name_spans(text, compiled, spans)
    spans += role_spans(text, compiled, spans)
    spans += colleague_spans(text, compiled, spans)
    spans += signature_spans(text, spans)
    return [span for span in merge_spans(text, spans) if _says_something(span.text)]


def _says_something(removed: str) -> bool:
    """A span that is only markers already put there says nothing about the source."""
    return any(char.isalnum() for char in removed.replace(MARKER, ""))


def _surname_spans(text: str, compiled: CompiledIdentity) -> list[Span]:
    if not compiled.surname_alone:
        return []
    found: list[Span] = []
    for match in compiled.surname_alone.finditer(text):
        if is_place(text, match.end()) or is_other_persons_surname(text, match.start(), compiled):
            continue
        found.append(Span(match.start(), match.end(), "name", match[0], "source's surname"))
    return found


def _organisation_core_spans(text: str, compiled: CompiledIdentity) -> list[Span]:
    if not compiled.org_core_alone:
        return []
    return [
        Span(m.start(), m.end(), "organisation", m[0], "organisation (short name)")
        for m in compiled.org_core_alone.finditer(text)
        if not is_place(text, m.end())
    ]


def _fuzzy_spans(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    found: list[Span] = []
    for start, end, kind, reason in fuzzy_candidates(text, compiled):
        if any(s.start <= start < s.end for s in spans) or is_place(text, end):
            continue
        following = next_word(text, end)
        if following[:1].isupper() and following.lower() not in PLACE_WORDS:
            continue  # "Hughie Smith": a first name, not a misspelt surname
        if kind == "name" and is_other_persons_surname(text, start, compiled):
            continue
        found.append(Span(start, end, kind, text[start:end], reason))
    return found


Segment = tuple[int, int, int, int]


def _apply(text: str, spans: list[Span]) -> tuple[str, list[Segment]]:
    """Replace each span with the marker; remember where each marker sits in the output."""
    pieces: list[str] = []
    segments: list[Segment] = []
    cursor = 0
    length = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < cursor:
            continue
        kept = text[cursor : span.start]
        pieces.append(kept)
        length += len(kept)
        pieces.append(MARKER)
        segments.append((span.start, span.end, length, length + len(MARKER)))
        length += len(MARKER)
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces), segments


def _to_original(span: Span, segments: list[Segment], original: str) -> Span:
    start = _position_in_original(span.start, segments, is_end=False)
    end = _position_in_original(span.end, segments, is_end=True)
    return Span(start, end, span.kind, original[start:end], span.reason)


def _position_in_original(position: int, segments: list[Segment], is_end: bool) -> int:
    delta = 0
    for orig_start, orig_end, out_start, out_end in segments:
        if position < out_start or (is_end and position == out_start):
            break
        inside = out_start < position <= out_end if is_end else out_start <= position < out_end
        if inside:
            return orig_end if is_end else orig_start
        delta = orig_end - out_end
    return position + delta


def _coverage(spans: list[Span]) -> int:
    return sum(span.end - span.start for span in spans)
