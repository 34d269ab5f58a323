"""Class every identifier found in a text: the source's, a subject's, or unknown.

Two finders run over the text. The source matchers (`core`) know who the source is and find
their name, organisation, contacts, role, colleagues and signature in all the forms those take.
The identifier finder (`finder`) knows nobody and finds every name, organisation, address,
number and account. Each identifier is then classed:

- **source**: found by the source matchers: removed;
- **subject**: matches what the professional entered on the structured pages (people at risk,
  persons of concern with nicknames, phones and handles, places, vehicles) or a phrase the
  handler kept: kept;
- **unknown**: everything else. The machine removes or keeps it by its kind and the words
  around it (a person, an organisation, a number or an account is removed unless the text ties
  it to a third person; a place or a vehicle is kept unless the text ties it to the writer),
  and the handler sees each one with that choice and decides.

So a colleague, a branch or a second phone number nobody foresaw is removed because it is not a
subject's, not because a rule recognised it as the source's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, islice

from . import learned
from .core import _apply, find_source_identifiers, source_reading
from .finder import Candidate, find_identifiers
from .identity import (
    PLACE_WORDS,
    SourceIdentity,
    email_domain_of,
    organisation_domain_label,
    parse_person_name,
)
from .lexicon import ORG_NOUNS, PHONETIC, is_english_word, is_first_name, is_lower_case_name
from .matching import compile_identity
from .numbers import spoken_digits
from .phones import field_numbers, national_number
from .provenance import flag_provenance
from .screen import source_hits
from .self_reference import KIND as SELF_DESCRIPTION
from .self_reference import self_description_spans
from .setting_words import KIND as SETTING_WORD
from .setting_words import setting_words
from .spans import SanitiseResult, Span, merge_spans
from .tokens import TextIndex, spliced_index
from .vocabulary import ORG_GENERIC_WORDS, TITLES, word_set
from .workplace import workplace_spans

SOURCE = "source"
SUBJECT = "subject"
UNKNOWN = "unknown"
KEEP = "keep"
REMOVE = "remove"

_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
_LOCATIVE = re.compile(
    r"(?i)\b(?:in|near|around|towards|outside|into|through|across|off|behind|on|to|by|past|from|"
    r"opposite|nr|round|along|lives?\s+(?:in|on|at)|living\s+(?:in|on|at)|estate)\s+(?:the\s+)?$"
)
_PLACE_NOUN_AFTER = re.compile(
    r"(?i)[ \t]+(?:bus[ \t]+|train[ \t]+|railway[ \t]+|coach[ \t]+|tube[ \t]+|tram[ \t]+)?"
    r"(?:station|stop|car[ \t]+park|pub|shops|shopping|precinct|interchange|hospital|ed|a&e|"
    r"retail[ \t]+park|market|library|stadium|parkway|reservoir|beach|pier|promenade|marina|"
    r"underpass|subway|roundabout|flats|estate|rec|playing[ \t]+fields|woods|bogs)\b"
)
_SAINT_BEFORE = re.compile(r"\b(?:St\.?|ST\.?|Saint|SAINT)[ \t]+$")
_SAINT_FIRST = re.compile(r"(?:St\.?|ST\.?|Saint|SAINT)[ \t]+\w")
# A brand named by what it makes: "a Moncler coat", "Nokia burners", "the Esso garage", "a
# Pandora bracelet". What follows says it is a thing, not a person or a colleague's surname.
_PRODUCT_NOUN_AFTER = re.compile(
    r"(?i)[ \t]+(?:coat|jacket|puffer|gilet|hoodie|tracksuit|trackies|joggers|trainers|sliders|"
    r"bag|bags|cap|bracelet|bracelets|necklace|earrings|burner|burners|sim[ \t]+cards?|"
    r"e-?bike|e-?bikes|bike|bikes|scooter|moped|headphones|vape|vapes|garage|"
    r"petrol[ \t]+station|voucher|vouchers|gift[ \t]+card|shirt|boots|shoes|sunglasses|"
    r"lanyard|bottle|bottles|tablets|pills|accent|"
    # What a name or brand is printed on, worn as or bought as: "a Monster Energy sticker", "a
    # Celtic tattoo", "Google Play cards", "a Hibs scarf". Not "badge": an "SIA badge" is the
    # writer's own.
    r"stickers?|logos?|tattoos?|scarf|kit|top|tops|chain|chains|watch|cards|trainers)\b"
)
_TRADES = word_set(
    """
    roofing roofers plastering plasterers driveways valet valeting scaffolding builders paving
    plumbing electrics joinery groundworks decorators decorating tiling glazing fencing
    haulage removals recovery tyres autos carwash motors landscaping serwis
    """
)
# "seen by Valbona", "told by Dawn": after a verb, "by" names who did it, not where.
_AGENT_BY = re.compile(
    r"(?i)\b(?:seen|spotted|noticed|told|taken|driven|collected|picked\s+up|reported|heard|"
    r"witnessed|served|checked|signed|recorded|found|met|called|rung|phoned|dropped\s+off)"
    r"\s+by\s+$"
)
_WRITERS_ORIGIN = re.compile(
    r"(?i)\b(?:i\s+am|i'm|im|i\s+come|i\s+came|i\s+was\s+born|me)\s+(?:\w+\s+){0,2}from\s+$"
)
# "7 Orchard Close, Yate": a town after a street.
_AFTER_ADDRESS = re.compile(
    r"(?i)\b(?:road|rd|street|st|lane|ln|close|cl|avenue|ave|drive|dr|way|court|ct|crescent|"
    r"place|gardens|terrace|grove|walk|row|mews|parade|rise|view|hill|green|square|estate|"
    r"park|flats|house)\.?,\s*$"
)
# "2-4 Quayside", "6 Heol Hendre, Felinfoel", "7 Wheal Rose Cottages, Scorrier": a word after a
# house number, or the town after a numbered street, is part of an address.
_AFTER_HOUSE_NUMBER = re.compile(
    r"(?:^|[\s(,])\d{1,4}[A-Za-z]?(?:[-/]\d{1,4}[A-Za-z]?)?,?[ \t]+"
    r"(?:(?:[A-Z][\w'\u2019-]*|y|yr|de|la|le|of|the)[ \t]+){0,4}?"
    r"(?:(?:[A-Z][\w'\u2019-]*),[ \t]*)?$"
)
# "Heol y Felin", "Maes y Coed", "Ffordd Las": Welsh streets name their kind first.
_WELSH_STREET_BEFORE = re.compile(
    r"(?i)\b(?:heol|ffordd|stryd|l[oô]n|maes|cae|bryn|rhodfa|cwrt|teras|parc)"
    r"(?:[ \t]+(?:y|yr|'r))?[ \t]+$"
)
_WELSH_STREET_AT = re.compile(
    r"(?i)(?:heol|ffordd|stryd|l[oô]n|maes|cae|bryn|rhodfa|cwrt|teras|parc)"
    r"(?:[ \t]+(?:y|yr|'r))?[ \t]+"
)
_SPLIT_VALUES = re.compile(r"[\n,;/]+")


@dataclass(frozen=True)
class SubjectDetails:
    """What the professional entered on the structured pages: who and what the information is
    about. Any field may be empty; ``kept`` are phrases the handler marked as a subject's."""

    names: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    handles: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    vehicles: tuple[str, ...] = ()
    kept: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()

    @classmethod
    def from_form(cls, form: Mapping | None, kept: Iterable[str] = ()) -> SubjectDetails:
        """From the `sanitise` command's "form" object or the submission's own answers."""
        form = form or {}
        names: list[str] = []
        phones: list[str] = []
        handles: list[str] = []
        places: list[str] = []
        settings: list[str] = []
        vehicles: list[str] = []
        for subject in form.get("subjects") or []:
            names.append(_value(subject, "name"))
            # The setting is often the source's own organisation: the source matchers still
            # remove it there, and elsewhere it is a place the subject is found.
            places.append(_value(subject, "address"))
            settings.append(_value(subject, "setting"))
        for person in form.get("persons_of_concern") or []:
            names.append(_value(person, "name"))
            names += _values(person, "nicknames")
            phones += _values(person, "phone_numbers")
            handles += _values(person, "social_media")
        for place in form.get("places") or []:
            places += [_value(place, "name"), _value(place, "address")]
        for vehicle in form.get("vehicles") or []:
            vehicles.append(_value(vehicle, "registration"))
            vehicles.append(" ".join(_value(vehicle, k) for k in ("colour", "make", "model")))
        return cls(
            names=_cleaned(names),
            phones=_cleaned(phones),
            handles=_cleaned(handles),
            places=_cleaned(places),
            vehicles=_cleaned(vehicles),
            kept=_cleaned(kept),
            settings=_cleaned(settings),
        )

    @property
    def protected_names(self) -> tuple[str, ...]:
        """What the export gate lets through even where it shares a word with the source."""
        return self.names + self.kept


def _value(item: Mapping, key: str) -> str:
    value = item.get(key) if isinstance(item, Mapping) else ""
    return value if isinstance(value, str) else ""


def _values(item: Mapping, key: str) -> list[str]:
    """A many-valued answer: the form stores it one value a line; the command may also be given
    a JSON list."""
    value = item.get(key) if isinstance(item, Mapping) else None
    if isinstance(value, (list, tuple)):
        return [part for v in value if isinstance(v, str) for part in _SPLIT_VALUES.split(v)]
    return _SPLIT_VALUES.split(value) if isinstance(value, str) else []


def _cleaned(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(" ".join(v.split()) for v in values if v and v.strip()))


@dataclass(frozen=True)
class Finding:
    """One identifier in the text: what kind, whose (its class), and whether it goes."""

    start: int
    end: int
    kind: str
    text: str
    cls: str
    removed: bool
    machine_removed: bool
    reason: str = ""

    @property
    def key(self) -> str:
        """How a handler's decision names this finding: its place in the text."""
        return f"{self.start}:{self.end}"

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "class": self.cls,
            "decision": REMOVE if self.removed else KEEP,
            "machine": REMOVE if self.machine_removed else KEEP,
            "text": self.text,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class ClassifiedResult(SanitiseResult):
    findings: list[Finding] = field(default_factory=list)

    @property
    def unknowns(self) -> list[Finding]:
        return [f for f in self.findings if f.cls == UNKNOWN]

    def to_dict(self) -> dict[str, object]:
        data = super().to_dict()
        data["findings"] = [f.to_dict() for f in self.findings]
        return data


