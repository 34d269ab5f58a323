"""The request being served and its id, for audit entries and log lines written far from the view
(signal receivers, services, the log handlers), which are handed neither."""

import logging
import re
import uuid
from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)
_current_request_id: ContextVar[str] = ContextVar("audit_current_request_id", default="")

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or load balancer may hand us (a UUID, a hex or base64url token). Anything else is
# replaced, never cleaned up: the id is written into log lines and the audit trail as it is.
_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{7,63}")


def current_request():
    return _current_request.get()


def request_bind(request):
    return _current_request.set(request)


def request_unbind(token) -> None:
    _current_request.reset(token)


def request_id_choose(incoming: str | None) -> str:
    """The incoming id if it is well formed (8 to 64 of letters, digits, '_', '.', '-'), else a
    new one, so one request can be followed from the proxy's log to ours and to the trail."""
    if incoming and _WELL_FORMED_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex


def current_request_id() -> str:
    """The id of the request being served; empty outside one (a Celery task, a command)."""
    return _current_request_id.get()


def request_id_bind(request_id: str):
    return _current_request_id.set(request_id)


def request_id_unbind(token) -> None:
    _current_request_id.reset(token)


class RequestIdLogFilter(logging.Filter):
    """Gives every log record `request_id` (the request being served, or "-"), for the format."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id() or "-"
        return True
