"""How a log's people, places and vehicles read on its printed page."""

from datetime import date

from django import template

register = template.Library()

# The keys a log's items hold (triage.proposal.subject_details_copy), as people call them.
ITEM_LABELS = {
    "name": "Name",
    "date_of_birth": "Date of birth",
    "approximate_age": "Approximate age",
    "address": "Address",
    "setting": "School or setting",
    "description": "Description",
    "nicknames": "Nicknames",
    "phone_numbers": "Phone numbers",
    "social_media": "Social media",
    "registration": "Registration",
    "make": "Make",
    "model": "Model",
    "colour": "Colour",
}


def _shown(key: str, value) -> str:
    if key == "date_of_birth" and isinstance(value, str):
        try:
            return date.fromisoformat(value).strftime("%-d %B %Y")
        except ValueError:
            return value
    return str(value)


@register.filter
def item_parts(item: dict) -> list[tuple[str, str]]:
    """An item's answers as (label, value), leaving out those not given:
    {"date_of_birth": "2011-02-14"} -> [("Date of birth", "14 February 2011")]."""
    return [
        (ITEM_LABELS.get(key, key.replace("_", " ").capitalize()), _shown(key, value))
        for key, value in item.items()
        if value or value == 0
    ]
