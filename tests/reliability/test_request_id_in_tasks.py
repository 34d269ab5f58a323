"""A task queued by a request carries its id to the worker: the worker's audit entries name the
request that caused them."""

import pytest

from audit.context import current_request_id, request_id_bind, request_id_unbind
from audit.models import Action, AuditEvent
from audit.task_context import (
    HEADER,
    _id_bound_for_the_run,
    _id_into_the_message,
    _id_unbound_after,
)
from intelligence.models import Export, ExportStatus
from intelligence.tasks import export_run
from tests.factories import IntelligenceLogFactory
from tests.reliability.harness import wait_for


class _Request:
    pass


class _Task:
    def __init__(self, carried: str | None) -> None:
        self.request = _Request()
        if carried is not None:
            setattr(self.request, HEADER, carried)


def test_the_request_id_goes_into_the_message_and_is_bound_for_the_run_only() -> None:
    token = request_id_bind("req-0123456789")
    try:
        headers: dict = {}
        _id_into_the_message(headers=headers)
    finally:
        request_id_unbind(token)
    assert headers == {HEADER: "req-0123456789"}

    _id_bound_for_the_run(task_id="t1", task=_Task(headers[HEADER]))
    assert current_request_id() == "req-0123456789"
    _id_unbound_after(task_id="t1")
    assert current_request_id() == ""


def test_no_request_no_header_and_a_forged_id_is_replaced() -> None:
    headers: dict = {}
    _id_into_the_message(headers=headers)
    assert headers == {}

    _id_bound_for_the_run(task_id="t2", task=_Task("bad id\r\nFORGED"))
    try:
        assert current_request_id() not in ("", "bad id\r\nFORGED")
    finally:
        _id_unbound_after(task_id="t2")


@pytest.mark.postgres
@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_real_workers_audit_entry_names_the_request_that_queued_it(
    private_broker, start_worker, supervisor_user
) -> None:
    IntelligenceLogFactory.create_batch(2)
    export = Export.objects.create(
        requester=supervisor_user,
        format="csv",
        purpose="Briefing for the neighbourhood team",
        recipient="Neighbourhood Policing",
    )
    start_worker()
    token = request_id_bind("req-queued-by-42")
    try:
        export_run.delay(str(export.pk))
    finally:
        request_id_unbind(token)

    def complete() -> bool:
        export.refresh_from_db()
        return export.status == ExportStatus.COMPLETE

    wait_for(complete, timeout=30, what="the export to complete")
    completed = AuditEvent.objects.get(action=Action.EXPORT_COMPLETED, object_id=str(export.pk))
    assert completed.request_id == "req-queued-by-42"
