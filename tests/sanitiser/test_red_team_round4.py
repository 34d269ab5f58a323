"""Red team, round 4: the source's identity as professionals type it into the form, and texts
that write it differently from the form.

The form's fields in red_team_round4.jsonl vary as people fill them in: a title and
post-nominals ("Dr Priya Nair MBBS"), the register order ("Nair, Priya", "JONES-PARRY, Eleri"),
capitals or lower case throughout, one name only ("Bashir"), a nickname in brackets, an
organisation with "The", "Ltd", "&" or a branch ("Boots - Fishponds", "Bristol City Council
(Children's Services)"), a double role, two phone numbers with "or", an email with a plus tag.
Some texts name subjects or suspects who share the source's first name, surname or street, and
those must stay.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sanitiser import MARKER, SourceIdentity, find_source_identifiers
from sanitiser import sanitise_source as sanitise
from sanitiser.identity import parse_organisation, parse_person_name
from sanitiser.phones import field_numbers

from .corpus_scoring import corpus_load, corpus_score

REQUIRED_RETENTION = 0.95
ROUND4 = corpus_load(Path(__file__).with_name("red_team_round4.jsonl"))
IDS = [item["id"] for item in ROUND4]
EARLIER_IDS = {
    item["id"]
    for name in ("red_team_round3.jsonl", "red_team_corpus.jsonl", "corpus.jsonl")
    for item in corpus_load(Path(__file__).with_name(name))
}
# Leaks this round found and left, each a limit we accept for now (see the report):
# "Bridge" for Bridge Learning Campus is a street word, removed everywhere it would take
# "Clifton Suspension Bridge" with it; "Priya N" when the form gave only "P. Nair" is any first
# name starting with P before the surname's initial; "Filton round" for Royal Mail Filton
# Delivery Office: a district after a brand, which an earlier round keeps when shouted
# ("THE LADS IN BEDMINSTER DO DEALING").
# From the second pass: "KR&Co" (initials glued to "&Co"), "MK" signing for Mary-Kate O'Brien
# (two letters that are also Milton Keynes), and the role "Shop Owner" written "Owner of the
# corner shop" (a role turned round).
KNOWN_LEAKS = {
    ("rt4b-org-with-comma-partners", "KR&Co"),
    ("rt4b-surname-first-apostrophe", "MK"),
    ("rt4b-single-name-mr", "Owner of the corner shop"),
    ("rt4-subject-shares-street", "Filton round"),
    ("rt4-subject-shares-whole-name", "Bridge"),
    ("rt4-form-name-initial-surname", "Priya N"),
}


def test_round_four_holds_new_realistic_annotated_texts() -> None:
    assert len(ROUND4) >= 40
    assert len(set(IDS)) == len(IDS)
    assert not set(IDS) & EARLIER_IDS
    for item in ROUND4:
        # Only what the public form records about the source.
        assert set(item["source"]) == {"name", "role", "organisation", "email", "phone"}
        assert item["must_remove"] and item["must_keep"], item["id"]
        for expected in item["must_remove"] + item["must_keep"]:
            assert expected in item["text"], (item["id"], expected)


def test_no_round_four_identifier_survives_beyond_the_known_limits(record_property) -> None:
    score = corpus_score(ROUND4)
    summary = f"red team round 4: {len(ROUND4)} texts, {score.summary()}"
    print(summary)
    record_property("sanitiser_red_team_round4", summary)
    assert set(score.leaks) <= KNOWN_LEAKS, score.leaks
    assert score.retention >= REQUIRED_RETENTION, score.lost


@pytest.mark.parametrize("item", ROUND4, ids=IDS)
def test_gate_finds_nothing_in_sanitised_round_four_text(item: dict) -> None:
    identity = SourceIdentity(**item["source"])
    assert find_source_identifiers(sanitise(item["text"], identity).text, identity) == []


@pytest.mark.parametrize("item", ROUND4, ids=IDS)
def test_round_four_removed_offsets_point_into_the_original(item: dict) -> None:
    result = sanitise(item["text"], SourceIdentity(**item["source"]))
    for span in result.removed:
        assert item["text"][span.start : span.end] == span.text


# --- The identity as typed ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first", "last"),
    [
        ("Nair, Priya", "Priya", "Nair"),
        ("JONES-PARRY, Eleri", "Eleri", "Jones-Parry"),
        ("Nair, Dr Priya", "Priya", "Nair"),
        ("Priya Nair, MBBS", "Priya", "Nair"),
        ("Dr Priya Nair, MBBS MRCGP", "Priya", "Nair"),
        ("Sarah Hughes, RN", "Sarah", "Hughes"),
    ],
)
def test_a_name_typed_surname_first_is_read_in_order_but_post_nominals_after_a_comma_are_not(
    typed: str, first: str, last: str
) -> None:
    person = parse_person_name(typed)
    assert (person.first, person.last) == (first, last)


def test_each_number_in_a_phone_field_goes_but_an_extension_is_not_a_second_number() -> None:
    assert field_numbers("07700 900321 or 0117 496 0321") == ["7700900321", "1174960321"]
    assert field_numbers("0117 496 0123, ext 204") == ["1174960123"]
    identity = SourceIdentity(name="Owen Pritchard", phone="07700 900321 / 0117 496 0321")
    text = "Home 0117 4960321, mob +44 7700 900321, his is 07700 900322."
    assert sanitise(text, identity).text == f"Home {MARKER}, mob {MARKER}, his is 07700 900322."


def test_an_organisations_branch_is_left_out_of_its_short_name_and_acronym() -> None:
    boots = parse_organisation("The Boots Company Ltd - Fishponds", "")
    assert boots.core == ("Boots",) and boots.core_stands_alone
    council = parse_organisation("Bristol City Council (Children's Services)", "")
    assert "BCC" in council.acronyms
    identity = SourceIdentity(name="Karen Blythe", organisation="Lloyds Pharmacy (Kingswood)")
    text = "Lloyds in Kingswood. He lives in Kingswood."
    assert sanitise(text, identity).text == f"{MARKER} in Kingswood. He lives in Kingswood."


def test_the_last_distinctive_word_of_a_longer_name_goes_alone_but_not_a_district_before_it() -> (
    None
):
    oasis = SourceIdentity(name="Claire Dunn", organisation="Oasis Academy Brightstowe")
    assert sanitise("DSL at Brightstowe.", oasis).text == f"DSL at {MARKER}."
    rovers = SourceIdentity(name="Mike Daley", organisation="Bristol Rovers Community Trust")
    assert sanitise("Coach for Rovers.", rovers).text == f"Coach for {MARKER}."
    cotham = SourceIdentity(name="Rebecca Lyons", organisation="Cotham Park Academy")
    assert sanitise("She lives on Cotham Brow.", cotham).text == "She lives on Cotham Brow."
    # Lower case is a word, not the name.
    assert sanitise("The rovers van.", rovers).text == "The rovers van."


def test_a_saints_church_goes_by_the_saint_with_an_s_but_another_saint_stays() -> None:
    identity = SourceIdentity(name="Revd. Canon Alan Hughes", organisation="St Mary Redcliffe")
    text = "From St Mary's. She went to St Mark's."
    assert sanitise(text, identity).text == f"From {MARKER}. She went to St Mark's."


def test_a_short_name_of_letters_and_digits_goes() -> None:
    identity = SourceIdentity(name="Owen Pritchard", organisation="A2B Cars")
    assert sanitise("I drive for A2B. Plate A2 BXY.", identity).text == (
        f"I drive for {MARKER}. Plate A2 BXY."
    )


def test_a_title_glued_before_the_initial_and_surname_goes_but_other_initials_stay() -> None:
    identity = SourceIdentity(name="Dr Priya Nair MBBS")
    text = "Logged by DrPNair and drpnair; the brother signs KPNair."
    assert (
        sanitise(text, identity).text
        == f"Logged by {MARKER} and {MARKER}; the brother signs KPNair."
    )


# --- What must stay: people who share part of the source's identity -----------------------------


def test_a_subject_who_shares_the_sources_first_name_keeps_it_with_their_own_surname() -> None:
    identity = SourceIdentity(name="Priya Nair", organisation="Stoke Park Primary School")
    text = "Priya Shah (8) came in hungry. Miss Nair"
    assert sanitise(text, identity).text == f"Priya Shah (8) came in hungry. {MARKER}"


def test_a_suspect_who_shares_the_sources_surname_keeps_it_with_their_own_first_name() -> None:
    identity = SourceIdentity(name="Helen Stroud", organisation="Barnardo's")
    text = "The suspect is Craig Stroud, 35. Helen S"
    assert sanitise(text, identity).text == f"The suspect is Craig Stroud, 35. {MARKER}"


def test_a_subject_with_the_sources_whole_name_is_removed_a_limit_we_accept() -> None:
    # The text cannot tell the girl from the source when both are "Sarah Jones": the name goes,
    # and what else the text says about her (year, date of birth) stays.
    identity = SourceIdentity(name="Sarah Jones", organisation="Bridge Learning Campus")
    text = "The girl is also called Sarah Jones (Y11, DOB 02/02/2009)."
    assert sanitise(text, identity).text == (
        f"The girl is also called {MARKER} (Y11, DOB 02/02/2009)."
    )


def test_a_single_name_on_the_form_goes_as_anyones_first_name_too_a_limit_we_accept() -> None:
    # "Bashir" alone could be a first name or a surname: it goes wherever it is a proper noun,
    # so a suspect called Bashir Khan keeps only his surname.
    identity = SourceIdentity(name="Bashir", organisation="Bashir Food & Wine")
    assert sanitise("A man called Bashir Khan drives them.", identity).text == (
        f"A man called {MARKER} Khan drives them."
    )


# --- Second pass ------------------------------------------------------------------------------


def test_a_title_with_the_apostrophe_initial_goes_but_another_surname_stays() -> None:
    identity = SourceIdentity(name="Claire O'Donnell", organisation="St Bede's Catholic College")
    text = "Mrs O'D (DDSL) spoke to Mr O'Neill on Monday.\nC O'D"
    assert (
        sanitise(text, identity).text == f"{MARKER} (DDSL) spoke to Mr O'Neill on Monday.\n{MARKER}"
    )


def test_a_partner_after_a_comma_is_part_of_the_name_but_a_place_is_a_branch() -> None:
    firm = parse_organisation("Kimber, Rowe & Co Solicitors", "")
    assert "Rowe" in firm.core
    lloyds = parse_organisation("Lloyds Pharmacy, Kingswood", "")
    assert lloyds.core == ("Lloyds",)


def test_the_sources_number_without_its_leading_nought_goes_but_a_longer_number_stays() -> None:
    identity = SourceIdentity(name="Nadia Osman", phone="+44 (0) 7700 900 579")
    text = "Direct: 7700900579 or 7700 900 579. Ref 77009005791."
    assert sanitise(text, identity).text == f"Direct: {MARKER} or {MARKER}. Ref 77009005791."
