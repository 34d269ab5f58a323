"""Shapes the fourth round of blind sets showed (G and H, now development data): a name of the
source's found once is theirs everywhere, reference codes after their cue, the writer's own
vehicle, the writer's role after "I write as", a letterhead's address on the contact line; and
subject descriptions that must stay (nationality, brands named by what they make, a shaved head,
the bin store)."""

from __future__ import annotations

import pytest

from sanitiser import SourceIdentity, SubjectDetails, sanitise

FORM = SubjectDetails.from_form(
    {"subjects": [{"name": "Kofi Mensah"}], "persons_of_concern": [{"name": "Reece Dunn"}]}
)
SOURCE = SourceIdentity(
    name="Devinder Sahota",
    role="School Business Manager",
    organisation="Hollins Park Primary School",
    email="d.sahota@hollinspark.example",
    phone="01632 960771",
)


def _clean(text: str, source: SourceIdentity = SOURCE) -> str:
    return sanitise(text, source, FORM).text


def test_a_short_name_signed_on_its_own_line_goes_wherever_it_stands() -> None:
    text = (
        "Kofi told me Reece Dunn pays his dinner money.\n\nDev\n\n"
        "> Dev, yes please send it. Kofi is in Y5."
    )
    cleaned = _clean(text)
    assert "Dev" not in cleaned
    assert "Kofi" in cleaned and "Reece Dunn" in cleaned


def test_a_name_that_is_an_english_word_spreads_in_its_own_case_only() -> None:
    source = SourceIdentity(name="Will Harper", organisation="Oakfield Library")
    text = "Will\n\nKofi said Reece Dunn will be there. Will, can you send it on?"
    cleaned = _clean(text, source)
    assert "Will," not in cleaned
    assert "Reece Dunn will be there" in cleaned


def test_a_subjects_name_never_spreads_from_the_source() -> None:
    source = SourceIdentity(name="Kofi Addo", organisation="Oakfield Library")
    cleaned = _clean("Kofi\n\nKofi Mensah came in with Reece Dunn again.", source)
    assert "Kofi Mensah came in with Reece Dunn" in cleaned


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Submitted by CEO badge EM-CEO-117 (parking). Reece Dunn parked there.", "EM-CEO-117"),
        ("Tenancy ref: T/44817\nReece Dunn visits the flat.", "T/44817"),
        ("I'll log it on our system (case HH-ASB-5521). Reece Dunn was there.", "HH-ASB-5521"),
        ("Branch sort code 40-99-12, please don't quote it. Reece Dunn came in.", "40-99-12"),
        ("Lee (crew): round 7B thursdays. Reece Dunn is always there.", "7B"),
    ],
)
def test_a_reference_code_after_its_cue_goes(text: str, code: str) -> None:
    cleaned = _clean(text)
    assert code not in cleaned
    assert "Reece Dunn" in cleaned


def test_in_case_is_no_cue() -> None:
    cleaned = _clean("Just in case 2 of them come back, Reece Dunn has a key.")
    assert "in case 2 of them" in cleaned


@pytest.mark.parametrize(
    ("text", "vehicle"),
    [
        ("Driver for A1 Cars, plate 1143 on my Toyota Corolla. Reece Dunn booked.", "Corolla"),
        ("I ride grey Yamaha scooter with green box, plate YD19 GXU. Reece Dunn orders.", "YD19"),
        ("I drive the grey pool car (Toyota Yaris, FH20 NHS) to Reece Dunn's flat.", "FH20"),
    ],
)
def test_the_writers_own_vehicle_goes(text: str, vehicle: str) -> None:
    cleaned = _clean(text)
    assert vehicle not in cleaned
    assert "Reece Dunn" in cleaned


