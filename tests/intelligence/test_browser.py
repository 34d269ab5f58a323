"""In the browser: a handler records a log, sees the removals, exports it and downloads the CSV."""

import pytest

from tests.intelligence.conftest import assert_no_source_identifier
from triage import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_handler_records_a_log_exports_it_and_the_csv_holds_no_source_identifier(
    page, staff_sign_in, axe, handler_user, cpi_submission, export_dir
):
    submission = services.submission_claim(submission=cpi_submission, user=handler_user)
    staff_sign_in(page, handler_user)

    page.goto(f"/staff/submissions/{submission.reference}/assessment/")
    removed = page.locator("#log-preview-removed mark.cpi-removed")
    assert removed.count() >= 3
    # Before any reveal the source's own details show as what they were, never the value.
    struck = " ".join(removed.all_inner_texts())
    assert "[source name]" in struck and "Hughes" not in struck
    # "in my Year 9 class" says where the source works: struck out, or flagged for rewording.
    flagged = page.locator("#log-preview-proposed mark.cpi-flagged").count()
    assert flagged >= 1 or "my Year 9" in struck
    axe(page, "#log-preview")

    page.get_by_label("Medium", exact=True).check()
    page.get_by_label("P2", exact=True).check()
    page.get_by_label("2: Untested").check()
    page.get_by_label("B: Known indirectly but corroborated").check()
    page.get_by_label("P: Lawful sharing permitted", exact=True).check()
    page.get_by_label("Sanitised intelligence log").check()
    log_text = page.get_by_label("Sanitised log text")
    proposed = log_text.input_value()
    assert "Jade Smith" in proposed
    assert_no_source_identifier(proposed)
    # The handler rewords the flagged provenance into the third person.
    log_text.fill(proposed.replace("is in my Year 9 class at", "attends"))
    page.get_by_role("button", name="Record outcome").click()
    page.get_by_text("Outcome recorded").wait_for()

    page.goto("/staff/intelligence/exports/new/")
    axe(page)
    page.get_by_label("CSV (spreadsheet)").check()
    page.get_by_label("Why are you sharing these logs?").fill("Briefing for the neighbourhood team")
    page.get_by_label("Who will receive them?").fill("Sergeant Patel, Central Neighbourhood")
    page.get_by_role("button", name="Request export").click()
    page.get_by_text("Ready to download").wait_for()
    axe(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the CSV file").click()
    content = download_info.value.path().read_text(encoding="utf-8")
    assert download_info.value.suggested_filename.startswith("OFFICIAL-SENSITIVE-")
    assert content.startswith("marking,reference,")
    assert "\nOFFICIAL-SENSITIVE,END OF EXPORT," in content
    assert "COMPLETE: all 1 matching records exported" in content
    assert "Jade Smith" in content and "AB12 CDE" in content
    assert_no_source_identifier(content)
