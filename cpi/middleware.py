import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.security import SecurityMiddleware
from django.shortcuts import render

from cpi.crypto import DecryptionError

logger = logging.getLogger(__name__)


class EveryResponseHeadersMiddleware:
    """First in MIDDLEWARE, so the last to see each response: all leave with the same headers.

    A request can be refused inside another middleware: a Host header not in ALLOWED_HOSTS is
    refused where the host is first read (CommonMiddleware, or SecurityMiddleware's redirect to
    HTTPS), and its 400 page then skips every middleware further in (X-Frame-Options, no-store,
    even the CSP). The header middleware each leave a header already set alone, so running them
    again here completes such a response and changes nothing on the others.

    Nothing is cached but static assets: staff pages, and public pages that show a professional's
    own answers (check your answers) on what may be a shared computer.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header_middleware = (
            SecurityMiddleware(get_response),
            CSPMiddleware(get_response),
            XFrameOptionsMiddleware(get_response),
        )

    def __call__(self, request):
        response = self.get_response(request)
        for middleware in self.header_middleware:
            response = middleware.process_response(request, response)
        if not request.path.startswith("/static/"):
            response["Cache-Control"] = "no-store, max-age=0"
            response["Pragma"] = "no-cache"
        return response


class DecryptionErrorMiddleware:
    """A value no configured key can decrypt fails closed: a generic error page, nothing shown.

    The request stops where the row was read, so nothing half-read is saved back. The log says
    what to check (the keys) and which page, never the value.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DecryptionError):
            return None
        logger.error(
            "A stored value could not be decrypted on %s %s: check ENCRYPTION_KEYS holds every "
            "key still in use.",
            request.method,
            request.path,
        )
        return render(request, "errors/500.html", status=500)


class RequestBodyCapMiddleware:
    """Any request body over settings.DATA_UPLOAD_MAX_MEMORY_SIZE gets the friendly 413 page.

    Django's own cap counts only form fields: a multipart file part of any size was read to a
    temporary file before the form saw it. This refuses on the declared length, before anything
    is parsed. A body without a length (chunked) is refused with the 400 page: no browser sends a
    form that way, and Django would silently read it as empty. A refused body is read and dropped
    (up to settings.REQUEST_BODY_DRAIN_BYTES) because closing the connection on an unread upload
    resets it, and the browser then shows a network error instead of the page.
    """

    CHUNK = 64 * 1024

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        declared = meta.get("CONTENT_LENGTH") or ""
        try:
            length = int(declared) if declared else None
        except ValueError:
            length = -1
        if length is None and meta.get("HTTP_TRANSFER_ENCODING"):
            logger.warning("Request refused: a body with no length on %s", request.path)
            # Only a server that marks the stream as ending (gunicorn) can be read to its end.
            if meta.get("wsgi.input_terminated"):
                self._discard(request, settings.REQUEST_BODY_DRAIN_BYTES)
            return self._refused(request, "errors/400.html", 400)
        if length is not None and length < 0:
            logger.warning("Request refused: an unreadable Content-Length on %s", request.path)
            return self._refused(request, "errors/400.html", 400)
        if length is not None and length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            logger.warning("Request refused: a body of %d bytes on %s", length, request.path)
            self._discard(request, min(length, settings.REQUEST_BODY_DRAIN_BYTES))
            return self._refused(request, "errors/413.html", 413)
        return self.get_response(request)

    def _discard(self, request, limit: int) -> None:
        stream = request.META.get("wsgi.input")
        remaining = limit
        try:
            while stream is not None and remaining > 0:
                chunk = stream.read(min(self.CHUNK, remaining))
                if not chunk:
                    break
                remaining -= len(chunk)
        except OSError:
            pass  # the client gave up: nobody is left to answer

    @staticmethod
    def _refused(request, template: str, status: int):
        response = render(request, template, status=status)
        response["Cache-Control"] = "no-store, max-age=0"
        return response


class MethodNotAllowedPageMiddleware:
    """A 405 (a POST-only address opened by a link or a bookmark) shows a page, not a blank one.

    Django answers require_POST and friends with an empty body; the Allow header is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        empty = not getattr(response, "streaming", False) and not response.content
        if response.status_code == 405 and empty:
            page = render(request, "errors/405.html", status=405)
            page["Allow"] = response.get("Allow", "")
            return page
        return response


class NullCharacterMiddleware:
    """An address with a NUL character gets the 404 page: no page has one, and PostgreSQL refuses
    it in a query, so a value from the path (a reference, an id) would otherwise be a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if "\x00" in request.path or "\x00" in query or "%00" in query:
            return render(request, "errors/404.html", status=404)
        return self.get_response(request)
