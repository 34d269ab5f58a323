"""Every triage view walked through anonymous -> no group -> handler -> supervisor."""

import pytest
from django.urls import reverse

from submissions.models import Outcome, Risk, Status
from tests.factories import SubmissionFactory
from triage import services

SIGN_IN = reverse("accounts:login")


def _walk_setup(handler_user):
    """One submission held by the handler, ready for every kind of request."""
    submission = SubmissionFactory()
    services.submission_claim(submission=submission, user=handler_user)
    return submission


# (url name, method, needs a reference, what the handler gets, what the supervisor gets)
VIEWS = [
    ("triage:queue", "get", False, 200, 200),
    ("triage:take_next", "post", False, 302, 302),
    ("triage:bulk", "post", False, 302, 302),
    ("triage:detail", "get", True, 200, 200),
    ("triage:claim", "post", True, 302, 302),
    ("triage:release", "post", True, 302, 302),
    ("triage:assign", "post", True, 403, 302),
    ("triage:reveal", "get", True, 200, 200),
    ("triage:assess", "get", True, 200, 403),
    ("triage:note", "post", True, 302, 302),
    ("triage:review", "post", True, 403, 302),
]


def _request(client, name, method, with_reference, submission, handler_user):
    url = reverse(name, args=[submission.reference] if with_reference else [])
    data = {}
    if name == "triage:bulk":
        data = {"action": "release", "references": [submission.reference]}
    elif name == "triage:assign":
        data = {"assignee": handler_user.pk}
    elif name == "triage:note":
        data = {"text": "A note"}
    elif name == "triage:review":
        data = {"decision": "approve"}
    return getattr(client, method)(url, data)


@pytest.mark.parametrize(("name", "method", "with_reference", "handler", "supervisor"), VIEWS)
@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(
    client, handler_user, name, method, with_reference, handler, supervisor
):
    submission = _walk_setup(handler_user)
    response = _request(client, name, method, with_reference, submission, handler_user)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


@pytest.mark.parametrize(("name", "method", "with_reference", "handler", "supervisor"), VIEWS)
def test_users_in_no_staff_group_are_refused(
    outsider_client, handler_user, name, method, with_reference, handler, supervisor
):
    submission = _walk_setup(handler_user)
    response = _request(outsider_client, name, method, with_reference, submission, handler_user)
    assert response.status_code in (403, 404)
    submission.refresh_from_db()
    assert submission.notes.count() == 0
    assert (submission.status, submission.assigned_to) == (Status.IN_PROGRESS, handler_user)


@pytest.mark.parametrize(("name", "method", "with_reference", "handler", "supervisor"), VIEWS)
def test_handlers_work_the_queue(
    handler_client, handler_user, name, method, with_reference, handler, supervisor
):
    submission = _walk_setup(handler_user)
    response = _request(handler_client, name, method, with_reference, submission, handler_user)
    assert response.status_code == handler


@pytest.mark.parametrize(("name", "method", "with_reference", "handler", "supervisor"), VIEWS)
def test_supervisors_work_the_queue_and_review(
    supervisor_client, handler_user, name, method, with_reference, handler, supervisor
):
    submission = _walk_setup(handler_user)
    if name == "triage:review":
        services.outcome_record(
            submission=submission,
            user=handler_user,
            version=submission.version,
            data={
                "risk": Risk.HIGH,
                "priority": 1,
                "source_evaluation": "1",
                "intelligence_assessment": "A",
                "handling_code": "P",
                "outcome": Outcome.NO_ACTION,
                "no_action_rationale": "Known to the MASH already.",
            },
        )
    response = _request(supervisor_client, name, method, with_reference, submission, handler_user)
    assert response.status_code == supervisor


def test_an_unknown_reference_is_not_found(handler_client):
    response = handler_client.get(reverse("triage:detail", args=["CPI-2222-2222"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "name", ["triage:claim", "triage:release", "triage:note", "triage:take_next"]
)
def test_state_changes_are_refused_on_get(handler_client, handler_user, name):
    submission = _walk_setup(handler_user)
    args = [] if name == "triage:take_next" else [submission.reference]
    assert handler_client.get(reverse(name, args=args)).status_code == 405
