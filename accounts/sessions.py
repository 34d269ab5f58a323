"""What the staff session remembers about sign-in, and the one place that reads it.

Times are stored as epoch seconds (JSON-serialisable in the session):
- SIGNED_IN_AT: when the password step succeeded (the 12-hour absolute limit runs from here);
- LAST_SEEN_AT: the last request (the 30-minute idle limit runs from here);
- AUTHENTICATED_AT: the last time the user proved who they are (password or TOTP code), which
  revealing a source or exporting requires to be recent.
"""

import time

from django.conf import settings

SIGNED_IN_AT = "cpi_signed_in_at"
LAST_SEEN_AT = "cpi_last_seen_at"
AUTHENTICATED_AT = "cpi_authenticated_at"


def now() -> float:
    return time.time()


def session_signed_in_mark(session) -> None:
    """The password step succeeded: start the absolute and idle clocks."""
    moment = now()
    session[SIGNED_IN_AT] = moment
    session[LAST_SEEN_AT] = moment
    session[AUTHENTICATED_AT] = moment


def session_authenticated_mark(session) -> None:
    """The user has just typed their password or a TOTP code."""
    session[AUTHENTICATED_AT] = now()


def session_auth_is_recent(session) -> bool:
    at = session.get(AUTHENTICATED_AT)
    return at is not None and now() - float(at) <= settings.STAFF_REAUTH_SECONDS


def session_expiry_reason(session) -> str | None:
    """Why a staff session has ended ("idle" or "absolute"), or None while it is still good."""
    moment = now()
    signed_in_at = session.get(SIGNED_IN_AT)
    last_seen_at = session.get(LAST_SEEN_AT)
    if signed_in_at is not None and moment - signed_in_at > settings.STAFF_SESSION_MAX_SECONDS:
        return "absolute"
    if last_seen_at is not None and moment - last_seen_at > settings.STAFF_SESSION_IDLE_SECONDS:
        return "idle"
    return None
