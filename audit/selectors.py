"""Reads for the audit trail pages: keyset pages of entries, and what each entry says in words."""

import re
from dataclasses import dataclass
from datetime import UTC

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.utils import dateformat, timezone
from django.utils.dateparse import parse_date, parse_datetime

from audit.changelog import MASK
from audit.integrity import CHANGE_LOG_ACTIONS
from audit.labels import detail_value_label, words
from audit.models import Action, AuditEvent

PAGE_SIZE = 50
# Fields every change-log row repeats, which say nothing to a supervisor.
QUIET_FIELDS = {"id", "created_at", "updated_at"}
# Shown elsewhere, or too long to read in a table row (the CSV export has every detail).
HIDDEN_DETAILS = {
    "log_entry_id",
    "log_entry_digest",
    "changes",
    "record",
    "references",
    "references_sha256",
}


@dataclass
class TrailPage:
    events: list
    next_cursor: int | None
    newest_first: bool


def trail_page(
    queryset: QuerySet, *, cursor: str | None, newest_first: bool = True, size: int = PAGE_SIZE
) -> TrailPage:
    """One page by keyset on id: two queries at most (none to count), whatever the page."""
    try:
        position = int(cursor) if cursor else None
    except ValueError:
        position = None
    if newest_first:
        queryset = queryset.order_by("-id")
        if position is not None:
            queryset = queryset.filter(id__lt=position)
    else:
        queryset = queryset.order_by("id")
        if position is not None:
            queryset = queryset.filter(id__gt=position)
    rows = list(queryset[: size + 1])
    more = len(rows) > size
    events = rows[:size]
    events_summarise(events)
    return TrailPage(
        events=events, next_cursor=events[-1].id if more else None, newest_first=newest_first
    )


def _value(value) -> str:
    if value in (None, "None"):
        return ""
    return str(value)


# Change-log fields that say nothing a person reads: bookkeeping, and tokens (a submission's
# one-time form token) which are left out altogether. The submission a row belongs to is the
# timeline's own, and named on the trail by its reference.
HIDDEN_CHANGE_FIELDS = {"version", "submission"}
HIDDEN_CHANGE_SUFFIXES = ("token", "_key", "clearance", "_digest")
_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _model_field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _is_user_relation(field) -> bool:
    return bool(
        field is not None
        and getattr(field, "many_to_one", False)
        and field.related_model is get_user_model()
    )


def _when(value: str, *, with_time: bool) -> str:
    """A stored date or time (the change log keeps UTC without a zone) as people read it."""
    if with_time:
        moment = parse_datetime(value)
        if moment is None:
            return value
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment, UTC)
        return dateformat.format(timezone.localtime(moment), "j M Y H:i:s")
    day = parse_date(value)
    return dateformat.format(day, "j M Y") if day else value


def _shown(field, value: str, usernames: dict[str, str]) -> str | None:
    """A stored value as people read it: a choice by its label, a flag as yes or no, a person
    by their user name, a date as a date. None for another record's number, which means
    nothing to a reader."""
    if not value or value == MASK or field is None:
        return value
    if getattr(field, "choices", None):
        return str(dict((str(k), v) for k, v in field.flatchoices).get(value, value))
    if _is_user_relation(field):
        return usernames.get(value, "a deleted user")
    if field.is_relation:
        return None
    kind = field.get_internal_type()
    if kind == "BooleanField" and value in ("True", "False"):
        return "yes" if value == "True" else "no"
    if kind == "DateTimeField":
        return _when(value, with_time=True)
    if kind == "DateField":
        return _when(value, with_time=False)
    return value


def _change_line(field: str, values, model=None, usernames=None) -> str | None:
    if field in HIDDEN_CHANGE_FIELDS or field.endswith(HIDDEN_CHANGE_SUFFIXES):
        return None
    model_field = _model_field(model, field)
    label = words(getattr(model_field, "verbose_name", None) or field)
    if isinstance(values, dict):  # many-to-many
        verb = "added" if values.get("operation") == "add" else "removed"
        return f"{label}: {verb} {', '.join(values.get('objects', []))}"
    if not isinstance(values, list | tuple) or len(values) != 2:
        return None
    old, new = (_shown(model_field, _value(v), usernames or {}) for v in values)
    if old is None or new is None:
        return None
    if MASK in (old, new):
        if not old:
            return f"{label}: added (value not kept in the audit trail)"
        if not new:
            return f"{label}: cleared (value not kept in the audit trail)"
        return f"{label}: changed (value not kept in the audit trail)"
    if _UUID.match(old) or _UUID.match(new):
        return None  # another record's internal id: nothing a person can read
    if not old:
        return f"{label}: {new}" if new else None
    return f"{label}: {old} → {new}"


def _changed_model(event: AuditEvent):
    """The model a change-log entry is about, from its "app.model" label, if it still exists."""
    try:
        return apps.get_model(event.object_type) if "." in event.object_type else None
    except LookupError:
        return None


def _detail_value(key: str, value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(detail_value_label(key, v) for v in value) or "none"
    if isinstance(value, dict):
        shown = [f"{words(k).lower()}: {_detail_value(k, v)}" for k, v in value.items() if v]
        return ", ".join(shown) or "none"
    return detail_value_label(key, value)


def _user_ids(event: AuditEvent) -> set[str]:
    """The people a change-log entry points to by number ("assessed by", "requester")."""
    details = event.details if isinstance(event.details, dict) else {}
    if event.action not in CHANGE_LOG_ACTIONS or not details.get("changes"):
        return set()
    model = _changed_model(event)
    ids = set()
    for field, values in details["changes"].items():
        if _is_user_relation(_model_field(model, field)) and isinstance(values, list | tuple):
            ids.update(_value(v) for v in values if _value(v))
    return ids


def events_summarise(events: list[AuditEvent]) -> None:
    """Set each entry's `summary`, naming the people entries point to in one query at most."""
    ids = set().union(*(_user_ids(event) for event in events)) if events else set()
    usernames = {}
    if ids:
        users = get_user_model()._default_manager.filter(
            pk__in=[int(i) for i in ids if i.isdigit()]
        )
        usernames = {str(pk): name for pk, name in users.values_list("pk", "username")}
    for event in events:
        event.summary = event_summary(event, usernames=usernames)


def event_summary(event: AuditEvent, *, usernames: dict[str, str] | None = None) -> list[str]:
    """What an entry says, line by line, in words a supervisor can read."""
    details = event.details if isinstance(event.details, dict) else {}
    lines: list[str] = []
    if event.action in CHANGE_LOG_ACTIONS:
        record = words(details.get("record") or event.object_type)
        # A record's internal id means nothing to a reader; a user's or group's number does.
        lines.append(record if _UUID.match(str(event.object_id)) else f"{record} {event.object_id}")
        if event.action != Action.RECORD_DELETED:
            model = _changed_model(event)
            for field, values in sorted((details.get("changes") or {}).items()):
                if field in QUIET_FIELDS:
                    continue
                line = _change_line(field, values, model, usernames)
                if line:
                    lines.append(line)
        return lines
    for key, value in details.items():
        if key in HIDDEN_DETAILS:
            continue
        lines.append(f"{words(key)}: {_detail_value(key, value)}")
    return lines
