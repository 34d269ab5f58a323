"""One family of domain errors, and one mapping from them to what a person reads.

A service refuses with a DomainError (its `message` is shown as it is; `forbidden` ones become a
403) or, when the refusal is about what was typed, with Django's ValidationError, whose fields
say where a form shows it. Views catch DOMAIN_ERRORS and hand them to `domain_error_show`, or
read `error_messages` where the words go elsewhere (a form, a list of results).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


class DomainError(Exception):
    """Something a person asked for that cannot be done; `message` is shown to them as it is."""

    # True when the person may see the thing but not do this to it: answered with a 403.
    forbidden = False

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


DOMAIN_ERRORS = (DomainError, ValidationError)


def error_messages(error: DomainError | ValidationError) -> list[str]:
    """The words a person reads for a refusal, one line each."""
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [error.message]


def domain_error_show(request, error: DomainError | ValidationError) -> None:
    """A forbidden refusal becomes a 403; any other is shown as messages on the next page."""
    if getattr(error, "forbidden", False):
        raise PermissionDenied(error.message) from error
    for message in error_messages(error):
        messages.error(request, message)
