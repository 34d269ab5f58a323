"""What stays whatever reading removed the text around it (2026-12-06): a subject's answer as
the professional entered it, a date or time the first reading kept, and the rest of a name
written beside a subject's name as entered. Each test fails without its part."""

from __future__ import annotations

import pytest

from sanitiser import SourceIdentity, SubjectDetails, sanitise

SOURCE = SourceIdentity(
    name="Morwenna Treloar",
    role="Community Nurse",
    organisation="Penhallow Health Partnership",
    email="m.treloar@penhallow.example",
    phone="01872 555 014",
)


def _result(text: str, form: dict | None = None):
    return sanitise(text, SOURCE, SubjectDetails.from_form(form or {}))


def test_a_subjects_name_as_entered_stays_inside_a_removed_header_line() -> None:
    text = (
        "Penhallow Health Partnership - Visit Record\n"
        "Client: Tamsin Rowe   Age: 16   Seen by: M Treloar\n"
        "Tamsin said an older man collects her from the flat most nights."
    )
    result = _result(text, {"subjects": [{"name": "Tamsin Rowe"}]})
    assert "Tamsin Rowe" in result.text
    assert "Treloar" not in result.text
    assert "Penhallow" not in result.text


def test_a_place_entered_stays_though_it_shares_a_word_with_the_workplace() -> None:
    text = "She is staying at 14 Mill Lane, Penhallow with a man called Jory."
    form = {"places": [{"name": "", "address": "14 Mill Lane, Penhallow"}]}
    assert "14 Mill Lane, Penhallow" in _result(text, form).text


def test_an_answer_that_is_the_sources_own_detail_is_no_fence() -> None:
    # The professional put their own workplace as the place: it still goes.
    text = "Penhallow Health Partnership saw her twice. She lives on Fore Street."
    form = {"places": [{"name": "Penhallow Health Partnership", "address": ""}]}
    assert "Penhallow Health Partnership" not in _result(text, form).text


@pytest.mark.parametrize(
    "line",
    [
        "Date: 03/11/2026 16:40  Location: home visit",
        "Contact: District Nursing, PHP - 08/02/2025 23:15",
        "Logged 22/11/2026 00:18 by M Treloar",
    ],
)
def test_a_date_and_time_in_the_writers_lines_stay(line: str) -> None:
    text = (
        "PENHALLOW HEALTH PARTNERSHIP - clinical record (printed)\n"
        "Ref: PHP-20917   Author: M. Treloar RGN 7726145\n"
        f"{line}\n\n"
        "Case note:\nTamsin had bruising to both wrists."
    )
    result = _result(text)
    dates = [part for part in line.split() if part[:1].isdigit()]
    for value in dates:
        assert value in result.text
    assert "Treloar" not in result.text and "7726145" not in result.text


@pytest.mark.parametrize(
    ("sentence", "entered", "whole"),
    [
        ("His full name may be Florin Sandu.", "Sandu", "Florin Sandu"),
        ("Her wristband said Helen Ghebremedhin.", "Helen", "Helen Ghebremedhin"),
    ],
)
def test_the_rest_of_a_name_beside_the_entered_part_stays(
    sentence: str, entered: str, whole: str
) -> None:
    form = {"persons_of_concern": [{"name": entered}]}
    result = _result(f"{entered} keeps her passport. {sentence}", form)
    assert whole in result.text
    rest = next(f for f in result.findings if f.text == whole.replace(entered, "").strip())
    assert rest.reason == "the rest of a name entered as a subject's"


def test_a_name_beside_the_entered_part_that_shares_the_sources_name_still_goes() -> None:
    form = {"persons_of_concern": [{"name": "Jory"}]}
    result = _result("Jory told Morwenna Jory was his cousin. Ask Treloar.", form)
    assert "Treloar" not in result.text


def test_a_phone_entered_in_figures_and_read_out_in_words_stays() -> None:
    form = {"persons_of_concern": [{"name": "Stretch", "phone_numbers": ["07700 900545"]}]}
    text = (
        "the lad had a phone with the number on the back oh seven seven zero zero nine zero "
        "zero five four five and Stretch was driving"
    )
    assert "oh seven seven zero zero nine zero zero five four five" in _result(text, form).text
    # A number read out that nobody entered is still the machine's to remove.
    other = text.replace("five four five", "one two three")
    assert "nine zero zero one two three" not in _result(other, form).text


@pytest.mark.parametrize(
    ("text", "stays"),
    [
        ("Vinny's 30ish, massive, drives a black Golf.", "30ish"),
        ("Last time (Sat 1st Mar, 15:30ish) Mizzy came in.", "15:30ish"),
        ("A man in his 40s collects her.", "40s"),
        ("Booking 28-30 June was made by 'Dee'.", "28-30 June"),
    ],
)
def test_an_age_or_a_day_given_roughly_is_no_number_of_anyones(text: str, stays: str) -> None:
    assert stays in _result(text).text


