"""The values the sanitiser hands back: spans of text and the result of one sanitisation."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Span:
    """A stretch of text the sanitiser removed or flagged, with why.

    Offsets are Python string indices; ``text`` is the stretch itself so a reviewer does not have
    to slice the original to see what went.
    """

    start: int
    end: int
    kind: str
    text: str
    reason: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class SanitiseResult:
    """Sanitised text, what was removed (offsets into the original) and what was flagged
    (offsets into ``text``) so a handler can review a highlighted preview."""

    text: str
    removed: list[Span] = field(default_factory=list)
    flagged: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "removed": [span.to_dict() for span in self.removed],
            "flagged": [span.to_dict() for span in self.flagged],
        }


def merge_spans(text: str, spans: list[Span]) -> list[Span]:
    """Merge overlapping or touching spans so each removal becomes one marker.

    The merged span keeps the kind of its longest part and the reasons of all parts, so the
    preview still says why each piece went.
    """
    if not spans:
        return []
    ordered = sorted(spans, key=lambda span: (span.start, -span.end))
    merged: list[Span] = []
    group = [ordered[0]]
    group_end = ordered[0].end
    for span in ordered[1:]:
        if span.start <= group_end:
            group.append(span)
            group_end = max(group_end, span.end)
        else:
            merged.append(_combine(text, group, group_end))
            group = [span]
            group_end = span.end
    merged.append(_combine(text, group, group_end))
    return merged


def _combine(text: str, group: list[Span], end: int) -> Span:
    start = group[0].start
    if len(group) == 1:
        return group[0]
    longest = max(group, key=lambda span: span.end - span.start)
    reasons: list[str] = []
    for span in group:
        if span.reason not in reasons:
            reasons.append(span.reason)
    return Span(start, end, longest.kind, text[start:end], "; ".join(reasons))
