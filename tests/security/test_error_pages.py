"""Errors show the service's own generic pages, never a trace, and log no submitted content."""

import pytest
from django.test import Client

CANARY = "CANARY-7f3c9e-Jade-Kemp-lives-at-12-Mill-Lane"


def assert_generic(response, status: int, heading: bytes):
    assert response.status_code == status
    assert heading in response.content
    assert b"Traceback" not in response.content
    assert b'class="govuk-header' in response.content  # in the service's own style
    assert CANARY.encode() not in response.content


@pytest.mark.django_db
def test_an_unknown_page_shows_the_404_page(client):
    assert_generic(client.get("/no-such-page/"), 404, b"Page not found")


@pytest.mark.django_db
def test_a_staff_page_refused_shows_the_403_page(outsider_client):
    assert_generic(outsider_client.get("/staff/"), 403, b"You do not have access to this page")


@pytest.mark.django_db
def test_an_oversized_form_shows_the_413_page_not_a_crash(client, settings):
    body = {"information": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    response = client.post("/eligibility/immediate-danger/", body)
    assert_generic(response, 413, b"What you sent was too long")


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_faults")
def test_a_crash_during_a_post_shows_the_500_page_and_logs_no_submitted_text(log_output):
    client = Client(raise_request_exception=False)
    response = client.post("/test-faults/quoting-input/", {"information": CANARY})
    assert_generic(response, 500, b"Sorry, there is a problem with the service")
    logged = log_output.getvalue()
    assert "Internal Server Error: /test-faults/quoting-input/" in logged
    assert "RuntimeError" in logged and "fails_quoting_input" in logged  # still diagnosable
    assert CANARY not in logged


@pytest.mark.postgres
@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_faults")
def test_a_database_constraint_error_never_logs_the_failing_row(log_output):
    client = Client(raise_request_exception=False)
    response = client.post("/test-faults/database/", {"information": CANARY})
    assert response.status_code == 500
    logged = log_output.getvalue()
    assert "IntegrityError" in logged
    assert CANARY not in logged


@pytest.mark.django_db
@pytest.mark.urls("tests.security.urls_faults")
def test_a_database_outage_shows_the_503_page_saying_nothing_was_sent(log_output):
    client = Client(raise_request_exception=False)
    response = client.post("/test-faults/database-down/", {"information": CANARY})
    assert_generic(response, 503, b"Your information has not been sent")
    assert CANARY not in log_output.getvalue()


@pytest.mark.django_db
def test_a_post_only_address_opened_by_a_link_shows_the_405_page(client):
    response = client.get("/form/start-again/")
    assert_generic(response, 405, b"This page cannot be opened directly")
    assert response["Allow"] == "POST"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_sign_out_opened_by_a_link_shows_the_405_page_and_signs_nobody_out(handler_client):
    response = handler_client.get("/accounts/sign-out/")
    assert_generic(response, 405, b"This page cannot be opened directly")
    assert handler_client.get("/staff/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/staff/submissions/%00/", "/staff/audit/submissions/CPI-%00/", "/staff/?q=%00", "/%00"],
)
def test_an_address_with_a_nul_character_is_a_404_before_any_query(
    handler_client, path, django_assert_num_queries
):
    # PostgreSQL refuses NUL in a query: a reference taken from the path used to be a 500.
    with django_assert_num_queries(0):
        response = handler_client.get(path)
    assert_generic(response, 404, b"Page not found")
