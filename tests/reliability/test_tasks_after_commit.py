"""A task queued inside a transaction that rolls back is never sent, so it never runs."""

import base64
import json
import uuid

import pytest
from django.db import transaction

from intelligence.models import Export
from intelligence.services import export_request
from submissions.models import Submission
from submissions.services import submission_create
from tests.submissions.journey import session_answers

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


class LaterStepFailed(Exception):
    pass


def request_export(user):
    return export_request(
        requester=user,
        format="csv",
        purpose="Briefing for the neighbourhood team",
        recipient="Neighbourhood Policing",
    )


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_export_request_never_queues_its_task(private_broker, supervisor_user):
    queue = private_broker.client()
    with pytest.raises(LaterStepFailed), transaction.atomic():
        request_export(supervisor_user)
        raise LaterStepFailed
    assert queue.llen("celery") == 0
    assert not Export.objects.exists()

    # The same request committed is queued exactly once, after the commit.
    with transaction.atomic():
        export = request_export(supervisor_user)
        assert queue.llen("celery") == 0
    assert queue.llen("celery") == 1
    message = json.loads(queue.lindex("celery", 0))
    args, kwargs, _ = json.loads(base64.b64decode(message["body"]))
    assert (message["headers"]["task"], args, kwargs) == (
        "intelligence.tasks.export_run",
        [str(export.pk)],
        {},
    )


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_submission_never_queues_its_notification(private_broker):
    queue = private_broker.client()
    with pytest.raises(LaterStepFailed), transaction.atomic():
        submission_create(answers=session_answers(), submission_token=uuid.uuid4())
        raise LaterStepFailed
    assert queue.llen("celery") == 0
    assert not Submission.objects.exists()

    submission_create(answers=session_answers(), submission_token=uuid.uuid4())
    # Committed: its notification and its links index task, once each.
    tasks = sorted(json.loads(m)["headers"]["task"] for m in queue.lrange("celery", 0, -1))
    assert tasks == ["links.index", "submissions.notification_send"]
