"""Form fields every app shares (the audit trail included, so this module imports no app)."""

from datetime import date

import django_filters
from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.layout import Size
from django.core.exceptions import ValidationError

_PARTS = ("day", "month", "year")


def _and_list(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else f"{', '.join(words[:-1])} and {words[-1]}"


class GovUKDateField(DateInputField):
    """The GOV.UK date input (day, month and year boxes), its errors in GOV.UK voice with codes.

    crispy-forms-gds's own field silently drops a half-filled date when the field is optional and
    reports generic wording for impossible dates; here both are errors, named after the question
    and, for a half-filled date, naming what is missing as GOV.UK's date input asks:
    "Received from must include a month and year", "Received from must be a real date".
    """

    def __init__(self, *, noun: str, **kwargs):
        super().__init__(**kwargs)
        self.noun = noun
        self.error_messages["required"] = f"Enter {noun.lower()}"
        self.error_messages["incomplete"] = f"{noun} must include a day, month and year"
        for subfield in self.fields:
            for validator in subfield.validators:
                validator.message = f"{noun} must be a real date"

    def compress(self, data_list):
        day, month, year = data_list
        if not (day or month or year):
            return None
        if not (day and month and year):
            missing = [name for name, part in zip(_PARTS, data_list, strict=True) if not part]
            raise ValidationError(
                f"{self.noun} must include a {_and_list(missing)}", code="incomplete"
            )
        if len(str(year).strip()) != 4:
            raise ValidationError(f"{self.noun} must include a 4-digit year", code="year_digits")
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{self.noun} must be a real date", code="invalid_date") from None


# A date filter's layout: its legend the size of the other filters' labels.
DATE_FILTER_CONTEXT = {"legend_size": Size.for_legend(Size.SMALL)}


class GovUKDateFilter(django_filters.Filter):
    """An optional django-filter filter read from a GOV.UK date input (name_0, name_1, name_2),
    its errors named after its label (or `noun`), with the usual hint."""

    field_class = GovUKDateField

    def __init__(self, *, label: str, noun: str | None = None, **kwargs):
        kwargs.setdefault("help_text", "For example, 27 3 2026")
        super().__init__(label=label, noun=noun or label, required=False, **kwargs)


def date_order_check(form, start: str, end: str) -> None:
    """An error on `end` if it comes before `start` ("Received to must be ... received from")."""
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        start_label, end_label = (
            getattr(form.fields[name], "noun", form.fields[name].label) for name in (start, end)
        )
        form.add_error(
            end,
            ValidationError(
                f"{end_label} must be the same as or after {start_label.lower()}",
                code="date_order",
            ),
        )
