"""The identifier finder: every identifier-like stretch, whoever it belongs to."""

from __future__ import annotations

import pytest

from sanitiser.finder import find_identifiers


def _found(text: str) -> dict[str, str]:
    return {c.text: c.kind for c in find_identifiers(text)}


def _zones(text: str) -> dict[str, str]:
    return {c.text: c.zone for c in find_identifiers(text) if c.zone}


def test_names_in_mail_headers_are_in_the_writers_zone() -> None:
    zones = _zones("From: Tomasz Wren\nTo: Duty Desk\nCc: dave hollis\n\nKai (15) was seen.")
    assert zones["Tomasz Wren"] == "header"
    assert zones["dave hollis"] == "header"


def test_a_chat_speaker_label_is_the_writers() -> None:
    assert _zones("[18:40] Tomasz Wren: he was there again")["Tomasz Wren"] == "chat"


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("[02:14, 11/03/2026] Liban K: kid answers, maybe 13", "Liban K"),
        ("Olu A  [22:05]\nkid in the queue selling pills again", "Olu A"),
        ("Stacey (Crest)  [22:11]\nBagged him at the side door", "Stacey (Crest)"),
    ],
)
def test_a_speaker_label_with_the_date_after_the_time_or_the_time_in_brackets(
    line: str, speaker: str
) -> None:
    assert _zones(line)[speaker] == "chat"


def test_a_sign_off_closing_a_line_takes_the_name_after_it() -> None:
    assert "Carys" in _zones("Kai was seen at the park.\ndiolch, Carys")


def test_a_lower_case_name_after_a_title_or_a_job_word_is_a_person() -> None:
    found = _found("my line manager dave hollis said to ask mr pellow")
    assert found.get("dave hollis") == "person"
    assert found.get("mr pellow") == "person"


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("call 07700 900123 or +44-20-7946-0321", "+44-20-7946-0321", "phone"),
        (
            "ring oh seven seven double oh nine oh oh one two three",
            "oh seven seven double oh nine oh oh one two three",
            "phone",
        ),
        ("a silver Audi AB12 CDE outside", "AB12 CDE", "vehicle"),
        ("Delta 32 attended", "Delta 32", "number"),
        ("door supervisor licence 1234 5678 9012 3456", "1234 5678 9012 3456", "number"),
        ("see www.brightlock.example for", "www.brightlock.example", "web"),
        ("on snap as @kb_bristol99", "@kb_bristol99", "handle"),
    ],
)
def test_numbers_accounts_and_plates_are_found(text: str, value: str, kind: str) -> None:
    assert _found(text).get(value) == kind


def test_a_date_is_no_call_sign_and_no_phone() -> None:
    found = _found("Date and time: 25 November 2026 09:05, then 05/03/2025 12:40")
    assert not any(kind in ("number", "phone") for kind in found.values()), found


def test_the_writers_job_said_of_themselves_is_found_and_someone_elses_is_not() -> None:
    assert _found("I'm the lunchtime supervisor here.").get("lunchtime supervisor here") == "role"
    assert "social worker" not in " ".join(_found("Her social worker knows.").keys())


def test_the_writers_own_family_and_workplace_are_the_writers() -> None:
    found = {c.text: c for c in find_identifiers("me and my husband Keith run it; our residents")}
    assert found["my husband Keith"].writer_cue
    assert found["our residents"].kind == "premises"


def test_organisations_places_and_vehicles_are_told_apart() -> None:
    found = _found("Ade from Brightlock Security Services saw a white Transit van on Mill Road.")
    assert found["Brightlock Security Services"] == "organisation"
    assert found["Mill Road"] == "place"
    assert found["Transit"] == "vehicle"


def test_a_name_with_an_age_after_it_is_tied_to_someone_else() -> None:
    (candidate,) = [
        c for c in find_identifiers("We saw Leon Fraser (15) there.") if c.kind == "person"
    ]
    assert candidate.third_party_cue and not candidate.writer_cue
