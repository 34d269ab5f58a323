from datetime import datetime

from django import template
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def age(value: datetime | None) -> str:
    """How long ago, to the largest unit: "3 days ago", "2 hours ago", "just now"."""
    if not value:
        return ""
    text = timesince(value, depth=1)
    return "just now" if text.startswith("0\xa0minutes") else f"{text} ago"


_STATUS_TAG_CLASSES = {
    "new": "govuk-tag--blue",
    "in_progress": "govuk-tag--yellow",
    "awaiting_review": "govuk-tag--orange",
}


@register.filter
def status_tag_class(status: str) -> str:
    """The GOV.UK tag colour for a status (a filter: an include per queue row cost more)."""
    return _STATUS_TAG_CLASSES.get(status, "govuk-tag--grey")
