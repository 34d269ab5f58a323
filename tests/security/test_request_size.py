"""Request bodies are capped: over the cap gets a friendly page, never parsed, never a reset."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.security.test_error_pages import CANARY, assert_generic
from tests.submissions.journey import pass_eligibility, step_url

TOO_LONG = b"What you sent was too long"
PROBLEM = b"There is a problem with your request"


@pytest.mark.django_db
def test_a_body_over_the_cap_gets_the_413_page_and_keeps_earlier_answers(client, settings):
    pass_eligibility(client)
    information = CANARY + "x" * settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = client.post(step_url("information"), {"information": information})
    assert_generic(response, 413, TOO_LONG)
    assert b"It has not been sent" in response.content
    assert "no-store" in response["Cache-Control"]
    # The eligibility answers saved before are still there: the form carries on.
    assert client.get(step_url("categories")).status_code == 200


@pytest.mark.django_db
def test_a_file_part_over_the_cap_is_refused_before_it_is_read(client, settings):
    # Django's own cap counts form fields only: a file part of any size used to be spooled to disk.
    pass_eligibility(client)
    upload = SimpleUploadedFile("notes.txt", b"z" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1))
    response = client.post(step_url("information"), {"information": "short", "upload": upload})
    assert_generic(response, 413, TOO_LONG)


@pytest.mark.django_db
def test_a_body_under_the_cap_is_untouched(client):
    pass_eligibility(client)
    response = client.post(step_url("information"), {"information": "Seen at the bus station."})
    assert response.status_code == 302


@pytest.mark.django_db
def test_too_many_fields_get_the_400_page(client, settings):
    fields = {f"field{n}": CANARY for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post("/eligibility/immediate-danger/", fields)
    assert_generic(response, 400, PROBLEM)


@pytest.mark.django_db
def test_a_body_with_no_length_gets_the_400_page(client):
    # Chunked: Django would read it as empty and answer "page expired"; no browser sends a form so.
    response = client.post(
        "/eligibility/immediate-danger/",
        data=f"answer=no&information={CANARY}",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH="",
        HTTP_TRANSFER_ENCODING="chunked",
    )
    assert_generic(response, 400, PROBLEM)


@pytest.mark.django_db
def test_a_nonsense_content_length_gets_the_400_page(client):
    response = client.post(
        "/eligibility/immediate-danger/", {"answer": "no"}, CONTENT_LENGTH="lots"
    )
    assert_generic(response, 400, PROBLEM)
