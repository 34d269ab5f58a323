"""Round 6: the readings added after the fifth blind set, each crossed with its neighbours.

dev_blind_5's even half was read by kind of wording, not text by text (the odd half was held
out and scored once before it was read). Each test names one kind and crosses its parts, so a
rule written for one sentence fails.
"""

from itertools import product

import pytest

from urgency import detect


def _detect(information: str, when: str = "", descriptions: list[str] | None = None):
    return detect(information=information, when=when, descriptions=descriptions or [])


# A child not where they should be, told bare, with a time: "Mum says she's not home."
@pytest.mark.parametrize(
    "absent, when",
    list(
        product(
            [
                "Mum says she's not home.",
                "Not home, not at friends.",
                "Her dad rang, she is not at home.",
                "She wasn't on the bus at pickup.",
                "He was not on the school minibus.",
            ],
            ["since 4pm", "since 3.15 today", "20 minutes ago"],
        )
    ),
)
def test_a_child_not_home_with_a_time_is_missing_now(absent, when):
    assert "missing_now" in _detect(f"The girl is 10. {absent}", when).kinds


@pytest.mark.parametrize(
    "absent", ["Mum says she's not home.", "Not home, not at friends.", "He was not on the bus."]
)
def test_a_child_not_home_without_any_time_is_no_emergency(absent):
    assert not _detect(f"The girl is 10. {absent}", "last year").urgent


# A runaway's note, passed on: "im leaving for good dont look for me".
@pytest.mark.parametrize(
    "note, when",
    list(
        product(
            ["im leaving for good", "dont look for me", "I'm gone for good, don't search for me"],
            ["since 4pm", "an hour ago", "since this morning"],
        )
    ),
)
def test_a_runaway_note_with_a_time_is_missing_now(note, when):
    assert _detect(f'Her 12 year old texted "{note}".', when).urgent


def test_a_runaway_note_from_years_ago_is_over():
    assert not _detect('She once texted "dont look for me" when she was 12.', "2019").urgent


# Not coming to a club or a session is no missing person.
@pytest.mark.parametrize(
    "activity, how_long",
    list(
        product(
            [
                "missing from youth club",
                "missing training",
                "missing from his football sessions",
                "missing from church",
                "missing cadets",
            ],
            ["for three weeks now", "since half term", "most weeks now"],
        )
    ),
)
def test_missing_a_club_or_session_is_no_missing_person(activity, how_long):
    assert not _detect(f"He's been {activity} {how_long}. He says he is 'working' now.").urgent


def test_missing_from_home_is_still_missing():
    assert _detect("He's been missing from home since 4pm today.").urgent


# Literature studied: an essay about a scene of death is schoolwork.
@pytest.mark.parametrize(
    "essay, text",
    list(
        product(
            [
                "a very good essay about the suicide scene",
                "a vivid essay on the murder of Duncan, with a lot of stabbing",
                "an essay about the death scene",
            ],
            ["in Romeo and Juliet", "in Macbeth", "in our set text"],
        )
    ),
)
def test_an_essay_about_a_scene_of_death_is_schoolwork(essay, text):
    assert not _detect(f"A pupil wrote {essay} {text}. Nothing concerning.", "this term").urgent


def test_what_an_essay_says_of_its_writer_is_no_topic():
    assert _detect(
        "Pupil's essay ended with 'by the time you read this I'll be gone'. Absent today."
    ).urgent


# Treated and home with a plan: the harm told before it is looked after.
@pytest.mark.parametrize(
    "harm, home",
    list(
        product(
            [
                "Young person self-harmed at the weekend and was taken to A&E by her mum.",
                "She took an overdose on Saturday and went to hospital.",
            ],
            [
                "She was assessed, is home with a plan and mum is with her.",
                "She was discharged home with a safety plan.",
                "She is now home with a crisis plan.",
            ],
        )
    ),
)
def test_harm_treated_and_home_with_a_plan_is_looked_after(harm, home):
    assert not _detect(f"{harm} {home}", "weekend").urgent


def test_harm_told_after_the_plan_is_still_now():
    assert _detect(
        "She went home with a safety plan. Tonight she has cut her wrists and is bleeding."
    ).urgent


# Dread of an ordinary ordeal: "I'm gonna die in this exam tomorrow".
@pytest.mark.parametrize(
    "said",
    [
        "omg im gonna die in this exam tomorrow",
        "I'll die at the match tomorrow if we lose",
        "we're going to die in this heat today",
        "I'm going to die in my maths mock tomorrow",
    ],
)
def test_dying_in_an_ordinary_ordeal_is_a_figure_of_speech(said):
    assert not _detect(f'She texted her mum "{said}".', "tomorrow").urgent


def test_going_to_die_tonight_is_still_a_danger():
    assert _detect('She texted her mum "I am going to die tonight".', "tonight").urgent


# A death from illness: "his nan is dying in hospice".
@pytest.mark.parametrize(
    "relative, illness",
    list(
        product(
            ["his nan", "her grandad", "their mum"],
            ["is dying in hospice", "is dying in hospital", "is in end of life care"],
        )
    ),
)
def test_a_relative_dying_of_illness_is_no_threat(relative, illness):
    assert not _detect(f"He's been quiet because {relative} {illness}.", "this month").urgent


def test_someone_dying_now_of_what_was_done_is_still_a_danger():
    assert _detect("He said she is dying, she took a whole bottle of pills an hour ago.").urgent


