"""Possible urgency at the door: the interruption page, seen once per wording, and the flag."""

import json
import uuid

import pytest
from django.urls import reverse

import urgency
from audit.models import Action, AuditEvent
from submissions import services
from submissions.models import Submission, Urgency, UrgencyKind
from submissions.urgency_check import urgency_find
from tests.submissions.journey import (
    CHECK_URL,
    CONFIRMATION_URL,
    answer_everything,
    item_add_url,
    session_answers,
    step_url,
    submit,
)

pytestmark = pytest.mark.django_db

URGENCY_URL = reverse("submissions:urgency")
STAB = "He said he is going to stab <b>Kyle</b> tonight."
KNIFE = "Dean keeps a knife in his bag and says he will use it on Kyle tonight."


def _urgent(client, information: str = STAB) -> None:
    answer_everything(client, **{step_url("information"): {"information": information}})


def _information_change(client, information: str) -> None:
    response = client.post(step_url("information", "?return=check"), {"information": information})
    assert response.status_code == 302


# --- The page ------------------------------------------------------------------------------------
def test_urgent_wording_shows_the_interruption_page_before_check_your_answers(client):
    _urgent(client)
    response = client.get(CHECK_URL)
    assert response.status_code == 302
    assert response["Location"] == URGENCY_URL


