"""One name, one decision in a record (2026-12-06): a single name the text gives someone else
("calls himself Fitz") is theirs wherever it stands again; one it gives the writer goes
everywhere. The first test fails without the rule; the others guard what it must not
change."""

from __future__ import annotations

from sanitiser import SourceIdentity, SubjectDetails, sanitise

SOURCE = SourceIdentity(
    name="Amrit Sandhu",
    role="Pharmacist",
    organisation="Sandhu Chemists",
    email="amrit@sandhuchemists.example",
    phone="01632 960578",
)
FORM = {"subjects": [{"name": "Connor Bleasdale"}]}


def _result(text: str):
    return sanitise(text, SOURCE, SubjectDetails.from_form(FORM))


def test_a_name_the_text_gives_someone_else_stays_wherever_it_stands_again() -> None:
    text = (
        "Connor Bleasdale comes in with an older man who calls himself Fitz. "
        "Connor told me Fitz owns his script now. I saw Fitz get into a blue Ford Focus."
    )
    result = _result(text)
    assert result.text.count("Fitz") == 3
    again = [f for f in result.findings if f.text == "Fitz" and f.start > text.index("told")]
    assert again and all(f.cls == "unknown" and not f.removed for f in again)
    assert all(f.reason for f in again)


def test_a_name_the_text_gives_the_writer_still_goes_though_someone_is_called_it_too() -> None:
    text = (
        "My dispenser Sophie saw it. Connor Bleasdale comes in with a girl who calls herself "
        "Sophie. Ask Sophie on the till."
    )
    output = _result(text).text
    assert output.startswith("[source removed] [source removed] saw it.")
    assert "Ask [source removed] on the till." in output


def test_an_everyday_word_given_as_a_name_is_not_kept_elsewhere() -> None:
    text = "Connor Bleasdale meets a man they call Will. I will ask Will at the counter."
    # "Will" is an everyday word: one cue for it is not enough to keep it everywhere.
    removed = [f for f in _result(text).findings if f.text == "Will" and f.removed]
    assert removed
