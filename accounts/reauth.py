"""Sensitive actions (revealing a source, exporting) need a recent password or TOTP code.

ASVS 3.7.1: a long-lived session is not enough to disclose a source; if the user last proved who
they are more than settings.STAFF_REAUTH_SECONDS (15 minutes) ago, they are asked again.
"""

from functools import wraps
from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts.resume import post_stash
from accounts.sessions import session_auth_is_recent


def confirm_url(next_url: str) -> str:
    return f"{reverse('accounts:confirm')}?{urlencode({'next': next_url})}"


def recent_auth_required(view):
    """Send the user to /accounts/confirm/ first unless they authenticated in the last 15 minutes.

    For a POST, what they typed is put aside and offered back after they confirm (accounts.resume).
    Apply it inside the access decorator so outsiders still get 403 without being asked.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if session_auth_is_recent(request.session):
            return view(request, *args, **kwargs)
        if request.method == "POST":
            post_stash(
                request.session, user_id=request.user.pk, path=request.path, data=request.POST
            )
        return HttpResponseRedirect(confirm_url(request.get_full_path()))

    return wrapper
