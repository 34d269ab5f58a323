"""A learned reading of danger now: a linear model over the record's words, in plain Python.

The rules name wordings; a new writer brings wordings no rule has seen. This reading scores the
whole record (information, when-answer and descriptions, every sentence, whether or not a rule
found a cue in it) by a logistic model over features that carry from one writer to the next:
word stems and their pairs in the information and the when-answer (in descriptions only words of
danger or now), and signs read across the record (a harm or weapon stem, a word of now anywhere,
a future of "I" or "you", a negation or a past in the same sentence as the harm).
`urgency.detector` asks it only where the rules found nothing and did not close the record.

The weights are trained from the development sets by `python -m urgency.learned_train` and
shipped as `learned_weights.json`; scoring reads that file once and needs nothing beyond the
standard library. How well it carries to new writers: `python -m bench.urgency_learned`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from urgency.cues import stem
from urgency.text import normalise

WEIGHTS = Path(__file__).with_name("learned_weights.json")
_WORDS_SHOWN = 3  # the words of the weightiest sentence shown in bold to the writer


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(word) for word in text.split())


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Small word lists of the signs any writer uses. They are broad on purpose: the model weighs
# them, and a list that is too narrow is a rule again.
_HARM = _stems(
    "kill stab shoot shot hurt cut slash burn beat batter strangle choke smother drown murder "
    "dead die dying death end finish hang overdose od poison bleed blood punch kick attack hit "
    "glass torch petrol acid rape kidnap grab snatch take hostage bomb explode threaten threat "
    "revenge pay sort deal do wipe destroy harm jump suicide suicidal ligature rope tablets "
    "pills paracetamol goodbye gone disappear vanish lock trap hold chase hunt find corner wait"
)
_WEAPON = _stems(
    "knife knives blade machete sword zombie gun firearm pistol shotgun rifle handgun weapon "
    "bat hammer axe crowbar acid petrol lighter bottle screwdriver scissors needle syringe "
    "taser baton knuckle shank shiv strap ting nank chopper"
)
_NOW = _words(
    "now tonight today currently moment minutes minute hour hours ago soon shortly outside "
    "right immediately tonite morning afternoon evening later way coming arriving waiting "
    "still ongoing just"
)
_FUTURE = re.compile(
    r"(?:^| )(?:i|we|you|he|she|they) (?:will|am going to|are going to|is going to|are gonna|"
    r"about to|want to|wants to|plan to|plans to)(?= )"
)
_NEGATION = _words("not no never nobody nothing none without denied denies")
_PAST = _words(
    "ago last yesterday previously years year was were had used historic old before months"
)
_SELF = _words("myself himself herself themselves yourself own life")
_MISSING = _stems(
    "missing gone run ran away left whereabouts disappeared vanished home found seen contact answer"
)

_SIGN_WORDS = _HARM | _WEAPON | _MISSING | frozenset(stem(word) for word in _NOW | _SELF)


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: set[str]) -> float:
        total = self.bias + sum(self.weights.get(feature, 0.0) for feature in features)
        return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


def sentence_features(canonical: str, prefix: str) -> set[str]:
    """Features of one sentence in canonical words; `prefix` names its field ("i", "w", "d")."""
    words = [word for word in canonical.split() if word not in ",."]
    stems = [stem(word) for word in words]
    found: set[str] = set()
    for number, word in enumerate(stems):
        if prefix == "d" and word not in _SIGN_WORDS:
            # A description's ordinary words ("slim build, dark hair") say only that someone
            # was described, which the sets' writers did more often in urgent records: a habit
            # of the sets, not a sign of danger. Only its words of danger or now count.
            continue
        found.add(f"{prefix}:{word}")
        found.add(f"s:{word}")
        if number and prefix != "d":
            found.add(f"b:{stems[number - 1]}_{word}")
    harm = any(word in _HARM for word in stems)
    weapon = any(word in _WEAPON for word in stems)
    negated = any(word in _NEGATION or word.endswith("n't") for word in words)
    past = any(word in _PAST for word in words)
    future = _FUTURE.search(" " + " ".join(words) + " ") is not None
    signs = {
        "harm": harm,
        "weapon": weapon,
        "self": any(word in _SELF for word in words),
        "missing": any(word in _MISSING for word in stems),
        "now": any(word in _NOW for word in words),
        "future": future,
        "negated": negated,
        "past": past,
    }
    for name, present in signs.items():
        if present:
            found.add(f"x:{name}")
    for first in ("harm", "weapon", "self", "missing"):
        if not signs[first]:
            continue
        for second in ("now", "future", "negated", "past", "harm", "weapon", "self"):
            if second != first and signs[second]:
                found.add(f"x:{first}+{second}")
        if not (negated or past):
            found.add(f"x:{first}+clean")
    return found


def record_sentences(
    *, information: str, when: str, descriptions: list[str]
) -> list[tuple[str, str]]:
    """Each sentence of the record in canonical words, with its field's prefix ("i", "w", "d"),
    split as `urgency.detector` splits them."""
    found = []
    fields = [("i", information), ("w", when)] + [("d", text) for text in descriptions]
    for prefix, value in fields:
        for sentence in normalise(value).canonical.split(" . "):
            if sentence.strip(" .,"):
                found.append((prefix, sentence))
    return found


def features(sentences: list[tuple[str, str]]) -> tuple[set[str], list[set[str]]]:
    """The record's features and each sentence's own, from (prefix, canonical sentence) pairs."""
    each = [sentence_features(text, prefix) for prefix, text in sentences]
    found: set[str] = set().union(*each)
    signs = {feature[2:] for feature in found if feature.startswith("x:") and "+" not in feature}
    when_now = any(feature in found for feature in ("w:now", "w:today", "w:tonight", "w:just"))
    for kind in ("harm", "weapon", "self", "missing"):
        if kind in signs and ("now" in signs or when_now):
            found.add(f"r:{kind}+now")
        if kind in signs and "future" in signs:
            found.add(f"r:{kind}+future")
    return found, each


def record_features(*, information: str, when: str, descriptions: list[str]) -> set[str]:
    """Every feature of a record: each sentence's, and signs read across the whole record."""
    sentences = record_sentences(information=information, when=when, descriptions=descriptions)
    return features(sentences)[0]


