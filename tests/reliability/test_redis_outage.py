"""Redis stopped or frozen while a professional submits: nothing is lost, nothing hangs."""

import base64
import json
import time

import pytest
from django.core import mail

from submissions.models import NotificationOutbox, Submission
from submissions.services import outbox_drain
from tests.submissions.journey import CONFIRMATION_URL, answer_everything, submit

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def timed_submit(client, capture):
    started = time.monotonic()
    with capture(execute=True):
        response = submit(client)
    return response, time.monotonic() - started


@pytest.mark.django_db
def test_redis_stopped_the_form_still_goes_through_and_is_notified_when_redis_returns(
    client, private_broker, django_capture_on_commit_callbacks, mailoutbox
):
    answer_everything(client)
    private_broker.stop()

    response, elapsed = timed_submit(client, django_capture_on_commit_callbacks)

    assert response.url == CONFIRMATION_URL
    assert elapsed < 5, f"submit took {elapsed:.2f}s with Redis stopped"
    page = client.get(CONFIRMATION_URL)
    submission = Submission.objects.get()
    assert submission.reference in page.content.decode()
    outbox = NotificationOutbox.objects.get(submission=submission)
    assert outbox.sent_at is None and mailoutbox == []

    private_broker.start()  # Redis is back; the beat's periodic sweep runs
    assert outbox_drain() == (1, 0)
    outbox.refresh_from_db()
    assert outbox.sent_at is not None
    assert [m.subject for m in mail.outbox] and submission.reference in mail.outbox[0].body
    print(f"submit with Redis stopped: {elapsed:.2f}s")


@pytest.mark.django_db
def test_redis_frozen_the_request_returns_within_its_timeout(
    client, private_broker, django_capture_on_commit_callbacks, settings
):
    answer_everything(client)
    private_broker.freeze()  # accepts connections, never answers
    try:
        response, elapsed = timed_submit(client, django_capture_on_commit_callbacks)
    finally:
        private_broker.thaw()
    print(f"submit with Redis frozen: {elapsed:.2f}s")
    assert response.url == CONFIRMATION_URL
    # One broker timeout (REDIS_TIMEOUT_SECONDS) plus the request's own work, never a hang.
    assert elapsed < settings.REDIS_TIMEOUT_SECONDS * 2 + 1.5
    assert NotificationOutbox.objects.get().sent_at is None  # the sweep will send it


@pytest.mark.django_db
def test_queued_notifications_carry_an_id_and_nothing_else(
    client, private_broker, django_capture_on_commit_callbacks
):
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    queued = [json.loads(item) for item in private_broker.client().lrange("celery", 0, -1)]
    # The links index task is queued too and carries only the submission's id.
    raw = [m for m in queued if m["headers"]["task"] == "submissions.notification_send"]
    assert len(raw) == 1
    assert {m["headers"]["task"] for m in queued} <= {
        "submissions.notification_send",
        "links.index",
    }
    message = raw[0]
    args, kwargs, _ = json.loads(base64.b64decode(message["body"]))
    outbox = NotificationOutbox.objects.get()
    assert (args, kwargs) == ([str(outbox.pk)], {})
    assert message["headers"]["task"] == "submissions.notification_send"
    assert "Jade" not in json.dumps(message) and "Quennell" not in json.dumps(message)