@pytest.mark.parametrize(
    "text",
    [
        "I saw Reece Dunn get into a grey Audi A3, reg AB12 CDE at 3pm.",
        "I drive past and saw a man in a BMW, plate KX19 ABC, with Reece Dunn.",
    ],
)
def test_a_vehicle_someone_else_drives_stays(text: str) -> None:
    plate = "AB12 CDE" if "AB12" in text else "KX19 ABC"
    assert plate in _clean(text)


@pytest.mark.parametrize(
    "text",
    [
        "I write as Designated Safeguarding Lead to share this about Kofi Mensah.",
        "In my role as Practice Manager I have seen Kofi Mensah with Reece Dunn.",
    ],
)
def test_what_the_writer_works_as_goes(text: str) -> None:
    cleaned = _clean(text)
    assert "Designated Safeguarding Lead" not in cleaned
    assert "Practice Manager" not in cleaned
    assert "Kofi Mensah" in cleaned


def test_known_as_still_names_someone_else() -> None:
    assert "Jordan Pike" in _clean("Reece Dunn signs in as Jordan Pike at the desk.")


def test_the_address_on_the_source_contact_line_is_their_premises() -> None:
    text = (
        "HOLLINS PARK PRIMARY SCHOOL\n"
        "Kingsmead Lane, Eastbrook, EB4 7QT | Tel: 01632 960771 | d.sahota@hollinspark.example\n\n"
        "Kofi Mensah was collected by Reece Dunn from 22 Orchard Rise, Eastbrook."
    )
    cleaned = _clean(text)
    assert "Kingsmead Lane" not in cleaned and "EB4 7QT" not in cleaned
    assert "22 Orchard Rise, Eastbrook" in cleaned


def test_a_sentence_that_gives_the_number_keeps_its_places() -> None:
    text = (
        "Reece Dunn took Kofi Mensah to Kingsmead Lane in Eastbrook on Friday and you can "
        "ring me about it on 01632 960771 any time after school."
    )
    assert "Kingsmead Lane" in _clean(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reece Dunn is tall, Black British, 30s.", "Black British"),
        ("Reece Dunn has an Italian accent.", "Italian accent"),
        ("Reece Dunn wore a black Moncler coat.", "Moncler coat"),
        ("Reece Dunn sold Nokia burners to the boys.", "Nokia burners"),
        ("Reece Dunn hangs about at the Esso garage on Dock Road.", "Esso garage"),
        ("Reece Dunn gave Kofi Mensah a Pandora bracelet.", "Pandora bracelet"),
        ("Reece Dunn rides a grey Surron e-bike.", "Surron"),
        ("Reece Dunn is white, early twenties, with a shaved head.", "shaved head"),
        ("Reece Dunn left bags in the bin store of Wordsworth House.", "bin store"),
    ],
)
def test_a_subjects_description_stays(text: str, kept: str) -> None:
    assert kept in _clean(text)


def test_a_name_before_can_is_still_a_name() -> None:
    source = SourceIdentity(name="Okonkwo Chidi", organisation="Northgate Pool")
    cleaned = _clean("Okonkwo, Chidi\nHannah can you send me what you saw? Kofi Mensah", source)
    assert "Hannah" not in cleaned


@pytest.mark.parametrize(
    ("organisation", "text", "premises"),
    [
        (
            "Istanbul Cuts",
            "I am owner of Istanbul Cuts on the Square in Kirkby. Reece Dunn comes in.",
            ["Square", "Kirkby"],
        ),
        (
            "Oakleigh House",
            "I work in Oakleigh House nursing home, Oakleigh Lane, Haywards Heath. Reece Dunn",
            ["Oakleigh Lane", "Haywards Heath"],
        ),
    ],
)
def test_where_the_organisation_is_said_after_its_name_goes(
    organisation: str, text: str, premises: list[str]
) -> None:
    cleaned = _clean(text, SourceIdentity(name="Mehmet Kaya", organisation=organisation))
    for place in premises:
        assert place not in cleaned
    assert "Reece Dunn" in cleaned


