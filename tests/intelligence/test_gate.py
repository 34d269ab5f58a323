"""The export gate: re-checks each log against its own source and fails closed."""

import pytest
from django.db.models import TextField, Value
from django.utils import timezone

from intelligence.gate import NO_SOURCE, SOURCE_PURGED, SOURCE_UNREADABLE, log_release_check
from intelligence.models import IntelligenceLog
from submissions.models import Source
from tests.intelligence.conftest import CLEAN_TEXT, leak_source_name, make_log

pytestmark = pytest.mark.django_db


def test_a_clean_log_passes_and_its_record_holds_only_the_log(clean_log):
    result = log_release_check(clean_log)
    assert result.allowed
    assert result.record["reference"] == clean_log.reference
    assert result.record["text"] == CLEAN_TEXT
    assert "submission" not in str(result.record.keys())
    assert clean_log.submission.reference not in str(result.record)


def test_a_log_edited_in_the_database_to_name_the_source_is_refused(clean_log):
    assert log_release_check(clean_log).allowed  # leaves a clearance for the clean text
    leak_source_name(clean_log)
    result = log_release_check(clean_log)
    assert not result.allowed
    assert result.record is None
    assert result.reasons == ("source name",)
    assert "Hughes" not in result.reason_text


def test_the_gate_reads_the_log_afresh_rather_than_trusting_the_instance(clean_log):
    leak_source_name(clean_log)  # the instance in memory still holds the clean text
    assert not log_release_check(clean_log).allowed


def test_a_clearance_copied_from_another_log_does_not_pass(clean_log):
    other = make_log(text=CLEAN_TEXT)
    assert log_release_check(other).allowed
    other.refresh_from_db()
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        text="Sarah Hughes saw it.", gate_clearance=other.gate_clearance
    )
    assert not log_release_check(clean_log).allowed


def test_a_changed_source_invalidates_the_clearance(clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(text="Dean Marsh was seen.")
    assert log_release_check(clean_log).allowed
    Source.objects.filter(submission=clean_log.submission).update(name="Dean Marsh")
    assert log_release_check(clean_log).reasons == ("source name",)


def test_a_purged_source_fails_closed(clean_log):
    Source.objects.filter(submission=clean_log.submission).update(purged_at=timezone.now())
    assert log_release_check(clean_log).reasons == (SOURCE_PURGED,)


def test_a_missing_source_fails_closed(clean_log):
    Source.objects.filter(submission=clean_log.submission).delete()
    assert log_release_check(clean_log).reasons == (NO_SOURCE,)


def test_an_undecryptable_source_fails_closed(clean_log):
    # A plain text Value goes past the field, which would encrypt whatever it is given.
    Source.objects.filter(submission=clean_log.submission).update(
        name=Value("not-a-fernet-token", output_field=TextField())
    )
    assert log_release_check(clean_log).reasons == (SOURCE_UNREADABLE,)


def test_identifiers_hidden_in_the_copied_subject_details_are_refused(clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        persons_of_concern=[{"name": "Dean Marsh", "phone_numbers": "0117 496 0123"}]
    )
    assert log_release_check(clean_log).reasons == ("source phone number",)


# --- The gate's own screen ---------------------------------------------------------------------
FULL_WIDTH_NAME = "".join(chr(ord(c) + 0xFEE0) if c != " " else c for c in "Sarah Hughes")


@pytest.mark.parametrize(
    "leak",
    [
        "Sarah says she saw it herself.",  # the first name alone
        f"Reported by {FULL_WIDTH_NAME}.",  # full-width letters
        "Reported by S a r a h.",
        "Reported by Mrs Hugh\u0435s.",  # a Cyrillic e
        "Call 0117-496-0123.",
        "Seen by staff at K1ngsweston.",
    ],
)
def test_the_gate_refuses_the_source_in_forms_the_proposal_may_miss(clean_log, leak):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(text=f"{CLEAN_TEXT} {leak}")
    result = log_release_check(clean_log)
    assert not result.allowed
    assert result.record is None
    assert len(result.reasons) == 1
    assert "Sarah" not in result.reason_text and "0117" not in result.reason_text


def test_a_subjects_name_sharing_the_sources_surname_passes_only_inside_that_name(clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        text="Dylan Hughes (14) was seen on Canal Street.",
        subjects=[{"name": "Dylan Hughes", "description": "Dylan Hughes wears a red coat"}],
    )
    assert log_release_check(clean_log).allowed
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        text="Dylan Hughes (14) was seen on Canal Street by Mrs Hughes."
    )
    assert log_release_check(clean_log).reasons == ("source name",)


def test_a_persons_nickname_sharing_a_token_with_the_source_passes(clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        text="A man called Big Sarah was seen on Canal Street.",
        persons_of_concern=[{"name": "Dean Marsh", "nicknames": "D-Money, Big Sarah"}],
    )
    assert log_release_check(clean_log).allowed


def test_a_phrase_the_handler_kept_passes_and_is_not_exported(clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        text="Seen outside 4 Hughes Road most evenings."
    )
    assert log_release_check(clean_log).reasons == ("source name",)
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(kept_phrases=["Hughes Road"])
    result = log_release_check(clean_log)
    assert result.allowed
    assert "kept_phrases" not in result.record
    assert "Hughes Road" not in str({k: v for k, v in result.record.items() if k != "text"})


def test_taking_a_kept_phrase_away_invalidates_the_clearance(clean_log):
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(
        text="Seen outside 4 Hughes Road most evenings.", kept_phrases=["Hughes Road"]
    )
    assert log_release_check(clean_log).allowed  # leaves a clearance
    IntelligenceLog.objects.filter(pk=clean_log.pk).update(kept_phrases=[])
    assert log_release_check(clean_log).reasons == ("source name",)
