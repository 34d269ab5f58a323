"""Shapes set I and J showed once they became development data (2026-12-05, night): a registration
the form does not list, a number read out after any word's "number", the writer saying the
subject would recognise them or shares their background, and the subject's dealings with the
writer's service ("came to us", "at ours")."""

from __future__ import annotations

import pytest

from sanitiser import SourceIdentity, SubjectDetails, sanitise

SOURCE = SourceIdentity(
    name="Terry Vaughan",
    role="Driving instructor",
    organisation="Pass Masters Driving School",
    email="terry@passmasters.example",
    phone="07700 900555",
)
FORM = SubjectDetails.from_form(
    {
        "subjects": [{"name": "Kayleigh Dunne"}],
        "persons_of_concern": [{"name": "Aaron Teale"}],
        "vehicles": [
            {"make": "VW", "model": "Golf", "colour": "black", "registration": "RE68 NVK"}
        ],
    }
)


def _clean(text: str, details: SubjectDetails = FORM) -> str:
    return sanitise(text, SOURCE, details).text


def _finding(text: str, value: str, details: SubjectDetails = FORM):
    result = sanitise(text, SOURCE, details)
    return next(f for f in result.findings if f.text == value)


def test_a_registration_the_form_does_not_list_is_taken_as_the_writers() -> None:
    text = (
        "im a driver for the school run, van is the white transit MV21 PSX. Kayleigh Dunne gets "
        "in and Aaron Teale follows us in a black Golf RE68 NVK."
    )
    cleaned = _clean(text)
    assert "MV21 PSX" not in cleaned
    assert "RE68 NVK" in cleaned
    finding = _finding(text, "MV21 PSX")
    # An unknown the handler sees and decides, with the machine's reason.
    assert finding.cls == "unknown" and finding.machine_removed
    assert finding.reason == "a registration not among the vehicles entered"


@pytest.mark.parametrize(
    "sentence",
    [
        "Aaron Teale drives a grey Audi MV21 PSX too.",
        "His other car is MV21 PSX.",
    ],
)
def test_an_unlisted_registration_the_text_gives_to_someone_else_stays(sentence: str) -> None:
    assert "MV21 PSX" in _clean(f"Kayleigh Dunne is scared. {sentence}")


def test_without_registrations_on_the_form_an_unlisted_one_is_kept_as_before() -> None:
    no_vehicles = SubjectDetails.from_form({"subjects": [{"name": "Kayleigh Dunne"}]})
    text = "Kayleigh Dunne was collected in a white transit FD70 BXO outside the chippy."
    assert "FD70 BXO" in _clean(text, no_vehicles)


def test_the_tail_of_a_handle_is_no_registration() -> None:
    text = "Kayleigh Dunne messages Aaron Teale on snap as kaan.ak21 and he replies."
    assert "ak21 and" in _clean(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("it's Terry ADI number four one two six seven three about Kayleigh Dunne", "four one two"),
        ("the account number is four four one under the name Smithy", "four four one"),
    ],
)
def test_a_number_read_out_after_any_words_number_goes(text: str, gone: str) -> None:
    assert gone not in _clean(text)


def test_a_phone_read_out_is_still_read_as_a_phone_not_cut_short() -> None:
    # Seven number words or more are a phone: the labelled reading leaves them to it.
    text = "Aaron Teale's number is oh seven seven double oh nine double oh two eight nine."
    finding = next(f for f in sanitise(text, SOURCE, FORM).findings if "seven seven" in f.text)
    assert finding.kind == "phone"


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Kayleigh Dunne comes every week. I'm the regular on that duty so he knows my face.",
         "knows my face"),
        ("Please be careful, anyone reading this would know who I am.", "know who I am"),
        ("Aaron Teale clocked me at the lights last week.", "clocked me"),
        ("She is Vietnamese like me and trusts me.", "Vietnamese like me"),
        ("I know Rebaz is from my community.", "from my community"),
    ],
)  # fmt: skip
def test_the_writer_saying_the_subject_would_recognise_them_goes(text: str, gone: str) -> None:
    assert gone not in _clean(text)


def test_a_subject_quoting_themselves_is_not_the_writer() -> None:
    text = 'Aaron Teale said "u know who i am mate" when Kayleigh Dunne refused.'
    assert "u know who i am mate" in _clean(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("A client came to us on 5 March for help.", "came to us"),
        ("Kayleigh Dunne has been referred to us three times since December.", "referred to us"),
        ("Kayleigh Dunne, 14, registered with us, lives on Tern Walk.", "registered with us"),
        ("Kayleigh Dunne has had her hair done at ours since she was little.", "done at ours"),
    ],
)
def test_the_subjects_dealings_with_the_writers_service_go(text: str, gone: str) -> None:
    assert gone not in _clean(text)