def test_the_kind_of_place_the_source_works_then_where_goes() -> None:
    source = SourceIdentity(name="Kwame Boateng", organisation="Eastgate Amateur Boxing Club")
    cleaned = _clean("ask for me at the club on pier road. Reece Dunn drives a BMW.", source)
    assert "pier road" not in cleaned
    assert "Reece Dunn" in cleaned


def test_a_place_after_another_kind_of_place_stays() -> None:
    source = SourceIdentity(name="Kwame Boateng", organisation="Eastgate Amateur Boxing Club")
    cleaned = _clean("Reece Dunn waits at the shop on Mill Road for Kofi Mensah.", source)
    assert "Mill Road" in cleaned


@pytest.mark.parametrize(
    ("text", "job"),
    [
        ("I am a freelance Polish interpreter. Reece Dunn was there.", "interpreter"),
        ("I work as barber. Reece Dunn pays for Kofi Mensah.", "barber"),
    ],
)
def test_a_job_the_writer_says_they_do_goes(text: str, job: str) -> None:
    cleaned = _clean(text)
    assert job not in cleaned
    assert "Reece Dunn" in cleaned


def test_the_same_job_said_of_a_subject_stays() -> None:
    cleaned = _clean("Reece Dunn's brother is a mechanic at the car wash.")
    assert "mechanic" in cleaned


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (
            "Reece Dunn lives at 58 Farrow Street, Eastmoor with Kofi Mensah.",
            "Farrow Street, Eastmoor",
        ),
        ("Reece Dunn hangs about on the Eastmoor estate at night.", "Eastmoor estate"),
    ],
)
def test_the_organisations_town_as_a_subjects_locality_stays(text: str, kept: str) -> None:
    source = SourceIdentity(name="Carys Lloyd", organisation="Eastmoor Borough Council")
    assert kept in _clean(text, source)


def test_the_organisations_own_place_word_still_goes() -> None:
    source = SourceIdentity(name="Carys Lloyd", organisation="Calder Vale Council")
    cleaned = _clean("i work on the bins for calder vale council. Reece Dunn", source).lower()
    assert "calder" not in cleaned


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("[10:02] ffion.j: hi @gethin, can I run something by you? Reece Dunn again", "@gethin"),
        ("ok I'll do a CPI. @Tunde can you put anything else here. Reece Dunn", "@Tunde"),
    ],
)
def test_a_handle_the_writer_speaks_to_is_a_colleagues(text: str, handle: str) -> None:
    cleaned = _clean(text)
    assert handle not in cleaned
    assert "Reece Dunn" in cleaned


def test_a_handle_told_about_stays() -> None:
    cleaned = _clean("Reece Dunn messages Kofi Mensah on snap as @deano_x_eb every night.")
    assert "@deano_x_eb" in cleaned


@pytest.mark.parametrize(
    ("text", "account"),
    [
        ("Tel 07700 900318 · @PenhaligonFeet\n\nReece Dunn came to clinic.", "@PenhaligonFeet"),
        ("we're on fb as StAidansCardiganRd if u need. Reece Dunn", "StAidansCardiganRd"),
    ],
)
def test_the_organisations_own_account_goes(text: str, account: str) -> None:
    source = SourceIdentity(
        name="Ffion Jones",
        organisation="St Aidan's Church" if "fb" in text else "Penhaligon Feet Clinic",
        email="ffion@penhaligonfeet.example",
    )
    cleaned = _clean(text, source)
    assert account not in cleaned
    assert "Reece Dunn" in cleaned


def test_the_sources_initials_straight_after_their_name_go_everywhere() -> None:
    source = SourceIdentity(name="Joanna Kowalska", organisation="Portbridge Infirmary")
    text = "this is nurse joanna kowalska jk on nights. Reece Dunn came in. ask jk or the desk"
    cleaned = _clean(text, source)
    assert " jk" not in cleaned
    assert "Reece Dunn" in cleaned


