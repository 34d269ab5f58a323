"""Round 5: the readings added after the fourth blind set, each crossed with its neighbours.

dev_blind_4's even half was read by kind of wording, not text by text (the odd half was held
out and scored once before it was read). Each test names one kind and crosses its parts, so a
rule written for one sentence fails.
"""

from itertools import product

import pytest

from urgency import detect


def _detect(information: str, when: str = "", descriptions: list[str] | None = None):
    return detect(information=information, when=when, descriptions=descriptions or [])


# A weapon that is only a picture: a tattoo, a logo, a print, an emoji.
@pytest.mark.parametrize(
    "picture, weapon",
    list(
        product(
            [
                "tattoo of a",
                "logo of a",
                "sticker of a",
                "print of a",
                "cartoon of a",
                "emoji of a",
            ],
            ["machete", "gun", "knife", "sword"],
        )
    ),
)
def test_a_weapon_drawn_or_printed_is_no_weapon(picture, weapon):
    assert not _detect(
        "Different lads answer the door.", "", [f"male 17, {picture} {weapon}"]
    ).urgent
    assert not _detect(f"He has a {picture} {weapon} on his arm.").urgent


@pytest.mark.parametrize("word", ["forearms", "forearm", "arms"])
def test_a_plural_of_an_everyday_word_is_not_read_as_a_misspelt_weapon(word):
    assert not _detect(f"I noticed bruises on her {word}.").urgent


# A story posted on an app is what happened, not fiction.
@pytest.mark.parametrize(
    "where, weapon, when",
    list(
        product(
            [
                "on his snapchat story",
                "on his story",
                "on her insta story",
                "on their tiktok story",
            ],
            ["a gun", "a knife", "a machete"],
            ["posted 10 mins ago", "posted just now"],
        )
    ),
)
def test_a_weapon_shown_on_a_social_media_story_is_real(where, weapon, when):
    assert _detect(f"Kid in year 11 showing {weapon} {where} {when}.").urgent


@pytest.mark.parametrize("fiction", ["in a story he wrote", "in the story they read in class"])
def test_a_story_that_is_told_stays_fiction(fiction):
    assert not _detect(f"A boy showed a gun {fiction} today.").urgent


# A quote with "!" inside goes on: the game or joke around it frames what follows.
@pytest.mark.parametrize(
    "frame, shouted",
    list(
        product(
            ["playing Call of Duty", "playing Fortnite", "on the Xbox"],
            ["'kill him now!' and 'grab the shotgun'", "'shoot him!' and 'get the knife'"],
        )
    ),
)
def test_words_shouted_in_a_game_stay_in_the_game_after_an_exclamation(frame, shouted):
    assert not _detect(f"Boys at the youth club {frame} were shouting {shouted}.").urgent


# The joke told in the next sentence, in the past or as one word.
@pytest.mark.parametrize(
    "threat, after",
    list(
        product(
            ["I'll shoot myself if the ref gives one more penalty.", "I'll kill him if he's late."],
            ["Banter, everyone laughed.", "Everyone laughed.", "They all laughed.", "Just banter."],
        )
    ),
)
def test_a_threat_laughed_at_in_the_next_sentence_is_a_joke(threat, after):
    assert not _detect(f"A regular said '{threat}' {after}").urgent


def test_a_threat_others_laughed_at_him_for_is_no_joke():
    assert _detect("He said he will stab her tonight. Everyone laughed at him.").urgent


# Healed marks and marks dated in the next sentence are a history.
@pytest.mark.parametrize(
    "marks, dated",
    list(
        product(
            ["old, healed self-harm scars", "faded self harm scars", "old scars from self-harm"],
            ["They are from two years ago.", "These date from when she was 12.", ""],
        )
    ),
)
def test_healed_self_harm_scars_are_a_history(marks, dated):
    assert not _detect(f"In PE I noticed {marks} on her arms. {dated}").urgent


