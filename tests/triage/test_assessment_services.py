"""Assessing: drafts, recording exactly one outcome, review, the lost-update check, audit."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from audit.models import Action, AuditEvent
from submissions.models import Outcome, Risk, Status
from tests.factories import SubjectFactory, SubmissionFactory
from triage import services
from triage.models import Assessment
from triage.state import InvalidTransition, StaleVersion, TriageError

pytestmark = pytest.mark.django_db

GRADING = {
    "risk": Risk.MEDIUM,
    "priority": 2,
    "source_evaluation": "2",
    "intelligence_assessment": "B",
    "handling_code": "P",
    "handling_conditions": "",
}
OUTCOMES = {
    Outcome.INTELLIGENCE_LOG: {"log_text": "Male known as D-Money seen with 14 year old girl."},
    Outcome.CRIME_DESK: {
        "crime_summary": "Supply of class A drugs",
        "tasking_note": "Please attend the underpass on Friday evening.",
        "crime_reference": "",
    },
    Outcome.SAFEGUARDING_REFERRAL: {
        "referral_service": "childrens_social_care",
        "referral_reason": "Child at risk of criminal exploitation.",
    },
    Outcome.NO_ACTION: {"no_action_rationale": "Already known and being managed by the MASH."},
}


@pytest.fixture
def claimed(handler_user):
    submission = SubmissionFactory()
    return services.submission_claim(submission=submission, user=handler_user)


def _data(chosen, **extra):
    return {**GRADING, "outcome": chosen, **OUTCOMES[chosen], **extra}


def _record(submission, user, chosen, **extra):
    return services.outcome_record(
        submission=submission, user=user, version=submission.version, data=_data(chosen, **extra)
    )


def test_a_draft_saves_the_risk_priority_and_grading(claimed, handler_user):
    loaded_version = claimed.version
    saved = services.assessment_save(
        submission=claimed, user=handler_user, version=loaded_version, data=dict(GRADING)
    )
    assert (saved.risk, saved.priority, saved.status) == (Risk.MEDIUM, 2, Status.IN_PROGRESS)
    assert saved.version == loaded_version + 1
    assert saved.assessment.grading == "2B P"
    assert AuditEvent.objects.filter(action=Action.ASSESSMENT_SAVED).count() == 1


def test_a_draft_whose_log_text_holds_the_sources_phone_is_refused_and_nothing_is_saved(
    claimed, handler_user
):
    data = {**GRADING, "log_text": "Seen on Canal Street. Call 0117 496 0123 for more."}
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(
            submission=claimed, user=handler_user, version=claimed.version, data=data
        )
    message = refused.value.message_dict["log_text"][0]
    assert "source phone number" in message and "0117" not in message
    assert not Assessment.objects.filter(submission=claimed).exists()
    assert not AuditEvent.objects.filter(action=Action.ASSESSMENT_SAVED).exists()


def test_a_draft_naming_the_source_in_full_width_letters_or_in_its_conditions_is_refused(
    claimed, handler_user
):
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "Hughes")
    for data in (
        {**GRADING, "log_text": f"Reported by Mrs {full_width}."},
        {**GRADING, "handling_code": "C", "handling_conditions": "Not to Kingsweston staff"},
    ):
        with pytest.raises(ValidationError):
            services.assessment_save(
                submission=claimed, user=handler_user, version=claimed.version, data=data
            )
    assert not Assessment.objects.filter(submission=claimed).exists()


def test_a_draft_may_name_a_subject_who_shares_the_sources_surname(claimed, handler_user):
    SubjectFactory(submission=claimed, name="Dylan Hughes")
    data = {**GRADING, "log_text": "Dylan Hughes (14) was seen on Canal Street."}
    saved = services.assessment_save(
        submission=claimed, user=handler_user, version=claimed.version, data=data
    )
    assert saved.assessment.log_text == data["log_text"]


def test_a_draft_may_be_incomplete(claimed, handler_user):
    saved = services.assessment_save(
        submission=claimed, user=handler_user, version=claimed.version, data={"risk": Risk.LOW}
    )
    assert saved.risk == Risk.LOW
    assert saved.assessment.grading == ""


@pytest.mark.parametrize("outcome", list(OUTCOMES))
def test_each_outcome_closes_the_submission_with_its_details(
    claimed, handler_user, outcome, settings
):
    settings.LOG_APPROVAL_REQUIRED = False
    closed = _record(claimed, handler_user, outcome)
    assert closed.status == Status.CLOSED
    assert closed.outcome == outcome
    assert closed.closed_at is not None
    assessment = Assessment.objects.get(submission=closed)
    assert assessment.recorded_by == handler_user
    for field, value in OUTCOMES[outcome].items():
        assert getattr(assessment, field) == value
    actions = set(
        AuditEvent.objects.filter(submission_reference=closed.reference).values_list(
            "action", flat=True
        )
    )
    assert {Action.OUTCOME_RECORDED, Action.STATUS_CHANGED, Action.ASSESSMENT_SAVED} <= actions


def test_details_typed_for_another_outcome_are_cleared_when_one_is_recorded(claimed, handler_user):
    data = _data(Outcome.NO_ACTION, log_text="A draft log I abandoned", crime_summary="Theft")
    closed = services.outcome_record(
        submission=claimed, user=handler_user, version=claimed.version, data=data
    )
    assessment = Assessment.objects.get(submission=closed)
    assert (assessment.log_text, assessment.crime_summary) == ("", "")
    assert assessment.no_action_rationale


@pytest.mark.parametrize(
    ("outcome", "missing"),
    [
        (Outcome.INTELLIGENCE_LOG, "log_text"),
        (Outcome.CRIME_DESK, "crime_summary"),
        (Outcome.CRIME_DESK, "tasking_note"),
        (Outcome.SAFEGUARDING_REFERRAL, "referral_service"),
        (Outcome.SAFEGUARDING_REFERRAL, "referral_reason"),
        (Outcome.NO_ACTION, "no_action_rationale"),
    ],
)
def test_an_outcome_without_what_it_requires_is_refused(claimed, handler_user, outcome, missing):
    with pytest.raises(ValidationError) as refused:
        _record(claimed, handler_user, outcome, **{missing: "  "})
    assert missing in refused.value.message_dict
    claimed.refresh_from_db()
    assert claimed.status == Status.IN_PROGRESS


@pytest.mark.parametrize(
    "missing",
    [
        "risk",
        "priority",
        "source_evaluation",
        "intelligence_assessment",
        "handling_code",
        "outcome",
    ],
)
def test_recording_needs_risk_priority_grading_and_an_outcome(claimed, handler_user, missing):
    with pytest.raises(ValidationError) as refused:
        _record(claimed, handler_user, Outcome.NO_ACTION, **{missing: ""})
    assert missing in refused.value.message_dict


def test_handling_code_c_needs_its_conditions_even_in_a_draft(claimed, handler_user):
    with pytest.raises(ValidationError) as refused:
        services.assessment_save(
            submission=claimed,
            user=handler_user,
            version=claimed.version,
            data={**GRADING, "handling_code": "C", "handling_conditions": ""},
        )
    assert "handling_conditions" in refused.value.message_dict


def test_the_database_refuses_a_recorded_outcome_without_its_details(claimed):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            submission=claimed,
            source_evaluation="1",
            intelligence_assessment="A",
            handling_code="P",
            outcome=Outcome.CRIME_DESK,
            crime_summary="Burglary",
            recorded_at=timezone.now(),
        )


def test_the_database_refuses_handling_code_c_without_conditions(claimed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(submission=claimed, handling_code="C")


def test_the_database_refuses_a_recorded_outcome_without_grading(claimed):
    from django.utils import timezone

    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(
            submission=claimed,
            outcome=Outcome.NO_ACTION,
            no_action_rationale="Known",
            recorded_at=timezone.now(),
        )


def test_a_stale_version_is_refused_and_nothing_is_saved(claimed, handler_user):
    loaded_version = claimed.version
    services.assessment_save(
        submission=claimed, user=handler_user, version=loaded_version, data={"risk": Risk.LOW}
    )
    with pytest.raises(StaleVersion, match="Someone else changed this submission"):
        services.assessment_save(
            submission=claimed,
            user=handler_user,
            version=loaded_version,
            data={"risk": Risk.HIGH},
        )
    claimed.refresh_from_db()
    assert claimed.risk == Risk.LOW


def test_a_stale_version_cannot_record_an_outcome(claimed, handler_user):
    with pytest.raises(StaleVersion):
        services.outcome_record(
            submission=claimed,
            user=handler_user,
            version=claimed.version - 1,
            data=_data(Outcome.NO_ACTION),
        )
    claimed.refresh_from_db()
    assert claimed.status == Status.IN_PROGRESS


def test_only_the_handler_who_claimed_it_can_assess(claimed, other_handler_user, supervisor_user):
    for user in (other_handler_user, supervisor_user):
        with pytest.raises(services.NotPermitted):
            _record(claimed, user, Outcome.NO_ACTION)


def test_a_new_submission_cannot_be_assessed(handler_user):
    submission = SubmissionFactory()
    with pytest.raises(InvalidTransition):
        _record(submission, handler_user, Outcome.NO_ACTION)


# --- Review --------------------------------------------------------------------------------------
def test_a_log_waits_for_review_when_the_force_requires_approval(
    claimed, handler_user, supervisor_user, settings
):
    settings.LOG_APPROVAL_REQUIRED = True
    waiting = _record(claimed, handler_user, Outcome.INTELLIGENCE_LOG)
    assert waiting.status == Status.AWAITING_REVIEW
    assert waiting.closed_at is None
    approved = services.submission_review_approve(submission=waiting, supervisor=supervisor_user)
    assert approved.status == Status.CLOSED
    assert approved.assessment.reviewed_by == supervisor_user
    assert AuditEvent.objects.filter(action=Action.LOG_APPROVED).count() == 1


def test_high_risk_no_action_waits_for_review(claimed, handler_user):
    waiting = _record(claimed, handler_user, Outcome.NO_ACTION, risk=Risk.HIGH)
    assert waiting.status == Status.AWAITING_REVIEW


def test_a_returned_outcome_goes_back_to_the_handler_with_the_comment(
    claimed, handler_user, supervisor_user
):
    waiting = _record(claimed, handler_user, Outcome.NO_ACTION, risk=Risk.HIGH)
    returned = services.submission_review_return(
        submission=waiting, supervisor=supervisor_user, comment="Refer this to the MASH."
    )
    assert returned.status == Status.IN_PROGRESS
    assert returned.assigned_to == handler_user
    assert returned.outcome == ""
    assert returned.assessment.review_comment == "Refer this to the MASH."
    assert returned.assessment.recorded_at is None
    # The handler can now record a different outcome.
    closed = _record(returned, handler_user, Outcome.SAFEGUARDING_REFERRAL, risk=Risk.HIGH)
    assert closed.status == Status.CLOSED


def test_returning_needs_a_comment(claimed, handler_user, supervisor_user):
    waiting = _record(claimed, handler_user, Outcome.NO_ACTION, risk=Risk.HIGH)
    with pytest.raises(ValidationError):
        services.submission_review_return(
            submission=waiting, supervisor=supervisor_user, comment=" "
        )


def test_a_handler_cannot_review(claimed, handler_user, other_handler_user):
    waiting = _record(claimed, handler_user, Outcome.NO_ACTION, risk=Risk.HIGH)
    with pytest.raises(services.NotPermitted):
        services.submission_review_approve(submission=waiting, supervisor=other_handler_user)


def test_a_supervisor_cannot_approve_their_own_outcome(supervisor_user):
    submission = services.submission_claim(submission=SubmissionFactory(), user=supervisor_user)
    waiting = _record(submission, supervisor_user, Outcome.NO_ACTION, risk=Risk.HIGH)
    with pytest.raises(TriageError, match="another supervisor"):
        services.submission_review_approve(submission=waiting, supervisor=supervisor_user)


def test_an_outcome_that_closed_cannot_be_approved(claimed, handler_user, supervisor_user):
    closed = _record(claimed, handler_user, Outcome.CRIME_DESK)
    with pytest.raises(InvalidTransition):
        services.submission_review_approve(submission=closed, supervisor=supervisor_user)


# --- Source and notes ----------------------------------------------------------------------------
def test_revealing_the_source_records_who_and_why_but_not_the_details(claimed, handler_user):
    source = services.source_reveal(
        submission=claimed, user=handler_user, reason="Need to call back about the dates."
    )
    assert source.name == "Sarah Hughes"
    reveal = claimed.source_reveals.get()
    assert (reveal.revealed_by, reveal.reason) == (
        handler_user,
        "Need to call back about the dates.",
    )
    event = AuditEvent.objects.get(action=Action.SOURCE_REVEALED)
    assert event.details == {"reason": "Need to call back about the dates."}
    assert "Hughes" not in event.canonical_content()


def test_revealing_needs_a_reason_of_ten_characters(claimed, handler_user):
    with pytest.raises(ValidationError):
        services.source_reveal(submission=claimed, user=handler_user, reason="because")
    assert not claimed.source_reveals.exists()


def test_a_reveal_reason_that_names_the_source_is_refused_and_nothing_is_recorded(
    claimed, handler_user
):
    # The reason is kept forever in the audit trail: it must not become a copy of the source.
    with pytest.raises(ValidationError) as refused:
        services.source_reveal(
            submission=claimed, user=handler_user, reason="Ring Mrs Hughes back after school"
        )
    assert "source's name" in str(refused.value)
    assert not claimed.source_reveals.exists()
    assert not AuditEvent.objects.filter(action=Action.SOURCE_REVEALED).exists()


@pytest.mark.parametrize(
    "reason",
    [
        "Ring Sarah back to check the dates",  # a first name alone: the sanitiser keeps those
        "need to speak to sarah about the timeline",
        "Follow up with Ms HUGHES on the address",
        "call sarahs mobile after 3pm",
    ],
)
def test_any_part_of_the_sources_name_in_a_reveal_reason_is_refused(claimed, handler_user, reason):
    with pytest.raises(ValidationError):
        services.source_reveal(submission=claimed, user=handler_user, reason=reason)
    assert not AuditEvent.objects.filter(action=Action.SOURCE_REVEALED).exists()


def test_a_reason_with_a_word_that_merely_contains_the_name_is_accepted(claimed, handler_user):
    services.source_reveal(
        submission=claimed, user=handler_user, reason="Checking the Hughesfield Road address"
    )
    assert claimed.source_reveals.count() == 1


FULL_WIDTH_SARAH = "".join(chr(ord(c) + 0xFEE0) for c in "Sarah")


@pytest.mark.parametrize(
    ("reason", "kind"),
    [
        (f"Ring {FULL_WIDTH_SARAH} back to check the dates", "the source's name"),
        ("Ring S a r a h back to check the dates", "the source's name"),
        ("Ring H-u-g-h-e-s back to check the dates", "the source's name"),
        ("Ring 0117 496 0123 to check the dates", "the source's phone number"),
        ("Email s.hughes@kwa.example.sch.uk for the dates", "the source's email address"),
        ("Ring Sarah on 0117 496 0123", "the source's name or phone number"),
    ],
)
def test_a_reveal_reason_says_which_kind_of_source_detail_it_holds_never_the_value(
    claimed, handler_user, reason, kind
):
    with pytest.raises(ValidationError) as refused:
        services.source_reveal(submission=claimed, user=handler_user, reason=reason)
    message = refused.value.message_dict["reason"][0]
    assert message == f"Do not include {kind} in the reason"
    assert not claimed.source_reveals.exists()


def test_a_reason_naming_the_sources_role_and_a_subject_is_accepted(claimed, handler_user):
    reason = "Need to call the DSL to ask whether Dylan is attending school"
    services.source_reveal(submission=claimed, user=handler_user, reason=reason)
    assert claimed.source_reveals.get().reason == reason


def test_a_reason_with_a_subjects_name_that_shares_the_sources_surname_is_accepted(
    claimed, handler_user
):
    SubjectFactory(submission=claimed, name="Dylan Hughes")
    services.source_reveal(
        submission=claimed, user=handler_user, reason="Check whether Dylan Hughes is in school"
    )
    assert claimed.source_reveals.count() == 1


def test_a_handler_who_has_not_claimed_it_cannot_reveal_the_source(claimed, other_handler_user):
    with pytest.raises(services.NotPermitted):
        services.source_reveal(
            submission=claimed, user=other_handler_user, reason="Just curious about this one"
        )


def test_a_supervisor_can_reveal_the_source(claimed, supervisor_user):
    source = services.source_reveal(
        submission=claimed, user=supervisor_user, reason="Reviewing the handling of this case"
    )
    assert source.email


def test_any_handler_can_add_a_note_and_it_is_audited_without_its_text(claimed, other_handler_user):
    note = services.note_add(
        submission=claimed, user=other_handler_user, text="I know this family from 2023."
    )
    assert note.author == other_handler_user
    event = AuditEvent.objects.get(action=Action.NOTE_ADDED)
    assert "family" not in event.canonical_content()


def test_an_empty_note_is_refused(claimed, handler_user):
    with pytest.raises(ValidationError):
        services.note_add(submission=claimed, user=handler_user, text="   ")
