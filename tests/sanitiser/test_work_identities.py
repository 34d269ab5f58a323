"""Minimal examples of the classes of failure read in development set D (issue 11: the role
described in other words, work identifiers, the organisation by a short form, premises beside
it, colleagues, numbers said aloud). Each has a generated property in test_generated.py where
one fits."""

from __future__ import annotations

from sanitiser import SourceIdentity, SubjectDetails, sanitise


def run(text: str, form: dict | None = None, **source: str) -> str:
    return sanitise(text, SourceIdentity(**source), SubjectDetails.from_form(form)).text


# --- Numbers said aloud --------------------------------------------------------------------------
def test_a_mobile_said_with_hundreds_goes():
    out = run(
        "you can reach me on oh seven seven hundred nine hundred two nine one thanks",
        name="Shvan Barzani",
        phone="07700 900291",
    )
    assert "hundred" not in out and "two nine one" not in out


def test_a_plate_read_out_in_the_phonetic_alphabet_is_the_plate_entered():
    text = "dex drives a black range rover registration yankee hotel two two delta echo xray"
    form = {"vehicles": [{"registration": "YH22 DEX", "make": "Range Rover"}]}
    assert "yankee hotel two two delta echo xray" in run(text, form, name="Shvan Barzani")


# --- The role in other words ---------------------------------------------------------------------
def test_a_role_with_another_name_in_brackets_is_either():
    source = {"name": "Magnus Isbister", "role": "Senior Conductor (guard)"}
    out = run("I am a senior conductor based at Leeds. The guard I was with saw it.", **source)
    assert "conductor" not in out.lower()
    out = run(
        "this is martin plumber with the council",
        name="Martin Mongan",
        role="Plumber (repairs operative)",
    )
    assert "plumber" not in out


def test_a_role_is_also_the_other_names_the_same_work_goes_by():
    out = run(
        "pls dont tell the office i said, the dinner lady always gets blamed lol",
        name="Hodan Ali",
        role="cook",
    )
    assert "dinner lady" not in out
    out = run(
        "hiya declan here, churchwarden at the church", name="Declan Mulvey", role="Church Warden"
    )
    assert "churchwarden" not in out


# --- Work identifiers ----------------------------------------------------------------------------
def test_a_work_number_read_out_goes_with_its_cue():
    out = run(
        "right this is driver hassan badge number four four seven one from the depot "
        "the bus was fleet number three one six and my g o c number is zero one dash one two",
        name="Hassan Abdelrahim",
    )
    assert "four four seven one" not in out
    assert "three one six" not in out
    assert "zero one dash one two" not in out


def test_the_plate_of_the_writers_work_vehicle_goes_and_a_suspects_stays():
    text = (
        "When I pulled the school van (CY68 WDF) across the gate, a white van, reg KX19 PLT, "
        "drove off. Job sheet: Engineer: IB   Van: YD70 HHS. My moped reg is WM19 ASK."
    )
    out = run(text, name="Gareth Pryce")
    assert "CY68 WDF" not in out and "YD70 HHS" not in out and "WM19 ASK" not in out
    assert "KX19 PLT" in out


# --- Colleagues ----------------------------------------------------------------------------------
def test_a_person_the_writer_names_by_how_they_stand_to_them_goes_in_any_case():
    out = run(
        "the reg which my colleague ruth saw from the window. my other coach lee has also seen "
        "him. my mate declan was with me. my coordinator at the food bank is called marion. "
        "his mate Kyle was there.",
        name="Kavitha Sivakumar",
    )
    for colleague in ("ruth", "lee", "declan", "marion"):
        assert f" {colleague} " not in out
    assert "Kyle" in out


def test_a_shift_list_a_day_named_chat_label_and_seen_by_name_colleagues():
    out = run(
        "Staff on: Ingrid T (senior carer), Bongani, agency x1 (Joy)\n"
        "[Sat 15:11] Wing: haha no.\nThe car had been seen by Valbona on Friday.",
        name="Ingrid Tulloch",
    )
    for colleague in ("Bongani", "Joy", "Wing", "Valbona"):
        assert colleague not in out, out


# --- The organisation by a generic phrase, and its premises --------------------------------------
def test_the_organisation_by_a_generic_phrase_of_its_name_or_a_part_of_it_goes():
    out = run(
        "not through the leisure centre though. ask the parish office or the food bank. "
        "use the 0-19 team inbox. the seacroft depot van.",
        name="Amira Osman",
        role="School Staff Nurse (0-19)",
        organisation="Kirkgate Leisure Centre",
    )
    assert "leisure centre" not in out and "0-19 team" not in out
    out = run(
        "ring the parish office. I volunteer at the food bank. out of the seacroft depot.",
        name="Fatima Elamin",
        organisation="St Aidan's Parish Church, Burley Trinity Foodbank, Repairs - Seacroft",
    )
    assert "parish office" not in out and "food bank" not in out and "seacroft depot" not in out


