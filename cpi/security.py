"""Flood protection for the public form, on the shared cache (Redis in production).

A client address is used only inside an HMAC that names an expiring counter: the address itself is
never stored, logged or sent anywhere. If the cache is down the request goes ahead (fail open):
refusing a professional's form because Redis is unwell would lose the information we exist for.
A flood during a Redis outage is met by the proxy's limits and the request size cap instead.

A Redis that hangs must not slow the form either: the counters have their own short timeout (the
"ratelimit" cache, settings.RATE_LIMIT_TIMEOUT_MS), and after one failure this process skips the
counters for CACHE_RETRY_SECONDS rather than waiting on every check of every request.
"""

import hashlib
import hmac
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.shortcuts import render

from cpi.net import client_ip

logger = logging.getLogger(__name__)
CACHE_RETRY_SECONDS = 30
_cache_down_until = 0.0


def _counter_key(scope: str, address: str, window: int) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{scope}|{address}|{window}".encode(), hashlib.sha256
    ).hexdigest()
    return f"ratelimit:{scope}:{digest}"


def rate_limit_exceeded(request, *, scope: str, limit: int, period: int) -> bool:
    """Count this request against `limit` per `period` seconds for its client address."""
    global _cache_down_until
    address = client_ip(request)
    if not address or limit <= 0 or time.monotonic() < _cache_down_until:
        return False
    window = int(time.time() // period)
    key = _counter_key(scope, address, window)
    counters = caches["ratelimit"]
    try:
        counters.add(key, 0, timeout=period)
        count = counters.incr(key)
    except Exception as exc:  # any cache failure: let the professional through
        _cache_down_until = time.monotonic() + CACHE_RETRY_SECONDS
        logger.warning(
            "Rate limits skipped for %ss: cache unavailable (%s)",
            CACHE_RETRY_SECONDS,
            type(exc).__name__,
        )
        return False
    return count > limit


def too_many_requests(request):
    return render(request, "errors/429.html", {"reason": "flood"}, status=429)


def submission_rate_limited(view):
    """Limit how many forms one client address may send per hour (settings.SUBMISSION_RATE_LIMIT).

    Only POSTs count; the answers stay in the session, so a refused professional loses nothing.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and rate_limit_exceeded(
            request, scope="submission", limit=settings.SUBMISSION_RATE_LIMIT, period=3600
        ):
            logger.warning("Submission refused: too many from one client in an hour")
            return too_many_requests(request)
        return view(request, *args, **kwargs)

    return wrapper


class PublicPostFloodMiddleware:
    """A generous ceiling on all anonymous POSTs (settings.PUBLIC_POST_RATE_LIMIT per hour).

    Every page of the form saves answers in a database session; a script posting thousands of
    pages would fill the session table. Staff are signed in and unaffected.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method == "POST"
            and not request.user.is_authenticated
            and rate_limit_exceeded(
                request, scope="public-post", limit=settings.PUBLIC_POST_RATE_LIMIT, period=3600
            )
        ):
            logger.warning("Public POST refused: too many from one client in an hour")
            return too_many_requests(request)
        return self.get_response(request)