# "My mum's going to kill me": the "'s" of a noun is dropped, the idiom still holds.
@pytest.mark.parametrize(
    "who, why",
    list(
        product(
            ["my mum's", "my dad's", "my nan's", "my teacher's"],
            ["when she sees I lost my coat", "if I'm late again", "about the mess"],
        )
    ),
)
def test_a_parent_going_to_kill_me_is_an_idiom(who, why):
    assert not _detect(f'She said "{who} going to kill me {why}".', "today").urgent


def test_a_partner_going_to_kill_her_is_still_a_threat():
    assert _detect("She said her ex's going to kill her tonight.").urgent


# Harm named as an earlier one, or dated by a school year gone by.
@pytest.mark.parametrize(
    "history",
    [
        "girl 15, scars on forearms from old self-harm",
        "girl 15, previous overdose",
        "girl 15, past self harm",
    ],
)
def test_harm_named_as_an_old_one_is_a_history(history):
    assert not _detect("Concern is a 19 year old 'friend'.", "ongoing", [history]).urgent


@pytest.mark.parametrize(
    "told", ["she self-harmed (cutting) in Year 8", "he overdosed in year 9 and was referred"]
)
def test_harm_told_in_a_school_year_gone_by_is_a_history(told):
    assert not _detect(f"Background: {told}.", "ongoing").urgent


def test_fresh_harm_beside_an_old_one_is_now():
    assert _detect("Fresh cuts today beside previous self harm, still bleeding.").urgent


# A when-answer that says it has been so for years.
@pytest.mark.parametrize(
    "when", ["longstanding", "long-standing", "for years", "chronic, known to GP", "lifelong"]
)
def test_a_longstanding_wish_to_be_dead_is_no_emergency(when):
    assert not _detect("Client often says she wishes she was dead.", when).urgent


def test_the_same_wish_said_today_is_still_a_danger():
    assert _detect("Client says she wishes she was dead and has pills saved.", "today").urgent


# A parent or staff goes along: a meeting or a pick-up is looked after.
@pytest.mark.parametrize(
    "meeting, guardian",
    list(
        product(
            [
                "Tonight she is going to the cinema with a boy she met online.",
                "A man she met online is picking her up tonight.",
            ],
            [
                "We've spoken to mum who will take her and wait.",
                "Her dad is going with her.",
                "Mum will stay with her.",
                "A member of staff will accompany her.",
            ],
        )
    ),
)
def test_a_meeting_a_parent_goes_along_to_is_looked_after(meeting, guardian):
    assert not _detect(f"{meeting} She is 13. {guardian}", "tonight").urgent


def test_a_meeting_nobody_goes_along_to_is_still_urgent():
    assert _detect("A man she met online is picking her up tonight. She is 13.", "tonight").urgent


def test_a_weapon_stays_urgent_whoever_goes_along():
    assert _detect("He has a knife and is outside now. Mum is staying with her.").urgent


# The writer's all-clear in the words of their work: "no wellbeing concerns".
@pytest.mark.parametrize(
    "clear",
    [
        "there are no wellbeing concerns",
        "we have no safeguarding concerns",
        "there are no mental health concerns",
    ],
)
def test_a_joke_the_writer_checked_and_cleared_is_no_emergency(clear):
    assert not _detect(
        'A pupil wrote "i\'ll kill myself if we lose lol" about the football. We spoke to him; '
        f"he was joking, is happy and {clear}.",
        "last weekend",
    ).urgent


# A question answered by the deed: asked what happens if..., then said they did it.
@pytest.mark.parametrize(
    "asked, admitted",
    list(
        product(
            [
                "asked what happens if you take 50 paracetamol",
                "asked whether drinking bleach would hurt",
            ],
            ["said he did it 2 hours ago", "then admitted she had taken them an hour ago"],
        )
    ),
)
def test_a_question_answered_by_the_deed_is_no_mere_question(asked, admitted):
    assert _detect(f"A boy came in and {asked}, {admitted}.").urgent


def test_a_question_alone_stays_a_question():
    assert not _detect("A boy asked whether 50 paracetamol would hurt, for his homework.").urgent


# Into a vehicle with a man, whatever is said of the vehicle or where it was.
@pytest.mark.parametrize(
    "vehicle, man",
    list(
        product(
            ["a white van by the back gate", "a silver car outside the shop", "the black car"],
            ["a man she called her 'online friend'", "two older men", "an adult nobody knew"],
        )
    ),
)
def test_a_child_into_a_vehicle_with_a_man_now_is_a_danger(vehicle, man):
    assert _detect(f"A friend said she got into {vehicle} with {man}.", "about 1.20 today").urgent


def test_into_a_vehicle_with_a_man_years_ago_is_over():
    assert not _detect("She got into a white van with a man when she was 12.", "2019").urgent


# Not where a child should be this hour, told without a determiner, with a time.
@pytest.mark.parametrize(
    "absent, when",
    list(
        product(
            [
                "Lily (Y5) is not in class after lunch",
                "He is not in bed",
                "She was not at registration",
            ],
            ["about 1.20 today", "20 minutes ago"],
        )
    ),
)
def test_not_in_class_or_bed_with_a_time_is_missing_now(absent, when):
    assert "missing_now" in _detect(f"{absent}.", when).kinds


# Silence from someone: "there has been no word from her".
@pytest.mark.parametrize(
    "silence", ["there has been no word from her", "no reply from him", "no messages from them"]
)
def test_no_word_from_someone_with_a_time_is_missing_now(silence):
    assert (
        "missing_now"
        in _detect(f"Her friend said she was scared, and {silence}.", "since 10pm").kinds
    )