def sanitise(
    text: str,
    identity: SourceIdentity,
    details: SubjectDetails | None = None,
    decisions: Mapping[str, str] | None = None,
) -> ClassifiedResult:
    """Remove the source's identifiers and every unknown the machine (or the handler, through
    ``decisions``: finding key -> "keep"/"remove") says goes; keep the subjects'."""
    details = details or SubjectDetails()
    decisions = decisions or {}
    source, index = source_reading(text, identity)
    entered = tuple(
        " ".join(v.lower().split())
        for v in details.places + details.settings + details.names + details.kept
    )
    source = source + workplace_spans(text, identity, source, entered)
    matcher = _SubjectMatcher(details)
    candidates = _split_at_entered_names(find_identifiers(text), matcher)
    protected = [c for c in candidates if matcher.matches(c)]
    # A source find inside a person's name as entered is the subject's to decide; inside a place
    # or a setting (often the source's own organisation) the source's find stands.
    protected_ranges = [
        (c.start, c.end) for c in protected if c.kind in _PERSON_KINDS and matcher.names_match(c)
    ]
    screened, shared = _screened(text, identity, details, candidates, protected, source)
    source = merge_spans(text, source + screened)
    findings: list[Finding] = []
    kept_source: list[Span] = []
    for span in source:
        inside_subject = any(s <= span.start and span.end <= e for s, e in protected_ranges)
        if inside_subject and not _is_writer_zone_span(span):
            kept_source.append(span)
            continue
        findings.append(
            Finding(span.start, span.end, span.kind, span.text, SOURCE, True, True, span.reason)
        )
    source = [s for s in source if s not in kept_source]
    source_ranges = [(s.start, s.end) for s in source]
    taken = list(source_ranges)
    # Finds the text ties to the writer ("I work at reception of ...") reach what stands in
    # apposition with them too, as the source's own finds do.
    writer_ranges = [
        (c.start, c.end)
        for c in candidates
        if c.writer_cue and c.kind in ("premises", "organisation", "role")
    ]
    zoned = [c for c in candidates if c.zone]
    # What the professional entered is placed first, so a longer find around it ("my uncle
    # Craig" inside a child's quoted words) cannot take it.
    entered = [
        c
        for c in _distinct(protected)
        if not c.zone and c.kind in _PERSON_KINDS and matcher.names_match(c)
    ]
    others = [
        c
        for c in _distinct([c for c in candidates if not c.zone and c not in entered])
        if not any(e.start < c.end and c.start < e.end for e in entered)
    ]
    # A writer's line that holds what the professional entered ("Patient: Kyle Brannigan  DOB
    # ...  Addr: 9 Lakeside Walk" at the top of a case print) is judged by its parts: the
    # subject's stay, the rest goes on its own finds.
    inner = [(c.start, c.end) for c in protected if c.kind not in _ZONE_LINE_KINDS]
    for candidate in zoned + entered + others:
        if any(s <= candidate.start and candidate.end <= e for s, e in taken):
            continue
        if _field_label(text, candidate):
            continue
        if candidate.kind in _ZONE_LINE_KINDS and any(
            candidate.start <= s and e <= candidate.end for s, e in inner
        ):
            continue
        if _beside_source(text, candidate, source_ranges + writer_ranges) or (
            candidate.kind == "phone" and _the_sources_number(text, candidate, source_ranges)
        ):
            candidate = _tied_to_writer(candidate)
        if matcher.matches(candidate):
            if candidate.zone:
                continue  # a writer's line that names a subject: its parts are judged alone
            findings.append(_finding(candidate, SUBJECT, False, "entered as a subject's"))
            taken.append((candidate.start, candidate.end))
            continue
        machine = _machine_removes(candidate, text)
        reason = _reason(candidate, machine)
        if not machine and _unlisted_registration(candidate, matcher, text):
            machine, reason = True, "a registration not among the vehicles entered"
        removed = _decided(decisions, f"{candidate.start}:{candidate.end}", machine)
        findings.append(_finding(candidate, UNKNOWN, removed, reason, machine))
        if not candidate.zone:
            taken.append((candidate.start, candidate.end))
    findings = _rest_of_an_entered_name(text, identity, findings, decisions)
    findings = _part_of_a_registration(text, findings, decisions)
    findings = _same_person_same_decision(findings, decisions)
    findings = _initials_after_the_name(text, identity, findings)
    findings = _source_names_everywhere(text, findings, matcher, decisions)
    findings = _contact_lines_are_the_writers(text, findings, decisions)
    findings = _premises_after_the_organisation(text, findings, decisions)
    findings = _the_workplace_on(text, identity, findings, decisions)
    findings = _handles_on_the_writers_side(text, identity, findings, decisions)
    subjects = [(c.start, c.end) for c in protected]
    subjects += [(f.start, f.end) for f in findings if f.cls == SUBJECT]
    kept = [
        (f.start, f.end)
        for f in findings
        if f.cls == UNKNOWN and not f.removed and f.kind in _DETAIL_KINDS
    ]
    keys = {f.key for f in findings}
    findings += [
        f
        for f in _self_descriptions(text, subjects, kept, source_ranges, matcher, decisions)
        if f.key not in keys  # one decision a stretch: "coach" found as a role already
    ]
    for span in shared:
        if any(f.start <= span.start and span.end <= f.end and f.removed for f in findings):
            continue
        decided = decisions.get(f"{span.start}:{span.end}")
        reason = {
            "shared with a subject": "a word of the source's name that a subject's name shares",
            "inside a place": "a word of the source's inside the name of a place",
        }.get(span.reason, "a word of the source's that is an ordinary word here")
        findings.append(
            Finding(
                span.start,
                span.end,
                span.kind,
                span.text,
                UNKNOWN,
                decided == REMOVE,
                False,
                reason,
            )
        )
    for span in kept_source:
        decided = decisions.get(f"{span.start}:{span.end}")
        removed = decided != KEEP
        findings.append(
            Finding(
                span.start,
                span.end,
                span.kind,
                span.text,
                UNKNOWN,
                removed,
                True,
                "the source's, inside a name entered as a subject's",
            )
        )
    findings += _setting_words(text, identity, findings, subjects, matcher, decisions)
    findings = _premises_after_the_organisation(text, findings, decisions)
    findings = _dates_stay_in_writers_lines(text, findings)
    if learned.enabled():
        findings += _learned_reading(text, identity, details, findings, matcher, decisions)
    findings = _quoted_speech_is_the_speakers(text, findings, decisions)
    findings.sort(key=lambda f: (f.start, f.end))
    removals = [Span(f.start, f.end, f.kind, f.text, f.reason) for f in findings if f.removed]
    # The last fence: whatever removal reached it, a subject's answer as the professional
    # entered it, written out in full, stays (a header line "Woman: Esi Boateng  Age: 17" goes
    # round the name).
    people, places = _form_answers_in(text, details, identity)
    fences = people + places
    # A place entered that the text makes the writer's own ("I work at Eldercross Library") is
    # their workplace put on the form: only the people's answers stay there.
    tied = [r for r in removals if r.reason == _TIED_TO_WRITER]
    removals = _around([r for r in removals if r.reason != _TIED_TO_WRITER], fences)
    removed = merge_spans(text, removals + _around(tied, people))
    output, segments = _apply(text, removed)
    # Removing more than the source matchers did changes what stands beside their finds: read
    # the output once more with them, so the proposal never holds what they would catch.
    # Its words are the input's away from the markers: they are carried over, not split again.
    output_index: TextIndex | None = spliced_index(index, output, segments)
    # What the professional entered stays through the re-read too: "my lad [source removed]
    # 07700 900216" is no contact detail given next to the source when the number is the
    # subject's as entered.
    entered_out = [
        _forward(f.start, f.end, segments) for f in findings if f.cls == SUBJECT and not f.removed
    ] + [_forward(start, end, segments) for start, end in fences]
    for _ in range(3):
        found = find_source_identifiers(output, identity, output_index)
        if not found:
            break
        # Dates and times the first reading kept stay through the re-read: a block of markers
        # around "03/11/2026 16:40" is no signature that takes the date with it. (Looked for
        # only when the re-read finds something to cut them out of.)
        stays = entered_out + [
            m.span()
            for pattern in (_FIGURES_DATE_OR_TIME, _DATE_OR_TIME)
            for m in pattern.finditer(output)
        ]
        again = _around(found, stays)
        if not again:
            break
        output, moved = _apply(output, again)
        entered_out = [_forward(start, end, moved) for start, end in entered_out]
        output_index = None
    return ClassifiedResult(
        text=output,
        removed=removed,
        flagged=flag_provenance(output, output_index),
        findings=findings,
    )


# What the machine takes for the writer's own only because of a first-person word or a word of
# their kind of workplace: inside someone's quoted words ("she said 'don't tell my mum'") the
# "my" is the speaker's, so the machine keeps it (still listed for the handler).
_WRITERS_BY_WORDING = (
    "the text ties it to the writer",
    "the writer's own work, position or tie to the subject",
    "read by the learned model as the writer's own",
)
# A quotation: double quotes of either kind, or single quotes that open after a space or a
# bracket and close before a non-letter (so "don't" and "Kev's" open nothing). One line at most.
_QUOTATION = re.compile(
    r"[\"\u201c][^\"\u201c\u201d\n]{2,300}[\"\u201d]",
    re.MULTILINE,
)


