"""A handler confirms the identifiers the sanitiser was unsure of, in Chromium, and the decision
is in the audit trail (issue 11, item 2)."""

import re

import pytest

from audit.models import Action, AuditEvent
from intelligence.models import IntelligenceLog
from submissions.models import Status
from tests.factories import (
    PersonOfConcernFactory,
    SourceFactory,
    SubjectFactory,
    SubmissionFactory,
    VehicleFactory,
)
from tests.triage.test_browser import _grade

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INFORMATION = (
    "Jade Smith (14) was collected from the park by a man in a silver Audi. "
    "My colleague Tomasz Wren saw it too. "
    "The car also picked up Mia Hart from outside the shops."
)


def test_a_handler_keeps_one_unknown_and_the_decision_is_in_the_audit_trail(
    page, handler_user, supervisor_user, staff_sign_in, axe, settings
):
    settings.LOG_APPROVAL_REQUIRED = False
    submission = SubmissionFactory(
        information=INFORMATION,
        status=Status.IN_PROGRESS,
        assigned_to=handler_user,
        with_people=False,
    )
    SubjectFactory(submission=submission, name="Jade Smith")
    SourceFactory(submission=submission)

    staff_sign_in(page, handler_user)
    page.goto(f"/staff/submissions/{submission.reference}/assessment/")
    table = page.locator("#unknowns-table")
    assert table.is_visible()
    axe(page)
    rows = table.locator("tbody tr")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    # The colleague is the source's (the text ties them to the writer): removed without asking,
    # and shown by kind only, before any reveal.
    assert not any("Tomasz" in t for t in texts)
    assert "Tomasz" not in page.locator("#log-preview").inner_text()
    assert "[source colleague]" in page.locator("#log-preview-removed").inner_text()
    # Nobody entered Mia: the machine suggests removing her.
    other_child = next(i for i, t in enumerate(texts) if "Mia Hart" in t)
    assert rows.nth(other_child).locator("input[value=remove]").is_checked()
    prefilled = page.input_value("#id_log_text")
    assert "Tomasz" not in prefilled and "Mia Hart" not in prefilled
    assert "Jade Smith" in prefilled  # entered as a subject: kept without asking

    # Mia is another child at risk: the handler keeps her, and applies the choice.
    rows.nth(other_child).locator("input[value=keep]").check()
    page.click("#apply-decisions")
    page.wait_for_load_state()
    assert "Mia Hart" in page.input_value("#id_log_text")
    assert "Tomasz" not in page.input_value("#id_log_text")
    page.screenshot(path="var/screenshots/assessment-unknowns.png", full_page=True)

    _grade(page)
    page.get_by_label("Sanitised intelligence log", exact=True).check()
    page.click("button[value=record]")
    page.wait_for_url(re.compile(rf"/staff/submissions/{submission.reference}/$"))

    log = IntelligenceLog.objects.get(submission=submission)
    assert "Mia Hart" in log.text and "Tomasz" not in log.text
    assert "Mia Hart" in log.kept_phrases
    event = AuditEvent.objects.get(
        action=Action.IDENTIFIERS_DECIDED, submission_reference=submission.reference
    )
    assert event.details["kept"] >= 1
    assert event.details["changed from the suggestion"] == 1
    assert "Mia" not in str(event.details) and "Tomasz" not in str(event.details)

    # The supervisor reads the decision in the trail, by kind and place, never by value.
    page.click("header button:has-text('Sign out')")
    staff_sign_in(page, supervisor_user)
    page.goto(f"/staff/audit/submissions/{submission.reference}/")
    body = page.locator("main").inner_text()
    assert "Uncertain identifiers kept or removed" in body
    assert "suggested remove, keep" in body
    assert "Mia Hart" not in body.split("Uncertain identifiers")[1][:400]
    axe(page)


def test_what_only_the_log_needs_goes_once_another_outcome_is_chosen(
    page, handler_user, staff_sign_in
):
    submission = SubmissionFactory(
        information=INFORMATION,
        status=Status.IN_PROGRESS,
        assigned_to=handler_user,
        with_people=False,
    )
    SubjectFactory(submission=submission, name="Jade Smith")
    SourceFactory(submission=submission)

    staff_sign_in(page, handler_user)
    page.goto(f"/staff/submissions/{submission.reference}/assessment/")
    unknowns, exported = page.locator("#unknowns"), page.locator("#exported-fields")
    assert unknowns.is_visible() and exported.is_visible()  # reviewed before choosing
    for outcome in ("No action", "Crime desk tasking", "Safeguarding referral"):
        page.get_by_label(outcome, exact=True).check()
        assert not unknowns.is_visible(), outcome
        assert not exported.is_visible(), outcome
        assert not page.locator("#apply-decisions").is_visible(), outcome
    page.get_by_label("Sanitised intelligence log", exact=True).check()
    assert unknowns.is_visible() and exported.is_visible()


def _held_submission(handler_user, information: str, subject: str = "Jade Smith", **source):
    """A submission the handler holds, with one person at risk entered and the source given."""
    submission = SubmissionFactory(
        information=information,
        status=Status.IN_PROGRESS,
        assigned_to=handler_user,
        with_people=False,
    )
    SubjectFactory(submission=submission, name=subject)
    SourceFactory(submission=submission, **source)
    return submission


