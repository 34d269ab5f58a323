"""The public pages through the test client: the gate, the pages, check your answers, submit."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from submissions import wizard
from submissions.models import Submission
from tests.submissions.journey import (
    CHECK_URL,
    CONFIRMATION_URL,
    ELIGIBILITY_URLS,
    SOURCE,
    SUBJECT,
    answer_everything,
    item_add_url,
    pass_eligibility,
    step_url,
    submit,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_the_start_page_is_public_and_warns_about_immediate_danger(client):
    response = client.get("/")
    assert response.status_code == 200
    html = _text(response)
    assert "govuk-warning-text" in html
    assert "call 999" in html
    assert ELIGIBILITY_URLS[0] in html


@pytest.mark.parametrize(
    ("question", "stop_page", "says"),
    [
        (0, "/stop/999/", "Call 999 now"),
        (1, "/stop/report-a-crime/", "call 101"),
        (2, "/stop/101/", "call 101"),
        (3, "/stop/safeguarding/", "safeguarding front door"),
    ],
)
def test_each_eligibility_yes_stops_at_a_page_saying_what_to_do(client, question, stop_page, says):
    for url in ELIGIBILITY_URLS[:question]:
        client.post(url, {"answer": "no"})
    response = client.post(ELIGIBILITY_URLS[question], {"answer": "yes"})
    assert response.status_code == 302
    assert response.url == stop_page
    page = client.get(stop_page)
    assert says in _text(page)
    # And the form stays shut.
    assert client.get(step_url("categories")).status_code == 302


def test_an_eligibility_question_needs_an_answer(client):
    response = client.post(ELIGIBILITY_URLS[0], {})
    assert response.status_code == 200
    assert response.context["form"].has_error("answer", code="required")
    assert "Select yes if a child or adult is in immediate danger" in _text(response)


def test_questions_cannot_be_skipped(client):
    response = client.get(ELIGIBILITY_URLS[2])
    assert response.url == ELIGIBILITY_URLS[0]


@pytest.mark.parametrize(
    "url",
    [
        step_url("categories"),
        step_url("source"),
        item_add_url("subjects"),
        CHECK_URL,
    ],
)
def test_form_pages_send_you_to_the_start_of_eligibility_first(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == ELIGIBILITY_URLS[0]


def test_after_eligibility_the_form_opens_at_categories(client):
    for url in ELIGIBILITY_URLS[:-1]:
        client.post(url, {"answer": "no"})
    response = client.post(ELIGIBILITY_URLS[-1], {"answer": "no"})
    assert response.url == step_url("categories")
    assert client.get(step_url("categories")).status_code == 200


def test_a_validation_error_keeps_the_other_answers_on_the_page(client):
    pass_eligibility(client)
    response = client.post(item_add_url("subjects"), {**SUBJECT, "name": ""})
    assert response.status_code == 200
    html = _text(response)
    assert "govuk-error-summary" in html
    assert "Enter the name of the person at risk" in html
    assert 'value="Kingsweston Academy"' in html
    assert response.context["form"].has_error("name", code="required")


def test_going_back_shows_the_saved_answer(client):
    pass_eligibility(client)
    client.post(step_url("categories"), {"categories": ["modern_slavery", "organised_crime"]})
    client.post(
        step_url("when"),
        {"occurred_on_0": "3", "occurred_on_1": "3", "occurred_on_2": "2025"},
    )
    categories = client.get(step_url("categories"))
    assert categories.context["form"].initial["categories"] == ["modern_slavery", "organised_crime"]
    when = _text(client.get(step_url("when")))
    assert 'name="occurred_on_2" value="2025"' in when


def test_dates_are_kept_in_the_session_as_json(client):
    pass_eligibility(client)
    client.post(item_add_url("subjects"), SUBJECT)
    stored = client.session[wizard.SESSION_KEY]["steps"]["subjects"][0]
    assert stored["date_of_birth"] == "2011-02-14"


def test_the_subjects_list_adds_another_and_removes_with_a_post(client):
    pass_eligibility(client)
    assert client.get(step_url("subjects")).url == item_add_url("subjects")
    client.post(item_add_url("subjects"), SUBJECT)
    client.post(item_add_url("subjects"), {**SUBJECT, "name": "Kai Rowe"})
    listing = _text(client.get(step_url("subjects")))
    assert "You have added 2 people at risk" in listing
    remove_url = reverse("submissions:item_remove", kwargs={"slug": "people-at-risk", "index": 0})
    assert "Jade Kemp" in _text(client.get(remove_url))
    assert len(client.session[wizard.SESSION_KEY]["steps"]["subjects"]) == 2  # GET removes nothing
    client.post(remove_url)
    assert [s["name"] for s in client.session[wizard.SESSION_KEY]["steps"]["subjects"]] == [
        "Kai Rowe"
    ]


def test_the_add_another_question_needs_an_answer(client):
    pass_eligibility(client)
    response = client.post(step_url("persons"), {})
    assert response.context["form"].has_error("add_another", code="required")


def test_check_your_answers_sends_you_to_the_first_unanswered_page(client):
    pass_eligibility(client)
    client.post(step_url("categories"), {"categories": ["modern_slavery"]})
    assert client.get(CHECK_URL).url == step_url("subjects")


def test_check_your_answers_has_a_change_link_for_every_answer(client):
    answer_everything(client)
    response = client.get(CHECK_URL)
    html = _text(response)
    rows = sum(
        len(section.get("rows", [])) + sum(len(card["rows"]) for card in section.get("cards", []))
        for section in response.context["sections"]
    )
    assert rows > 30
    assert html.count(">Change<") >= rows
    assert "AB12CDE" in html
    assert "0117 496 0123" in html


def test_each_change_link_lands_on_the_box_of_the_answer_it_changes(client):
    answer_everything(client)
    html = _text(client.get(CHECK_URL))
    links = re.findall(r'href="([^"]+)">Change<span class="govuk-visually-hidden"> ([^<]+)<', html)
    assert len(links) > 30
    lists = {step.item_noun_plural for step in wizard.STEPS if step.collection}
    pages = {}
    for href, label in links:
        if label.strip() in lists:
            continue  # the "add another" row changes the list, not one answer
        url, _, anchor = href.replace("&amp;", "&").partition("#")
        assert anchor, label
        if url not in pages:
            pages[url] = _text(client.get(url))
        assert f'id="{anchor}"' in pages[url], (label, href)


def test_phone_numbers_are_shown_back_the_way_people_write_them(client):
    answer_everything(client)  # typed "0117 496 0123" and "07700 900456"
    html = _text(client.get(CHECK_URL))
    assert "0117 496 0123" in html and "07700 900456" in html
    assert "+44" not in html
    about_you = _text(client.get(step_url("source", "?return=check")))
    assert 'value="0117 496 0123"' in about_you
    person = reverse("submissions:item_change", kwargs={"slug": "persons-of-concern", "index": 0})
    assert "07700 900456\nunknown burner" in _text(client.get(person))
    # Sent on unchanged, they are kept as they were (E.164, which staff search by).
    response = client.post(
        step_url("source", "?return=check"), {**SOURCE, "phone": "0117 496 0123"}
    )
    assert response.url == CHECK_URL
    assert client.session[wizard.SESSION_KEY]["steps"]["source"]["phone"] == "+441174960123"


def test_a_change_from_the_check_page_returns_to_it_with_everything_kept(client):
    answer_everything(client)
    response = client.post(
        step_url("information", "?return=check"), {"information": "Updated account"}
    )
    assert response.url == CHECK_URL
    html = _text(client.get(CHECK_URL))
    assert "Updated account" in html
    assert "Larkfield Academy" in html
    item = reverse("submissions:item_change", kwargs={"slug": "people-at-risk", "index": 0})
    response = client.post(item + "?return=check", {**SUBJECT, "name": "Jade Kempe"})
    assert response.url == CHECK_URL
    assert "Jade Kempe" in _text(client.get(CHECK_URL))


def test_html_and_script_are_escaped_on_every_page(client):
    answer_everything(client)
    client.post(
        step_url("information", "?return=check"),
        {"information": "<script>alert('x')</script>"},
    )
    html = _text(client.get(CHECK_URL))
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_submitting_stores_it_and_shows_only_the_reference(
    client, django_capture_on_commit_callbacks
):
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    assert response.url == CONFIRMATION_URL
    submission = Submission.objects.get()
    page = _text(client.get(CONFIRMATION_URL))
    assert submission.reference in page
    assert "govuk-panel--confirmation" in page
    for shared in ("Jade", "Quennell", "Larkfield", "picked up", "AB12CDE"):
        assert shared not in page
    assert submission.information.startswith("Jade is picked up")


def test_after_submitting_the_answers_are_gone_from_the_browser(client):
    answer_everything(client)
    submit(client)
    assert wizard.SESSION_KEY not in client.session
    # A later visitor of the same browser finds nothing: the form starts again.
    assert client.get(CHECK_URL).url == ELIGIBILITY_URLS[0]
    assert client.get(step_url("source")).url == ELIGIBILITY_URLS[0]


def test_a_double_submit_makes_one_submission(client):
    answer_everything(client)
    token = client.get(CHECK_URL).context["submission_token"]
    first = client.post(CHECK_URL, {"submission_token": token})
    second = client.post(CHECK_URL, {"submission_token": token})
    assert Submission.objects.count() == 1
    assert first.url == second.url == CONFIRMATION_URL
    assert Submission.objects.get().reference in _text(client.get(CONFIRMATION_URL))


def test_two_tabs_submitting_the_same_answers_make_one_submission(client):
    answer_everything(client)
    token = client.get(CHECK_URL).context["submission_token"]
    other_tab = Client()
    other_tab.cookies = client.cookies
    client.post(CHECK_URL, {"submission_token": token})
    other_tab.post(CHECK_URL, {"submission_token": token})
    assert Submission.objects.count() == 1


def test_a_stale_check_page_token_sends_you_back_to_check(client):
    answer_everything(client)
    response = client.post(CHECK_URL, {"submission_token": "not-a-token"})
    assert response.url == CHECK_URL
    assert Submission.objects.count() == 0


def test_start_again_clears_every_answer(client):
    answer_everything(client)
    response = client.post(reverse("submissions:clear"), follow=True)
    assert "Your answers have been cleared" in _text(response)
    assert wizard.SESSION_KEY not in client.session
    assert client.get(CHECK_URL).url == ELIGIBILITY_URLS[0]


def test_start_again_is_post_only(client):
    answer_everything(client)
    assert client.get(reverse("submissions:clear")).status_code == 405
    assert wizard.SESSION_KEY in client.session


def test_every_form_page_offers_start_again(client):
    answer_everything(client)
    for step in wizard.STEPS:
        html = _text(client.get(reverse("submissions:step", kwargs={"slug": step.slug})))
        assert reverse("submissions:clear") in html, step.slug


def test_confirmation_without_a_submission_goes_to_the_start(client):
    assert client.get(CONFIRMATION_URL).url == "/"


@pytest.mark.parametrize(
    "url",
    [
        "/no-such-page/",
        "/form/no-such-step/",
        "/stop/nowhere/",
        "/eligibility/nothing/",
        "/form/people-at-risk/7/change/",
        "/form/categories/add/",
    ],
)
def test_unknown_pages_are_the_404_page(client, url):
    pass_eligibility(client)
    response = client.get(url)
    assert response.status_code == 404
    assert "Page not found" in _text(response)


def test_a_time_comes_back_as_it_was_typed_on_the_change_and_check_pages(client):
    answer_everything(client, **{step_url("when"): {"occurred_time": "15:30"}})
    assert "15:30" in _text(client.get(CHECK_URL))
    html = _text(client.get(step_url("when", "?return=check")))
    assert 'name="occurred_time" value="15:30"' in html
    assert "15:30:00" not in html
    # Continuing from the change page without touching anything keeps the time, to the minute.
    shown = dict(re.findall(r'<input type="text" name="(\w+)" value="([^"]*)"', html))
    response = client.post(step_url("when", "?return=check"), shown)
    assert response.status_code == 302
    check = _text(client.get(CHECK_URL))
    assert "15:30" in check
    assert "15:30:00" not in check


def test_each_add_another_list_says_its_cap_and_takes_no_more(client):
    pass_eligibility(client)
    client.post(step_url("categories"), {"categories": ["criminal_exploitation"]})
    cap = wizard.COLLECTION_MAXIMUM
    assert all(step.maximum == cap for step in wizard.STEPS if step.collection)
    for number in range(cap):
        response = client.post(item_add_url("subjects"), {**SUBJECT, "name": f"Child {number}"})
        assert response.status_code == 302
        if number == 0:
            html = _text(client.get(step_url("subjects")))
            assert f"You can add up to {cap} people at risk." in html
    listed = client.get(step_url("subjects"))
    html = _text(listed)
    assert f"You cannot add more than {cap} people at risk" in html
    assert 'name="add_another"' not in html
    # Adding another, however it is asked for, adds nothing.
    assert client.get(item_add_url("subjects"))["Location"] == step_url("subjects")
    client.post(item_add_url("subjects"), {**SUBJECT, "name": "One too many"})
    session = wizard.Answers(client.session)
    subjects = next(s for s in wizard.STEPS if s.name == "subjects")
    assert len(session.items(subjects)) == cap
    # Continue moves on to the next page.
    response = client.post(step_url("subjects"), {})
    assert response["Location"] == step_url("persons")


def test_an_empty_optional_list_says_its_cap_before_anything_is_added(client):
    pass_eligibility(client)
    html = _text(client.get(step_url("persons")))
    assert f"You can add up to {wizard.COLLECTION_MAXIMUM} persons of concern." in html


@pytest.mark.postgres
def test_the_submit_step_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    """Issue 17: the submit step is the public journey's heaviest request; its queries are pinned
    so one more per answer or per audit entry shows here: the session read (1), the view's
    look-up of the token (1), the service's savepoint (2), the submission and its five lists (6),
    the source and the outbox (2), two change-log entries with their chained twins (4) and the
    source's reference (1; the submission's is in its own diff), the collection entry (1), and a
    new session key after submitting (6)."""
    from django.contrib.contenttypes.models import ContentType

    from submissions.models import Source

    answer_everything(client)
    token = client.get(CHECK_URL).context["submission_token"]
    ContentType.objects.get_for_models(Submission, Source)  # cached in a running server
    with django_assert_num_queries(24):
        response = client.post(CHECK_URL, {"submission_token": token})
    assert response.url == CONFIRMATION_URL
