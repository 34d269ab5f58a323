"""Possible urgency in Chromium: the professional's interruption page, then the handler's queue.

Screenshots go to /tmp/w14u_shots (or $URGENCY_SHOTS) to be looked at by a person.
"""

import os
from pathlib import Path

import pytest

from submissions.models import Priority, Submission, Urgency
from tests.factories import SubmissionFactory
from tests.keyboard import assert_error_summary_focused, choose, focused, press, tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("URGENCY_SHOTS", "/tmp/w14u_shots"))
URGENT = "Kyle told me Dean said he is going to stab him tonight. Dean has a knife in his bag."


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _continue(page):
    page.click("#continue")
    page.wait_for_load_state()


def _answer_no(page):
    page.get_by_label("No", exact=True).check()
    _continue(page)


def _fill_the_form(page, information: str) -> None:
    """Every page, quickly, up to the point where "Check your answers" would come."""
    page.goto("/")
    page.get_by_role("button", name="Start now").click()
    for _ in range(4):
        _answer_no(page)
    page.get_by_label("Criminal exploitation").check()
    _continue(page)
    page.fill("#id_name", "Kyle Mendes")
    page.fill("#id_approximate_age", "15")
    _continue(page)
    for _ in range(4):  # no more people at risk; no persons of concern, places or vehicles
        _answer_no(page)
    page.fill("#id_when_description", "Friday, after school")
    _continue(page)
    page.fill("#id_information", information)
    _continue(page)
    page.get_by_label("The person at risk told me").check()
    _continue(page)
    page.get_by_label("UK GDPR Article 6(1)(e): public task").check()
    page.get_by_label("No special category data is included").check()
    page.get_by_label("Not sure").check()
    _continue(page)
    page.fill("#id_name", "Bethany Quennell")
    page.fill("#id_role", "Youth worker")
    page.fill("#id_organisation", "Larkfield Youth Club")
    page.fill("#id_email", "b.quennell@larkfield.example")
    _continue(page)


def test_urgent_wording_interrupts_then_comes_first_in_the_queue_marked(
    page, browser, live_server, axe, handler_user, staff_sign_in
):
    # An older P1 already waiting: the flagged one still comes before it.
    waiting = SubmissionFactory(priority=Priority.P1)

    _fill_the_form(page, URGENT.replace("his bag", "his <i>bag</i>"))
    assert page.title().startswith("Someone may be in danger now")
    quotes = page.locator("[data-urgency-quote]")
    assert "going to stab" in quotes.first.inner_text()
    # Typed markup is quoted as text, never run as markup.
    assert "his <i>bag</i>" in quotes.last.inner_text()
    assert page.locator("[data-urgency-quote] i").count() == 0
    assert "999" in page.inner_text("main") and "101" in page.inner_text("main")
    axe(page)
    _shot(page, "01-interruption")

    _continue(page)  # no choice yet: an error, in GOV.UK voice
    assert "Select what you want to do now" in page.inner_text(".govuk-error-summary")
    axe(page)
    _shot(page, "02-interruption-error")

    page.get_by_label("Continue with this form").check()
    _continue(page)
    assert page.title().startswith("Check your answers")
    page.click("#send")
    page.wait_for_load_state()
    reference = page.inner_text("#reference")
    submission = Submission.objects.get(reference=reference)
    assert submission.urgency == Urgency.FLAGGED
    assert "weapon" in submission.urgency_kinds

    staff = browser.new_context(base_url=live_server.url)
    staff.set_default_timeout(10_000)
    handler = staff.new_page()
    try:
        staff_sign_in(handler, handler_user)
        handler.goto("/staff/")
        first = handler.locator("main table tbody tr").first
        assert reference in first.inner_text()
        assert "Possible urgency" in first.inner_text()
        row = handler.locator(f'tr[data-reference="{reference}"]')
        assert "Possible urgency" in row.inner_text()
        # The ordinary P1 is listed after it.
        content = handler.content()
        assert content.index(reference) < content.index(waiting.reference)
        _shot(handler, "03-queue")
        axe(handler)

        handler.get_by_role("link", name=reference).first.click()
        handler.wait_for_load_state()
        assert "Suggested priority: P1" in handler.inner_text("#urgency")
        _shot(handler, "04-detail-flagged")
        axe(handler)
        handler.get_by_label("Urgent: I have passed it to the control room").check()
        handler.click("#urgency-decide")
        handler.wait_for_load_state()
        assert "Decision recorded" in handler.content()
        assert "Confirmed urgent, passed to the control room" in handler.inner_text(
            "#urgency-state"
        )
        _shot(handler, "05-detail-decided")
    finally:
        staff.close()
    submission.refresh_from_db()
    assert (submission.urgency, submission.priority) == (Urgency.CONFIRMED, Priority.P1)


def test_the_interruption_page_choice_works_with_the_keyboard_alone(page, axe):
    _fill_the_form(page, URGENT)
    assert page.title().startswith("Someone may be in danger now")
    press(page, "Continue")  # nothing chosen: focus goes to the error summary
    assert_error_summary_focused(page)
    tab_to(page, lambda f: f["text"] == "Select what you want to do now", "the summary's link")
    page.keyboard.press("Enter")
    assert focused(page)["type"] == "radio"
    choose(page, "next_step", "Continue with this form")
    _shot(page, "06-interruption-keyboard")
    press(page, "Continue")
    assert page.title().startswith("Check your answers")
    axe(page)


def test_a_veiled_threat_only_the_learned_reading_catches_is_quoted_back(page, axe):
    # Written for this test, in no set: no rule names it; the learned reading (round 8) does.
    veiled = (
        "Dad has told the boy he will not see another birthday if he speaks to the social "
        "worker again, and the visit is this afternoon."
    )
    _fill_the_form(page, veiled)
    assert page.title().startswith("Someone may be in danger now")
    quote = page.locator("[data-urgency-quote]").first
    assert "will not see another birthday" in quote.inner_text()
    # The sentence that weighed most is in bold, whole: the model's weightiest words ("told",
    # "will") would mean nothing to the writer.
    bold = " ".join(b.inner_text() for b in quote.locator("strong").all())
    assert "will not see another birthday" in bold
    axe(page)
    _shot(page, "06-interruption-learned")
