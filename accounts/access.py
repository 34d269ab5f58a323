"""Who may do what in the staff area. One place, so views never decide access ad hoc."""

from functools import wraps

from django.core.exceptions import PermissionDenied

HANDLER_GROUP = "Intelligence handler"
SUPERVISOR_GROUP = "Supervisor"
WORK_QUEUE_PERMISSION = "submissions.work_queue"
SUPERVISE_PERMISSION = "submissions.supervise"


def is_handler(user) -> bool:
    """Handlers and supervisors both work the queue."""
    return bool(user and user.is_authenticated and user.has_perm(WORK_QUEUE_PERMISSION))


def is_supervisor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SUPERVISE_PERMISSION))


def handler_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_handler(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def supervisor_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_supervisor(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