def _alone_on_its_line(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return not (
        text[line_start:start].strip()
        or text[end : len(text) if line_end < 0 else line_end].strip()
    )


def _quoted_speech_is_the_speakers(
    text: str, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    if '"' not in text and "'" not in text and "\u201c" not in text and "\u2018" not in text:
        return findings
    # A quotation alone on its line is a motto under a signature ("Caring for our coast"), not
    # anyone's words.
    quotes = [
        m.span() for m in _QUOTATION.finditer(text) if not _alone_on_its_line(text, *m.span())
    ]
    if not quotes:
        return findings
    kept = []
    for f in findings:
        if (
            f.cls == UNKNOWN
            and f.machine_removed
            and f.reason.startswith(_WRITERS_BY_WORDING)
            and any(s < f.start and f.end < e for s, e in quotes)
        ):
            f = Finding(
                f.start,
                f.end,
                f.kind,
                f.text,
                f.cls,
                _decided(decisions, f.key, False),
                False,
                "inside someone's quoted words",
            )
        kept.append(f)
    return kept


def _form_answers_in(
    text: str, details: SubjectDetails, identity: SourceIdentity
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the subjects' answers as entered stand in the text, written out whole: the
    people's (names, nicknames, phones, handles, vehicles) and the places' (places and
    addresses). The subject's setting is left out (it is often the source's own workplace), and
    so is any answer that is one of the source's own details or a word of them, and a place
    where the text gives it as the organisation's premises ("Golden Lotus, 5 Station Parade" in
    a signature: the text ties it to the organisation; elsewhere it stays as entered)."""
    own = " ".join(
        (
            identity.name or "",
            identity.role or "",
            identity.organisation or "",
            identity.email or "",
        )
    ).casefold()
    own_digits = re.sub(r"\D", "", identity.phone or "")
    lowered = text.casefold()
    letter_for_letter = _lowered_letter_for_letter(text)
    found: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    org_words = _organisation_words(identity)
    people = details.names + details.phones + details.handles + details.vehicles
    # An address is often written only to its first comma: "23 Birch Avenue" for "23 Birch
    # Avenue, Dunmore". That first part stands for the whole when it holds a number and a word.
    places = details.places + tuple(
        head
        for place in details.places
        if "," in place
        and len((head := place.split(",", 1)[0].strip()).split()) >= 2
        and any(ch.isdigit() for ch in head)
        and any(ch.isalpha() for ch in head)
    )
    for ranges, values in zip(found, (people, places), strict=True):
        for value in values:
            folded = value.casefold()
            # Most answers are not in the text at all: a plain look first, the pattern after.
            if folded.split()[0] not in lowered or folded in own:
                continue
            if sum(ch.isalnum() for ch in value) < 3:
                continue
            digits = re.sub(r"\D", "", value)
            if own_digits and len(digits) >= 7 and digits[-7:] == own_digits[-7:]:
                continue
            for start, end in _answer_spans(value, text, letter_for_letter):
                if start and _NAME_CHAR.match(text, start - 1):
                    continue
                if ranges is found[1] and _after_the_organisation(text, start, org_words):
                    continue  # "Golden Lotus, 5 Station Parade": its premises, where it is said so
                ranges.append((start, end))
    return found


def _organisation_words(identity: SourceIdentity) -> frozenset[str]:
    """The words of the source's organisation that name it, not its kind: "golden", "lotus"
    of "Golden Lotus Takeaway" (its parsed core)."""
    organisation = compile_identity(identity).organisation
    return frozenset(w.casefold() for w in organisation.core) if organisation else frozenset()


def _after_the_organisation(text: str, start: int, org_words: frozenset[str]) -> bool:
    """Whether an answer at ``start`` follows the source's organisation on its line, with only a
    comma, a bar or a dash between: "Heatherbank Care Home, 17 Lyndhurst Rise"."""
    if not org_words:
        return False
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    joint = _ORGANISATION_JOINT.search(before)
    if joint is None:
        return False
    words = _tokens(before[: joint.start()])[-4:]
    return any(w in org_words for w in words)


_ORGANISATION_JOINT = re.compile(r"[ \t]*[,|\u00b7\u2013-][ \t]*$")


def _lowered_letter_for_letter(text: str) -> str | None:
    """``text`` lower-cased where every letter and digit of it is ASCII ("£" and curly quotes
    aside) and lower-casing keeps its length: each character where it was, and case-blind
    matching of ASCII no more than comparing it lower-cased. None elsewhere."""
    lowered = text.lower()
    if len(lowered) != len(text) or _NON_ASCII_WORD_CHARACTER.search(text) is not None:
        return None
    return lowered


def _answer_spans(value: str, text: str, lowered: str | None) -> list[tuple[int, int]]:
    """Where _answer_pattern(value) finds the answer in ``text``, as its finditer would. With
    ``lowered`` (`_lowered_letter_for_letter`) and an ASCII answer, a match can only start where
    the answer's first word stands in ``lowered``: the pattern is tried there alone, not at
    every place of the text."""
    pattern = _answer_pattern(value)
    if lowered is None or not value.isascii():
        return [match.span() for match in pattern.finditer(text)]
    opening = value.split()[0].lower()
    return [match.span() for match in _matches_from(pattern, text, lowered, opening)]


def _matches_from(pattern: re.Pattern, text: str, where: str, opening: str) -> list[re.Match]:
    """What ``pattern.finditer(text)`` finds, for a pattern whose every match opens where
    ``opening`` stands in ``where`` (``text`` itself, or it lower-cased letter for letter):
    the pattern is tried at those places alone, not at every place of the text."""
    found = []
    at = where.find(opening)
    while at >= 0:
        match = pattern.match(text, at)
        if match is None:
            at = where.find(opening, at + 1)
        else:
            found.append(match)
            at = where.find(opening, match.end())
    return found


@lru_cache(maxsize=1024)
def _answer_pattern(value: str) -> re.Pattern:
    words = value.split()
    return re.compile(r"(?i)" + r"\s+".join(re.escape(w) for w in words) + r"(?![^\W_])")


_NAME_CHAR = re.compile(r"[^\W_]")


# A date or a time written in figures: "03/11/2026", "16/07", "16:40", "16:00-16:50". (Named
# apart from the case print's `_DATE_OR_TIME` below, which had silently replaced it here.)
_FIGURES_DATE_OR_TIME = re.compile(
    r"(?<![\w/.:-])(?:\d{1,2}[/.]\d{1,2}(?:[/.](?:\d{4}|\d{2}))?"
    r"|\d{1,2}:\d{2}(?:[ \t]*[-\u2013][ \t]*\d{1,2}:\d{2})?)(?![\w/:])"
)

_BRACKETED_AFTER = re.compile(r"[ \t]*\([^()\n]{1,40}\)")


def rules_context(
    text: str, identity: SourceIdentity, details: SubjectDetails, findings: list[Finding]
) -> learned.Context:
    """What the learned reading knows of a text besides its words: the source's form answers,
    the subjects' (the fences) and what the rules made of each stretch."""
    rules = []
    for f in findings:
        rules.append((f.start, f.end, "removed" if f.removed else "kept"))
        rules.append((f.start, f.end, f"{f.cls}:{f.kind}"))
    subjects = [(f.start, f.end) for f in findings if f.cls == SUBJECT]
    source = {
        "name": identity.name or "",
        "role": identity.role or "",
        "organisation": identity.organisation or "",
        "email": identity.email or "",
        "phone": identity.phone or "",
    }
    return learned.context_for(text, source, learned.subject_values(details), subjects, rules)


def _learned_reading(
    text: str,
    identity: SourceIdentity,
    details: SubjectDetails,
    findings: list[Finding],
    matcher: _SubjectMatcher,
    decisions: Mapping[str, str],
) -> list[Finding]:
    """The learned reading's stretches that no rule removed, as unknowns for the handler: the
    machine removes those the model is confident of and lists the rest. Nothing a subject's."""
    context = rules_context(text, identity, details, findings)
    # What the rules found and decided stays theirs: removed, a subject's, or an identifier
    # they keep and list (a person tied to someone else, a place, a vehicle).
    taken = [(f.start, f.end) for f in findings if f.removed or f.cls == SUBJECT]
    if learned.option("fence_rules_kept"):
        taken += [(f.start, f.end) for f in findings if not f.removed]
        # What names the kind of place or thing a kept identifier is ("Kirkby station", "the
        # Esso garage") is part of it, as the finder reads it.
        for f in findings:
            if not f.removed and f.cls != SOURCE:
                after = _PLACE_NOUN_AFTER.match(text, f.end) or _PRODUCT_NOUN_AFTER.match(
                    text, f.end
                )
                if after:
                    taken.append((f.end, after.end()))
    # What stands in brackets straight after a subject is said of them ("Amelia Jones (Year 2)").
    for f in findings:
        if f.cls == SUBJECT and (said := _BRACKETED_AFTER.match(text, f.end)):
            taken.append((f.end, said.end()))
    keys = {f.key for f in findings}
    added = []
    for start, end, probability, machine in learned.stretches(text, context, taken):
        candidate = Candidate(start, end, learned.KIND, text[start:end])
        if candidate.start == candidate.end or f"{start}:{end}" in keys:
            continue
        if matcher.matches(candidate) or _inside_entered(candidate.text, matcher):
            continue
        removed = _decided(decisions, f"{start}:{end}", machine)
        reason = (learned.REASON_REMOVE if machine else learned.REASON_KEEP).format(p=probability)
        added.append(_finding(candidate, UNKNOWN, removed, reason, machine))
    return added


def _forward(start: int, end: int, segments: list) -> tuple[int, int]:
    """Where a stretch the markers did not touch stands once they are in."""
    shift = 0
    for removed_start, removed_end, out_start, out_end in segments:
        if removed_end > start:
            break
        shift += (removed_end - removed_start) - (out_end - out_start)
    return start - shift, end - shift


def _around(spans: list[Span], keep: list[tuple[int, int]]) -> list[Span]:
    """The re-read's finds with what must stay cut out of them."""
    if not keep:
        return spans
    pieces: list[Span] = []
    for span in spans:
        cuts = [(s, e) for s, e in keep if s < span.end and span.start < e]
        if not cuts:
            pieces.append(span)
            continue
        position = span.start
        for s, e in sorted(cuts):
            if s > position and span.text[position - span.start : s - span.start].strip():
                text = span.text[position - span.start : s - span.start]
                pieces.append(Span(position, s, span.kind, text, span.reason))
            position = max(position, e)
        if position < span.end and span.text[position - span.start :].strip():
            text = span.text[position - span.start :]
            pieces.append(Span(position, span.end, span.kind, text, span.reason))
    return pieces


# What a subject's details are: a clause about the writer's work is cut around them.
_DETAIL_KINDS = frozenset(
    {"person", "proper", "place", "address", "postcode", "vehicle", "phone", "handle", "email"}
)
_FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "his",
        "her",
        "their",
        "him",
        "them",
        "he",
        "she",
        "they",
        "it",
        "is",
        "was",
        "as",
    ]
)


def _self_descriptions(
    text: str,
    subjects: list[tuple[int, int]],
    kept: list[tuple[int, int]],
    source_ranges: list[tuple[int, int]],
    matcher: _SubjectMatcher,
    decisions: Mapping[str, str],
) -> list[Finding]:
    """The writer's own work, position or tie to the subject (`self_reference`), listed for the
    handler as unknowns. What stays inside one (what the professional entered as a subject's,
    and identifiers the machine keeps outside the words that point to the writer: not
    "Tigrinya" of "in Tigrinya") cuts it in pieces: the piece that points
    to the writer ("I took the phone off" of "I took the phone off Kyle in period 3") the
    machine removes; the others ("in period 3") it keeps and lists."""
    findings: list[Finding] = []
    for start, end, cue_start, cue_end in self_description_spans(text):
        entered = sorted(
            subjects + [(s, e) for s, e in kept if not (s < cue_end and cue_start < e)]
        )
        pieces = []
        cursor = start
        for s, e in entered:
            if s < end and cursor < e:
                if s > cursor:
                    pieces.append((cursor, s))
                cursor = max(cursor, e)
        if cursor < end:
            pieces.append((cursor, end))
        for piece_start, piece_end in pieces:
            piece_start, piece_end = _trim(text, piece_start, piece_end)
            words = set(_tokens(text[piece_start:piece_end]))
            if not words or words <= _FUNCTION_WORDS | TITLES:
                continue
            if any(s <= piece_start and piece_end <= e for s, e in source_ranges):
                continue
            candidate = Candidate(
                piece_start, piece_end, SELF_DESCRIPTION, text[piece_start:piece_end]
            )
            if matcher.matches(candidate):
                continue  # a phrase the handler kept
            machine = piece_start < cue_end and cue_start < piece_end
            removed = _decided(decisions, f"{piece_start}:{piece_end}", machine)
            reason = (
                "the writer's own work, position or tie to the subject"
                if machine
                else "in a clause about the writer's own work, beside a subject's details"
            )
            findings.append(_finding(candidate, UNKNOWN, removed, reason, machine))
    return findings


def _setting_words(
    text: str,
    identity: SourceIdentity,
    findings: list[Finding],
    subjects: list[tuple[int, int]],
    matcher: _SubjectMatcher,
    decisions: Mapping[str, str],
) -> list[Finding]:
    """The words of the writer's kind of workplace (`setting_words`): "at poolside", "his
    supervised dose". Those of the source's own sector the machine removes; a strong word of
    another sector it keeps and lists. Nothing inside what was entered as a subject's or what
    is decided already."""
    found = setting_words(text, identity.organisation or "", identity.role or "")
    if not found:
        return []
    # What is decided already, the handler's keeps with it: a clause the handler kept ("I run
    # the breakfast club") keeps its words.
    decided = [
        (f.start, f.end)
        for f in findings
        if f.removed or f.cls == SUBJECT or decisions.get(f.key) == KEEP
    ]
    kept_details = [(f.start, f.end) for f in findings if not f.removed and f.kind in _DETAIL_KINDS]
    details = subjects + kept_details
    busy = details + decided
    added = []
    for word in found:
        if any(s < word.end and word.start < e for s, e in busy):
            continue
        if any(_joined(text, word.start, word.end, s, e) for s, e in details):
            continue  # "registration NX71 UBD", "Mercedes C class": part of a detail kept
        candidate = Candidate(word.start, word.end, SETTING_WORD, word.text)
        if matcher.matches(candidate) or _inside_entered(word.text, matcher):
            continue
        machine = word.own_sector
        removed = _decided(decisions, f"{word.start}:{word.end}", machine)
        reason = (
            "a word of the source's own kind of workplace"
            if machine
            else "a word of another kind of workplace"
        )
        added.append(_finding(candidate, UNKNOWN, removed, reason, machine))
    return added


