"""The professional's whole journey with the keyboard alone, in Chromium.

Tab moves focus, arrow keys choose radios, Space ticks boxes, Enter presses buttons and links.
On an error, focus is on the error summary (as GOV.UK pages do), and its link takes focus to the
question.
"""

import re

import pytest

from submissions.models import Submission
from tests.keyboard import (
    assert_error_summary_focused,
    choose,
    focused,
    press,
    tab_to,
    tick,
    type_into,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_professional_completes_the_form_with_the_keyboard_alone(page, axe):
    page.goto("/")
    press(page, "Start now")
    for _ in range(4):  # the eligibility questions
        choose(page, "answer", "No")
        press(page, "Continue")

    # An error: focus goes to the summary; its link takes focus to the first box.
    press(page, "Continue")
    assert_error_summary_focused(page)
    axe(page)
    tab_to(page, lambda f: f["text"] == "Select at least one category", "the summary's link")
    page.keyboard.press("Enter")
    assert focused(page)["type"] == "checkbox"
    page.keyboard.press("Space")  # focus is on the first category: tick it
    tick(page, "Criminal exploitation")
    press(page, "Continue")

    type_into(page, "id_name", "Jade Kemp")
    type_into(page, "id_date_of_birth_0", "14")
    type_into(page, "id_date_of_birth_1", "2")
    type_into(page, "id_date_of_birth_2", "2011")
    press(page, "Continue")
    assert "You have added 1 person at risk" in page.content()
    choose(page, "add_another", "No")
    press(page, "Continue")
    for _ in range(3):  # persons of concern, places, vehicles: none
        choose(page, "add_another", "No")
        press(page, "Continue")

    type_into(page, "id_occurred_time", "15:30")  # a time without a date: an error
    type_into(page, "id_when_description", "Most Friday evenings")
    press(page, "Continue")
    assert_error_summary_focused(page)
    type_into(page, "id_occurred_on_0", "3")
    type_into(page, "id_occurred_on_1", "3")
    type_into(page, "id_occurred_on_2", "2025")
    press(page, "Continue")

    type_into(page, "id_information", "Jade is picked up after school by older men.")
    press(page, "Continue")
    choose(page, "provenance", "The person at risk told me")
    press(page, "Continue")
    choose(page, "lawful_basis", "UK GDPR Article 6(1)(e): public task")
    choose(page, "special_category_condition", "No special category data is included")
    choose(page, "subject_aware", "Not sure")
    press(page, "Continue")

    type_into(page, "id_name", "Bethany Quennell")
    type_into(page, "id_role", "Head of Year 9")
    type_into(page, "id_organisation", "Larkfield Academy")
    type_into(page, "id_email", "not an email")
    type_into(page, "id_phone", "07700 900 982")
    press(page, "Continue")
    assert_error_summary_focused(page)
    axe(page)
    # From the summary's link to the email box, which is cleared and typed again.
    tab_to(page, lambda f: f["tag"] == "a" and "email address" in f["text"], "the email link")
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "id_email"
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("b.quennell@larkfield.example")
    press(page, "Continue")

    assert page.title().startswith("Check your answers")
    assert "15:30" in page.content()
    press(page, "Accept and send")
    reference = re.search(r"CPI-[2-9A-Z]{4}-[2-9A-Z]{4}", page.content()).group(0)
    assert Submission.objects.filter(reference=reference).exists()
