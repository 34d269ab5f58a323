"""Red team, round 3: texts in styles the first two rounds did not try, and the limits of the
rules they led to.

Each text in red_team_round3.jsonl is written as a professional would produce it: dictated with
no punctuation ("at gmail dot com"), by a non-native writer, about themself in the third person,
pasted from CPOMS, MyConcern or Teams, minutes of a meeting, a letter with a reference line, an
email with a company footer, Welsh or Scots around the name, a name transliterated another way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanitiser import MARKER, SourceIdentity, find_source_identifiers
from sanitiser import sanitise_source as sanitise

from .corpus_scoring import corpus_load, corpus_score

REQUIRED_RETENTION = 0.95
ROUND3 = corpus_load(Path(__file__).with_name("red_team_round3.jsonl"))
IDS = [item["id"] for item in ROUND3]
EARLIER_IDS = {
    item["id"]
    for name in ("red_team_corpus.jsonl", "corpus.jsonl")
    for item in corpus_load(Path(__file__).with_name(name))
}


def test_round_three_holds_new_realistic_annotated_texts() -> None:
    assert len(ROUND3) >= 40
    assert len(set(IDS)) == len(IDS)
    assert not set(IDS) & EARLIER_IDS
    for item in ROUND3:
        # Only what the public form records about the source.
        assert set(item["source"]) == {"name", "role", "organisation", "email", "phone"}
        assert item["must_remove"] and item["must_keep"], item["id"]
        for expected in item["must_remove"] + item["must_keep"]:
            assert expected in item["text"], (item["id"], expected)


def test_no_round_three_identifier_survives_and_subject_details_do(record_property) -> None:
    score = corpus_score(ROUND3)
    summary = f"red team round 3: {len(ROUND3)} texts, {score.summary()}"
    print(summary)
    record_property("sanitiser_red_team_round3", summary)
    assert score.leaks == []
    assert score.retention >= REQUIRED_RETENTION, score.lost


@pytest.mark.parametrize("item", ROUND3, ids=IDS)
def test_gate_finds_nothing_in_sanitised_round_three_text(item: dict) -> None:
    identity = SourceIdentity(**item["source"])
    assert find_source_identifiers(sanitise(item["text"], identity).text, identity) == []


@pytest.mark.parametrize("item", ROUND3, ids=IDS)
def test_round_three_removed_offsets_point_into_the_original(item: dict) -> None:
    result = sanitise(item["text"], SourceIdentity(**item["source"]))
    for span in result.removed:
        assert item["text"][span.start : span.end] == span.text


# --- What the new rules must leave alone ------------------------------------------------------

MIRIAM = SourceIdentity(
    name="Dr Miriam Okonjo-Bates",
    role="GP Registrar",
    organisation="Ridgeway Medical Practice",
    email="miriam.okonjo-bates@ridgewaymp.example",
)


def test_a_title_with_the_sources_initial_goes_but_not_an_alias_in_quotes_or_another_name() -> None:
    text = "Dr M saw him. The account 'Mr M' paid. Dr M. Patel and Mrs O Smith were there."
    assert sanitise(text, MIRIAM).text == (
        f"{MARKER} saw him. The account 'Mr M' paid. Dr M. Patel and Mrs O Smith were there."
    )


def test_family_words_are_titles_only_when_capitalised() -> None:
    identity = SourceIdentity(name="Revd Canon Judith Ashdown")
    text = "Her mother Judith Blake came in. Her mother Judith said no. Mother Judith saw it."
    assert sanitise(text, identity).text == (
        f"Her mother Judith Blake came in. Her mother Judith said no. {MARKER} saw it."
    )


def test_a_transliterated_first_name_goes_beside_the_surname_but_a_different_name_stays() -> None:
    identity = SourceIdentity(name="Mohammed Al-Rashid", organisation="Stapleton Road Pharmacy")
    text = "Signed Muhammad Al Rashid. The boy, Mohamed Farah, lives on Mivart Street."
    assert sanitise(text, identity).text == (
        f"Signed {MARKER}. The boy, Mohamed Farah, lives on Mivart Street."
    )


def test_a_register_number_goes_but_a_patients_nhs_number_and_address_stay() -> None:
    identity = SourceIdentity(name="Catherine Ashworth", organisation="Whitchurch Park Primary")
    text = (
        "School URN 133476, company number 07812345. NHS no 943 476 5919. Mum's registered "
        "address is 9 Filwood Broadway. Registered office: 1 Fulford Walk, Bristol BS13 9QX."
    )
    assert sanitise(text, identity).text == (
        f"School {MARKER}, {MARKER}. NHS no 943 476 5919. Mum's registered address is 9 Filwood "
        f"Broadway. Registered office: {MARKER}."
    )


def test_a_handle_with_the_organisations_word_alone_or_a_street_stays() -> None:
    identity = SourceIdentity(
        name="Tyrone Campbell", organisation="Lionheart Boxing Club", email="t@gmail.com"
    )
    text = (
        "Page @lionheart_lads99 is theirs; the club is instagram.com/lionheartboxing and "
        "office@lionheart.example; @coachtyronec is mine but @tyronecoach_bs13 is his."
    )
    assert sanitise(text, identity).text == (
        f"Page @lionheart_lads99 is theirs; the club is {MARKER} and "
        f"{MARKER}; {MARKER} is mine but @tyronecoach_bs13 is his."
    )


def test_initials_signing_a_line_go_but_an_answer_in_capitals_stays() -> None:
    identity = SourceIdentity(name="Nkechi Obi-Ezeh", organisation="Fairfield High School")
    text = "Does mum know?\nNO\nNO - she has not been told\nNO - attendance"
    assert sanitise(text, identity).text == (
        f"Does mum know?\nNO\nNO - she has not been told\n{MARKER} - attendance"
    )
    assert sanitise("Seen in the park.\nno x", identity).text == "Seen in the park.\nno x"
    assert sanitise("Seen in the park.\nnoe x", identity).text == f"Seen in the park.\n{MARKER}"


def test_an_address_read_out_goes_only_when_every_part_is_the_sources() -> None:
    identity = SourceIdentity(name="Joanne Pilkington", email="jopilkington82@gmail.com")
    text = (
        "his is kyle 82 at gmail dot com and mine is jo pilkington 82 at gmail dot com, "
        "not pilkington 82 at hotmail dot com"
    )
    assert sanitise(text, identity).text == (
        f"his is kyle 82 at gmail dot com and mine is {MARKER}, not {MARKER} 82 at hotmail dot com"
    )


def test_a_name_the_source_says_they_go_by_goes_but_not_what_someone_else_is_known_as() -> None:
    identity = SourceIdentity(name="Abdirahman Warsame")
    text = (
        "The boys call me Abu Yasin. Their dealer is known to everyone as Big Dhagax. "
        "He told her 'call me Daddy' and \u201cthey call me Smokey\u201d."
    )
    assert sanitise(text, identity).text == (
        f"The boys call me {MARKER}. Their dealer is known to everyone as Big Dhagax. "
        "He told her 'call me Daddy' and \u201cthey call me Smokey\u201d."
    )


def test_a_number_half_in_words_goes_only_when_it_is_the_sources() -> None:
    identity = SourceIdentity(name="Marek Kowalczyk", phone="07700 900318")
    text = "Mine is 07700 900 three one eight; his is 07700 900 four one eight, 2 one-way streets."
    assert sanitise(text, identity).text == (
        f"Mine is {MARKER}; his is 07700 900 four one eight, 2 one-way streets."
    )


def test_a_welsh_organisation_goes_as_it_mutates_but_an_english_one_does_not() -> None:
    welsh = SourceIdentity(name="Siân Bowen", organisation="Canolfan Ieuenctid Treorci")
    text = "Rwy'n gweithio yn Nhreorci; she went o Dreorci to Pontypridd."
    assert sanitise(text, welsh).text == (
        f"Rwy'n gweithio yn {MARKER}; she went o {MARKER} to Pontypridd."
    )
    english = SourceIdentity(name="Sam Bell", organisation="Parkside Taxis")
    assert sanitise("Barkside Cars took him.", english).text == "Barkside Cars took him."


def test_the_organisations_handle_with_its_initials_goes_but_a_lookalike_stays() -> None:
    identity = SourceIdentity(
        name="Rebecca Okafor", organisation="Greenbank Primary School", email="b@gmail.com"
    )
    text = "We are @GreenbankPS and #TeamGreenbank; the gang is @greenbank_boyz_bs5."
    assert sanitise(text, identity).text == (
        f"We are {MARKER} and {MARKER}; the gang is @greenbank_boyz_bs5."
    )


def test_bare_initials_with_a_middle_count_only_once_the_text_shows_the_middle_name() -> None:
    identity = SourceIdentity(name="Kwame Osei", organisation="Bristol City Council")
    assert sanitise("KAO visited. CSE concern.", identity).text == "KAO visited. CSE concern."
    assert sanitise("KAO visited. CSE concern.\nK.A. Osei", identity).text == (
        f"{MARKER} visited. CSE concern.\n{MARKER}"
    )


def test_a_username_with_the_initial_after_the_surname_goes() -> None:
    identity = SourceIdentity(name="Gareth Llewellyn")
    text = "edited by llewellyn.g and LLEWELLYNG"
    assert sanitise(text, identity).text == f"edited by {MARKER} and {MARKER}"