def _decided(decisions: Mapping[str, str], key: str, machine: bool) -> bool:
    """Whether a finding goes: the handler's choice where they made one, else the machine's."""
    choice = decisions.get(key)
    return machine if choice not in (KEEP, REMOVE) else choice == REMOVE


def _joined(text: str, start: int, end: int, other_start: int, other_end: int) -> bool:
    """Two stretches with nothing but spaces, a colon or a dash between them."""
    gap = text[end:other_start] if end <= other_start else text[other_end:start]
    return len(gap) <= 3 and not gap.strip(" \t:-")


def _inside_entered(value: str, matcher: _SubjectMatcher) -> bool:
    """A phrase that is part of a place or setting the professional entered as a subject's."""
    joined = " ".join(_tokens(value))
    return any(f" {joined} " in f" {p} " for p in matcher.places + matcher.settings)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    return start, end


_CONTAINER_KINDS = frozenset({"person", "proper", "organisation", "place", "address", "role"})


def _screened(
    text: str,
    identity: SourceIdentity,
    details: SubjectDetails,
    candidates: list[Candidate],
    protected: list[Candidate],
    source: list[Span],
) -> tuple[list[Span], list[Span]]:
    """The gate's screen, read here too: every word of the source's name, email, phone and
    organisation, in any case or disguise, that the source matchers let stand. A hit inside a
    name or organisation the finder found takes the whole of it ("kwik pharm", "Grange
    Parade"). A word of the source's name that a subject's name (as entered) shares is not
    removed on the machine's say: it is listed for the handler as an unknown (second list)."""
    hits = source_hits(text, identity, allowed=details.protected_names)
    if not hits:
        return [], []
    subject_words = {word for name in details.names for word in _tokens(name)}
    removed: list[Span] = []
    shared: list[Span] = []
    for hit in hits:
        if any(s.start <= hit.start and hit.end <= s.end for s in source):
            continue
        word = text[hit.start : hit.end]
        if any(
            c.start <= hit.start and hit.end <= c.end
            for c in protected
            if not c.zone or c.kind not in _ZONE_LINE_KINDS
        ):
            # Inside something the professional entered, but not inside a name as entered
            # (the screen lets those through): the gate will stop it, so the handler decides.
            shared.append(Span(hit.start, hit.end, hit.kind, word, "shared with a subject"))
            continue
        if hit.kind == "name" and set(_tokens(word)) <= subject_words:
            shared.append(Span(hit.start, hit.end, "name", word, "shared with a subject"))
            continue
        if hit.kind != "phone" and _ordinary_word(word):
            # "a young woman" for a source called Young: listed for the handler, kept for now.
            shared.append(Span(hit.start, hit.end, hit.kind, word, "an ordinary word here"))
            continue
        place = next(
            (
                c
                for c in candidates
                if c.kind in ("place", "address", "postcode")
                and not c.zone
                and c.start <= hit.start
                and hit.end <= c.end
            ),
            None,
        )
        if (place is not None and not place.writer_cue) or (
            hit.kind == "organisation" and _a_locality_here(text, hit.start, hit.end, identity)
        ):
            # "Hughes Road" for a source called Hughes: a place, listed for the handler. So is
            # the organisation's town as an address's last part ("58 Farrow Street, Eastmoor")
            # or before what it names ("Millbrook estate").
            shared.append(Span(hit.start, hit.end, hit.kind, word, "inside a place"))
            continue
        start, end = hit.start, hit.end
        for candidate in candidates:
            if (
                candidate.kind in _CONTAINER_KINDS
                and not candidate.zone
                and candidate.start <= start
                and end <= candidate.end
                and candidate.end - candidate.start <= 60
            ):
                start, end = min(start, candidate.start), max(end, candidate.end)
        reason = f"the source's {hit.kind}, in any writing"
        removed.append(Span(start, end, hit.kind, text[start:end], reason))
    together, shared = _organisation_words_together(text, identity, shared)
    return removed + together, shared


# What may stand between two words of the organisation's name as people write it: "ink and
# iron", "transport for wales", "page hall".
_ORGANISATION_JOIN = re.compile(
    r"(?i)^(?:[ \t]+|[ \t]*(?:&|\+|-)[ \t]*|[ \t]+(?:and|for|of|the|n)[ \t]+)$"
)
_THE_HEAD = re.compile(r"(?i)\b(?:the|our|my)[ \t]+$")


_PLACE_AFTER = re.compile(
    r"(?i)[ \t]*(?:" + "|".join(sorted(PLACE_WORDS | {"centre", "city", "town"})) + r")\b"
)
_HOUSE_NUMBER = re.compile(r"\d[A-Za-z]?,?[ \t]*$")
_AFTER_A_STREET = re.compile(
    r"(?i)\d[\w'\u2019 \t-]{2,30}\b(?:street|st|road|rd|lane|avenue|ave|close|drive|way|"
    r"crescent|terrace|court|grove|gardens|place|parade|row|walk|square|rise|view|mews|house|"
    r"flats)\.?,[ \t]*$"
)


def _a_locality_here(text: str, start: int, end: int, identity: SourceIdentity) -> bool:
    """Not when the place word is the organisation's own ("Calder Vale Council" written "calder
    vale council", "Rochdale station" for Rochdale Ambulance Station)."""
    if _AFTER_A_STREET.search(text, max(0, start - 48), start) is not None:
        return True
    after = _PLACE_AFTER.match(text, end)
    if after is None:
        return False
    named = " ".join(text[start : after.end()].lower().split())
    own = " ".join((identity.organisation or "").lower().split())
    return named not in own and after.group().strip().lower() not in own


def _in_a_place(text: str, start: int, end: int) -> bool:
    last = text[start:end].split()[-1].casefold()
    return (
        last in PLACE_WORDS
        or _PLACE_AFTER.match(text, end) is not None
        or _HOUSE_NUMBER.search(text, max(0, start - 6), start) is not None
    )


_ORGANISATION_SMALL_WORDS = frozenset({"the", "of", "for", "and", "in", "at", "on", "de", "la"})


_RUN_JOIN = re.compile(r"[\s&+-]+(?:and\s+|n\s+)?")


