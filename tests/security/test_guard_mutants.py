"""Tests written to kill mutants that survived `make mutation` (issue 16, item 6).

Each one pins a behaviour of a guard that the suite exercised but never asserted: a refusal that
also said "allowed", a standing clearance taken without reading it, a permission with its
conditions joined by "or". The mutants left alive are listed, with why, in README "Mutation
testing".
"""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from accounts.access import handler_required, supervisor_required
from cpi.crypto import encrypt_str
from intelligence import gate
from intelligence.gate import (
    LOG_FIELDS,
    NO_SOURCE,
    SOURCE_PURGED,
    SOURCE_UNREADABLE,
    GateResult,
    clearance_digest,
    log_release_check,
    release_check,
    release_record,
)
from intelligence.models import IntelligenceLog
from submissions.identity import SourceTokens, source_token_annotations, tokens_from_row
from submissions.models import Status
from tests.factories import SubmissionFactory
from tests.intelligence.conftest import CLEAN_TEXT, make_log
from triage.services.permissions import can_edit, can_release, can_reveal, can_review
from triage.services.source import _in_words
from triage.state import InvalidTransition, StaleVersion, transition_check

# --- The export gate ---------------------------------------------------------------------------
VALUES = {
    "id": 7,
    "reference": "LOG-0007",
    # 09:30 in UTC+5 is 04:30 UTC; the export writes UTC whatever the server's zone.
    "created_at": dt.datetime(2026, 7, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))),
    "approved_at": None,
    "review_date": dt.date(2027, 1, 31),
    "evaluation": "1",
    "assessment": "A",
    "handling_code": "P",
    "handling_conditions": "Share with the MASH only",
    "categories": ["child_sexual_exploitation", "a category no longer offered"],
    "subjects": None,
    "persons_of_concern": [{"name": "Dean Marsh", "nicknames": "Deano"}],
    "places": [{"name": "Northgate Park"}],
    "vehicles": None,
    "text": CLEAN_TEXT,
    "kept_phrases": [],
    "gate_clearance": "",
}


def test_the_released_record_is_exactly_the_logs_own_fields_in_export_form():
    assert release_record(VALUES) == {
        "reference": "LOG-0007",
        "created_at": "2026-07-01T04:30:00+00:00",
        "approved_at": "",
        "review_date": "2027-01-31",
        "grading": "1A P",
        "source_evaluation": "1: Reliable",
        "intelligence_assessment": "A: Known directly to the source",
        "handling_code": "P: Lawful sharing permitted",
        "handling_conditions": "Share with the MASH only",
        # A value no longer among the choices is exported as it is stored, not dropped.
        "categories": ["Child sexual exploitation", "a category no longer offered"],
        "subjects": [],
        "persons_of_concern": [{"name": "Dean Marsh", "nicknames": "Deano"}],
        "places": [{"name": "Northgate Park"}],
        "vehicles": [],
        "text": CLEAN_TEXT,
    }


def test_empty_fields_are_exported_empty_and_a_stored_text_date_as_written():
    values = VALUES | {
        "handling_conditions": None,
        "categories": None,
        "places": None,
        "vehicles": [{"registration": "AB12 CDE"}],
        "review_date": "on release from custody",
    }
    record = release_record(values)
    assert record["handling_conditions"] == ""
    assert record["categories"] == []
    assert record["places"] == []
    assert record["vehicles"] == [{"registration": "AB12 CDE"}]
    assert record["review_date"] == "on release from custody"


def _tokens(**plain: str) -> SourceTokens:
    fields = {"name": "", "role": "", "organisation": "", "email": "", "phone": ""} | plain
    return SourceTokens(
        exists=True, tokens={k: encrypt_str(v) if v else "" for k, v in fields.items()}
    )


@pytest.mark.parametrize(
    ("tokens", "reason"),
    [
        (SourceTokens(exists=False), NO_SOURCE),
        (SourceTokens(exists=True, purged=True, tokens={"name": "x"}), SOURCE_PURGED),
    ],
    ids=["missing", "purged"],
)
def test_a_log_whose_source_cannot_be_checked_is_refused_with_nothing_to_release(tokens, reason):
    result = release_check(log_id=7, values=VALUES, tokens=tokens)
    assert result == GateResult("LOG-0007", False, (reason,))
    assert result.allowed is False
    assert result.record is None


def test_a_full_check_that_passes_leaves_the_digest_over_this_log_and_its_source():
    tokens = _tokens(name="Sarah Hughes", phone="+441174960123")
    result = release_check(log_id=7, values=VALUES, tokens=tokens)
    assert result.allowed is True
    assert result.record == release_record(VALUES)
    assert result.new_clearance == clearance_digest(7, tokens, release_record(VALUES), [])


