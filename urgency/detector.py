"""Does what a professional wrote on the non-urgent form sound like danger now?

`detect` reads the information, the when-text and each description, and answers whether the
writer should be stopped and told to ring 999 or 101, which kinds of danger the words suggest, and
exactly where they wrote them. Nothing leaves the process: plain rules over normalised text.

A danger word counts only in its context: "no weapons were seen" is negated, "self-harmed two
years ago, now supported by CAMHS" is over, "killing time" and "the gun club" are everyday
senses, a knife in a cooking class is a tool, a missing girl who "has been found" is not
missing. Weaker signs ("goodbye", "last seen", "scared", "jump him") count when they come with a
time that is now or soon, or with another sign of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from urgency import learned as learned_reading
from urgency import patterns as p
from urgency.cues import Cue, sentence_cues
from urgency.text import NormalText, normalise

KINDS = ("weapon", "threat_to_life", "self_harm", "missing_now", "imminent")
_QUOTES = "'\"\u2018\u2019\u201c\u201d"
_SAID_TO = re.compile(
    r"(?:(?:^| )(?:he|she|they|you|i|we) (?:is|are|am|will be|was|were)|"
    r"(?:^| )(?:going to|will|gonna|about to)) $"
)
_QUOTED_NAME = re.compile(
    r"\b(?:called|named|nicknamed|known as|titled|name is)\s+['\"\u2018\u201c][^'\"\u2019\u201d]*$",
    re.IGNORECASE,
)
_CLAIM_REACH = 10  # words before a danger word that "no suggestion that" can deny
_NEGATION_REACH = 4  # words before a danger word that a "no"/"not"/"never" can govern
_POSSESSION_REACH = 8  # words before a weapon that "has"/"carrying"/"with" can govern
_INTENT_BEFORE = re.compile(
    rf"(?:{p.INTENT}|be|being|get|gets|getting|got|there is|there will|is going to) "
    rf"{p.gap(2)}$"
)
_AT_SOMEONE = p.compile_words(
    p.words("him", "her", "them", "you", "me", "us", "someone", "somebody", "anyone", "everyone")
)
_PLANNED = p.compile_words(
    p.words(
        "planned",
        "plan",
        "plans",
        "arranged",
        "there will be",
        "there is going to be",
        "going to be",
    )
)
_WEAPON_PLACE = re.compile(
    r"^(?:[^\s.,]+ ){0,3}?(?:in|on|under|inside) (?:his|her|their|the|my|a) "
    r"(?:bag|pocket|waistband|belt|jacket|coat|sock|socks|car|room|bed|rucksack|hand|hoodie|"
    r"trousers|boot|shed|bedroom)"
)


@dataclass(frozen=True)
class Span:
    """Characters start..end of what the writer typed in one field (descriptions by index)."""

    field: str
    start: int
    end: int
    index: int | None = None


@dataclass(frozen=True)
class UrgencyResult:
    urgent: bool
    kinds: tuple[str, ...]
    spans: tuple[Span, ...] = field(default=())

    def quotes(self, *, information: str, when: str, descriptions: list[str]) -> list[str]:
        """The writer's own words behind each span, to show back to that writer only."""
        texts = {"information": information, "when": when}
        return [
            (descriptions[span.index] if span.index is not None else texts[span.field])[
                span.start : span.end
            ]
            for span in self.spans
        ]


@dataclass
class _Hit:
    kind: str
    strong: bool
    span: Span
    sentence_has_time: bool
    in_when: bool
    words: str = ""  # the canonical words matched: one sign named twice is still one sign


