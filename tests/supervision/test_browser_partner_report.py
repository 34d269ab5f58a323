"""In the browser: a supervisor produces the monthly partner report and writes the source email."""

import os
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from audit.models import Action, AuditEvent
from submissions.models import Category, Outcome, PartnerSector, Status, Submission
from supervision.partner_report import last_complete_month
from tests.factories import SubmissionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
# Where a developer may ask for screenshots of the pages (SCREENSHOT_DIR=/tmp/shots).
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def _last_month_submissions() -> None:
    month = last_complete_month(timezone.localdate())
    received = timezone.make_aware(datetime.combine(month, datetime.min.time())) + timedelta(days=3)
    for n in range(8):
        submission = SubmissionFactory(
            partner_sector=PartnerSector.EDUCATION if n < 6 else PartnerSector.HOUSING,
            categories=[Category.CRIMINAL_EXPLOITATION],
            status=Status.CLOSED,
            outcome=Outcome.SAFEGUARDING_REFERRAL if n < 5 else Outcome.NO_ACTION,
        )
        Submission.objects.filter(pk=submission.pk).update(
            created_at=received, closed_at=received + timedelta(days=2)
        )


def test_a_supervisor_produces_the_partner_report_and_downloads_it(
    page, staff_sign_in, axe, supervisor_user
):
    _last_month_submissions()
    staff_sign_in(page, supervisor_user)
    page.get_by_role("link", name="Supervision").click()
    page.get_by_role("heading", name="Supervision dashboard").wait_for()
    _shot(page, "dashboard")
    page.get_by_role("navigation", name="Supervision").get_by_role(
        "link", name="Partner report"
    ).click()
    page.get_by_role("heading", name="Monthly partner report").wait_for()
    month = last_complete_month(timezone.localdate())
    page.get_by_label("Month").select_option(month.strftime("%Y-%m"))
    page.get_by_role("button", name="Show this month").click()
    page.get_by_text(month.strftime("%B %Y")).first.wait_for()
    axe(page)
    _shot(page, "partner_report")

    sectors = page.locator("#report-sector").inner_text()
    assert "Education\t6" in sectors
    assert "Housing\t<5" in sectors
    # The 2 is one of seven "<5" cells that share the 2 left of the total: none can be worked out.
    assert "Submissions received\t8" in sectors

    with page.expect_download() as download:
        page.get_by_role("link", name=f"Download {month.strftime('%B %Y')} as CSV").click()
    with open(download.value.path(), encoding="utf-8") as downloaded:
        text = downloaded.read()
    assert "Housing,<5" in text
    assert "CPI-" not in text
    formats = sorted(
        e.details["format"]
        for e in AuditEvent.objects.filter(action=Action.PARTNER_REPORT_PRODUCED)
    )
    assert formats[-1] == "page" and "csv" in formats


def test_a_supervisor_writes_the_source_email(page, staff_sign_in, axe, supervisor_user):
    staff_sign_in(page, supervisor_user)
    page.goto("/staff/audit/source-email/")
    page.get_by_role("heading", name="Source email").wait_for()
    axe(page)
    page.get_by_label("Body").fill("Please call {unit_phone}. {information}")
    page.get_by_label("The unit's phone number").fill("0117 496 0999")
    page.get_by_role("button", name="Save the email").click()
    page.locator(".govuk-error-summary").wait_for()
    axe(page)
    _shot(page, "source_email_template_error")
    page.get_by_label("Body").fill("Please call the unit on {unit_phone} and quote {reference}.")
    page.get_by_role("button", name="Save the email").click()
    page.get_by_text("The source email is saved.").wait_for()
    axe(page)
    _shot(page, "source_email_template")
