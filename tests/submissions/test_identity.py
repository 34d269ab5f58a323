"""The source's identity, in its one home: what the gate, masking and the reveal-reason check all
receive. Exact answers, so a guard that widened what counts as clean would show (issue 16)."""

import datetime as dt

import pytest
from django.utils import timezone

from cpi.crypto import encrypt_str
from sanitiser import SourceIdentity
from submissions.identity import (
    SOURCE_FIELDS,
    SourceTokens,
    allowed_phrases,
    identifier_reasons,
    identity_for_submission,
    source_identity,
    tokens_from_row,
)
from tests.factories import SourceFactory, SubmissionFactory

SARAH = SourceIdentity(
    name="Sarah Hughes",
    role="Head of Year 9",
    organisation="Kingsweston Academy",
    email="s.hughes@kwa.example.sch.uk",
    phone="+441174960123",
)


@pytest.mark.django_db
def test_the_identity_is_the_sources_five_identifying_fields_decrypted():
    source = SourceFactory()
    assert identity_for_submission(source.submission) == SARAH


@pytest.mark.django_db
def test_a_submission_without_a_source_or_with_a_purged_one_identifies_nobody():
    assert identity_for_submission(SubmissionFactory(with_people=False)) == SourceIdentity()
    purged = SourceFactory(purged_at=timezone.now())
    assert identity_for_submission(purged.submission) == SourceIdentity()


def test_empty_tokens_decrypt_to_empty_fields_and_the_rest_to_what_was_entered():
    tokens = SourceTokens(
        exists=True, tokens={"name": encrypt_str("Sarah Hughes"), "role": "", "email": ""}
    )
    assert source_identity(tokens) == SourceIdentity(name="Sarah Hughes")


def _row(**values):
    row = {f"source_{name}": None for name in SOURCE_FIELDS}
    return row | {"source_id": "1", "source_purged_at": None} | values


def test_a_row_without_a_source_has_no_tokens():
    assert tokens_from_row({"source_id": None}) == SourceTokens(exists=False)


def test_a_rows_tokens_are_its_source_columns_with_missing_ones_empty():
    row = _row(source_name="gAAAA-name", source_phone="gAAAA-phone")
    assert tokens_from_row(row) == SourceTokens(
        exists=True,
        purged=False,
        tokens={
            "name": "gAAAA-name",
            "role": "",
            "organisation": "",
            "email": "",
            "phone": "gAAAA-phone",
        },
    )


def test_a_purged_source_row_says_so():
    row = _row(source_purged_at=str(dt.datetime(2026, 1, 1)))
    assert tokens_from_row(row).purged is True
    assert tokens_from_row(_row()).purged is False


def test_the_screen_lets_through_exactly_the_people_entered_and_the_kept_phrases():
    subjects = [{"name": "Jade Kemp"}, {"name": None}, {"name": "  "}]
    persons = [
        {"name": "Dean Marsh", "nicknames": "D-Money"},
        {"name": "Jade Kemp", "nicknames": 7},  # a duplicate, and a value that is not text
    ]
    kept = ["Hughes Road", None, ""]
    assert allowed_phrases(subjects, persons, kept) == (
        "Jade Kemp",
        "Dean Marsh",
        "D-Money",
        "Hughes Road",
    )


def test_model_instances_are_read_like_the_records_dicts():
    class Person:
        name = "Dean Marsh"
        nicknames = "D-Money"

    assert allowed_phrases([], [Person()]) == ("Dean Marsh", "D-Money")


def test_reasons_name_each_kind_found_in_any_text_and_nothing_for_a_clean_one():
    texts = ["Seen on Tuesday.", "", "Call Sarah Hughes on 0117 496 0123."]
    assert identifier_reasons(texts, SARAH) == ("source name", "source phone number")
    assert identifier_reasons(["Seen on Tuesday."], SARAH) == ()


def test_a_hit_inside_an_allowed_phrase_is_not_a_reason():
    assert identifier_reasons(["Hughes Road"], SARAH) == ("source name",)
    assert identifier_reasons(["Hughes Road"], SARAH, allowed=("Hughes Road",)) == ()