def test_a_standing_clearance_is_honoured_without_decrypting_the_source():
    # Tokens no key can read: only the clearance can let this record through.
    tokens = SourceTokens(exists=True, tokens={"name": "not-a-fernet-token"})
    clearance = clearance_digest(7, tokens, release_record(VALUES), [])
    result = release_check(log_id=7, values=VALUES, tokens=tokens, clearance=clearance)
    assert result == GateResult("LOG-0007", True, record=release_record(VALUES))
    assert result.allowed is True


def test_a_clearance_that_does_not_match_sends_the_log_to_the_full_check():
    tokens = SourceTokens(exists=True, tokens={"name": "not-a-fernet-token"})
    other_log = clearance_digest(8, tokens, release_record(VALUES), [])
    result = release_check(log_id=7, values=VALUES, tokens=tokens, clearance=other_log)
    assert result == GateResult("LOG-0007", False, (SOURCE_UNREADABLE,))


def test_the_clearance_binds_the_log_id_the_kept_phrases_and_the_secret_key(settings):
    tokens = _tokens(name="Sarah Hughes")
    record = release_record(VALUES)
    digest = clearance_digest(7, tokens, record, [])
    assert digest == clearance_digest(7, tokens, dict(reversed(record.items())), [])
    assert digest != clearance_digest(8, tokens, record, [])
    assert digest != clearance_digest(7, tokens, record, ["Deano's mate"])
    settings.SECRET_KEY = "another key entirely, " * 3
    assert digest != clearance_digest(7, tokens, record, [])


def test_the_clearance_binds_the_sources_ciphertext_the_record_and_the_sanitisers_code(
    monkeypatch,
):
    # Any of these changed, the log must go through the full check again.
    tokens = _tokens(name="Sarah Hughes")
    record = release_record(VALUES)
    digest = clearance_digest(7, tokens, record, [])
    assert digest != clearance_digest(7, _tokens(name="Sarah Hughes-Jones"), record, [])
    edited = release_record({**VALUES, "text": VALUES["text"] + " Sarah rang again."})
    assert digest != clearance_digest(7, tokens, edited, [])
    monkeypatch.setattr(gate, "sanitiser_fingerprint", lambda: "a newer sanitiser")
    assert digest != clearance_digest(7, tokens, record, [])


def test_the_clearance_is_a_sha256_hmac():
    # A weaker digest (SHA-1, Django's default) would still match itself everywhere else.
    digest = clearance_digest(7, _tokens(name="Sarah Hughes"), release_record(VALUES), [])
    assert len(digest) == 64 and int(digest, 16) >= 0


KNOWN_KEY = "a fixed key for the known-answer test, not used anywhere else " * 2
EXPECTED_KNOWN_DIGEST = "eadaa7c446db5a747ecb3fa8d6e1f03f87c9765298b39a335b01940342ae8166"


def test_the_clearance_format_is_fixed_so_stored_clearances_stay_current(settings, monkeypatch):
    # Every log's clearance is stored. A change to how the digest is made (salt, serialisation)
    # would make every one stale and send every log of the next export through the full check:
    # that change should be a decision, seen here, not an accident.
    settings.SECRET_KEY = KNOWN_KEY
    monkeypatch.setattr(gate, "sanitiser_fingerprint", lambda: "the sanitiser's code")
    tokens = SourceTokens(exists=True, tokens={"name": "gAAAA-Hughes", "phone": "gAAAA-0117"})
    record = release_record(VALUES | {"text": "Seen with Dean Marsh — at Northgate Park."})
    digest = clearance_digest(7, tokens, record, ["Deano"])
    assert digest == EXPECTED_KNOWN_DIGEST


def test_a_refusal_and_a_pass_both_name_the_log():
    tokens = _tokens(name="Sarah Hughes")
    refused = release_check(
        log_id=7, values=VALUES | {"text": CLEAN_TEXT + " Sarah Hughes"}, tokens=tokens
    )
    assert refused == GateResult("LOG-0007", False, ("source name",))
    passed = release_check(log_id=7, values=VALUES, tokens=tokens)
    assert passed.reference == "LOG-0007"


