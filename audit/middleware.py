from django.core.exceptions import PermissionDenied

from audit.context import (
    REQUEST_ID_HEADER,
    request_bind,
    request_id_bind,
    request_id_choose,
    request_id_unbind,
    request_unbind,
)
from audit.models import Action
from audit.services import audit_event_record

STAFF_PREFIXES = ("/staff/", "/admin/")


class RequestIdMiddleware:
    """Gives each request an id: on every log line it causes, on its audit entries, and in the
    response's X-Request-ID header, so a report from a user or a proxy's log leads to both.

    A well-formed X-Request-ID from the proxy in front is kept (its log and ours then share the
    id); anything else, or none, gets a new one. Near the top of MIDDLEWARE, so even a request the
    middleware below refuse (a bad Host) is logged with its id.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_choose(request.headers.get(REQUEST_ID_HEADER))
        token = request_id_bind(request.request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_unbind(token)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


class AuditMiddleware:
    """Records refused access to staff pages, and lends the request to the change-log receivers.

    A refusal raised as PermissionDenied is recorded in process_exception; any other 403 under the
    staff area (a view that answers 403 itself) is recorded on the way out. Only the path is kept,
    never the query string, which could hold search terms typed by a handler.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request_bind(request)
        try:
            response = self.get_response(request)
        finally:
            request_unbind(token)
        if (
            response.status_code == 403
            and request.path.startswith(STAFF_PREFIXES)
            and not getattr(request, "_audit_denial_recorded", False)
        ):
            self._record(request, reason="refused")
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            self._record(request, reason="permission_denied")
        return None

    @staticmethod
    def _record(request, *, reason: str) -> None:
        request._audit_denial_recorded = True
        audit_event_record(
            action=Action.PERMISSION_DENIED,
            request=request,
            details={"path": request.path[:300], "method": request.method, "reason": reason},
        )
