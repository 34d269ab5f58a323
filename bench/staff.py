"""Bench staff: handlers for take-next, and one who signs in over HTTP with a TOTP code.

The HTTP handler goes through the real sign-in pages (password, then a TOTP code computed from
the device's key), so the measured staff requests carry exactly the session production gives.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HTTP_USERNAME = "bench.http"
TIMEOUT_SECONDS = 30


def loopback_cookies(session: requests.Session) -> requests.Session:
    """Send every stored cookie back, Secure ones included, to the app on 127.0.0.1.

    The app runs with production settings, so its cookies are Secure (and named __Host-); the
    bench speaks plain HTTP on loopback, where a client would hold them back. requests merges
    cookies through a fresh jar with the default policy, so the header is set here instead.
    """
    prepare = session.prepare_request

    def prepare_request(request):
        prepared = prepare(request)
        if urlsplit(prepared.url).hostname != "127.0.0.1":
            raise RuntimeError("The bench only ever talks to 127.0.0.1.")
        cookies = "; ".join(f"{cookie.name}={cookie.value}" for cookie in session.cookies)
        if cookies:
            prepared.headers["Cookie"] = cookies
        return prepared

    session.prepare_request = prepare_request
    return session


@dataclass
class BenchUser:
    user: object
    password: str
    device: object | None = None


def _user_ensure(username: str, group_name: str, *, with_device: bool) -> BenchUser:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    User = get_user_model()
    user, _ = User.objects.get_or_create(username=username)
    password = secrets.token_urlsafe(18)
    user.set_password(password)
    user.is_active = True
    user.save()
    user.groups.set([Group.objects.get(name=group_name)])
    device = None
    if with_device:
        # A fresh device each run: a TOTP code works once, and earlier runs used theirs.
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="Bench", confirmed=True)
    return BenchUser(user=user, password=password, device=device)


def handlers_ensure(count: int) -> list[BenchUser]:
    from accounts.access import HANDLER_GROUP
    from accounts.groups import staff_groups_ensure

    staff_groups_ensure()
    return [
        _user_ensure(f"bench.handler{number:02d}", HANDLER_GROUP, with_device=False)
        for number in range(1, count + 1)
    ]


def http_handler_ensure() -> BenchUser:
    from accounts.access import HANDLER_GROUP
    from accounts.groups import staff_groups_ensure

    staff_groups_ensure()
    return _user_ensure(HTTP_USERNAME, HANDLER_GROUP, with_device=True)


def _totp(device) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _form_post(session: requests.Session, base_url: str, path: str, data: dict) -> str:
    page = session.get(base_url + path, timeout=TIMEOUT_SECONDS)
    page.raise_for_status()
    match = CSRF.search(page.text)
    if match is None:
        raise RuntimeError(f"No CSRF token on {path}: has the sign-in page changed?")
    response = session.post(
        page.url,
        data={"csrfmiddlewaretoken": match.group(1), **data},
        allow_redirects=False,
        timeout=TIMEOUT_SECONDS,
    )
    if response.status_code not in (301, 302, 303):
        raise RuntimeError(f"Signing in failed at {path} (HTTP {response.status_code}).")
    location = urlsplit(response.headers["Location"])
    return location.path + (f"?{location.query}" if location.query else "")


def http_sign_in(base_url: str, bench_user: BenchUser) -> requests.Session:
    """A requests session signed in through the real pages: password, then a TOTP code."""
    session = loopback_cookies(requests.Session())
    two_factor = _form_post(
        session,
        base_url,
        "/accounts/sign-in/?next=/staff/",
        {"username": bench_user.user.username, "password": bench_user.password},
    )
    _form_post(session, base_url, two_factor, {"otp_token": _totp(bench_user.device)})
    check = session.get(base_url + "/staff/", allow_redirects=False, timeout=TIMEOUT_SECONDS)
    if check.status_code != 200:
        raise RuntimeError(
            f"The signed-in handler cannot open the queue (HTTP {check.status_code})."
        )
    return session
