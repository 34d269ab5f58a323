import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render


@login_not_required
def csrf_failure(request, reason=""):
    """A stale or missing form token: say so plainly. Answers stay in the session."""
    return render(request, "errors/csrf.html", status=403)


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def bad_request(request, exception=None):
    return render(request, "errors/400.html", status=400)


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


@login_not_required
def server_error(request):
    # Django calls this while handling the exception, so it is still available here. A database
    # that is down is "try again later" (503), not a bug: the answers wait in the session.
    exception = sys.exc_info()[1]
    if isinstance(exception, (OperationalError, InterfaceError)):
        return render(request, "errors/503.html", status=503)
    return render(request, "errors/500.html", status=500)
