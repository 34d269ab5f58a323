"""Bad requests get a clear page and lose nothing: CSRF, oversized bodies, a database outage."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from submissions import wizard
from submissions.models import NotificationOutbox, Source, Subject, Submission
from tests.submissions.journey import (
    CHECK_URL,
    ELIGIBILITY_URLS,
    SUBJECT,
    answer_everything,
    item_add_url,
    step_url,
    submit,
)

pytestmark = pytest.mark.django_db


def _csrf_client_with_answers() -> Client:
    client = Client(enforce_csrf_checks=True)
    for url in ELIGIBILITY_URLS:
        client.get(url)
        token = client.cookies["csrftoken"].value
        client.post(url, {"answer": "no", "csrfmiddlewaretoken": token})
    token = client.cookies["csrftoken"].value
    client.post(item_add_url("subjects"), {**SUBJECT, "csrfmiddlewaretoken": token})
    return client


def test_a_missing_csrf_token_gets_a_friendly_page_and_keeps_the_answers():
    client = _csrf_client_with_answers()
    response = client.post(step_url("information"), {"information": "Lost?"})
    assert response.status_code == 403
    assert "Sorry, that page had expired" in response.content.decode()
    assert "Continue with your answers" in response.content.decode()
    listing = client.get(step_url("subjects"))
    assert "Jade Kemp" in listing.content.decode()


def test_a_stale_csrf_token_gets_the_same_page():
    client = _csrf_client_with_answers()
    response = client.post(
        step_url("information"),
        {"information": "Lost?", "csrfmiddlewaretoken": "x" * 64},
    )
    assert response.status_code == 403
    assert "Sorry, that page had expired" in response.content.decode()
    assert client.session[wizard.SESSION_KEY]["steps"]["subjects"][0]["name"] == "Jade Kemp"


def test_an_oversized_request_gets_the_413_page_not_a_500(client, settings):
    answer_everything(client)
    body = {"information": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post(step_url("information"), body)
    assert response.status_code == 413
    assert "What you sent was too long" in response.content.decode()
    assert client.session[wizard.SESSION_KEY]["steps"]["information"]["information"].startswith(
        "Jade"
    )


def test_database_down_at_submit_shows_503_saves_nothing_and_keeps_the_answers(client):
    answer_everything(client)
    with mock.patch.object(
        NotificationOutbox.objects, "create", side_effect=OperationalError("server closed")
    ):
        response = submit(client)
    assert response.status_code == 503
    assert "has not been sent" in response.content.decode()
    assert Submission.objects.count() == Subject.objects.count() == Source.objects.count() == 0
    # The answers are still there to send again.
    assert client.get(CHECK_URL).status_code == 200
    assert submit(client).url == "/form/confirmation/"
    assert Submission.objects.count() == 1


def test_database_down_before_the_view_runs_is_a_503_page_too(client):
    answer_everything(client)
    failing = Client(raise_request_exception=False)
    failing.cookies = client.cookies
    with mock.patch(
        "cpi.session_store.SessionStore.load", side_effect=OperationalError("no connection")
    ):
        response = failing.get(CHECK_URL)
    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