def test_an_approval_time_is_exported_in_utc():
    approved = dt.datetime(2026, 7, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert release_record(VALUES | {"approved_at": approved})["approved_at"] == (
        "2026-07-02T09:00:00+00:00"
    )


@pytest.mark.django_db
def test_a_log_no_longer_in_the_database_is_refused():
    log = make_log(text=CLEAN_TEXT)
    IntelligenceLog.objects.filter(pk=log.pk).delete()
    assert log_release_check(log) == GateResult(log.reference, False, ("log not found",))


@pytest.mark.django_db
def test_a_passing_check_stores_its_clearance_and_the_next_check_uses_it():
    log = make_log(text=CLEAN_TEXT)
    first = log_release_check(log)
    row = (
        IntelligenceLog.objects.filter(pk=log.pk)
        .values(*LOG_FIELDS, **source_token_annotations())
        .get()
    )
    expected = clearance_digest(
        log.pk, tokens_from_row(row), release_record(row), row["kept_phrases"] or []
    )
    assert first.allowed and first.new_clearance == expected
    assert row["gate_clearance"] == expected
    second = log_release_check(log)
    assert second == GateResult(log.reference, True, record=first.record)


# --- The permission helpers ---------------------------------------------------------------------
@pytest.mark.django_db
def test_only_a_supervisor_reviews_and_only_what_awaits_review(supervisor_user, handler_user):
    awaiting = SubmissionFactory(status=Status.AWAITING_REVIEW, assigned_to=handler_user)
    held = SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user)
    assert can_review(supervisor_user, awaiting) is True
    assert can_review(supervisor_user, held) is False
    assert can_review(handler_user, awaiting) is False


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.NEW, Status.AWAITING_REVIEW])
def test_nothing_but_held_work_can_be_released_even_by_a_supervisor(
    status, supervisor_user, handler_user
):
    submission = SubmissionFactory(status=status, assigned_to=handler_user)
    assert can_release(supervisor_user, submission) is False
    assert can_release(handler_user, submission) is False


@pytest.mark.django_db
@pytest.mark.parametrize("status", [Status.NEW, Status.IN_PROGRESS])
def test_nobody_signed_out_holds_an_unclaimed_submission(status):
    # An anonymous user's pk is None, as is an unclaimed submission's holder (issue 16).
    unclaimed = SubmissionFactory(status=status, assigned_to=None)
    anonymous = AnonymousUser()
    assert can_reveal(anonymous, unclaimed) is False
    assert can_release(anonymous, unclaimed) is False
    assert can_edit(anonymous, unclaimed) is False


@pytest.mark.django_db
def test_the_holder_and_a_supervisor_see_the_source_and_nobody_else(
    handler_user, other_handler_user, supervisor_user
):
    held = SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user)
    unclaimed = SubmissionFactory(status=Status.NEW, assigned_to=None)
    assert can_reveal(handler_user, held) is True
    assert can_reveal(supervisor_user, held) is True
    assert can_reveal(other_handler_user, held) is False
    assert can_reveal(handler_user, unclaimed) is False
    assert can_reveal(supervisor_user, unclaimed) is True


def _view(request):
    return HttpResponse("the staff page")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("decorator", "allowed_role"),
    [(handler_required, "handler_user"), (supervisor_required, "supervisor_user")],
    ids=["handler_required", "supervisor_required"],
)
def test_a_staff_view_decorated_now_admits_its_role_and_refuses_others(
    request, decorator, allowed_role, outsider_user
):
    # Views are decorated at import; decorating here runs the helper under test (and its mutants).
    view = decorator(_view)
    page = RequestFactory().get("/staff/")
    page.user = request.getfixturevalue(allowed_role)
    page.user.is_verified = lambda: True  # as django-otp marks a session with a TOTP code
    assert view(page).content == b"the staff page"
    page.user = outsider_user
    page.user.is_verified = lambda: True
    with pytest.raises(PermissionDenied):
        view(page)


# --- The state machine and the reveal reason's message ------------------------------------------
def test_a_refused_move_says_from_what_to_what_and_why():
    with pytest.raises(InvalidTransition) as refused:
        transition_check(Status.NEW, Status.CLOSED)
    assert refused.value.message == (
        "You cannot move this submission from new to closed. "
        "It has not been claimed yet: claim it first."
    )


def test_a_stale_save_says_nothing_was_saved_and_adds_any_detail():
    plain = (
        "Someone else changed this submission while you were editing. "
        "Your changes have not been saved: check the submission again, then save them."
    )
    assert StaleVersion().message == plain
    assert StaleVersion("It was released.").message == f"{plain} It was released."


def test_a_refused_reason_names_every_kind_found_in_one_sentence():
    assert _in_words(["name"]) == "the source's name"
    assert _in_words(["role"]) == "the source's role"
    assert _in_words(["name", "email", "phone"]) == (
        "the source's name, email address or phone number"
    )
    assert _in_words(["name", "email", "phone", "organisation"]) == (
        "the source's name, email address, phone number or organisation"
    )
