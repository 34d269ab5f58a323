"""A handler works the queue in Chromium: sign in, take next, reveal, grade, record each outcome.

axe-core checks every staff page on the way (sign-in, queue, detail, reveal, assessment) and the
assessment page with its errors showing.
"""

import re
from datetime import timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from submissions.models import Outcome, Status, Submission
from tests.factories import SubmissionFactory
from triage.models import Assessment, SourceReveal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# What the handler types for each outcome, in the order the queue hands the submissions out.
OUTCOME_STEPS = [
    (
        Outcome.INTELLIGENCE_LOG,
        {"#id_log_text": "A male known as D-Money is seen with a 14 year old girl most Fridays."},
    ),
    (
        Outcome.CRIME_DESK,
        {
            "#id_crime_summary": "Possession with intent to supply class A drugs.",
            "#id_tasking_note": "Patrol the canal underpass on Friday evenings.",
        },
    ),
    (
        Outcome.SAFEGUARDING_REFERRAL,
        {"#id_referral_reason": "A child is going missing from home overnight."},
    ),
    (Outcome.NO_ACTION, {"#id_no_action_rationale": "Already known and managed by the MASH."}),
]


def _queue_of_four() -> list[Submission]:
    made = []
    for minutes in (40, 30, 20, 10):
        submission = SubmissionFactory(priority=2)
        Submission.objects.filter(pk=submission.pk).update(
            created_at=timezone.now() - timedelta(minutes=minutes),
            due_at=F("due_at") - timedelta(minutes=minutes),
        )
        made.append(submission)
    return made


def _grade(page) -> None:
    page.get_by_label("Medium", exact=True).check()
    page.get_by_label("P2", exact=True).check()
    page.get_by_label("2: Untested").check()
    page.get_by_label("B: Known indirectly but corroborated").check()
    page.get_by_label("P: Lawful sharing permitted", exact=True).check()


def test_a_handler_works_four_submissions_to_four_outcomes(
    page, handler_user, staff_sign_in, axe, settings
):
    settings.LOG_APPROVAL_REQUIRED = False
    made = _queue_of_four()

    page.goto("/accounts/sign-in/")
    axe(page)
    staff_sign_in(page, handler_user)
    page.goto("/staff/")
    assert page.locator("h1").inner_text() == "Queue"
    axe(page)

    for index, (outcome, fields) in enumerate(OUTCOME_STEPS):
        if index:
            page.click("header >> text=Queue")
        page.click("#take-next")
        page.wait_for_url(re.compile(r"/staff/submissions/CPI-"))
        reference = made[index].reference
        assert page.locator("h1").inner_text() == reference
        assert page.locator("#source-hidden").is_visible()
        if index == 0:
            axe(page)

        page.click("text=Reveal source details")
        page.wait_for_url(re.compile(r"/reveal/$"))
        if index == 0:
            axe(page)
            # Too short a reason: the error is shown, and still nothing of the source.
            page.fill("#id_reason", "need it")
            page.click("main button[type=submit]")
            assert page.locator(".govuk-error-summary").is_visible()
            axe(page)
        page.fill("#id_reason", "Checking when it is safe to call the source back.")
        page.click("main button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("#source-details").is_visible()
        assert "Sarah Hughes" in page.locator("#source-details").inner_text()
        if index == 0:
            axe(page)

        page.click("text=Assess and record outcome")
        page.wait_for_url(re.compile(r"/assessment/$"))
        if index == 0:
            axe(page)
            page.click("button[value=record]")
            assert page.locator(".govuk-error-summary").is_visible()
            axe(page)
        _grade(page)
        page.get_by_label(outcome.label, exact=True).check()
        if outcome == Outcome.SAFEGUARDING_REFERRAL:
            page.select_option("#id_referral_service", "childrens_social_care")
        for selector, text in fields.items():
            page.fill(selector, text)
        page.click("button[value=record]")
        page.wait_for_url(re.compile(rf"/staff/submissions/{reference}/$"))
        assert page.locator("#status").inner_text() == "Closed"
        assert page.locator("#outcome").inner_text() == outcome.label

    for submission, (outcome, _) in zip(made, OUTCOME_STEPS, strict=True):
        submission.refresh_from_db()
        assert (submission.status, submission.outcome) == (Status.CLOSED, outcome)
        assert Assessment.objects.get(submission=submission).grading == "2B P"
    assert SourceReveal.objects.filter(revealed_by=handler_user).count() == 4


def test_an_empty_queue_and_a_supervisors_view_pass_axe(
    page, supervisor_user, handler_user, staff_sign_in, axe
):
    SubmissionFactory(status=Status.IN_PROGRESS, assigned_to=handler_user)
    staff_sign_in(page, supervisor_user)
    page.goto("/staff/?status=new")
    assert "No submissions match." in page.content()
    axe(page)
    page.goto("/staff/?clear=1")  # the queue remembers the last filters until they are cleared
    page.click("table.cpi-queue a.govuk-link")
    page.wait_for_url(re.compile(r"/staff/submissions/CPI-"))
    axe(page)