@pytest.mark.parametrize(
    ("text", "post"),
    [
        ("One of the boys came to the desk and asked me if Reece Dunn could stay.", "the desk"),
        ("Many times I get job from the base to pick up girls for Reece Dunn.", "the base"),
        ("Paulie on the wagon seen her with Reece Dunn at 5am, told me after.", "the wagon"),
    ],
)
def test_where_the_writer_stands_at_work_goes_in_their_own_sentence(text: str, post: str) -> None:
    cleaned = _clean(text)
    assert post not in cleaned
    assert "Reece Dunn" in cleaned


def test_the_same_word_in_someone_elses_sentence_or_as_a_name_stays() -> None:
    assert "the desk" in _clean("Reece Dunn left a bag under the desk in flat 9.")
    assert "the Bar" in _clean("I saw Reece Dunn outside the Bar on Quay Street.")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reece Dunn works for GL Roofing and picks Kofi Mensah up.", "GL Roofing"),
        ("Reece Dunn drives a van for Denton Plastering.", "Denton Plastering"),
        ("Reece Dunn has a Kharkiv accent.", "Kharkiv accent"),
        ("Reece Dunn drives a red transit van with ladders on top.", "with ladders"),
        ("Reece Dunn has a white BMW X5 with blacked out windows.", "with blacked out"),
    ],
)
def test_a_traders_business_and_plain_words_after_with_stay(text: str, kept: str) -> None:
    assert kept in _clean(text)


def test_a_first_name_after_with_is_still_a_name() -> None:
    cleaned = _clean("I was on the till with shaz when Reece Dunn came in.")
    assert "shaz" not in cleaned


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Reece Dunn stays at 6 Heol Hendre, Felinfoel most nights.", "6 Heol Hendre, Felinfoel"),
        ("Reece Dunn rents 7 Wheal Rose Cottages, Scorrier.", "Wheal Rose Cottages, Scorrier"),
        ("Kofi Mensah was seen in the lay-by on Heol y Felin.", "Heol y Felin"),
        ("Reece Dunn works the door at 2-4 Quayside, Portbridge.", "2-4 Quayside, Portbridge"),
    ],
)
def test_the_parts_of_a_subjects_address_stay(text: str, kept: str) -> None:
    assert kept in _clean(text)


def test_a_welsh_street_after_the_organisations_name_is_its_premises() -> None:
    source = SourceIdentity(name="Gareth Pryce-Morgan", organisation="Ysgol Bryn Derw")
    cleaned = _clean(
        "Report of the site manager, Ysgol Bryn Derw, Heol y Felin. Reece Dunn", source
    )
    assert "Felin" not in cleaned
    assert "Reece Dunn" in cleaned


@pytest.mark.parametrize(
    ("text", "plate"),
    [
        ("Route: 53   Vehicle: fleet 34112 (MX22 KLV)\nReece Dunn got on at 22:10.", "MX22 KLV"),
        ("hi. tomek here, parcelgo driver, van reg WV21 OPG. Reece Dunn took it.", "WV21 OPG"),
    ],
)
def test_a_fleet_or_a_self_introduced_drivers_van_goes(text: str, plate: str) -> None:
    cleaned = _clean(text)
    assert plate not in cleaned
    assert "Reece Dunn" in cleaned


def test_a_mail_subject_line_is_no_cue_for_someone_else() -> None:
    cleaned = _clean("Subject: Shop 2217 - vulnerable customer\n\nReece Dunn came in again.")
    assert "2217" not in cleaned


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("He waits outside St Aidan's church hall after six.", "St Aidan's"),
        ("She moved to St. Bede's primary in March.", "St. Bede's"),
        ("They meet behind Saint Illtyd's most Fridays.", "Saint Illtyd's"),
    ],
)
def test_a_place_named_for_a_saint_is_no_persons_name(text: str, kept: str) -> None:
    assert kept in _clean(text)
