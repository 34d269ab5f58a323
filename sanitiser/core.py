"""sanitise_source() and the export gate's re-check, find_source_identifiers().

Both run the same detector, and sanitise() repeats it over its own output until nothing more is
found. So the gate finds nothing in text sanitise() produced, and finds any known identifier a
reviewer puts back in. The repeat reads the whole output again with every detector; only the
splitting into words is carried over from the input, away from the markers (spliced_index,
which a test holds equal to splitting afresh).
"""

from __future__ import annotations

import re

from .compiled import (
    FIRST_NAME,
    ONE_WORD_ROLE,
    ORG_CORE,
    SURNAME,
    CompiledIdentity,
    Hit,
    fuzzy_candidates,
    is_other_persons_surname,
)
from .contacts import contact_spans
from .context import (
    colleague_spans,
    first_name_spans,
    learned_initials_spans,
    name_extensions,
    role_spans,
    self_named_spans,
)
from .identity import SourceIdentity
from .lexicon import is_english_word, is_first_name
from .matching import compile_identity
from .provenance import flag_provenance
from .readable import readable_view
from .signature import signature_spans
from .spans import SanitiseResult, Span, merge_spans
from .tokens import (
    Segment,
    TextIndex,
    is_place,
    key_of,
    next_word,
    previous_word,
    spliced_index,
)
from .vocabulary import COMMON_WORD_SURNAMES, MARKER, ORG_GENERIC_WORDS, PLACE_WORDS, TITLES

_MAX_PASSES = 6
# \w less "_": exactly the characters str.isalnum() accepts.
_ALPHANUMERIC = re.compile(r"[^\W_]")
_HOUSE_NUMBER_BEFORE = re.compile(r"(?<![\w/:.])\d{1,4}[A-Za-z]?,?[ \t]+$")
_NEXT_GENERIC = re.compile(r"[ \t]+([A-Za-z]+(?:['\u2019]s)?)\b")


def find_source_identifiers(
    text: str, identity: SourceIdentity, index: TextIndex | None = None
) -> list[Span]:
    """Every place a known identifier of the source appears in ``text``.

    The export gate refuses a record when this is not empty. ``index``: the words of ``text``
    where they are known already (`spliced_index` of a text it was made from).
    """
    return _detect(text, compile_identity(identity), index)


def source_matches(text: str, identity: SourceIdentity) -> list[Span]:
    """The source matchers' first reading of ``text``: the spans they remove, in its offsets.

    `sanitise.sanitise` reads its own output once more with them, so it needs no more here."""
    return source_reading(text, identity)[0]


def source_reading(text: str, identity: SourceIdentity) -> tuple[list[Span], TextIndex]:
    """`source_matches`, with the words of ``text`` it split, for a re-read to carry over."""
    compiled = compile_identity(identity)
    index = TextIndex(text)
    plain = readable_view(text, compiled.readable_words)[0] is text
    return _detect(text, compiled, index, plain), index


def sanitise_source(text: str, identity: SourceIdentity) -> SanitiseResult:
    """Replace each known identifier of the source with a marker and flag provenance sentences.

    The source matchers alone; `sanitiser.sanitise` adds every other identifier, classed."""
    compiled = compile_identity(identity)
    index = TextIndex(text)
    plain = readable_view(text, compiled.readable_words)[0] is text
    removed = _detect(text, compiled, index, plain)
    output, segments = _apply(text, removed)
    # The output is the input with markers put in: its words are the input's away from them.
    base: TextIndex | None = index
    output_index = None
    for _ in range(_MAX_PASSES):
        output_index = TextIndex(output) if base is None else spliced_index(base, output, segments)
        extra = _detect(output, compiled, output_index, plain)
        if not extra:
            break
        output_index = None
        mapped = [_to_original(span, segments, text) for span in extra]
        grown = merge_spans(text, removed + mapped)
        if _coverage(grown) == _coverage(removed):
            # The new finds lie inside markers' own text: replace them in place, failing closed.
            output, _ = _apply(output, extra)
            base = None
            continue
        removed = grown
        output, segments = _apply(text, removed)
        base = index
    flagged = flag_provenance(output, output_index)
    return SanitiseResult(text=output, removed=removed, flagged=flagged)


def _detect(
    text: str, compiled: CompiledIdentity, index: TextIndex | None = None, plain: bool = False
) -> list[Span]:
    """``plain``: the text is the output of one whose readable view was itself. Markers open and
    close with brackets, so putting them in joins no letter to a digit, no underscores, and no
    word to a line's end: its view is itself too."""
    view, moved = (text, []) if plain else readable_view(text, compiled.readable_words)
    if view is text:
        return _detect_in(text, compiled, index)
    # Found in the view, reported as the original's own stretches.
    found = []
    for span in _detect_in(view, compiled, None):
        start, end = span.start, span.end
        for region_start, region_end in moved:
            if start < region_end and end > region_start:
                start, end = min(start, region_start), max(end, region_end)
        found.append(Span(start, end, span.kind, text[start:end], span.reason))
    return [span for span in merge_spans(text, found) if _says_something(span.text)]


