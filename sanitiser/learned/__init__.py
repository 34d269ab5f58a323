"""A learned second reading: a small sequence labeller (a CRF, `python-crfsuite`) that reads the
text after the rules and marks stretches that point to the writer which no rule caught, mostly
the writer's own routine, position or tie to the subject in their own words.

It never removes anything on its own authority: each stretch it marks that the rules left
standing becomes an **unknown** finding (kind ``learned``), listed for the handler like every
other unknown, with the machine's choice REMOVE when the model is confident (token probability
of being the source's at least ``REMOVE_AT``) and KEEP otherwise (at least ``LIST_AT``). What
stands inside a subject's form answer, or was classed a subject's, is never marked.

The model is trained by `python -m sanitiser.learned.train` on the annotated development sets
and shipped as ``model.crfsuite`` with ``model.json`` (its parameters and digests).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from .features import (
    Context,
    Token,
    any_covered,
    spans_of,
    token_attributes,
    token_features,
    tokens_of,
    words_of,
)

KIND = "learned"
MODEL_PATH = Path(__file__).with_name("model.crfsuite")
MANIFEST_PATH = Path(__file__).with_name("model.json")
REMOVE_AT = 0.4
LIST_AT = 0.25
REASON_REMOVE = "read by the learned model as the writer's own (probability {p:.2f})"
REASON_KEEP = "read by the learned model as possibly the writer's (probability {p:.2f})"
_FUNCTION = frozenset(
    ["a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by"]
) | frozenset(["from", "as", "is", "was", "be", "been", "it", "this", "that"])
_SPLIT = re.compile(r"[\n,;/]+")
# Dates, times and days are what police need of when things happened, never the writer's.
_MONTH = (
    r"(?:(?i:january|february|march|april|june|july|august|september|october|november|december)"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_DAY = (
    r"(?:(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
    r"|(?:Mon|Tues?|Weds?|Thu|Thurs?|Fri|Sat|Sun)\.?)"
)
_WHEN = re.compile(
    r"\b(?:(?i:every|each|last|next|this|since|until|till|from|by|on)[ \t]+(?=\w))?"
    r"(?:\d{1,2}[:.]\d{2}(?:[ \t]*[apAP][mM])?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?"
    r"|\d{1,2}[ \t]*[apAP][mM]|(?:19|20)\d\d"
    rf"|(?:{_DAY}[ \t]+)?(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?)?{_MONTH}"
    rf"(?:[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b)?"
    rf"|{_DAY}(?:[ \t]+\d{{1,2}}(?:[/.-]\d{{1,2}}(?:[/.-]\d{{2,4}})?|st|nd|rd|th)?\b)?"
    r"|\d{1,2}(?:st|nd|rd|th))"
    r"(?!\w)"
)

# Where the machine removes what the model marks: a stretch in a first-person sentence, on a
# short line (a letterhead's, a signature's) or a label line, or holding a word of the source's
# form answers. Elsewhere ("He is the only boy in the class") it is listed and kept.
_WRITERS_SIGNS = frozenset(["fp_sentence", "line_short", "line_label"])
_WRITERS_SIGNS_NAMES = frozenset(name.encode() for name in _WRITERS_SIGNS)

_state: dict[str, object] = {
    "tagger": None,
    "path": None,
    "remove_at": REMOVE_AT,
    "on": True,
    "fence_rules_kept": True,
    "fence_dates": True,
    "writers_signs": True,
}


def _tagger():
    if _state["tagger"] is None:
        path = _state["path"] or MODEL_PATH
        if not Path(path).exists():
            return None
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path))
        _state["tagger"] = tagger
    return _state["tagger"]


@contextmanager
def reading(
    *,
    model: Path | None = None,
    on: bool = True,
    remove_at: float | None = None,
    **options: bool,
) -> Iterator[None]:
    """Use another model file, another threshold, or no learned reading at all, for a while
    (training, leave-one-set-out measurement)."""
    saved = dict(_state)
    _state.update(on=on)
    if model is not None:
        _state.update(tagger=None, path=model)
    if remove_at is not None:
        _state.update(remove_at=remove_at)
    unknown = set(options) - set(_state)
    if unknown:
        raise TypeError(f"unknown options {sorted(unknown)}")
    _state.update(options)
    try:
        yield
    finally:
        _state.clear()
        _state.update(saved)


def enabled() -> bool:
    return bool(_state["on"])


def option(name: str) -> bool:
    return bool(_state[name])


_NOT_DIGIT = re.compile(r"\D")
_DIGITS = re.compile(r"\d{3,}")


def _is_word_character(character: str) -> bool:
    """What ``\\w`` matches in a str pattern: a letter or number of any script, or "_"."""
    return character.isalnum() or character == "_"


def _standing(value: str, lowered: str) -> list[tuple[int, int]]:
    """Where ``value`` stands in ``lowered`` as a whole (no word character either side): what
    ``re.finditer(r"(?<!\\w)" + re.escape(value) + r"(?!\\w)", lowered)`` finds, without
    compiling a pattern for each value."""
    found = []
    size = len(value)
    at = lowered.find(value)
    while at >= 0:
        end = at + size
        if (at == 0 or not _is_word_character(lowered[at - 1])) and (
            end == len(lowered) or not _is_word_character(lowered[end])
        ):
            found.append((at, end))
            at = lowered.find(value, end)
        else:
            at = lowered.find(value, at + 1)
    return found


def context_for(
    text: str,
    source: dict[str, str],
    subject_values: Sequence[str],
    subject_ranges: Iterable[tuple[int, int]],
    rules: Iterable[tuple[int, int, str]],
) -> Context:
    """The reading's context: the source's words by field, the subjects' words, where the
    subjects' answers stand in the text (the fences), and the rules' findings."""
    fences = list(subject_ranges)
    lowered = text.casefold()
    if len(lowered) != len(text):
        # "ß" folds to "ss", "İ" to two characters: fold letter by letter where that keeps the
        # length, so a fence found here stands at the same offsets in the text.
        lowered = "".join(ch if len(f := ch.casefold()) != 1 else f for ch in text)
    for value in subject_values:
        value = " ".join(value.split()).casefold()
        if len(value) < 2:
            continue
        fences += _standing(value, lowered)
    source_words = {
        name: words_of([value or ""]) for name, value in source.items() if name != "phone"
    }
    digits = _NOT_DIGIT.sub("", source.get("phone") or "")
    if digits:
        source_words["phone"] = frozenset(
            d for d in _DIGITS.findall(text) if d in digits or d in "0" + digits[2:]
        )
    return Context(
        source_words=source_words,
        subject_words=words_of(subject_values),
        fences=tuple(sorted(set(fences))),
        rules=tuple(rules),
    )


def subject_values(details) -> list[str]:
    """A subject's answers as the fences read them (every name, nickname, phone, handle, place
    and vehicle; not the setting, which is often the source's own organisation)."""
    values = (
        list(details.names)
        + list(details.phones)
        + list(details.handles)
        + list(details.places)
        + list(details.vehicles)
        + list(details.kept)
    )
    return [v for value in values for v in [value, *_SPLIT.split(value)] if v.strip()]


