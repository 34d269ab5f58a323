"""In the browser: the optional sector question on "About you" reaches the submission."""

import os

import pytest

from submissions.models import PartnerSector, Submission
from tests.submissions.test_browser_journey import (
    _answer_no,
    _continue,
    _fill_subject,
    _pass_eligibility,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("SCREENSHOT_DIR", "")


def test_a_professional_may_say_which_sector_they_work_in(page, axe):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    _pass_eligibility(page)
    page.get_by_label("Criminal exploitation").check()
    _continue(page)
    _fill_subject(page)
    _continue(page)
    for _ in range(4):  # no more people at risk, persons of concern, places or vehicles
        _answer_no(page)
    page.fill("#id_when_description", "Most Friday evenings")
    _continue(page)
    page.fill("#id_information", "Picked up after school by older men.")
    _continue(page)
    page.get_by_label("I saw or heard it directly").check()
    _continue(page)
    page.get_by_label("UK GDPR Article 6(1)(e): public task").check()
    page.get_by_label("No special category data is included").check()
    page.get_by_label("Not sure").check()
    _continue(page)

    page.fill("#id_name", "Sam Carter")
    page.fill("#id_role", "Youth worker")
    page.fill("#id_organisation", "Northside Youth Club")
    page.fill("#id_email", "sam@northside.example")
    page.get_by_label("Voluntary or community").check()
    axe(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, "about_you.png"), full_page=True)
    _continue(page)
    assert "Voluntary or community" in page.content()  # check your answers
    page.click("#send")
    page.wait_for_load_state()
    submission = Submission.objects.get(reference=page.inner_text("#reference"))
    assert submission.partner_sector == PartnerSector.VOLUNTARY
