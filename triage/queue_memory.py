"""The queue remembers a handler's last filters for the rest of their session.

A handler who filters the queue, opens a submission and comes back (by the header link, after
"Take next", after a bulk action) finds the queue as they left it. Only the filters and sort are
kept, never a page cursor; "Clear filters" forgets them. Kept in the (encrypted, staff) session,
so they end when the session does.
"""

from django.http import QueryDict

SESSION_KEY = "triage_queue_filters"
# Where in the queue they were is not a filter: a cursor goes stale as items are claimed.
NOT_REMEMBERED = ("after", "before", "clear")


def filters_remembered(session) -> str:
    """The query string of the last filters used in this session, or ""."""
    return session.get(SESSION_KEY, "")


def filters_remember(session, query: QueryDict) -> None:
    kept = query.copy()
    for name in NOT_REMEMBERED:
        kept.pop(name, None)
    encoded = kept.urlencode()
    # Written only when it changes: an unchanged session is not saved again on every page.
    if session.get(SESSION_KEY, "") != encoded:
        session[SESSION_KEY] = encoded


def filters_forget(session) -> None:
    session.pop(SESSION_KEY, None)