def test_premises_beside_the_organisation_and_work_places_on_a_street_go():
    out = run(
        "churchwarden at St Aidan's (the one on Cardigan Rd not the other one). I help at "
        "Guru Nanak Gurdwara, Tong Street, on Mondays. The council are watching the yard on "
        "Kirkstall Road. We meet at the Stanningley Road hut.",
        name="Declan Mulvey",
        organisation="St Aidan's Parish Church and Guru Nanak Gurdwara",
    )
    for street in ("Cardigan Rd", "Tong Street", "Kirkstall Road", "Stanningley Road"):
        assert street not in out, out


def test_a_subjects_street_that_the_organisation_is_named_after_stays():
    out = run(
        "Kyle lives at 210 Stapleton Road above the bookies.",
        {"subjects": [{"name": "Kyle", "address": "210 Stapleton Road"}]},
        name="Sam Brook",
        organisation="Stapleton Road Pharmacy",
    )
    assert "210 Stapleton Road" in out
    out = run(
        "a car outside the centre on Mivart Street. I saw it.",
        {"places": [{"address": "Mivart Street"}]},
        name="Sam Brook",
        organisation="Somali Community Centre",
    )
    assert "Mivart Street" in out


# --- Indirect self-identification ----------------------------------------------------------------
def test_the_writer_picked_out_without_a_name_goes():
    text = (
        "I was the one who found Kyle in the toilets. I am the only Polish speaker on the team "
        "so he talks to me. Kyle is in my tutor group and has the same first name as me. "
        "He is the only boy in the class who walks home."
    )
    out = run(text, {"subjects": [{"name": "Kyle"}]}, name="Priya Nair")
    for phrase in ("the one who", "only Polish speaker", "tutor group", "same first name"):
        assert phrase not in out, out
    # "class" is a word of the writer's own kind of workplace (a school's): it goes alone.
    assert out.count("Kyle") == 2 and "the only boy in the " in out and "who walks home" in out


# --- Subject details kept ------------------------------------------------------------------------
def test_a_case_prints_subject_line_and_date_fields_stay_its_staff_line_goes():
    text = (
        "BadgerNet Maternity - Contact Summary\n"
        "Woman: Esi Boateng   Age: 17\n"
        "Address given: 48 Kingsbridge Road\n"
        "Coordinator: Sr. Abigail Mensah\n"
        "Date/Time: 08/02/2025 23:15\n\n"
        "Summary: Esi came in with Kwabena Darko."
    )
    form = {"subjects": [{"name": "Esi Boateng", "address": "48 Kingsbridge Road"}]}
    out = run(text, form, name="Grace Owusu", organisation="Kingsbridge Hospitals NHS Trust")
    # The subject's address line stays; her name's line and the date beside a staff line are
    # still taken whole (gap left open).
    assert "48 Kingsbridge Road" in out, out
    assert "Mensah" not in out


def test_a_subject_line_in_the_top_block_beside_the_source_stays_through_the_re_check():
    form = {"subjects": [{"name": "Kyle Brannigan", "address": "9 Lakeside Walk"}]}
    source = {"name": "Hannah Price", "role": "GP", "organisation": "Lakeside Medical Practice"}
    out = run(
        "Clinician: Dr Hannah Price (GP)\nPatient: Kyle Brannigan   DOB: 03/04/2009\n"
        "Address: 9 Lakeside Walk\n\nSays Dean gives him cash to carry bags.",
        form,
        **source,
    )
    assert "Hannah" not in out and "Price" not in out
    assert "Patient: Kyle Brannigan   DOB: 03/04/2009\nAddress: 9 Lakeside Walk" in out
    out = run(
        "EMIS Web - Consultation\nHannah Price\nPatient: Kyle Brannigan\nDOB 03/04/2009\n\n"
        "Kyle says Dean gives him cash.",
        form,
        **source,
    )
    assert "Hannah" not in out and "Patient: Kyle Brannigan\nDOB 03/04/2009" in out
    out = run("Hannah Price, GP\nKyle Brannigan (DOB 03/04/2009), 9 Lakeside Walk", form, **source)
    assert "Hannah" not in out and "Kyle Brannigan (DOB 03/04/2009), 9 Lakeside Walk" in out