@pytest.mark.parametrize(
    ("text", "stays"),
    [
        ("her cousin said the white Mercedes plate ends MNY.", "MNY"),
        ("picks him up at 07:30, partial plate BX.. every day", "BX"),
        ('Osian said the number has "RX" in it.', "RX"),
    ],
)
def test_capitals_after_a_word_for_a_registration_are_part_of_the_plate(
    text: str, stays: str
) -> None:
    result = _result(text)
    assert stays in result.text
    finding = next(f for f in result.findings if f.text == stays)
    assert finding.cls == "unknown" and finding.reason == "part of a registration the writer saw"


def test_initials_in_a_case_note_tag_still_go() -> None:
    text = "12/03 10:40 Entered by MT. Tamsin was seen with Jory. MT to follow up."
    assert " MT " not in f" {_result(text).text} "


def test_an_address_written_to_its_first_comma_stays_as_entered() -> None:
    form = {"subjects": [{"name": "Stanley Wilkes", "address": "23 Birch Avenue, Dunmore"}]}
    text = "its about Mr Wilkes at 23 Birch Avenue Stanley in his seventies lives on his own"
    assert "23 Birch Avenue" in _result(text, form).text


@pytest.mark.parametrize("text", ["she looks 15 max tbh", "13 14 max, school bags"])
def test_an_everyday_word_after_a_number_is_no_name(text: str) -> None:
    assert "max" in _result(text).text


@pytest.mark.parametrize(
    ("text", "stays"),
    [
        ("He rides a black moped with a Monster Energy sticker.", "Monster Energy sticker"),
        ("She had Google Play cards and a Hibs scarf.", "Hibs scarf"),
        ("The man has a Celtic tattoo on his neck.", "Celtic tattoo"),
    ],
)
def test_a_brand_or_team_on_what_someone_wears_or_carries_stays(text: str, stays: str) -> None:
    assert stays in _result(text).text


def test_in_a_message_typed_in_capitals_everyday_words_are_no_names() -> None:
    text = (
        "BLUE CORSA OUTSIDE AGAIN TONIGHT, PINK FLUFFY DICE ON MIRROR.\n"
        "3 GIRLS APPROX 12-13 GETTING DROPPED OFF ROUND THE BACK.\n"
        "ASK FOR DAZ ON NIGHTS"
    )
    result = _result(text)
    assert "PINK FLUFFY DICE ON MIRROR" in result.text
    assert "3 GIRLS APPROX 12-13" in result.text
    assert "DAZ" not in result.text


def test_a_shifts_hours_and_a_short_date_in_the_writers_lines_stay_whole() -> None:
    source = SourceIdentity(
        name="Kwabena Mensah",
        role="Security officer",
        organisation="Sentinel Security Services",
        email="k.mensah@sentinelsecurity.example",
        phone="07700 900 815",
    )
    text = (
        "SENTINEL SECURITY SERVICES - DAILY OCCURRENCE LOG\n"
        "Officer: K. Mensah  SIA licence 1013 4471 8820 0192  Badge SSS-0733\n"
        "Shift: 14:00-22:00  Date: 07/03/2025\n\n"
        "19:42 Observed three juveniles approx 13-14 by the trolley bay with Tyler Reid."
    )
    form = {"subjects": [{"name": "Tyler Reid"}]}
    output = sanitise(text, source, SubjectDetails.from_form(form)).text
    assert "14:00-22:00" in output
    assert "Mensah" not in output and "1013" not in output


def test_a_place_entered_goes_where_the_text_gives_it_as_the_organisations_premises() -> None:
    source = SourceIdentity(
        name="Kelvin Wong",
        role="Owner",
        organisation="Golden Lotus Takeaway",
        email="orders@goldenlotus.example",
        phone="01632 960868",
    )
    form = {
        "subjects": [{"name": "Kelsey"}],
        "places": [{"name": "Outside the takeaway", "address": "5 Station Parade, Crossford"}],
    }
    text = (
        "Kelsey waits outside 5 Station Parade, Crossford most nights.\n\n"
        "Regards,\nKelvin\nGolden Lotus, 5 Station Parade, Crossford | 01632 960868"
    )
    output = sanitise(text, source, SubjectDetails.from_form(form)).text
    assert output.startswith("Kelsey waits outside 5 Station Parade, Crossford most nights.")
    assert output.count("Station Parade") == 1
    assert "960868" not in output