@dataclass(frozen=True)
class _Sentence:
    text: str
    offset: int  # where the sentence starts in the field's canonical text
    field_name: str
    index: int | None
    normal: NormalText
    written: str  # the whole field as the writer typed it

    def quoted_alone(self, start: int, end: int) -> bool:
        """Whether canonical characters start..end are one word the writer put in quotes.

        A lone word in quotes ("calls his trainers his 'weapons'") is mentioned, not used."""
        first, last = self.normal.written_span(self.offset + start, self.offset + end)
        word = self.written[first:last]
        quoted = (
            first > 0
            and last < len(self.written)
            and self.written[first - 1] in _QUOTES
            and self.written[last] in _QUOTES
            and not any(ch.isspace() for ch in word)
        )
        # A word quoted as said to someone is used: "he is 'dead'", "going to 'snatch' him".
        return quoted and not _SAID_TO.search(self.text[:start])

    def named(self, start: int, end: int) -> bool:
        """Whether canonical characters start..end sit in a quoted name: a team "called 'The
        Serial Killers'", a film titled "'Knife Edge'"."""
        first, _ = self.normal.written_span(self.offset + start, self.offset + end)
        return _QUOTED_NAME.search(self.written[max(0, first - 60) : first]) is not None

    def span(self, start: int, end: int) -> Span:
        first, last = self.normal.written_span(self.offset + start, self.offset + end)
        return Span(self.field_name, first, last, self.index)


def _overlaps(match: re.Match[str], pattern: re.Pattern[str], text: str) -> bool:
    return any(
        other.start() < match.end() and match.start() < other.end()
        for other in pattern.finditer(text)
    )


def _past_governs(text: str, past: re.Match[str], match: re.Match[str]) -> bool:
    """Whether a past marker in the sentence puts this danger word in the past. It does, unless
    it sits in a later clause of its own: "she came in from the home in her nightdress, looking
    for her husband who died years ago" keeps the nightdress now."""
    if past.start() < match.end() or text.find(" , ", match.end(), past.start()) < 0:
        return True
    clause = _clause_around(text, past.start(), past.end())
    return len(clause.split()) <= 5


def _clause_around(text: str, start: int, end: int) -> str:
    """The " , "-delimited clause of the sentence that holds characters start..end."""
    first = text.rfind(" , ", 0, start)
    last = text.find(" , ", end)
    return text[first + 3 if first >= 0 else 0 : last if last >= 0 else len(text)]


def _clause_before(text: str, position: int, reach: int) -> str:
    clause = text[:position].rsplit(" , ", 1)[-1]
    return " ".join(clause.split()[-reach:])


# A negation does not reach past a new subject or a joining word: in "if she does not pay he
# will kill her", the "not" is hers, not his.
_NEW_CLAUSE = re.compile(
    r"^.*(?:^| )(?:if|when|because|but|that|so|unless|until|then|and|he|she|they|i|we|who) "
)


def _negated(text: str, match: re.Match[str]) -> bool:
    # "There is no suggestion he would hurt her": the whole claim that follows is denied.
    if p.DENIED_CLAIM.search(_clause_before(text, match.start(), _CLAIM_REACH)):
        return True
    before = _clause_before(text, match.start(), _NEGATION_REACH) + " "
    before = _NEW_CLAUSE.sub("", before)
    before = p.HEDGED_NEGATION.sub(" ", before)
    return p.NEGATION.search(before) is not None


def _sentences(field_name: str, index: int | None, value: str) -> list[_Sentence]:
    normal = normalise(value)
    found: list[_Sentence] = []
    offset = 0
    for part in normal.canonical.split(" . "):
        # The last sentence's own full stop goes too: "... at her ." ends at "her".
        part = part.removesuffix(" .") if part.endswith(" .") else part
        if part.strip(" .,"):
            found.append(_Sentence(part, offset, field_name, index, normal, value))
        offset += len(part) + 3
    return found


def _times(text: str) -> list[re.Match[str]]:
    found = list(p.TIME_NOW.finditer(text))
    if p.LOOKS_AHEAD.search(text):
        found += p.WEEKDAY.finditer(text)
    return found


def _strong_time(text: str) -> bool:
    return any(match.group() != "now" for match in _times(text))


def _possessive(text: str, match: re.Match[str]) -> bool:
    if not match.group().endswith(" her"):
        return False
    following = text[match.end() :].split(maxsplit=1)
    # An adverb ("wake her properly") follows an object, not a possessive.
    return (
        bool(following)
        and following[0] not in p.OBJECT_FOLLOWERS
        and not following[0].endswith("ly")
    )