def test_fresh_cuts_beside_old_scars_are_now():
    assert _detect("She has fresh cuts next to old self harm scars, still bleeding.").urgent


# The writer's own process going on is no danger going on.
@pytest.mark.parametrize(
    "when",
    [
        "in progress (review); footage from last month",
        "review in progress",
        "investigation ongoing",
        "enquiries ongoing, first seen last month",
    ],
)
def test_the_writers_own_review_in_progress_is_not_now(when):
    information = "CCTV shows the same man collecting Year 9 girls from the back gate."
    assert not _detect(information, when, ["male 30s, white Audi"]).urgent


def test_a_danger_in_progress_is_still_now():
    assert _detect("A man is collecting Year 9 girls from the back gate.", "in progress").urgent


# Everyone at once as the target of a harm: "get rid of all of them".
@pytest.mark.parametrize(
    "harm, everyone",
    list(product(["get rid of", "kill", "finish"], ["all of them", "them all", "all of us"])),
)
def test_a_harm_aimed_at_everyone_at_once_is_a_threat(harm, everyone):
    assert _detect(f"Her dad told her he's going to {harm} {everyone} when mum gets back.").urgent


# A message that tells someone they are found, or theirs will "get it".
@pytest.mark.parametrize(
    "message",
    [
        "we no where u live. ur mum gets it 2nite",
        "we know where you live, dont bother hiding",
        "your brother gets it tonight",
        "you can run but you cant hide, tonight",
    ],
)
def test_a_message_that_says_they_are_found_is_a_threat_now(message):
    assert _detect(f"Message shown to me: '{message}'", "today 14:05").urgent


def test_gets_it_said_of_a_thing_is_no_threat():
    assert not _detect("Her mum gets it done today.").urgent


# Slang for a weapon carried to someone, a thing hidden or made ready, with a sign of now.
@pytest.mark.parametrize(
    "carried, now",
    list(
        product(
            [
                "mandem are waiting outside the college for him with a ting",
                "showed him something heavy wrapped in a sock in his bag",
                "took something long out of the boot wrapped in a towel",
                "he has been sharpening things in the shed",
                "he is bringing the skeng",
            ],
            ["today 3.30", "in 20 minutes", "he's heading over now"],
        )
    ),
)
def test_a_weapon_in_slang_or_hidden_counts_with_a_sign_of_now(carried, now):
    assert _detect(f"My cousin said {carried}.", now).urgent


@pytest.mark.parametrize(
    "calm", ["She is sharpening her pencils", "He carried something heavy up the stairs for me"]
)
def test_everyday_sharpening_and_carrying_is_no_weapon(calm):
    assert not _detect(f"{calm}.", "last year").urgent


# Anything held up at a person is a weapon.
@pytest.mark.parametrize(
    "move, thing, person",
    list(
        product(
            ["waving", "brandishing", "swinging", "pointing"],
            ["a poker", "a chair leg", "a golf club", "a broken bottle"],
            ["at his father", "at staff", "at her"],
        )
    ),
)
def test_an_object_brandished_at_a_person_is_a_weapon(move, thing, person):
    assert "weapon" in _detect(f"Her son is in the house drunk, {move} {thing} {person}.").kinds


@pytest.mark.parametrize("thing", ["a flag", "his hand", "a placard", "his phone"])
def test_a_flag_or_a_hand_waved_at_someone_is_no_weapon(thing):
    assert not _detect(f"He was waving {thing} at them.").urgent


# Things thrown at people, or where people are, while it goes on.
@pytest.mark.parametrize(
    "thrown, now",
    list(
        product(
            [
                "Youths throwing bricks at a parked car with a woman inside it",
                "Lads lobbing stones at the bus",
                "Someone is hurling bottles at the house",
            ],
            ["still happening", "right now", "5 minutes ago"],
        )
    ),
)
def test_things_thrown_at_people_now_are_urgent(thrown, now):
    assert _detect(f"{thrown}.", now).urgent


