"""The detector on phrasings built from parts (`tests/urgency/generated.py`), in no set.

The sets hold the texts people wrote; these hold the kinds of wording: every teller, intent, harm,
victim and time crossed, so a rule that catches one sentence but not its neighbours fails here.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.urgency import generated as g
from urgency import detect


def _kinds(text: str) -> tuple[str, ...] | None:
    result = detect(information=text, when="", descriptions=[])
    return result.kinds if result.urgent else None


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    teller=st.sampled_from(g.TELLERS),
    aggressor=st.sampled_from(g.AGGRESSORS),
    intent=st.sampled_from(g.INTENTS),
    harm=st.sampled_from(g.HARMS_WITH_WEAPON + g.HARMS),
    victim=st.sampled_from(g.VICTIMS),
    time=st.sampled_from(g.TIMES_NOW),
)
def test_a_threat_to_harm_someone_now_is_urgent_whatever_its_words(
    teller, aggressor, intent, harm, victim, time
):
    text = f"{teller} {aggressor} {intent} {harm} {victim} {time}."
    kinds = _kinds(text)
    assert kinds is not None, text
    assert "threat_to_life" in kinds, (text, kinds)
    if harm in g.HARMS_WITH_WEAPON:
        assert "weapon" in kinds, (text, kinds)


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    past=st.sampled_from(g.PAST),
    aggressor=st.sampled_from(g.AGGRESSORS),
    harm=st.sampled_from(g.HARMS_WITH_WEAPON + g.HARMS),
    victim=st.sampled_from(g.VICTIMS[:4]),
    ending=st.sampled_from(g.PAST_ENDINGS),
)
def test_the_same_threat_long_over_is_not_urgent(past, aggressor, harm, victim, ending):
    text = f"{past} {aggressor} threatened to {harm} {victim}. {ending}"
    assert _kinds(text) is None, text


def test_every_other_urgent_family_is_caught_with_its_kind():
    cases = g.urgent_cases()
    found = [(text, kinds, _kinds(text)) for text, kinds in cases]
    missed = [(text, said) for text, kinds, said in found if not kinds <= set(said or ())]
    assert len(cases) > 2500
    assert not [text for text, _, said in found if said is None][:10]
    assert not missed[:10]


def test_every_calm_family_is_not_urgent():
    cases = g.calm_cases()
    false_alarms = [(text, said) for text in cases if (said := _kinds(text)) is not None]
    assert len(cases) > 5000
    assert not false_alarms[:10]


CONCERNS_TOLD_NOW = [
    "A girl of about 12 is crying at the bus stop and says a man took her phone.",
    "Two men are dragging a lad into a van outside the chip shop.",
    "An old man in slippers is wandering on the dual carriageway, confused.",
    "A toddler is alone on the balcony of flat 9 and nobody is answering.",
]
OVER_OR_EVERYDAY = [
    ("A girl of about 12 was crying at the bus stop; her mum came and she is now safe.", "now"),
    ("Two men were dragging a lad into a van in 2019. They were convicted.", "just now"),
    ("The youth club is taking the lads to the county final.", "right now"),
    ("A toddler was alone on the balcony for a minute last summer.", "ongoing"),
]


@pytest.mark.parametrize("when", ["just now", "now", "20 minutes ago", "happening now", "live"])
@pytest.mark.parametrize("information", CONCERNS_TOLD_NOW)
def test_a_concern_the_writer_says_is_happening_now_is_urgent_in_any_words(information, when):
    result = detect(information=information, when=when, descriptions=[])
    assert result.urgent, (information, when)
    assert "imminent" in result.kinds


@pytest.mark.parametrize(("information", "when"), OVER_OR_EVERYDAY)
def test_now_in_the_when_answer_alone_does_not_make_an_everyday_or_finished_record_urgent(
    information, when
):
    assert not detect(information=information, when=when, descriptions=[]).urgent