def _tool_setting(text: str) -> bool:
    """Whether the sentence puts a blade or a gun in an ordinary use: a job, a kitchen, a club.
    Where the writer heard it ("told me at training") is no such use."""
    disclosed = p.DISCLOSURE.search(text) is not None
    return any(
        not (disclosed and p.SETTING.fullmatch(match.group()))
        for match in p.ORDINARY_WEAPON_CONTEXT.finditer(text)
    )


def _past_in_relative(text: str, past: re.Match[str], match: re.Match[str]) -> bool:
    """A past marker in a relative clause after the danger word dates that clause, not the
    danger: "going to do the lad who glassed him last week"."""
    between = text[match.end() : past.start()]
    return past.start() >= match.end() and re.search(r"(?:^| )(?:who|whom|whose)(?= )", between)


_CUE_PATTERNS = (
    ("self_harm", p.SELF_HARM),
    ("self_harm_sign", p.SELF_HARM_SIGN),
    ("threat", p.THREAT),
    ("violence", p.WEAPON_VIOLENCE),
    ("weapon", p.WEAPON),
    ("missing", p.MISSING),
    ("missing_sign", p.MISSING_SIGN),
    ("danger", p.DANGER_NOW),
    ("death", p.DEATH),
    ("threat_with", p.THREAT_WITH),
    ("understated_self", p.UNDERSTATED_SELF),
    ("understated_danger", p.UNDERSTATED_DANGER),
)