def test_what_someone_said_to_the_writer_stays() -> None:
    text = "Kayleigh Dunne spoke to us about Aaron Teale and told us he has a knife."
    cleaned = _clean(text)
    assert "told us he has a knife" in cleaned


LAUNDERETTE = SourceIdentity(name="Dana Mills", organisation="Suds Launderette", role="Attendant")


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("I work the day shift at Suds launderette (the one opposite the Spar). Kayleigh Dunne "
         "comes in.", "opposite the Spar"),
        ("this is Dana from Suds, next to the post office. Kayleigh Dunne was crying.",
         "next to the post office"),
        ("its Dana from Suds on the high st. Kayleigh Dunne came in.", "on the high st"),
    ],
)  # fmt: skip
def test_a_landmark_said_after_the_writers_workplace_goes(text: str, gone: str) -> None:
    result = sanitise(text, LAUNDERETTE, FORM)
    assert gone not in result.text
    assert "Kayleigh Dunne" in result.text
    landmark = next(f for f in result.findings if gone in f.text)
    assert landmark.cls == "unknown" and landmark.reason == "where the source's organisation is"


def test_a_landmark_the_handler_kept_stays() -> None:
    text = "this is Dana from Suds, next to the post office. Kayleigh Dunne was crying."
    first = sanitise(text, LAUNDERETTE, FORM)
    landmark = next(f for f in first.findings if "post office" in f.text)
    again = sanitise(text, LAUNDERETTE, FORM, decisions={landmark.key: "keep"})
    assert "next to the post office" in again.text


def test_a_landmark_after_anything_else_stays() -> None:
    text = "Kayleigh Dunne waits at the bus stop next to the post office most nights."
    assert "next to the post office" in sanitise(text, LAUNDERETTE, FORM).text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("I am civil enforcement officer working zone E3 for ParkSafe.", "E3"),
        ("Operator: IQ\nConsole: 3 (Night)\nKayleigh Dunne seen on camera.", "Console: 3"),
        ("right this is Lorraine I'm on walk fourteen out of the delivery office", "fourteen"),
        ("Operative: W. Dobbs (Op 112)   Van: KP-07", "112"),
    ],
)
def test_a_work_unit_said_with_its_number_goes(text: str, gone: str) -> None:
    assert gone not in _clean(text)


def test_someone_elses_zone_stays() -> None:
    text = "Kayleigh Dunne says Aaron Teale lives in his zone 2 flat."
    assert "Aaron Teale" in _clean(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Kayleigh Dunne is 17. Her dad is a taxi driver and works nights.", "taxi driver"),
        ("Aaron Teale is wed. His wife work as a receptionist at Diamond Nails.", "receptionist"),
        ("Aaron Teale says he is rich. He claims to be a bank manager himself.", "bank manager"),
        ("Kayleigh Dunne got in. The driver was a different, older man.", "driver"),
    ],
)  # fmt: skip
def test_a_job_the_text_gives_to_someone_else_stays(text: str, kept: str) -> None:
    assert kept in _clean(text)


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("I'm the lunchtime supervisor here, Kayleigh Dunne talks to me.", "lunchtime supervisor"),
        ("Kayleigh Dunne was upset. The boss is my brother-in-law so keep it quiet.", "boss"),
    ],
)  # fmt: skip
def test_the_writers_own_job_still_goes(text: str, gone: str) -> None:
    assert gone not in _clean(text)


FARM = SourceIdentity(name="Terry Vaughan", organisation="Cae Mawr Farm Partnership")
KERR = SubjectDetails.from_form({"persons_of_concern": [{"name": "Gavin Kerr"}]})


def test_a_colleague_named_after_any_job_word_is_the_writers_everywhere() -> None:
    # "foreman" is in no list: its ending makes it a job.
    text = "Kerr would not let them talk to my foreman, Huw. One lad showed Huw a paper."
    cleaned = sanitise(text, FARM, KERR).text
    assert "Huw" not in cleaned
    assert "Kerr" in cleaned


def test_someone_the_writer_serves_is_no_colleague() -> None:
    text = "Kerr keeps texting my swimmer Amira after training."
    finding = next(f for f in sanitise(text, FARM, KERR).findings if f.text == "Amira")
    assert finding.reason != "the text ties it to the writer"


def test_a_place_the_writer_is_tied_to_does_not_spread_to_a_subjects_address() -> None:
    text = (
        "there are only two mentors at New Leaf in Caerphilly. Gavin Kerr keeps drugs at "
        "his flat (14 Heol Dinas, Caerphilly)."
    )
    details = SubjectDetails.from_form(
        {
            "persons_of_concern": [{"name": "Gavin Kerr"}],
            "places": [{"address": "14 Heol Dinas, Caerphilly"}],
        }
    )
    assert "14 Heol Dinas, Caerphilly" in sanitise(text, FARM, details).text
