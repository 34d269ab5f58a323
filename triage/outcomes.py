"""What the apps above triage do when an outcome is recorded or reviewed.

Triage decides the outcome; an app above it may act on one (intelligence makes the sanitised log
of a "sanitised intelligence log" outcome, and approves or returns it with the outcome). Triage
imports none of them: each says here, in its AppConfig.ready, what to run. Every hook runs inside
the triage service's transaction, so a hook that refuses (raises) leaves nothing saved.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from submissions.models import Outcome

# Outcomes that mean nothing without the record another app makes for them.
NEEDS_HANDLER = {Outcome.INTELLIGENCE_LOG}


@dataclass(frozen=True)
class OutcomeHandler:
    # (*, submission, assessment, kept_phrases, user, approval_required) -> the record made
    record: Callable[..., Any]
    # (*, submission, supervisor) -> None
    approve: Callable[..., Any]
    send_back: Callable[..., Any]


_HANDLERS: dict[str, OutcomeHandler] = {}


def outcome_handler_register(
    outcome: str, *, record: Callable, approve: Callable, send_back: Callable
) -> None:
    _HANDLERS[str(outcome)] = OutcomeHandler(record=record, approve=approve, send_back=send_back)


def outcome_handler(outcome: str) -> OutcomeHandler | None:
    """The handler for `outcome`; None when no app acts on it (a referral, no action)."""
    handler = _HANDLERS.get(str(outcome))
    if handler is None and outcome in NEEDS_HANDLER:
        # Fail closed: recording a log outcome with nobody to make the log would lose it.
        raise ImproperlyConfigured(f"No app handles the {outcome!r} outcome")
    return handler