def probabilities(
    text: str, context: Context
) -> tuple[list[Token], list[float], list[dict[str, float]]]:
    """Each token's probability of standing in a source identifier (and its features)."""
    tagger = _tagger()
    tokens = tokens_of(text)
    if tagger is None or not tokens:
        return tokens, [0.0] * len(tokens), [{} for _ in tokens]
    features = token_features(text, tokens, context)
    tagger.set(features)
    # B and I together: one less the probability of O.
    marginal = tagger.marginal
    return tokens, [1.0 - marginal("O", index) for index in range(len(tokens))], features


def stretches(
    text: str, context: Context, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, float, bool]]:
    """(start, end, probability, machine removes) for each stretch the model marks that is
    neither fenced nor taken already (removed by the rules, or a subject's)."""
    # What `probabilities` gives, read more cheaply: the features as lists of encoded names
    # (what the tagger makes of a dict of 1.0s), and a probability only for a token neither
    # fenced nor taken; the dates are looked for only when one of those the model marks.
    starts, ends, words = spans_of(text)
    blocked_tokens = any_covered(starts, ends, list(context.fences) + list(taken))
    tagger = _tagger()
    if tagger is None or all(blocked_tokens):
        # No token free (or no model, every probability 0.0): no stretch.
        return []
    features = token_attributes(text, starts, ends, words, context)
    tagger.set(features)
    marginal = tagger.marginal
    probs = {
        index: 1.0 - marginal("O", index)
        for index, is_blocked in enumerate(blocked_tokens)
        if not is_blocked
    }
    if not any(p >= LIST_AT for p in probs.values()):
        # No free token the model marks, and fencing the dates off frees none: no stretch.
        return []
    if _state["fence_dates"]:
        dated = any_covered(starts, ends, [(m.start(), m.end()) for m in _WHEN.finditer(text)])
        blocked_tokens = [a or b for a, b in zip(blocked_tokens, dated, strict=True)]
    remove_at = float(_state["remove_at"])
    signs = _state["writers_signs"]
    found: list[tuple[int, int, float, bool]] = []
    run: list[int] = []
    level: bool | None = None

    def close() -> None:
        nonlocal run
        lowers = [words[i].casefold() for i in run if words[i][:1].isalnum()]
        if lowers and not set(lowers) <= _FUNCTION:
            while run and not words[run[-1]][:1].isalnum():
                run.pop()
            while run and not words[run[0]][:1].isalnum():
                run.pop(0)
            if run:
                machine = bool(level)
                if machine and signs:
                    machine = any(
                        name in _WRITERS_SIGNS_NAMES or name.startswith(b"source_")
                        for i in run
                        for name in features[i]
                    )
                found.append((starts[run[0]], ends[run[-1]], max(probs[i] for i in run), machine))
        run = []

    for index, is_blocked in enumerate(blocked_tokens):
        if is_blocked:
            here = None
        else:
            p = probs[index]
            here = (p >= remove_at) if p >= LIST_AT else None
        if here is None or here != level:
            if run:
                close()
            level = here
        if here is not None:
            run.append(index)
    if run:
        close()
    return found
