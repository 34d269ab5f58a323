"""Behaviour of the sanitiser, one rule per test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from sanitiser import (
    MARKER,
    SanitiseResult,
    SourceIdentity,
    Span,
    find_source_identifiers,
)
from sanitiser import sanitise_source as sanitise

SARAH = SourceIdentity(
    name="Sarah Hughes",
    role="Head of Year 9",
    organisation="Kingsweston Academy",
    email="s.hughes@kwa.example",
    phone="0117 496 0123",
)
ROOT = Path(__file__).resolve().parents[2]


def removed_texts(result: SanitiseResult) -> list[str]:
    return [span.text for span in result.removed]


def test_subject_sharing_source_first_name_is_kept() -> None:
    text = (
        "Sarah Jones (14) has been seen with an older man. Sarah said he buys her vapes.\n\n"
        "Kind regards,\nSarah"
    )
    result = sanitise(text, SARAH)
    assert "Sarah Jones (14)" in result.text
    assert "Sarah said he buys her vapes" in result.text
    assert result.text.endswith("Kind regards,\n" + MARKER)


def test_bare_first_name_in_the_body_is_kept_when_nothing_ties_it_to_the_source() -> None:
    result = sanitise("Sarah was seen getting into a silver Ford Focus.", SARAH)
    assert result.removed == []


def test_street_named_like_source_surname_is_kept() -> None:
    result = sanitise("She was dropped off on Hughes Road by Mrs Hughes.", SARAH)
    assert result.text == f"She was dropped off on Hughes Road by {MARKER}."


def test_different_person_with_the_source_surname_is_kept() -> None:
    result = sanitise("Kyle Hughes, 19, drives the car.", SARAH)
    assert result.text == "Kyle Hughes, 19, drives the car."


def test_acronym_of_organisation_is_removed() -> None:
    result = sanitise("A Year 10 boy at KWA told staff. The kwa office knows.", SARAH)
    assert "KWA" not in result.text and "kwa" not in result.text
    assert [span.kind for span in result.removed] == ["organisation", "organisation"]


def test_number_plate_containing_the_acronym_is_kept() -> None:
    result = sanitise("A red Ford Transit, plate WA12 KWA, was by the gate.", SARAH)
    assert "WA12 KWA" in result.text


def test_organisation_without_generic_words_is_removed_but_place_is_kept() -> None:
    result = sanitise("Kingsweston staff saw him on Kingsweston Road.", SARAH)
    assert result.text == f"{MARKER} staff saw him on Kingsweston Road."


def test_st_m_s_is_removed_for_st_marys() -> None:
    identity = SourceIdentity(name="Fiona Ross", organisation="St Mary's Catholic Primary School")
    result = sanitise("I am the DSL at St M's. St Marys pupils and St Mary's Primary.", identity)
    assert "St M" not in result.text and "Mary" not in result.text


def test_lower_case_sign_off_is_removed() -> None:
    result = sanitise("He was seen at 8pm on Station Road.\n\nkind regards, sarah", SARAH)
    assert result.text.endswith("kind regards, " + MARKER)
    assert "sarah" not in result.text


def test_initials_with_post_nominals_are_removed() -> None:
    identity = SourceIdentity(name="Sarah Okoro", role="School Nurse")
    result = sanitise("She asked for help.\n\nThanks, S.O. RN\nSchool Nurse", identity)
    assert "S.O." not in result.text and "RN" not in result.text
    assert "School Nurse" not in result.text


def test_titles_possessives_case_and_spacing_variants_are_removed() -> None:
    text = "Mrs Hughes's view; SARAH HUGHES; sarah   hughes; S Hughes; Sarah H.; Hughes, Sarah."
    result = sanitise(text, SARAH)
    assert "hughes" not in result.text.lower() and "sarah" not in result.text.lower()


def test_misspelt_surname_is_removed_but_ordinary_words_are_not() -> None:
    result = sanitise("From Sarah Hughs. Hugely worried. Hughie Smith was there.", SARAH)
    assert "Hughs" not in result.text
    assert "Hugely worried" in result.text and "Hughie Smith" in result.text


def test_suspect_phone_is_kept_while_source_phone_is_removed() -> None:
    text = (
        "His number is 07700 900456. Call me on +44 (0)117 496 0123 ext. 204, "
        "0117-496-0123 or (0117) 4960123."
    )
    result = sanitise(text, SARAH)
    assert "07700 900456" in result.text
    assert "496" not in result.text.replace("07700 900456", "")
    assert [span.kind for span in result.removed] == ["phone", "phone", "phone"]


def test_source_email_mailboxes_and_website_are_removed_but_suspect_email_is_kept() -> None:
    text = (
        "Email s.hughes@kwa.example, office@kwa.example or see https://www.kwa.example/help. "
        "He uses kyle99@example.com."
    )
    result = sanitise(text, SARAH)
    assert "kwa.example" not in result.text
    assert "kyle99@example.com" in result.text
    assert {span.kind for span in result.removed} == {"email", "mailbox", "website"}


def test_switchboard_number_labelled_as_such_is_removed() -> None:
    result = sanitise("Try the school switchboard on 0117 496 0100 after 3pm.", SARAH)
    assert "0117 496 0100" not in result.text and "after 3pm" in result.text


def test_role_pointing_at_the_source_is_removed() -> None:
    result = sanitise("As Head of Year 9 I see her daily; the HoY9 office is upstairs.", SARAH)
    assert "Head of Year" not in result.text and "HoY9" not in result.text


def test_one_word_role_is_removed_only_where_it_points_at_the_source() -> None:
    identity = SourceIdentity(name="Dan Kowalski", role="Pharmacist")
    result = sanitise("I am the pharmacist here. She asked another pharmacist in town.", identity)
    assert result.text == f"I am the {MARKER} here. She asked another pharmacist in town."


def test_signature_block_with_team_and_colleague_is_removed() -> None:
    text = (
        "He has a new phone.\n\nKind regards,\nSarah Hughes\nHead of Year 9\nPastoral Team\n"
        "Kingsweston Academy\nTel: 0117 496 0123"
    )
    result = sanitise(text, SARAH)
    assert result.text == f"He has a new phone.\n\nKind regards,\n{MARKER}"
    assert result.removed[-1].kind == "signature"


def test_information_written_after_sign_off_is_kept() -> None:
    text = (
        "A man called Tez.\n\nThanks\nSarah\n\nVehicle seen outside: silver Hyundai i30, KX64 BVO"
    )
    result = sanitise(text, SARAH)
    assert "Vehicle seen outside: silver Hyundai i30, KX64 BVO" in result.text
    assert "Sarah" not in result.text


def test_colleague_named_alongside_source_is_removed() -> None:
    result = sanitise("Sarah and Mark here from KWA. My colleague Tom Barker saw it too.", SARAH)
    assert "Mark" not in result.text and "Tom Barker" not in result.text
    assert {span.kind for span in result.removed} >= {"colleague", "name", "organisation"}


def test_optional_identity_fields_widen_what_is_removed() -> None:
    identity = SourceIdentity(
        name="Gemma Littlewood",
        organisation="Avon Valley Housing",
        organisation_address="12 Temple Gate, Bristol BS1 6PL",
        organisation_phone="0117 496 0800",
        aliases=("Gem Wood",),
        colleagues=("Rachel Dunn",),
    )
    text = "Gem Wood and Rachel Dunn at 12 Temple Gate (BS1 6PL), 0117 496 0800, saw it."
    assert sanitise(text, identity).text == (
        f"{MARKER} and {MARKER} at {MARKER} ({MARKER}), {MARKER}, saw it."
    )


def test_offsets_point_at_removed_text() -> None:
    text = "Mrs Hughes saw Kyle Barnes (07700 900456) with Sarah Jones. Tel 0117 496 0123."
    result = sanitise(text, SARAH)
    assert [span.text for span in result.removed] == ["Mrs Hughes", "0117 496 0123"]
    for span in result.removed:
        assert text[span.start : span.end] == span.text
    assert result.text.count(MARKER) == len(result.removed)


def test_provenance_sentence_is_flagged_not_rewritten() -> None:
    text = "Kyle Barnes drives a grey Golf. In my class Sarah Jones told me she is scared."
    result = sanitise(text, SARAH)
    assert result.text == text
    assert len(result.flagged) == 1
    flag = result.flagged[0]
    assert flag.kind == "provenance"
    assert flag.text == "In my class Sarah Jones told me she is scared."
    assert result.text[flag.start : flag.end] == flag.text
    assert "in my class" in flag.reason.lower() and "told me" in flag.reason


def test_flags_point_into_the_sanitised_text() -> None:
    result = sanitise("Mrs Hughes here. I saw him at our school gates.", SARAH)
    assert [result.text[f.start : f.end] for f in result.flagged] == [
        "I saw him at our school gates."
    ]


def test_gate_finds_nothing_in_sanitised_text() -> None:
    text = "Mrs Hughes (KWA) saw it. Email s.hughes@kwa.example.\n\nThanks,\nSarah"
    assert find_source_identifiers(sanitise(text, SARAH).text, SARAH) == []


def test_gate_finds_reinserted_source_name() -> None:
    sanitised = sanitise("Mrs Hughes saw Kyle at 9pm.", SARAH).text
    edited = sanitised.replace(MARKER, "Sarah Hughes")
    found = find_source_identifiers(edited, SARAH)
    assert [(span.kind, span.text) for span in found] == [("name", "Sarah Hughes")]


def test_gate_finds_reinserted_email_phone_and_organisation() -> None:
    edited = "Seen by staff at Kingsweston Academy; ring 0117-496-0123 or s.hughes@kwa.example."
    kinds = {span.kind for span in find_source_identifiers(edited, SARAH)}
    assert kinds == {"organisation", "phone", "email"}


def test_text_without_the_source_comes_out_unchanged() -> None:
    text = "Kyle Barnes, 07700 900456, @kb_bristol99, silver Ford Focus WU68 KXD, 12/03 at 15:20."
    result = sanitise(text, SARAH)
    assert result.text == text and result.removed == []


def test_empty_identity_changes_nothing() -> None:
    text = "Sarah Hughes from KWA on 0117 496 0123."
    assert sanitise(text, SourceIdentity()).text == text
    assert sanitise(text, SourceIdentity(name=None, phone=None)).removed == []


def test_to_dict_is_json_serialisable() -> None:
    result = sanitise("Mrs Hughes told me about Kyle.", SARAH)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["text"] == result.text
    assert [{k: v for k, v in span.items() if k != "reason"} for span in data["removed"]] == [
        {"start": 0, "end": 10, "kind": "name", "text": "Mrs Hughes"}
    ]
    assert "title" in data["removed"][0]["reason"]
    assert data["flagged"][0]["kind"] == "provenance"


def test_span_is_a_frozen_value() -> None:
    span = Span(0, 5, "name", "Sarah", "why")
    assert span == Span(0, 5, "name", "Sarah", "why")
    assert hash(span) == hash(Span(0, 5, "name", "Sarah", "why"))


def test_result_is_deterministic() -> None:
    text = "Hi, Sarah here from KWA. Kyle Barnes, 07700 900456.\n\nkind regards, sarah"
    assert sanitise(text, SARAH) == sanitise(text, SARAH)


def test_package_does_not_import_django() -> None:
    code = "import sys, sanitiser; sanitiser.sanitise('x', sanitiser.SourceIdentity(name='A B'));"
    code += "print('django' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "False"


def test_website_is_removed_and_caught_by_the_gate_after_a_dotted_capital_i() -> None:
    # "\u0130" (Istanbul, Ibrahim in Turkish spelling) lowers to two characters; offsets found in
    # the lower-cased text must still point at the website in the text itself.
    identity = SourceIdentity(
        name="Sarah Hughes",
        organisation="Greenway Academy",
        organisation_website="https://www.greenwayschool.example",
    )
    text = "\u0130brahim's trip to \u0130stanbul. Details at www.greenwayschool.example today."

    result = sanitise(text, identity)

    assert "greenwayschool" not in result.text
    assert "\u0130brahim's trip to \u0130stanbul." in result.text
    assert [span.text for span in find_source_identifiers(text, identity)] == [
        "www.greenwayschool.example"
    ]
