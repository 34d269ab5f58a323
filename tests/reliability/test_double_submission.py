"""Two tabs sending the same answers at the same moment make one submission, on PostgreSQL."""

import threading

import pytest
from django.db import connection
from django.test import Client

from submissions.models import Submission
from tests.submissions.journey import CHECK_URL, CONFIRMATION_URL, answer_everything

pytestmark = pytest.mark.postgres


@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_the_same_moment_make_one_submission():
    first_tab = Client(raise_request_exception=False)
    answer_everything(first_tab)
    token = first_tab.get(CHECK_URL).context["submission_token"]
    second_tab = Client(raise_request_exception=False)
    second_tab.cookies = first_tab.cookies

    start = threading.Barrier(2)
    responses = {}

    def press_submit(name, tab):
        try:
            start.wait(timeout=10)
            responses[name] = tab.post(CHECK_URL, {"submission_token": token})
        finally:
            connection.close()  # each thread had its own connection

    threads = [
        threading.Thread(target=press_submit, args=(name, tab))
        for name, tab in (("first", first_tab), ("second", second_tab))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Submission.objects.count() == 1
    # Both tabs end on the confirmation page: neither sees an error.
    assert [r.status_code for r in responses.values()] == [302, 302]
    assert {r.url for r in responses.values()} == {CONFIRMATION_URL}