def _sentence_hits(
    sentence: _Sentence,
    *,
    found_later: bool,
    settled_after: bool,
    safe_after: bool,
    joking_after: bool,
    clarified_after: bool = False,
    weapon_cleared: bool,
    weapon_disposed: bool,
    pet_lost: bool = False,
) -> list[_Hit]:
    text = sentence.text
    cues = {name: list(pattern.finditer(text)) for name, pattern in _CUE_PATTERNS}
    stem_cues = sentence_cues(text)
    if not any(cues.values()) and not stem_cues:
        return []  # most sentences: nothing else to read
    if clarified_after or p.CLARIFIED.search(text):
        return []  # the writer says what the words meant, and it was no harm

    times = _times(text)
    strong_time = any(match.group() != "now" for match in times)
    times += p.GOING_ON.finditer(text)
    has_time = bool(times)
    dated = p.DATED.search(text) is not None and p.LOOKS_AHEAD.search(text) is None
    over = safe_after or ((settled_after or dated) and not strong_time)
    past = [] if strong_time else list(p.PAST.finditer(text))
    # "... but he arrived safely" closes what came before it in the sentence, not what follows.
    safe_from = max((match.start() for match in p.SAFE_NOW.finditer(text)), default=-1)
    made_up = p.FICTION_OR_TEACHING.search(text) is not None or (
        p.SETTING.search(text) is not None and p.DISCLOSURE.search(text) is None
    )
    # "Might one day" is no emergency, but a spoken threat with an "if" still is one.
    maybe = p.ONLY_POSSIBLE.search(text) is not None or (
        not strong_time and p.MAYBE.search(text) is not None
    )
    # "He was not joking" is no joke; a joke told in the next sentence is ("He was laughing").
    joking = joking_after or any(not _negated(text, match) for match in p.JOKE.finditer(text))
    in_when = sentence.field_name == "when"
    asked = p.ANSWERED_YES.search(text) is None
    hits: list[_Hit] = []

    def add(kind: str, strong: bool, match: re.Match[str]) -> None:
        if sentence.quoted_alone(match.start(), match.end()) or sentence.named(
            match.start(), match.end()
        ):
            return
        span = sentence.span(match.start(), match.end())
        hits.append(_Hit(kind, strong, span, has_time, in_when, match.group()))

    def usable(
        match: re.Match[str], idiom: re.Pattern[str] | None = None, *, conditional: bool = True
    ) -> bool:
        if over or made_up or (maybe and conditional) or match.end() <= safe_from:
            return False
        if any(
            _past_governs(text, when, match) and not _past_in_relative(text, when, match)
            for when in past
        ):
            return False
        if asked and p.QUESTIONED.search(text[: match.start()]):
            return False
        # "In our session tonight, a lad said that in Year 7 someone pulled a blade on him": the
        # clause that holds the danger is in the past, whatever time another clause gives.
        clause = _clause_around(text, match.start(), match.end())
        clause_past = [
            when
            for when in p.PAST.finditer(text)
            if clause.find(when.group()) >= 0 and not _past_in_relative(text, when, match)
        ]
        if clause_past and not any(m.group() != "now" for m in _times(clause)):
            return False
        if idiom is not None and _overlaps(match, idiom, text):
            return False
        return not _negated(text, match)

    # "Would not agree to a safety plan" is no recovery.
    playing = p.PLAY.search(text) is not None
    recovered = playing or (
        bool(cues["self_harm"] or cues["self_harm_sign"])
        and any(not _negated(text, match) for match in p.RECOVERED.finditer(text))
    )
    for match in cues["self_harm"]:
        if match.group() == "rather die" and joking:
            continue
        if usable(match, p.SELF_HARM_IDIOM) and not recovered:
            add("self_harm", True, match)
    for match in cues["understated_self"]:
        # Understatement is itself the warning: "she might do something silly" is no maybe.
        if usable(match, conditional=False) and not recovered and not joking:
            add("self_harm", True, match)
    for match in cues["understated_danger"]:
        # Going home is today: "not safe to go home" is a danger now.
        if usable(match, conditional=False) and not joking:
            add("imminent", True, match)
    for match in cues["self_harm_sign"]:
        if usable(match, p.SELF_HARM_IDIOM) and not recovered:
            add("self_harm", False, match)

    # "Shown how to use a rigging knife safely" aims the knife at no one.
    tool_setting = _tool_setting(text)
    threats = [
        match
        for match in cues["threat"]
        if not joking
        and usable(match, p.THREAT_IDIOM, conditional=False)
        and not _overlaps(match, p.SELF_HARM, text)
        and not _overlaps(match, p.ORDINARY_SHOOTING, text)
        and not (tool_setting and not _AT_SOMEONE.search(text[match.start() : match.end() + 12]))
    ]
    for match in threats:
        add("threat_to_life", True, match)

    violent = [
        match
        for match in cues["violence"]
        if not joking
        and (_INTENT_BEFORE.search(text[: match.start()]) or _PLANNED.search(text) or has_time)
        and usable(match, p.ORDINARY_SHOOTING)
        and not _overlaps(match, p.ORDINARY_WEAPON, text)
        and not tool_setting
    ]
    violent += [
        match for match in cues["threat_with"] if not joking and usable(match, conditional=False)
    ]
    for match in violent:
        add("weapon", True, match)
        add("threat_to_life", True, match)

    if cues["weapon"] and not joking:
        ordinary_setting = tool_setting and not threats
        for match in cues["weapon"]:
            if ordinary_setting or not usable(match, p.ORDINARY_WEAPON):
                continue
            if weapon_cleared and not (has_time or threats or violent):
                continue
            if weapon_disposed and not (threats or violent):
                continue
            before = _clause_before(text, match.start(), _POSSESSION_REACH)
            held = p.POSSESSION.search(before) is not None and not p.NOT_POSSESSION.search(before)
            placed = _WEAPON_PLACE.match(text[match.end() :].strip()) is not None
            # A weapon named is urgent unless it is only talked about ("videos of knives").
            talked_about = p.NOT_POSSESSION.search(before) is not None and not (
                held or placed or has_time or threats or violent
            )
            if not talked_about:
                add("weapon", True, match)

    named = {hit.span for hit in hits}
    for match in cues["death"]:
        if recovered and match.group().startswith("suicid"):
            continue  # "long-standing suicidal ideation, no current plan, reviewed and safe"
        if joking or not usable(match, p.THREAT_IDIOM) or _overlaps(match, p.SELF_HARM_IDIOM, text):
            continue
        kind = "self_harm" if p.SELF_REFERENCE.search(text) else "threat_to_life"
        span = sentence.span(match.start(), match.end())
        if not any(span.start < other.end and other.start < span.end for other in named):
            add(kind, True, match)

    for match in cues["missing"]:
        if not found_later and usable(match, p.ORDINARY_MISSING):
            add("missing_now", True, match)
    for match in cues["missing_sign"]:
        if not found_later and usable(match):
            add("missing_now", False, match)

    for match in cues["danger"]:
        if (
            not joking
            and usable(match, p.ORDINARY_SHOOTING)
            and not _overlaps(match, p.THREAT_IDIOM, text)
            and not _possessive(text, match)
        ):
            if p.ESCORT.match(match.group()) and (
                p.ROUTINE.search(text) or p.ORDINARY_ESCORT.search(text[: match.start()])
            ):
                continue
            add("imminent", False, match)
            if p.SERIOUS_HARM.search(text[match.end() :]):
                add("threat_to_life", True, match)

    hits += _cue_hits(
        sentence,
        cues=stem_cues,
        usable=usable,
        joking=joking,
        found_later=found_later or pet_lost,
        has_time=has_time,
    )
    if any(cue.kind == "harmless" for cue in stem_cues):
        hits = [hit for hit in hits if hit.kind != "weapon"]
    if any(hit.kind != "time" for hit in hits):
        hits += [
            _Hit("time", False, sentence.span(match.start(), match.end()), True, in_when)
            for match in times
        ]
    return hits


