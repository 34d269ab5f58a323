"""PostgreSQL lost (before or in the middle of the submit): a 503 that says the form was not sent,
the answers kept, and no partial rows. The outage is real: the test's connection goes through a
loopback proxy that is cut."""

import pytest
from django.db import connection
from django.test import Client

from submissions.models import NotificationOutbox, Source, Subject, Submission
from tests.reliability.harness import TcpProxy
from tests.submissions.journey import CHECK_URL, CONFIRMATION_URL, answer_everything, submit

pytestmark = pytest.mark.postgres


@pytest.fixture
def database_via_proxy(transactional_db):
    settings_dict = connection.settings_dict
    target = (settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    original = (settings_dict["HOST"], settings_dict["PORT"])
    proxy = TcpProxy(*target).start()
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", proxy.port
    yield proxy
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = original


def restore(proxy: TcpProxy) -> None:
    proxy.cut_on = None
    proxy.start()
    connection.close()  # the broken connection is dropped; the next query reconnects


def rows() -> tuple[int, int, int, int]:
    return (
        Submission.objects.count(),
        Subject.objects.count(),
        Source.objects.count(),
        NotificationOutbox.objects.count(),
    )


def assert_not_sent_page(response):
    assert response.status_code == 503
    html = response.content.decode()
    assert "has not been sent" in html
    assert "Traceback" not in html and "Jade" not in html


def test_database_down_at_submit_gives_a_503_and_the_answers_wait(database_via_proxy):
    client = Client(raise_request_exception=False)
    answer_everything(client)
    check_page = client.get(CHECK_URL)
    token = check_page.context["submission_token"]

    database_via_proxy.cut()
    assert_not_sent_page(client.post(CHECK_URL, {"submission_token": token}))

    restore(database_via_proxy)
    assert rows() == (0, 0, 0, 0)
    assert client.get(CHECK_URL).status_code == 200  # every answer is still there
    assert submit(client).url == CONFIRMATION_URL
    assert rows() == (1, 1, 1, 1)


def test_database_lost_in_the_middle_of_saving_leaves_no_partial_rows(database_via_proxy):
    client = Client(raise_request_exception=False)
    answer_everything(client)
    token = client.get(CHECK_URL).context["submission_token"]

    # The connection dies the moment the first subject row is sent: the submission row is
    # already written inside the transaction, the rest not yet.
    database_via_proxy.cut_on = b'INSERT INTO "submissions_subject"'
    response = client.post(CHECK_URL, {"submission_token": token})
    assert database_via_proxy.cut_happened.is_set()
    assert_not_sent_page(response)

    restore(database_via_proxy)
    assert rows() == (0, 0, 0, 0)
    assert submit(client).url == CONFIRMATION_URL
    assert rows() == (1, 1, 1, 1)
