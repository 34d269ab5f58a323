"""In the browser: the queue's target clocks, and a handler re-contacting a revealed source."""

import os
from datetime import timedelta

import pytest
from django.db.models import F

from submissions.models import Submission
from tests.factories import SubmissionFactory
from triage import services
from triage.models import Recontact

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_queue_shows_each_target_state_in_words(page, staff_sign_in, axe, handler_user):
    overdue = SubmissionFactory(priority=1)
    Submission.objects.filter(pk=overdue.pk).update(due_at=F("due_at") - timedelta(hours=5))
    SubmissionFactory(priority=3)
    staff_sign_in(page, handler_user)
    page.goto("/staff/")
    row = page.locator(f"tr[data-reference='{overdue.reference}']")
    assert "Overdue" in row.inner_text()
    axe(page)
    _shot(page, "queue")
    page.get_by_text("Filter and search").click()
    page.get_by_label("Target").select_option(label="Overdue")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_load_state()
    rows = page.locator("table.cpi-queue tbody tr")
    assert rows.count() == 1 and overdue.reference in rows.first.inner_text()


def test_a_handler_records_a_recontact_and_emails_the_source(
    page, staff_sign_in, axe, handler_user, supervisor_user
):
    services.source_email_template_save(
        user=supervisor_user,
        subject="Your CPI form {reference}",
        body="Please call the unit on {unit_phone} and quote {reference}.",
        unit_phone="0117 496 0999",
    )
    submission = services.submission_claim(submission=SubmissionFactory(), user=handler_user)
    staff_sign_in(page, handler_user)
    page.goto(f"/staff/submissions/{submission.reference}/")
    assert "Reveal the source's details to record a re-contact" in page.content()
    page.get_by_role("link", name="Reveal source details").click()
    page.get_by_label("Why do you need to see the source's details?").fill(
        "To ask when the car was last seen."
    )
    page.get_by_role("button", name="Reveal source details").click()
    page.locator("#source-details").wait_for()

    page.get_by_role("link", name="Record a re-contact").click()
    page.get_by_role("heading", name="Record a re-contact").wait_for()
    axe(page)
    page.get_by_role("button", name="Record the re-contact").click()  # nothing filled in
    page.locator(".govuk-error-summary").wait_for()
    axe(page)
    _shot(page, "recontact_errors")
    page.get_by_label("Why did you contact the source?").fill("To ask when the car was last seen.")
    page.get_by_label("Phone").check()
    page.get_by_label("What came of it?").fill("Seen again on Monday evening, same place.")
    page.get_by_role("button", name="Record the re-contact").click()
    page.get_by_text("Re-contact recorded.").wait_for()
    listed = page.locator("#recontact-list").inner_text()
    assert "Seen again on Monday evening" in listed and "hannah.handler" in listed

    page.get_by_role("link", name="Email the source").click()
    page.get_by_role("heading", name="Email the source").wait_for()
    preview = page.locator("#email-preview").inner_text()
    assert f"Please call the unit on 0117 496 0999 and quote {submission.reference}." in preview
    axe(page)
    _shot(page, "source_email")
    page.get_by_label("Why are you emailing the source?").fill("They asked to be called back.")
    page.get_by_role("button", name="Send the email").click()
    page.get_by_text("The email to the source is on its way.").wait_for()
    axe(page)
    _shot(page, "detail_recontacts")
    assert Recontact.objects.filter(submission=submission).count() == 2
    assert "(the service's email)" in page.locator("#recontact-list").inner_text()