class _At:
    """A cue's characters, read like a regular-expression match by the rules' checks."""

    def __init__(self, text: str, cue: Cue) -> None:
        self._text, self._cue = text, cue

    def start(self) -> int:
        return self._cue.start

    def end(self) -> int:
        return self._cue.end

    def group(self) -> str:
        return self._text[self._cue.start : self._cue.end]


# Harm verbs that name a weapon in use: "I will cut you", "going to glass his ex".
_WEAPON_VERB = re.compile(
    r"(?<!\S)(?:stab\w*|shoot\w*|shot|knif\w*|glass\w*|bottl\w*|slash\w*|shank\w*|cut\w*|"
    r"acid|petrol|jook\w*|juk\w*|chef|dip|wet)(?!\S)"
)


def _cue_hits(
    sentence: _Sentence,
    *,
    cues: tuple[Cue, ...],
    usable: Callable[..., bool],
    joking: bool,
    found_later: bool,
    has_time: bool,
) -> list[_Hit]:
    """Hits from the stem-level cues (`urgency.cues`) where the rules found none of that kind."""
    text = sentence.text
    present = any(cue.kind == "present" for cue in cues)
    # "Someone will end up shooting him one day" is a fear, not a threat.
    only_possible = p.ONLY_POSSIBLE.search(text) is not None
    made: list[_Hit] = []

    def hit(kind: str, strong: bool, cue: Cue) -> None:
        at = _At(text, cue)
        if sentence.quoted_alone(cue.start, cue.end) or sentence.named(cue.start, cue.end):
            return
        span = sentence.span(cue.start, cue.end)
        made.append(_Hit(kind, strong, span, has_time, sentence.field_name == "when", at.group()))

    for cue in cues:
        at = _At(text, cue)
        if cue.kind in ("now", "present", "harmless"):
            continue
        if cue.kind in ("threat", "lethal", "self_threat"):
            if joking or only_possible or not usable(at, p.THREAT_IDIOM, conditional=False):
                continue
            if cue.kind == "self_threat":
                hit("self_harm", True, cue)
                continue
            hit("threat_to_life", True, cue)
            if cue.kind == "threat" and _WEAPON_VERB.search(at.group()):
                hit("weapon", True, cue)
        elif cue.kind == "weapon":
            if usable(at, p.ORDINARY_WEAPON) and not joking:
                hit("weapon", False, cue)
        elif cue.kind == "act":
            if usable(at) and not joking:
                hit("imminent", False, cue)
        elif cue.kind == "brandished":
            if usable(at, p.ORDINARY_WEAPON) and not joking:
                hit("weapon", True, cue)
        elif cue.kind == "held":
            if usable(at) and not joking:
                hit("imminent", True, cue)
        elif cue.kind == "ligature":
            if usable(at, p.SELF_HARM_IDIOM):
                hit("self_harm", True, cue)
        elif cue.kind in ("farewell", "place"):
            if usable(at, p.SELF_HARM_IDIOM) and not joking:
                hit("self_harm", False, cue)
        elif (
            cue.kind == "absence"
            and not found_later
            and not present
            and usable(at, p.ORDINARY_MISSING)
        ):
            hit("missing_now", False, cue)
    return made