def test_stones_thrown_at_ducks_are_no_danger():
    assert not _detect("Kids throwing stones at the ducks.", "now").urgent


# Self-injury shown as it is, with a time.
@pytest.mark.parametrize(
    "shown, when",
    list(
        product(
            [
                "posted a pic of her wrists all cut",
                "put a photo up of his arms covered in cuts",
                "said this time im not stopping",
            ],
            ["6 mins ago", "just now", "tonight"],
        )
    ),
)
def test_self_injury_shown_with_a_time_is_urgent(shown, when):
    assert "self_harm" in _detect(f"One of my Year 11s {shown}.", when).kinds


# Someone coming at a stated time to take a child away.
@pytest.mark.parametrize(
    "coming, child",
    list(
        product(
            ["are coming at 6 to take", "are coming tonight to collect", "are coming back to get"],
            ["her daughter", "the girl", "him"],
        )
    ),
)
def test_men_coming_at_a_time_to_take_a_child_is_urgent(coming, child):
    assert _detect(f"The men who control her flat {coming} {child}.", "today, 6pm").urgent


@pytest.mark.parametrize("parent", ["Her dad", "Her mum", "Her foster carer"])
def test_a_parent_coming_to_collect_is_everyday(parent):
    assert not _detect(f"{parent} is coming at 6 to collect her daughter.", "today, 6pm").urgent


# Bomb-making with a time and a place.
@pytest.mark.parametrize(
    "bomb", ["watching bomb making videos", "talking about making a bomb", "has bomb parts"]
)
def test_bomb_making_with_a_time_is_urgent(bomb):
    assert _detect(f"A man in the library {bomb} and said the meeting is this evening.").urgent


# Read from the held-out half after it was scored once.
@pytest.mark.parametrize(
    "threat",
    [
        "he'll come in and carve her up",
        "she won't see the morning",
        "he said she will not make it to the weekend",
    ],
)
def test_a_harm_told_by_slang_or_by_its_end_is_a_threat(threat):
    assert "threat_to_life" in _detect(f"The man at the bar just said {threat}.", "tonight").kinds


@pytest.mark.parametrize("poison", ["drink bleach", "swallow antifreeze", "drink weedkiller"])
def test_poison_to_be_drunk_is_self_harm(poison):
    assert "self_harm" in _detect(f"The patient told me she will {poison} later.", "now").kinds


@pytest.mark.parametrize("thing", ["a golf club", "a baseball bat", "a spade"])
def test_a_weapon_fetched_in_a_fight_is_urgent_now(thing):
    information = (
        f"Two dads are squaring up and one has gone to his boot and come back with {thing}."
    )
    assert _detect(information, "happening now").urgent


@pytest.mark.parametrize(
    "said",
    [
        "Mrs B often says 'I'd rather be dead than go in a home'.",
        "She wants to die in her own home rather than go into a care home.",
        "A parent shouted 'kill the ref!' during the match.",
    ],
)
def test_a_preference_or_a_touchline_shout_is_no_danger(said):
    assert not _detect(said, "today").urgent


def test_rather_be_dead_with_the_means_in_hand_is_still_self_harm():
    said = "He said he would rather be dead than go back, and he has enough insulin to do it."
    assert _detect(said).urgent


@pytest.mark.parametrize("thing", ["money", "her pension", "her cash", "his medication"])
def test_things_going_missing_are_no_missing_person(thing):
    assert not _detect(f"New men are staying at her flat and {thing} is going missing.").urgent


def test_a_contact_blocked_closes_the_sentence_before():
    told = "She met someone on Instagram who she now thinks is older. She has blocked him."
    assert not _detect(told, "disclosed Tuesday").urgent


@pytest.mark.parametrize("period", ["over the past month", "during the last few weeks"])
def test_a_pattern_over_weeks_or_months_is_not_now(period):
    assert not _detect(f"Parcels that look like large knives have been delivered {period}.").urgent
