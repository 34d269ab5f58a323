"""The project's URLs plus views that fail on purpose, for the error-page and logging tests."""

from django.contrib.auth.decorators import login_not_required
from django.db import OperationalError
from django.urls import path

from cpi.urls import handler400, handler403, handler404, handler500
from cpi.urls import urlpatterns as project
from submissions.models import Subject

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]


@login_not_required
def fails_quoting_input(request):
    """A bug whose exception message repeats what was posted (as ValueError("bad: ...") does)."""
    raise RuntimeError(f"could not handle {request.POST.get('information', '')}")


@login_not_required
def fails_in_the_database(request):
    """PostgreSQL quotes the whole failing row in a constraint error's DETAIL."""
    from tests.factories import SubmissionFactory

    submission = SubmissionFactory(with_people=False)
    Subject.objects.create(
        submission=submission, name=request.POST["information"], approximate_age=999
    )


@login_not_required
def fails_database_down(request):
    raise OperationalError(
        f"server closed the connection while saving {request.POST['information']}"
    )


urlpatterns = [
    path("test-faults/database-down/", fails_database_down),
    path("test-faults/quoting-input/", fails_quoting_input),
    path("test-faults/database/", fails_in_the_database),
    *project,
]