def _organisation_runs(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Two or more of the organisation's words in their order, in any case, with at least two
    that are not small words: "transport for wales", "youth hub", "ink and iron". Read off the
    text's words (no pattern is compiled for each organisation: every source has its own)."""
    wanted = set(words)
    tokens = _words_among(text, wanted)
    if len(tokens) < 2:
        return []
    found: list[tuple[int, int]] = []
    position = 0
    for index, (start, _, word) in enumerate(tokens):
        if start < position:
            continue
        if start > 0 and _RUN_OUTSIDE.match(text[start - 1]):
            continue
        best = None
        for first in (i for i, w in enumerate(words) if w == word.casefold()):
            end_token, count = index, 1
            while (
                first + count < len(words)
                and end_token + 1 < len(tokens)
                and tokens[end_token + 1][2].casefold() == words[first + count]
                and _RUN_JOIN.fullmatch(text, tokens[end_token][1], tokens[end_token + 1][0])
            ):
                end_token += 1
                count += 1
                part = words[first : first + count]
                if (
                    part[0] in _ORGANISATION_SMALL_WORDS
                    or part[-1] in _ORGANISATION_SMALL_WORDS
                    or sum(w not in _ORGANISATION_SMALL_WORDS for w in part) < 2
                ):
                    continue
                end = tokens[end_token][1]
                if end < len(text) and _RUN_AFTER.match(text[end]):
                    continue
                if best is None or end > best[1]:
                    best = (start, end)
        if best is not None:
            found.append(best)
            position = best[1]
    return found


def _words_among(text: str, wanted: set[str]) -> list[tuple[int, int, str]]:
    """The words of ``text`` (as _TOKEN finds them) whose case-folded form is in ``wanted``, as
    (start, end, word) in the text's order. Where every letter and digit of the text is ASCII
    ("£" and curly quotes aside), a word is a run of ASCII letters and digits and case-folding
    it is lower-casing it: each wanted word is looked for in the text lower-cased (letter for
    letter), with no letter or digit either side. Elsewhere, off a split of the text in C."""
    lowered = _lowered_letter_for_letter(text)
    if lowered is not None:
        found = []
        for word in wanted:
            if not word.isascii():
                continue  # no word of the text folds to it
            at = lowered.find(word)
            while at >= 0:
                end = at + len(word)
                if (at == 0 or not text[at - 1].isalnum()) and (
                    end == len(text) or not text[end].isalnum()
                ):
                    found.append((at, end, text[at:end]))
                at = lowered.find(word, end)
        return sorted(found)
    pieces = _TOKEN_SPLIT.split(text)
    ends = list(accumulate(map(len, pieces)))
    return [
        (ends[k] - len(pieces[k]), ends[k], pieces[k])
        for k in range(1, len(pieces), 2)
        if pieces[k].casefold() in wanted
    ]


_NON_ASCII_WORD_CHARACTER = re.compile(r"[^\W_\x00-\x7f]")
_RUN_OUTSIDE = re.compile(r"[\w@.]")
_RUN_AFTER = re.compile(r"[\w@]")


def _organisation_words_together(
    text: str, identity: SourceIdentity, shared: list[Span]
) -> tuple[list[Span], list[Span]]:
    """Ordinary words of the organisation's name are listed one by one and kept ("a young
    woman" for a source called Young); two of them side by side are the name itself, and so
    is "the hub" for Hillside Youth Hub: removed as the source's."""
    words = [w.casefold() for w in _TOKEN.findall(identity.organisation or "")]
    if not words:
        return [], shared
    head = next((w for w in reversed(words) if len(w) >= 3), "")
    together: list[Span] = []
    for start, end in _organisation_runs(text, tuple(words)):
        if _in_a_place(text, start, end):
            continue  # "Marsh Lane" of Marsh Lane Surgery in "88 Marsh Lane": listed, not taken
        reason = "the source's organisation, its words together"
        together.append(Span(start, end, "organisation", text[start:end], reason))
    shared = [s for s in shared if not any(t.start <= s.start and s.end <= t.end for t in together)]
    ordinary = sorted(
        (s for s in shared if s.kind == "organisation" and s.reason == "an ordinary word here"),
        key=lambda s: s.start,
    )
    runs: list[list[Span]] = []
    for span in ordinary:
        if runs and _ORGANISATION_JOIN.match(text[runs[-1][-1].end : span.start]):
            runs[-1].append(span)
        else:
            runs.append([span])
    taken: set[Span] = set()
    for run in runs:
        start, end = run[0].start, run[-1].end
        if len(run) == 1:
            the = _THE_HEAD.search(text, max(0, start - 8), start)
            if the is None or run[0].text.casefold() != head:
                continue
            start = the.start()
        reason = "the source's organisation, its words together"
        together.append(Span(start, end, "organisation", text[start:end], reason))
        taken.update(run)
    return together, [s for s in shared if s not in taken]


def _split_at_entered_names(
    candidates: list[Candidate], matcher: _SubjectMatcher
) -> list[Candidate]:
    """ "Marcus Rossi Rajinder": a run of capitalised words that opens or closes with a whole
    name as entered is that name and someone else, so a sign-off straight after a suspect's name
    takes only itself. A part of one word must be the whole of a name entered ("Kyle" of "Kyle"),
    not one word of a longer one ("Jade" of "Jade Walsh" in "Jade Hughes" stays one name)."""
    split: list[Candidate] = []
    for candidate in candidates:
        if candidate.kind not in _PERSON_KINDS and candidate.kind != "premises":
            split.append(candidate)  # only a name or the writer's phrase is cut
            continue
        words = list(_TOKEN.finditer(candidate.text))
        parts = None
        if (
            candidate.kind in _PERSON_KINDS
            and len(words) >= 2
            and not matcher.names_match(candidate)
        ):
            for cut in range(len(words) - 1, 0, -1):
                head = candidate.text[: words[cut - 1].end()]
                tail = candidate.text[words[cut].start() :]
                if matcher.is_entered_name(head, cut) or matcher.is_entered_name(
                    tail, len(words) - cut
                ):
                    parts = [(0, words[cut - 1].end()), (words[cut].start(), len(candidate.text))]
                    break
        if candidate.kind == "premises":
            # "i work at kingsweston housing shanice novak was seen": the writer's phrase stops
            # before a subject's name; the name is found on its own.
            for k in range(1, len(words)):
                if matcher.starts_entered_name([w.group() for w in words[k:]]):
                    parts = [(0, words[k - 1].end())]
                    break
        if parts is None:
            split.append(candidate)
            continue
        for start, end in parts:
            split.append(
                Candidate(
                    candidate.start + start,
                    candidate.start + end,
                    candidate.kind,
                    candidate.text[start:end],
                    candidate.zone,
                    candidate.writer_cue,
                    candidate.third_party_cue,
                )
            )
    return split


def _ordinary_word(word: str) -> bool:
    """Written in lower case and common in English: "young", "hope", "will", "mark"."""
    return word[:1].islower() and is_english_word(word.lower())


def _rest_of_an_entered_name(
    text: str, identity: SourceIdentity, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """ "Florin Sandu" where "Sandu" was entered, "Helen Ghebremedhin" where "Helen" was: a name
    written straight beside a subject's name as entered is the rest of that subject's name, not
    someone unknown, unless it shares a word with the source's name."""
    subjects = [f for f in findings if f.cls == SUBJECT and f.kind in _PERSON_KINDS]
    if not subjects:
        return findings
    own = set(_tokens(identity.name or "")) - TITLES
    result = []
    for f in findings:
        if (
            f.cls == UNKNOWN
            and f.kind in _PERSON_KINDS
            and f.removed
            and f.key not in decisions
            and own.isdisjoint(_tokens(f.text))
            and any(
                _NAME_JOIN.fullmatch(
                    text[f.end : g.start] if f.end <= g.start else text[g.end : f.start]
                )
                for g in subjects
            )
        ):
            f = replace(f, removed=False, machine_removed=False, reason=_REST_OF_NAME)
        result.append(f)
    return result


def _part_of_a_registration(
    text: str, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """ "plate ends MNY", "reg starts RX", "partial plate BX..": capitals just after a word for a
    registration are part of the plate the writer saw, not an organisation's initials."""
    result = []
    for f in findings:
        if (
            f.cls == UNKNOWN
            and f.removed
            and f.key not in decisions
            and _PLATE_LETTERS.fullmatch(f.text)
            and _PLATE_CUE_BEFORE.search(text, max(0, f.start - 30), f.start)
        ):
            f = replace(f, removed=False, machine_removed=False, reason=_PART_OF_PLATE)
        result.append(f)
    return result


_PART_OF_PLATE = "part of a registration the writer saw"
_PLATE_LETTERS = re.compile(r"[A-Z]{2,4}")
# A word for a registration, then at most a few words ("ends", "has", "starts with") on one line.
_PLATE_CUE_BEFORE = re.compile(
    r"(?i)\b(?:reg|registration|plates?|number[ \t]+plate|number)\b"
    r"(?:[ \t]+[\w\"'\u2018\u201c]+){0,3}[ \t]*[\"'\u2018\u201c]?$"
)
_REST_OF_NAME = "the rest of a name entered as a subject's"
_TIED_TO_WRITER = "the text ties it to the writer"
_WRITERS_SHORT_FORM = "a short form of a name the text ties to the writer"
# What stands between two parts of one name: a space or a hyphen, on one line.
_NAME_JOIN = re.compile(r"[ \t]{1,2}|-")


def _same_person_same_decision(
    findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """ "Sarah" after "Sarah Jones (DOB ...)": a short form of a name the text has already shown
    to be someone else's is theirs too, unless the handler decided it alone."""
    findings = _writers_people_once_named(findings, decisions)
    writers = {
        word
        for f in findings
        if f.removed and (f.cls == SOURCE or f.reason.startswith(_WRITERS_REASONS))
        for word in _tokens(f.text)
    }
    kept_names = [
        set(_tokens(f.text)) - TITLES
        for f in findings
        if f.kind in ("person", "proper")
        and not f.removed
        and (
            len(_tokens(f.text)) >= 2
            # "calls himself Fitz" ... "I saw Fitz get into": one name the text gave someone
            # else, and never the writer, is theirs wherever it stands again.
            or (
                f.reason == _TIED_TO_SOMEONE_ELSE
                and not is_english_word(f.text.casefold())
                and writers.isdisjoint(_tokens(f.text))
            )
        )
    ]
    if not kept_names:
        return findings
    return _short_forms_follow(
        findings,
        kept_names,
        decisions,
        removed=False,
        reason="a name, or a short form of one, the text ties to someone else",
    )


_INITIALS_REASON = "the source's initials, after their name"
_INITIALS_AFTER = re.compile(r"[ \t]*(?:,[ \t]*|\([ \t]*)?([A-Za-z]{2,3})\b")


def _initials_after_the_name(
    text: str, identity: SourceIdentity, findings: list[Finding]
) -> list[Finding]:
    """ "charge nurse babajide adeyemi bj on nights": the initials the writer goes by, straight
    after their name, are theirs."""
    person = parse_person_name(identity.name or "")
    if person is None:
        return findings
    forms = set(person.all_initials)
    added = []
    for f in findings:
        if f.cls != SOURCE or f.kind != "name" or len(f.text.split()) < 2:
            continue
        match = _INITIALS_AFTER.match(text, f.end)
        if match is None or match.group(1).upper() not in forms:
            continue
        start, end = match.span(1)
        if any(g.start < end and start < g.end for g in findings + added):
            continue
        added.append(
            Finding(
                start,
                end,
                "name",
                match.group(1),
                SOURCE,
                True,
                True,
                _INITIALS_REASON,
            )
        )
    return findings + added


# A name the text has shown to be the source's or a colleague's is theirs wherever it stands:
# "Dev" signed on a line of its own is the "Dev" a colleague greets lower down the thread.
_SPREAD_KINDS = frozenset({"name", "colleague"})


def _source_names_everywhere(
    text: str, findings: list[Finding], matcher: _SubjectMatcher, decisions: Mapping[str, str]
) -> list[Finding]:
    names = {
        f.text
        for f in findings
        if f.cls == SOURCE
        and f.kind in _SPREAD_KINDS
        and (_is_spreadable_name(f.text, matcher) or f.reason == _INITIALS_REASON)
    }
    if not names:
        return findings
    spread: list[Finding] = []
    lowered = _lowered_letter_for_letter(text)
    for name in sorted(names, key=len, reverse=True):
        # Initials and names that are English words too ("Dev", "Will") are matched in their
        # own case only: "CW", not "cw" in a word; "Will", not "will".
        ordinary = len(name) <= 2 or is_english_word(name.lower())
        flags = 0 if ordinary else re.IGNORECASE
        pattern = re.compile(r"(?<![\w@.])" + re.escape(name) + r"(?![\w@]|\.\w)", flags)
        # Every match opens with the name: looked for as it is, or lower-cased in a text that
        # lower-cases letter for letter; the pattern is tried there alone.
        if ordinary:
            matches = _matches_from(pattern, text, text, name)
        elif lowered is not None and name.isascii():
            matches = _matches_from(pattern, text, lowered, name.lower())
        else:
            matches = list(pattern.finditer(text))
        for match in matches:
            start, end = match.span()
            if any(f.start < end and start < f.end for f in findings + spread):
                continue
            if decisions.get(f"{start}:{end}") == KEEP:
                continue
            spread.append(
                Finding(
                    start,
                    end,
                    "name",
                    match.group(),
                    SOURCE,
                    True,
                    True,
                    "a name the text shows to be the source's or a colleague's, again",
                )
            )
    return findings + spread


def _is_spreadable_name(value: str, matcher: _SubjectMatcher) -> bool:
    """A name of one to three words, none an ordinary English word alone, that no subject's name
    as entered holds: "Dev" spreads, "Rose" the subject's first name too does not."""
    words = value.split()
    if not 1 <= len(words) <= 3 or "\n" in value or len(value) < 2:
        return False
    if not all(re.fullmatch(r"[^\W\d_][\w'.-]*", word) for word in words):
        return False
    if len(words) == 1 and value.islower():
        return False
    return not any(set(_tokens(value)) & name for name in matcher.name_sets)


_LOWER_WORD = re.compile(r"(?<![\w@.])[a-z]{3,}\b(?![@.]\w)")


def _machine_removed(finding: Finding, reason: str) -> Finding:
    """An unknown the machine now removes, for ``reason`` (the handler may still keep it)."""
    return replace(finding, cls=UNKNOWN, removed=True, machine_removed=True, reason=reason)


_CONTACT_KINDS = frozenset({"phone", "email", "mailbox", "website"})
_PREMISES_KINDS = frozenset({"address", "place", "postcode", "proper", "organisation"})


def _contact_lines_are_the_writers(
    text: str, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """A letterhead's "Kingsmead Lane, Eastbrook, EB4 7QT | Tel: ... | safeguarding@...": the
    address on the line that gives the source's phone or email is their premises'."""
    lines = {
        (text.rfind("\n", 0, f.start) + 1, _line_end(text, f.start))
        for f in findings
        if f.cls == SOURCE and f.kind in _CONTACT_KINDS
    }
    # A contact line, not a sentence that gives a number: few words in lower case (counted up
    # to the fifth, not through a whole paragraph).
    lines = {(s, e) for s, e in lines if _lower_words_up_to_five(text, s, e) <= 4}
    if not lines:
        return findings
    settled = []
    for f in findings:
        on_line = any(start <= f.start and f.end <= end for start, end in lines)
        if (
            on_line
            and f.cls == UNKNOWN
            and not f.removed
            and f.kind in _PREMISES_KINDS
            and decisions.get(f.key) != KEEP
        ):
            f = _machine_removed(f, "on the line that gives the source's phone or email")
        settled.append(f)
    return settled


def _lower_words_up_to_five(text: str, start: int, end: int) -> int:
    """How many _LOWER_WORD finds between ``start`` and ``end``, counted up to five."""
    return len(list(islice(_LOWER_WORD.finditer(text, start, end), 5)))


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


# What joins an organisation to where it is: "Istanbul Cuts on the Square in Kirkby", "Oakleigh
# House nursing home, Oakleigh Lane", "Guru Nanak Gurdwara Sahib, Tong Street".
_WHERE_IT_IS = re.compile(
    r"(?i)[)'\"\u2019]?(?:[ \t]+(?:nursing[ \t]+home|care[ \t]+home|branch|store|depot|office|"
    r"offices|site|centre|center|surgery|practice|shop|hotel|club|gym))?"
    r"(?:,[ \t]*|[ \t]+(?:on|in|at|off|near|by|y|yr)[ \t]+|[ \t]*\([ \t]*(?:on|in|at)?[ \t]*)"
    r"(?:the[ \t]+)?"
)
_WHERE_KINDS = frozenset({"address", "place", "postcode", "proper"})


def _premises_after_the_organisation(
    text: str, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """Where the source's organisation is, said straight after its name, is its premises: up to
    two places in a row ("on the Square in Kirkby")."""
    anchors = [
        f.end
        for f in findings
        if f.removed
        and (
            (
                f.kind in ("organisation", "premises")
                and (f.cls == SOURCE or f.reason == "the text ties it to the writer")
            )
            # "the hub on Hillside", "the depot off Mill Lane": the writer's kind of workplace.
            or (f.kind == SETTING_WORD and f.machine_removed)
        )
    ]
    if not anchors:
        return findings
    kept = {
        f.start: f
        for f in findings
        if f.cls == UNKNOWN and not f.removed and f.kind in _WHERE_KINDS
    }
    gone = {f.start: f.end for f in findings if f.removed and f.kind in _WHERE_KINDS | {"premises"}}
    moved: dict[int, Finding] = {}
    for end in anchors:
        for _ in range(2):
            joint = _WHERE_IT_IS.match(text, end)
            if joint is not None and joint.end() in gone:
                end = gone[joint.end()]  # a place already removed: what follows it may be too
                continue
            if joint is None:
                break
            at = joint.end()
            # "Ysgol Bryn Derw, Heol y Felin": a Welsh street's kind before its name.
            kind_first = _WELSH_STREET_AT.match(text, at)
            if kind_first is not None and kind_first.end() in kept:
                at = kind_first.end()
            if at not in kept:
                break
            place = kept[at]
            if decisions.get(place.key) == KEEP:
                break
            # From the joint on: a Welsh street's kind before its name goes with it.
            start = joint.end()
            moved[id(place)] = replace(
                _machine_removed(place, "where the source's organisation is"),
                start=start,
                text=text[start : place.end],
            )
            end = place.end
    findings = [moved.get(id(f), f) for f in findings] if moved else findings
    # "the DayMart on Mill Road, the one next to the launderette": after the premises too.
    premises_ends = [
        f.end
        for f in findings
        if f.removed
        and (
            (f.cls == SOURCE and f.kind in ("premises", "address"))
            or f.reason == "where the source's organisation is"
        )
    ]
    return _landmarks_after(text, anchors + premises_ends, findings, decisions)


# Where a workplace is, said by what is near it rather than by a name the finder reads as a place:
# "Suds launderette (the one opposite the Spar)", "FixIt Mobile, next to the post office", "riz
# from fadez on the high st". Up to the clause's end, at most five words.
_LANDMARK_AFTER = re.compile(
    r"(?i)[ \t]*[(,]?[ \t]*(?:the[ \t]+one[ \t]+|just[ \t]+)?"
    r"(?:(?:opposite|next[ \t]+to|near|behind|above|below|beside|by"
    r"|across[ \t]+(?:the[ \t]+road[ \t]+)?from|round[ \t]+the[ \t]+corner[ \t]+from"
    r"|over[ \t]+the[ \t]+road[ \t]+from)[ \t]+(?:the[ \t]+|a[ \t]+)?"
    r"(?:[\w'\u2019&-]+[ \t]+){0,3}[\w'\u2019&-]+"
    r"|on[ \t]+the[ \t]+(?:high|main|top|bottom)[ \t]+(?:st|street|road|rd|parade)\b"
    r"|in[ \t]+the[ \t]+(?:precinct|arcade|market|town[ \t]+centre|retail[ \t]+park"
    r"|shopping[ \t]+centre|high[ \t]+street|village)\b)"
    r"(?=[ \t]*(?:[),.;:!?\n]|$))"
)


def _landmarks_after(
    text: str, anchors: list[int], findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """A landmark said straight after the source's organisation or workplace word: where it
    is, an unknown the machine removes. A kept unknown inside it ("the Spar") goes with it; a
    subject's detail or a handler's decision there leaves the landmark alone."""
    for end in anchors:
        match = _LANDMARK_AFTER.match(text, end)
        if match is None:
            continue
        start = end + len(match.group()) - len(match.group().lstrip(" \t(,"))
        stop = match.end()
        inside = [f for f in findings if f.start < stop and start < f.end]
        if any(
            f.cls != UNKNOWN or f.removed or f.start < start or f.end > stop or f.key in decisions
            for f in inside
        ):
            continue
        key = f"{start}:{stop}"
        findings = [f for f in findings if f not in inside]
        findings.append(
            Finding(
                start,
                stop,
                "premises",
                text[start:stop],
                UNKNOWN,
                _decided(decisions, key, True),
                True,
                "where the source's organisation is",
            )
        )
    return findings


_STREET_IN_LOWER_CASE = re.compile(
    r"(?:[a-z][a-z'-]+[ \t]+){1,2}(?:road|rd|street|st|lane|ln|avenue|ave|way|drive|close|"
    r"parade|square|row|terrace|place|hill|park|estate|green|walk|gardens)\b"
)


@lru_cache(maxsize=256)
def _workplace_on(organisation: str) -> re.Pattern[str] | None:
    """ "the club on pier road" for Eastgate Amateur Boxing Club: the kind of place the source's
    organisation is, then where."""
    nouns = sorted({w for w in _tokens(organisation) if w in ORG_NOUNS and len(w) >= 3})
    if not nouns:
        return None
    return re.compile(
        r"(?i)\bthe[ \t]+(?:" + "|".join(map(re.escape, nouns)) + r")[ \t]+(?:on|in|at|off)"
        r"[ \t]+(?:the[ \t]+)?"
    )


def _the_workplace_on(
    text: str, identity: SourceIdentity, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    pattern = _workplace_on(identity.organisation or "")
    if pattern is None:
        return findings
    added: list[Finding] = []
    flipped: dict[int, Finding] = {}
    for match in pattern.finditer(text):
        at = match.end()
        here = [f for f in findings if f.start == at]
        if any(f.removed or f.cls == SUBJECT for f in here):
            continue
        if here:
            place = here[0]
            if place.kind not in _WHERE_KINDS or decisions.get(place.key) == KEEP:
                continue
            flipped[id(place)] = _machine_removed(place, "where the source's workplace is")
            continue
        street = _STREET_IN_LOWER_CASE.match(text, at)
        if street and not any(f.start < street.end() and at < f.end for f in findings):
            added.append(
                Finding(
                    at,
                    street.end(),
                    "place",
                    street.group(),
                    UNKNOWN,
                    True,
                    True,
                    "where the source's workplace is",
                )
            )
    if not added and not flipped:
        return findings
    return [flipped.get(id(f), f) for f in findings] + added


# A handle the writer speaks to ("hi @gethin, can I", "@Tunde can you put anything here"): a
# colleague in the chat. A subject's handle is told about, not spoken to.
_GREETED_BEFORE = re.compile(
    r"(?i)(?:^|[.!?\n:][ \t]*|\b(?:hi|hey|hiya|thanks|thx|cheers|cc|ping|morning|evening)[ \t]+)$"
)
_SPOKEN_TO_AFTER = re.compile(
    r"(?i)[ \t]*(?:,|:|[ \t]+(?:can|could|would|will|pls|please|fyi|just[ \t]+a|are[ \t]+you|"
    r"did[ \t]+you|have[ \t]+you|do[ \t]+you)\b)"
)
# "we're on fb as StAidansCardiganRd": the writer's organisation's own account.
_OUR_ACCOUNT_BEFORE = re.compile(
    r"(?i)\b(?:we're|we[ \t]+are|we|our[ \t]+\w+(?:[ \t]+\w+)?[ \t]+is)[ \t]+(?:on[ \t]+)?"
    r"(?:fb|facebook|insta|instagram|twitter|x|tiktok|snap|snapchat)?[ \t]*(?:as|is|@)?[ \t]*$"
)


def _handles_on_the_writers_side(
    text: str, identity: SourceIdentity, findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """A handle spoken to in a chat is a colleague's; one that spells the organisation's
    name or mail domain ("@PenhaligonFeet" beside penhaligonfeet.example), or that the writer
    gives as "we're on fb as ...", is the organisation's."""
    stems = _organisation_stems(identity)
    settled = []
    for f in findings:
        if f.cls == UNKNOWN and not f.removed and decisions.get(f.key) != KEEP:
            reason = ""
            bare = re.sub(r"[^a-z0-9]", "", f.text.lower())
            if (
                f.kind == "handle"
                and _GREETED_BEFORE.search(text, max(0, f.start - 12), f.start)
                and _SPOKEN_TO_AFTER.match(text, f.end)
            ):
                reason = "a handle the writer speaks to in a chat: a colleague's"
            if (
                not reason
                and f.kind in ("handle", "proper")
                and len(bare) >= 5
                and any(
                    (stem in bare and (f.kind == "handle" or bare != stem))
                    or (f.kind == "handle" and bare in stem)
                    for stem in stems
                )
            ):
                reason = "an account that spells the source's organisation"
            if (
                not reason
                and f.kind in ("handle", "proper")
                and " " not in f.text.strip()
                and _OUR_ACCOUNT_BEFORE.search(text, max(0, f.start - 40), f.start)
                and re.search(r"(?i)\b(?:we're|we|our)\b", text[max(0, f.start - 40) : f.start])
            ):
                reason = "the account the writer gives as their organisation's"
            if reason:
                f = _machine_removed(f, reason)
        settled.append(f)
    return settled


@lru_cache(maxsize=256)
def _organisation_stems_of(organisation: str, domain: str) -> tuple[str, ...]:
    stems = set()
    label = organisation_domain_label(domain) if domain else ""
    if len(label) >= 5:
        stems.add(label)
    words = [w for w in _tokens(organisation) if w not in ORG_GENERIC_WORDS]
    joined = re.sub(r"[^a-z0-9]", "", "".join(words))
    if len(joined) >= 6:
        stems.add(joined)
    return tuple(sorted(stems))


def _organisation_stems(identity: SourceIdentity) -> tuple[str, ...]:
    return _organisation_stems_of(identity.organisation or "", email_domain_of(identity))


_DATE_OR_TIME = re.compile(
    r"(?i)\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?:,?[ \t]+\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?)?"
    r"|\b\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?"
    r"|\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?,?[ \t]+\d{4}(?:,?[ \t]+(?:at[ \t]+)?\d{1,2}[:.]\d{2})?"
    r"|\b\d{1,2}:\d{2}(?:[ \t]*[ap]m)?\b"
)


def _dates_stay_in_writers_lines(text: str, findings: list[Finding]) -> list[Finding]:
    """A case print's "Created: 19/11/2026 11:03" line is the writer's, its date and time are
    when things happened: dates and times stay unless the text ties them to the source, so a
    writer's line is removed around them."""
    settled: list[Finding] = []
    for f in findings:
        dates = (
            [m.span() for m in _DATE_OR_TIME.finditer(text, f.start, f.end)]
            if f.removed and f.kind in _ZONE_LINE_KINDS
            else []
        )
        if not dates:
            settled.append(f)
            continue
        cuts = [f.start] + [edge for span in dates for edge in span] + [f.end]
        for start, end in zip(cuts[::2], cuts[1::2], strict=True):
            piece = text[start:end]
            if piece.strip(" \t,;:-()"):
                settled.append(
                    Finding(
                        start, end, f.kind, piece, f.cls, f.removed, f.machine_removed, f.reason
                    )
                )
    return settled


def _writers_people_once_named(
    findings: list[Finding], decisions: Mapping[str, str]
) -> list[Finding]:
    """ "as Janet asked" after "My supervisor Janet Ogunleye": a name the text has tied to the
    writer (their colleague, a name in their header or signature) is theirs wherever it stands
    again, whatever the words around the short form suggest."""
    writers = [
        set(_tokens(f.text)) - TITLES
        for f in findings
        if f.removed
        and f.kind in ("person", "proper", "name", "colleague", "mailbox")
        and (f.cls == SOURCE or f.reason.startswith(_WRITERS_OWN))
        and (
            len(set(_tokens(f.text)) - TITLES) >= 2
            # "my foreman, Huw" ... "One lad showed Huw": one name the text gave the writer.
            or (
                f.kind == "person"
                and f.reason.startswith("the text ties it to the writer")
                and not is_english_word(f.text.casefold())
            )
        )
        and not any(ch.isdigit() for ch in f.text)  # "Hounslow TW3" of a letterhead is a place
    ]
    if not writers:
        return findings
    return _short_forms_follow(
        findings,
        writers,
        decisions,
        removed=True,
        reason=_WRITERS_SHORT_FORM,
    )


def _short_forms_follow(
    findings: list[Finding],
    names: list[set[str]],
    decisions: Mapping[str, str],
    *,
    removed: bool,
    reason: str,
) -> list[Finding]:
    """A person's short form nobody decided alone takes the decision of a name it is part of:
    kept (``removed`` False) only where the machine removed it, removed where it was kept."""
    settled = []
    for f in findings:
        words = set(_tokens(f.text)) - TITLES
        if (
            f.cls == UNKNOWN
            and f.removed != removed
            and (removed or f.machine_removed)
            and f.kind in ("person", "proper")
            and words
            and f.key not in decisions
            and any(words <= name for name in names)
        ):
            f = Finding(f.start, f.end, f.kind, f.text, f.cls, removed, removed, reason)
        settled.append(f)
    return settled


_LABEL_ABBREVIATIONS = frozenset(
    ["addr", "tel", "mob", "ref", "dob", "nhs", "urn", "pt", "yp", "dsl", "reg", "dept", "loc"]
)


def _field_label(text: str, candidate: Candidate) -> bool:
    """ "Addr:", "Clinician:", "Tenancy:" in a case print's top block name a field, not anyone:
    an everyday word (or a field's abbreviation) straight before a colon. A chat's "Tomek:" is
    no everyday word and is judged as a name."""
    if candidate.kind not in _PERSON_KINDS or text[candidate.end : candidate.end + 1] != ":":
        return False
    if not candidate.text[:1].isupper() or not candidate.text.replace(" ", "").isalpha():
        return False  # a chat's "tom.w:" or "[09:03] aisha.br:" is someone's name
    if re.search(r"(?:\]|\d:\d\d)[ \t]*$", text[max(0, candidate.start - 8) : candidate.start]):
        return False
    words = _tokens(candidate.text)
    return bool(words) and all(
        w in _LABEL_ABBREVIATIONS
        or (is_english_word(w) and not is_lower_case_name(w) and not is_first_name(w))
        for w in words
    )


_PERSON_KINDS = frozenset({"person", "proper"})
_ZONE_LINE_KINDS = frozenset({"letterhead", "signature", "header", "label"})


def _is_writer_zone_span(span: Span) -> bool:
    return span.kind in {"signature", "contact", "mailbox"}


_APPOSITION = re.compile(r"(?i)^[\s,;:()\[\]/|\-\u2013\u2014]*(?:(?:at|of|on|in|from|t/a)\s+)?$")


def _beside_source(text: str, candidate: Candidate, ranges: list[tuple[int, int]]) -> bool:
    """An identifier in apposition with the source's ("Rathmore Youth Trust, Unit 4 Carr Mill",
    "Dr Raman (GP Partner)") is the source's too."""
    for start, end in ranges:
        if 0 <= candidate.start - end <= 8 and _APPOSITION.match(text[end : candidate.start]):
            return True
        gap = text[candidate.end : start]
        # Before the source's find, a mark must part them: "Dr Raman (GP Partner)"; in dictation
        # "on malvern road my other coach" runs one clause into the next.
        if 0 <= start - candidate.end <= 8 and _APPOSITION.match(gap) and gap.strip():
            return True
    return False


def _the_sources_number(text: str, candidate: Candidate, ranges: list[tuple[int, int]]) -> bool:
    """A number said to be a name's where the name is the source's or a colleague's ("Joanne
    phone 07700 ...", "Dave's mobile is ..."): the finder read "a name's number" as someone
    else's without knowing whose the name is."""
    return any(
        0 <= candidate.start - end <= 40 and _NUMBER_AFTER_A_NAME.match(text[end : candidate.start])
        for _start, end in ranges
    )


_NUMBER_AFTER_A_NAME = re.compile(
    r"(?i)(?:['\u2019]s)?[ \t]+(?:\w+[ \t]+)?(?:phone|number|num|no\.?|mobile|mob|tel|cell|"
    r"contact|whatsapp)\b[^\n.!?;]{0,30}$"
)


def _tied_to_writer(candidate: Candidate) -> Candidate:
    return Candidate(
        candidate.start, candidate.end, candidate.kind, candidate.text, candidate.zone, True, False
    )


def _distinct(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first where candidates overlap, so a whole address wins over its street; of two
    readings of one stretch, the one that ties it to the writer ("my foreman, Huw" read as the
    writer's colleague, not a bare capitalised word)."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), c.start, not c.writer_cue))
    chosen: list[Candidate] = []
    for candidate in ordered:
        if any(c.start < candidate.end and candidate.start < c.end for c in chosen):
            continue
        chosen.append(candidate)
    return chosen


def _finding(
    candidate: Candidate, cls: str, removed: bool, reason: str, machine: bool | None = None
) -> Finding:
    return Finding(
        candidate.start,
        candidate.end,
        candidate.kind,
        candidate.text,
        cls,
        removed,
        removed if machine is None else machine,
        reason,
    )


_REMOVED_UNLESS_THIRD_PARTY = frozenset({"person", "phone", "email", "web", "number"})
_KEPT_UNLESS_WRITER = frozenset({"place", "address", "postcode", "vehicle", "handle"})


def _machine_removes(candidate: Candidate, text: str) -> bool:
    """The machine's best judgement on an identifier nobody entered as a subject's."""
    if candidate.zone:
        return True
    kind = candidate.kind
    if kind in _KEPT_UNLESS_WRITER:
        return candidate.writer_cue
    if kind == "role" and _someone_elses_role(candidate, text):
        return False
    if kind in (
        "organisation",
        "role",
        "header",
        "signature",
        "letterhead",
        "label",
        "chat",
        "premises",
        "initials",
    ):
        return True
    if candidate.writer_cue:
        return True
    if kind in _PERSON_KINDS and (
        _SAINT_BEFORE.search(text, max(0, candidate.start - 8), candidate.start)
        or _SAINT_FIRST.match(candidate.text)
    ):
        # "St Aidan's", "St. Bede's primary": a church, a school or a street named for a saint.
        return False
    if kind in _PERSON_KINDS and (
        _PLACE_NOUN_AFTER.match(text, candidate.end)
        or _PRODUCT_NOUN_AFTER.match(text, candidate.end)
    ):
        # "Kirkby station", "West Bromwich bus station", "Willow Tree pub car park": a place
        # named by what it is; kept unless the text ties it to the writer (above).
        return False
    if (
        kind in _PERSON_KINDS
        and _tokens(candidate.text)[-1:]
        and (_tokens(candidate.text)[-1] in _TRADES)
    ):
        # "GL Roofing", "Denton Plastering", "Sparkle Valet": a trader's business that the text
        # is about (the source's own organisation is found by the source matchers first).
        return False
    if kind == "proper":
        # One capitalised word nobody entered: a place after "in"/"near", a person's name after
        # "his brother", else removed (an organisation's short name, a colleague's surname).
        before = text[max(0, candidate.start - 30) : candidate.start]
        if _WRITERS_ORIGIN.search(before):
            return True  # "I am from Poland": where the writer comes from points to them
        locative = _LOCATIVE.search(before) and not _AGENT_BY.search(before)
        in_an_address = (
            _AFTER_ADDRESS.search(before)
            or _AFTER_HOUSE_NUMBER.search(before)
            or _WELSH_STREET_BEFORE.search(before)
        )
        return not (candidate.third_party_cue or locative or in_an_address)
    if kind in _REMOVED_UNLESS_THIRD_PARTY:
        return not candidate.third_party_cue
    return True


def _unlisted_registration(candidate: Candidate, matcher: _SubjectMatcher, text: str) -> bool:
    """The professional listed the vehicles of concern on the form: a registration in the text
    that is none of them, and that the text does not give to someone else, is most often the
    writer's own (their van, cab or minibus). Without listed registrations nothing changes."""
    return (
        candidate.kind == "vehicle"
        and bool(matcher.registrations)
        and not candidate.third_party_cue
        and not _HANDLE_BEFORE.search(text, max(0, candidate.start - 1), candidate.start)
        and not _someone_elses_nearest(_sentence_before(text, candidate.start), matcher)
        and (
            _REGISTRATION_SHAPE.fullmatch(_compact(candidate.text)) is not None
            or _OLDER_REGISTRATION.fullmatch(candidate.text) is not None
        )
    )


# Who the words before a vehicle speak of, nearest first: the writer ("my", "I") or someone
# else ("he", "their", a name entered as a subject's): "Aaron drives a grey Audi ...".
_PERSON_WORD = re.compile(
    r"(?i)\b(?:i|i['\u2019]m|im|my|me|we|our|us|he|she|they|his|their|him|them|[a-z]{3,})\b"
)
_WRITERS = frozenset({"i", "i'm", "i\u2019m", "im", "my", "me", "we", "our", "us"})
_SOMEONE_ELSES = frozenset({"he", "she", "they", "his", "their", "him", "them"})


def _someone_elses_nearest(before: str, matcher: _SubjectMatcher) -> bool:
    for match in reversed(list(_PERSON_WORD.finditer(before))):
        word = match.group().casefold()
        if word in _WRITERS:
            return False
        if word in _SOMEONE_ELSES or word in matcher.first_words:
            return True
    return False


def _sentence_before(text: str, at: int, reach: int = 120) -> str:
    """Up to ``reach`` characters before ``at``, back to the clause's start."""
    start = max(text.rfind(mark, max(0, at - reach), at) for mark in ".!?\n;")
    return text[max(start + 1, at - reach) : at]


def _sentence_after(text: str, at: int, reach: int = 60) -> str:
    """Up to ``reach`` characters from ``at``, to the clause's end."""
    rest = text[at : at + reach]
    stop = _CLAUSE_END.search(rest)
    return rest[: stop.start()] if stop else rest


_CLAUSE_END = re.compile(r"[.!?\n;]")


# "kaan.ak21 and": the tail of a handle, not a registration.
_HANDLE_BEFORE = re.compile(r"[\w.@/]$")
# A UK registration: the current shape in any case ("ab12 cde"), the older prefix and suffix
# shapes only in capitals ("A123 BCD", "ABC 123D"), so "r88 and" in a handle is none.
_REGISTRATION_SHAPE = re.compile(r"[a-z]{2}\d{2}[a-z]{3}")
_OLDER_REGISTRATION = re.compile(r"[A-Z]\d{1,3}[ \t]?[A-Z]{3}|[A-Z]{3}[ \t]?\d{1,3}[A-Z]")


# A job the text gives to someone else: "Her dad is a taxi driver", "His wife work as a
# receptionist", "He claims to be a bank manager", "his boss"; and a job doing what the
# subjects do, "the driver was a different, older man", "male driver approx 25", "boss Costel
# keeps passport". The writer's own job is said with "I", "my" or "our" (a writer's cue).
_KIN_OR_PERSON = (
    r"mum|mam|dad|mother|father|wife|husband|partner|brother|sister|uncle|aunt|auntie|cousin|son|"
    r"daughter|friend|boyfriend|girlfriend|man|woman|guy|lad|bloke|girl|boy"
)
_ROLE_OF_SOMEONE_ELSE_BEFORE = re.compile(
    r"(?i)(?:\b(?:his|her|their)[ \t]+(?:[\w-]+[ \t]+)?"
    r"|\b(?:he|she|they|(?:" + _KIN_OR_PERSON + r"))[ \t]+(?:[\w'\u2019-]+[ \t]+){0,3}?"
    r"(?:is|was|are|were|works?|worked|working|claims?[ \t]+to[ \t]+be|pretends?[ \t]+to[ \t]+be)"
    r"[ \t]+(?:[\w-]+[ \t]+){0,2}?(?:as[ \t]+)?(?:an?|the)[ \t]+(?:[\w-]+[ \t]+)?"
    r"|\b(?:the|a|male|female|older|young|younger|another)[ \t]+)$"
)
_DOING_AFTER_ROLE = re.compile(
    r"(?i)[ \t]+(?:was|is|took|take|takes|keeps?|kept|drove|drives|had|has|said|says|told|"
    r"shouted|pushed|grabbed|took|looked|approx|aged|about[ \t]+\d|\(?\d|(?-i:[A-Z])[a-z]+[ \t]+"
    r"(?:keeps?|kept|takes?|took|has|had|says?|said))\b"
)


def _someone_elses_role(candidate: Candidate, text: str) -> bool:
    found = _ROLE_OF_SOMEONE_ELSE_BEFORE.search(_sentence_before(text, candidate.start, 60))
    if found is None:
        return False
    if _THIRD_PERSON_OR_KIN.search(found.group()):
        return True  # "Her dad is a taxi driver", even where "works as a" looked like the writer
    if candidate.writer_cue:
        return False
    # "the driver was ...", "male driver approx 25": only when what follows says what they did,
    # and not of the writer ("the boss is my brother-in-law").
    after = _DOING_AFTER_ROLE.match(text, candidate.end)
    if after is None:
        return False
    return not _WRITERS_WORD.search(_sentence_after(text, candidate.end))


_THIRD_PERSON_OR_KIN = re.compile(r"(?i)\b(?:his|her|their|he|she|they|" + _KIN_OR_PERSON + r")\b")
_WRITERS_WORD = re.compile(r"(?i)\b(?:i|me|my|our|us|we|myself)\b")


_TIED_TO_SOMEONE_ELSE = "the text ties it to someone else"
# What the machine says of a finding the text ties to the writer (a prefix each).
_WRITERS_OWN = (_TIED_TO_WRITER, "in the writer's")
_WRITERS_REASONS = (*_WRITERS_OWN, _WRITERS_SHORT_FORM)


def _reason(candidate: Candidate, machine: bool) -> str:
    if candidate.zone:
        return f"in the writer's {candidate.zone}"
    if machine and candidate.writer_cue:
        return _TIED_TO_WRITER
    if not machine and candidate.third_party_cue:
        return _TIED_TO_SOMEONE_ELSE
    if machine:
        return "not entered as a subject's"
    return "a place or vehicle not tied to the writer"


class _SubjectMatcher:
    """Whether an identifier is one the professional entered as a subject's."""

    def __init__(self, details: SubjectDetails) -> None:
        self.name_tokens = [_tokens(name) for name in details.protected_names]
        self.name_sets = [frozenset(tokens) for tokens in self.name_tokens if tokens]
        self.phrases = [" ".join(_tokens(p)) for p in details.kept if _tokens(p)]
        self.phones = {n[-9:] for raw in details.phones for n in field_numbers(raw) if n}
        self.phones |= {d[-9:] for raw in details.phones if len(d := _digits(raw)) >= 9}
        self.handles = {h.lower().lstrip("@").strip() for h in details.handles if h.strip()}
        self.handles |= {h.rsplit("/", 1)[-1] for h in self.handles}
        self.places = [" ".join(_tokens(p)) for p in details.places if _tokens(p)]
        self.settings = [" ".join(_tokens(p)) for p in details.settings if _tokens(p)]
        self.vehicles = {_compact(v) for v in details.vehicles if v.strip()}
        # Each entered name's words (three letters or more), to tell whose vehicle a sentence
        # speaks of.
        self.first_words = frozenset(w for name in self.name_sets for w in name if len(w) >= 3)
        self.registrations = {
            _compact(v)
            for v in details.vehicles
            if _REGISTRATION_SHAPE.fullmatch(_compact(v))
            or _OLDER_REGISTRATION.fullmatch(v.strip())
        }
        self._matched: dict[tuple[str, str], bool] = {}

    def names_match(self, candidate: Candidate) -> bool:
        """Every word of the candidate is a word of one name (or nickname) as entered."""
        wanted = _name_words(candidate.text)
        return bool(wanted) and any(wanted <= name for name in self.name_sets)

    def is_entered_name(self, value: str, count: int) -> bool:
        """``value`` (of ``count`` words) is a name as entered: two words or more of one, or the
        whole of a one-word name."""
        wanted = _name_words(value)
        return bool(wanted) and any(
            wanted <= name and (count >= 2 or wanted == name) for name in self.name_sets
        )

    def starts_entered_name(self, words: list[str]) -> bool:
        """The words open with a name as entered: two words of one name, or one word of it
        that is no everyday English word ("shanice", not "jade")."""
        first = [w for w in _tokens(" ".join(words[:2])) if w not in TITLES]
        if len(first) >= 2 and any(set(first) <= name for name in self.name_sets):
            return True
        return (
            bool(first)
            and len(first[0]) >= 3
            and not is_english_word(first[0])
            and any(first[0] in name for name in self.name_sets)
        )

    def matches(self, candidate: Candidate) -> bool:
        # The answer depends on the kind and the words alone: each is worked out once a text.
        key = (candidate.kind, candidate.text)
        known = self._matched.get(key)
        if known is None:
            known = self._matched[key] = self._matches(candidate)
        return known

    def _matches(self, candidate: Candidate) -> bool:
        kind = candidate.kind
        value = candidate.text
        tokens = [t for t in _tokens(value) if t not in TITLES]
        joined = " ".join(tokens)
        if joined and any(joined == p or f" {joined} " in f" {p} " for p in self.phrases):
            return True
        if kind == "phone":
            # Read out ("oh seven seven double oh ...") it is the number entered in figures.
            spoken = spoken_digits(value) if any(ch.isalpha() for ch in value) else ""
            digits = national_number(value) or _digits(value) or spoken
            return len(digits) >= 9 and digits[-9:] in self.phones
        if kind in ("handle", "web", "email"):
            bare = value.lower().lstrip("@").rstrip("/")
            return bare in self.handles or bare.rsplit("/", 1)[-1] in self.handles
        if kind == "vehicle" or (kind == "number" and self.vehicles):
            # A plate read out ("yankee hotel two two delta echo xray") is the plate entered.
            compact = _spoken_plate(value) or (_compact(value) if kind == "vehicle" else "")
            return bool(compact) and any(
                compact in v or v in compact for v in self.vehicles if len(v) >= 3
            )
        if kind in ("place", "address", "postcode"):
            return bool(joined) and any(
                f" {joined} " in f" {p} " for p in self.places + self.settings
            )
        if not tokens:
            return False
        if self.names_match(candidate):
            return True
        if kind in ("proper", "organisation") and joined:
            # A whole place as entered; one word of it ("Bridge" of a setting "Bridge Learning
            # Campus") is not enough: the setting is often the source's own organisation.
            # A whole place as entered, or two words of it: one word ("Meadowbank" of an address
            # in Meadowbank) may be the source's branch named after the same area.
            return any(
                joined == p or (len(tokens) >= 2 and f" {joined} " in f" {p} ")
                for p in self.places + self.settings
            )
        return False


def _name_words(value: str) -> set[str]:
    return {t for t in _tokens(value) if t not in TITLES}


@lru_cache(maxsize=4096)
def _tokens(value: str) -> tuple[str, ...]:
    # "Kyle's" -> kyle, s: the possessive's s is no word of the name.
    return tuple(t for t in _TOKEN.findall(value.casefold()) if t != "s")


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


_SPOKEN_DIGITS = {
    "zero": "0", "oh": "0", "o": "0", "nought": "0", "one": "1", "two": "2", "three": "3",
    "four": "4", "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
}  # fmt: skip
_SPOKEN_REPEATS = {"double": 2, "triple": 3, "treble": 3}


def _spoken_plate(value: str) -> str:
    """ "yankee hotel two two delta echo xray" -> "yh22dex": the letters of the phonetic
    alphabet and the digits said, or "" when the value is not all phonetic words and digits
    (a typed plate is compared as it is written)."""
    out: list[str] = []
    repeat = 1
    words = re.findall(r"[a-z]+(?:-[a-z]+)?|\d+", value.casefold())
    if len(words) < 3 or not any(w in PHONETIC for w in words):
        return ""
    for word in words:
        if word in _SPOKEN_REPEATS:
            repeat = _SPOKEN_REPEATS[word]
        elif word in PHONETIC:
            out.append(("x" if word.startswith("x") else word[0]) * repeat)
            repeat = 1
        elif word in _SPOKEN_DIGITS or word.isdigit():
            out.append(_SPOKEN_DIGITS.get(word, word) * repeat)
            repeat = 1
        else:
            return ""
    return "".join(out)


def _compact(value: str) -> str:
    return re.sub(r"[^0-9a-z]", "", value.casefold())