def _unknown_rows(page, staff_sign_in, handler_user, submission):
    """Sign in, open the assessment page, and return its unknowns' rows and their texts."""
    staff_sign_in(page, handler_user)
    page.goto(f"/staff/submissions/{submission.reference}/assessment/")
    rows = page.locator("#unknowns-table tbody tr")
    return rows, [rows.nth(i).inner_text() for i in range(rows.count())]


def test_a_word_of_the_writers_kind_of_workplace_is_listed_for_the_handler(
    page, handler_user, staff_sign_in, axe
):
    submission = _held_submission(
        handler_user,
        "Jade Smith (14) was at poolside on Saturday with a man in his 40s who "
        "picked her up in a silver Audi.",
        organisation="Kirkgate Leisure Centre",
        role="Lifeguard",
    )
    rows, texts = _unknown_rows(page, staff_sign_in, handler_user, submission)
    row = next(i for i, t in enumerate(texts) if "Workplace word" in t)
    assert "poolside" in texts[row]
    assert rows.nth(row).locator("input[value=remove]").is_checked()
    prefilled = page.input_value("#id_log_text")
    assert "poolside" not in prefilled and "Jade Smith" in prefilled
    axe(page)
    page.screenshot(path="var/screenshots/assessment-workplace-word.png", full_page=True)


def test_a_registration_the_form_does_not_list_is_listed_with_the_machines_reason(
    page, handler_user, staff_sign_in, axe
):
    submission = _held_submission(
        handler_user,
        "im a driver for the school run, van is the white transit MV21 PSX. Jade Smith "
        "gets in and a man follows us in a black Golf RE68 NVK.",
        organisation="Swift School Transport",
        role="Driver",
    )
    VehicleFactory(
        submission=submission, make="VW", model="Golf", colour="Black", registration="RE68 NVK"
    )
    rows, texts = _unknown_rows(page, staff_sign_in, handler_user, submission)
    values = [rows.nth(i).locator(".cpi-unknown-value").inner_text() for i in range(rows.count())]
    row = values.index("MV21 PSX")
    # The handler sees why the machine suggests removing it, and decides.
    assert "A registration not among the vehicles entered" in texts[row]
    assert rows.nth(row).locator("input[value=remove]").is_checked()
    assert "RE68 NVK" not in values  # entered: kept without asking
    prefilled = page.input_value("#id_log_text")
    assert "MV21 PSX" not in prefilled and "RE68 NVK" in prefilled
    axe(page)
    page.screenshot(path="var/screenshots/assessment-unlisted-registration.png", full_page=True)


def test_the_rest_of_an_entered_name_is_listed_as_kept_with_the_machines_reason(
    page, handler_user, staff_sign_in, axe
):
    submission = _held_submission(
        handler_user,
        "Contact record\nClient: Ionut Pop   Age: 15\n"
        "Sandu drives Ionut to the car wash at weekends and keeps his passport. "
        "His full name may be Florin Sandu.",
        subject="Ionut Pop",
    )
    PersonOfConcernFactory(submission=submission, name="Sandu")
    rows, texts = _unknown_rows(page, staff_sign_in, handler_user, submission)
    row = next(i for i, t in enumerate(texts) if "Florin" in t)
    assert "The rest of a name entered as a subject's" in texts[row]
    assert rows.nth(row).locator("input[value=keep]").is_checked()
    prefilled = page.input_value("#id_log_text")
    # The subject's name as entered stays on the writer's record line, the full name in the text.
    assert "Ionut Pop" in prefilled and "Florin Sandu" in prefilled
    axe(page)
    page.screenshot(path="var/screenshots/assessment-rest-of-name.png", full_page=True)


def test_what_the_learned_reading_marks_is_listed_with_its_reason(
    page, handler_user, staff_sign_in, axe
):
    submission = _held_submission(
        handler_user,
        "Jade Smith (14) gets into a silver Audi outside the gates most days. "
        "I do the Friday breakfast run with the year 7s so I see her most mornings.",
    )
    _, texts = _unknown_rows(page, staff_sign_in, handler_user, submission)
    learned = [t for t in texts if "learned model" in t]
    assert learned, texts
    # Its kind has a label a handler reads, and its reason says how sure the model was.
    assert all("About the writer (learned)" in t for t in learned), learned
    assert all(re.search(r"probability [01]\.\d\d", t) for t in learned), learned
    prefilled = page.input_value("#id_log_text")
    assert "Jade Smith" in prefilled and "breakfast run" not in prefilled
    axe(page)
    page.screenshot(path="var/screenshots/assessment-learned.png", full_page=True)


def test_a_name_the_text_gives_someone_else_is_kept_wherever_it_stands_again(
    page, handler_user, staff_sign_in, axe
):
    submission = _held_submission(
        handler_user,
        "Jade Smith (14) comes into the shop with an older man who calls himself Fitz. "
        "Jade told me Fitz keeps her phone. I saw Fitz get into a silver Audi on Friday.",
    )
    rows, texts = _unknown_rows(page, staff_sign_in, handler_user, submission)
    again = [i for i, t in enumerate(texts) if "Fitz" in t and "someone else" in t]
    assert len(again) == 3, texts
    assert all(rows.nth(i).locator("input[value=keep]").is_checked() for i in again)
    assert "A name, or a short form of one, the text ties to someone else" in "".join(texts)
    prefilled = page.input_value("#id_log_text")
    assert prefilled.count("Fitz") == 3
    axe(page)
    page.screenshot(path="var/screenshots/assessment-one-name.png", full_page=True)
