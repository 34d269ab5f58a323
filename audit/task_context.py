"""The request id travels with the tasks a request queues: a worker's audit entries and log lines
carry the id of the request that caused them, so one submission can be followed from the proxy's
log to the worker's and to the trail.

The id rides in the task message's headers (set when the task is published, from the request
being served) and is bound for the task's run in the worker. Eager tasks run inside the request,
whose id is already bound.
"""

from __future__ import annotations

from celery.signals import before_task_publish, task_postrun, task_prerun

from audit.context import current_request_id, request_id_bind, request_id_choose, request_id_unbind

HEADER = "cpi_request_id"
_bound: dict[str, object] = {}


def _id_into_the_message(headers: dict | None = None, **kwargs) -> None:
    request_id = current_request_id()
    if request_id and headers is not None:
        headers[HEADER] = request_id


def _id_bound_for_the_run(task_id: str | None = None, task=None, **kwargs) -> None:
    carried = getattr(task.request, HEADER, None) if task is not None else None
    if carried and task_id:
        # What came over the broker is checked as a proxy's header is: well formed or replaced.
        _bound[task_id] = request_id_bind(request_id_choose(carried))


def _id_unbound_after(task_id: str | None = None, **kwargs) -> None:
    token = _bound.pop(task_id, None) if task_id else None
    if token is not None:
        request_id_unbind(token)


def connect() -> None:
    before_task_publish.connect(_id_into_the_message, dispatch_uid="audit.request_id_publish")
    task_prerun.connect(_id_bound_for_the_run, dispatch_uid="audit.request_id_prerun")
    task_postrun.connect(_id_unbound_after, dispatch_uid="audit.request_id_postrun")
