"""In the browser: a supervisor finds who revealed a source, and every audit page passes axe."""

import pytest

from tests.factories import SubmissionFactory, intelligence_log_record
from triage import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_finds_who_revealed_the_source_of_a_submission(
    page, staff_sign_in, axe, handler_user, other_handler_user, supervisor_user
):
    submission = SubmissionFactory()
    decoy = SubmissionFactory()
    services.submission_claim(submission=submission, user=handler_user)
    services.source_reveal(
        submission=submission, user=handler_user, reason="Need to arrange a call back today"
    )
    services.submission_claim(submission=decoy, user=other_handler_user)
    services.source_reveal(
        submission=decoy, user=other_handler_user, reason="Checking the school's contact hours"
    )

    staff_sign_in(page, supervisor_user)
    page.get_by_role("link", name="Supervision").click()
    page.get_by_role("heading", name="Supervision dashboard").wait_for()
    axe(page)

    page.get_by_role("navigation", name="Supervision").get_by_role(
        "link", name="Audit trail"
    ).click()
    page.get_by_label("Submission reference").fill(submission.reference.lower())
    page.get_by_label("What").select_option(label="Source details revealed")
    page.get_by_role("button", name="Show entries").click()
    axe(page)

    rows = page.locator("table.cpi-audit-table tbody tr")
    assert rows.count() == 1
    row = rows.first
    assert "hannah.handler" in row.inner_text()
    assert "Need to arrange a call back today" in row.inner_text()
    assert "harry.handler" not in page.locator("table.cpi-audit-table").inner_text()

    # From the entry to the submission's whole life, and to the person's own page.
    row.get_by_role("link", name="hannah.handler").click()
    page.get_by_role("heading", name="hannah.handler").wait_for()
    axe(page)
    page.go_back()
    page.goto(f"/staff/audit/submissions/{submission.reference}/")
    timeline = page.locator("table.cpi-audit-table").inner_text()
    assert "Source details revealed" in timeline
    assert "Submission claimed" in timeline
    axe(page)


def test_the_approval_pages_pass_axe(
    page, staff_sign_in, axe, settings, handler_user, supervisor_user
):
    settings.LOG_APPROVAL_REQUIRED = True
    submission = intelligence_log_record(
        submission=SubmissionFactory(),
        user=handler_user,
        log_text="A 14 year old girl gets into a black Ford Focus on Friday evenings.",
    )
    staff_sign_in(page, supervisor_user)
    page.goto("/staff/audit/approvals/")
    axe(page)
    page.get_by_role("link", name=submission.reference).click()
    page.get_by_role("heading", name="The sanitised log").wait_for()
    axe(page)
    page.get_by_role("button", name="Save decision").click()  # no decision: the error summary
    page.locator(".govuk-error-summary").wait_for()
    axe(page)
    page.get_by_label("Approve the log").check()
    page.get_by_role("button", name="Save decision").click()
    page.get_by_text("approved").first.wait_for()
    assert "No logs are waiting for approval." in page.content()
