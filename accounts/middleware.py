"""Staff must prove a second factor: signed in with a password is not enough to see anything."""

from urllib.parse import urlencode

from django.http import HttpResponseRedirect
from django.urls import reverse


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