def _immediacy_and_risks(sentences: list[_Sentence]) -> tuple[list[_Hit], list[_Hit]]:
    """Where the record says something is happening this moment, and its other signs of risk."""
    immediate: list[_Hit] = []
    risks: list[_Hit] = []
    for sentence in sentences:
        text = sentence.text
        for pattern, found in ((p.IMMEDIATE, immediate), (p.RISK, risks)):
            for match in pattern.finditer(text):
                if _negated(text, match) or p.PAST.search(text):
                    continue
                span = sentence.span(match.start(), match.end())
                found.append(_Hit("time", False, span, True, sentence.field_name == "when"))
    return immediate, risks


def _found_again(sentences: list[_Sentence]) -> list[bool]:
    """For each sentence, whether the record says the missing person was found after it.

    A find ends what came before it, not what came after: "the groundsman found Lee in the
    woods. Lee ran off. He has not returned." The when-text and descriptions restate the
    information, so a find told in the information ends a missing told in them too."""
    last_found = -1
    found_in_information = False
    for number, sentence in enumerate(sentences):
        if p.FOUND_ELSEWHERE.search(sentence.text):
            continue
        for match in p.FOUND.finditer(sentence.text):
            if not _overlaps(match, p.NOT_FOUND, sentence.text) and not _negated(
                sentence.text, match
            ):
                last_found = number
                found_in_information |= sentence.field_name == "information"
    return [
        number <= last_found or (found_in_information and sentence.field_name != "information")
        for number, sentence in enumerate(sentences)
    ]


def _told_as_now(sentences: list[_Sentence]) -> list[_Hit]:
    """The when-answer says "now" and the record holds any sign of concern: that is urgent, in
    whatever words the concern is told (a fallback for wording no rule or cue knows)."""
    said_now = [
        (sentence, match)
        for sentence in sentences
        if sentence.field_name == "when"
        for match in [p.WHEN_NOW.search(p.WRITERS_PROCESS.sub(_blank, sentence.text))]
        if match is not None
    ]
    if not said_now or any(p.SAFE_NOW.search(sentence.text) for sentence in sentences):
        return []
    for sentence in sentences:
        if sentence.field_name == "when":
            continue
        for match in p.CONCERN.finditer(sentence.text):
            if _negated(sentence.text, match) or p.PAST.search(sentence.text):
                continue
            when_sentence, when_match = said_now[0]
            return [
                _Hit("imminent", True, sentence.span(match.start(), match.end()), True, False),
                _Hit("time", False, when_sentence.span(*_now_words(when_match)), True, True),
            ]
    return []


def _blank(match: re.Match[str]) -> str:
    """The match's characters as spaces: offsets after it stay where they were."""
    return " " * len(match.group())


def _now_words(match: re.Match[str]) -> tuple[int, int]:
    """The "now" part of a when-answer, not the whole answer."""
    return match.start(1), match.end(1)


def _when_reading(sentences: list[_Sentence]) -> tuple[str, bool]:
    """What the when-answer says of the whole record: over ("settled": "tonight, dealt with";
    "distant": "back in 2019", "when he was 6"; "recent": "last Sunday", "two weeks ago"; each
    only with no word of now) or "" if not, and whether it says today ("18:15", "at 6",
    "later", "currently on the ward") when it is not over."""
    text = " . ".join(sentence.text for sentence in sentences if sentence.field_name == "when")
    text = p.WRITERS_PROCESS.sub(_blank, text)
    if not text:
        return "", False
    said_today = [match.group() for match in p.WHEN_TODAY.finditer(text)]
    routine = p.ROUTINE.search(text) or p.WHEN_ROUTINE.search(text)
    today = (bool(said_today) or _strong_time(text)) and not routine
    if any(not _negated(text, match) for match in p.WHEN_SETTLED.finditer(text)):
        return "settled", False
    # "Back in 2019, and they get on well now": a "now" that tells how things stand since.
    if p.WHEN_DISTANT.search(text) and not (
        _strong_time(text) or set(said_today) - {"now", "still"}
    ):
        return "distant", False
    if today:
        return "", True
    if p.WHEN_RECENT_PAST.search(text):
        return "recent", False
    return "", False


