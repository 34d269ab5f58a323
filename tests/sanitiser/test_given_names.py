"""Given names from the project's list of many communities' names (`first_names.txt`) are names
wherever a name's shape is asked about, even when they are also English words ("Fiona")."""

from __future__ import annotations

from sanitiser import SourceIdentity, SubjectDetails, sanitise
from sanitiser.lexicon import is_first_name

SOURCE = SourceIdentity(
    name="Orla Byrne",
    role="Receptionist",
    organisation="Glenmore Leisure Centre",
    email="orla.byrne@glenmore.example",
    phone="07700 900123",
)
CHAT = (
    "[Signal] Fri 13 Mar\n"
    "Orla: Ryan Doyle left sat in the foyer again til 8.30\n"
    "Fiona G: he told me his uncle Shane makes him hold stuff in his bag\n"
    "Orla: Shane picks him up in the black Kuga\n"
    "Fiona G: he asked me for a biscuit, said he hadn't had tea\n"
)


def test_listed_given_names_are_first_names_though_english_words() -> None:
    assert is_first_name("fiona")
    assert is_first_name("kemi")
    assert not is_first_name("date")


def test_a_chat_speaker_with_an_initial_is_the_writers_side() -> None:
    form = {"subjects": [{"name": "Ryan Doyle"}], "persons_of_concern": [{"name": "Shane"}]}
    result = sanitise(CHAT, SOURCE, SubjectDetails.from_form(form))
    assert "Fiona" not in result.text
    assert "Ryan Doyle" in result.text
    assert "Shane" in result.text


def test_a_field_label_is_still_no_name() -> None:
    text = "Date: 13/03\nNote: Ryan seen in the foyer\nDate: 14/03\nNote: seen again"
    result = sanitise(text, SOURCE, SubjectDetails.from_form({"subjects": [{"name": "Ryan"}]}))
    assert "Date: 13/03" in result.text
    assert "Note: Ryan seen" in result.text
