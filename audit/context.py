"""The request being served, for audit entries written from signal receivers (which get none)."""

from contextvars import ContextVar

_current_request: ContextVar = ContextVar("audit_current_request", default=None)


def current_request():
    return _current_request.get()


def request_bind(request):
    return _current_request.set(request)


def request_unbind(token) -> None:
    _current_request.reset(token)
