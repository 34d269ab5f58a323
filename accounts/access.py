"""Who may do what in the staff area. One place, so views never decide access ad hoc."""

from functools import wraps

from django.core.exceptions import PermissionDenied

from accounts.middleware import is_verified, redirect_to_two_factor

HANDLER_GROUP = "Intelligence handler"
SUPERVISOR_GROUP = "Supervisor"
WORK_QUEUE_PERMISSION = "submissions.work_queue"
SUPERVISE_PERMISSION = "submissions.supervise"


def is_handler(user) -> bool:
    """Handlers and supervisors both work the queue."""
    return bool(user and user.is_authenticated and user.has_perm(WORK_QUEUE_PERMISSION))


def is_supervisor(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SUPERVISE_PERMISSION))


def _staff_view(allowed):
    """Staff views need a second factor as well as the right group.

    TwoFactorRequiredMiddleware already sends unverified users to the code page; checking here too
    means a staff view stays closed even if the middleware list is ever changed.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not is_verified(request.user):
                return redirect_to_two_factor(request)
            if not allowed(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def handler_required(view):
    return _staff_view(is_handler)(view)


def supervisor_required(view):
    return _staff_view(is_supervisor)(view)
