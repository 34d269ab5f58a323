"""Red-team corpus: texts written to break the sanitiser, and the limits of the rules it led to.

Each text in red_team_corpus.jsonl was written as a professional would type it (signature blocks,
reply chains, nicknames, typos, abbreviations, numbers in odd formats) with the source's details
the form recorded, what must go and what the police need kept.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanitiser import MARKER, SourceIdentity, find_source_identifiers
from sanitiser import sanitise_source as sanitise

from .corpus_scoring import corpus_load, corpus_score

REQUIRED_RETENTION = 0.95
RED_TEAM = corpus_load(Path(__file__).with_name("red_team_corpus.jsonl"))
IDS = [item["id"] for item in RED_TEAM]
FIONA = SourceIdentity(
    name="Fiona Marsh",
    role="GP",
    organisation="Marsh Lane Surgery",
    email="fiona.marsh@marshlane.example",
    phone="07700 900123",
)


def test_red_team_corpus_holds_realistic_annotated_texts() -> None:
    assert len(RED_TEAM) >= 45
    assert len(set(IDS)) == len(IDS)
    for item in RED_TEAM:
        # Only what the public form records about the source.
        assert set(item["source"]) == {"name", "role", "organisation", "email", "phone"}
        assert item["must_remove"] and item["must_keep"], item["id"]
        for expected in item["must_remove"] + item["must_keep"]:
            assert expected in item["text"], (item["id"], expected)


def test_no_red_team_identifier_survives_and_subject_details_do(record_property) -> None:
    score = corpus_score(RED_TEAM)
    summary = f"red team: {len(RED_TEAM)} texts, {score.summary()}"
    print(summary)
    record_property("sanitiser_red_team", summary)
    assert score.leaks == []
    assert score.retention >= REQUIRED_RETENTION, score.lost


@pytest.mark.parametrize("item", RED_TEAM, ids=IDS)
def test_gate_finds_nothing_in_sanitised_red_team_text(item: dict) -> None:
    identity = SourceIdentity(**item["source"])
    assert find_source_identifiers(sanitise(item["text"], identity).text, identity) == []


@pytest.mark.parametrize("item", RED_TEAM, ids=IDS)
def test_red_team_removed_offsets_point_into_the_original(item: dict) -> None:
    result = sanitise(item["text"], SourceIdentity(**item["source"]))
    for span in result.removed:
        assert item["text"][span.start : span.end] == span.text


# --- What the new rules must leave alone ------------------------------------------------------


def test_vehicle_registration_nhs_number_and_ordinary_words_are_not_professional_numbers() -> None:
    text = (
        "The car, reg no. WU68 KXD, was outside. NHS number 485 777 3456. Staffing 123 was "
        "short, the next 204 pupils left, and she texted 07700 900456."
    )
    assert sanitise(text, FIONA).text == text


def test_professional_numbers_go_label_and_all() -> None:
    text = (
        "Seen by the GP (GMC 7012345) and a nurse (NMC PIN: 09A1234E). Staff ID 40917 took the "
        "call; ring bleep 2244 or ext. 310 for the ward."
    )
    result = sanitise(text, FIONA)
    assert result.text == (
        f"Seen by the {MARKER} ({MARKER}) and a nurse ({MARKER}). {MARKER} took the call; "
        f"ring {MARKER} or {MARKER} for the ward."
    )


def test_house_number_before_a_street_named_like_the_organisation_is_an_address() -> None:
    text = "She lives at 88 Marsh Lane. The Marsh Lane receptionist saw her."
    assert (
        sanitise(text, FIONA).text
        == f"She lives at 88 Marsh Lane. The {MARKER} receptionist saw her."
    )


def test_someone_elses_number_read_out_in_words_is_kept() -> None:
    text = "He said ring oh seven seven double oh nine double oh four five six."
    assert sanitise(text, FIONA).text == text
    spoken = "Ring me on oh seven seven double oh nine double oh one two three."
    assert sanitise(spoken, FIONA).text == f"Ring me on {MARKER}."


def test_handle_with_the_surname_but_not_the_first_name_is_kept() -> None:
    text = "Her boyfriend is @kyle_marsh99 and kylemarsh.bs5 on Snapchat; fiona_marsh is not."
    assert sanitise(text, FIONA).text == (
        f"Her boyfriend is @kyle_marsh99 and kylemarsh.bs5 on Snapchat; {MARKER} is not."
    )


def test_a_number_after_the_sources_is_removed_but_a_suspects_in_the_next_sentence_is_kept() -> (
    None
):
    text = "Call me on 07700 900123 or my desk 0117 496 0999. His number is 07700 900456."
    assert (
        sanitise(text, FIONA).text
        == f"Call me on {MARKER} or my desk {MARKER}. His number is 07700 900456."
    )


def test_subject_sharing_the_first_name_keeps_her_class_teacher() -> None:
    text = "Fiona Reid (Year 8): Fiona's class teacher saw the bruise on Monday."
    assert sanitise(text, FIONA).text == text


def test_word_and_initials_in_capitals_that_read_as_a_sentence_are_kept() -> None:
    identity = SourceIdentity(
        name="Rose Summers", organisation="Royal Mail Bedminster Delivery Office"
    )
    shouted = "THE LADS IN BEDMINSTER DO DEALING FROM THE FLAT."
    assert sanitise(shouted, identity).text == shouted
    assert sanitise("Rose, Bedminster DO", identity).text == MARKER


def test_a_subjects_name_heading_a_line_is_not_a_chat_speaker() -> None:
    text = "Fiona: Year 8, lives with nan.\n[12/06/2024, 19:03] Fiona: he was there again"
    assert sanitise(text, FIONA).text == (
        f"Fiona: Year 8, lives with nan.\n[12/06/2024, 19:03] {MARKER}: he was there again"
    )


def test_only_the_sources_own_workplace_address_goes() -> None:
    text = (
        "My pupil lives at 12 Hill Street. Our surgery on Marsh Road saw her; "
        "our practice at 4 Quay Street, Bristol BS1 4DJ is near the flat."
    )
    assert sanitise(text, FIONA).text == (
        f"My pupil lives at 12 Hill Street. Our surgery on {MARKER} saw her; "
        f"our practice at {MARKER} is near the flat."
    )


def test_numbers_with_the_country_code_or_a_letter_o_are_the_sources_only_when_they_match() -> None:
    text = "Mine: wa.me/447700900123 and O7700 900123. His: 447700 900456 and O7700 900456."
    assert sanitise(text, FIONA).text == (
        f"Mine: wa.me/{MARKER} and {MARKER}. His: 447700 900456 and O7700 900456."
    )


def test_a_nickname_in_quotes_belongs_to_whoever_the_surname_does() -> None:
    text = 'Kyle "K" Barnes drove. Fiona "Fi" Marsh saw him.'
    assert sanitise(text, FIONA).text == f'Kyle "K" Barnes drove. {MARKER} saw him.'


def test_a_plate_shaped_like_a_register_number_is_kept() -> None:
    text = "He drives a GMC pickup, private plate GMC 123X, and his staff at the garage know it."
    assert sanitise(text, FIONA).text == text


def test_a_line_opening_with_the_organisation_then_a_pupil_is_not_a_signature() -> None:
    identity = SourceIdentity(name="Sarah Hughes", organisation="Kingsweston Academy")
    text = "Seen at the gate on Monday.\nKWA: Tyler Grant (Year 10)\nTyler Grant - Year 10"
    assert sanitise(text, identity).text == (
        f"Seen at the gate on Monday.\n{MARKER}: Tyler Grant (Year 10)\nTyler Grant - Year 10"
    )
    signed = "Seen at the gate on Monday.\nSarah Hughes (North Patch) | KWA Kingswood"
    assert sanitise(signed, identity).text == f"Seen at the gate on Monday.\n{MARKER}"
