"""The detector on the hard cases: danger now, and the everyday or finished senses of its words."""

import pytest

from urgency import KINDS, Span, detect


def _detect(information: str, when: str = "", descriptions: list[str] | None = None):
    return detect(information=information, when=when, descriptions=descriptions or [])


@pytest.mark.parametrize(
    ("information", "kinds"),
    [
        ("He said he is going to stab him tonight.", {"weapon", "threat_to_life", "imminent"}),
        ("hes gonna shank him rn", {"weapon", "imminent"}),
        ("ur dead 2nite", {"threat_to_life", "imminent"}),
        ("She told her friend she's going to take all her tablets tonight.", {"self_harm"}),
        ("He gave away his things and said he won't be here tomorrow.", {"self_harm"}),
        ("He has a machette in his bag.", {"weapon"}),
        ("She texted that she wants to end it all, sucide is the only way.", {"self_harm"}),
        ("Jayden has not come home since yesterday and nobody knows where he is.", {"missing_now"}),
        ("This boy he say he will kill his stepfather this night.", {"threat_to_life"}),
        ("Her dad said he will kill her if she tells anyone.", {"threat_to_life"}),
    ],
)
def test_danger_now_is_urgent_with_its_kinds(information, kinds):
    result = _detect(information)
    assert result.urgent
    assert kinds <= set(result.kinds)


@pytest.mark.parametrize(
    "information",
    [
        "They were killing time at the library.",
        "She is dying to go to the concert tonight.",
        "He had a shot of espresso before school.",
        "His dad runs the gun club at the village hall.",
        "In cooking class the pupils used kitchen knives to chop vegetables.",
        "She self-harmed two years ago and is now supported by CAMHS.",
        "She went missing last weekend but came back on Sunday and is safe.",
        "He denies carrying a knife and none was found.",
        "She is not suicidal and has no thoughts of self-harm.",
        "The boys are meeting at the skate park tonight to film videos.",
        "My mum will kill me if I'm late again, she said, laughing.",
        "The pupil is missing a lot of lessons.",
        "He was stabbed in 2019 and has since moved away.",
        "Knife crime awareness workshop at school today.",
        "They were playing a shooting game on the Xbox.",
        "Pupils were shooting hoops at lunch.",
    ],
)
def test_everyday_negated_and_finished_senses_are_not_urgent(information):
    result = _detect(information)
    assert not result.urgent, result.kinds
    assert result.kinds == ()
    assert result.spans == ()


def test_urgency_only_in_the_when_text_is_found_there():
    result = _detect(
        "Ongoing concerns about older males at the park.",
        when="They are planning to attack him with knives after school today",
    )
    assert {"weapon", "imminent"} <= set(result.kinds)
    assert {span.field for span in result.spans} == {"when"}


def test_urgency_only_in_a_description_points_at_that_description():
    result = _detect(
        "Man approaching children in the park.",
        descriptions=["Short, blue cap", "40s, bald, has a knife on his belt"],
    )
    assert "weapon" in result.kinds
    assert all(span.field == "descriptions" and span.index == 1 for span in result.spans)


def test_spans_quote_exactly_what_the_writer_typed():
    information = "Theres gonna be a shootin at the party 2nite, someone's bringing a strap."
    result = _detect(information)
    quotes = result.quotes(information=information, when="", descriptions=[])
    assert "shootin" in quotes
    assert "2nite" in quotes
    for span in result.spans:
        assert information[span.start : span.end] in quotes


def test_a_misspelling_is_quoted_as_written_not_as_corrected():
    information = "He told staff he has a knive and will use it on the boys."
    result = _detect(information)
    assert Span("information", 23, 28) in result.spans
    assert information[23:28] == "knive"


def test_a_common_word_near_a_danger_word_is_not_corrected():
    # "shouting" is one letter from "shooting", "kissing" from "missing".
    assert not _detect("He was shouting tonight and they were kissing at the bus stop.").urgent


def test_the_kinds_are_the_agreed_names_in_a_fixed_order():
    result = _detect("He has a knife right now and says he'll kill himself tonight.")
    assert set(result.kinds) <= set(KINDS)
    assert list(result.kinds) == [kind for kind in KINDS if kind in result.kinds]


def test_empty_fields_are_not_urgent():
    assert _detect("", "", ["", " "]).urgent is False
