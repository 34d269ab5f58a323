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