def _record(information: str, when: str, descriptions: list[str]) -> list[_Sentence]:
    sentences = _sentences("information", None, information) + _sentences("when", None, when)
    for index, description in enumerate(descriptions):
        sentences += _sentences("descriptions", index, description)
    return sentences


def _cued(sentence: _Sentence) -> bool:
    """Whether any rule or stem cue of danger is in the sentence, whatever then closed it."""
    text = sentence.text
    return any(pattern.search(text) for _, pattern in _CUE_PATTERNS) or any(
        cue.kind not in ("now", "present", "harmless") for cue in sentence_cues(text)
    )


def learned_gates(*, information: str, when: str, descriptions: list[str]) -> tuple[bool, bool]:
    """What the rules say to the learned reading of a record (for `bench.urgency_learned`):
    whether they closed the whole record (the writer's all-clear, a when-answer that dates it),
    and whether any of their cues of danger is in it."""
    sentences = _record(information, when, descriptions)
    calm = any(p.NOT_URGENT.search(sentence.text) for sentence in sentences)
    closed = calm or bool(_when_reading(sentences)[0]) or _cleared(sentences)
    return closed, any(map(_cued, sentences))


def _cleared(sentences: list[_Sentence]) -> bool:
    """Whether the writer clears the record in words the rules know: all safe now ("she is now
    home with a crisis plan"), what the words meant ("meaning break up"), or a when-answer that
    tells a habit with no word of now ("most Friday evenings")."""
    when = " . ".join(sentence.text for sentence in sentences if sentence.field_name == "when")
    if p.WHEN_HABIT.search(when) and not _times(when):
        return True
    return any(
        p.SAFE_NOW.search(sentence.text)
        or p.CLARIFIED.search(sentence.text)
        or p.MEANT_NO_HARM.search(sentence.text)
        for sentence in sentences
    )


