"""General shapes of source identifiers the blind sets showed: the organisation's ordinary words
written together, its shortened acronym, numbered work units, and the writer singled out."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.lexicon import _world_first_names

FORM = SubjectDetails.from_form(
    {"subjects": [{"name": "Lily"}], "persons_of_concern": [{"name": "Kane Rogers"}]}
)


def _clean(text: str, **source: str) -> str:
    return sanitise(text, SourceIdentity(**source), FORM).text.lower()


@pytest.mark.parametrize(
    ("organisation", "written", "name"),
    [
        ("Ink & Iron Tattoo", "i work at ink and iron, lily came in", "ink and iron"),
        (
            "Transport for Wales Rail",
            "im a conductor with transport for wales, lily was on",
            "transport for wales",
        ),
        ("Hillside Youth Hub", "Lily comes to the hub most weeks", "the hub"),
        ("Hillside Youth Hub", "Lily comes to youth hub most weeks", "youth hub"),
    ],
)
def test_the_organisations_ordinary_words_together_are_its_name(
    organisation, written, name
) -> None:
    cleaned = _clean(written, name="Rhodri Bowen", organisation=organisation)
    assert name not in cleaned
    assert "lily" in cleaned


def test_one_ordinary_word_of_the_organisation_alone_stays() -> None:
    cleaned = _clean(
        "Lily said the iron gate was open", name="Rhodri Bowen", organisation="Ink & Iron Tattoo"
    )
    assert "the iron gate" in cleaned


def test_the_acronym_of_a_shortened_name_goes_in_any_case() -> None:
    cleaned = _clean(
        "based with tfw at the depot. Lily boarded with Kane Rogers",
        name="Rhodri Bowen",
        organisation="Transport for Wales Rail",
    )
    assert "tfw" not in cleaned
    assert "kane rogers" in cleaned


@pytest.mark.parametrize("unit", ["driver 118", "Shop 2217", "Truck SW-R07", "team 3"])
def test_a_numbered_work_unit_goes(unit) -> None:
    cleaned = _clean(f"I was {unit} that night when Lily got in", name="Sam Okafor")
    assert unit.lower() not in cleaned
    assert "lily got in" in cleaned


@pytest.mark.parametrize(
    "singled_out",
    [
        "im the only irish lad on that door",
        "we are the only crew that does that lane",
        "theres only me on the desk before 9",
        "Patricia only lets me in",
        "everyone round here knows me",
        "he'll know it's me",
    ],
)
def test_the_writer_singled_out_goes_what_they_saw_stays(singled_out) -> None:
    text = f"Lily was with Kane Rogers again, {singled_out}. I saw Lily get into a grey Audi"
    cleaned = _clean(text, name="Sam Okafor")
    assert singled_out.lower() not in cleaned
    assert "i saw lily get into a grey audi" in cleaned
    assert "lily was with kane rogers again" in cleaned


@pytest.mark.parametrize(
    ("text", "plate", "writers"),
    [
        (
            "I drive for ParcelDash, route M14, van reg PD21 KXZ. Lily waved me down",
            "pd21 kxz",
            True,
        ),
        ("I deliver for FoodZoom, moped plate AR22 ZPP. Lily was at the door", "ar22 zpp", True),
        ("I saw Lily get into a white van reg PD21 KXZ", "pd21 kxz", False),
        ("I noted the car reg AR22 ZPP when Lily got in", "ar22 zpp", False),
    ],
)
def test_a_work_vehicle_named_bare_in_a_first_person_sentence_is_the_writers(
    text, plate, writers
) -> None:
    cleaned = _clean(text, name="Sam Okafor")
    assert (plate not in cleaned) is writers
    assert "lily" in cleaned


def test_a_name_tied_to_the_writer_goes_wherever_its_short_form_stands() -> None:
    text = (
        "Things I noticed, as Janet asked: Lily was with Kane Rogers again.\n"
        "My supervisor Janet Ogunleye knows about this."
    )
    cleaned = _clean(text, name="Sam Okafor")
    assert "janet" not in cleaned
    assert "kane rogers" in cleaned


def test_whoever_tells_the_writer_to_fill_in_the_form_is_their_colleague() -> None:
    cleaned = _clean("Putting this on the police form as Mr Hegarty said. Lily", name="Sam Okafor")
    assert "hegarty" not in cleaned
    # A name given to someone stays someone else's.
    kept = _clean("Lily calls him Kane Rogers, known as Kano", name="Sam Okafor")
    assert "kano" in kept


def test_a_street_typed_without_capitals_beside_the_workplace_goes_elsewhere_stays() -> None:
    text = (
        "paddy here, head doorman at vortex on seel street. lily lives with her nan on "
        "malvern road my other coach saw her"
    )
    cleaned = _clean(text, name="Padraig Gallagher", organisation="Vortex Nightclub")
    assert "seel street" not in cleaned
    assert "malvern road" in cleaned


@pytest.mark.parametrize(
    ("introduced", "job"),
    [
        ("Im a dispensor at the chemist.", "dispensor"),
        ("I am caseworker (Arabic) with the project.", "caseworker"),
        ("I'm the night manager here.", "night manager"),
    ],
)
def test_the_writer_introducing_their_job_in_their_own_words_goes(introduced, job) -> None:
    cleaned = _clean(f"{introduced} Lily came in with Kane Rogers.", name="Sam Okafor")
    assert job not in cleaned
    assert "lily came in with kane rogers" in cleaned


@pytest.mark.parametrize("said", ["I am sure Lily was there", "I am older than Lily"])
def test_an_er_word_after_i_am_is_not_always_a_job(said) -> None:
    assert said.lower() in _clean(said, name="Sam Okafor")


@pytest.mark.parametrize(
    ("said", "gone", "kept"),
    [
        ("Lily uses our public PC most days", "our public pc", "lily uses"),
        ("she is one of our regulars, Lily", "our regulars", "lily"),
        ("Lily lives with our tenant Ms Kane Rogers", "our tenant", "kane rogers"),
        ("Our concern is that Lily is with Kane Rogers", None, "our concern is"),
    ],
)
def test_our_speaks_for_the_workplace_but_not_for_a_name_or_a_concern(said, gone, kept) -> None:
    cleaned = _clean(said, name="Sam Okafor")
    if gone:
        assert gone not in cleaned
    assert kept in cleaned


def test_a_case_prints_dates_and_times_stay_when_its_writer_lines_go() -> None:
    text = (
        "CCH HOUSING SYSTEM - Case Note (print)\n"
        "Author: B.Morgan (TSO, Grangetown patch team)\n"
        "Created: 19/11/2026 11:03\n\n"
        "Home visit. Lily was there with Kane Rogers."
    )
    cleaned = _clean(text, name="Bethan Morgan", organisation="Cardiff Community Housing")
    assert "morgan" not in cleaned
    assert "19/11/2026 11:03" in cleaned
    assert "kane rogers" in cleaned


@pytest.mark.parametrize(
    "said", ["Crow Road, number 212", "Beeston Road I think number 140", "Wightman Road number 77"]
)
def test_a_house_number_after_its_street_is_no_work_number(said) -> None:
    cleaned = _clean(f"Lily stays at {said} with Kane Rogers", name="Sam Okafor")
    assert said.lower() in cleaned


@pytest.mark.parametrize(
    "place",
    [
        "Kirkby station",
        "West Bromwich bus station",
        "Willow Tree pub car park",
        "Belle Vue bus stop",
    ],
)
def test_a_name_followed_by_what_the_place_is_stays_a_place(place) -> None:
    cleaned = _clean(f"Lily was dropped at {place} by Kane Rogers", name="Sam Okafor")
    assert place.lower() in cleaned


def test_days_and_shop_formats_are_ordinary_words() -> None:
    said = "every Weds Lily waits outside Tesco Express with Kane Rogers"
    assert said.lower() in _clean(said, name="Sam Okafor")


def test_a_case_prints_field_labels_are_no_names_and_its_subject_line_stays() -> None:
    text = (
        "R4 Clinical Notes - Lakeside Dental Practice\n"
        "Patient: Lily Brannigan  DOB 17/04/2012  Addr: 9 Lakeside Walk\n"
        "Clinician: Dr V Subramanian (GDC 214876)\n"
        "Notes: Lily came in with Kane Rogers."
    )
    form = SubjectDetails.from_form(
        {"subjects": [{"name": "Lily Brannigan", "address": "9 Lakeside Walk"}]}
    )
    identity = SourceIdentity(name="Vikram Subramanian", organisation="Lakeside Dental Practice")
    cleaned = sanitise(text, identity, form).text
    assert "Patient: Lily Brannigan  DOB 17/04/2012  Addr: 9 Lakeside Walk" in cleaned
    assert "Subramanian" not in cleaned


@pytest.mark.parametrize("handle", ["ty.bandz22", "dre.cla69", "kane_r.07"])
def test_an_account_name_ending_in_digits_is_not_cut_as_a_number(handle) -> None:
    form = SubjectDetails.from_form(
        {"persons_of_concern": [{"name": "Kane", "social_media": handle}]}
    )
    cleaned = sanitise(
        f"Kane messages Lily as {handle} on insta", SourceIdentity(name="Sam Okafor"), form
    ).text
    assert handle in cleaned


@pytest.mark.parametrize(
    "tie",
    [
        "I speak some Polish",
        "im on from 6am",
        "i'm on poolside mon weds fri",
        "i am cousin of the mother",
        "because I know the family",
        "not connected with us, same name as the road",
    ],
)
def test_the_writers_languages_shifts_and_ties_go(tie) -> None:
    cleaned = _clean(
        f"Lily was with Kane Rogers again, {tie}. I saw Lily leave at 15:20", name="Sam Okafor"
    )
    assert tie.lower() not in cleaned
    assert "i saw lily leave at 15:20" in cleaned


@pytest.mark.parametrize(
    ("said", "gone"),
    [
        ("lily is in my weds 5pm stage 7 group with kane rogers", "my weds 5pm stage 7 group"),
        ("Lily came to my Tuesday welfare drop-in with Kane Rogers", "my tuesday welfare drop-in"),
        ("Lily left a note in my pigeonhole about Kane Rogers", "my pigeonhole"),
    ],
)
def test_the_writers_work_things_go_however_many_words_between(said, gone) -> None:
    cleaned = _clean(said, name="Sam Okafor")
    assert gone not in cleaned
    assert "kane rogers" in cleaned


def test_a_name_after_my_is_judged_alone() -> None:
    form = SubjectDetails.from_form({"subjects": [{"name": "Lily Shaw"}]})
    said = "My student Lily Shaw in reception told me about Kane"
    cleaned = sanitise(said, SourceIdentity(name="Sam Okafor"), form).text
    assert "Lily Shaw" in cleaned


@pytest.mark.parametrize("colleague", ["soran", "abdi", "jodie", "gethin", "tariq"])
def test_a_colleagues_name_typed_without_capitals_is_found_from_many_communities(colleague) -> None:
    text = f"lily was in again with kane rogers, {colleague} saw it too"
    cleaned = _clean(text, name="Sam Okafor")
    assert colleague not in cleaned
    assert "kane rogers" in cleaned


def test_the_world_names_list_leaves_everyday_english_words_out() -> None:
    names = _world_first_names()
    assert {"soran", "abdi", "gethin"} <= names
    assert not {"grace", "mark", "dawn", "will"} & names


@pytest.mark.parametrize(
    ("said", "staff"),
    [
        ("he gave my lad kev his number", "kev"),
        ("The lad told my Saturday girl, Roisin, his name", "roisin"),
        ("Seen jointly with student nurse Aisha. Lily aware", "aisha"),
    ],
)
def test_the_writers_staff_named_by_how_they_stand_to_the_writer_go(said, staff) -> None:
    cleaned = _clean(f"{said}. Lily was with Kane Rogers", name="Sam Okafor")
    assert staff not in cleaned
    assert "kane rogers" in cleaned


def test_what_was_entered_stays_through_the_second_reading() -> None:
    form = SubjectDetails.from_form(
        {"persons_of_concern": [{"name": "Marty", "phone_numbers": ["07700 900216"]}]}
    )
    text = "his number was on a card he gave my lad kev 07700 900216, so Marty rang Lily"
    cleaned = sanitise(text, SourceIdentity(name="Padraig Gallagher"), form).text
    assert "07700 900216" in cleaned
    assert "kev" not in cleaned


@pytest.mark.parametrize(
    ("said", "base"),
    [
        ("im a conductor based at swansea depot", "swansea depot"),
        ("paramedic out of south east station", "south east station"),
        ("i am bus driver for metroline at the southall garage", "southall garage"),
    ],
)
def test_where_the_writer_is_based_goes(said, base) -> None:
    cleaned = _clean(
        f"{said}. Lily got off at Llanelli station with Kane Rogers", name="Sam Okafor"
    )
    assert base not in cleaned
    assert "llanelli station with kane rogers" in cleaned


# --- Generated: colleagues from many communities, in the registers they turn up in -------------

_COLLEAGUES = sorted(_world_first_names())[::37]  # a spread across the list, fixed
_COLLEAGUE_REGISTERS = [
    "[09:03] {c}: did you see lily with kane rogers again",
    "{c} saw lily get into kane rogers car too",
    "told {c} on the desk, lily was with kane rogers",
    "my colleague {c} says kane rogers picked lily up",
    "putting this on the form as {c} asked. lily was with kane rogers",
]


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(colleague=st.sampled_from(_COLLEAGUES), register=st.sampled_from(_COLLEAGUE_REGISTERS))
def test_a_colleague_typed_in_lower_case_goes_the_subjects_stay(colleague, register) -> None:
    text = register.format(c=colleague)
    cleaned = _clean(text, name="Sam Okafor")
    assert colleague not in cleaned.split(), text
    assert "lily" in cleaned and "kane rogers" in cleaned