@lru_cache(maxsize=1)
def model() -> dict[str, Model]:
    """The shipped models: "urgent" and one for each kind, read once."""
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    return {
        name: Model(part["bias"], part["weights"], part["threshold"])
        for name, part in data["models"].items()
    }


@dataclass(frozen=True)
class Reading:
    """What the learned reading makes of a record."""

    probability: float
    urgent: bool
    kinds: tuple[str, ...]  # the kinds whose models pass their bar, or else the likeliest
    sentence: int | None  # the sentence that weighs most towards danger
    words: tuple[tuple[int, int], ...]  # its words that weigh most, as canonical characters


def read(sentences: list[tuple[str, str]]) -> Reading:
    """Score a record given as (prefix, canonical sentence) pairs (see `record_sentences`)."""
    models = model()
    found, each = features(sentences)
    urgent = models["urgent"]
    probability = urgent.probability(found)
    if probability < urgent.threshold or not each:
        return Reading(probability, False, (), None, ())
    chances = {name: part.probability(found) for name, part in models.items() if name != "urgent"}
    kinds = tuple(name for name, chance in chances.items() if chance >= models[name].threshold)
    kinds = kinds or (max(chances, key=lambda name: chances[name]),)
    weights = urgent.weights
    best = max(
        range(len(each)), key=lambda n: sum(weights.get(feature, 0.0) for feature in each[n])
    )
    prefix, text = sentences[best]
    weighed: list[tuple[float, int, int]] = []
    position = 0
    for word in text.split(" "):
        if word and word not in ",.":
            weight = weights.get(f"s:{stem(word)}", 0.0) + weights.get(
                f"{prefix}:{stem(word)}", 0.0
            )
            if weight > 0:
                weighed.append((weight, position, position + len(word)))
        position += len(word) + 1
    top = sorted(weighed, reverse=True)[:_WORDS_SHOWN]
    words = tuple(sorted((start, end) for _, start, end in top))
    return Reading(probability, True, kinds, best, words)