def test_the_interruption_page_quotes_the_words_escaped_with_999_and_101(client):
    _urgent(client)
    response = client.get(URGENCY_URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone may be in danger now" in html
    assert 'href="tel:999"' in html and 'href="tel:101"' in html
    # The writer's own words, escaped: a tag they typed is text, never markup.
    assert "&lt;b&gt;Kyle&lt;/b&gt;" in html
    assert "<b>Kyle</b>" not in html
    assert "<strong>going to stab</strong>" in html


def test_ordinary_wording_goes_straight_to_check_your_answers(client):
    answer_everything(client)
    assert client.get(CHECK_URL).status_code == 200
    assert client.get(URGENCY_URL)["Location"] == CHECK_URL


def test_the_interruption_page_waits_until_the_form_is_complete(client):
    client.post(reverse("submissions:eligibility", kwargs={"slug": "immediate-danger"}), {})
    response = client.get(URGENCY_URL)
    assert response.status_code == 302


def test_no_choice_is_an_error_in_govuk_voice(client):
    _urgent(client)
    response = client.post(URGENCY_URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors.as_data()["next_step"][0].code == "required"
    assert "Select what you want to do now" in response.content.decode()


def test_continuing_goes_to_check_your_answers_and_the_page_is_not_shown_again(client):
    _urgent(client)
    response = client.post(URGENCY_URL, {"next_step": "send"})
    assert response["Location"] == CHECK_URL
    assert client.get(CHECK_URL).status_code == 200
    # The same words rewritten around: nothing new, so nothing shown again.
    _information_change(client, "Kyle is scared. He said he is GOING TO  STAB Kyle tonight.")
    assert client.get(CHECK_URL).status_code == 200


def test_new_worrying_wording_shows_the_page_again(client):
    _urgent(client)
    client.post(URGENCY_URL, {"next_step": "send"})
    _information_change(client, KNIFE)
    assert client.get(CHECK_URL)["Location"] == URGENCY_URL


def test_changing_what_was_written_goes_back_to_that_answer_and_returns_to_check(client):
    _urgent(client)
    response = client.post(URGENCY_URL, {"next_step": "change"})
    assert response["Location"] == step_url("information", "?return=check")
    # Seen: once it is changed, the check page follows whether the text still worries or not.
    _information_change(client, STAB + " Please help.")
    assert client.get(CHECK_URL).status_code == 200


def test_worrying_words_in_a_description_link_to_that_item(client):
    answer_everything(
        client,
        **{item_add_url("persons"): {"description": "Carries a machete in his waistband"}},
    )
    response = client.get(URGENCY_URL)
    assert "Description of person of concern 1" in response.content.decode()
    change = client.post(URGENCY_URL, {"next_step": "change"})
    assert change["Location"] == (
        reverse("submissions:item_change", kwargs={"slug": "persons-of-concern", "index": 0})
        + "?return=check"
    )


def test_a_submit_before_the_page_was_seen_shows_the_page_and_saves_nothing(client):
    answer_everything(client)
    token = client.get(CHECK_URL).context["submission_token"]
    _information_change(client, STAB)  # in another tab, after this check page was drawn
    response = client.post(CHECK_URL, {"submission_token": token})
    assert response["Location"] == URGENCY_URL
    assert not Submission.objects.exists()


# --- The flag ------------------------------------------------------------------------------------
def test_continuing_saves_the_submission_flagged_with_kinds_not_words(client):
    _urgent(client, KNIFE)
    client.post(URGENCY_URL, {"next_step": "send"})
    response = submit(client)
    assert response["Location"] == CONFIRMATION_URL
    submission = Submission.objects.get()
    assert submission.urgency == Urgency.FLAGGED
    assert submission.urgency_kinds == ["weapon", "threat_to_life", "imminent"]
    event = AuditEvent.objects.get(action=Action.URGENCY_FLAGGED)
    assert event.submission_reference == submission.reference
    assert event.details == {"kinds": ["weapon", "threat_to_life", "imminent"]}
    assert event.actor_id is None and event.ip_address is None
    # No word of what was written is in the trail, in any entry.
    trail = json.dumps(list(AuditEvent.objects.values_list("details", flat=True)))
    for word in ("knife", "Dean", "Kyle", "tonight"):
        assert word not in trail


def test_an_ordinary_submission_is_not_flagged():
    submission = services.submission_create(
        answers=session_answers(), submission_token=uuid.uuid4()
    )
    assert submission.urgency == Urgency.NONE
    assert submission.urgency_kinds == []
    assert not AuditEvent.objects.filter(action=Action.URGENCY_FLAGGED).exists()


def test_the_service_flags_from_the_saved_text_whatever_page_was_seen():
    answers = session_answers()
    answers["when"]["when_description"] = "Right now, she has run off and nobody knows where."
    answers["information"]["information"] = "She said she wants to kill herself tonight."
    submission = services.submission_create(answers=answers, submission_token=uuid.uuid4())
    assert submission.urgency == Urgency.FLAGGED
    assert "self_harm" in submission.urgency_kinds


# --- Reading the answers -------------------------------------------------------------------------
def test_quotes_come_in_written_order_with_their_place():
    answers = session_answers()
    answers["subjects"][0]["description"] = "She says she will end it all tonight."
    answers["information"]["information"] = "Calm day. " + KNIFE
    found = urgency_find(answers)
    assert [quote.where for quote in found.quotes] == [
        "The information",
        "Description of person at risk 1",
    ]
    first = "".join(text for text, _ in found.quotes[0].parts)
    assert first == KNIFE  # the whole sentence, not the calm one before it
    assert "knife" in found.quotes[0].matched


def test_fingerprints_ignore_case_and_spacing_and_hold_no_words():
    one = urgency_find({"information": {"information": "He has a KNIFE  in his bag."}})
    two = urgency_find({"information": {"information": "he has a knife in his bag"}})
    assert one.fingerprints() == two.fingerprints()
    assert not any("knife" in fingerprint for fingerprint in one.fingerprints())
    assert one.unseen([]) and not one.unseen(one.fingerprints())
    assert not urgency_find({"information": {"information": "All well."}}).unseen([])


def test_every_kind_the_detector_names_has_words():
    assert tuple(UrgencyKind.values) == urgency.KINDS


@pytest.mark.parametrize(
    ("information", "interrupted"),
    [
        # Pasted chats and notes come in lines without full stops; the browser sends \r\n.
        ("Mia: he's outside with a knife\r\nMia: hes saying hes gonna kill me tonight", True),
        ("Lunch club notes\r\nKyle ate well\r\nNo concerns raised", False),
    ],
)
def test_answers_written_in_lines_reach_check_your_answers_or_the_interruption(
    client, information, interrupted
):
    _urgent(client, information)
    response = client.get(CHECK_URL)
    if interrupted:
        assert response.status_code == 302 and response["Location"] == URGENCY_URL
    else:
        assert response.status_code == 200
