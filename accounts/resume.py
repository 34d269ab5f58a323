"""Keep what a member of staff typed when a security check interrupts them.

When a form is posted but the session has timed out, or a sensitive action needs the password again,
the posted fields are put aside in the (encrypted) session, bound to the user and the page. After
they sign in or confirm who they are, a "Continue" page posts the same fields again, with a fresh
form token, so nothing they typed is lost. Nothing is resubmitted without them pressing the button.
"""

from urllib.parse import urlsplit

RESUME = "cpi_resume"
# Never carried over: the old form token is useless, and passwords are never stored.
NOT_CARRIED = {"csrfmiddlewaretoken", "password", "secret", "otp_token"}


def post_stash(session, *, user_id, path: str, data) -> None:
    fields = [
        [name, value]
        for name, values in data.lists()
        if name not in NOT_CARRIED
        for value in values
    ]
    session[RESUME] = {"user_id": user_id, "path": path, "fields": fields}


def _stash_for(session, *, user_id, next_url: str) -> dict | None:
    stash = session.get(RESUME)
    if not stash or stash.get("user_id") != user_id:
        return None
    return stash if stash.get("path") == urlsplit(next_url).path else None


def post_waiting(session, *, user_id, next_url: str) -> bool:
    """Whether fields typed on `next_url` wait to be offered back (without taking them)."""
    return _stash_for(session, user_id=user_id, next_url=next_url) is not None


def post_take(session, *, user_id, next_url: str) -> list[tuple[str, str]] | None:
    """The fields put aside for this user and page, once; None if there are none."""
    stash = session.get(RESUME)
    if not stash:
        return None
    del session[RESUME]
    if stash.get("user_id") != user_id or stash.get("path") != urlsplit(next_url).path:
        return None
    return [(name, value) for name, value in stash.get("fields", [])]
