"""Classing identifiers: the source's go, the subjects' stay, and every unknown is listed."""

from __future__ import annotations

from sanitiser import (
    KEEP,
    REMOVE,
    SOURCE,
    SUBJECT,
    UNKNOWN,
    SourceIdentity,
    SubjectDetails,
    sanitise,
)

SOURCE_ID = SourceIdentity(
    name="Sarah Hughes",
    role="Head of Year 9",
    organisation="Kingsweston Academy",
    email="s.hughes@kwa.example",
    phone="0117 496 0123",
)
TEXT = (
    "Jade Smith (14) gets into a grey Audi AB12 CDE on Penpole Lane. "
    "My colleague Tomasz Wren saw it. Mia Hart was with her. "
    "Kind regards, Sarah Hughes, Kingsweston Academy"
)
FORM = SubjectDetails.from_form(
    {"subjects": [{"name": "Jade Smith"}], "vehicles": [{"registration": "AB12 CDE"}]}
)


def _classes(result) -> dict[str, tuple[str, bool]]:
    return {f.text: (f.cls, f.removed) for f in result.findings}


def test_the_source_goes_the_subjects_stay_and_a_name_nobody_entered_is_unknown() -> None:
    result = sanitise(TEXT, SOURCE_ID, FORM)
    classes = _classes(result)
    assert classes["Jade Smith"] == (SUBJECT, False)
    assert any("AB12 CDE" in text and cls == SUBJECT for text, (cls, _) in classes.items())
    assert classes["Mia Hart"] == (UNKNOWN, True)
    assert "Tomasz" not in result.text and "Sarah" not in result.text
    assert "Kingsweston" not in result.text
    assert "Jade Smith (14)" in result.text and "Penpole Lane" in result.text


def test_the_handlers_decision_overrides_the_machines() -> None:
    first = sanitise(TEXT, SOURCE_ID, FORM)
    (mia,) = [f for f in first.unknowns if f.text == "Mia Hart"]
    decided = sanitise(TEXT, SOURCE_ID, FORM, {mia.key: KEEP})
    assert "Mia Hart" in decided.text
    (again,) = [f for f in decided.unknowns if f.text == "Mia Hart"]
    assert again.machine_removed and not again.removed


def test_a_phrase_the_handler_kept_is_a_subjects() -> None:
    kept = SubjectDetails.from_form({"subjects": [{"name": "Jade Smith"}]}, kept=["Mia Hart"])
    assert _classes(sanitise(TEXT, SOURCE_ID, kept))["Mia Hart"] == (SUBJECT, False)


def test_a_first_name_the_source_shares_with_a_subject_is_left_to_the_handler() -> None:
    text = "Sarah Jones (13) was seen. Sarah said she was scared."
    details = SubjectDetails.from_form({"subjects": [{"name": "Sarah Jones"}]})
    result = sanitise(text, SOURCE_ID, details)
    assert "Sarah Jones (13)" in result.text
    shared = [f for f in result.unknowns if f.text == "Sarah"]
    assert shared and all(not f.removed for f in shared)


def test_every_finding_points_into_the_original_text() -> None:
    result = sanitise(TEXT, SOURCE_ID, FORM)
    for finding in result.findings:
        assert TEXT[finding.start : finding.end] == finding.text
    assert {f.cls for f in result.findings} >= {SOURCE, SUBJECT, UNKNOWN}


def test_decisions_are_named_by_position() -> None:
    result = sanitise(TEXT, SOURCE_ID, FORM)
    for finding in result.unknowns:
        assert finding.key == f"{finding.start}:{finding.end}"
        assert finding.to_dict()["decision"] in (KEEP, REMOVE)


def test_without_the_form_a_suspect_named_as_one_is_kept() -> None:
    text = "She gets into a car with a man called Dee most Fridays."
    result = sanitise(text, SOURCE_ID)
    assert "Dee" in result.text


def test_many_valued_answers_count_as_a_list_or_one_a_line() -> None:
    text = "Kyle (Wattsy) rings the girls from 07700 900356 and posts as @kyle_w."
    for person in (
        {
            "name": "Kyle",
            "nicknames": ["Wattsy"],
            "phone_numbers": ["07700 900356"],
            "social_media": ["@kyle_w"],
        },
        {
            "name": "Kyle",
            "nicknames": "Wattsy",
            "phone_numbers": "07700 900356\n",
            "social_media": "@kyle_w",
        },
    ):
        details = SubjectDetails.from_form({"persons_of_concern": [person]})
        result = sanitise(text, SOURCE_ID, details)
        assert result.text == text, person
