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
