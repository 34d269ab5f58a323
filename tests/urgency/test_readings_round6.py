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


# The odd half, read after it was scored once.


# "After training" is when it happened, not a training setting a weapon is ordinary in.
@pytest.mark.parametrize(
    "when_said, weapon",
    list(
        product(
            ["After training tonight", "Before training today", "On the way home from training"],
            ["what looked like a real pistol", "a knife", "a machete"],
        )
    ),
)
def test_a_weapon_shown_after_training_is_no_training_kit(when_said, weapon):
    assert _detect(
        f"{when_said} one of my players showed two others {weapon} in his kit bag. "
        "He's just left the ground with it."
    ).urgent


def test_a_knife_used_in_training_stays_ordinary():
    assert not _detect("Cadets were shown a knife in training today, used safely.").urgent


# A means of self-harm found on someone, or to be used, with a time.
@pytest.mark.parametrize(
    "found, time",
    list(
        product(
            [
                "Found a ligature in a pupil's blazer pocket",
                "Staff took a ligature from her room",
                "He had a ligature in his bag",
            ],
            ["this afternoon", "an hour ago"],
        )
    ),
)
def test_a_ligature_found_today_is_self_harm(found, time):
    assert "self_harm" in _detect(f"{found} {time}.").kinds


@pytest.mark.parametrize("said", ["he'd use it tonight", "she will try it tonight"])
def test_saying_they_will_use_it_is_self_harm(said):
    assert "self_harm" in _detect(f"We found a belt hidden in the toilets; {said}.").kinds


# Someone on the railway: walking on the tracks, along the line.
@pytest.mark.parametrize(
    "on_rails, now",
    list(
        product(
            [
                "Young man walking on the tracks towards the tunnel",
                "A girl is sitting near the train tracks",
                "Man wandering along the railway line",
            ],
            ["right now, trains still running", "at the moment"],
        )
    ),
)
def test_someone_on_the_railway_now_is_a_danger(on_rails, now):
    assert "self_harm" in _detect(f"{on_rails} {now}.").kinds


def test_the_railway_years_ago_is_over():
    assert not _detect("He was found on the tracks in 2019 and is doing well.").urgent


# Into a taxi or a lorry with men: the vehicle is any vehicle. Where to, nobody knows.
@pytest.mark.parametrize(
    "vehicle, when",
    list(product(["a taxi", "a minicab", "a lorry"], ["since 8pm", "20 minutes ago"])),
)
def test_a_child_into_a_taxi_with_men_is_a_danger(vehicle, when):
    assert _detect(f"The 13yo was seen getting into {vehicle} with two adult men.", when).urgent


@pytest.mark.parametrize("unknown", ["We don't know where.", "Staff do not know where she is."])
def test_not_knowing_where_a_child_is_with_a_time_is_missing(unknown):
    assert "missing_now" in _detect(f"She went out with friends. {unknown}", "since 8pm").kinds


# Days off school, not a missing child.
@pytest.mark.parametrize(
    "days", ["Missing Mondays mostly.", "He is missing most mornings.", "Missing the odd day."]
)
def test_missing_days_of_school_is_attendance(days):
    assert not _detect(f"Attendance 62% this term. {days}", "this term").urgent


# The person of concern went when challenged: the sentence before is over.
@pytest.mark.parametrize(
    "concern, went",
    list(
        product(
            [
                "We noticed a man filming the children from the fence.",
                "A man was photographing the children at the gate.",
            ],
            ["He left when approached.", "He drove off as soon as staff went out."],
        )
    ),
)
def test_someone_who_left_when_challenged_is_no_danger_now(concern, went):
    assert not _detect(f"{concern} {went}", "today 11am").urgent


def test_someone_who_left_and_came_back_is_still_a_danger():
    assert _detect(
        "He left when approached. Now he is outside again filming the children.", "right now"
    ).urgent


# A licence for a gun, and a record that no weapon was shown.
@pytest.mark.parametrize(
    "licence, shown",
    list(
        product(
            ["has shotgun licences", "holds firearms licences"],
            ["", "There have been no threats, no weapon shown."],
        )
    ),
)
def test_a_licensed_gun_in_a_neighbour_dispute_is_no_weapon_out(licence, shown):
    assert not _detect(
        f"The man next door {licence} and they argue about a fence. {shown}", "ongoing dispute"
    ).urgent


@pytest.mark.parametrize("shown", ["No weapon was shown.", "No knife seen."])
def test_no_weapon_shown_clears_a_named_weapon(shown):
    assert not _detect(f"Rumour he owns a knife. {shown}").urgent


# "No mention of" denies the claim that follows, as "no suggestion of" does.
@pytest.mark.parametrize(
    "denied", ["No mention of anyone being hurt.", "No talk of anyone getting hurt."]
)
def test_no_mention_of_harm_denies_it(denied):
    assert not _detect(f"{denied}", "today").urgent


# A pet missing, told without a verb.
@pytest.mark.parametrize("pet", ["Family dog missing since Sunday.", "Their cat has been missing."])
def test_a_pet_missing_is_no_missing_person(pet):
    assert not _detect(f"{pet} Older brother 'doing runs' to Blackpool.", "since Sunday").urgent


# An overdose of a treat.
@pytest.mark.parametrize("treat", ["sweets", "chocolate", "Haribo", "energy drinks"])
def test_an_overdose_on_a_treat_is_a_figure_of_speech(treat):
    assert not _detect(f'Child said she "overdosed on {treat}" at her party.', "today").urgent


def test_an_overdose_on_pills_is_still_self_harm():
    assert _detect('Child said she "overdosed on pills" an hour ago.').urgent


# The writer says what the words meant, and it was no harm.
@pytest.mark.parametrize(
    "said, meant",
    list(
        product(
            ['going to "end it" tonight', 'going to "do something stupid" tonight'],
            [
                "- meaning break up with his girlfriend",
                "— turned out she meant dye her hair blue",
                ". He said he meant the relationship",
            ],
        )
    ),
)
def test_words_the_writer_says_meant_no_harm_are_no_danger(said, meant):
    assert not _detect(f"He said he's {said} {meant}.").urgent


@pytest.mark.parametrize(
    "meant",
    ["- meaning he would kill himself", "- meaning a knife", "— turned out he meant it"],
)
def test_words_meant_as_harm_are_still_a_danger(meant):
    assert _detect(f'He said he\'s going to "end it" tonight {meant}.').urgent


# A relative picking a child up is ordinary family life.
@pytest.mark.parametrize("relative", ["older cousin", "big brother", "uncle", "older sister"])
def test_a_relative_picking_a_child_up_is_ordinary(relative):
    assert not _detect(
        f"The concern is his {relative} picking him up in different cars.", "today"
    ).urgent
