"""Staff sessions: a second factor before anything is seen (signed in with a password is not
enough), and sessions that end when idle or too long."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect
from django.urls import reverse

from accounts import sessions
from accounts.resume import post_stash


def two_factor_exempt(view):
    """Mark a view reachable after the password step but before the TOTP code (sign-in steps)."""
    view.two_factor_exempt = True
    return view


def is_verified(user) -> bool:
    """Signed in with a password and a TOTP code in this session."""
    if user is None or not user.is_authenticated:
        return False
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def redirect_to_two_factor(request) -> HttpResponseRedirect:
    query = urlencode({"next": request.get_full_path()})
    return HttpResponseRedirect(f"{reverse('accounts:two_factor')}?{query}")


class TwoFactorRequiredMiddleware:
    """Deny by default, as LoginRequiredMiddleware does, but for the second factor.

    Any view that is not public (login_not_required) or a sign-in step (two_factor_exempt) sends a
    user who has given only a password to the TOTP step. The Django admin is held to the same rule
    and its own password-only sign-in page is replaced by ours.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name == "admin:login":
            query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
            return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")
        if getattr(view_func, "two_factor_exempt", False):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        if request.user.is_authenticated and not is_verified(request.user):
            return redirect_to_two_factor(request)
        return None


class StaffSessionMiddleware:
    """Staff sessions end after 30 minutes idle or 12 hours in all (settings.STAFF_SESSION_*).

    Only signed-in users are touched: professionals on the public form are anonymous and keep the
    ordinary session. A form posted into an ended session is put aside (accounts.resume) and
    offered back after signing in again, so a long assessment typed slowly is not lost.
    """

    # Refresh the idle clock at most this often, rather than writing the session on every request.
    TOUCH_EVERY_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            session = request.session
            reason = sessions.session_expiry_reason(session)
            if reason is not None:
                return self._signed_out(request, reason)
            moment = sessions.now()
            if sessions.SIGNED_IN_AT not in session:
                # Signed in some other way (the admin, a test's force_login): start the clocks now.
                session[sessions.SIGNED_IN_AT] = moment
            last_seen = session.get(sessions.LAST_SEEN_AT)
            if last_seen is None or moment - float(last_seen) >= self.TOUCH_EVERY_SECONDS:
                session[sessions.LAST_SEEN_AT] = moment
                # The stored session expires with the idle limit too, not only this check.
                session.set_expiry(settings.STAFF_SESSION_IDLE_SECONDS)
        return self.get_response(request)

    @staticmethod
    def _signed_out(request, reason: str):
        user_id = request.user.pk
        logout(request)
        next_url = request.get_full_path()
        if request.method == "POST":
            post_stash(request.session, user_id=user_id, path=request.path, data=request.POST)
            next_url = request.path
        messages.info(
            request,
            "You were signed out because you had not used the service for 30 minutes"
            if reason == "idle"
            else "You were signed out because you had been signed in for 12 hours",
        )
        return redirect_to_login(next_url, reverse("accounts:login"))