def detect(
    *, information: str, when: str, descriptions: list[str], learned: bool = True
) -> UrgencyResult:
    """Whether the record reads as danger now. The rules read first; when they find nothing,
    the learned reading (`urgency.learned`) scores every sentence of the record and may still
    call it urgent. `learned=False` gives the rules alone (for measuring the two apart)."""
    sentences = _record(information, when, descriptions)
    found_after = _found_again(sentences)
    weapon_cleared = any(p.WEAPON_CLEARED.search(sentence.text) for sentence in sentences)
    weapon_disposed = any(p.WEAPON_DISPOSED.search(sentence.text) for sentence in sentences)
    pet_lost = any(p.PET_LOST.search(sentence.text) for sentence in sentences)
    when_over, when_today = _when_reading(sentences)
    hits: list[_Hit] = []
    for number, sentence in enumerate(sentences):
        following = sentences[number + 1] if number + 1 < len(sentences) else None
        # "No further concerns since." closes the sentence before it.
        settled_after = (
            following is not None
            and following.field_name == sentence.field_name
            and following.index == sentence.index
            and p.SETTLED.search(following.text) is not None
        )
        # "Everyone is safe." closes all that came before it in the field, even this afternoon's.
        safe_after = any(
            p.SAFE_NOW.search(other.text) is not None
            for other in sentences[number + 1 :]
            if other.field_name == sentence.field_name and other.index == sentence.index
        )
        same_field = (
            following is not None
            and following.field_name == sentence.field_name
            and following.index == sentence.index
        )
        joking_after = same_field and any(
            not _negated(following.text, match) for match in p.JOKE_AFTER.finditer(following.text)
        )
        # A time in the next sentence of the same field dates an absence: "She has gone from her
        # bed. We noticed twenty minutes ago." Other weak signs keep to their own sentence.
        next_has_time = same_field and bool(_times(following.text))
        sentence_hits = _sentence_hits(
            sentence,
            found_later=found_after[number],
            settled_after=settled_after,
            safe_after=safe_after,
            joking_after=joking_after,
            clarified_after=same_field and p.CLARIFIED.search(following.text) is not None,
            weapon_cleared=weapon_cleared,
            weapon_disposed=weapon_disposed,
            pet_lost=pet_lost,
        )
        own_time = _strong_time(sentence.text) and (
            when_over != "settled" or p.LOOKS_AHEAD.search(sentence.text) is not None
        )
        if when_over and not own_time:
            # A self-harm thought told last week is still a danger; months or years ago it is not.
            sentence_hits = [
                hit for hit in sentence_hits if hit.kind == "self_harm" and when_over == "recent"
            ]
        if next_has_time:
            for hit in sentence_hits:
                hit.sentence_has_time |= hit.kind == "missing_now"
        hits += sentence_hits
    calm = any(p.NOT_URGENT.search(sentence.text) for sentence in sentences)
    # A parent or staff member goes along or stays with the child: "mum will take her and
    # wait", "staff are staying with him". Weak signs of danger now (a meeting, a pick-up) are
    # then looked after; strong ones (a weapon, a threat) still count.
    if any(hit.kind == "imminent" and not hit.strong for hit in hits) and any(
        p.ACCOMPANIED.search(sentence.text) for sentence in sentences
    ):
        hits = [hit for hit in hits if hit.kind != "imminent" or hit.strong]
    when_has_time = when_today or any(
        _strong_time(s.text) or "now" in s.text.split() for s in sentences if s.field_name == "when"
    )

    immediate, risks = _immediacy_and_risks(sentences) if not when_over else ([], [])
    kinds: set[str] = set()
    used: list[_Hit] = []
    if immediate and not calm and (risks or any(hit.kind != "time" for hit in hits)):
        # Happening this moment: every sign of risk in the record counts, in any sentence.
        when_has_time = True
        if risks:
            kinds |= {"threat_to_life", "imminent"}
            used += immediate + risks
        else:
            used += immediate
    for kind in ("weapon", "threat_to_life", "self_harm", "missing_now", "imminent"):
        of_kind = [hit for hit in hits if hit.kind == kind]
        strong = [hit for hit in of_kind if hit.strong]
        weak_now = [
            hit
            for hit in of_kind
            if not hit.strong and (hit.sentence_has_time or when_has_time) and not calm
        ]
        # Two weak signs of one kind count together, except bare danger words, which need a time.
        paired = len({hit.words for hit in of_kind}) >= 2 and kind != "imminent" and not calm
        if strong or weak_now or paired:
            kinds.add(kind)
            used += of_kind
    if not kinds and not calm and not when_over:
        used += _told_as_now(sentences)
        if used:
            kinds.add("imminent")
    danger = [hit for hit in used if hit.kind != "time"]
    if danger and (when_has_time or any(hit.sentence_has_time for hit in danger)):
        kinds.add("imminent")
        used += [hit for hit in hits if hit.kind == "time"]
    if {"weapon", "imminent"} <= kinds:
        kinds.add("threat_to_life")  # a weapon out now endangers a life, whoever holds it
    found_spans = {hit.span for hit in used}
    # The learned reading speaks where the rules found nothing, unless they closed the whole
    # record (the writer's all-clear, a when-answer that dates it, all safe now, the words'
    # meaning): measured by leave-one-set-out, that gate cost no recall and cleared false
    # alarms (`bench.urgency_learned`).
    if not kinds and learned and not calm and not when_over and not _cleared(sentences):
        learned_kinds, learned_spans = _learned(sentences)
        kinds |= learned_kinds
        found_spans |= learned_spans
    spans = sorted(found_spans, key=lambda s: (s.field, s.index or 0, s.start))
    ordered = tuple(kind for kind in KINDS if kind in kinds)
    return UrgencyResult(urgent=bool(ordered), kinds=ordered, spans=tuple(spans))


_PREFIX = {"information": "i", "when": "w", "descriptions": "d"}


def _learned(sentences: list[_Sentence]) -> tuple[set[str], set[Span]]:
    """The learned reading of a record the rules found nothing in: its kinds, and the sentence
    that weighs most towards danger, to quote back whole. Its weightiest words ("told", "will",
    "speaks") mean nothing to the writer in bold, so the sentence is the quote."""
    reading = learned_reading.read([(_PREFIX[s.field_name], s.text) for s in sentences])
    if not reading.urgent or reading.sentence is None:
        return set(), set()
    sentence = sentences[reading.sentence]
    return set(reading.kinds), {sentence.span(0, len(sentence.text))}
