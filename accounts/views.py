"""Staff sign-in in two steps (password, then a TOTP code), re-authentication, and lockout."""

import base64
import io
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.signals import user_login_failed
from django.http import HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.forms import ConfirmForm, SignInForm, TokenForm
from accounts.middleware import is_verified, two_factor_exempt
from accounts.resume import post_take, post_waiting
from accounts.sessions import session_authenticated_mark, session_signed_in_mark


def _safe_next(request, default: str | None = None) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default or resolve_url(settings.LOGIN_REDIRECT_URL)


def _continue(request, next_url: str):
    """Back to where they were going, offering back anything they had typed on the way."""
    fields = post_take(request.session, user_id=request.user.pk, next_url=next_url)
    if fields:
        return render(request, "accounts/continue.html", {"action": next_url, "fields": fields})
    return HttpResponseRedirect(next_url)


def _locked_out(request, user) -> bool:
    return AxesProxyHandler.is_locked(request, credentials={"username": user.get_username()})


def _failed(request, user) -> None:
    """A wrong code counts as a failed sign-in: axes throttles it and the audit trail records it."""
    user_login_failed.send(
        sender=__name__, credentials={"username": user.get_username()}, request=request
    )


def lockout(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: too many failed attempts for this username from this address."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    return render(
        request,
        "errors/429.html",
        {"reason": "sign_in", "minutes": minutes},
        status=429,
    )


# --- Step 1: username and password ------------------------------------------------------------
@method_decorator(two_factor_exempt, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm

    def form_valid(self, form):
        # LoginView calls django.contrib.auth.login, which gives the session a new key.
        response = super().form_valid(form)
        session_signed_in_mark(self.request.session)
        return response

    def get_success_url(self):
        target = self.get_redirect_url() or resolve_url(settings.LOGIN_REDIRECT_URL)
        return f"{reverse('accounts:two_factor')}?{urlencode({'next': target})}"


# --- Step 2: a TOTP code (and enrolment the first time) ---------------------------------------
@two_factor_exempt
def two_factor(request):
    user = request.user
    next_url = _safe_next(request)
    if is_verified(user):
        return HttpResponseRedirect(next_url)
    factor = services.two_factor_device_get(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if _locked_out(request, user):
            logout(request)
            return lockout(request)
        if form.is_valid():
            check = services.two_factor_verify(factor=factor, token=form.cleaned_data["otp_token"])
            if check.verified:
                # Privilege has changed: a new session key, as at the password step.
                request.session.cycle_key()
                otp_login(request, factor.device)
                session_authenticated_mark(request.session)
                services.sign_in_record(user=user, enrolled_now=factor.enrolling)
                return _continue(request, next_url)
            _failed(request, user)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return lockout(request)
            form.add_error(
                "otp_token",
                "The code is not correct, or it has already been used. Enter the newest code "
                "from your authenticator app"
                if check.allowed
                else "Too many wrong codes. Wait a few seconds, then enter the newest code",
            )

    context = {"form": form, "next": next_url, "enrolling": factor.enrolling}
    if factor.enrolling:
        context.update(_enrolment_context(factor.device))
    return render(
        request,
        "accounts/two_factor_enrol.html" if factor.enrolling else "accounts/two_factor.html",
        context,
    )


def _enrolment_context(device: TOTPDevice) -> dict:
    uri = device.config_url
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=12)
    buffer = io.BytesIO()
    image.save(buffer)
    # An <img> with a data: URL: the page's CSP allows data: images, and no inline markup is needed.
    qr_data_url = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return {
        "qr_data_url": qr_data_url,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }


# --- Re-authentication before a sensitive action ----------------------------------------------
def confirm(request):
    user = request.user
    next_url = _safe_next(request)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST":
        if _locked_out(request, user):
            logout(request)
            return lockout(request)
        if form.is_valid():
            if _confirm_secret(request, form):
                session_authenticated_mark(request.session)
                return _continue(request, next_url)
            if getattr(request, "axes_locked_out", False):
                logout(request)
                return lockout(request)
            form.add_error("secret", "The password or code is not correct")
    # "Anything you typed has been kept" only when something was: not after following a link.
    kept = post_waiting(request.session, user_id=user.pk, next_url=next_url)
    return render(request, "accounts/confirm.html", {"form": form, "next": next_url, "kept": kept})


def _confirm_secret(request, form: ConfirmForm) -> bool:
    user = request.user
    if form.is_code():
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
        if (
            device is not None
            and device.verify_is_allowed()[0]
            and device.verify_token(form.code())
        ):
            return True
        _failed(request, user)
        return False
    # authenticate() goes through axes, which counts a wrong password as a failed sign-in.
    checked = authenticate(
        request, username=user.get_username(), password=form.cleaned_data["secret"]
    )
    return checked is not None and checked.pk == user.pk


# --- Sign out ---------------------------------------------------------------------------------
@login_not_required
@require_POST
def sign_out(request):
    """POST only; the session is flushed, so its old key is worthless from here on."""
    logout(request)
    messages.success(request, "You have signed out")
    return HttpResponseRedirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