def _detect_in(text: str, compiled: CompiledIdentity, index: TextIndex | None = None) -> list[Span]:
    index = index or TextIndex(text)
    scan = compiled.scan(index)
    hits = scan.hits
    spans = scan.spans
    spans += _surname_spans(text, compiled, hits.get(SURNAME, []))
    spans += _organisation_core_spans(text, hits.get(ORG_CORE, []))
    spans += _fuzzy_spans(index, compiled, spans)
    spans += name_extensions(text, compiled, spans)
    spans += contact_spans(index, spans)
    spans += first_name_spans(text, compiled, spans, hits.get(FIRST_NAME, []))
    spans += role_spans(text, spans, hits.get(ONE_WORD_ROLE, []))
    spans += colleague_spans(index, compiled, spans)
    spans += self_named_spans(index)
    spans += learned_initials_spans(text, compiled, spans)
    spans += _middle_name_spans(text, compiled, spans)
    spans += signature_spans(text, spans)
    return [span for span in merge_spans(text, spans) if _says_something(span.text)]


_LOWER_WORD = r"[a-z][a-z'\u2019-]*"
# One lower-case word, or two, between spaces.
_WORDS_BETWEEN = tuple(
    re.compile(r"[ \t]+(?P<words>" + r"[ \t]+".join([_LOWER_WORD] * count) + r")[ \t]+")
    for count in (1, 2)
)


def _middle_name_spans(text: str, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    """ "hamza ayodele okonkwo", "xiao wen ayodele lindqvist": a word or two between the
    source's first name and surname are given names the form did not hold (capitalised, the full
    name already takes them)."""
    found: list[Span] = []
    firsts = [s for s in spans if s.kind == "name" and "first name" in s.reason]
    if not firsts:
        return found
    surnames = {s.start: s for s in spans if s.kind == "name" and "surname" in s.reason}
    for first in firsts:
        matches = (pattern.match(text, first.end) for pattern in _WORDS_BETWEEN)
        between = next((m for m in matches if m is not None and m.end() in surnames), None)
        if between is None:
            continue
        words = between["words"]
        if any(
            is_english_word(w) and not is_first_name(w) and key_of(w) not in compiled.readable_words
            for w in words.split()
        ):
            continue  # "sarah and hughes": no name
        start, end = between.span("words")
        found.append(Span(start, end, "name", words, "source's middle name"))
    return found


def _says_something(removed: str) -> bool:
    """A span that is only markers already put there says nothing about the source."""
    return _ALPHANUMERIC.search(removed.replace(MARKER, "")) is not None


def _surname_spans(text: str, compiled: CompiledIdentity, matches: list[Hit]) -> list[Span]:
    found: list[Span] = []
    firsts = {f.lower() for f in compiled.first_names}
    for start, end, word in matches:
        if is_place(text, end) or is_other_persons_surname(text, start, compiled):
            continue
        if word[0].islower() and key_of(word) in COMMON_WORD_SURNAMES:
            # "the baker's": a trade, unless a title or the first name stands before it.
            before = previous_word(text, start)[0].lower().rstrip(".")
            if before not in TITLES and before not in firsts:
                continue
        found.append(Span(start, end, "name", word, "source's surname"))
    return found


def _organisation_core_spans(text: str, matches: list[Hit]) -> list[Span]:
    """The organisation's distinctive words alone, with any generic words after them
    ("Greenway surgery"), but not a street or place named after the same words."""
    found: list[Span] = []
    for start, match_end, word in matches:
        if is_place(text, match_end) or _is_house_address(text, start, word):
            continue
        end = match_end
        while True:
            following = _NEXT_GENERIC.match(text, end)
            word = following[1].lower() if following else ""
            if len(word) <= 3 or not word.isalpha() or word not in ORG_GENERIC_WORDS:
                break
            end = following.end()
        found.append(Span(start, end, "organisation", text[start:end], "organisation"))
    return found


def _is_house_address(text: str, start: int, matched: str) -> bool:
    """'88 Marsh Lane' is an address, not Marsh Lane Surgery: a house number before a short name
    that is itself a street."""
    last = matched.split()[-1].lower().rstrip(".") if matched.split() else ""
    before = _HOUSE_NUMBER_BEFORE.search(text, max(0, start - 12), start)
    return last in PLACE_WORDS and before is not None


def _fuzzy_spans(index: TextIndex, compiled: CompiledIdentity, spans: list[Span]) -> list[Span]:
    text = index.text
    found: list[Span] = []
    for start, end, kind, reason in fuzzy_candidates(index, compiled):
        if any(s.start <= start < s.end for s in spans) or is_place(text, end):
            continue
        following = next_word(text, end)
        if following[:1].isupper() and following.lower() not in PLACE_WORDS:
            continue  # "Hughie Smith": a first name, not a misspelt surname
        if kind == "name" and is_other_persons_surname(text, start, compiled):
            continue
        found.append(Span(start, end, kind, text[start:end], reason))
    return found


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
