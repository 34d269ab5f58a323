"""The status machine, tested directly: each allowed move, each refused one, when review is due."""

import itertools

import pytest

from submissions.models import Outcome, Risk, Status
from triage.state import (
    TRANSITIONS,
    InvalidTransition,
    review_required,
    status_after_outcome,
    transition_check,
)

ALLOWED = {
    (Status.NEW, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Status.IN_PROGRESS),
    (Status.IN_PROGRESS, Status.NEW),
    (Status.IN_PROGRESS, Status.CLOSED),
    (Status.IN_PROGRESS, Status.AWAITING_REVIEW),
    (Status.AWAITING_REVIEW, Status.CLOSED),
    (Status.AWAITING_REVIEW, Status.IN_PROGRESS),
}


def test_the_machine_allows_exactly_the_documented_moves():
    assert set(TRANSITIONS) == ALLOWED


@pytest.mark.parametrize(("current", "target"), sorted(ALLOWED))
def test_an_allowed_move_names_its_action(current, target):
    assert transition_check(current, target)


@pytest.mark.parametrize(
    ("current", "target"),
    [pair for pair in itertools.product(Status.values, repeat=2) if pair not in ALLOWED],
)
def test_every_other_move_is_refused_with_a_message(current, target):
    with pytest.raises(InvalidTransition) as refused:
        transition_check(current, target)
    assert "You cannot move this submission from" in refused.value.message


def test_a_new_submission_cannot_be_closed_without_being_claimed():
    with pytest.raises(InvalidTransition, match="claim it first"):
        transition_check(Status.NEW, Status.CLOSED)


def test_a_closed_submission_cannot_be_reopened():
    with pytest.raises(InvalidTransition, match="It is closed"):
        transition_check(Status.CLOSED, Status.IN_PROGRESS)


def test_an_intelligence_log_needs_review_only_when_the_force_requires_approval(settings):
    settings.LOG_APPROVAL_REQUIRED = False
    assert not review_required(outcome=Outcome.INTELLIGENCE_LOG, risk=Risk.HIGH)
    settings.LOG_APPROVAL_REQUIRED = True
    assert review_required(outcome=Outcome.INTELLIGENCE_LOG, risk=Risk.LOW)
    assert status_after_outcome(outcome=Outcome.INTELLIGENCE_LOG, risk=Risk.LOW) == (
        Status.AWAITING_REVIEW
    )


@pytest.mark.parametrize(("risk", "needs_review"), [(Risk.HIGH, True), (Risk.MEDIUM, False)])
def test_no_action_on_a_high_risk_submission_needs_a_supervisor(settings, risk, needs_review):
    settings.LOG_APPROVAL_REQUIRED = False
    assert review_required(outcome=Outcome.NO_ACTION, risk=risk) is needs_review


@pytest.mark.parametrize("outcome", [Outcome.CRIME_DESK, Outcome.SAFEGUARDING_REFERRAL])
def test_crime_desk_and_referrals_close_straight_away(settings, outcome):
    settings.LOG_APPROVAL_REQUIRED = True
    assert status_after_outcome(outcome=outcome, risk=Risk.HIGH) == Status.CLOSED
