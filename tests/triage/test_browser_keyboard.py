"""A handler signs in, takes the next submission and records an outcome with the keyboard alone.

Tab moves focus, arrow keys choose radios, Enter presses buttons and links. An error puts focus on
the error summary, as on GOV.UK pages.
"""

import re

import pytest

from submissions.models import Outcome, Status
from tests.accounts.otp import totp_code, totp_device_for
from tests.conftest import STAFF_PASSWORD
from tests.factories import SubmissionFactory
from tests.keyboard import (
    assert_error_summary_focused,
    choose,
    press,
    tab_to_field,
    type_into,
)
from triage.models import Assessment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _sign_in(page, user) -> None:
    page.goto("/accounts/sign-in/")
    type_into(page, "id_username", user.username)
    type_into(page, "id_password", STAFF_PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form's own submit, from its last box
    type_into(page, "id_otp_token", totp_code(totp_device_for(user)))
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_handler_assesses_a_submission_with_the_keyboard_alone(page, handler_user, axe):
    submission = SubmissionFactory(priority=2)
    _sign_in(page, handler_user)
    page.goto("/staff/")
    press(page, "Take next")
    assert page.locator("h1").inner_text() == submission.reference
    press(page, "Assess and record outcome")
    assert re.search(r"/assessment/$", page.url)

    # Record with nothing chosen: the error summary has focus.
    press(page, "Record outcome")
    assert_error_summary_focused(page)
    axe(page)

    choose(page, "risk", "Low")
    choose(page, "priority", "P3")
    choose(page, "source_evaluation", "2: Untested")
    choose(page, "intelligence_assessment", "C: Known indirectly")
    choose(page, "handling_code", "P: Lawful sharing permitted")
    choose(page, "outcome", Outcome.NO_ACTION.label)
    tab_to_field(page, "id_no_action_rationale")
    page.keyboard.type("Already known and managed by the MASH.")
    press(page, "Record outcome")

    assert page.locator("#status").inner_text() == "Closed"
    submission.refresh_from_db()
    assert (submission.status, submission.outcome) == (Status.CLOSED, Outcome.NO_ACTION)
    assert (submission.risk, submission.priority) == ("low", 3)
    assert Assessment.objects.get(submission=submission).grading == "2C P"
