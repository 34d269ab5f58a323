"""The learned reading (`urgency.learned`): what it adds to the rules, what it leaves alone, and
that the weights shipped are the ones training gives.

The veiled threats below were written for this file (in no set, never trained on): the rules
find nothing in them, the learned reading does. Each has a calm twin with the same people and
setting that must stay calm.
"""

import json

import pytest

from urgency import detect, learned
from urgency.learned_train import (
    THRESHOLD,
    inputs_digest,
    serialise,
    train,
    training_records,
)

VEILED = [
    (
        "Her ex sent her a message an hour ago saying enjoy tonight because it is the last one "
        "she gets, and that he knows which door she uses.",
        "an hour ago",
    ),
    (
        "A customer told the till staff he had 'something in the car for the lad who owes him' "
        "and he has been parked by the youth club since 3pm.",
        "since 3pm today",
    ),
    (
        "Dad has told the boy he will not see another birthday if he speaks to the social "
        "worker again, and the visit is this afternoon.",
        "this afternoon",
    ),
]
CALM_TWINS = [
    (
        "Two years ago her ex sent her a message saying she would regret leaving him. He moved "
        "abroad and there has been no contact.",
        "two years ago",
    ),
    (
        "A customer told the till staff he had something in the car for the lad's birthday and "
        "parked by the youth club.",
        "last Tuesday",
    ),
    (
        "Dad told the boy he will get a new bike for his birthday if he behaves at the social "
        "worker visit this afternoon.",
        "this afternoon",
    ),
]


def _detect(information: str, when: str, *, use_learned: bool = True):
    return detect(information=information, when=when, descriptions=[], learned=use_learned)


@pytest.mark.parametrize(("information", "when"), VEILED)
def test_a_veiled_threat_no_rule_names_is_caught_by_the_learned_reading(information, when):
    assert not _detect(information, when, use_learned=False).urgent  # the rules alone miss it
    result = _detect(information, when)
    assert result.urgent
    assert result.kinds
    # It quotes some of the writer's own words back, from the information they wrote.
    assert result.spans
    assert all(span.field == "information" and span.end > span.start for span in result.spans)


@pytest.mark.parametrize(("information", "when"), CALM_TWINS)
def test_the_calm_twin_of_a_veiled_threat_is_not_urgent(information, when):
    assert not _detect(information, when).urgent


@pytest.mark.parametrize(
    "closing",
    ["back in 2019", "years ago, no contact since"],
)
def test_a_record_the_when_answer_dates_is_left_to_the_rules(closing):
    information, _ = VEILED[0]
    assert not _detect(information.replace(" an hour ago", ""), closing).urgent


def test_the_learned_reading_speaks_only_where_the_rules_found_nothing():
    text = "He has a knife and says he will stab his brother tonight."
    with_rules = _detect(text, "tonight", use_learned=False)
    assert with_rules.urgent
    assert _detect(text, "tonight") == with_rules


def test_the_shipped_weights_were_trained_on_the_committed_inputs():
    # Fast: the digest of the sets, the generated sample, the feature code and the settings.
    shipped = json.loads(learned.WEIGHTS.read_text(encoding="utf-8"))
    assert shipped["inputs"] == inputs_digest(training_records()), (
        "run python -m urgency.learned_train"
    )
    assert shipped["models"]["urgent"]["threshold"] == THRESHOLD
    assert not any(name.startswith("test_") for name in shipped["trained_on"])


def test_the_shipped_weights_are_what_training_gives():
    # Slow (about a minute): training is deterministic, so it gives the very same file.
    assert learned.WEIGHTS.read_text(encoding="utf-8") == serialise(train(training_records()))
