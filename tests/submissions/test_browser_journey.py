"""The public journey in Chromium, as a professional goes through it, and axe on every page."""

import pytest
from django.db import connection

from submissions.models import Source, Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _continue(page):
    page.click("#continue")
    page.wait_for_load_state()


def _answer_no(page):
    page.get_by_label("No", exact=True).check()
    _continue(page)


def _pass_eligibility(page, axe=None):
    for _ in range(4):
        if axe:
            axe(page)
        _answer_no(page)


def _fill_subject(page):
    page.fill("#id_name", "Jade <b>Kemp</b>")
    page.fill("#id_date_of_birth_0", "14")
    page.fill("#id_date_of_birth_1", "2")
    page.fill("#id_date_of_birth_2", "2011")
    page.fill("#id_setting", "Kingsweston Academy")


def test_a_professional_shares_information_and_gets_a_reference(page):
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    _pass_eligibility(page)

    # One validation error on the way: no category chosen.
    _continue(page)
    assert page.locator(".govuk-error-summary").get_by_text("Select at least one category").count()
    page.get_by_label("Criminal exploitation").check()
    _continue(page)

    _fill_subject(page)
    _continue(page)
    assert "You have added 1 person at risk" in page.content()
    _answer_no(page)
    _answer_no(page)  # persons of concern
    page.get_by_label("Yes", exact=True).check()  # places
    _continue(page)
    page.fill("#id_name", "Underpass by the canal")
    _continue(page)
    _answer_no(page)
    page.get_by_label("Yes", exact=True).check()  # vehicles
    _continue(page)
    page.fill("#id_registration", "ab12 cde")
    page.fill("#id_make", "Ford")
    _continue(page)
    _answer_no(page)
    page.fill("#id_when_description", "Most Friday evenings")
    _continue(page)
    page.fill("#id_information", "Picked up after school by older men. <script>alert(1)</script>")
    _continue(page)
    page.get_by_label("The person at risk told me").check()
    _continue(page)
    page.get_by_label("UK GDPR Article 6(1)(e): public task").check()
    page.get_by_label("No special category data is included").check()
    page.get_by_label("Not sure").check()
    _continue(page)
    page.fill("#id_name", "Bethany Quennell")
    page.fill("#id_role", "Head of Year 9")
    page.fill("#id_organisation", "Larkfield Academy")
    page.fill("#id_email", "b.quennell@larkfield.example")
    page.fill("#id_phone", "0117 496 0123")
    _continue(page)

    assert page.title().startswith("Check your answers")
    assert "AB12CDE" in page.content()
    # One change from the check page: the organisation, then straight back to check.
    page.get_by_role("link", name="Change your organisation").click()
    assert page.input_value("#id_organisation") == "Larkfield Academy"
    page.fill("#id_organisation", "Larkfield Community Academy")
    _continue(page)
    assert page.title().startswith("Check your answers")
    assert "Larkfield Community Academy" in page.content()

    page.click("#send")
    page.wait_for_load_state()
    reference = page.inner_text("#reference")
    assert "Larkfield" not in page.content()

    submission = Submission.objects.get(reference=reference)
    assert submission.vehicles.get().registration == "AB12CDE"
    assert submission.subjects.get().name == "Jade <b>Kemp</b>"
    assert Source.objects.get(submission=submission).organisation == "Larkfield Community Academy"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, role, organisation, email, phone FROM submissions_source"
            " WHERE submission_id = %s",
            [connection.ops.adapt_unknown_value(submission.pk)]
            if connection.vendor == "postgresql"
            else [submission.pk.hex],
        )
        raw = repr(cursor.fetchall())
    for plaintext in ("Bethany", "Quennell", "Larkfield", "larkfield.example", "4960123"):
        assert plaintext not in raw

    # The back button after submitting shows nothing of what was shared.
    page.go_back()
    page.goto("/form/check-your-answers/")
    assert "Larkfield" not in page.content()
    assert "Bethany" not in page.content()


def test_every_public_page_passes_axe(page, axe):
    page.goto("/")
    axe(page)
    for stop in ("999", "report-a-crime", "101", "safeguarding"):
        page.goto(f"/stop/{stop}/")
        axe(page)
    page.goto("/eligibility/immediate-danger/")
    _continue(page)  # the error state of a question page
    axe(page)
    _pass_eligibility(page, axe)

    _continue(page)  # categories, with its error
    axe(page)
    page.get_by_label("Modern slavery").check()
    _continue(page)
    _continue(page)  # the subject page, with its errors
    axe(page)
    _fill_subject(page)
    _continue(page)
    axe(page)  # the list of people at risk
    page.get_by_role("link", name="Remove Jade <b>Kemp</b>").click()
    axe(page)
    page.go_back()
    _answer_no(page)
    for _ in range(3):  # persons, places and vehicles: the "any?" question and the add page
        axe(page)
        page.get_by_label("Yes", exact=True).check()
        _continue(page)
        axe(page)
        page.go_back()
        page.get_by_label("No", exact=True).check()
        _continue(page)
    axe(page)  # when
    page.fill("#id_when_description", "Most Friday evenings")
    _continue(page)
    axe(page)  # information
    page.fill("#id_information", "Seen with older men.")
    _continue(page)
    axe(page)  # how you know
    page.get_by_label("I saw or heard it directly").check()
    _continue(page)
    axe(page)  # lawful basis
    page.get_by_label("UK GDPR Article 6(1)(e): public task").check()
    page.get_by_label("No special category data is included").check()
    page.get_by_label("Yes", exact=True).check()
    _continue(page)
    _continue(page)  # about you, with its errors
    axe(page)
    page.fill("#id_name", "Sam Carter")
    page.fill("#id_role", "Youth worker")
    page.fill("#id_organisation", "Northside Youth Club")
    page.fill("#id_email", "sam@northside.example")
    _continue(page)
    axe(page)  # check your answers
    page.click("#send")
    page.wait_for_load_state()
    axe(page)  # confirmation
    page.goto("/no-such-page/")
    axe(page)
