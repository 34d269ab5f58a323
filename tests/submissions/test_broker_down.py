"""Redis down at the moment of submit: the submission succeeds; the outbox sends it later."""

import time

import pytest
from django.core.management import call_command

from submissions.models import NotificationOutbox, Submission
from tests.conftest import celery_broker_switch
from tests.submissions.journey import CONFIRMATION_URL, answer_everything, submit

pytestmark = pytest.mark.django_db

CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def broker_down(celery_broker):
    celery_broker_switch(celery_broker, CLOSED_PORT_BROKER)
    return celery_broker


def test_with_the_broker_down_the_submit_succeeds_quickly_and_the_drain_sends_it_later(
    client, broker_down, django_capture_on_commit_callbacks, mailoutbox, caplog
):
    answer_everything(client)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client)
    elapsed = time.monotonic() - started
    print(f"submit with the broker down: {elapsed:.3f}s")

    assert response.status_code == 302
    assert response.url == CONFIRMATION_URL
    assert elapsed < 3, f"submit took {elapsed:.1f}s with the broker down"
    submission = Submission.objects.get()
    assert submission.reference in client.get(CONFIRMATION_URL).content.decode()
    outbox = NotificationOutbox.objects.get(submission=submission)
    assert outbox.sent_at is None
    assert mailoutbox == []
    # The failure is logged, without any of the content.
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "not queued" in logged
    assert "Jade" not in logged and "Quennell" not in logged

    call_command("drain_outbox")
    outbox.refresh_from_db()
    assert outbox.sent_at is not None
    assert len(mailoutbox) == 1
    assert submission.reference in mailoutbox[0].subject


@pytest.mark.redis
def test_with_the_broker_up_the_notification_is_queued_not_sent_in_the_request(
    client, celery_broker, django_capture_on_commit_callbacks, mailoutbox, settings
):
    import redis

    connection = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    queue = celery_broker.conf.task_default_queue
    connection.delete(queue)
    answer_everything(client)
    with django_capture_on_commit_callbacks(execute=True):
        submit(client)
    try:
        queued = [item.decode() for item in connection.lrange(queue, 0, -1)]
        # The notification, and the links index's task (the submission's id only).
        notifications = [m for m in queued if "submissions.notification_send" in m]
        assert len(notifications) == 1 and len(queued) == 2
        message = notifications[0]
        outbox = NotificationOutbox.objects.get()
        assert "submissions.notification_send" in message
        assert str(outbox.pk) in message
        assert "Jade" not in message and "Quennell" not in message
        assert mailoutbox == []
    finally:
        connection.delete(queue)
